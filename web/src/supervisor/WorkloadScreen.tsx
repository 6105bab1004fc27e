import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api.ts';
import { fetchWorkload, setCap, type WorkloadRow } from './api.ts';
import { formatCount, formatTime } from './format.ts';
import { useLoad } from './useLoad.ts';
import { useComplaintScorecard } from '../cases/scorecard.ts';

function CapForm({ row, onSaved, onSessionExpired }: { row: WorkloadRow; onSaved(): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(row.daily_cap === null ? '' : String(row.daily_cap));
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `cap-${row.user_id}`;
  async function save(): Promise<void> {
    const text = value.trim();
    if (text !== '' && !/^[1-9]\d{0,3}$/.test(text)) { setProblem(t('supervisor.workload.capInvalid')); return; }
    const cap = text === '' ? null : Number(text);
    if (cap !== null && cap > 1000) { setProblem(t('supervisor.workload.capInvalid')); return; }
    setBusy(true);
    setProblem(null);
    try {
      await setCap(row.user_id, cap);
      onSaved();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) { onSessionExpired(); return; }
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="sv-inline" noValidate onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <label htmlFor={id} className="visually-hidden">{t('supervisor.workload.capFor', { name: row.display_name })}</label>
      <input id={id} type="text" inputMode="numeric" size={5} value={value} aria-invalid={problem !== null}
        aria-describedby={problem !== null ? `${id}-problem` : undefined} onChange={(e) => setValue(e.target.value)} />
      <button type="submit" className="button button--quiet" disabled={busy}>{t('supervisor.save')}</button>
      {problem !== null ? <span id={`${id}-problem`} className="sv-field-error" role="alert">{problem}</span> : null}
    </form>
  );
}

export function WorkloadScreen({ onSessionExpired }: { onSessionExpired(): void }) {
  const { t } = useTranslation();
  const { state, reload } = useLoad((signal) => fetchWorkload(signal), onSessionExpired);
  const complaints = useComplaintScorecard(onSessionExpired);
  return (
    <section className="sv-screen" aria-labelledby="sv-workload-title" data-testid="workload">
      <div className="screen-head">
        <h1 id="sv-workload-title">{t('supervisor.workload.title')}</h1>
        <button type="button" className="button button--quiet" onClick={reload}>{t('supervisor.refresh')}</button>
      </div>
      <p className="muted">{t('supervisor.workload.intro')}</p>
      {state.kind === 'loading' ? <p role="status">{t('supervisor.loading')}</p> : null}
      {state.kind === 'error' ? <p className="banner banner--error" role="alert">{t('supervisor.loadFailed', { message: state.message })}</p> : null}
      {state.kind === 'ready' ? (
        <div className="table-scroll">
          <table className="data-table sv-workload">
            <caption className="visually-hidden">{t('supervisor.workload.title')}</caption>
            <thead><tr>
              <th scope="col">{t('supervisor.columns.collector')}</th>
              <th scope="col" className="num">{t('supervisor.metrics.attempts')}</th>
              <th scope="col" className="num">{t('supervisor.metrics.right_party')}</th>
              <th scope="col" className="num">{t('supervisor.metrics.promises_taken')}</th>
              <th scope="col" className="num">{t('supervisor.metrics.abusive')}</th>
              <th scope="col" className="num">{t('supervisor.metrics.unrecorded_calls')}</th>
              <th scope="col" className="num">{t('supervisor.metrics.promises_cancelled')}</th>
              <th scope="col" className="num">{t('cases.scorecard.upheld')}</th>
              <th scope="col">{t('supervisor.workload.break')}</th>
              <th scope="col">{t('supervisor.workload.cap')}</th>
            </tr></thead>
            <tbody>
              {state.data.items.map((r) => (
                <tr key={r.user_id}>
                  <th scope="row">{r.display_name} <span className="muted">{r.username}</span></th>
                  <td className="num">{r.daily_cap === null ? formatCount(r.attempts) : `${formatCount(r.attempts)} / ${formatCount(r.daily_cap)}`}</td>
                  <td className="num">{formatCount(r.right_party)}</td>
                  <td className="num">{formatCount(r.promises)}</td>
                  <td className="num">{formatCount(r.abusive)}</td>
                  <td className="num" data-testid="unrecorded-calls">{formatCount(r.unrecorded_calls)}</td>
                  <td className="num" data-testid="promises-cancelled">{formatCount(r.promises_cancelled)}</td>
                  <td className="num" data-testid="upheld-complaints">{formatCount(complaints.get(r.user_id)?.upheld ?? 0)}</td>
                  <td>{r.on_break_until === null ? t('supervisor.workload.working')
                    : t('supervisor.workload.onBreak', { time: formatTime(r.on_break_until) })}</td>
                  <td><CapForm row={r} onSaved={reload} onSessionExpired={onSessionExpired} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
