import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/index.ts';
import { creditorNameOf, personalText } from '../lib/bilingual.ts';
import { CurrencyContext, formatFen, type Currency } from '../lib/money.ts';
import { noticeWords } from '../lib/notice-words.ts';
import type { Locale, Role } from '../lib/types.ts';
import { useAction } from '../supervisor/useAction.ts';
import { useLoad } from '../supervisor/useLoad.ts';
import '../workstation/workstation.css';
import { approve, fetchApplication, fetchInbox, reject, requestInfo, type RequestedPlan } from './api.ts';
import { Programmes } from './Programmes.tsx';
import { AffordabilityLine, EvidenceLinks, noteWords, PlanTermsLine, Problem, Timeline, unevenPlan, when } from './Bits.tsx';
import './hardship.css';

export const HARDSHIP_INBOX_PATH = '/hardship/inbox';
const VIEWS = ['open', 'decided', 'all'] as const;
const PARTS = ['principal', 'interest', 'fees'] as const;

/** The creditor's hardship inbox: applications to decide, soonest deadline first; approve (on changed terms), reject, ask for more. */
export function HardshipInboxScreen({ role, onSessionExpired }: { role: Role; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [view, setView] = useState<(typeof VIEWS)[number]>('open');
  const [selected, setSelected] = useState<number | null>(null);
  const { state, reload } = useLoad((signal) => fetchInbox(view, signal), onSessionExpired, [view]);
  return (
    <section className="screen" aria-labelledby="hs-inbox-title">
      <div className="screen-head"><h1 id="hs-inbox-title">{t('hardship.inbox.title')}</h1></div>
      <div className="hs-tabs" role="tablist">
        {VIEWS.map((v) => (
          <button key={v} type="button" role="tab" aria-selected={view === v} className={`button${view === v ? ' button--primary' : ''}`}
            onClick={() => { setView(v); setSelected(null); }}>{t(`hardship.inbox.views.${v}`)}</button>
        ))}
      </div>
      {state.kind === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {state.kind === 'error' ? <Problem text={state.message} /> : null}
      {state.kind === 'ready' ? (
        <>
          {state.data.notifications.length ? (
            <ul className="hs-notices" data-testid="inbox-notifications">
              {state.data.notifications.slice(0, 10).map((n) => (
                <li key={n.id} className="banner banner--warning">{when(n.created_at)} · {n.account_no_mask} · {t('hardship.noticeLine', { kind: t(`hardship.notices.${n.kind}`), message: noticeWords(n, locale) })}</li>
              ))}
            </ul>
          ) : null}
          <div className={`hs-inbox${selected !== null ? ' hs-inbox--open' : ''}`}>
            {state.data.items.length === 0 ? <p className="muted" data-testid="inbox-empty">{t(`hardship.inbox.empty.${view}`)}</p> : (
              <table className="ws-table" data-testid="inbox">
                <thead><tr><th>{t('hardship.inbox.number')}</th><th>{t('hardship.inbox.account')}</th><th>{t('hardship.reason')}</th><th>{t('hardship.requested')}</th>
                  <th>{t('hardship.inbox.submitted')}</th><th>{t('hardship.deadline')}</th><th>{t('hardship.status')}</th><th /></tr></thead>
                <tbody>{state.data.items.map((a) => (
                  <tr key={a.id} data-testid="inbox-row" data-application-id={a.id} aria-selected={selected === a.id}
                    className={a.overdue && (a.status === 'submitted' || a.status === 'info_requested') ? 'hs-overdue' : ''}>
                    <td>{a.id}</td>
                    <td>{personalText(a.debtor_name, t('app.erased'))} · {a.account_no_mask} · {a.creditor_code}</td>
                    <td>{t(`hardship.reasons.${a.reason}`)}</td>
                    <td data-testid="inbox-requested">{requestedAmounts(a.requested_plan, locale, a.currency)}</td>
                    <td className="hs-date">{a.submitted_on}</td>
                    <td><span className="hs-date">{a.decision_due_on}</span>{a.overdue ? ` · ${t('hardship.inbox.overdue')}` : ''}</td>
                    <td>{t(`hardship.appStatus.${a.status}`)}</td>
                    <td><button type="button" className="button" aria-label={t('hardship.inbox.openLabel', { id: a.id })} onClick={() => setSelected(a.id)}>{t('hardship.inbox.open')}</button></td>
                  </tr>
                ))}</tbody>
              </table>
            )}
            {selected !== null ? <Detail key={selected} id={selected} role={role} onDecided={() => { reload(); }} onSessionExpired={onSessionExpired} /> : null}
          </div>
        </>
      ) : null}
      {role === 'supervisor' || role === 'admin' ? <Programmes onSessionExpired={onSessionExpired} /> : null}
    </section>
  );
}

/** The instalment asked for, times the months; a last instalment that differs (the remainder of the split) shown after the others. */
function requestedAmounts(plan: RequestedPlan, locale: Locale, currency: Currency | undefined): string {
  const each = formatFen(plan.instalment_fen, locale, currency);
  return unevenPlan(plan) ? `${each} × ${plan.months - 1} + ${formatFen(plan.last_instalment_fen!, locale, currency)}` : `${each} × ${plan.months}`;
}

function Detail({ id, role, onDecided, onSessionExpired }: { id: number; role: Role; onDecided(): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { state, reload } = useLoad((signal) => fetchApplication(id, signal), onSessionExpired, [id]);
  const action = useAction(onSessionExpired);
  const [months, setMonths] = useState('');
  const [firstDue, setFirstDue] = useState('');
  const [waive, setWaive] = useState<string[] | null>(null);
  const [feeBp, setFeeBp] = useState('');
  const [note, setNote] = useState('');
  const [rejectReason, setRejectReason] = useState('');
  const [question, setQuestion] = useState('');
  if (state.kind !== 'ready') return state.kind === 'error' ? <Problem text={state.message} /> : <p role="status">{t('app.loading')}</p>;
  const a = state.data;
  const decidable = (role === 'creditor_user' || role === 'admin') && (a.status === 'submitted' || a.status === 'info_requested');
  const done = (r: unknown) => { if (r !== undefined) { reload(); onDecided(); } };
  const waived = waive ?? a.requested_plan.waive;
  const heading = t('hardship.inbox.detail', { debtor: personalText(a.debtor_name, t('app.erased')), account: a.account_no_mask });
  // Who recorded it; the account's collector only beside it when someone else (a supervisor, the debtor online) did.
  const recorder = a.origin === 'portal' ? t('hardship.inbox.portal') : a.created_by_name ?? '—';
  const maxMonths = a.instalment_max ?? null;
  return (
    <CurrencyContext.Provider value={a.currency ?? 'CNY'}>
    <article className="ws-section hs-detail" data-testid="application-detail" aria-label={heading}>
      <h2>{heading} <span className={`status status--${a.status}`} data-testid="detail-status">{t(`hardship.appStatus.${a.status}`)}</span></h2>
      <dl className="ws-facts">
        <div><dt>{t('hardship.inbox.reference')}</dt><dd data-testid="detail-reference">{a.id}</dd></div>
        <div><dt>{t('hardship.inbox.account')}</dt><dd>{personalText(a.debtor_name, t('app.erased'))} · {a.account_no_mask} · {creditorNameOf(a, locale)}</dd></div>
        <div><dt>{t('hardship.reason')}</dt><dd>{t(`hardship.reasons.${a.reason}`)}</dd></div>
        <div><dt>{t('hardship.inbox.by')}</dt><dd data-testid="detail-recorded-by">{recorder}</dd></div>
        {a.collector_name && a.collector_name !== recorder ? <div><dt>{t('hardship.inbox.collector')}</dt><dd>{a.collector_name}</dd></div> : null}
        <div><dt>{t('hardship.deadline')}</dt><dd>{a.decision_due_on}</dd></div>
        <div><dt>{t('hardship.income')}</dt><dd>{a.monthly_income_fen === null ? '—' : formatFen(a.monthly_income_fen, locale, a.currency)}</dd></div>
        <div><dt>{t('hardship.essentials')}</dt><dd>{a.monthly_essentials_fen === null ? '—' : formatFen(a.monthly_essentials_fen, locale, a.currency)}</dd></div>
        {a.principal_fen !== undefined ? (
          // What the bank decides on: the balance by part, and what the waiver asked (or chosen below) gives up.
          <div><dt>{t('hardship.inbox.owed')}</dt><dd data-testid="detail-owed">{PARTS.map((p) => `${t(`hardship.parts.${p}`)} ${formatFen(a[`${p}_fen`] ?? 0, locale, a.currency)}`).join(' · ')}
            {waived.length ? <><br /><span data-testid="detail-waived">{t('hardship.inbox.waivedAmount', {
              amount: formatFen(waived.reduce((sum, p) => sum + (a[`${p as (typeof PARTS)[number]}_fen`] ?? 0), 0), locale, a.currency) })}</span></> : null}</dd></div>
        ) : null}
      </dl>
      <blockquote className="hs-statement">{a.debtor_statement}</blockquote>
      {a.evidence_note ? <p>{t('hardship.evidenceNote')}: {a.evidence_note}</p> : null}
      <AffordabilityLine a={a.requested_plan.affordability} />
      <p>{t('hardship.requested')}{currentLocale() === 'zh-CN' ? '：' : ': '}<PlanTermsLine plan={a.requested_plan} /></p>
      {a.decided_terms ? <p>{t('hardship.decided')}: <PlanTermsLine plan={a.decided_terms} /></p> : null}
      {a.decision_note ? <p>{t('hardship.inbox.note')}: {noteWords(a.decision_note, a.decision_note_zh)}</p> : null}
      {a.info_request ? <p className="muted">{t('hardship.inbox.asked')}: {a.info_request}</p> : null}
      <div><strong>{t('hardship.evidence')}</strong> <EvidenceLinks files={a.evidence} /></div>
      <Timeline events={a.timeline} />
      <Problem text={action.problem} />
      {decidable ? (
        <>
          <form data-testid="approve-form" onSubmit={(e) => {
            e.preventDefault();
            void action.run(() => approve(a.id, { ...(months ? { months: Number(months) } : {}), ...(firstDue ? { first_due_date: firstDue } : {}),
              ...(waive ? { waive } : {}), ...(feeBp ? { monthly_fee_bp: Number(feeBp) } : {}), ...(note.trim() ? { note: note.trim() } : {}) })).then(done);
          }}>
            <h3>{t('hardship.inbox.approve')}</h3>
            <p className="muted">{t('hardship.inbox.changeHint')}</p>
            <div className="ws-grid">
              <label>{maxMonths === null ? t('hardship.inbox.months')
                : t(a.instalment_max_set_by === 'contract' ? 'hardship.inbox.monthsMaxContract' : 'hardship.inbox.monthsMax', { max: maxMonths })}
                <input type="number" name="months" min={1} {...(maxMonths === null ? {} : { max: maxMonths })} placeholder={String(a.requested_plan.months)} value={months} onChange={(e) => setMonths(e.target.value)} /></label>
              <label>{t('hardship.firstDue')}<input type="date" name="first_due_date" value={firstDue} onChange={(e) => setFirstDue(e.target.value)} /></label>
              <label>{t('hardship.inbox.feeBp')}<input type="number" name="monthly_fee_bp" min={0} placeholder={String(a.requested_plan.monthly_fee_bp)} value={feeBp} onChange={(e) => setFeeBp(e.target.value)} /></label>
            </div>
            <fieldset className="hs-waive"><legend>{t('hardship.waive')}</legend>
              {PARTS.map((p) => (
                <label key={p}><input type="checkbox" checked={waived.includes(p)} onChange={(e) => setWaive(e.target.checked ? [...waived, p] : waived.filter((w) => w !== p))} />{t(`hardship.parts.${p}`)}</label>
              ))}
            </fieldset>
            <label>{t('hardship.inbox.note')}<input name="note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} /></label>
            <div><button type="submit" className="button button--primary" disabled={action.busy}>{t('hardship.inbox.approve')}</button></div>
          </form>
          <form data-testid="reject-form" onSubmit={(e) => { e.preventDefault(); void action.run(() => reject(a.id, rejectReason)).then(done); }}>
            <label>{t('hardship.inbox.rejectReason')}<input name="reason" value={rejectReason} onChange={(e) => setRejectReason(e.target.value)} required maxLength={1000} /></label>
            <div><button type="submit" className="button" disabled={action.busy}>{t('hardship.inbox.reject')}</button></div>
          </form>
          {a.status === 'submitted' ? (
            <form data-testid="info-form" onSubmit={(e) => { e.preventDefault(); void action.run(() => requestInfo(a.id, question)).then(done); }}>
              <label>{t('hardship.inbox.question')}<input name="question" value={question} onChange={(e) => setQuestion(e.target.value)} required maxLength={1000} /></label>
              <div><button type="submit" className="button" disabled={action.busy}>{t('hardship.inbox.askInfo')}</button></div>
            </form>
          ) : null}
        </>
      ) : null}
    </article>
    </CurrencyContext.Provider>
  );
}
