import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/index.ts';
import { useLoad } from '../supervisor/useLoad.ts';
import { invalidProps, useFieldAction } from '../users/UsersScreen.tsx';
import { fetchStateNotices, removeStateNotice, setStateNotice, type StateNotice } from './api.ts';

/**
 * State notices (州法律告知, admins): what a state or New York City asks for in the first written
 * communication that the product does not write itself, in the words of the agency's compliance
 * officer (English, and Spanish for a debtor who reads it), printed on the back of a validation
 * notice to a debtor there (all of them when the debtor's state is not known).
 */
export function StateNoticesPanel({ onSessionExpired }: { onSessionExpired(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const notices = useLoad((signal) => fetchStateNotices(signal), onSessionExpired);
  const [jurisdiction, setJurisdiction] = useState('');
  const [en, setEn] = useState('');
  const [es, setEs] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const action = useFieldAction(onSessionExpired);
  const nameOf = (n: StateNotice) => (currentLocale() === 'zh-CN' ? n.name_zh : n.name_en);

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    setSaved(null);
    const result = await action.run(() => setStateNotice(jurisdiction.trim(), en, es));
    if (result.ok) {
      setSaved(t('creditors.stateNoticeSaved', { name: nameOf(result.value) }));
      setJurisdiction(''); setEn(''); setEs('');
      notices.reload();
    }
  }
  async function remove(n: StateNotice): Promise<void> {
    setSaved(null);
    const result = await action.run(() => removeStateNotice(n.jurisdiction));
    if (result.ok) { setSaved(t('creditors.stateNoticeRemoved', { name: nameOf(n) })); notices.reload(); }
  }

  const problemId = `${id}-problem`;
  const invalid = (...fields: string[]) => invalidProps(action.problem, problemId, ...fields);
  const items = notices.state.kind === 'ready' ? notices.state.data.items : null;
  return (
    <section aria-labelledby={`${id}-h`} data-testid="state-notices-panel">
      <h2 id={`${id}-h`}>{t('creditors.stateNotices')}</h2>
      <p className="muted">{t('creditors.stateNoticesIntro')}</p>
      {notices.state.kind === 'error' ? <p className="banner banner--error" role="alert">{notices.state.message}</p> : null}
      {items ? (items.length === 0 ? <p className="muted" data-testid="state-notices-empty">{t('creditors.stateNoticesEmpty')}</p> : (
        <table className="data-table" data-testid="state-notices-table">
          <thead><tr><th scope="col">{t('creditors.licenceWhere')}</th><th scope="col">{t('creditors.stateNoticeText')}</th>
            <th scope="col"><span className="visually-hidden">{t('creditors.licenceRemove')}</span></th></tr></thead>
          <tbody>
            {items.map((n) => (
              <tr key={n.jurisdiction} data-testid="state-notice-row" data-jurisdiction={n.jurisdiction}>
                <th scope="row">{nameOf(n)} <code>{n.jurisdiction}</code></th>
                <td style={{ whiteSpace: 'pre-wrap' }}>{n.en}{n.es ? <><br /><span className="muted">{n.es}</span></> : null}</td>
                <td><button type="button" className="button button--quiet" disabled={action.busy} onClick={() => void remove(n)}
                  aria-label={t('creditors.stateNoticeRemoveOne', { name: nameOf(n) })}>{t('creditors.licenceRemove')}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )) : null}
      <form className="us-form us-form--narrow" aria-labelledby={`${id}-h`} onSubmit={(e) => void save(e)} data-testid="state-notice-form">
        <label>{t('creditors.licenceWhere')}
          <input value={jurisdiction} onChange={(e) => setJurisdiction(e.target.value)} required maxLength={20} autoComplete="off" spellCheck={false}
            {...invalid('jurisdiction')} />
          <span className="muted">{t('creditors.licenceWhereHint')}</span></label>
        <label>{t('creditors.stateNoticeEn')}
          <textarea value={en} onChange={(e) => setEn(e.target.value)} required maxLength={3000} rows={4} {...invalid('en')} /></label>
        <label>{t('creditors.stateNoticeEs')}
          <textarea value={es} onChange={(e) => setEs(e.target.value)} maxLength={3000} rows={3} {...invalid('es')} /></label>
        {action.problem ? <p id={problemId} className="banner banner--error" role="alert" data-testid="state-notice-problem">{action.problem.message}</p> : null}
        {saved ? <p className="banner banner--info" role="status" data-testid="state-notice-saved">{saved}</p> : null}
        <button type="submit" className="button button--primary" disabled={action.busy}>{t('creditors.stateNoticeSave')}</button>
      </form>
    </section>
  );
}
