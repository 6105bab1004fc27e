import { tellCreditorToDecide } from '../../db/notifications-repository.ts';
/**
 * Submitting a hardship application (停息挂账 / 个性化分期申请). Two ways in, one outcome:
 *
 *   submitHardshipApplication(ctx, origin, accountId, input)
 *     origin = { kind: 'staff', actor }                        a collector (or supervisor/admin) records it
 *            | { kind: 'debtor', debtorId, channel: 'portal' } the debtor applies online for their own account
 *
 * Either way, in one transaction: the application (reason, the debtor's words, income and
 * essential spending, the requested plan quoted on the account's balance), its evidence files
 * (type by content, size limit, SHA-256), a `hardship_review` hold on the account (so the
 * compliance engine refuses collection contact from that moment), the decision deadline
 * (submission business date + the contract's hardship_decision_days Chinese working days),
 * the timeline event and the audit row. The application then waits in the creditor's inbox.
 */
import { appendAudit } from '../../db/audit-repository.ts';
import { findAccountInScope } from '../../db/accounts-repository.ts';
import {
  findHardshipAccount, findProgramme, insertApplication, insertEvent, setApplicationHold,
} from '../../db/hardship-repository.ts';
import { insertHold } from '../../db/holds-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import type { LocalDate } from '../../domain/calendar.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import {
  affordability, decisionDays, decisionDeadline, isHardshipReason, HARDSHIP_REASONS, type Affordability,
} from '../../domain/hardship/application.ts';
import type { PlanSchedule } from '../../domain/hardship/plan.ts';
import { fen } from '../../domain/money.ts';
import { accountScope, authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';
import {
  checkEvidenceFiles, debtorActor, planSummary, quoteForAccount, storeEvidence, type EvidenceUpload, type PlanTermsInput,
} from './shared.ts';

export type HardshipOrigin =
  | { kind: 'staff'; actor: Actor }
  | { kind: 'debtor'; debtorId: number; channel: 'portal' };

export interface SubmitHardshipInput {
  reason: string;
  /** The debtor's own words. */
  statement: string;
  monthlyIncomeFen?: number | null;
  monthlyEssentialsFen?: number | null;
  /** The plan asked for; the balance parts come from the account. */
  plan: PlanTermsInput;
  evidence?: readonly EvidenceUpload[];
  /** What the evidence shows, in words (a programme fills it in). */
  evidenceNote?: string | null;
  programmeId?: number | null;
}

export interface SubmittedApplication {
  application_id: number;
  hold_id: number;
  status: 'submitted';
  submitted_on: string;
  decision_due_on: string;
  schedule: PlanSchedule;
  affordability: Affordability | null;
  evidence: Array<{ id: number; file_name: string; sha256: string; size_bytes: number; content_type: string }>;
}

export const STATEMENT_MAX = 4000;

/** Account statuses a hardship application is refused for, in the screens' Chinese words. */
const ACCOUNT_STATUS_ZH: Readonly<Record<string, string>> = {
  in_plan: '分期还款中', paid: '已结清', settled: '减免结清', recalled: '已退案', closed: '已关闭',
};

function wholeFenOrNull(value: number | null | undefined, field: string, what: { en: string; zh: string }): number | null {
  if (value === undefined || value === null) return null;
  if (!Number.isSafeInteger(value) || value < 0) {
    throw invalidInput({ en: `${what.en} must be an amount of 0 or more, in whole fen (cents); got ${value}`, zh: `${what.zh}须为 0 或以上的金额，以分为单位的整数；当前为 ${value}` }, field);
  }
  return value;
}

export async function submitHardshipApplication(ctx: AppContext, origin: HardshipOrigin, accountId: number,
  input: SubmitHardshipInput): Promise<SubmittedApplication> {
  if (origin.kind === 'staff') authorize(origin.actor, 'hardship.apply');
  const actor = origin.kind === 'staff' ? origin.actor : debtorActor(origin.debtorId, origin.channel);
  if (!isHardshipReason(input.reason)) {
    throw invalidInput({
      en: `reason must be one of ${HARDSHIP_REASONS.join(', ')}; got ${JSON.stringify(input.reason)}`,
      zh: `reason（原因）须为 ${HARDSHIP_REASONS.join('、')} 之一；当前为 ${JSON.stringify(input.reason)}`,
    }, 'reason');
  }
  const statement = input.statement.trim();
  if (!statement) throw invalidInput({ en: "Write down the debtor's own words: why they cannot pay", zh: '请记录债务人自述：为什么无法还款' }, 'statement');
  if (statement.length > STATEMENT_MAX) {
    throw invalidInput({ en: `The debtor's own words are longer than ${STATEMENT_MAX} characters: shorten them`, zh: `债务人自述超过了 ${STATEMENT_MAX} 个字符，请缩短` }, 'statement');
  }
  const income = wholeFenOrNull(input.monthlyIncomeFen, 'monthly_income_fen', { en: 'Monthly income', zh: '月收入' });
  const essentials = wholeFenOrNull(input.monthlyEssentialsFen, 'monthly_essentials_fen', { en: 'Essential spending a month', zh: '每月必要支出' });
  const today = businessDate(ctx) as LocalDate;
  const files = checkEvidenceFiles(input.evidence ?? []);

  return inTransaction(ctx.pool, async (client) => {
    const notYours = { en: `Account ${accountId} does not exist or is not yours to see`, zh: `账户 ${accountId} 不存在或您无权查看` };
    if (origin.kind === 'staff' && !(await findAccountInScope(client, accountScope(origin.actor), accountId))) {
      throw new AppError('NOT_FOUND', notYours);
    }
    const account = await findHardshipAccount(client, accountId, today, true);
    if (!account || (origin.kind === 'debtor' && account.debtor_id !== origin.debtorId)) {
      throw new AppError('NOT_FOUND', notYours);
    }
    if (!['active', 'promised', 'lost_contact', 'placed'].includes(account.status)) {
      throw new AppError('CONFLICT', {
        en: `Account ${accountId} is ${account.status}: a hardship application is for an account still being collected`,
        zh: `账户 ${accountId} 当前为“${ACCOUNT_STATUS_ZH[account.status] ?? account.status}”：停息挂账申请只适用于仍在催收中的账户`,
      });
    }
    const schedule = quoteForAccount(account, input.plan, today);
    const programmeId = input.programmeId ?? null;
    if (programmeId !== null) {
      const programme = await findProgramme(client, programmeId);
      if (!programme || programme.closed_at) {
        throw invalidInput({ en: `Hardship programme ${programmeId} does not exist or is closed`, zh: `停息挂账专项 ${programmeId} 不存在或已结束` }, 'programme_id');
      }
    }
    const dueOn = decisionDeadline(today, decisionDays(account.terms), account.pack);
    const requested = planSummary(input.plan, schedule);
    const afford = income !== null && essentials !== null
      ? affordability(fen(income), fen(essentials), fen(Math.max(...schedule.instalments.map((i) => i.amount_fen)))) : null;
    let applicationId: number;
    try {
      applicationId = await insertApplication(client, {
        creditorId: account.creditor_id, accountId, reason: input.reason, statement, evidenceNote: input.evidenceNote?.trim() || null,
        incomeFen: income, essentialsFen: essentials, requestedPlan: { ...requested, affordability: afford }, submittedOn: today, decisionDueOn: dueOn,
        origin: origin.kind === 'staff' ? 'staff' : 'portal', originDebtorId: origin.kind === 'debtor' ? origin.debtorId : null,
        createdBy: actor.userId, programmeId, at: ctx.now(),
      });
    } catch (error) {
      if ((error as { code?: string }).code === '23505') {
        throw new AppError('CONFLICT', origin.kind === 'staff' ? {
          en: `Account ${accountId} already has a hardship application awaiting the creditor's decision`,
          zh: `账户 ${accountId} 已有一份等待委托方审批的停息挂账申请`,
        } : {
          // The debtor, in their words: their application is with the bank.
          en: 'You have already applied for a plan on this account; the bank is deciding, and we will tell you its answer.',
          zh: '您已就这个账户提交过分期申请，银行正在审核，我们会告诉您结果。',
          es: 'Ya solicitó un plan para esta cuenta; el banco está decidiendo y le avisaremos su respuesta.',
        });
      }
      throw error;
    }
    const holdId = await insertHold(client, {
      debtorId: account.debtor_id, creditorId: account.creditor_id, accountId, kind: 'hardship_review',
      reason: `停息挂账申请 ${applicationId} 待委托方决定（${dueOn} 前） / Hardship application ${applicationId} awaiting the creditor's decision (due ${dueOn})`, setBy: actor.userId, startsOn: today, endsOn: null, at: ctx.now(),
    });
    await setApplicationHold(client, account.creditor_id, applicationId, holdId);
    const evidence = await storeEvidence(client, account.creditor_id, applicationId, files, actor.userId);
    const detail = { account_id: accountId, application_id: applicationId, hold_id: holdId, reason: input.reason, origin: origin.kind === 'staff' ? 'staff' : 'portal',
      decision_due_on: dueOn, requested_plan: requested, evidence: evidence.map((e) => ({ id: e.id, sha256: e.sha256, size_bytes: e.size_bytes, content_type: e.content_type })),
      programme_id: programmeId };
    await insertEvent(client, { at: ctx.now(), creditorId: account.creditor_id, accountId, applicationId, kind: 'submitted', actor: actor.username,
      actorUserId: actor.userId, note: statement, detail });
    await appendAudit(client, actor, { action: 'hardship.submit', entity: 'hardship_application', entityId: applicationId,
      creditorId: account.creditor_id, detail });
    // The bank decides it, by a day after which it lapses undecided: told at once, not left to find in its inbox.
    await tellCreditorToDecide(client, { at: ctx.now(), creditorId: account.creditor_id, accountId, kind: 'application_to_decide', applicationId, message: (mask) => ({
      en: `Hardship application ${applicationId} on ${mask} waits for your decision by ${dueOn}; undecided, it lapses and collection resumes`,
      zh: `账户 ${mask} 的停息挂账申请 ${applicationId} 待您在 ${dueOn} 前审批；逾期未决将失效并恢复催收`,
    }) });
    await appendAudit(client, actor, { action: 'hold.place', entity: 'hold', entityId: holdId, creditorId: account.creditor_id,
      detail: { account_id: accountId, debtor_id: account.debtor_id, kind: 'hardship_review', scope: 'account', application_id: applicationId, starts_on: today } });
    return { application_id: applicationId, hold_id: holdId, status: 'submitted' as const, submitted_on: today, decision_due_on: dueOn,
      schedule, affordability: afford, evidence };
  });
}
