import { findAccountInScope } from '../../db/accounts-repository.ts';
import { chargeOffOf, validationNoticeOf } from '../../db/validation-notices-repository.ts';
import { loadAccountPage, type AccountPageRows } from '../../db/workstation-repository.ts';
import { localDateTimeIn, type LocalDate } from '../../domain/calendar.ts';
import { evaluateContact, type Decision } from '../../domain/compliance/index.ts';
import { balanceNow, overpaidBy, waivedOnSettlement } from '../../domain/balance.ts';
import { bucketOf, daysPastDue } from '../../domain/delinquency.ts';
import { AppError } from '../../domain/errors.ts';
import { currencyOfPack, type Currency } from '../../domain/money.ts';
import { collectorTimeBar, newYorkTimeBarNotice, type CollectorTimeBar } from '../../domain/time-barred.ts';
import { languageToAsk, underNewYorkCityRules } from '../../domain/language.ts';
import { callDisclosure, chineseCallScript, voicemailMessage } from '../../domain/workstation/disclosure.ts';
import { ERASED } from '../../domain/privacy.ts';
import { lastFour } from '../../domain/masking.ts';
import {
  DELINQUENCY_REASONS, isLostContact, OUTCOME_CODES, promiseEarliestDate, promiseLatestDate, promiseMaxDays, workstationNextAction,
} from '../../domain/workstation/index.ts';
import { accountScope, authorize, can } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import { contactStateFor } from '../compliance/contact-state.ts';
import { situationFromState } from '../compliance/situation.ts';
import { NO_CONTACT_POINT, refusalFor } from '../compliance/plan-contacts.ts';
import { agencyFor, chineseAgencyName } from '../site/read-site.ts';
import type { Actor, AppContext } from '../context.ts';

export interface AccountPage extends Omit<AccountPageRows, 'account'> {
  account: Omit<AccountPageRows['account'], 'contract_terms'> & {
    /** The balance now: the bank's last statement of it (`stated_balance_fen`, on `balance_stated_on`) less what was paid since, never below zero; nothing once settled. */
    balance_fen: number;
    /** On a settled account, what its settlement left unpaid and the creditor waived (减免); null otherwise. */
    waived_fen: number | null;
    /** Paid beyond the bank's last statement of the balance (多付, overpaidBy): the excess is the debtor's to be refunded. */
    overpaid_fen: number;
    dpd: number; bucket: string; lost_contact: boolean; next_action: string; promise_earliest_date: string; promise_latest_date: string;
  };
  debtor_local_time: string;
  business_date: string;
  /** May the collector call the debtor now? The engine's explained decision. */
  call_now: Decision;
  outcome_codes: Array<{ code: string; zh: string; en: string; reached: boolean; right_party: boolean; follow_up: string | null; channels: readonly string[] }>;
  delinquency_reasons: readonly string[];
  /** 催记更正: may this reader correct a recorded outcome (team leads and admins)? */
  may_correct_contacts: boolean;
  /** Whether the viewer may correct the debtor's name (姓名更正: a team lead's or an admin's). */
  may_correct_name: boolean;
  /** The zone a callback's local time is read in: the debtor's, or the first of the zones the engine judges them in. */
  callback_zone: string;
  /** The currency the account's amounts are owed in (from its contract's pack). */
  currency: Currency;
  /**
   * Under a US contract, the validation notice (12 CFR 1006.34): when it was sent and when its
   * validation period ends (both null: not yet sent, so no collection); null under other packs.
   */
  validation_notice: { sent_on: string | null; validation_ends_on: string | null; channel?: string } | null;
  /**
   * Under a US contract, what the bank's file said of a charged-off debt (核销): the date and the
   * balance then, and interest, fees and payments since, up to the file; null when it said nothing.
   */
  charge_off: { charged_off_on: string; balance_fen: number; interest_fen: number; fees_fen: number; paid_fen: number } | null;
  /**
   * What the collector says first on a call: under a US contract the debt collector disclosure,
   * under a Chinese one who calls for which bank and that the call is recorded; null under a UK one.
   */
  call_disclosure: { en: string; zh: string; es?: string } | null;
  /**
   * Under a US or UK contract, what may be left on a voicemail (the agency's name and its number
   * for the country, `phone_us` or `phone_uk`, nothing of the debt; "leave none" without one);
   * null under a Chinese one. Under a US one with `es`, the words in Spanish, when the debtor reads Spanish.
   */
  voicemail_message: { en: string; zh: string; es?: string } | null;
  /**
   * A debt too old to be sued on (src/domain/time-barred.ts): under a US contract by the state's
   * period, under a UK one by the strict 5 years (Scotland); since when, and what the collector
   * must never say; null otherwise (or not yet).
   */
  time_barred: CollectorTimeBar | null;
  /**
   * New York's notice on a debt that may be time-barred (23 NYCRR 1.3(b); newYorkTimeBarNotice): read to
   * the debtor on the call before a promise is taken or moved, which the promise then says was done;
   * with `es` when the debtor reads Spanish; null when it does not apply.
   */
  time_bar_notice: { en: string; zh: string; es?: string; citation: string } | null;
  /**
   * Under New York City's language access rules (a US debtor in New York, or of unknown state) with
   * no language recorded: ask the debtor which one they prefer and record it; null otherwise.
   */
  language_to_ask: { en: string; zh: string } | null;
  /** New York City's rules apply (US.nyc_electronic_consent): no text goes to a number the debtor did not agree to. */
  texts_need_consent: boolean;
}

/** Everything the account page shows; the debtor's personal data masked (reveal is its own, audited, action). */
/** Why no call can be made now: no number of the debtor's to call. */
const NO_PHONE_TO_CALL = refusalFor(NO_CONTACT_POINT,
  { en: 'No phone of the debtor\'s that works: skip-trace, or add a number they gave', zh: '没有可拨打的本人电话：请先失联修复，或添加债务人提供的号码' });

export async function getAccountPage(ctx: AppContext, actor: Actor, accountId: number): Promise<AccountPage> {
  authorize(actor, 'accounts.work');
  if (!(await findAccountInScope(ctx.pool, accountScope(actor), accountId))) {
    throw new AppError('NOT_FOUND', { en: `Account ${accountId} does not exist or is not yours to see`, zh: `案件${accountId}不存在，或不在您的查看范围内` });
  }
  const today = businessDate(ctx) as LocalDate;
  const rows = await loadAccountPage(ctx.pool, accountId, today);
  if (!rows) throw new AppError('NOT_FOUND', { en: `Account ${accountId} does not exist`, zh: `案件${accountId}不存在` });
  const now = ctx.now();
  const state = await contactStateFor(ctx, ctx.pool, accountId, now);
  const situation = situationFromState(state, { channel: 'call', party: 'debtor', purpose: 'collect', at: now });
  // "You may call now" only with a number to call: a debtor-owned phone not marked invalid (else skip-trace first).
  const phone = rows.contact_points.some((p) => p.kind === 'phone' && p.owner === 'debtor' && p.verified !== 'invalid');
  const callNow = phone ? evaluateContact(situation) : NO_PHONE_TO_CALL;
  const { contract_terms: terms, ...account } = rows.account;
  const dpd = daysPastDue(account.first_delinquency_date as LocalDate, today);
  // The zones the engine judges the debtor by: the one on file, or (not in the contract's country) all of the country's.
  const zones = situation.debtor.zones;
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = (zone: string) => {
    const local = localDateTimeIn(now.getTime(), zone);
    return { date: local.date, time: `${pad(local.hour)}:${pad(local.minute)}` };
  };
  // Under a US contract: the agency's name for the call disclosure and its US number for the voicemail, and the validation notice;
  // under a UK one its name and UK number for the voicemail.
  const [agency, notice, chargeOff] = state.contract?.pack === 'US'
    ? await Promise.all([agencyFor(ctx, 'US'), validationNoticeOf(ctx.pool, account.creditor_id, accountId), chargeOffOf(ctx.pool, account.creditor_id, accountId)])
    : state.contract?.pack === 'UK' ? [await agencyFor(ctx, 'UK')] : [];
  const agencyName = agency?.name ?? 'the agency';
  const pack = state.contract?.pack ?? 'CN';
  // New York's notice on a debt that may be time-barred: read before a promise (23 NYCRR 1.3(b)), and on every call (New York City's rules).
  const timeBarNotice = newYorkTimeBarNotice(state.contract?.pack, state.account.region_code, account.first_delinquency_date as LocalDate, today, account.creditor_name);
  const owing = { stated_fen: account.stated_balance_fen, paid_since_fen: account.paid_since_statement_fen, status: account.status };
  const first = clock(zones[0].name);
  const last = clock(zones[zones.length - 1]!.name);
  return {
    ...rows,
    debtor: { ...rows.debtor, time_zone: zones.length === 1 ? zones[0].name : `${zones[0].name} … ${zones[zones.length - 1]!.name}` },
    account: {
      ...account, balance_fen: balanceNow(owing), waived_fen: waivedOnSettlement(owing), overpaid_fen: overpaidBy(owing), dpd, bucket: bucketOf(dpd),
      // Lost whatever the status says (a promise ended or a hold lifted since the last number failed): skip-trace first.
      lost_contact: isLostContact(rows.contact_points),
      // On hold (a hold that stops collection: a dispute, hardship under review, ...; or a suspension) comes first: no contact to make while it lasts.
      next_action: account.shown_status === 'on_hold' ? 'on_hold'
        : isLostContact(rows.contact_points) && account.status === 'active' ? 'skip_trace' : workstationNextAction(account.status),
      // The contract's limit, or the placement's last day when that comes first (the mandate ends there).
      // Today, or the debtor's own today where it is still the day before (a New York evening).
      promise_earliest_date: promiseEarliestDate(today, zones.map((z) => z.name), now.getTime()),
      promise_latest_date: [promiseLatestDate(today, promiseMaxDays(terms)), account.mandate_ends_on as LocalDate].sort()[0]!,
    },
    debtor_local_time: zones.length === 1 ? `${first.date} ${first.time}` : `${first.date} ${first.time} … ${last.date} ${last.time}`,
    business_date: today,
    call_now: callNow,
    outcome_codes: OUTCOME_CODES.map((o) => ({ code: o.code, zh: o.zh, en: o.en, reached: o.reached, right_party: o.rightParty, follow_up: o.followUp, channels: o.channels })),
    delinquency_reasons: DELINQUENCY_REASONS,
    may_correct_contacts: can(actor, 'contacts.correct'),
    may_correct_name: can(actor, 'debtors.correct'),
    callback_zone: zones[0].name,
    currency: currencyOfPack(state.contract?.pack),
    // A debtor whose personal data was erased has no name to ask for, and no account collected: no script.
    call_disclosure: rows.debtor.name === ERASED ? null : pack === 'CN'
      ? chineseCallScript({ agencyName: (await chineseAgencyName(ctx)) ?? '本机构', collectorId: actor.username, creditorName: account.creditor_name,
        accountLast4: lastFour(account.account_no_mask), debtorName: rows.debtor.name })
      : callDisclosure(pack, agencyName, rows.debtor.name, rows.debtor.preferred_language, timeBarNotice),
    voicemail_message: voicemailMessage(state.contract?.pack, agencyName, agency?.phone ?? null, rows.debtor.preferred_language),
    validation_notice: state.contract?.pack === 'US' ? notice ?? { sent_on: null, validation_ends_on: null } : null,
    charge_off: chargeOff ?? null,
    time_barred: collectorTimeBar(state.contract?.pack, state.account.region_code, account.first_delinquency_date as LocalDate, today),
    time_bar_notice: timeBarNoticeToRead(timeBarNotice, rows.debtor.preferred_language),
    language_to_ask: languageToAsk(state.contract?.pack, state.account.region_code, rows.debtor.preferred_language),
    texts_need_consent: underNewYorkCityRules(state.contract?.pack, state.account.region_code),
  };
}

/** The notice as the collector reads it: in Spanish too for a debtor who reads Spanish. */
function timeBarNoticeToRead(notice: ReturnType<typeof newYorkTimeBarNotice>, language: string | null): AccountPage['time_bar_notice'] {
  if (notice === null) return null;
  const { es, ...rest } = notice;
  return language === 'es' ? { ...rest, es } : rest;
}
