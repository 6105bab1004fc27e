import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/index.ts';
import { formatCount } from '../supervisor/format.ts';
import { useLoad } from '../supervisor/useLoad.ts';
import { invalidProps, useFieldAction } from '../users/UsersScreen.tsx';
import { fetchLicences, removeLicence, setLicence, type Licence } from './api.ts';

/**
 * The agency's collection licences (催收执照, admins): a US state's or New York City's licence
 * number, which validation notices, letters, e-mails and the public pages carry for a debtor
 * there. Beside them, where the open US accounts are and which licences their letters carry: a
 * state with accounts and no licence of its own is one to check.
 */
export function LicencesPanel({ onSessionExpired }: { onSessionExpired(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const overview = useLoad((signal) => fetchLicences(signal), onSessionExpired);
  const [jurisdiction, setJurisdiction] = useState('');
  const [number, setNumber] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const action = useFieldAction(onSessionExpired);
  const zh = currentLocale() === 'zh-CN';
  const nameOf = (l: Licence) => (zh ? l.name_zh : l.name_en);

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    setSaved(null);
    const result = await action.run(() => setLicence(jurisdiction.trim(), number));
    if (result.ok) {
      setSaved(t('creditors.licenceSaved', { name: nameOf(result.value), number: result.value.number }));
      setJurisdiction('');
      setNumber('');
      overview.reload();
    }
  }
  async function remove(l: Licence): Promise<void> {
    setSaved(null);
    const result = await action.run(() => removeLicence(l.jurisdiction));
    if (result.ok) { setSaved(t('creditors.licenceRemoved', { name: nameOf(l), number: l.number })); overview.reload(); }
  }

  const problemId = `${id}-problem`;
  const invalid = (...fields: string[]) => invalidProps(action.problem, problemId, ...fields);
  const data = overview.state.kind === 'ready' ? overview.state.data : null;
  const unlicensed = data?.us_accounts.filter((s) => s.state !== null && s.licences.length === 0) ?? [];
  return (
    <section aria-labelledby={`${id}-h`} data-testid="licences-panel">
      <h2 id={`${id}-h`}>{t('creditors.licences')}</h2>
      <p className="muted">{t('creditors.licencesIntro')}</p>
      {overview.state.kind === 'error' ? <p className="banner banner--error" role="alert">{overview.state.message}</p> : null}
      {data ? (data.items.length === 0 ? <p className="muted" data-testid="licences-empty">{t('creditors.licencesEmpty')}</p> : (
        <table className="data-table" data-testid="licences-table">
          <thead><tr><th scope="col">{t('creditors.licenceWhere')}</th><th scope="col">{t('creditors.licenceNumber')}</th><th scope="col"><span className="visually-hidden">{t('creditors.licenceRemove')}</span></th></tr></thead>
          <tbody>
            {data.items.map((l) => (
              <tr key={l.jurisdiction} data-testid="licence-row" data-jurisdiction={l.jurisdiction}>
                <th scope="row">{nameOf(l)} <code>{l.jurisdiction}</code></th><td><code>{l.number}</code></td>
                <td><button type="button" className="button button--quiet" disabled={action.busy} onClick={() => void remove(l)}
                  aria-label={t('creditors.licenceRemoveOne', { name: nameOf(l) })}>{t('creditors.licenceRemove')}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )) : null}
      {data && data.us_accounts.length > 0 ? (
        <p data-testid="licences-coverage">
          {t('creditors.licencesCoverage')}{' '}
          {data.us_accounts.map((s, i) => (
            <span key={s.state ?? '-'} data-state={s.state ?? ''} className={s.state !== null && s.licences.length === 0 ? 'banner--warning' : ''}>
              {i > 0 ? ' · ' : ''}{s.state ?? t('creditors.licencesStateUnknown')} {formatCount(s.accounts)}
              {' '}({s.licences.length > 0 ? s.licences.join(', ') : t('creditors.licencesNone')})
            </span>
          ))}
        </p>
      ) : null}
      {unlicensed.length > 0 ? <p className="banner banner--warning" role="status" data-testid="licences-unlicensed">
        {t('creditors.licencesCheck', { states: unlicensed.map((s) => s.name ?? s.state).join(', ') })}</p> : null}
      <form className="us-form us-form--narrow" aria-labelledby={`${id}-h`} onSubmit={(e) => void save(e)} data-testid="licence-form">
        <label>{t('creditors.licenceWhere')}
          <input value={jurisdiction} onChange={(e) => setJurisdiction(e.target.value)} required maxLength={20} autoComplete="off" spellCheck={false}
            list={`${id}-states`} {...invalid('jurisdiction')} />
          <datalist id={`${id}-states`}>
            <option value="US-NY-NYC">{t('creditors.licenceNyc')}</option>
            {data?.us_accounts.filter((s) => s.state !== null).map((s) => <option key={s.state} value={s.state!}>{s.name}</option>)}
          </datalist>
          <span className="muted">{t('creditors.licenceWhereHint')}</span></label>
        <label>{t('creditors.licenceNumber')}
          <input value={number} onChange={(e) => setNumber(e.target.value)} required maxLength={40} autoComplete="off" spellCheck={false} {...invalid('number')} /></label>
        {action.problem ? <p id={problemId} className="banner banner--error" role="alert" data-testid="licence-problem">{action.problem.message}</p> : null}
        {saved ? <p className="banner banner--info" role="status" data-testid="licence-saved">{saved}</p> : null}
        <button type="submit" className="button button--primary" disabled={action.busy}>{t('creditors.licenceSave')}</button>
      </form>
    </section>
  );
}
