import { loadContractPolicies, streamPlanRows, type PlanRow } from '../../db/contact-plan-repository.ts';
import { listSuspensionRows } from '../../db/suspensions-repository.ts';
import { evaluateContact, isContactAllowed, type Channel, type ContactAttempt, type Decision, type Initiator, type Party, type Situation, type Suspension } from '../../domain/compliance/index.ts';
import { parseLocalDate } from '../../domain/calendar.ts';
import { invalidInput } from '../../domain/errors.ts';
import { accountScope, authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';
import { HISTORY_DAYS } from './contact-state.ts';
import { buildSituation, epochDay, suspensionOf } from './situation.ts';

export interface PlanInput { date: string; time?: string; channel: 'call' | 'sms'; teamId?: number | null }

export interface PlannedContact {
  account_id: number; creditor_code: string; debtor_id: number; collector_id: number | null; contact_point_id: number; phone_mask: string | null;
}

export interface PlanSummary {
  date: string; time: string; channel: 'call' | 'sms'; at: string; team_id: number | null;
  accounts: number; included: number; left_out: number;
  /** Accounts left out, counted per blocking rule (an account blocked by two rules counts under both). */
  left_out_by_rule: Record<string, number>;
  seconds: number;
}

/** No debtor-owned phone that works and is not opted out for the channel. */
export const NO_CONTACT_POINT = 'no_usable_contact_point';

/** A refusal said without the engine (nothing for it to judge: no phone, no reminder that applies): one reason, its rule and words. */
export function refusalFor(rule: string, words: { en: string; zh: string }): Decision {
  return { allowed: false, next_allowed_at: null, reasons: [{ rule, citation: '', message: words.en, message_zh: words.zh }] };
}

/**
 * The call or SMS list (外呼/短信名单) for a date and team: every open account in scope whose
 * contact the compliance engine allows at the planned time, and counts of those left out per
 * rule. Streams the accounts with their state aggregated in the database; the engine runs on
 * each in memory.
 */
export async function planContacts(ctx: AppContext, actor: Actor, input: PlanInput, onIncluded: (c: PlannedContact) => void): Promise<PlanSummary> {
  authorize(actor, 'contacts.plan');
  const started = performance.now();
  const date = parseLocalDate(input.date);
  const time = input.time ?? '09:00';
  if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) throw invalidInput({ en: `Time "${time}" must be HH:MM (24-hour)`, zh: `时间“${time}”必须是HH:MM格式（24小时制）` }, 'time');
  const at = plannedInstant(date, time, ctx.agencyZone);
  const channel: Channel = input.channel;
  const policies = await loadContractPolicies(ctx.pool, date);
  const suspensions = (await listSuspensionRows(ctx.pool, false)).map(suspensionOf);
  const leftOut: Record<string, number> = {};
  let accounts = 0;
  let included = 0;

  const judge = (row: PlanRow) => {
    accounts++;
    if (row.phone_point_id === null) {
      leftOut[NO_CONTACT_POINT] = (leftOut[NO_CONTACT_POINT] ?? 0) + 1;
      return;
    }
    const situation = planRowSituation(row, policies.get(row.creditor_id), suspensions, channel, at, ctx.agencyZone);
    if (isContactAllowed(situation)) {
      included++;
      onIncluded({ account_id: row.id, creditor_code: row.creditor_code, debtor_id: row.debtor_id, collector_id: row.collector_id,
        contact_point_id: row.phone_point_id, phone_mask: row.phone_mask });
      return;
    }
    for (const reason of evaluateContact(situation).reasons) leftOut[reason.rule] = (leftOut[reason.rule] ?? 0) + 1;
  };

  await streamPlanRows(ctx.pool, {
    scope: accountScope(actor), teamId: input.teamId ?? null, channel, businessDate: date,
    historySince: new Date(at.getTime() - HISTORY_DAYS * 86_400_000),
    onBatch: (rows) => { for (const row of rows) judge(row); },
  });
  return {
    date, time, channel, at: at.toISOString(), team_id: input.teamId ?? null, accounts, included, left_out: accounts - included,
    left_out_by_rule: leftOut, seconds: (performance.now() - started) / 1000,
  };
}

/** The engine's situation for a streamed plan row: a contact with the debtor on their own phone at `at`. */
export function planRowSituation(row: PlanRow, policy: { pack: string; compliance: Record<string, unknown> } | undefined,
  suspensions: readonly Suspension[], channel: Channel, at: Date, agencyZone?: string): Situation {
  return buildSituation({
    pack: policy?.pack ?? null, compliance: policy?.compliance ?? {}, timeZone: row.time_zone, pointZones: row.point_zones, debtorId: row.debtor_id,
    regionCode: row.region_code,
    holds: (row.holds ?? []).filter((h) => h[3] === null || h[3] === row.id).map(([kind, starts_on, ends_on]) => ({ kind, starts_on, ends_on })),
    optOuts: row.opted_out_channels, preferredHours: { from: row.preferred_from, to: row.preferred_to },
    accountId: row.id, creditorCode: row.creditor_code, validationNoticeSentOn: row.validation_notice_sent_on,
    history: (row.history ?? []).map(([accountId, ms, ch, party, tp, outcome, by]): ContactAttempt => ({
      accountId: String(accountId), at: ms, channel: ch as Channel, party: party as Party, thirdPartyId: tp === null ? null : String(tp),
      outcome, initiatedBy: by as Initiator,
    })),
    suspensions, contactPoint: { owner: 'debtor', thirdPartyId: null, optedOut: false, consented: row.point_consented === true,
      creditorNoticeOn: row.point_notice_on === null ? null : epochDay(row.point_notice_on) },
    ...(agencyZone === undefined ? {} : { agencyZone }),
  }, { channel, party: 'debtor', purpose: 'collect', at });
}

/** The instant of a local date and time in a zone (the agency's plan is in its own zone). */
export function plannedInstant(date: string, time: string, zone: string): Date {
  const [h, m] = time.split(':').map(Number) as [number, number];
  const guess = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), h, m);
  const offsetAt = (ms: number) => {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(new Date(ms));
    const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - ms;
  };
  const first = guess - offsetAt(guess);
  return new Date(guess - offsetAt(first));
}
