import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/index.ts';
import { creditorNameOf } from '../lib/bilingual.ts';
import { navigate } from '../lib/location.ts';
import { formatFen, deskCurrencyNow } from '../lib/money.ts';
import { findCaller } from './api.ts';
import { Problem } from './Problem.tsx';
import type { CallerLookupView, CallerMatchView } from './types.ts';
import { useSubmit } from './useSubmit.ts';
import { shortcutKeys } from './shortcuts.ts';

type By = CallerLookupView['matched_by'];
const NONE: Record<By, string> = { phone: 'workstation.caller.none', id_number: 'workstation.caller.noneById', account_no: 'workstation.caller.noneByAccount' };
const FOUND: Record<By, string> = { phone: 'workstation.caller.debtor', id_number: 'workstation.caller.debtorById', account_no: 'workstation.caller.debtorByAccount' };

/**
 * 来电查找: the number on the phone's display (or the ID number or account number the caller gives) → whose it
 * is and the accounts to answer on. A third party's number says so before anything else: the
 * debt is not theirs to hear about.
 */
export function CallerLookup({ onSessionExpired }: { onSessionExpired(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [by, setBy] = useState<By>('phone');
  const [value, setValue] = useState('');
  const [result, setResult] = useState<CallerLookupView | null>(null);
  const submit = useSubmit(onSessionExpired);
  // The example number is the desk's country's (the currency of the accounts the user works says which), whatever the screen's language.
  const currency = deskCurrencyNow();

  async function find(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setResult(null);
    await submit.run(async () => setResult(await findCaller({ [by]: value } as Record<By, string>)));
  }

  return (
    <section className="ws-caller" aria-labelledby={`${id}-h`} data-testid="caller-lookup">
      <form className="ws-caller-form" onInvalidCapture={submit.clear} onSubmit={(e) => void find(e)}>
        <h2 id={`${id}-h`}>{t('workstation.caller.title')}</h2>
        <select value={by} onChange={(e) => setBy(e.target.value as By)} aria-label={t('workstation.caller.by')}>
          <option value="phone">{t('workstation.caller.phone')}</option>
          <option value="id_number">{t(`workstation.caller.idNumberBy.${currency}`)}</option>
          <option value="account_no">{t('workstation.caller.accountNo')}</option>
        </select>
        <input value={value} onChange={(e) => setValue(e.target.value)} required maxLength={by === 'account_no' ? 64 : 40} autoComplete="off"
          aria-label={t(by === 'phone' ? 'workstation.caller.phone' : by === 'account_no' ? 'workstation.caller.accountNo' : `workstation.caller.idNumberBy.${currency}`)}
          placeholder={t(by === 'phone' ? `workstation.caller.phonePlaceholder.${currency}` : by === 'account_no' ? 'workstation.caller.accountPlaceholder' : 'workstation.caller.idPlaceholder')} data-testid="caller-value"
          data-shortcut="caller" aria-keyshortcuts={shortcutKeys('caller')} />
        <button type="submit" className="button" disabled={submit.busy || value.trim() === ''}>{t('workstation.caller.find')}</button>
      </form>
      <Problem problem={submit.problem} onReload={() => submit.clear()} />
      {result === null ? null : result.matches.length === 0
        ? <p className="muted" role="status" data-testid="caller-none">{t(NONE[result.matched_by], { value: result.value_mask })}</p>
        : result.matches.map((m) => <Match key={`${m.debtor_id}:${m.contact_point_id ?? ''}`} match={m} by={result.matched_by} />)}
    </section>
  );
}

function Match({ match, by }: { match: CallerMatchView; by: By }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const name = match.accounts[0]?.debtor_name ?? null;
  const open = (accountId: number) => navigate(`/workstation/accounts/${accountId}?inbound=${match.contact_point_id ?? ''}`);
  return (
    <div className="ws-caller-match" data-testid="caller-match">
      {match.party === 'third_party' ? (
        <p className="banner banner--warning" role="alert">
          {t('workstation.caller.thirdParty', { name: match.third_party_name ?? '', relation: match.relation ?? t('workstation.parties.third_party') })}
        </p>
      ) : (
        <p className="banner banner--info">{name ? t(FOUND[by], { name }) : t('workstation.caller.debtorUnnamed')}</p>
      )}
      {match.accounts.length > 0 ? (
        <table className="ws-table">
          <thead><tr>
            <th>{t('workstation.summary.creditor')}</th><th>{t('workstation.summary.accountNo')}</th><th>{t('workstation.summary.balance')}</th>
            <th>{t('workstation.summary.dpd')}</th><th>{t('workstation.caller.status')}</th><th>{t('workstation.log.by')}</th><th />
          </tr></thead>
          <tbody>{match.accounts.map((a) => (
            <tr key={a.id} data-testid="caller-account">
              <td>{creditorNameOf(a, locale)}</td>
              <td>{a.account_no_mask} · {t(`products.${a.product}`, { defaultValue: a.product })}</td>
              <td>{formatFen(a.balance_fen, locale, a.currency)}</td>
              <td>{a.dpd} · {a.bucket}</td>
              <td>{t(`status.${a.status}`, { defaultValue: a.status })}</td>
              <td>{a.collector_name ?? '—'}</td>
              <td><button type="button" className="button button--primary" onClick={() => open(a.id)}>{t('workstation.caller.answer')}</button></td>
            </tr>
          ))}</tbody>
        </table>
      ) : null}
      {match.elsewhere.length > 0 ? (
        <ul className="muted" data-testid="caller-elsewhere">{match.elsewhere.map((e) => (
          <li key={e.collector_name ?? ''}>
            {e.collector_name
              ? t('workstation.caller.heldBy', { count: e.accounts, name: e.collector_name })
              : t('workstation.caller.unassigned', { count: e.accounts })}
          </li>
        ))}</ul>
      ) : null}
    </div>
  );
}
