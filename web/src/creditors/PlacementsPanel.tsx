import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate } from '../lib/location.ts';
import { formatCount } from '../supervisor/format.ts';
import { useLoad } from '../supervisor/useLoad.ts';
import { invalidProps, useFieldAction } from '../users/UsersScreen.tsx';
import { currentLocale } from '../i18n/index.ts';
import { creditorName } from '../lib/bilingual.ts';
import { extendPlacement, fetchPlacements, retainAccounts, type Creditor, type Placement } from './api.ts';

/**
 * A creditor's placements (委案批次): when each was placed and its term's last day, the
 * days left (those ending within two weeks marked, so the bank can be asked about an extension),
 * and its accounts by where they stand. The night after its last day, the accounts still in
 * collection are recalled (到期退案); before that, a term can be extended (延期) at the bank's request.
 */
export function PlacementsPanel({ creditors, mayExtend, bank = false, onSessionExpired }:
  { creditors: ReadonlyArray<Pick<Creditor, 'code' | 'name' | 'name_en'>>; mayExtend: boolean; bank?: boolean; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [picked, setPicked] = useState<string | null>(null);
  // The first creditor until one is picked (derived, so a pick is never overwritten when the list arrives).
  const code = picked ?? creditors[0]?.code ?? null;
  const placements = useLoad((signal) => code === null ? Promise.resolve(null) : fetchPlacements(code, signal), onSessionExpired, [code]);
  const [extending, setExtending] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const data = placements.state.kind === 'ready' ? placements.state.data : null;
  if (code === null) return null;
  return (
    <section aria-labelledby={`${id}-h`} data-testid="placements-panel">
      <p className="muted" id={`${id}-h`}>{t(bank ? 'creditors.placementsIntroBank' : mayExtend ? 'creditors.placementsIntro' : 'creditors.placementsIntroRead')}</p>
      {creditors.length > 1 ? <label>{t('creditors.placementsOf')}{' '}
        <select value={code} onChange={(e) => { setPicked(e.target.value); setExtending(null); setDone(null); }} data-testid="placements-creditor">
          {creditors.map((c) => <option key={c.code} value={c.code}>{c.code} · {creditorName(c, currentLocale())}</option>)}
        </select></label> : null}
      {placements.state.kind === 'error' ? <p className="banner banner--error" role="alert">{placements.state.message}</p> : null}
      {done ? <p className="banner banner--info" role="status" data-testid="placement-extended">{done}</p> : null}
      {data ? (data.items.length === 0 ? <p className="muted">{t('creditors.placementsEmpty')}</p> : (
        <div className="table-wrap"><table className="data-table" data-testid="placements-table">
          <thead><tr>
            <th scope="col">{t('creditors.placement')}</th><th scope="col">{t('creditors.placedOn')}</th><th scope="col">{t('creditors.endsOn')}</th>
            <th scope="col">{t('creditors.daysLeft')}</th><th scope="col" className="num">{t('creditors.accounts')}</th>
            <th scope="col" className="num">{t('creditors.inCollection')}</th><th scope="col" className="num">{t('creditors.recalled')}</th>
            <th scope="col" className="num">{t('creditors.finished')}</th><th scope="col" className="num">{t('creditors.retained')}</th>
            {mayExtend ? <th scope="col"><span className="visually-hidden">{t('creditors.extend')}</span></th> : null}
          </tr></thead>
          <tbody>
            {data.items.map((p) => (
              <tr key={p.id} data-testid="placement-row" data-batch={p.batch_ref} data-state={p.state}>
                <th scope="row"><a href={`/accounts?placement=${encodeURIComponent(p.batch_ref)}`} onClick={(e) => { e.preventDefault(); navigate(`/accounts?placement=${encodeURIComponent(p.batch_ref)}`); }}
                  title={t('creditors.placementAccounts')}><code>{p.batch_ref}</code></a></th><td>{p.placed_on}</td><td>{p.ends_on}</td>
                <td className={p.state === 'ending_soon' ? 'banner--warning' : p.state === 'ended' ? 'muted' : ''}>
                  {p.state === 'ended' ? t('creditors.placementEnded') : t('creditors.daysLeftN', { count: p.days_left, n: formatCount(p.days_left) })}</td>
                <td className="num">{formatCount(p.accounts)}</td><td className="num">{formatCount(p.in_collection)}</td>
                <td className="num">{formatCount(p.recalled)}</td><td className="num">{formatCount(p.finished)}</td><td className="num">{formatCount(p.retained)}</td>
                {mayExtend ? <td>{p.state === 'ended' ? null : extending === p.batch_ref
                  ? <ExtendForm creditor={code} placement={p} onSessionExpired={onSessionExpired} onCancel={() => setExtending(null)}
                      onDone={(message) => { setExtending(null); setDone(message); placements.reload(); }} />
                  : <button type="button" className="button button--quiet" onClick={() => { setExtending(p.batch_ref); setDone(null); }}
                      aria-label={t('creditors.extendOne', { placement: p.batch_ref })}>{t('creditors.extend')}</button>}</td> : null}
              </tr>
            ))}
          </tbody>
        </table></div>
      )) : null}
      {mayExtend ? <RetainForm creditor={code} onSessionExpired={onSessionExpired} onDone={placements.reload} /> : null}
    </section>
  );
}

/**
 * 留案 (admins): accounts the bank agreed the agency keeps past their placement's last day, until a
 * day: their numbers one per line, the day and why; the answer says how many were kept and why each
 * other one was not.
 */
function RetainForm({ creditor, onDone, onSessionExpired }: { creditor: string; onDone(): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [numbers, setNumbers] = useState('');
  const [until, setUntil] = useState('');
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<{ kept: string; refused: string[] } | null>(null);
  const action = useFieldAction(onSessionExpired);
  async function send(event: FormEvent): Promise<void> {
    event.preventDefault();
    setOutcome(null);
    const result = await action.run(() => retainAccounts(creditor, numbers.split(/\r?\n|[,，\s]+/).filter(Boolean), until, reason));
    if (!result.ok) return;
    const zh = currentLocale() === 'zh-CN';
    setOutcome({ kept: t('creditors.retainDone', { count: result.value.retained.length, n: formatCount(result.value.retained.length), until: result.value.until }),
      refused: result.value.refused.map((r) => `${r.account_no}: ${zh ? r.reason_zh : r.reason}`) });
    if (result.value.retained.length > 0) { setNumbers(''); onDone(); }
  }
  const problemId = `${id}-problem`;
  const invalid = (...fields: string[]) => invalidProps(action.problem, problemId, ...fields);
  return (
    <form className="us-form us-form--narrow" aria-labelledby={`${id}-h`} onSubmit={(e) => void send(e)} data-testid="retain-form">
      <h3 id={`${id}-h`}>{t('creditors.retain')}</h3>
      <p className="muted">{t('creditors.retainIntro')}</p>
      <label>{t('creditors.retainNumbers')}<textarea value={numbers} rows={4} required onChange={(e) => setNumbers(e.target.value)} {...invalid('account_nos')} /></label>
      <label>{t('creditors.retainUntil')}<input type="date" value={until} required onChange={(e) => setUntil(e.target.value)} {...invalid('until')} /></label>
      <label>{t('creditors.extendReason')}<input value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} {...invalid('reason')} /></label>
      {action.problem ? <p id={problemId} className="banner banner--error" role="alert">{action.problem.message}</p> : null}
      {outcome ? <div className="banner banner--info" role="status" data-testid="retain-result"><p>{outcome.kept}</p>
        {outcome.refused.length > 0 ? <ul>{outcome.refused.map((line) => <li key={line}>{line}</li>)}</ul> : null}</div> : null}
      <button type="submit" className="button button--primary" disabled={action.busy}>{t('creditors.retainSave')}</button>
    </form>
  );
}

function ExtendForm({ creditor, placement, onDone, onCancel, onSessionExpired }:
  { creditor: string; placement: Placement; onDone(message: string): void; onCancel(): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [until, setUntil] = useState('');
  const [reason, setReason] = useState('');
  const action = useFieldAction(onSessionExpired);
  async function send(event: FormEvent): Promise<void> {
    event.preventDefault();
    const result = await action.run(() => extendPlacement(creditor, placement.batch_ref, until, reason));
    if (result.ok) onDone(t('creditors.extended', { placement: result.value.batch_ref, until: result.value.ends_on, was: result.value.was }));
  }
  const problemId = `${id}-problem`;
  const invalid = (...fields: string[]) => invalidProps(action.problem, problemId, ...fields);
  return (
    <form className="us-form" onSubmit={(e) => void send(e)} data-testid="extend-form">
      <label>{t('creditors.extendUntil')}<input type="date" value={until} min={placement.ends_on} required onChange={(e) => setUntil(e.target.value)} {...invalid('until')} /></label>
      <label>{t('creditors.extendReason')}<input value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} {...invalid('reason')} /></label>
      {action.problem ? <p id={problemId} className="banner banner--error" role="alert">{action.problem.message}</p> : null}
      <button type="submit" className="button button--primary" disabled={action.busy}>{t('creditors.extendSave')}</button>{' '}
      <button type="button" className="button button--quiet" onClick={onCancel}>{t('creditors.repaymentCancel')}</button>
    </form>
  );
}
