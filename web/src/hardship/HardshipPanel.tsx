import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/index.ts';
import { formatFen, parseYuanToFen, useCurrency, type Currency } from '../lib/money.ts';
import type { Locale } from '../lib/types.ts';
import { noticeWords } from '../lib/notice-words.ts';
import { useAction } from '../supervisor/useAction.ts';
import { useLoad } from '../supervisor/useLoad.ts';
import {
  fetchAccountHardship, quotePlan, readFiles, resubmitApplication, submitApplication, type AccountHardship, type Application, type Quote,
} from './api.ts';
import { AffordabilityLine, EvidenceLinks, noteWords, PlanTermsLine, Problem, Timeline, when } from './Bits.tsx';
import './hardship.css';

interface Props {
  accountId: number; onChanged(): void; onSessionExpired(): void;
  /** The account page as last read: the hardship section is read again with it (a payment recorded on the page pays an instalment). */
  revision: unknown;
}

const PARTS = ['principal', 'interest', 'fees'] as const;
const OPEN = ['submitted', 'info_requested'];
const COLLECTIBLE = ['active', 'promised', 'lost_contact', 'placed'];

/** The account page's hardship section (停息挂账): the application form with a live quote, applications, plans, timeline, notices. */
export function HardshipPanel({ accountId, onChanged, onSessionExpired, revision }: Props) {
  const { t } = useTranslation();
  const { state } = useLoad((signal) => fetchAccountHardship(accountId, signal), onSessionExpired, [accountId, revision]);
  if (state.kind === 'loading') return <section className="ws-section"><p role="status">{t('app.loading')}</p></section>;
  if (state.kind === 'error') return <section className="ws-section"><Problem text={state.message} /></section>;
  const data = state.data;
  // The page reads itself again, and with it (`revision`) this section.
  const changed = onChanged;
  const open = data.applications.find((a) => OPEN.includes(a.status));
  return (
    <section className="ws-section hs-panel" aria-label={t('hardship.title')} data-testid="hardship-panel">
      <h2>{t('hardship.title')}</h2>
      {data.notifications.length ? (
        <ul className="hs-notices" data-testid="hardship-notifications">
          {data.notifications.slice(0, 5).map((n) => <li key={n.id} className="banner banner--warning">{when(n.created_at)} · {t('hardship.noticeLine', { kind: t(`hardship.notices.${n.kind}`), message: noticeWords(n, currentLocale()) })}</li>)}
        </ul>
      ) : null}
      <Plans data={data} />
      {data.applications.length ? <Applications data={data} onChanged={changed} onSessionExpired={onSessionExpired} /> : null}
      {!open && COLLECTIBLE.includes(data.account.status)
        ? <ApplicationForm data={data} onDone={changed} onSessionExpired={onSessionExpired} /> : null}
      <h3>{t('hardship.timeline')}</h3>
      {data.timeline.length ? <Timeline events={data.timeline} /> : <p className="muted">{t('hardship.noTimeline')}</p>}
    </section>
  );
}

function Plans({ data }: { data: AccountHardship }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const currency = useCurrency();
  if (!data.plans.length) return null;
  return (
    <div data-testid="hardship-plans">
      {data.plans.map((p) => {
        const paid = p.instalments.filter((i) => i.paid_fen >= i.amount_fen).length;
        return (
          <details key={p.id} open={p.status === 'active'} className="hs-plan">
            <summary>
              {t('hardship.plan.title', { id: p.id })} · <span className={`status status--${p.status}`} data-testid="plan-status">{t(`hardship.planStatus.${p.status}`)}</span>
              {' '}· {formatFen(p.total_fen, locale, currency)} · {t('hardship.plan.progress', { paid, months: p.months })}{p.ended_on ? ` · ${p.ended_on}` : ''}
            </summary>
            <table className="ws-table">
              <thead><tr><th>#</th><th>{t('hardship.plan.due')}</th><th>{t('hardship.plan.amount')}</th><th>{t('hardship.plan.paid')}</th></tr></thead>
              <tbody>{p.instalments.map((i) => (
                <tr key={i.n} className={i.paid_fen >= i.amount_fen ? 'hs-paid' : i.due_date < data.business_date ? 'hs-late' : ''}>
                  <td>{i.n}</td><td>{i.due_date}</td><td>{formatFen(i.amount_fen, locale, currency)}</td>
                  <td>{formatFen(i.paid_fen, locale, currency)}{i.paid_on ? ` (${i.paid_on})` : ''}</td>
                </tr>
              ))}</tbody>
            </table>
          </details>
        );
      })}
    </div>
  );
}

function Applications({ data, onChanged, onSessionExpired }: { data: AccountHardship; onChanged(): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  return (
    <table className="ws-table" data-testid="hardship-applications">
      <thead><tr><th>#</th><th>{t('hardship.reason')}</th><th>{t('hardship.requested')}</th><th>{t('hardship.status')}</th><th>{t('hardship.deadline')}</th><th>{t('hardship.evidence')}</th></tr></thead>
      <tbody>{data.applications.map((a) => (
        <tr key={a.id} data-testid="hardship-application">
          <td>{a.id}</td>
          <td>{t(`hardship.reasons.${a.reason}`)}</td>
          <td>
            <PlanTermsLine plan={a.requested_plan} />
            {a.decided_terms ? <div data-testid="granted-terms">{t('hardship.decided')}: <PlanTermsLine plan={a.decided_terms} /></div> : null}
          </td>
          <td>
            <span className={`status status--${a.status}`} data-testid="application-status">{t(`hardship.appStatus.${a.status}`)}</span>
            {a.decision_note ? <div className="muted">{noteWords(a.decision_note, a.decision_note_zh)}</div> : null}
            {a.status === 'info_requested' ? <Resubmit application={a} onDone={onChanged} onSessionExpired={onSessionExpired} /> : null}
          </td>
          <td>{OPEN.includes(a.status) ? a.decision_due_on : '—'}</td>
          <td><EvidenceLinks files={a.evidence} /></td>
        </tr>
      ))}</tbody>
    </table>
  );
}

function Resubmit({ application, onDone, onSessionExpired }: { application: Application; onDone(): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const [information, setInformation] = useState('');
  const [files, setFiles] = useState<FileList | null>(null);
  const action = useAction(onSessionExpired);
  return (
    <form className="hs-resubmit" data-testid="resubmit-form" onSubmit={(e) => {
      e.preventDefault();
      void action.run(async () => resubmitApplication(application.id, { information, evidence: await readFiles(files) })).then((r) => { if (r !== undefined) onDone(); });
    }}>
      <p className="banner banner--warning">{t('hardship.infoRequested', { question: application.info_request ?? '' })}</p>
      <label>{t('hardship.information')}<textarea value={information} onChange={(e) => setInformation(e.target.value)} required maxLength={4000} /></label>
      <label>{t('hardship.moreEvidence')}<input type="file" multiple accept=".pdf,.jpg,.jpeg,.png,.heic,application/pdf,image/jpeg,image/png,image/heic" onChange={(e) => setFiles(e.target.files)} /></label>
      <Problem text={action.problem} />
      <button type="submit" className="button button--primary" disabled={action.busy}>{t('hardship.resubmit')}</button>
    </form>
  );
}

/** The quote in a sentence: one instalment, equal ones, or equal ones and a last one carrying the remainder of the split. */
function quoteWords(quote: Quote, t: (key: string, options: Record<string, unknown>) => string, locale: Locale, currency: Currency): string {
  const { instalments } = quote.schedule;
  const first = instalments[0]!.amount_fen;
  const last = instalments.at(-1)!.amount_fen;
  return t(instalments.length > 1 && first !== last ? 'hardship.quoteLineUneven' : 'hardship.quoteLine', {
    amount: formatFen(quote.schedule.plan_amount_fen, locale, currency), count: instalments.length, first: formatFen(first, locale, currency),
    last: formatFen(last, locale, currency), end: instalments.at(-1)!.due_date, total: formatFen(quote.schedule.total_fen, locale, currency) });
}

function ApplicationForm({ data, onDone, onSessionExpired }: { data: AccountHardship; onDone(): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const locale = currentLocale();
  const currency = useCurrency();
  const programme = data.programmes[0] ?? null;
  const [usingProgramme, setUsingProgramme] = useState(false);
  const [reason, setReason] = useState('unemployment');
  const [statement, setStatement] = useState('');
  const [income, setIncome] = useState('');
  const [essentials, setEssentials] = useState('');
  const [months, setMonths] = useState('12');
  const [firstDue, setFirstDue] = useState('');
  const [waive, setWaive] = useState<string[]>(['interest', 'fees']);
  const [evidenceNote, setEvidenceNote] = useState('');
  const [files, setFiles] = useState<FileList | null>(null);
  const [quote, setQuote] = useState<Quote | null>(null);
  const action = useAction(onSessionExpired);

  function terms() {
    const fenIncome = income.trim() ? parseYuanToFen(income) : null;
    const fenEssentials = essentials.trim() ? parseYuanToFen(essentials) : null;
    if (fenIncome === null && income.trim()) throw new Error(t('hardship.badAmount', { field: t('hardship.income') }));
    if (fenEssentials === null && essentials.trim()) throw new Error(t('hardship.badAmount', { field: t('hardship.essentials') }));
    // The plan's terms checked here, in the reader's words, before the server is asked.
    const n = Number(months);
    if (!Number.isInteger(n) || n < 1 || n > data.account.instalment_max) {
      throw new Error(t(data.account.instalment_max_set_by === 'contract' ? 'hardship.badMonthsContract' : 'hardship.badMonths', { max: data.account.instalment_max }));
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(firstDue)) throw new Error(t('hardship.noFirstDue'));
    if (firstDue < data.business_date) throw new Error(t('hardship.firstDuePast', { date: firstDue, today: data.business_date }));
    return { plan: { months: Number(months), first_due_date: firstDue, waive },
      means: { ...(fenIncome !== null ? { monthly_income_fen: fenIncome } : {}), ...(fenEssentials !== null ? { monthly_essentials_fen: fenEssentials } : {}) } };
  }
  function applyProgramme(): void {
    if (!programme) return;
    setUsingProgramme(true);
    setReason(programme.reason);
    setEvidenceNote(programme.evidence_note);
  }
  async function send(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const ok = await action.run(async () => {
      const { plan, means } = terms();
      return submitApplication(data.account.id, { reason, statement, ...means, plan, evidence: await readFiles(files),
        ...(evidenceNote.trim() ? { evidence_note: evidenceNote.trim() } : {}), ...(usingProgramme && programme ? { programme_id: programme.id } : {}) });
    });
    if (ok !== undefined) onDone();
  }
  return (
    <form className="ws-form hs-form" onSubmit={(e) => void send(e)} aria-labelledby={`${id}-h`} data-testid="hardship-form">
      <h3 id={`${id}-h`}>{t('hardship.apply')}</h3>
      {programme ? (
        <p className="banner banner--info" data-testid="hardship-programme">
          {t('hardship.programme', { name: programme.name })}{' '}
          <button type="button" className="button" onClick={applyProgramme} disabled={usingProgramme}>{t('hardship.useProgramme')}</button>
        </p>
      ) : null}
      <div className="ws-grid">
        <label>{t('hardship.reason')}
          <select value={reason} onChange={(e) => setReason(e.target.value)} name="reason">
            {data.reasons.map((r) => <option key={r} value={r}>{t(`hardship.reasons.${r}`)}</option>)}
          </select>
        </label>
        <label>{t('hardship.income')}<input inputMode="decimal" name="income" value={income} onChange={(e) => setIncome(e.target.value)} placeholder="3,000.00" /></label>
        <label>{t('hardship.essentials')}<input inputMode="decimal" name="essentials" value={essentials} onChange={(e) => setEssentials(e.target.value)} placeholder="2,000.00" /></label>
        <label>{t('hardship.months', { max: data.account.instalment_max })}
          <input type="number" name="months" min={1} max={data.account.instalment_max} value={months} onChange={(e) => setMonths(e.target.value)} required />
        </label>
        <label>{t('hardship.firstDue')}<input type="date" name="first_due_date" min={data.business_date} value={firstDue} onChange={(e) => setFirstDue(e.target.value)} required /></label>
      </div>
      <fieldset className="hs-waive">
        <legend>{t('hardship.waive')}</legend>
        {PARTS.map((p) => (
          <label key={p}><input type="checkbox" checked={waive.includes(p)} onChange={(e) => setWaive(e.target.checked ? [...waive, p] : waive.filter((w) => w !== p))} />
            {t(`hardship.parts.${p}`)} ({formatFen(data.account[`${p}_fen`], locale, currency)})</label>
        ))}
      </fieldset>
      <label className="hs-wide">{t('hardship.statement')}
        <textarea name="statement" value={statement} onChange={(e) => setStatement(e.target.value)} required maxLength={4000} rows={3} />
      </label>
      <label className="hs-wide">{t('hardship.evidenceNote')}<input name="evidence_note" value={evidenceNote} onChange={(e) => setEvidenceNote(e.target.value)} maxLength={1000} /></label>
      <label className="hs-wide">{t('hardship.evidenceFiles')}
        <input type="file" name="evidence" multiple accept=".pdf,.jpg,.jpeg,.png,.heic,application/pdf,image/jpeg,image/png,image/heic" onChange={(e) => setFiles(e.target.files)} />
      </label>
      {quote ? (
        <div data-testid="hardship-quote">
          <p>{quoteWords(quote, t, locale, currency)}</p>
          <AffordabilityLine a={quote.affordability} />
        </div>
      ) : null}
      <Problem text={action.problem} />
      <div className="hs-buttons">
        <button type="button" className="button" disabled={action.busy} data-testid="hardship-quote-button" onClick={() => void action.run(async () => {
          setQuote(null);   // a quote shown is the one for the terms above, never an earlier one's
          const { plan, means } = terms();
          setQuote(await quotePlan(data.account.id, { ...plan, ...means }));
        })}>{t('hardship.quote')}</button>
        <button type="submit" className="button button--primary" disabled={action.busy}>{t('hardship.submit')}</button>
      </div>
      <p className="muted">{t('hardship.submitNote')}</p>
    </form>
  );
}
