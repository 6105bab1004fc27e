import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api.ts';
import { useAction } from '../supervisor/useAction.ts';
import { forwardComplaint } from './api.ts';
import './cases.css';

type Source = 'creditor' | 'regulator';

/**
 * The bank forwards a complaint it received (转办投诉) from its Cases screen. Bank users have
 * no account page, so the account is named by its full number, which only the bank knows
 * (our lists show it masked); collection contact stops as soon as the server answers.
 */
export function ForwardComplaintForm({ onDone, onSessionExpired }: { onDone(): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [accountNo, setAccountNo] = useState('');
  const [source, setSource] = useState<Source>('creditor');
  const [description, setDescription] = useState('');
  const [badField, setBadField] = useState<string | null>(null);
  const [recorded, setRecorded] = useState<{ account_no_mask: string; due_on: string } | null>(null);
  const action = useAction(onSessionExpired);
  async function send(event: FormEvent): Promise<void> {
    event.preventDefault();
    setRecorded(null);
    setBadField(null);
    const done = await action.run(async () => {
      try {
        return await forwardComplaint({ account_no: accountNo, channel: source, description });
      } catch (error) {
        // useAction keeps only the message; the field says which input to mark.
        if (error instanceof ApiError) setBadField(error.field ?? null);
        if (error instanceof ApiError && error.status === 404 && error.field === 'account_no') {
          throw new Error(t('cases.forward.notPlaced', { account: String(error.details.account_no_mask ?? '') }));
        }
        throw error;
      }
    });
    if (done) {
      setRecorded(done);
      setAccountNo('');
      setSource('creditor');
      setDescription('');
      onDone();
    }
  }
  const problemId = `${id}-problem`;
  const invalid = (field: string) => (action.problem !== null && badField === field
    ? { 'aria-invalid': true, 'aria-describedby': problemId } : {});
  return (
    <section aria-labelledby={`${id}-h`} data-testid="forward-complaint">
      <h2 id={`${id}-h`}>{t('cases.forward.title')}</h2>
      <p className="muted">{t('cases.forward.intro')}</p>
      <form className="cs-form" onSubmit={(e) => void send(e)} data-testid="forward-complaint-form">
        <label>{t('cases.forward.accountNo')}
          <input value={accountNo} onChange={(e) => setAccountNo(e.target.value)} required maxLength={64} autoComplete="off" spellCheck={false}
            {...invalid('account_no')} /></label>
        <label>{t('cases.forward.source')}<select value={source} onChange={(e) => setSource(e.target.value as Source)}>
          <option value="creditor">{t('cases.forward.sources.creditor')}</option>
          <option value="regulator">{t('cases.forward.sources.regulator')}</option></select></label>
        <label className="cs-wide">{t('cases.forward.description')}
          <textarea value={description} onChange={(e) => setDescription(e.target.value)} required minLength={2} maxLength={2000}
            {...invalid('description')} /></label>
        {action.problem ? <p id={problemId} className="banner banner--error" role="alert">{action.problem}</p> : null}
        {recorded ? <p className="banner banner--info" role="status" data-testid="forward-result">
          {t('cases.forward.recorded', { account: recorded.account_no_mask, date: recorded.due_on })}</p> : null}
        <button type="submit" className="button button--primary" disabled={action.busy}>{t('cases.forward.submit')}</button>
      </form>
    </section>
  );
}
