import { appendAudit } from '../../db/audit-repository.ts';
import { loadContractPolicies, streamPlanRows, type PlanRow } from '../../db/contact-plan-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import {
  finishStrategyRun, insertStrategyRun, loadContractTerms, loadRuleSets, queueSms, recordBlockedSms, reminderFacts, resolveDuePromises, undecidedSmsAccounts, writeStrategy,
  type CompiledRuleSets, type QueuedSms, type RuleSetRow,
} from '../../db/strategy-repository.ts';
import { listSuspensionRows } from '../../db/suspensions-repository.ts';
import { addDays, parseLocalDate } from '../../domain/calendar.ts';
import { evaluateContact, type Decision } from '../../domain/compliance/index.ts';
import { AppError } from '../../domain/errors.ts';
import { DEFAULT_GRACE_DAYS, graceDaysOf } from '../../domain/promises/index.ts';
import { DEFAULT_RULES, DEFAULT_RULES_VERSION, emailTemplate, parseStrategyRules, smsTemplateBody, type ReminderFacts, type SmsTemplate } from '../../domain/strategy/index.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import { HISTORY_DAYS } from '../compliance/contact-state.ts';
import { NO_CONTACT_POINT, planRowSituation, plannedInstant, refusalFor } from '../compliance/plan-contacts.ts';
import { suspensionOf } from '../compliance/situation.ts';
import type { Actor, AppContext } from '../context.ts';
import { unsubscribePath } from '../messages/send-email.ts';

/** What `leeway strategy run --json` prints, exactly these keys. */
export interface StrategyRunSummary {
  date: string;
  accounts: number;
  changed: number;
  promises_kept: number;
  promises_partial: number;
  promises_broken: number;
  sms_queued: number;
  /** Reminders e-mailed instead: the debtor had no phone that takes SMS but an e-mail address that takes e-mail (needs LEEWAY_PUBLIC_URL). */
  email_queued: number;
  sms_blocked: number;
  seconds: number;
}

export interface StrategyRunResult {
  summary: StrategyRunSummary;
  /** Reminders not queued, counted per blocking rule (one blocked by two rules counts under both). */
  smsBlockedByRule: Record<string, number>;
}

// One run at a time: two runs for one date would race on the same rows and reminders.
const RUN_LOCK = 7_423_005;

/**
 * The nightly strategy run for a business date (default: today in the agency's zone):
 * 1. due promises become kept / partially kept / broken (the contract's grace period);
 * 2. every open account gets DPD, bucket, segment, priority and next action from its
 *    creditor's rules in force, written with the rule version (one set-based statement);
 * 3. the SMS reminders the rules chose are judged by the compliance engine at their send
 *    time: allowed ones go to the outbox, the rest are recorded with the decision; a debtor
 *    with no phone that takes SMS (none, or all opted out with STOP), or a New York debtor who
 *    agreed to no texts (US.nyc_electronic_consent), is e-mailed the same reminder instead when
 *    they have an address that takes e-mail and the engine allows it (only when
 *    LEEWAY_PUBLIC_URL gives the opt-out link's address).
 * Steps 1-2 commit together with their audit row. Each account's reminder is decided once
 * per date, so a second run for the date changes nothing.
 */
export async function runStrategy(ctx: AppContext, actor: Actor, input: { date?: string } = {}): Promise<StrategyRunResult> {
  authorize(actor, 'strategy.run');
  const started = performance.now();
  const startedAt = ctx.now();
  const date = input.date === undefined ? businessDate(ctx) : parseLocalDate(input.date);

  const { promises, written, sets, runId } = await inTransaction(ctx.pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [RUN_LOCK]);
    const terms = await loadContractTerms(client, date);
    const graceByCreditor = new Map([...terms].map(([id, t]) => [id, graceDaysOf(t)] as const));
    const promises = await resolveDuePromises(client, { date, graceByCreditor, defaultGrace: DEFAULT_GRACE_DAYS, zone: ctx.agencyZone, at: ctx.now() });
    const sets = compileRuleSets(await loadRuleSets(client, date));
    const written = await writeStrategy(client, date, sets);
    const ruleVersions = Object.fromEntries([...sets.byCreditor].map(([id, s]) => [id, s.version]));
    const runId = await insertStrategyRun(client, { date, startedAt, actor: actor.username, accounts: written.accounts, changed: written.changed, promises, ruleVersions });
    await appendAudit(client, actor, { action: 'strategy.run', entity: 'strategy_run', entityId: date,
      detail: { date, accounts: written.accounts, changed: written.changed, promises, rule_versions: ruleVersions } });
    return { promises, written, sets, runId };
  });

  const sms = await sendReminders(ctx, actor, date, sets);
  await finishStrategyRun(ctx.pool, runId, sms);
  return {
    summary: {
      date, accounts: written.accounts, changed: written.changed,
      promises_kept: promises.kept, promises_partial: promises.partially_kept, promises_broken: promises.broken,
      sms_queued: sms.queued, email_queued: sms.emailed, sms_blocked: sms.blocked, seconds: Math.round(performance.now() - started) / 1000,
    },
    smsBlockedByRule: sms.byRule,
  };
}

function compileRuleSets(rows: readonly RuleSetRow[]): CompiledRuleSets {
  const byCreditor = new Map<number, { version: number; rules: ReturnType<typeof parseStrategyRules> }>();
  for (const row of rows) {
    try {
      byCreditor.set(row.creditor_id, { version: row.version, rules: parseStrategyRules(row.rules) });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      throw new AppError(error.code, {
        en: `Strategy rules version ${row.version} of creditor ${row.creditor_id}: ${error.message}`,
        zh: `委托方${row.creditor_id}的第${row.version}版策略规则：${error.messageZh}`,
      }, { field: error.field ?? 'rules' });
    }
  }
  return { byCreditor, fallback: { version: DEFAULT_RULES_VERSION, rules: DEFAULT_RULES } };
}

/**
 * What the night's reminder to an account says: on an approved plan, its next instalment (never
 * that the account is overdue: it is not while the plan runs; none goes when no instalment is
 * owed); else the debtor's open promise, or that the account is overdue.
 */
function nightlyTemplate(f: ReminderFacts): SmsTemplate {
  return f.inPlan === true ? 'instalment_reminder' : f.promise === null ? 'overdue_reminder' : 'promise_reminder';
}

/** The rule that keeps a text from a New York debtor's number they did not agree to: their reminder is e-mailed instead where it may be. */
const NYC_TEXT_CONSENT = 'US.nyc_electronic_consent';

const NOTHING_TO_REMIND_RULE = 'no_reminder_applies';
/** Why no reminder went to an account on a plan: none of its instalments is owed. */
const NOTHING_TO_REMIND = refusalFor(NOTHING_TO_REMIND_RULE,
  { en: 'On an instalment plan with no instalment left to pay: no reminder applies', zh: '分期计划已无待还分期，无需提醒' });

/** Why no reminder could go: no debtor phone that works and accepts SMS. */
const NO_PHONE = refusalFor(NO_CONTACT_POINT,
  { en: 'No debtor-owned phone that works and accepts SMS; skip-trace or add one', zh: '没有可用的本人手机号（有效且未退订短信），请修复联系方式' });

async function sendReminders(ctx: AppContext, actor: Actor, date: string, sets: CompiledRuleSets):
  Promise<{ queued: number; emailed: number; blocked: number; byRule: Record<string, number> }> {
  const byRule: Record<string, number> = {};
  const accountIds = await undecidedSmsAccounts(ctx.pool, date);
  if (accountIds.length === 0) return { queued: 0, emailed: 0, blocked: 0, byRule };
  const policies = await loadContractPolicies(ctx.pool, date);
  const suspensions = (await listSuspensionRows(ctx.pool, false)).map(suspensionOf);
  // Each creditor's rules say when reminders go out (agency zone); the engine judges that instant in the debtor's zone.
  const sendAt = new Map<string, Date>();
  const atFor = (creditorId: number): Date => {
    const time = (sets.byCreditor.get(creditorId) ?? sets.fallback).rules.smsSendTime;
    let at = sendAt.get(time);
    if (at === undefined) { at = plannedInstant(date, time, ctx.agencyZone); sendAt.set(time, at); }
    return at;
  };
  // A reminder is about its day: one that could not go by the end of it is not sent.
  const expiresAt = plannedInstant(addDays(parseLocalDate(date), 1), '00:00', ctx.agencyZone);
  const earliest = Math.min(...[sets.fallback, ...sets.byCreditor.values()].map((s) => plannedInstant(date, s.rules.smsSendTime, ctx.agencyZone).getTime()));
  let queued = 0;
  let blocked = 0;
  // Accounts no text can reach, tried by e-mail after, with the rules that kept the text back: no
  // phone that takes SMS, or (New York City's rules) no number the debtor agreed to be texted at.
  const byEmail = new Map<number, readonly string[]>();

  /**
   * The engine's word on a reminder at the send time; refused then but allowed later the same day
   * (a debtor whose clock reads night at the agency's send time: New York at 10:00 in Shanghai),
   * its word at that later time, when the reminder is queued to go.
   */
  const judgeForDay = (row: PlanRow, channel: 'sms' | 'email'): { decision: Decision; sendAfter: Date } => {
    const judgeAt = (t: Date) => evaluateContact(planRowSituation(row, policies.get(row.creditor_id), suspensions, channel, t, ctx.agencyZone));
    const at = atFor(row.creditor_id);
    const decision = judgeAt(at);
    if (decision.allowed || decision.next_allowed_at === null) return { decision, sendAfter: at };
    const later = new Date(decision.next_allowed_at);
    if (later.getTime() >= expiresAt.getTime()) return { decision, sendAfter: at };
    const then = judgeAt(later);
    return then.allowed ? { decision: then, sendAfter: later } : { decision, sendAfter: at };
  };

  const judgeBatch = async (rows: PlanRow[]) => {
    const allowed: Array<{ row: PlanRow; decision: Decision; sendAfter: Date }> = [];
    const refused: Array<{ creditorId: number; accountId: number; decision: Decision }> = [];
    for (const row of rows) {
      const { decision, sendAfter } = row.phone_point_id === null ? { decision: NO_PHONE, sendAfter: atFor(row.creditor_id) } : judgeForDay(row, 'sms');
      if (decision.allowed) { allowed.push({ row, decision, sendAfter }); continue; }
      // (The hour aside: a debtor asleep at the send time is e-mailed once their day starts, judgeForDay.)
      const kept = decision.reasons.filter((r) => !r.rule.endsWith('.hours'));
      if (kept.length > 0 && kept.every((r) => r.rule === NO_CONTACT_POINT || r.rule === NYC_TEXT_CONSENT)) {
        byEmail.set(row.id, decision.reasons.map((r) => r.rule));
      }
      refused.push({ creditorId: row.creditor_id, accountId: row.id, decision });
      for (const reason of decision.reasons) byRule[reason.rule] = (byRule[reason.rule] ?? 0) + 1;
    }
    const facts = await reminderFacts(ctx.pool, allowed.map((a) => a.row.id), date);
    const items: QueuedSms[] = [];
    for (const { row, decision, sendAfter } of allowed) {
      const f = facts.get(row.id);
      if (f === undefined) continue;
      const template = nightlyTemplate(f);
      const body = smsTemplateBody(template, f);
      if (body !== null) items.push({ accountId: row.id, contactPointId: row.phone_point_id!, decision, sendAfter, expiresAt, body, template });
      else {
        // A creditor's rules may choose a text for an account on a plan with no instalment owed: there is nothing to remind of.
        refused.push({ creditorId: row.creditor_id, accountId: row.id, decision: NOTHING_TO_REMIND });
        byRule[NOTHING_TO_REMIND_RULE] = (byRule[NOTHING_TO_REMIND_RULE] ?? 0) + 1;
      }
    }
    await inTransaction(ctx.pool, async (client) => {
      queued += await queueSms(client, date, items, ctx.now());
      await recordBlockedSms(client, date, refused);
    });
    blocked += refused.length;
  };

  await streamPlanRows(ctx.pool, {
    scope: { kind: 'all' }, teamId: null, channel: 'sms', accountIds, businessDate: date,
    historySince: new Date(earliest - HISTORY_DAYS * 86_400_000), onBatch: judgeBatch,
  });

  // The same reminder by e-mail where no SMS could go for want of a phone (or of the debtor's
  // agreement to texts), judged for e-mail. The SMS refusal stays recorded for those the engine
  // refuses e-mail too (or who have no address).
  let emailed = 0;
  const base = ctx.publicUrl ?? null;
  if (base !== null && byEmail.size > 0) {
    await streamPlanRows(ctx.pool, {
      scope: { kind: 'all' }, teamId: null, channel: 'email', accountIds: [...byEmail.keys()], businessDate: date,
      historySince: new Date(earliest - HISTORY_DAYS * 86_400_000),
      onBatch: async (rows) => {
        const allowed = rows.flatMap((row) => {
          if (row.phone_point_id === null) return [];
          const judged = judgeForDay(row, 'email');
          return judged.decision.allowed ? [{ row, ...judged }] : [];
        });
        const facts = await reminderFacts(ctx.pool, allowed.map((a) => a.row.id), date);
        const items: QueuedSms[] = [];
        for (const { row, decision, sendAfter } of allowed) {
          const f = facts.get(row.id);
          if (f === undefined) continue;
          const unsubscribeUrl = `${base}${unsubscribePath(ctx.cipher, row.phone_point_id!)}`;
          const template = nightlyTemplate(f);
          const mail = emailTemplate(template, f, unsubscribeUrl);
          if (mail === null) continue;
          items.push({ accountId: row.id, contactPointId: row.phone_point_id!, decision, sendAfter, expiresAt,
            body: mail.body, subject: mail.subject, unsubscribeUrl, template });
        }
        const queuedNow = await inTransaction(ctx.pool, (client) => queueSms(client, date, items, ctx.now(), 'email'));
        emailed += queuedNow;
        // Counted as e-mailed, no longer as kept back by the rule that stopped the text.
        if (queuedNow > 0) {
          for (const item of items) {
            for (const rule of byEmail.get(item.accountId)!) {
              byRule[rule] = (byRule[rule] ?? 0) - 1;
              if (byRule[rule] === 0) delete byRule[rule];
            }
          }
        }
      },
    });
    blocked -= emailed;
  }
  await inTransaction(ctx.pool, (client) => appendAudit(client, actor, { action: 'strategy.sms', entity: 'strategy_run', entityId: date,
    detail: { date, queued, emailed, blocked, blocked_by_rule: byRule } }));
  return { queued, emailed, blocked, byRule };
}
