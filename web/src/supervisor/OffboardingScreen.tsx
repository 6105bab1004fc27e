import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api.ts';
import { fetchDashboard, fetchTeamAccounts, offboard, type DashboardCollector, type OffboardResult } from './api.ts';
import { formatCount } from './format.ts';
import { useLoad } from './useLoad.ts';

/** `held`: how many accounts the departing collector holds (all of them move), once read; null while it is. */
type Step = { kind: 'choose' } | { kind: 'confirm'; held: number | null } | { kind: 'sending'; held: number | null }
  /** `names`: the team's people as they were named on the screen before the hand-over (the departed one leaves the list after it). */
  | { kind: 'done'; result: OffboardResult; names: ReadonlyMap<number, string> };

/** Turnover (转单): every account of a departing collector goes to another collector or to the team, and the user is deactivated. */
export function OffboardingScreen({ onSessionExpired }: { onSessionExpired(): void }) {
  const { t } = useTranslation();
  const { state, reload } = useLoad((signal) => fetchDashboard(null, undefined, signal), onSessionExpired);
  const [departingId, setDepartingId] = useState('');
  const [destKind, setDestKind] = useState<'user' | 'team'>('user');
  const [toUserId, setToUserId] = useState('');
  const [reason, setReason] = useState('');
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const [problem, setProblem] = useState<string | null>(null);
  // The departing collector chosen now: a count read for someone chosen before is not said.
  const departingRef = useRef(departingId);
  departingRef.current = departingId;

  // Today's collectors still at work (the dashboard also lists one offboarded today, for the day's figures).
  const collectors: DashboardCollector[] = state.kind === 'ready' ? state.data.collectors.filter((c) => c.active) : [];
  const departing = collectors.find((c) => String(c.user_id) === departingId);
  const receivers = collectors.filter((c) => c.user_id !== departing?.user_id && (departing === undefined || c.team_id === departing.team_id));
  const receiver = receivers.find((c) => String(c.user_id) === toUserId);
  const destinationName = destKind === 'team' ? departing?.team_name : receiver?.display_name;

  function check(): string | null {
    if (departing === undefined) return t('supervisor.offboard.pickDeparting');
    if (destKind === 'user' && receiver === undefined) return t('supervisor.offboard.pickReceiver');
    return null;
  }

  async function submit(): Promise<void> {
    if (departing === undefined) return;
    setStep({ kind: 'sending', held: step.kind === 'confirm' ? step.held : null });
    setProblem(null);
    try {
      const to = destKind === 'team' ? { to_team_id: departing.team_id } : { to_user_id: receiver!.user_id };
      const result = await offboard(departing.user_id, to, reason);
      setStep({ kind: 'done', result, names: new Map(collectors.map((c) => [c.user_id, c.display_name])) });
      setDepartingId('');
      setToUserId('');
      setReason('');
      reload();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) { onSessionExpired(); return; }
      setProblem(error instanceof Error ? error.message : String(error));
      setStep((s) => ({ kind: 'confirm', held: s.kind === 'sending' ? s.held : null }));
    }
  }

  return (
    <section className="sv-screen" aria-labelledby="sv-offboard-title" data-testid="offboarding">
      <div className="screen-head"><h1 id="sv-offboard-title">{t('supervisor.offboard.title')}</h1></div>
      <p className="muted">{t('supervisor.offboard.intro')}</p>
      {state.kind === 'loading' ? <p role="status">{t('supervisor.loading')}</p> : null}
      {state.kind === 'error' ? <p className="banner banner--error" role="alert">{t('supervisor.loadFailed', { message: state.message })}</p> : null}
      {step.kind === 'done' ? (
        <div className="banner banner--info" role="status" data-testid="offboard-result">
          <p>{t('supervisor.offboard.done', { user: step.names.get(step.result.user.id) ?? step.result.user.username, count: step.result.accounts, to: step.result.to.name })}</p>
          {step.result.accounts_finished > 0 ? (
            <p data-testid="offboard-finished">{t('supervisor.offboard.finished', { count: step.result.accounts_finished, n: formatCount(step.result.accounts_finished) })}</p>
          ) : null}
          <ul>
            {step.result.by_collector.map((c) => (
              <li key={c.collector_id}>{t('supervisor.offboard.toCollector', { user: step.names.get(c.collector_id) ?? c.username, count: c.accounts, n: formatCount(c.accounts) })}</li>
            ))}
          </ul>
          <p>{t('supervisor.offboard.carried', { promises: formatCount(step.result.promises_carried),
            callbacks: formatCount(step.result.callbacks_carried ?? 0) })}</p>
          <p>{t('supervisor.offboard.deactivated')}</p>
        </div>
      ) : null}
      {state.kind === 'ready' ? (
        <form className="sv-form" data-testid="offboard-form" noValidate onSubmit={(e) => {
          e.preventDefault();
          const error = check();
          setProblem(error);
          if (error !== null || departing === undefined) return;
          setStep({ kind: 'confirm', held: null });
          // What is about to move, said before it does: every account they hold (the total of their list).
          const userId = departing.user_id;
          void fetchTeamAccounts({ q: '', collector: String(userId), limit: 1, offset: 0 }).then(
            (r) => setStep((s) => (s.kind === 'confirm' && String(userId) === departingRef.current ? { kind: 'confirm', held: r.total } : s)),
            (e: unknown) => { if (e instanceof ApiError && e.status === 401) onSessionExpired(); });
        }}>
          <label>
            {t('supervisor.offboard.departing')}
            <select value={departingId} disabled={step.kind === 'confirm' || step.kind === 'sending'}
              onChange={(e) => { setDepartingId(e.target.value); setToUserId(''); setStep({ kind: 'choose' }); }}>
              <option value="">{t('supervisor.offboard.choose')}</option>
              {collectors.map((c) => <option key={c.user_id} value={c.user_id}>{`${c.display_name} (${c.username})`}</option>)}
            </select>
          </label>
          <fieldset disabled={step.kind === 'confirm' || step.kind === 'sending'}>
            <legend>{t('supervisor.offboard.destination')}</legend>
            <label className="sv-inline">
              <input type="radio" name="dest" checked={destKind === 'user'} onChange={() => setDestKind('user')} />
              {t('supervisor.offboard.toUser')}
            </label>
            <label className="sv-inline">
              <input type="radio" name="dest" checked={destKind === 'team'} onChange={() => setDestKind('team')} />
              {departing ? t('supervisor.offboard.toTeamNamed', { team: departing.team_name }) : t('supervisor.offboard.toTeam')}
            </label>
            {destKind === 'user' ? (
              <label>
                {t('supervisor.offboard.receiver')}
                <select value={toUserId} onChange={(e) => setToUserId(e.target.value)}>
                  <option value="">{t('supervisor.offboard.choose')}</option>
                  {receivers.map((c) => <option key={c.user_id} value={c.user_id}>{`${c.display_name} (${c.username})`}</option>)}
                </select>
              </label>
            ) : null}
            <label>
              {t('supervisor.offboard.reason')}
              <input type="text" value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
            </label>
          </fieldset>
          {problem !== null ? <p className="banner banner--error" role="alert" data-testid="offboard-problem">{problem}</p> : null}
          {step.kind === 'confirm' || step.kind === 'sending' ? (
            <div className="banner banner--warning" role="alertdialog" aria-labelledby="sv-offboard-confirm" data-testid="offboard-confirm">
              <p id="sv-offboard-confirm">{t('supervisor.offboard.confirmText', { user: departing?.display_name ?? '', to: destinationName ?? '' })}</p>
              {step.held !== null ? <p data-testid="offboard-held">{t('supervisor.offboard.held', { user: departing?.display_name ?? '', count: step.held, n: formatCount(step.held) })}</p> : null}
              <button type="button" className="button button--primary" disabled={step.kind === 'sending'} onClick={() => void submit()}>
                {step.kind === 'sending' ? t('supervisor.offboard.sending') : t('supervisor.offboard.confirm')}
              </button>{' '}
              <button type="button" className="button button--quiet" disabled={step.kind === 'sending'} onClick={() => setStep({ kind: 'choose' })}>
                {t('supervisor.cancel')}
              </button>
            </div>
          ) : (
            <button type="submit" className="button button--primary">{t('supervisor.offboard.review')}</button>
          )}
        </form>
      ) : null}
    </section>
  );
}
