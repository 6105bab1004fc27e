import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/index.ts';
import { ApiError } from '../lib/api.ts';
import { saveFile } from '../lib/printed-pdf.ts';
import { ruleName } from '../lib/rule-names.ts';
import { messageOf } from '../lib/useKeysetPages.ts';
import { countsByKey } from '../strategy/StrategyScreen.tsx';
import { formatCount } from '../supervisor/format.ts';
import { useLoad } from '../supervisor/useLoad.ts';
import { invalidProps, useFieldAction } from '../users/UsersScreen.tsx';
import { LicencesPanel } from './LicencesPanel.tsx';
import { StateNoticesPanel } from './StateNoticesPanel.tsx';
import { addCreditor, emailValidationNotices, fetchCreditors, printArrangementConfirmations, printArrangementStatements, printValidationNotices, printVerifications, setEnglishName, setRepayment, type Creditor } from './api.ts';

/**
 * Creditors (委托方, admins): the banks that place accounts with the agency, with the accounts
 * each has placed, and a form to add one. A bank added here is then offered by the Imports,
 * Users (its staff) and Contracts screens.
 */
export function CreditorsScreen({ onSessionExpired }: { onSessionExpired(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const creditors = useLoad((signal) => fetchCreditors(signal), onSessionExpired);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [nameEn, setNameEn] = useState('');
  const [added, setAdded] = useState<string | null>(null);
  const action = useFieldAction(onSessionExpired);

  async function send(event: FormEvent): Promise<void> {
    event.preventDefault();
    setAdded(null);
    const result = await action.run(() => addCreditor(code.trim().toUpperCase(), name, nameEn));
    if (result.ok) {
      setAdded(`${result.value.code} · ${result.value.name}${result.value.name_en ? ` (${result.value.name_en})` : ''}`);
      setCode('');
      setName('');
      setNameEn('');
      creditors.reload();
    }
  }

  const notices = useUsLetters(onSessionExpired, creditors.reload);
  // Creditors whose New York substantiations the admin says have the bank's documents in their envelopes.
  const [enclosed, setEnclosed] = useState<ReadonlySet<string>>(new Set());
  const toggleEnclosed = (code: string, on: boolean) => setEnclosed((s) => { const next = new Set(s); if (on) next.add(code); else next.delete(code); return next; });
  const anyUs = creditors.state.kind === 'ready' && creditors.state.data.items.some((c) => c.pack === 'US');
  const problemId = `${id}-problem`;
  const invalid = (...fields: string[]) => invalidProps(action.problem, problemId, ...fields);
  return (
    <section className="us-screen" aria-labelledby="cr-title" data-testid="creditors-screen">
      <div className="screen-head"><h1 id="cr-title">{t('creditors.title')}</h1></div>
      <p className="muted">{t('creditors.intro')}</p>
      {creditors.state.kind === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {creditors.state.kind === 'error' ? <p className="banner banner--error" role="alert">{creditors.state.message}</p> : null}
      {creditors.state.kind === 'ready' ? (
        creditors.state.data.items.length === 0 ? <p className="muted">{t('creditors.empty')}</p> : (
          <div className="table-wrap"><table className="data-table" data-testid="creditors-table">
            <thead><tr>
              <th scope="col">{t('creditors.code')}</th><th scope="col">{t('creditors.name')}</th>
              <th scope="col" className="num">{t('creditors.accounts')}</th><th scope="col">{t('creditors.repayment')}</th>
              {anyUs ? <th scope="col">{t('creditors.notices')}</th> : null}
            </tr></thead>
            <tbody>
              {creditors.state.data.items.map((c) => (
                <tr key={c.id} data-testid="creditor-row" data-code={c.code}>
                  <th scope="row"><code>{c.code}</code></th><td className="cell-text">{c.name}<br /><EnglishNameEditor creditor={c} onSaved={creditors.reload} onSessionExpired={onSessionExpired} /></td><td className="num">{formatCount(c.accounts)}</td>
                  <td className="cell-text"><RepaymentEditor creditor={c} onSaved={creditors.reload} onSessionExpired={onSessionExpired} /></td>
                  {anyUs ? <td data-testid="notices-cell" className="cell-wrap"><div className="cell-wrap__min">{c.pack === 'US' ? <>
                    <span>{t('creditors.noticesDue', { count: c.validation_notices_due ?? 0, n: formatCount(c.validation_notices_due ?? 0) })}</span>{' '}
                    {c.notices_without_charge_off ? <span className="banner--warning" data-testid="without-charge-off">
                      {t('creditors.withoutChargeOff', { count: c.notices_without_charge_off, n: formatCount(c.notices_without_charge_off) })}</span> : null}{' '}
                    <button type="button" className="button button--quiet" data-testid="print-notices" disabled={notices.busy !== null}
                      onClick={() => void notices.print(c.code, 'notices')}>{t(notices.busy === `notices:${c.code}` ? 'creditors.noticesPrinting' : 'creditors.noticesPrint')}</button>{' '}
                    <button type="button" className="button button--quiet" data-testid="email-notices" disabled={notices.busy !== null}
                      title={t('creditors.noticesEmailHint')}
                      onClick={() => void notices.email(c.code)}>{t(notices.busy === `email:${c.code}` ? 'creditors.noticesEmailing' : 'creditors.noticesEmail')}</button>
                    {c.verifications_due ? <><br /><span>{t('creditors.verificationsDue', { count: c.verifications_due, n: formatCount(c.verifications_due) })}</span>{' '}
                      {c.substantiations_due ? <><br /><span data-testid="substantiations-due" className="banner--warning">
                        {t('creditors.substantiationsDue', { count: c.substantiations_due, n: formatCount(c.substantiations_due), by: c.substantiate_by })}</span>{' '}
                        <label><input type="checkbox" data-testid="documents-enclosed" checked={enclosed.has(c.code)}
                          onChange={(e) => toggleEnclosed(c.code, e.target.checked)} /> {t('creditors.documentsEnclosed')}</label>{' '}</> : null}
                      <button type="button" className="button button--quiet" data-testid="print-verifications" disabled={notices.busy !== null}
                        onClick={() => void notices.print(c.code, 'verifications', enclosed.has(c.code))}>{t(notices.busy === `verifications:${c.code}` ? 'creditors.noticesPrinting' : 'creditors.noticesPrint')}</button></> : null}
                    {c.arrangement_confirmations_due ? <><br /><span data-testid="confirmations-due" className={c.arrangement_confirmations_late ? 'banner--warning' : ''}>
                      {t('creditors.confirmationsDue', { count: c.arrangement_confirmations_due, n: formatCount(c.arrangement_confirmations_due) })}
                      {c.arrangement_confirmations_late ? t('creditors.confirmationsLate', { n: formatCount(c.arrangement_confirmations_late) }) : ''}</span>{' '}
                      <button type="button" className="button button--quiet" data-testid="print-confirmations" disabled={notices.busy !== null}
                        onClick={() => void notices.print(c.code, 'confirmations')}>{t(notices.busy === `confirmations:${c.code}` ? 'creditors.noticesPrinting' : 'creditors.noticesPrint')}</button></> : null}
                    {c.arrangement_statements_due ? <><br /><span data-testid="statements-due">
                      {t('creditors.statementsDue', { count: c.arrangement_statements_due, n: formatCount(c.arrangement_statements_due) })}</span>{' '}
                      <button type="button" className="button button--quiet" data-testid="print-statements" disabled={notices.busy !== null}
                        onClick={() => void notices.print(c.code, 'statements')}>{t(notices.busy === `statements:${c.code}` ? 'creditors.noticesPrinting' : 'creditors.noticesPrint')}</button></> : null}
                    {c.accounts_without_state ? <><br /><span className="muted" data-testid="without-state">
                      {t('creditors.withoutState', { count: c.accounts_without_state, n: formatCount(c.accounts_without_state) })}</span></> : null}
                  </> : <span className="muted">—</span>}</div></td> : null}
                </tr>
              ))}
            </tbody>
          </table></div>
        )
      ) : null}
      {notices.outcome ? <p className={`banner ${notices.outcome.kind === 'failed' ? 'banner--error' : 'banner--info'}`}
        role={notices.outcome.kind === 'failed' ? 'alert' : 'status'} data-testid="notices-result">{notices.outcome.message}</p> : null}
      {anyUs ? <LicencesPanel onSessionExpired={onSessionExpired} /> : null}
      {anyUs ? <StateNoticesPanel onSessionExpired={onSessionExpired} /> : null}
      <h2 id={`${id}-h`}>{t('creditors.add')}</h2>
      <form className="us-form us-form--narrow" aria-labelledby={`${id}-h`} onSubmit={(e) => void send(e)} data-testid="add-creditor-form">
        <label>{t('creditors.code')}
          <input value={code} onChange={(e) => setCode(e.target.value)} required maxLength={32} pattern="[A-Za-z0-9_]{2,32}"
            autoComplete="off" spellCheck={false} {...invalid('code')} />
          <span className="muted">{t('creditors.codeHint')}</span></label>
        <label>{t('creditors.name')}
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={200} {...invalid('name')} /></label>
        <label>{t('creditors.nameEn')}
          <input value={nameEn} onChange={(e) => setNameEn(e.target.value)} maxLength={200} lang="en" {...invalid('name_en')} />
          <span className="muted">{t('creditors.nameEnHint')}</span></label>
        {action.problem ? <p id={problemId} className="banner banner--error" role="alert" data-testid="add-creditor-problem">{action.problem.message}</p> : null}
        {added ? <p className="banner banner--info" role="status" data-testid="creditor-added">{t('creditors.added', { creditor: added })}</p> : null}
        <button type="submit" className="button button--primary" disabled={action.busy}>{t('creditors.submit')}</button>
      </form>
    </section>
  );
}

/**
 * A US creditor's letter runs: validation notices (债务确认通知) and dispute verifications
 * (债务核实函); the PDF downloaded, and a line saying how many went in and which accounts the
 * compliance engine (or a missing address) left out.
 */
type UsRun = 'notices' | 'verifications' | 'confirmations' | 'statements';
function useUsLetters(onSessionExpired: () => void, onPrinted: () => void) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ kind: 'done' | 'failed'; message: string } | null>(null);
  /** Why accounts were left out, in the reader's words: no address of the debtor's own, or a compliance rule. */
  const refusalName = (key: string): string => key === 'no_usable_email' ? t('creditors.noUsableEmail')
    : key === 'no_usable_address' ? t('creditors.noUsableAddress')
    : ruleName(key, currentLocale());
  /** One run: `busy` names it meanwhile; `work` answers the line to show (a 401 ends the session). */
  async function run(key: string, work: () => Promise<string>): Promise<void> {
    setBusy(key);
    setOutcome(null);
    try {
      setOutcome({ kind: 'done', message: await work() });
      onPrinted();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) { onSessionExpired(); return; }
      setOutcome({ kind: 'failed', message: messageOf(error) });
    } finally {
      setBusy(null);
    }
  }
  const print = (code: string, letters: UsRun, documentsEnclosed = false) => run(`${letters}:${code}`, async () => {
    const result = letters === 'verifications' ? await printVerifications(code, documentsEnclosed)
      : await ({ notices: printValidationNotices, confirmations: printArrangementConfirmations, statements: printArrangementStatements })[letters](code);
    saveFile(result.file, result.fileName);
    const refused = countsByKey(result.refused, currentLocale(), refusalName);
    return t(`creditors.${letters}Done`, { printed: formatCount(result.printed), sent: formatCount(result.printed - result.already) })
      + (refused ? t('creditors.noticesRefused', { rules: refused }) : '');
  });
  /** The notices by e-mail first (to addresses the debtor gave us); what is left, printed after. */
  const email = (code: string) => run(`email:${code}`, async () => {
    const result = await emailValidationNotices(code);
    const left = countsByKey(result.refused, currentLocale(), refusalName);
    return t('creditors.noticesEmailed', { queued: formatCount(result.queued) }) + (left ? t('creditors.noticesLeftForPost', { rules: left }) : '');
  });
  return { busy, outcome, print, email };
}

/**
 * A creditor's name in English: what its debtors reading the portal in English or Spanish see in
 * place of its own (Chinese) name. Shown under the name; empty means its own name is shown.
 */
function EnglishNameEditor({ creditor, onSaved, onSessionExpired }: { creditor: Creditor; onSaved(): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState(creditor.name_en ?? '');
  const action = useFieldAction(onSessionExpired);
  if (!open) {
    return (
      <span>
        <span className={creditor.name_en ? '' : 'muted'} lang="en" data-testid="name-en-text">{creditor.name_en ?? t('creditors.nameEnUnset')}</span>{' '}
        <button type="button" className="button button--quiet" aria-label={t('creditors.nameEnEditLabel', { creditor: creditor.name })}
          onClick={() => { setText(creditor.name_en ?? ''); setOpen(true); }}>{t('creditors.repaymentEdit')}</button>
      </span>
    );
  }
  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    const result = await action.run(() => setEnglishName(creditor.code, text));
    if (result.ok) { setOpen(false); onSaved(); }
  }
  return (
    <form className="us-form" onSubmit={(e) => void save(e)} data-testid="name-en-form">
      <label>{t('creditors.nameEn')}<input value={text} maxLength={200} lang="en" onChange={(e) => setText(e.target.value)} /></label>
      <p className="muted">{t('creditors.nameEnHint')}</p>
      {action.problem ? <p className="banner banner--error" role="alert">{action.problem.message}</p> : null}
      <button type="submit" className="button button--primary" disabled={action.busy}>{t('creditors.repaymentSave')}</button>{' '}
      <button type="button" className="button button--quiet" onClick={() => setOpen(false)}>{t('creditors.repaymentCancel')}</button>
    </form>
  );
}

/**
 * 还款方式 of one creditor: where its debtors pay it (the bank's app, branches, repayment account,
 * service line), shown on their portal page and in collection letters next to the warning that no
 * one will ask them to pay a personal account. Chinese first; English optional.
 */
function RepaymentEditor({ creditor, onSaved, onSessionExpired }: { creditor: Creditor; onSaved(): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [zh, setZh] = useState(creditor.repayment_zh ?? '');
  const [en, setEn] = useState(creditor.repayment_en ?? '');
  const action = useFieldAction(onSessionExpired);
  if (!open) {
    return (
      <span>
        <span className={creditor.repayment_zh ? '' : 'muted'} data-testid="repayment-text">{creditor.repayment_zh ?? t('creditors.repaymentUnset')}</span>{' '}
        <button type="button" className="button button--quiet" onClick={() => setOpen(true)}>{t('creditors.repaymentEdit')}</button>
      </span>
    );
  }
  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    const result = await action.run(() => setRepayment(creditor.code, zh, en));
    if (result.ok) { setOpen(false); onSaved(); }
  }
  return (
    <form className="us-form" onSubmit={(e) => void save(e)} data-testid="repayment-form">
      <label>{t('creditors.repaymentZh')}<textarea value={zh} maxLength={1000} rows={3} onChange={(e) => setZh(e.target.value)} /></label>
      <label>{t('creditors.repaymentEn')}<textarea value={en} maxLength={1000} rows={3} onChange={(e) => setEn(e.target.value)} /></label>
      <p className="muted">{t('creditors.repaymentHint')}</p>
      {action.problem ? <p className="banner banner--error" role="alert">{action.problem.message}</p> : null}
      <button type="submit" className="button button--primary" disabled={action.busy}>{t('creditors.repaymentSave')}</button>{' '}
      <button type="button" className="button button--quiet" onClick={() => setOpen(false)}>{t('creditors.repaymentCancel')}</button>
    </form>
  );
}
