import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { personalText } from '../lib/bilingual.ts';
import { ApiError } from '../lib/api.ts';
import { handoffReasonWords } from '../workstation/handoff-reason.ts';
import { fetchHandoffs, resolveHandoff, type HandoffRow } from './api.ts';
import { formatDateTime } from './format.ts';
import { useLoad } from './useLoad.ts';

function ResolveForm({ row, onDone, onSessionExpired }: { row: HandoffRow; onDone(): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `resolve-${row.id}`;
  async function save(): Promise<void> {
    if (text.trim().length < 2) { setProblem(t('supervisor.handoffs.resolutionRequired')); return; }
    setBusy(true);
    setProblem(null);
    try {
      await resolveHandoff(row.id, text.trim());
      onDone();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) { onSessionExpired(); return; }
      setProblem(error instanceof Error ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="sv-inline" noValidate onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <label htmlFor={id} className="visually-hidden">{t('supervisor.handoffs.resolution')}</label>
      <input id={id} type="text" maxLength={300} placeholder={t('supervisor.handoffs.resolution')} value={text}
        aria-invalid={problem !== null} onChange={(e) => setText(e.target.value)} />
      <button type="submit" className="button button--quiet" disabled={busy}>{t('supervisor.handoffs.resolve')}</button>
      {problem !== null ? <span className="sv-field-error" role="alert">{problem}</span> : null}
    </form>
  );
}

export function HandoffsScreen({ onSessionExpired }: { onSessionExpired(): void }) {
  const { t } = useTranslation();
  const { state, reload } = useLoad((signal) => fetchHandoffs(signal), onSessionExpired);
  return (
    <section className="sv-screen" aria-labelledby="sv-handoffs-title" data-testid="handoffs">
      <div className="screen-head">
        <h1 id="sv-handoffs-title">{t('supervisor.handoffs.title')}</h1>
        <button type="button" className="button button--quiet" onClick={reload}>{t('supervisor.refresh')}</button>
      </div>
      <p className="muted">{t('supervisor.handoffs.intro')}</p>
      {state.kind === 'loading' ? <p role="status">{t('supervisor.loading')}</p> : null}
      {state.kind === 'error' ? <p className="banner banner--error" role="alert">{t('supervisor.loadFailed', { message: state.message })}</p> : null}
      {state.kind === 'ready' && state.data.items.length === 0 ? <p>{t('supervisor.handoffs.empty')}</p> : null}
      {state.kind === 'ready' && state.data.items.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t('supervisor.handoffs.title')}</caption>
            <thead><tr>
              <th scope="col">{t('supervisor.handoffs.when')}</th>
              <th scope="col">{t('accounts.columns.creditor')}</th>
              <th scope="col">{t('accounts.columns.accountNo')}</th>
              <th scope="col">{t('accounts.columns.debtor')}</th>
              <th scope="col">{t('supervisor.handoffs.from')}</th>
              <th scope="col">{t('supervisor.handoffs.reason')}</th>
              <th scope="col">{t('supervisor.handoffs.resolution')}</th>
            </tr></thead>
            <tbody>
              {state.data.items.map((h) => (
                <tr key={h.id}>
                  <td>{formatDateTime(h.created_at)}</td>
                  <td>{h.creditor_code}</td>
                  <td className="mono">{h.account_no_mask}</td>
                  <td>{personalText(h.debtor_name, t('app.erased'))}</td>
                  <td>{h.from_name}</td>
                  <td data-testid="handoff-reason">{handoffReasonWords(h, t)}</td>
                  <td><ResolveForm row={h} onDone={reload} onSessionExpired={onSessionExpired} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
