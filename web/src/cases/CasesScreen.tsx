import { createContext, useContext, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Recording } from '../lib/Recording.tsx';
import { personalText } from '../lib/bilingual.ts';
import { currentLocale } from '../i18n/index.ts';
import { formatFen } from '../lib/money.ts';
import type { Role } from '../lib/types.ts';
import { useAction } from '../supervisor/useAction.ts';
import { useLoad } from '../supervisor/useLoad.ts';
import { closeComplaint, decideSettlement, fetchInbox, resolveDispute, type Case, type Waiver } from './api.ts';
import { ForwardComplaintForm } from './ForwardComplaintForm.tsx';
import './cases.css';

/**
 * The Cases screen: what waits for the user. Supervisors: complaints of their team to
 * investigate (deadline first) and settlement offers above a collector's authority.
 * Creditor users: complaints to forward and those being investigated (to follow, not to
 * close), disputes to verify and offers only the creditor may approve. Admins: all.
 */
export function CasesScreen({ role, onSessionExpired }: { role: Role; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const { state, reload } = useLoad((signal) => fetchInbox(signal), onSessionExpired);
  // What was just decided: its card leaves the list, and the screen says what became of it.
  const [decided, setDecided] = useState<string | null>(null);
  const done = (message: string) => { setDecided(message); reload(); };
  return (
    <LinkAccounts.Provider value={role !== 'creditor_user'}>
    <section className="sv-screen cs-screen" aria-labelledby="cs-title" data-testid="cases-screen">
      <div className="screen-head">
        <h1 id="cs-title">{t('cases.screen.title')}</h1>
        <button type="button" className="button button--quiet" onClick={reload}>{t('cases.refresh')}</button>
      </div>
      <p className="muted">{t(role === 'creditor_user' ? 'cases.screen.introCreditor' : 'cases.screen.introSupervisor')}</p>
      {decided !== null ? <p className="banner banner--info" role="status" data-testid="cases-decided">{decided}</p> : null}
      {role === 'creditor_user' ? <ForwardComplaintForm onDone={reload} onSessionExpired={onSessionExpired} /> : null}
      {state.kind === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {state.kind === 'error' ? <p className="banner banner--error" role="alert">{state.message}</p> : null}
      {state.kind === 'ready' ? (
        <Today.Provider value={state.data.business_date}>
          {role !== 'creditor_user' ? (
            <section aria-labelledby="cs-complaints">
              <h2 id="cs-complaints">{t('cases.screen.complaints', { count: state.data.complaints.length })}</h2>
              {state.data.complaints.length === 0 ? <p className="muted">{t('cases.screen.nothing')}</p> : (
                <ul className="cs-cards" data-testid="complaints-to-investigate">
                  {state.data.complaints.map((c) => <ComplaintCard key={c.id} complaint={c} onDone={done} onSessionExpired={onSessionExpired} />)}
                </ul>
              )}
            </section>
          ) : (
            <section aria-labelledby="cs-followed">
              <h2 id="cs-followed">{t('cases.screen.followed', { count: state.data.complaints.length })}</h2>
              {state.data.complaints.length === 0 ? <p className="muted">{t('cases.screen.noneFollowed')}</p> : (
                <ul className="cs-cards" data-testid="complaints-followed">
                  {state.data.complaints.map((c) => <FollowedComplaintCard key={c.id} complaint={c} />)}
                </ul>
              )}
            </section>
          )}
          <section aria-labelledby="cs-disputes">
            <h2 id="cs-disputes">{t('cases.screen.disputes', { count: state.data.disputes.length })}</h2>
            {state.data.disputes.length === 0 ? <p className="muted">{t('cases.screen.nothing')}</p> : (
              <ul className="cs-cards" data-testid="disputes-to-verify">
                {state.data.disputes.map((d) => <DisputeCard key={d.id} dispute={d} canResolve={role === 'creditor_user' || role === 'admin'} onDone={done} onSessionExpired={onSessionExpired} />)}
              </ul>
            )}
          </section>
          <section aria-labelledby="cs-waivers">
            <h2 id="cs-waivers">{t('cases.screen.waivers', { count: state.data.waivers.length })}</h2>
            {state.data.waivers.length === 0 ? <p className="muted">{t('cases.screen.nothing')}</p> : (
              <ul className="cs-cards" data-testid="settlements-to-decide">
                {state.data.waivers.map((w) => <WaiverCard key={w.id} waiver={w} onDone={done} onSessionExpired={onSessionExpired} />)}
              </ul>
            )}
          </section>
        </Today.Provider>
      ) : null}
    </section>
    </LinkAccounts.Provider>
  );
}

/** The account, linked to its page for those who work accounts (creditor users have no workstation). */
function Head({ c }: { c: { account_id: number; account_no_mask: string; debtor_name: string } }) {
  const { t } = useTranslation();
  const linked = useContext(LinkAccounts);
  const label = `${personalText(c.debtor_name, t('app.erased'))} · ${c.account_no_mask}`;
  return <strong>{linked ? <a href={`/workstation/accounts/${c.account_id}`}>{label}</a> : label}</strong>;
}
const LinkAccounts = createContext(true);

/** The agency's business date from the server, against which deadlines are late (dates compare as 'YYYY-MM-DD' text). */
const Today = createContext('');

function Deadline({ c }: { c: Case }) {
  const { t } = useTranslation();
  const today = useContext(Today);
  const overdue = c.due_on !== null && today !== '' && c.due_on < today;
  return <span className={overdue ? 'cs-due cs-due--late' : 'cs-due'}>{c.due_on ? t('cases.dueOn', { date: c.due_on }) : t('cases.noDeadline')}</span>;
}

/** A complaint on the bank's account as the bank follows it: what, since when, by when; the supervisor closes it. */
function FollowedComplaintCard({ complaint: c }: { complaint: Case }) {
  const { t } = useTranslation();
  return (
    <li className="cs-card" data-testid="followed-complaint-card" data-id={c.id}>
      <Head c={c} /> · {t(`cases.channels.${c.channel}`, { defaultValue: c.channel })} · {t('cases.openedOn', { date: c.opened_on ?? '—' })}
      <Deadline c={c} />
      <p>{c.description}</p>
      {c.collector_statement ? <p className="muted">{t('cases.statement')}: {c.collector_statement}</p> : null}
    </li>
  );
}

function ComplaintCard({ complaint: c, onDone, onSessionExpired }: { complaint: Case; onDone(message: string): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  // No finding until the supervisor picks one: an upheld complaint counts against the collector.
  const [finding, setFinding] = useState('');
  // Nor an action: the supervisor says what follows (none, coaching, ...), as they say the finding.
  const [action, setAction] = useState('');
  const [note, setNote] = useState('');
  const run = useAction(onSessionExpired);
  return (
    <li className="cs-card" data-testid="complaint-card" data-id={c.id}>
      <Head c={c} /> · {t(`cases.channels.${c.channel}`, { defaultValue: c.channel })} · {c.opened_on}
      <Deadline c={c} />
      <p>{c.description}</p>
      <p className="muted">{t('cases.collector')}: {c.collector_name ?? '—'} · {t('cases.recording')}: <Recording value={c.recording_ref} />
        {c.attempt_ids.length ? ` · ${t('cases.attempts', { ids: c.attempt_ids.join(', ') })}` : ''}</p>
      <p className="muted">{t('cases.statement')}: {c.collector_statement ?? t('cases.noStatement')}</p>
      <form className="cs-inline" onSubmit={(e) => { e.preventDefault(); void run.run(() => closeComplaint(c.id, { finding, action, note })).then((r) => {
        if (r) onDone(t('cases.decided.complaint', { id: c.id, finding: t(`cases.findings.${finding}`), action: t(`cases.actions.${action}`) }));
      }); }}>
        <label>{t('cases.finding')}<select value={finding} required onChange={(e) => { setFinding(e.target.value); if (e.target.value === 'not_upheld') setAction('none'); }}>
          <option value="" disabled>{t('cases.findings.choose')}</option><option value="upheld">{t('cases.findings.upheld')}</option><option value="not_upheld">{t('cases.findings.not_upheld')}</option></select></label>
        <label>{t('cases.action')}<select value={action} required onChange={(e) => setAction(e.target.value)}>
          <option value="" disabled>{t('cases.actions.choose')}</option>
          {['none', 'coaching', 'reassign', 'discipline'].map((a) => <option key={a} value={a}>{t(`cases.actions.${a}`)}</option>)}</select></label>
        <label>{t('cases.note')}<input value={note} onChange={(e) => setNote(e.target.value)} required minLength={2} /></label>
        <button type="submit" className="button button--primary" disabled={run.busy}>{t('cases.close')}</button>
      </form>
      {run.problem ? <p className="banner banner--error" role="alert">{run.problem}</p> : null}
    </li>
  );
}

function DisputeCard({ dispute: d, canResolve, onDone, onSessionExpired }: { dispute: Case; canResolve: boolean; onDone(message: string): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  // Returning the account to the bank recalls it, which this screen cannot undo: asked again first.
  const [returning, setReturning] = useState(false);
  const run = useAction(onSessionExpired);
  const resolve = (outcome: 'verified' | 'returned') => void run.run(() => resolveDispute(d.id, { outcome, note }))
    .then((r) => { if (r) onDone(t(`cases.decided.${outcome}`, { id: d.id, account: d.account_no_mask })); });
  return (
    <li className="cs-card" data-testid="dispute-card" data-id={d.id}>
      <Head c={d} />{d.dispute_reason ? ` · ${t(`cases.disputeReasons.${d.dispute_reason}`)}` : ''} · {d.opened_on}
      <p>{d.description}</p>
      {canResolve ? (
        <form className="cs-inline" onSubmit={(e) => { e.preventDefault(); resolve('verified'); }}>
          <label>{t('cases.disputes.finding')}<input value={note} onChange={(e) => setNote(e.target.value)} required minLength={2} /></label>
          <button type="submit" className="button button--primary" disabled={run.busy || returning}>{t('cases.disputes.verified')}</button>
          {returning ? (
            <span role="alertdialog" aria-label={t('cases.disputes.returned')} data-testid="return-confirm">
              {t('cases.disputes.returnConfirm', { account: d.account_no_mask })}{' '}
              <button type="button" className="button button--primary" disabled={run.busy} onClick={() => resolve('returned')}>{t('cases.disputes.returnYes')}</button>{' '}
              <button type="button" className="button button--quiet" disabled={run.busy} onClick={() => setReturning(false)}>{t('cases.disputes.returnNo')}</button>
            </span>
          ) : <button type="button" className="button" disabled={run.busy || note.trim().length < 2} onClick={() => setReturning(true)}>{t('cases.disputes.returned')}</button>}
        </form>
      ) : <p className="muted">{t('cases.disputes.waitingCreditor')}</p>}
      {run.problem ? <p className="banner banner--error" role="alert">{run.problem}</p> : null}
    </li>
  );
}

/** A part waived against what is owed of it: "¥1,000.00 / ¥5,525.23 (18%)"; the whole of it: "all of ¥331.51". */
function waivedOf(waived: number, owed: number, locale: ReturnType<typeof currentLocale>, currency: Waiver['currency'], t: (key: string, o?: Record<string, unknown>) => string): string {
  if (waived === 0) return t('cases.settlements.partNone', { owed: formatFen(owed, locale, currency) });
  if (owed > 0 && waived >= owed) return t('cases.settlements.partAll', { owed: formatFen(owed, locale, currency) });
  const share = owed > 0 ? Math.round((waived * 100) / owed) : 0;
  return t('cases.settlements.partSome', { waived: formatFen(waived, locale, currency), owed: formatFen(owed, locale, currency), share });
}

function WaiverCard({ waiver: w, onDone, onSessionExpired }: { waiver: Waiver; onDone(message: string): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [reason, setReason] = useState('');
  const run = useAction(onSessionExpired);
  const decide = (decision: 'approve' | 'reject') => void run.run(() => decideSettlement(w.id, { decision, reason }))
    .then((r) => { if (r) onDone(t(decision === 'approve' ? 'cases.decided.approved' : 'cases.decided.rejected', { id: w.id })); });
  return (
    <li className="cs-card" data-testid="settlement-card" data-id={w.id}>
      <Head c={w} /> · {t(`cases.approver.${w.approver}`)} · {w.requested_by_name ?? ''}
      {/* Each part waived against what is owed of it, so the bank decides without asking for the balance. */}
      <p data-testid="settlement-parts">{t('cases.settlements.parts', {
        principal: waivedOf(w.principal_fen, w.balance_principal_fen, locale, w.currency, t),
        interest: waivedOf(w.interest_fen, w.balance_interest_fen, locale, w.currency, t),
        fees: waivedOf(w.fees_fen, w.balance_fees_fen, locale, w.currency, t) })}</p>
      <p>{w.schedule.length === 1
        ? t('cases.settlements.summaryOnce', { waived: formatFen(w.principal_fen + w.interest_fen + w.fees_fen, locale, w.currency), pay: formatFen(w.settle_fen, locale, w.currency), date: w.due_date,
          owed: formatFen(w.balance_principal_fen + w.balance_interest_fen + w.balance_fees_fen, locale, w.currency) })
        : t('cases.settlements.summary', { waived: formatFen(w.principal_fen + w.interest_fen + w.fees_fen, locale, w.currency), pay: formatFen(w.settle_fen, locale, w.currency), date: w.due_date, count: w.schedule.length })}</p>
      {w.note ? <p className="muted">{w.note}</p> : null}
      <form className="cs-inline" onSubmit={(e) => { e.preventDefault(); decide('approve'); }}>
        <label>{t('cases.reason')}<input value={reason} onChange={(e) => setReason(e.target.value)} required minLength={2} /></label>
        <button type="submit" className="button button--primary" disabled={run.busy}>{t('cases.approve')}</button>
        <button type="button" className="button" disabled={run.busy || reason.trim().length < 2} onClick={() => decide('reject')}>{t('cases.reject')}</button>
      </form>
      {run.problem ? <p className="banner banner--error" role="alert">{run.problem}</p> : null}
    </li>
  );
}
