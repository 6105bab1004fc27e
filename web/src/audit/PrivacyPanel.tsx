import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api.ts';
import { messageOf } from '../lib/useKeysetPages.ts';
import { formatCount } from '../supervisor/format.ts';
import { useLoad } from '../supervisor/useLoad.ts';
import { eraseDueNow, fetchErasureOutlook, type ErasureRun } from './privacy.ts';

type Erasure =
  | { kind: 'idle' } | { kind: 'asking' } | { kind: 'running' }
  | { kind: 'done'; result: ErasureRun } | { kind: 'failed'; message: string };

/**
 * 个人信息删除 (admins, docs/privacy.md): how many debtors' personal data is due for erasure
 * today, due in the next 30 days and erased so far; the nightly job erases what is due, and
 * "Erase what is due now" does it at once, after an inline confirmation.
 */
export function PrivacyPanel({ onSessionExpired }: { onSessionExpired(): void }) {
  const { t } = useTranslation();
  const outlook = useLoad((signal) => fetchErasureOutlook(signal), onSessionExpired);
  const [erasure, setErasure] = useState<Erasure>({ kind: 'idle' });

  async function erase(): Promise<void> {
    setErasure({ kind: 'running' });
    try {
      const result = await eraseDueNow();
      setErasure({ kind: 'done', result });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) { onSessionExpired(); return; }
      setErasure({ kind: 'failed', message: messageOf(error) });
    }
    outlook.reload();
  }

  const data = outlook.state.kind === 'ready' ? outlook.state.data : null;
  const due = data?.due ?? 0;
  return (
    <section className="au-privacy" aria-labelledby="au-privacy-title" data-testid="privacy-panel">
      <h2 id="au-privacy-title">{t('audit.privacy.title')}</h2>
      {outlook.state.kind === 'loading' && data === null ? <p role="status">{t('app.loading')}</p> : null}
      {outlook.state.kind === 'error' ? <p className="banner banner--error" role="alert">{outlook.state.message}</p> : null}
      {data !== null ? (
        <>
          <p className="muted">{t('audit.privacy.intro', { days: data.default_retention_days })}</p>
          <dl className="au-privacy-figures">
            <div><dt>{t('audit.privacy.due')}</dt><dd data-testid="privacy-due">{formatCount(data.due)}</dd></div>
            <div><dt>{t('audit.privacy.next')}</dt><dd data-testid="privacy-next">{formatCount(data.next_30_days)}</dd></div>
            <div><dt>{t('audit.privacy.erased')}</dt><dd data-testid="privacy-erased">{formatCount(data.erased)}</dd></div>
          </dl>
        </>
      ) : null}
      {erasure.kind === 'asking' ? (
        <div role="group" className="au-privacy-confirm" aria-label={t('audit.privacy.question', { count: due, n: formatCount(due) })}
          data-testid="privacy-confirm">
          <span>{t('audit.privacy.question', { count: due, n: formatCount(due) })}</span>
          <button type="button" className="button button--primary" onClick={() => void erase()}>{t('audit.privacy.confirm')}</button>
          <button type="button" className="button" onClick={() => setErasure({ kind: 'idle' })}>{t('audit.privacy.cancel')}</button>
        </div>
      ) : (
        <button type="button" className="button" disabled={data === null || due === 0 || erasure.kind === 'running'}
          onClick={() => setErasure({ kind: 'asking' })} data-testid="privacy-erase">
          {t(erasure.kind === 'running' ? 'audit.privacy.running' : 'audit.privacy.button')}</button>
      )}
      {erasure.kind === 'done' ? (
        <p className="banner au-intact" role="status" data-testid="privacy-result">
          {t('audit.privacy.done', {
            count: erasure.result.debtors, debtors: formatCount(erasure.result.debtors),
            accounts: formatCount(erasure.result.accounts), points: formatCount(erasure.result.contact_points),
          })}</p>
      ) : null}
      {erasure.kind === 'failed' ? <p className="banner banner--error" role="alert" data-testid="privacy-result">{erasure.message}</p> : null}
    </section>
  );
}
