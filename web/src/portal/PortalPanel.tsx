import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatFen, useCurrency, type Currency } from '../lib/money.ts';
import { formatInstant } from '../lib/time.ts';
import { useAction } from '../supervisor/useAction.ts';
import { useLoad } from '../supervisor/useLoad.ts';
import { request } from '../workstation/request.ts';

interface PortalAction { reference: string; kind: string; summary: string; created_at: string; detail?: Record<string, unknown> }
interface Preferences { preferred_from: string | null; preferred_to: string | null; adviser_name: string | null; adviser_phone_mask: string | null; opted_out_channels: string[] }
interface IssuedLink { url: string; expires_at: string; sms: { outbox_id: number; to: string } | null; decision: { allowed: boolean; reasons: Array<{ message: string; message_zh: string }> } | null }

/**
 * What the debtor did, in the reader's words from its facts: a promise's amount (in the account's
 * currency) and date, a plan's months; a dispute's or complaint's own words as the debtor wrote them.
 */
function actionWords(a: PortalAction, t: (key: string, options?: Record<string, unknown>) => string, language: string, currency: Currency): string {
  const d = a.detail ?? {};
  const locale = language === 'zh-CN' ? 'zh-CN' : 'en';
  if (a.kind === 'promise' && typeof d.amount_fen === 'number' && typeof d.due_date === 'string') {
    return t(d.replaces ? 'portal.promiseMoved' : 'portal.promiseWords', { amount: formatFen(d.amount_fen, locale, currency), date: d.due_date });
  }
  if (a.kind === 'hardship' && typeof d.months === 'number') return t('portal.hardshipWords', { months: d.months });
  if (a.kind === 'preferences' && 'opt_outs' in d) {
    const optOuts = Array.isArray(d.opt_outs) ? d.opt_outs.map((c) => t(`portal.channels.${String(c)}`, { defaultValue: String(c) })) : [];
    const parts = [
      typeof d.preferred_from === 'string' ? `${t('portal.panel.hours')} ${d.preferred_from}-${String(d.preferred_to)}` : null,
      optOuts.length ? `${t('portal.panel.optOuts')} ${optOuts.join(t('portal.listSeparator'))}` : null,
      d.adviser === true ? t('portal.prefsAdviser') : null,
      typeof d.email_contact_point_id === 'number' ? t('portal.prefsEmail') : null,
      Array.isArray(d.text_phones) ? t('portal.prefsTexts', { count: d.text_phones.length }) : null,
    ].filter((x) => x !== null);
    return parts.length ? parts.join(t('portal.partSeparator')) : t('portal.prefsCleared');
  }
  return a.summary;
}

/**
 * The debtor portal on the collector's account page: send or print a personal link, and see
 * what the debtor did in the portal (reference numbers) and their contact preferences.
 */
export function PortalPanel({ accountId, onSessionExpired }: { accountId: number; onSessionExpired(): void }) {
  const { t, i18n } = useTranslation();
  const currency = useCurrency();
  const { state, reload } = useLoad((signal) => request<{ actions: PortalAction[]; preferences: Preferences }>('GET', `/api/accounts/${accountId}/portal-actions`, undefined, signal),
    onSessionExpired, [accountId]);
  const action = useAction(onSessionExpired);
  const [issued, setIssued] = useState<IssuedLink | null>(null);
  const issue = async (sms: boolean) => {
    const link = await action.run(() => request<IssuedLink>('POST', `/api/accounts/${accountId}/portal-link`, { sms }));
    if (link) { setIssued(link); reload(); }
  };
  const prefs = state.kind === 'ready' ? state.data.preferences : null;
  const zh = i18n.language === 'zh-CN';
  return (
    <section className="ws-section" aria-labelledby="portal-panel-title" data-testid="portal-panel">
      <h2 id="portal-panel-title">{t('portal.panel.title')}</h2>
      <p>
        <button type="button" className="button" disabled={action.busy} onClick={() => void issue(true)}>{t('portal.panel.sendSms')}</button>{' '}
        <button type="button" className="button" disabled={action.busy} onClick={() => void issue(false)}>{t('portal.panel.forLetter')}</button>
      </p>
      {action.problem && <p role="alert" className="problem">⚠ {action.problem}</p>}
      {issued && (
        <div role="status" data-testid="portal-link">
          <p>{t('portal.panel.link')}: <code>{issued.url}</code> ({t('portal.panel.expires', { date: issued.expires_at.slice(0, 10) })})</p>
          {issued.sms ? <p>✓ {t('portal.panel.smsQueued', { to: issued.sms.to })}</p>
            : issued.decision ? <p>⚠ {t('portal.panel.smsNotNow')}: {issued.decision.reasons.map((r) => (zh ? r.message_zh : r.message)).join('; ')}</p> : null}
        </div>
      )}
      {prefs && (prefs.preferred_from || prefs.adviser_name || prefs.opted_out_channels.length > 0) && (
        <dl className="kv" data-testid="portal-preferences">
          {prefs.preferred_from && <><dt>{t('portal.panel.hours')}</dt><dd>{prefs.preferred_from}-{prefs.preferred_to}</dd></>}
          {prefs.opted_out_channels.length > 0 && <><dt>{t('portal.panel.optOuts')}</dt><dd>{prefs.opted_out_channels.map((c) => t(`portal.channels.${c}`, { defaultValue: c })).join(', ')}</dd></>}
          {prefs.adviser_name && <><dt>{t('portal.panel.adviser')}</dt><dd>{prefs.adviser_name} {prefs.adviser_phone_mask}</dd></>}
        </dl>
      )}
      {state.kind === 'ready' && state.data.actions.length > 0 && (
        <table className="data-table">
          <thead><tr><th scope="col">{t('portal.panel.reference')}</th><th scope="col">{t('portal.panel.when')}</th><th scope="col">{t('portal.panel.what')}</th></tr></thead>
          <tbody>{state.data.actions.map((a) => (
            <tr key={a.reference}><td><code>{a.reference}</code></td><td>{formatInstant(a.created_at)}</td>
              <td>{t(`portal.kinds.${a.kind}`, { defaultValue: a.kind })}: {actionWords(a, t, i18n.language, currency)}</td></tr>
          ))}</tbody>
        </table>
      )}
    </section>
  );
}
