import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { personalText } from '../lib/bilingual.ts';
import { ApiError } from '../lib/api.ts';
import { addContactPoint, markContactPoint, recordContactConsent, recordNoCalls, revealPii } from './api.ts';
import { Problem } from './Problem.tsx';
import { sourceWords } from './sources.ts';
import type { AccountPageView } from './types.ts';
import { useSubmit } from './useSubmit.ts';

interface Props { page: AccountPageView; onDone(): void; onReload(): void; onSessionExpired(): void }

/** Contact points with provenance and state; mark wrong/invalid or verified; add skip-traced ones. */
export function ContactPoints({ page, onDone, onReload, onSessionExpired }: Props) {
  const { t } = useTranslation();
  const submit = useSubmit(onSessionExpired);
  const [draft, setDraft] = useState({ kind: 'phone', value: '', owner: 'debtor', third_party_name: '', relation: '', source: 'skip_trace', reliability: 'medium' });
  // An e-mail address: the employer's (a work address), and whether the debtor asked us to use it (12 CFR 1006.22(f)(3)).
  const [work, setWork] = useState({ employer: false, consented: false });
  // The value is on file as another person's: the server asks the collector to say they checked it is this debtor's own.
  const [shared, setShared] = useState({ asked: false, checked: false });
  // Shown in clear for this view only, after a reason the audit keeps (a number dialled by hand, an address to write to).
  const [revealed, setRevealed] = useState<Map<number, string> | null>(null);
  const [revealReason, setRevealReason] = useState('');
  async function reveal(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    let values: Map<number, string> | null = null;
    const ok = await submit.run(async () => { values = new Map((await revealPii(page.account.id, revealReason.trim())).contact_points.map((c) => [c.id, c.value])); });
    if (ok) setRevealed(values);
  }
  const set = (key: keyof typeof draft) => (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value });

  async function mark(pointId: number, state: string): Promise<void> {
    // Marking a number or address invalid stops its use at once: said and confirmed first, as one click would otherwise do it.
    const point = page.contact_points.find((p) => p.id === pointId);
    if (state === 'invalid' && point && !window.confirm(t('workstation.points.confirmInvalid', { point: `${t(`workstation.kinds.${point.kind}`)} ${point.value_mask}` }))) return;
    const ok = await submit.run(() => markContactPoint(pointId, { account_id: page.account.id, state, reason: t(`workstation.points.reason.${state}`),
      expected_version: page.account.version }));
    if (ok) onDone();
  }
  // Under a US contract: the debtor's agreement to e-mails at an address of theirs (Reg F's safe harbour), and under New York
  // City's rules to texts at a number (none goes without it; elsewhere a number's agreement changes nothing, so it is not asked).
  const us = page.validation_notice !== null;
  const asksConsent = (kind: string) => us && (kind === 'email' || (kind === 'phone' && page.texts_need_consent));
  async function consent(pointId: number, consented: boolean): Promise<void> {
    const ok = await submit.run(() => recordContactConsent(pointId, { account_id: page.account.id, consented,
      note: t(consented ? 'workstation.points.consentNote' : 'workstation.points.withdrawNote'), expected_version: page.account.version }));
    if (ok) onDone();
  }
  // A person may ask not to be called at a given number (a work phone): calls to it are refused while it stands.
  async function noCalls(pointId: number, on: boolean): Promise<void> {
    const ok = await submit.run(() => recordNoCalls(pointId, { account_id: page.account.id, no_calls: on,
      note: t(on ? 'workstation.points.noCallsNote' : 'workstation.points.allowCallsNote'), expected_version: page.account.version }));
    if (ok) onDone();
  }
  async function add(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const ok = await submit.run(async () => {
      try {
        await addContactPoint(page.account.id, {
          kind: draft.kind, value: draft.value, owner: draft.owner, source: draft.source, reliability: draft.reliability, expected_version: page.account.version,
          ...(draft.owner === 'third_party' ? { third_party_name: draft.third_party_name, relation: draft.relation } : {}),
          ...(draft.kind === 'email' ? { employer_provided: work.employer, debtor_consented: work.employer && work.consented } : {}),
          ...(draft.owner === 'debtor' && shared.checked ? { confirmed_shared: true } : {}),
        });
      } catch (error) {
        if (error instanceof ApiError && error.details.shared === true) setShared({ asked: true, checked: false });
        throw error;
      }
    });
    if (ok) { setDraft({ ...draft, value: '', third_party_name: '', relation: '' }); setWork({ employer: false, consented: false }); setShared({ asked: false, checked: false }); onDone(); }
  }
  /** A change to what is being added: a check said for another value does not carry over. */
  const setAndForget = (key: keyof typeof draft) => (e: { target: { value: string } }) => { setShared({ asked: false, checked: false }); set(key)(e); };

  return (
    <section className="ws-section" aria-label={t('workstation.points.title')} data-testid="contact-points">
      <h2>{t('workstation.points.title')}</h2>
      {page.account.lost_contact ? <p className="banner banner--warning" data-testid="lost-contact">{t('workstation.points.lost')}</p> : null}
      {revealed === null ? (
        <form className="sv-inline" onInvalidCapture={submit.clear} onSubmit={(e) => void reveal(e)} data-testid="reveal-form">
          <label>{t('workstation.points.revealReason')}
            <input value={revealReason} onChange={(e) => setRevealReason(e.target.value)} required minLength={2} maxLength={200}
              placeholder={t('workstation.points.revealHint')} /></label>{' '}
          <button type="submit" className="button button--quiet" disabled={submit.busy}>{t('workstation.points.reveal')}</button>
        </form>
      ) : <p className="muted" data-testid="revealed-note">{t('workstation.points.revealedNote')}</p>}
      <table className="ws-table">
        <thead>
          <tr>
            <th>{t('workstation.points.value')}</th><th>{t('workstation.points.owner')}</th><th>{t('workstation.points.source')}</th>
            <th>{t('workstation.points.state')}</th><th><span className="visually-hidden">{t('workstation.points.actions')}</span></th>
          </tr>
        </thead>
        <tbody>
          {page.contact_points.map((p) => (
            <tr key={p.id} data-testid="contact-point" className={p.verified === 'invalid' ? 'ws-invalid' : undefined}>
              <td>{t(`workstation.kinds.${p.kind}`)} {revealed?.get(p.id) !== undefined ? <strong className="mono" data-testid="revealed-value">{revealed.get(p.id)}</strong> : personalText(p.value_mask, t('app.erased'))}
                {p.employer_provided ? <span className="ws-tag" data-testid="work-email">
                  {t(p.debtor_consented ? 'workstation.points.workConsented' : 'workstation.points.work')}</span>
                  : us && p.debtor_consented && p.owner === 'debtor' ? <span className="ws-tag" data-testid="consented">{t('workstation.points.consented')}</span> : null}
                {p.opted_out.includes('call') ? <span className="ws-tag" data-testid="no-calls">{t('workstation.points.noCalls')}</span> : null}
                {p.shared ? <span className="ws-tag" data-testid="shared-phone" title={t('workstation.points.sharedWhy')}>{t('workstation.points.shared')}</span> : null}</td>
              <td>{p.owner === 'debtor' ? t('workstation.points.debtor') : `${p.third_party_name !== null ? personalText(p.third_party_name, t('app.erased')) : ''}${p.relation ? ` (${p.relation})` : ''}`}</td>
              <td title={p.source}>
                {sourceWords(p.source, t)}
                {typeof p.provenance.reliability === 'string' ? ` · ${t(`workstation.reliability.${p.provenance.reliability}`)}` : ''}
              </td>
              <td>{t(`workstation.verified.${p.verified}`)}{p.opted_out.length > 0 ? ` · ${t('workstation.points.optedOut')}` : ''}</td>
              <td className="ws-actions">
                {p.erased ? null : <>
                {p.verified !== 'invalid' ? (
                  <button type="button" className="button button--quiet" disabled={submit.busy} onClick={() => void mark(p.id, 'invalid')}>
                    {t('workstation.points.markInvalid')}
                  </button>
                ) : null}
                {p.verified !== 'verified' ? (
                  <button type="button" className="button button--quiet" disabled={submit.busy} onClick={() => void mark(p.id, 'verified')}>
                    {t('workstation.points.markVerified')}
                  </button>
                ) : null}
                {p.kind === 'phone' && p.verified !== 'invalid' ? (
                  <button type="button" className="button button--quiet" disabled={submit.busy} data-testid={p.opted_out.includes('call') ? 'allow-calls' : 'mark-no-calls'}
                    onClick={() => void noCalls(p.id, !p.opted_out.includes('call'))}>
                    {t(p.opted_out.includes('call') ? 'workstation.points.allowCalls' : 'workstation.points.markNoCalls')}
                  </button>
                ) : null}
                {asksConsent(p.kind) && p.owner === 'debtor' && p.verified !== 'invalid' ? (
                  <button type="button" className="button button--quiet" disabled={submit.busy} data-testid={p.debtor_consented ? 'withdraw-consent' : 'record-consent'}
                    onClick={() => void consent(p.id, !p.debtor_consented)}>
                    {t(p.debtor_consented ? 'workstation.points.withdrawConsent' : 'workstation.points.recordConsent')}
                  </button>
                ) : null}
              </>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form className="ws-form" onInvalidCapture={submit.clear} onSubmit={(e) => void add(e)} data-testid="add-point-form">
        <h3>{t('workstation.points.add')}</h3>
        <div className="ws-grid">
          <label>{t('workstation.points.kind')}
            <select value={draft.kind} onChange={set('kind')}>
              {['phone', 'address', 'email'].map((k) => <option key={k} value={k}>{t(`workstation.kinds.${k}`)}</option>)}
            </select>
          </label>
          <label>{t('workstation.points.value')}<input value={draft.value} onChange={setAndForget('value')} required autoComplete="off"
            aria-invalid={submit.problem?.kind === 'error' && submit.problem.field === 'value' ? true : undefined} /></label>
          <label>{t('workstation.points.owner')}
            <select value={draft.owner} onChange={setAndForget('owner')}>
              <option value="debtor">{t('workstation.points.debtor')}</option>
              <option value="third_party">{t('workstation.points.thirdParty')}</option>
            </select>
          </label>
          {draft.owner === 'third_party' ? (
            <>
              <label>{t('workstation.points.name')}<input value={draft.third_party_name} onChange={set('third_party_name')} required /></label>
              <label>{t('workstation.points.relation')}<input value={draft.relation} onChange={set('relation')} /></label>
            </>
          ) : null}
          {draft.kind === 'email' ? (
            <>
              <label className="check"><input type="checkbox" checked={work.employer} onChange={(e) => setWork({ ...work, employer: e.target.checked })} />
                {t('workstation.points.employerProvided')}</label>
              {work.employer ? (
                <label className="check"><input type="checkbox" checked={work.consented} onChange={(e) => setWork({ ...work, consented: e.target.checked })} />
                  {t('workstation.points.debtorConsented')}</label>
              ) : null}
            </>
          ) : null}
          <label>{t('workstation.points.source')}
            <select value={draft.source} onChange={set('source')}>
              {['skip_trace', 'debtor', 'creditor'].map((k) => <option key={k} value={k}>{t(`workstation.points.sources.${k}`)}</option>)}
            </select>
          </label>
          <label>{t('workstation.points.reliabilityLabel')}
            <select value={draft.reliability} onChange={set('reliability')}>
              {['high', 'medium', 'low'].map((r) => <option key={r} value={r}>{t(`workstation.points.reliabilityLevels.${r}`)}</option>)}
            </select>
          </label>
        </div>
        <Problem problem={submit.problem} onReload={onReload} />
        {shared.asked && draft.owner === 'debtor' ? (
          <label className="check" data-testid="confirm-shared"><input type="checkbox" checked={shared.checked} onChange={(e) => setShared({ asked: true, checked: e.target.checked })} />
            {t('workstation.points.confirmShared')}</label>
        ) : null}
        <button type="submit" className="button" disabled={submit.busy}>{t('workstation.points.addSubmit')}</button>
      </form>
    </section>
  );
}
