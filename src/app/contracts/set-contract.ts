import { appendAudit } from '../../db/audit-repository.ts';
import { insertContractVersion, listContractVersions } from '../../db/contracts-repository.ts';
import { countCreditorAccounts, findCreditorByCode } from '../../db/creditors-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { addDays, parseLocalDate, type LocalDate } from '../../domain/calendar.ts';
import { lastSettledPaymentOn } from '../../db/payments-repository.ts';
import { parseContract, TERM_KEYS, termsOf } from '../../domain/contracts/contract.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';

/** Older names of keys the contract now sets: dropped when a new version is written. */
const REPLACED_KEYS = ['grace_days', 'waiver_authority'];

export interface SetContractResult { creditor: string; version: number; effective_from: string }

/**
 * Adds a version of a creditor's contract (委托合同). Earlier versions stay and keep applying to
 * what happened while they were in force. The operational keys go to contracts.terms under
 * the contract's names; keys other parts of the product keep in terms that the contract JSON
 * does not own (compliance overrides, promise_max_days, turnover_credit_days, ...) carry over
 * from the version before.
 */
export async function setContract(ctx: AppContext, actor: Actor, input: { creditor: string | undefined; contract: unknown; effectiveFrom?: string | undefined }):
  Promise<SetContractResult> {
  authorize(actor, 'contracts.manage');
  const contract = parseContract(input.contract);
  if (input.creditor !== undefined && contract.creditor !== input.creditor) {
    throw invalidInput({
      en: `Contract creditor is ${contract.creditor} but it is being set for ${input.creditor}; they must be the same`,
      zh: `合同中的委托方是 ${contract.creditor}，却要设置给 ${input.creditor}；两者必须一致`,
    }, 'creditor');
  }
  const effectiveFrom = input.effectiveFrom === undefined ? businessDate(ctx) : parseLocalDate(input.effectiveFrom);
  return inTransaction(ctx.pool, async (client) => {
    const creditor = await findCreditorByCode(client, contract.creditor);
    if (!creditor) {
      throw new AppError('NOT_FOUND', {
        en: `No creditor ${contract.creditor}; add it first with \`leeway creditors add\``,
        zh: `没有委托方 ${contract.creditor}；请先用 \`leeway creditors add\` 添加`,
      }, { field: 'creditor' });
    }
    const [previous] = await listContractVersions(client, creditor.id);
    // Readers take the highest version in force on a day: a version starting before the latest one's first day would take over
    // days that version already ruled (commission already settled on them), and some readers would still go by the dates.
    if (previous && effectiveFrom < previous.effective_from) {
      throw invalidInput({
        en: `Version ${previous.version} of ${contract.creditor}'s contract is in force from ${previous.effective_from}: a new version starts on or after that day, not ${effectiveFrom}`,
        zh: `${contract.creditor} 的合同第 ${previous.version} 版自 ${previous.effective_from} 起生效：新版本须从该日或之后生效，不能从 ${effectiveFrom} 起`,
      }, 'effective_from');
    }
    // Commission is settled once, under the version in force on the payment's date: a version starting on a day payments were
    // already settled from would say it rules them, yet their commission stays as it was (and may be on a statement already).
    const settledSince = await lastSettledPaymentOn(client, creditor.id, effectiveFrom);
    if (settledSince) {
      const next = addDays(settledSince as LocalDate, 1);
      throw invalidInput({
        en: `${contract.creditor}'s payments up to ${settledSince} are settled already, their commission under the contract in force on each one's date; a new version starts after them, on ${next} or later, not ${effectiveFrom}`,
        zh: `${contract.creditor} 截至 ${settledSince} 的还款已结算，佣金按各笔还款日生效的合同计算；新版本须在其后生效（${next} 或之后），不能从 ${effectiveFrom} 起`,
      }, 'effective_from');
    }
    // A creditor's amounts are in its contract's currency and its accounts under its country's rules: another pack would read
    // every yuan on file as dollars and judge Chinese debtors by US rules.
    if (previous && previous.pack !== contract.pack) {
      const held = await countCreditorAccounts(client, creditor.id);
      if (held > 0) {
        throw invalidInput({
          en: `${contract.creditor} has ${held} account${held === 1 ? "" : "s"} under its ${previous.pack} contract, in its currency and under that country's rules; a contract under the ${contract.pack} pack goes to a creditor of its own (add one for that portfolio)`,
          zh: `${contract.creditor} 已有 ${held} 个账户按 ${previous.pack} 合同的币种和规则管理；${contract.pack} 规则包的合同请设给另一个委托方（为该资产包新增委托方）`,
        }, 'pack');
      }
    }
    const carried = Object.fromEntries(Object.entries(previous?.terms ?? {})
      .filter(([k]) => !(TERM_KEYS as readonly string[]).includes(k) && !REPLACED_KEYS.includes(k)));
    const terms = { ...carried, ...termsOf(contract) };
    const version = await insertContractVersion(client, {
      creditorId: creditor.id, name: contract.name, pack: contract.pack, effectiveFrom, placementDays: contract.placement_days,
      commission: contract.commission, terms, createdBy: actor.userId,
    });
    await appendAudit(client, actor, { action: 'contract.set', entity: 'contract', entityId: `${creditor.id}:${version}`, creditorId: creditor.id,
      detail: { version, effective_from: effectiveFrom, contract } });
    return { creditor: contract.creditor, version, effective_from: effectiveFrom };
  });
}
