import { creditorNameOf, inReaderLanguage, personalText, regionName } from '../lib/bilingual.ts';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/index.ts';
import { CurrencyContext, formatFen } from '../lib/money.ts';
import { handOff } from './api.ts';
import { handoffReasonWords } from './handoff-reason.ts';
import { HardshipPanel } from '../hardship/HardshipPanel.tsx';
import { PaymentsPanel } from '../money/PaymentsPanel.tsx';
import { CancelCallback } from './CancelCallback.tsx';
import { ChangePromise, promiseEnding } from './ChangePromise.tsx';
import { ContactPoints } from './ContactPoints.tsx';
import { CorrectContact } from './CorrectContact.tsx';
import { CorrectName } from './CorrectName.tsx';
import { DebtorLanguage } from './DebtorLanguage.tsx';
import { FollowUp, followUpOf, StatuteBarredHold, type FollowUpNeed } from './FollowUp.tsx';
import { type Inbound, LogContactForm } from './LogContactForm.tsx';
import { CallbackForm, PromiseForm } from './PromiseForm.tsx';
import { Refusal } from './Refusal.tsx';
import { SendMessageForm } from './SendMessageForm.tsx';
import { CasesPanel } from '../cases/CasesPanel.tsx';
import { PortalPanel } from '../portal/PortalPanel.tsx';
import { Recording } from '../lib/Recording.tsx';
import { recordingLink } from '../lib/recordings.ts';
import { displayZone, formatInstant } from '../lib/time.ts';
import { isFinishedStatus, type AccountPageView } from './types.ts';
import { useSubmit } from './useSubmit.ts';
import { Problem } from './Problem.tsx';

interface Props { page: AccountPageView; inbound?: Inbound | null; onChanged(): void; onBreak(until: string): void; onSessionExpired(): void }

const time = formatInstant;

/** Account statuses with nothing left to collect (the compliance engine's mandate rule). */

/** The account page: every section, and every action a collector takes on the account. */
export function AccountView({ page, inbound = null, onChanged, onBreak, onSessionExpired }: Props) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const zh = locale === 'zh-CN';
  const a = page.account;
  const [abusiveAttempt, setAbusiveAttempt] = useState<number | null>(null);
  const [followUp, setFollowUp] = useState<FollowUpNeed | null>(null);
  const handoff = useSubmit(onSessionExpired);
  const outcomeLabel = (code: string) => {
    const o = page.outcome_codes.find((x) => x.code === code);
    return o ? (zh ? o.zh : o.en) : code;
  };
  const common = { page, onReload: onChanged, onSessionExpired };
  const finished = isFinishedStatus(a.status);

  return (
    <CurrencyContext.Provider value={page.currency}>
    <div className="ws-account" data-testid="account-page" data-account-id={a.id} data-version={a.version}>
      <section className="ws-section ws-summary" aria-label={t('workstation.summary.title')}>
        <h2>
          {personalText(page.debtor.name, t('app.erased'))} <span className="muted">{page.debtor.id_number_mask}</span>
          <span className={`status status--${a.shown_status}`} data-testid="account-status">{t(`status.${a.shown_status}`, { defaultValue: a.shown_status })}</span>
        </h2>
        <CorrectName {...common} />
        <dl className="ws-facts">
          <div><dt>{t('workstation.summary.creditor')}</dt><dd>{creditorNameOf(a, locale)} ({a.creditor_code})</dd></div>
          <div><dt>{t('workstation.summary.accountNo')}</dt><dd>{a.account_no_mask} · {t(`products.${a.product}`, { defaultValue: a.product })}</dd></div>
          <div><dt>{t('workstation.summary.balance')}</dt><dd data-testid="balance">{formatFen(a.balance_fen, locale, page.currency)}
            {a.paid_since_statement_fen !== 0 ? <span className="muted" data-testid="paid-since"><br />{t('workstation.summary.paidSince', {
              on: a.balance_stated_on, stated: formatFen(a.stated_balance_fen, locale, page.currency), paid: formatFen(a.paid_since_statement_fen, locale, page.currency) })}</span> : null}
            {a.waived_fen ? <span className="muted" data-testid="waived"><br />{t('workstation.summary.waived', { waived: formatFen(a.waived_fen, locale, page.currency) })}</span> : null}
            {a.overpaid_fen > 0 ? <><br /><strong data-testid="overpaid">{t('workstation.summary.overpaid', { overpaid: formatFen(a.overpaid_fen, locale, page.currency) })}</strong></> : null}</dd></div>
          <div><dt>{t('workstation.summary.parts')}</dt><dd>{t('accounts.balanceParts', { principal: formatFen(a.principal_fen, locale, page.currency), interest: formatFen(a.interest_fen, locale, page.currency), fees: formatFen(a.fees_fen, locale, page.currency) })}</dd></div>
          <div><dt>{t('workstation.summary.dpd')}</dt><dd>{a.dpd} · {a.bucket}</dd></div>
          <div><dt>{t('workstation.summary.placement')}</dt><dd>{a.placement_batch_ref} · <span className="nowrap">{a.placed_on} → {a.placement_ends_on}</span>
            {a.mandate_ends_on !== a.placement_ends_on
              ? <span data-testid="retained-until"> · {t('workstation.summary.retainedUntil', { date: a.mandate_ends_on })}</span> : null}
            <PlacementEnding endsOn={a.mandate_ends_on} today={page.business_date} status={a.status} /></dd></div>
          <div><dt>{t('workstation.summary.region')}</dt><dd>{regionName(a, locale) ?? a.region_code ?? '—'}</dd></div>
          <div><dt>{t('workstation.summary.localTime')}</dt><dd>{page.debtor_local_time} ({page.debtor.time_zone})</dd></div>
          <div><dt>{t('workstation.summary.language')}</dt><dd><DebtorLanguage {...common} /></dd></div>
          {page.validation_notice ? <div><dt>{t('workstation.summary.validationNotice')}</dt><dd data-testid="validation-notice">
            {page.validation_notice.sent_on
              ? t(page.validation_notice.channel === 'email' ? 'workstation.summary.validationEmailed' : 'workstation.summary.validationSent',
                { sent: page.validation_notice.sent_on, ends: page.validation_notice.validation_ends_on })
              : <strong>{t('workstation.summary.validationNotSent')}</strong>}</dd></div> : null}
          {page.charge_off ? <div><dt>{t('workstation.summary.chargeOff')}</dt><dd data-testid="charge-off">
            {t('workstation.summary.chargeOffFigures', { on: page.charge_off.charged_off_on, balance: formatFen(page.charge_off.balance_fen, locale, page.currency),
              interest: formatFen(page.charge_off.interest_fen, locale, page.currency), fees: formatFen(page.charge_off.fees_fen, locale, page.currency),
              paid: formatFen(page.charge_off.paid_fen, locale, page.currency) })}</dd></div> : null}
          <div><dt>{t('workstation.summary.nextAction')}</dt><dd data-testid="next-action">{t(`workstation.nextAction.${a.next_action}`)}</dd></div>
        </dl>
        {page.call_disclosure ? <p className="banner banner--info" data-testid="call-disclosure">
          <strong>{t('workstation.summary.sayFirst')}</strong> {zh ? page.call_disclosure.zh : page.call_disclosure.en}
          {page.call_disclosure.es ? <><br /><strong>{t('workstation.summary.inSpanish')}</strong> <span data-testid="call-disclosure-es">{page.call_disclosure.es}</span></> : null}</p> : null}
        {page.time_barred ? <div className="banner banner--warning" data-testid="time-barred" title={page.time_barred.citation}>
          <strong>{t('workstation.summary.timeBarred')}</strong> {zh ? page.time_barred.zh : page.time_barred.en}
          {page.currency === 'GBP' ? <> <StatuteBarredHold {...common} onDone={onChanged} /></> : null}</div> : null}
        {page.voicemail_message ? <p className="banner banner--info" data-testid="voicemail-message">
          <strong>{t('workstation.summary.voicemail')}</strong> {zh ? page.voicemail_message.zh : page.voicemail_message.en}
          {page.voicemail_message.es ? <><br /><strong>{t('workstation.summary.inSpanish')}</strong> {page.voicemail_message.es}</> : null}</p> : null}
        {page.call_now.allowed
          ? <p className="banner banner--info" data-testid="call-now">{t('workstation.callNowAllowed')}</p>
          : <Refusal decision={page.call_now} testId="call-now-refusal" titleKey="workstation.refusal.callNowTitle" />}
        {page.handoff ? <p className="banner banner--warning" data-testid="handed-off">{t('workstation.handedOff', { reason: handoffReasonWords(page.handoff, t) })}</p> : null}
      </section>

      <div className="ws-actions-grid">
        <LogContactForm {...common} inbound={inbound} onDone={(attemptId, outcome, note) => {
          if (outcome === 'abusive') setAbusiveAttempt(attemptId);
          setFollowUp(followUpOf(page, outcome, note));
          onChanged();
        }} />
        {followUp !== null ? <FollowUp {...common} need={followUp} onDone={() => { setFollowUp(null); onChanged(); }} /> : null}
        {abusiveAttempt !== null ? (
          <div className="banner banner--warning" role="alert" data-testid="abusive-offer">
            <p>{t('workstation.abusive.offer')}</p>
            {/* Once, while it is sent; a refusal is said here (the collector would otherwise believe the account went to the supervisor). */}
            <button type="button" className="button button--primary" disabled={handoff.busy} onClick={() => {
              let until = '';
              void handoff.run(async () => { until = (await handOff(a.id, { attempt_id: abusiveAttempt })).break_until; })
                .then((ok) => { if (ok) onBreak(until); });
            }}>
              {t('workstation.abusive.handOff')}
            </button>
            <Problem problem={handoff.problem} onReload={onChanged} />
          </div>
        ) : null}
        {finished ? (
          // Paid, settled, recalled or closed: nothing is collected any more (the engine refuses it), so no message, promise or callback to offer.
          <p className="banner banner--info" role="status" data-testid="account-finished">
            {a.status === 'recalled' && a.recalled_on !== null && a.recall_reason !== null
              ? t('workstation.finished.recalledWhy', { date: a.recalled_on, why: t(`workstation.recallReason.${a.recall_reason}`) })
              : t(`workstation.finished.${a.status}`)}
          </p>
        ) : (
          <>
            <SendMessageForm channel="sms" {...common} onDone={onChanged} />
            <SendMessageForm channel="email" {...common} onDone={onChanged} />
            {page.account.status === 'in_plan'
              // On an approved plan its instalments are the arrangement: no promise beside them (the server refuses one).
              ? <p className="banner banner--info" role="status" data-testid="promise-on-plan">{t('workstation.promise.onPlan')}</p>
              : page.promises.some((p) => p.status === 'open')
              // One open promise at a time: it is moved or cancelled where it is listed, not taken again.
              ? <p className="banner banner--info" role="status" data-testid="promise-open">{t('workstation.promise.openAlready')}</p>
              : <PromiseForm {...common} onDone={() => { if (followUp?.kind === 'promise') setFollowUp(null); onChanged(); }} />}
            <CallbackForm {...common} onDone={() => { if (followUp?.kind === 'callback') setFollowUp(null); onChanged(); }} />
          </>
        )}
      </div>

      <ContactPoints {...common} onDone={onChanged} />
      <CasesPanel accountId={a.id} attempts={page.contacts} finished={finished || a.status === 'in_plan'} onChanged={() => { setFollowUp(null); onChanged(); }} onSessionExpired={onSessionExpired}
        disputeWords={followUp?.kind === 'dispute' ? followUp.note : undefined} outcomeLabel={outcomeLabel} revision={page} />
      <HardshipPanel accountId={a.id} onChanged={onChanged} onSessionExpired={onSessionExpired} revision={page} />
      <PaymentsPanel accountId={a.id} dates={{ from: a.balance_stated_on, to: page.business_date }} onChanged={onChanged} onSessionExpired={onSessionExpired} />
      <PortalPanel accountId={a.id} onSessionExpired={onSessionExpired} />

      <section className="ws-section" aria-label={t('workstation.holds.title')}>
        <h2>{t('workstation.holds.title')}</h2>
        {page.holds.length === 0 ? <p className="muted">{t('workstation.none')}</p> : (
          <ul data-testid="holds">{page.holds.map((h) => <li key={h.id}>{t(`workstation.holdKinds.${h.kind}`, { defaultValue: h.kind })}: {inReaderLanguage(h.reason, locale)} ({h.starts_on}{h.ends_on ? ` → ${h.ends_on}` : ''})</li>)}</ul>
        )}
      </section>

      <section className="ws-section" aria-label={t('workstation.promises.title')}>
        <h2>{t('workstation.promises.title')}</h2>
        {page.promises.length === 0 ? (page.plans.length + page.callbacks.length === 0 ? <p className="muted">{t('workstation.none')}</p> : null) : (
          <table className="ws-table" data-testid="promises">
            <thead><tr><th>{t('workstation.promises.amount')}</th><th>{t('workstation.promises.due')}</th><th>{t('workstation.promises.status')}</th><th>{t('workstation.promises.by')}</th></tr></thead>
            <tbody>{page.promises.map((p) => (
              <tr key={p.id} data-testid="promise-row">
                <td>{formatFen(p.amount_fen, locale, page.currency)}</td><td>{p.due_date}</td>
                <td>
                  {t(`workstation.promiseStatus.${p.status}`)}{p.rescheduled_from ? <span className="muted"> · {t('workstation.promiseChange.moved')}</span> : null}
                  {promiseEnding(p, t) ? <div className="muted" data-testid="promise-ending">{promiseEnding(p, t)}</div> : null}
                  <ChangePromise page={page} promise={p} onReload={onChanged} onSessionExpired={onSessionExpired} />
                </td>
                <td>{p.taken_by_name ?? '—'}</td>
              </tr>
            ))}</tbody>
          </table>
        )}
        {page.plans.length > 0 ? (
          <>
            <h3>{t('workstation.plans.title')}</h3>
            <ul>{page.plans.map((p) => <li key={p.id}>{formatFen(p.total_fen, locale, page.currency)} · {t('workstation.plans.instalments', { count: p.instalments })} · {t(`hardship.planStatus.${p.status}`, { defaultValue: p.status })}{p.next_due_date ? ` · ${p.next_due_date}` : ''}</li>)}</ul>
          </>
        ) : null}
        {page.callbacks.length > 0 ? (
          <>
            <h3>{t('workstation.callbacks.title')}</h3>
            <ul data-testid="callbacks">{page.callbacks.map((c) => (
              <li key={c.id} data-testid="callback-row">{c.local_time} ({c.time_zone}) · {t(`workstation.callbackStatus.${c.status}`)}{c.note ? ` · ${c.note}` : ''}{' '}
                <CancelCallback page={page} callback={c} onReload={onChanged} onSessionExpired={onSessionExpired} /></li>
            ))}</ul>
          </>
        ) : null}
      </section>

      <section className="ws-section" aria-label={t('workstation.log.history')}>
        <h2>{t('workstation.log.history')}</h2>
        {page.contacts.length === 0 ? <p className="muted">{t('workstation.none')}</p> : (
          <table className="ws-table" data-testid="contact-log">
            {/* On the agency's clock, which the header names: a US debtor's evening call reads as the agency's next morning. */}
            <thead><tr><th>{t('workstation.log.atZone', { zone: displayZone() })}</th><th>{t('workstation.log.channel')}</th><th>{t('workstation.log.outcome')}</th><th>{t('workstation.log.reason')}</th><th>{t('workstation.log.note')}</th><th>{t('workstation.log.by')}</th></tr></thead>
            <tbody>{page.contacts.map((c) => (
              <tr key={c.id} data-testid="contact-row">
                <td>{time(c.at)}</td>
                <td>
                  {t(`workstation.channels.${c.channel}`)} {c.contact_point_mask ?? ''}{c.party === 'third_party' ? ` · ${c.third_party_name ?? t('workstation.parties.third_party')}` : ''}
                  {c.initiated_by !== 'agency' ? <span className="ws-inbound" data-testid="inbound-mark"> · {t(c.channel === 'call' || c.channel === 'visit' ? 'workstation.log.inboundMark' : 'workstation.log.replyMark')}</span> : null}
                </td>
                <td data-testid="contact-outcome">
                  {outcomeLabel(c.outcome)}{c.call_seconds ? <span className="muted"> · {t('workstation.log.duration', { minutes: Math.floor(c.call_seconds / 60), seconds: c.call_seconds % 60 })}</span> : null}
                  {c.correction ? (
                    <div className="muted" data-testid="corrected-mark">
                      {t('workstation.correct.mark', { from: outcomeLabel(c.correction.from_outcome), by: c.correction.by_name, at: time(c.correction.at) })}: {c.correction.reason}
                    </div>
                  ) : null}
                  {c.disclosure_given === false ? <div className="ws-warning" data-testid="disclosure-not-given">{t('workstation.disclosure.notGiven')}</div> : null}
                  {c.disclosure_given === true ? <div className="muted" data-testid="disclosure-given">{t('workstation.disclosure.given')}</div> : null}
                  <CorrectContact page={page} contact={c} onReload={onChanged} onSessionExpired={onSessionExpired} />
                </td>
                <td>{c.delinquency_reason ? t(`workstation.reasons.${c.delinquency_reason}`) : ''}</td>
                <td>{c.note ?? ''}{c.recording_ref && recordingLink(c.recording_ref) ? <> <Recording value={c.recording_ref} /></> : null}</td>
                <td>{c.collector_name ?? (c.initiated_by === 'agency' ? t('workstation.log.system') : '')}</td>
              </tr>
            ))}</tbody>
          </table>
        )}
      </section>

      <section className="ws-section" aria-label={t('workstation.assignments.title')}>
        <h2>{t('workstation.assignments.title')}</h2>
        <ul data-testid="assignments">{page.assignments.map((s) => (
          <li key={s.id}>{s.collector_name} · {s.team_name} · {time(s.assigned_at)}{s.ended_at ? ` → ${time(s.ended_at)}` : ''} · {assignmentWords(s, t)}</li>
        ))}</ul>
      </section>
    </div>
    </CurrencyContext.Provider>
  );
}

/**
 * Why an assignment was made, in the reader's words: dealing by territory (its reason is the
 * system's own words, so not repeated), or a move or offboarding with the reason a person gave.
 */
function assignmentWords(s: AccountPageView['assignments'][number], t: (key: string) => string): string {
  if (s.kind === 'deal' || (s.kind === null && /^(分案|dealt by territory|rebalanced by territory)/.test(s.reason))) {
    return t(/^rebalanced/.test(s.reason) ? 'workstation.assignmentKinds.rebalance' : 'workstation.assignmentKinds.deal');
  }
  return s.kind === null ? s.reason : `${t(`workstation.assignmentKinds.${s.kind}`)}${s.reason ? ` · ${s.reason}` : ''}`;
}

/** Days from one date (YYYY-MM-DD) to another. */
function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * An account still in collection whose placement ends within two weeks says so beside the term: the
 * night after its last day it goes back to the bank, and a promise cannot fall due after it.
 */
function PlacementEnding({ endsOn, today, status }: { endsOn: string; today: string; status: string }) {
  const { t } = useTranslation();
  const left = daysFrom(today, endsOn);
  if (left < 0 || left > 14 || isFinishedStatus(status)) return null;
  return <><br /><span className="banner--warning" data-testid="placement-ending">{t('workstation.summary.placementEnding', { count: left, n: left, date: endsOn })}</span></>;
}
