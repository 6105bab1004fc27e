import { createHash } from 'node:crypto';
import { findApplication, insertEvidence, type ApplicationRow, type HardshipAccount } from '../../db/hardship-repository.ts';
import { insertNotification, type NoticeWords } from '../../db/notifications-repository.ts';
import type { Queryable } from '../../db/pool.ts';
import { checkEvidence, EVIDENCE_MAX_FILES, longestPlan, safeEvidenceName } from '../../domain/hardship/application.ts';
import {
  BALANCE_PARTS, checkPlanMonths, checkPlanReach, FIRST_DUE_MAX_MONTHS, MONTHLY_FEE_BP_MAX, PLAN_PACKS, quotePlan, type BalancePart, type PlanLengthLimit, type PlanPack, type PlanSchedule,
} from '../../domain/hardship/plan.ts';
import { addMonths, compareDates, isLocalDate, type LocalDate } from '../../domain/calendar.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { accountScope } from '../authorization.ts';
import type { Actor } from '../context.ts';

/** The plan a debtor asks for (or a creditor grants): the quote request without the balance, which comes from the account. */
export interface PlanTermsInput {
  months: number;
  firstDueDate: string;
  waive?: readonly BalancePart[];
  monthlyFeeBp?: number;
}

export interface EvidenceUpload { fileName: string; content: Buffer }

/**
 * Quotes a plan on the account's balance parts and contract pack. The terms a person chose are
 * checked first, in words a collector or a bank's user reads (checkPlanTerms), the number of months
 * against the longest plan the contract allows (application.ts longestPlan: the pack's maximum, or
 * the contract's own when less); plan.ts checks the rest. A plan that would run past that longest
 * plan counted from `today` is refused too (checkPlanReach).
 */
export function quoteForAccount(account: HardshipAccount, terms: PlanTermsInput, today: string): PlanSchedule {
  const pack: PlanPack = (PLAN_PACKS as readonly string[]).includes(account.pack) ? account.pack as PlanPack : 'CN';
  const limit = longestPlan(pack, account.terms);
  checkPlanTerms(account, terms, limit, today as LocalDate);
  const schedule = quotePlan({
    pack, principal_fen: account.principal_fen, interest_fen: account.interest_fen, fees_fen: account.fees_fen,
    waive: terms.waive ?? [], months: terms.months, first_due_date: terms.firstDueDate, monthly_fee_bp: terms.monthlyFeeBp ?? 0,
  });
  checkPlanReach(schedule, limit, terms.months, today as LocalDate);
  return schedule;
}

/** The plan terms chosen on a screen (or the portal), checked in plain words: plan.ts's own messages name the quote request's fields, for the command line. */
function checkPlanTerms(account: Pick<HardshipAccount, 'principal_fen' | 'interest_fen' | 'fees_fen'>, terms: PlanTermsInput, limit: PlanLengthLimit, today: LocalDate): void {
  checkPlanMonths(terms.months, limit);
  if (!isLocalDate(terms.firstDueDate)) {
    throw invalidInput({
      en: `The first due date must be a real date written YYYY-MM-DD; got ${JSON.stringify(terms.firstDueDate)}`,
      zh: `首期还款日须为真实存在的日期，格式为 YYYY-MM-DD；当前为 ${JSON.stringify(terms.firstDueDate)}`,
    }, 'first_due_date');
  }
  if (compareDates(terms.firstDueDate, today) < 0) {
    throw invalidInput({
      en: `The first due date ${terms.firstDueDate} is before today (${today}): choose today or a later date`,
      zh: `首期还款日 ${terms.firstDueDate} 早于今天（${today}）：请改为今天或以后的日期`,
    }, 'first_due_date');
  }
  const latest = addMonths(today, FIRST_DUE_MAX_MONTHS);
  if (compareDates(terms.firstDueDate, latest) > 0) {
    throw invalidInput({
      en: `The first due date ${terms.firstDueDate} is more than ${FIRST_DUE_MAX_MONTHS} months from today (${today}): the first instalment may be due by ${latest} at the latest. `
        + 'To pause collection before a plan starts, the application itself holds it until it is decided',
      zh: `首期还款日 ${terms.firstDueDate} 距今天（${today}）超过 ${FIRST_DUE_MAX_MONTHS} 个月：首期最晚应在 ${latest} 到期。申请审批期间本身已停催，无需推迟首期`,
    }, 'first_due_date');
  }
  const fee = terms.monthlyFeeBp ?? 0;
  if (!Number.isInteger(fee) || fee < 0 || fee > MONTHLY_FEE_BP_MAX) {
    throw invalidInput({
      en: `The monthly plan fee must be a whole number of basis points from 0 to ${MONTHLY_FEE_BP_MAX} (100 basis points are 1 % of the plan amount a month); got ${fee}`,
      zh: `每月分期手续费须为 0 到 ${MONTHLY_FEE_BP_MAX} 之间的整数基点（100 个基点即每月收取分期金额的 1%）；当前为 ${fee}`,
    }, 'monthly_fee_bp');
  }
  const waived = new Set(terms.waive ?? []);
  const parts = { principal: account.principal_fen, interest: account.interest_fen, fees: account.fees_fen };
  if (BALANCE_PARTS.every((part) => waived.has(part) || parts[part] === 0)) {
    throw invalidInput(waived.size === 0 || BALANCE_PARTS.every((part) => parts[part] === 0)
      ? { en: 'The account owes nothing: there is no balance to put on a plan', zh: '该账户没有欠款：没有可分期的金额' }
      : {
        en: 'Nothing is left to put on a plan: every part still owed would be waived. Keep at least one part with money owed in the plan',
        zh: '没有可分期的金额：仍有欠款的部分都将被减免。请至少保留一项仍有欠款的部分计入分期',
      }, 'waive');
  }
}

/** What is stored as the requested (or decided) plan: the terms and the quote's totals. */
export function planSummary(terms: PlanTermsInput, schedule: PlanSchedule): Record<string, unknown> {
  return {
    months: terms.months, first_due_date: terms.firstDueDate, waive: [...(terms.waive ?? [])], monthly_fee_bp: terms.monthlyFeeBp ?? 0,
    plan_amount_fen: schedule.plan_amount_fen, total_fee_fen: schedule.total_fee_fen, total_fen: schedule.total_fen,
    instalment_fen: schedule.instalments[0]!.amount_fen, last_instalment_fen: schedule.instalments.at(-1)!.amount_fen,
    last_due_date: schedule.instalments.at(-1)!.due_date,
  };
}

export function termsFromSummary(summary: Record<string, unknown>): PlanTermsInput {
  return { months: Number(summary.months), firstDueDate: String(summary.first_due_date),
    waive: (summary.waive as BalancePart[] | undefined) ?? [], monthlyFeeBp: Number(summary.monthly_fee_bp ?? 0) };
}

/** Checks every file first (nothing is stored when one is refused), then stores them with their SHA-256. */
export function checkEvidenceFiles(files: readonly EvidenceUpload[], already = 0): Array<EvidenceUpload & { type: string; name: string; sha256: string }> {
  if (files.length + already > EVIDENCE_MAX_FILES) {
    throw invalidInput({
      en: `An application may carry at most ${EVIDENCE_MAX_FILES} evidence files; it would have ${files.length + already}`,
      zh: `每份申请最多附 ${EVIDENCE_MAX_FILES} 个证明材料文件；加上本次上传将有 ${files.length + already} 个`,
    }, 'evidence');
  }
  return files.map((file, i) => {
    const type = checkEvidence(file.content, `evidence[${i}]`, file.fileName);
    return { ...file, type, name: safeEvidenceName(file.fileName, type), sha256: createHash('sha256').update(file.content).digest('hex') };
  });
}

export async function storeEvidence(db: Queryable, creditorId: number, applicationId: number, files: ReturnType<typeof checkEvidenceFiles>,
  uploadedBy: number | null): Promise<Array<{ id: number; file_name: string; sha256: string; size_bytes: number; content_type: string }>> {
  const stored = [];
  for (const f of files) {
    const id = await insertEvidence(db, { creditorId, applicationId, fileName: f.name, contentType: f.type, sha256: f.sha256, content: f.content, uploadedBy });
    stored.push({ id, file_name: f.name, sha256: f.sha256, size_bytes: f.content.length, content_type: f.type });
  }
  return stored;
}

/** An application's status in the screens' Chinese words, for a message (an unknown status shows as stored). */
const APPLICATION_STATUS_ZH: Readonly<Record<string, string>> = {
  draft: '草稿', submitted: '待审批', info_requested: '待补充材料', approved: '已批准', rejected: '已拒绝', expired: '已过期', withdrawn: '已撤回',
};

export function applicationStatusZh(status: string): string {
  return APPLICATION_STATUS_ZH[status] ?? status;
}

/** The decision note the nightly run gives an application the creditor did not decide in time (evaluate-plans.ts). */
export function expiryNote(decisionDueOn: string): { en: string; zh: string } {
  return { en: `No decision by ${decisionDueOn}`, zh: `委托方未在 ${decisionDueOn} 前作出决定` };
}

/**
 * The application with its decision note in Chinese where the system wrote it: an expired one's is
 * the nightly run's (expiryNote; no one decides an expired application), stored in English, so
 * rows written before keep working. A note a person typed has none (null): it shows as typed.
 */
export function withDecisionNoteZh<T extends Pick<ApplicationRow, 'status' | 'decision_note' | 'decision_due_on'>>(app: T): T & { decision_note_zh: string | null } {
  return { ...app, decision_note_zh: app.status === 'expired' && app.decision_note !== null ? expiryNote(app.decision_due_on).zh : null };
}

/** Tells the account's collector (the notification shows on the account page). */
export async function notifyCollector(db: Queryable, n: { creditorId: number; accountId: number; collectorId: number | null; kind: string;
  applicationId?: number; planId?: number; message: NoticeWords; at: Date }): Promise<void> {
  await insertNotification(db, { at: n.at, creditorId: n.creditorId, accountId: n.accountId, audience: 'collector', userId: n.collectorId, kind: n.kind,
    applicationId: n.applicationId ?? null, planId: n.planId ?? null, message: n.message });
}

/**
 * The debtor acting through the self-service portal. It is not a user: it carries no user
 * id, and the lowest role, so nothing it is handed to can grant it more than its own account.
 * It only names the actor in the audit log and the timeline.
 */
export function debtorActor(debtorId: number, channel: string): Actor {
  return { userId: null, username: `debtor:${debtorId} (${channel})`, role: 'collector', teamId: null, creditorId: null };
}

/** An application in the actor's scope, locked for a decision; 404 when it is not there or not theirs to see. */
export async function lockApplication(db: Queryable, actor: Actor, applicationId: number): Promise<ApplicationRow> {
  const app = await findApplication(db, accountScope(actor), applicationId, true);
  if (!app) {
    throw new AppError('NOT_FOUND', {
      en: `Hardship application ${applicationId} does not exist or is not yours to see`, zh: `停息挂账申请 ${applicationId} 不存在或您无权查看`,
    });
  }
  return app;
}
