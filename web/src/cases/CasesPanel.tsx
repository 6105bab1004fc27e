import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Recording } from '../lib/Recording.tsx';
import { currentLocale } from '../i18n/index.ts';
import { formatFen, parseYuanToFen, useCurrency } from '../lib/money.ts';
import { useAction } from '../supervisor/useAction.ts';
import { useLoad } from '../supervisor/useLoad.ts';
import { formatInstant } from '../lib/time.ts';
import { addStatement, fetchAccountCases, offerSettlement, openComplaint, openDispute, type AccountCases, type Case, type Waiver } from './api.ts';
import './cases.css';

interface Attempt { id: number; at: string; channel: string; outcome: string }
interface Props {
  accountId: number; attempts: Attempt[]; /** Paid, settled, recalled or closed, or on an approved plan: no settlement to offer. */ finished?: boolean; onChanged(): void; onSessionExpired(): void;
  /** The debtor just disputed the debt on a call: these words (the call's note) start the dispute form. */
  disputeWords?: string | undefined;
  /** An outcome code in the reader's words (the account page's outcome codes). */
  outcomeLabel?: (code: string) => string;
  /** The account page as last read: the cases are read again with it (a payment recorded on the page may settle an offer). */
  revision: unknown;
}

const CHANNELS = ['phone', 'online', 'creditor', 'regulator', 'letter', 'visit'] as const;

/** The account page's cases: settlement offers, disputes and complaints, with their state and the forms to open them. */
export function CasesPanel({ accountId, attempts, finished = false, onChanged, onSessionExpired, disputeWords, outcomeLabel = (code) => code, revision }: Props) {
  const { t } = useTranslation();
  const { state } = useLoad((signal) => fetchAccountCases(accountId, signal), onSessionExpired, [accountId, revision]);
  if (state.kind === 'loading') return <section className="ws-section"><p role="status">{t('app.loading')}</p></section>;
  if (state.kind === 'error') return <section className="ws-section"><p className="banner banner--error" role="alert">{state.message}</p></section>;
  const data = state.data;
  // The page reads itself again, and with it (`revision`) this section.
  const changed = onChanged;
  const common = { data, accountId, onDone: changed, onSessionExpired };
  return (
    <section className="ws-section cs-panel" aria-label={t('cases.title')} data-testid="cases-panel">
      <h2>{t('cases.title')}</h2>
      <div className="cs-columns">
        <div>
          <h3>{t('cases.complaints.title')}</h3>
          <CaseList cases={data.complaints} testId="complaint-list" authority={data.authority} onDone={changed} onSessionExpired={onSessionExpired} />
          <ComplaintForm {...common} attempts={attempts} outcomeLabel={outcomeLabel} />
        </div>
        <div>
          <h3>{t('cases.disputes.title')}</h3>
          <CaseList cases={data.disputes} testId="dispute-list" authority={data.authority} onDone={changed} onSessionExpired={onSessionExpired} />
          {data.disputes.some((d) => d.status === 'open') || data.authority === 'creditor' ? null : <DisputeForm {...common} words={disputeWords} />}
        </div>
        <div>
          <h3>{t('cases.settlements.title')}</h3>
          <WaiverList waivers={data.waivers} />
          {finished || data.waivers.some((w) => w.status === 'requested' || w.status === 'approved') ? null : <SettlementForm {...common} />}
        </div>
      </div>
    </section>
  );
}

function CaseList({ cases, testId, authority, onDone, onSessionExpired }: { cases: Case[]; testId: string; authority: string; onDone(): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  if (cases.length === 0) return <p className="muted">{t('workstation.none')}</p>;
  return (
    <ul className="cs-list" data-testid={testId}>
      {cases.map((c) => (
        <li key={c.id} data-testid="case-row" data-status={c.status}>
          <strong>{t(`cases.status.${c.status}`)}</strong> · {t(`cases.channels.${c.channel}`, { defaultValue: c.channel })}
          {c.dispute_reason ? ` · ${t(`cases.disputeReasons.${c.dispute_reason}`)}` : ''}
          {c.due_on && c.status === 'open' ? ` · ${t('cases.dueOn', { date: c.due_on })}` : ''}
          <div>{c.description}</div>
          {c.collector_name ? <div className="muted">{t('cases.collector')}: {c.collector_name}{c.recording_ref ? <> · {t('cases.recording')}: <Recording value={c.recording_ref} /></> : null}</div> : null}
          {c.collector_statement ? <div className="muted">{t('cases.statement')}: {c.collector_statement}</div> : null}
          {c.finding ? <div>{t(`cases.findings.${c.finding}`)} · {t(`cases.actions.${c.action ?? 'none'}`)} · {c.resolution_note}</div> : null}
          {c.kind === 'dispute' && c.status !== 'open' ? <div>{c.resolution_note} ({c.resolved_by_name ?? ''})</div> : null}
          {c.kind === 'complaint' && c.status === 'open' && authority === 'collector'
            ? <StatementForm complaintId={c.id} onDone={onDone} onSessionExpired={onSessionExpired} /> : null}
        </li>
      ))}
    </ul>
  );
}

function StatementForm({ complaintId, onDone, onSessionExpired }: { complaintId: number; onDone(): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const action = useAction(onSessionExpired);
  return (
    <form className="cs-inline" onSubmit={(e) => { e.preventDefault(); void action.run(async () => { await addStatement(complaintId, text); return true; }).then((ok) => { if (ok) onDone(); }); }}>
      <label>{t('cases.statementLabel')}<input value={text} onChange={(e) => setText(e.target.value)} required minLength={2} /></label>
      <button type="submit" className="button button--quiet" disabled={action.busy}>{t('cases.save')}</button>
      {action.problem ? <span className="banner banner--error" role="alert">{action.problem}</span> : null}
    </form>
  );
}

function WaiverList({ waivers }: { waivers: Waiver[] }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const currency = useCurrency();
  if (waivers.length === 0) return <p className="muted">{t('workstation.none')}</p>;
  return (
    <ul className="cs-list" data-testid="settlement-list">
      {waivers.map((w) => (
        <li key={w.id} data-testid="settlement-row" data-status={w.status}>
          <strong>{t(`cases.settlementStatus.${w.status}`)}</strong>
          {w.status === 'requested' ? ` · ${t(`cases.approver.${w.approver}`)}` : ''}
          <div>{t(w.schedule.length === 1 ? 'cases.settlements.summaryOnce' : 'cases.settlements.summary', { waived: formatFen(w.principal_fen + w.interest_fen + w.fees_fen, locale, currency),
            pay: formatFen(w.settle_fen, locale, currency), date: w.due_date, count: w.schedule.length,
            owed: formatFen(w.balance_principal_fen + w.balance_interest_fen + w.balance_fees_fen, locale, currency) })}</div>
          {w.decision_reason ? <div className="muted">{w.decided_by_name}: {w.decision_reason}</div> : null}
        </li>
      ))}
    </ul>
  );
}

interface FormProps { data: AccountCases; accountId: number; onDone(): void; onSessionExpired(): void }

function ComplaintForm({ accountId, attempts, onDone, onSessionExpired, outcomeLabel }: FormProps & { attempts: Attempt[]; outcomeLabel(code: string): string }) {
  const { t } = useTranslation();
  const id = useId();
  const [channel, setChannel] = useState('phone');
  const [description, setDescription] = useState('');
  const [attemptId, setAttemptId] = useState('');
  const [recording, setRecording] = useState('');
  const action = useAction(onSessionExpired);
  async function send(event: FormEvent): Promise<void> {
    event.preventDefault();
    const done = await action.run(() => openComplaint(accountId, { channel, description, attempt_ids: attemptId ? [Number(attemptId)] : [],
      ...(recording.trim() ? { recording_ref: recording.trim() } : {}) }));
    if (done) { setDescription(''); setAttemptId(''); setRecording(''); onDone(); }
  }
  return (
    <form className="ws-form" onSubmit={(e) => void send(e)} aria-labelledby={`${id}-h`} data-testid="complaint-form">
      <h4 id={`${id}-h`}>{t('cases.complaints.open')}</h4>
      <label>{t('cases.channel')}<select value={channel} onChange={(e) => setChannel(e.target.value)}>
        {CHANNELS.map((c) => <option key={c} value={c}>{t(`cases.channels.${c}`)}</option>)}</select></label>
      <label>{t('cases.complaints.attempt')}<select value={attemptId} onChange={(e) => setAttemptId(e.target.value)}>
        <option value="">—</option>
        {attempts.slice(0, 20).map((a) => <option key={a.id} value={a.id}>{formatInstant(a.at)} · {t(`workstation.channels.${a.channel}`)} · {outcomeLabel(a.outcome)}</option>)}
      </select></label>
      <label>{t('cases.recording')}<input value={recording} onChange={(e) => setRecording(e.target.value)} /></label>
      <label className="ws-wide">{t('cases.complaints.description')}<textarea value={description} onChange={(e) => setDescription(e.target.value)} required minLength={2} /></label>
      {action.problem ? <p className="banner banner--error" role="alert">{action.problem}</p> : null}
      <button type="submit" className="button button--primary" disabled={action.busy}>{t('cases.complaints.submit')}</button>
    </form>
  );
}

function DisputeForm({ accountId, onDone, onSessionExpired, words }: FormProps & { words?: string | undefined }) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState('wrong_amount');
  const [channel, setChannel] = useState('phone');
  const [description, setDescription] = useState(words ?? '');
  // Words from the call just logged start the form (the collector completes them and picks the reason).
  useEffect(() => { if (words) setDescription(words); }, [words]);
  const action = useAction(onSessionExpired);
  async function send(event: FormEvent): Promise<void> {
    event.preventDefault();
    const done = await action.run(() => openDispute(accountId, { reason, description, channel }));
    if (done) { setDescription(''); onDone(); }
  }
  return (
    <form className="ws-form" onSubmit={(e) => void send(e)} aria-labelledby={`${id}-h`} data-testid="dispute-form">
      <h4 id={`${id}-h`}>{t('cases.disputes.open')}</h4>
      <label>{t('cases.disputes.reason')}<select value={reason} onChange={(e) => setReason(e.target.value)}>
        {['wrong_amount', 'not_mine', 'already_paid'].map((r) => <option key={r} value={r}>{t(`cases.disputeReasons.${r}`)}</option>)}</select></label>
      <label>{t('cases.channel')}<select value={channel} onChange={(e) => setChannel(e.target.value)}>
        {CHANNELS.map((c) => <option key={c} value={c}>{t(`cases.channels.${c}`)}</option>)}</select></label>
      <label className="ws-wide">{t('cases.disputes.description')}<textarea value={description} onChange={(e) => setDescription(e.target.value)} required minLength={2} /></label>
      {action.problem ? <p className="banner banner--error" role="alert">{action.problem}</p> : null}
      <button type="submit" className="button button--primary" disabled={action.busy}>{t('cases.disputes.submit')}</button>
    </form>
  );
}

function SettlementForm({ data, accountId, onDone, onSessionExpired }: FormProps) {
  const { t } = useTranslation();
  const id = useId();
  const locale = currentLocale();
  const currency = useCurrency();
  const [amounts, setAmounts] = useState({ principal: '', interest: '', fees: '' });
  const [payment, setPayment] = useState<'lump_sum' | 'instalments'>('lump_sum');
  const [dueDate, setDueDate] = useState('');
  const [instalments, setInstalments] = useState('3');
  const [note, setNote] = useState('');
  const [result, setResult] = useState<string | null>(null);
  const action = useAction(onSessionExpired);
  const limits = data.authority === 'creditor' ? null : data.limits[data.authority];
  async function send(event: FormEvent): Promise<void> {
    event.preventDefault();
    setResult(null);
    const fen = { principal: parseYuanToFen(amounts.principal || '0'), interest: parseYuanToFen(amounts.interest || '0'), fees: parseYuanToFen(amounts.fees || '0') };
    const done = await action.run(async () => {
      if (fen.principal === null || fen.interest === null || fen.fees === null) throw new Error(t('cases.settlements.badAmount'));
      return offerSettlement(accountId, { principal_fen: fen.principal, interest_fen: fen.interest, fees_fen: fen.fees, payment, due_date: dueDate,
        ...(payment === 'instalments' ? { instalments: Number(instalments) } : {}), ...(note.trim() ? { note: note.trim() } : {}) });
    });
    if (done) {
      setResult(done.status === 'approved' ? t('cases.settlements.approvedAtOnce', { pay: formatFen(done.settle_fen, locale, currency) })
        : t('cases.settlements.sentTo', { approver: t(`cases.approver.${done.approver}`) }));
      setAmounts({ principal: '', interest: '', fees: '' });
      onDone();
    }
  }
  return (
    <form className="ws-form" onSubmit={(e) => void send(e)} aria-labelledby={`${id}-h`} data-testid="settlement-form">
      <h4 id={`${id}-h`}>{t('cases.settlements.offer')}</h4>
      <p className="muted">{limits
        ? t('cases.settlements.yourLimits', { interest: (limits.interest_bp ?? 0) / 100, fees: (limits.fees_bp ?? 0) / 100 })
        : t('cases.settlements.creditorLimits')}</p>
      {(['principal', 'interest', 'fees'] as const).map((part) => (
        <label key={part}>{t(`cases.parts.${part}`, { balance: formatFen(data.balance[`${part}_fen`], locale, currency) })}
          <input inputMode="decimal" value={amounts[part]} placeholder="0.00" onChange={(e) => setAmounts({ ...amounts, [part]: e.target.value })} /></label>
      ))}
      <label>{t('cases.settlements.payment')}<select value={payment} onChange={(e) => setPayment(e.target.value as 'lump_sum' | 'instalments')}>
        <option value="lump_sum">{t('cases.settlements.lumpSum')}</option><option value="instalments">{t('cases.settlements.instalments')}</option></select></label>
      <label>{payment === 'lump_sum' ? t('cases.settlements.payBy') : t('cases.settlements.firstDue')}
        <input type="date" value={dueDate} min={data.business_date} onChange={(e) => setDueDate(e.target.value)} required /></label>
      {payment === 'instalments' ? <label>{t('cases.settlements.count')}<input type="number" min={2} max={60} value={instalments} onChange={(e) => setInstalments(e.target.value)} /></label> : null}
      <label className="ws-wide">{t('cases.note')}<input value={note} onChange={(e) => setNote(e.target.value)} /></label>
      {action.problem ? <p className="banner banner--error" role="alert">{action.problem}</p> : null}
      {result ? <p className="banner banner--info" role="status" data-testid="settlement-result">{result}</p> : null}
      <button type="submit" className="button button--primary" disabled={action.busy}>{t('cases.settlements.submit')}</button>
    </form>
  );
}
