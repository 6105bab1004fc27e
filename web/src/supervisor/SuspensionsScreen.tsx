import { creditorNameOf, inReaderLanguage } from '../lib/bilingual.ts';
import { currentLocale } from '../i18n/index.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, fetchAccounts } from '../lib/api.ts';
import type { Role } from '../lib/types.ts';
import { createSuspension, endSuspension, fetchHolds, fetchSuspensions, HOLD_KINDS, placeHold, releaseHold, type AttemptInWindow, type Hold } from './api.ts';
import { formatDateTime } from './format.ts';
import { useAction } from './useAction.ts';
import { useLoad } from './useLoad.ts';

function Problem({ text }: { text: string | null }) {
  return text === null ? null : <p className="banner banner--error" role="alert">{text}</p>;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function SuspensionForm({ onSaved, onSessionExpired }: { onSaved(): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const [scope, setScope] = useState<'region' | 'creditor' | 'account'>('region');
  const [code, setCode] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [ended, setEnded] = useState<number | null>(null);
  const [inWindow, setInWindow] = useState<AttemptInWindow[]>([]);
  const action = useAction(onSessionExpired);
  return (
    <form className="sv-form" noValidate data-testid="suspension-form" onSubmit={(e) => {
      e.preventDefault();
      setEnded(null);   // a later attempt's outcome replaces the last one's
      setInWindow([]);
      if (code.trim() === '' || !DATE.test(from) || (to !== '' && !DATE.test(to)) || reason.trim().length < 2) {
        action.setProblem(t('supervisor.suspensions.invalid')); return;
      }
      if (to !== '' && to < from) { action.setProblem(t('supervisor.suspensions.toBeforeFrom', { from, to })); return; }
      void action.run(() => createSuspension({ scope, code: code.trim(), from, ...(to ? { to } : {}), reason: reason.trim() }))
        .then((r) => { if (r !== undefined) { setCode(''); setReason(''); setEnded(r.promises_ended); setInWindow(r.attempts_in_window); onSaved(); } });
    }}>
      <h2>{t('supervisor.suspensions.create')}</h2>
      <label>{t('supervisor.suspensions.scope')}
        <select value={scope} onChange={(e) => setScope(e.target.value as typeof scope)}>
          {(['region', 'creditor', 'account'] as const).map((s) => <option key={s} value={s}>{t(`supervisor.suspensions.scopes.${s}`)}</option>)}
        </select>
      </label>
      <label>{t('supervisor.suspensions.code')}<input type="text" value={code} onChange={(e) => setCode(e.target.value)} /></label>
      <label>{t('supervisor.suspensions.from')}<input type="date" value={from} onChange={(e) => setFrom(e.target.value)} /></label>
      <label>{t('supervisor.suspensions.to')}<input type="date" value={to} onChange={(e) => setTo(e.target.value)} /></label>
      <label>{t('supervisor.suspensions.reason')}<input type="text" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} /></label>
      <Problem text={action.problem} />
      {ended !== null ? <p className="muted" role="status" data-testid="suspension-created">{t('supervisor.suspensions.created', { count: ended })}</p> : null}
      {inWindow.length > 0 ? <AttemptsInWindow attempts={inWindow} /> : null}
      <div><button type="submit" className="button button--primary" disabled={action.busy}>{t('supervisor.suspensions.create')}</button></div>
    </form>
  );
}

/** A backdated suspension's window already held contacts: each listed, to be reviewed (the suspension cannot undo them). */
function AttemptsInWindow({ attempts }: { attempts: AttemptInWindow[] }) {
  const { t } = useTranslation();
  const shown = attempts.slice(0, 50);
  return (
    <div className="banner banner--warning" role="alert" data-testid="suspension-attempts">
      <p>{t('supervisor.suspensions.attemptsInWindow', { count: attempts.length })}</p>
      <table className="table">
        <thead><tr><th scope="col">{t('supervisor.suspensions.attemptAt')}</th><th scope="col">{t('supervisor.suspensions.attemptAccount')}</th>
          <th scope="col">{t('supervisor.suspensions.attemptChannel')}</th><th scope="col">{t('supervisor.suspensions.attemptCollector')}</th></tr></thead>
        <tbody>{shown.map((a) => (
          <tr key={a.id}><td>{formatDateTime(a.at)}</td><td><a href={`/workstation/accounts/${a.account_id}`}>{a.creditor_code} #{a.account_id}</a></td>
            <td>{t(`workstation.channels.${a.channel}`, { defaultValue: a.channel })}</td><td>{a.collector_name ?? t('supervisor.suspensions.system')}</td></tr>))}</tbody>
      </table>
      {attempts.length > shown.length ? <p className="muted">{t('supervisor.suspensions.attemptsMore', { count: attempts.length - shown.length })}</p> : null}
    </div>
  );
}

function Suspensions({ role, onSessionExpired }: { role: Role; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  const { state, reload } = useLoad((signal) => fetchSuspensions(all, signal), onSessionExpired, [all]);
  const end = useAction(onSessionExpired);
  return (
    <section aria-labelledby="sv-susp-title" className="sv-screen">
      <div className="screen-head">
        <h2 id="sv-susp-title">{t('supervisor.suspensions.title')}</h2>
        <label className="sv-inline"><input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />{t('supervisor.suspensions.showEnded')}</label>
      </div>
      {state.kind === 'error' ? <Problem text={t('supervisor.loadFailed', { message: state.message })} /> : null}
      <Problem text={end.problem} />
      {state.kind === 'ready' && state.data.items.length === 0 ? <p>{t('supervisor.suspensions.none')}</p> : null}
      {state.kind === 'ready' && state.data.items.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table" data-testid="suspension-table">
            <caption className="visually-hidden">{t('supervisor.suspensions.title')}</caption>
            <thead><tr>
              <th scope="col">{t('supervisor.suspensions.scope')}</th><th scope="col">{t('supervisor.suspensions.code')}</th>
              <th scope="col">{t('supervisor.suspensions.from')}</th><th scope="col">{t('supervisor.suspensions.to')}</th>
              <th scope="col">{t('supervisor.suspensions.reason')}</th><th scope="col">{t('supervisor.suspensions.state')}</th>
              {role === 'admin' ? <th scope="col"><span className="visually-hidden">{t('supervisor.suspensions.end')}</span></th> : null}
            </tr></thead>
            <tbody>
              {state.data.items.map((s) => (
                <tr key={s.id}>
                  <td>{t(`supervisor.suspensions.scopes.${s.scope}`)}</td><td className="mono">{s.code}</td><td>{s.from_date}</td>
                  <td>{s.to_date ?? t('supervisor.suspensions.open')}</td><td>{s.reason}</td>
                  <td>{t(`supervisor.suspensions.states.${s.state}`)}</td>
                  {role === 'admin' ? (
                    <td>{s.state === 'in_force' || s.state === 'scheduled' ? (
                      <button type="button" className="button button--quiet" disabled={end.busy}
                        onClick={() => void end.run(() => endSuspension(s.id)).then((r) => { if (r !== undefined) reload(); })}>
                        {t('supervisor.suspensions.end')}
                      </button>) : null}
                    </td>) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {role === 'admin' ? <SuspensionForm onSaved={reload} onSessionExpired={onSessionExpired} /> : <p className="muted">{t('supervisor.suspensions.adminOnly')}</p>}
    </section>
  );
}

function HoldRow({ hold, onChanged, onSessionExpired }: { hold: Hold; onChanged(): void; onSessionExpired(): void }) {
  const { t, i18n } = useTranslation();
  const [reason, setReason] = useState('');
  const action = useAction(onSessionExpired);
  const id = `release-${hold.id}`;
  return (
    <tr>
      <td>{t(`workstation.holdKinds.${hold.kind}`, { defaultValue: hold.kind })}</td>
      <td>{hold.account_id === null ? t('supervisor.holds.scopes.debtor') : t('supervisor.holds.scopes.account')}</td>
      <td>{inReaderLanguage(hold.reason, i18n.language)}{hold.released_reason ? <span className="muted"><br />{t('supervisor.holds.releasedWhy', { reason: inReaderLanguage(hold.released_reason, i18n.language) })}</span> : null}</td><td>{hold.starts_on}</td>
      <td>{hold.last_day === null ? t('supervisor.suspensions.open') : hold.last_day === hold.ends_on ? hold.last_day : t('supervisor.holds.byLaw', { date: hold.last_day })}</td>
      <td>{hold.in_force ? t('supervisor.holds.inForce') : hold.released_at !== null ? t('supervisor.holds.released') : t('supervisor.holds.notInForce')}</td>
      <td>{hold.in_force ? (
        <form className="sv-inline" noValidate onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim().length < 2) { action.setProblem(t('supervisor.holds.reasonRequired')); return; }
          void action.run(async () => { await releaseHold(hold.id, reason.trim()); return true; }).then((done) => { if (done === true) onChanged(); });
        }}>
          <label htmlFor={id} className="visually-hidden">{t('supervisor.holds.releaseReason')}</label>
          <input id={id} type="text" placeholder={t('supervisor.holds.releaseReason')} value={reason} onChange={(e) => setReason(e.target.value)} />
          <button type="submit" className="button button--quiet" disabled={action.busy}>{t('supervisor.holds.release')}</button>
          {action.problem !== null ? <span className="sv-field-error" role="alert">{action.problem}</span> : null}
        </form>) : null}
      </td>
    </tr>
  );
}

function AccountHolds({ accountId, onSessionExpired }: { accountId: number; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const { state, reload } = useLoad((signal) => fetchHolds(accountId, signal), onSessionExpired, [accountId]);
  const [kind, setKind] = useState<string>('dispute');
  const [scope, setScope] = useState<'account' | 'debtor'>('account');
  const [reason, setReason] = useState('');
  const [startsOn, setStartsOn] = useState('');
  const [endsOn, setEndsOn] = useState('');
  const action = useAction(onSessionExpired);
  return (
    <div className="sv-screen" data-testid="account-holds">
      {state.kind === 'error' ? <Problem text={t('supervisor.loadFailed', { message: state.message })} /> : null}
      {state.kind === 'error' ? null : <>
      {state.kind === 'ready' && state.data.items.length === 0 ? <p>{t('supervisor.holds.none')}</p> : null}
      {state.kind === 'ready' && state.data.items.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t('supervisor.holds.title')}</caption>
            <thead><tr>
              <th scope="col">{t('supervisor.holds.kind')}</th><th scope="col">{t('supervisor.holds.scope')}</th>
              <th scope="col">{t('supervisor.suspensions.reason')}</th><th scope="col">{t('supervisor.suspensions.from')}</th>
              <th scope="col">{t('supervisor.suspensions.to')}</th><th scope="col">{t('supervisor.suspensions.state')}</th>
              <th scope="col">{t('supervisor.holds.release')}</th>
            </tr></thead>
            <tbody>{state.data.items.map((h) => <HoldRow key={h.id} hold={h} onChanged={reload} onSessionExpired={onSessionExpired} />)}</tbody>
          </table>
        </div>
      ) : null}
      <form className="sv-form" noValidate onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim().length < 2) { action.setProblem(t('supervisor.holds.reasonRequired')); return; }
        if (startsOn !== '' && endsOn !== '' && endsOn < startsOn) { action.setProblem(t('supervisor.holds.endBeforeStart', { from: startsOn, to: endsOn })); return; }
        const dates = { ...(startsOn === '' ? {} : { starts_on: startsOn }), ...(endsOn === '' ? {} : { ends_on: endsOn }) };
        void action.run(() => placeHold(accountId, { kind, scope, reason: reason.trim(), ...dates })).then((r) => {
          if (r !== undefined) { setReason(''); setStartsOn(''); setEndsOn(''); reload(); }
        });
      }}>
        <h3>{t('supervisor.holds.place')}</h3>
        <label>{t('supervisor.holds.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value)}>
            {/* The kinds this account's contract has rules for (the UK's moratoria only under a UK contract). */}
            {(state.kind === 'ready' ? state.data.kinds : HOLD_KINDS).map((k) => <option key={k} value={k}>{t(`workstation.holdKinds.${k}`, { defaultValue: k })}</option>)}
          </select>
        </label>
        <label>{t('supervisor.holds.scope')}
          <select value={scope} onChange={(e) => setScope(e.target.value as 'account' | 'debtor')}>
            <option value="account">{t('supervisor.holds.scopes.account')}</option>
            <option value="debtor">{t('supervisor.holds.scopes.debtor')}</option>
          </select>
        </label>
        <label>{t('supervisor.suspensions.reason')}<input type="text" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} /></label>
        <label>{t('supervisor.holds.startsOn')}<input type="date" value={startsOn} onChange={(e) => setStartsOn(e.target.value)} /></label>
        <label>{t('supervisor.holds.endsOn')}<input type="date" value={endsOn} min={startsOn === '' ? undefined : startsOn} onChange={(e) => setEndsOn(e.target.value)} /></label>
        {/* The UK's moratoria end by law: said only where this account's contract offers them. */}
        {state.kind === 'ready' && state.data.kinds.some((k) => k === 'breathing_space' || k === 'plan_pending')
          ? <p className="muted" data-testid="uk-dates-hint">{t('supervisor.holds.datesHint')}</p> : null}
        <Problem text={action.problem} />
        <div><button type="submit" className="button button--primary" disabled={action.busy}>{t('supervisor.holds.place')}</button></div>
      </form>
      </>}
    </div>
  );
}

export function SuspensionsScreen({ role, onSessionExpired }: { role: Role; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const [input, setInput] = useState('');
  const [accountId, setAccountId] = useState<number | null>(null);
  /** Which account the holds below are, said above them (a number found one account; #id names the page's). */
  const [shown, setShown] = useState<string>('');
  const [problem, setProblem] = useState<string | null>(null);
  /**
   * The account by its bank account number (whole, or the last four digits the lists show), or by
   * the page's id written #1600: a bare number that matches no account is said so, never read as an id.
   */
  async function find(text: string): Promise<void> {
    setAccountId(null);
    if (text === '') { setProblem(t('supervisor.holds.accountInvalid')); return; }
    const byId = /^#([1-9]\d{0,9})$/.exec(text);
    if (byId) { setProblem(null); setShown(`#${byId[1]!}`); setAccountId(Number(byId[1])); return; }
    try {
      const { items } = await fetchAccounts({ q: text, limit: 2, offset: 0, placement: '', status: '' });
      if (items.length === 1) {
        const a = items[0]!;
        setProblem(null);
        setShown(`${a.debtor_name} · ${a.account_no_mask} · ${creditorNameOf(a, currentLocale())}`);
        setAccountId(a.id);
        return;
      }
      if (items.length > 1) { setProblem(t('supervisor.holds.accountAmbiguous', { text })); return; }
      setProblem(t('supervisor.holds.accountNotFound', { text }));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) { onSessionExpired(); return; }
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }
  return (
    <section className="sv-screen" aria-labelledby="sv-susp-screen-title" data-testid="suspensions">
      <div className="screen-head"><h1 id="sv-susp-screen-title">{t('supervisor.suspensions.screenTitle')}</h1></div>
      <Suspensions role={role} onSessionExpired={onSessionExpired} />
      <section aria-labelledby="sv-holds-title" className="sv-screen">
        <h2 id="sv-holds-title">{t('supervisor.holds.title')}</h2>
        <form className="sv-inline" noValidate onSubmit={(e) => {
          e.preventDefault();
          void find(input.trim());
        }}>
          <label className="sv-inline">{t('supervisor.holds.accountId')}
            <input type="text" inputMode="numeric" value={input} aria-invalid={problem !== null} onChange={(e) => setInput(e.target.value)} /></label>
          <button type="submit" className="button button--quiet">{t('supervisor.holds.show')}</button>
          {problem !== null ? <span className="sv-field-error" role="alert">{problem}</span> : null}
        </form>
        {accountId !== null ? <p data-testid="holds-account"><strong>{t('supervisor.holds.shown', { account: shown })}</strong></p> : null}
        {accountId !== null ? <AccountHolds key={accountId} accountId={accountId} onSessionExpired={onSessionExpired} /> : null}
      </section>
    </section>
  );
}
