import { appendAudit } from '../../db/audit-repository.ts';
import { findCreditorByCode } from '../../db/creditors-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { attemptsInWindow, endPromisesUnderSuspension, insertSuspension, regionExists, sameSuspension, type AttemptInWindow, type SuspensionRow } from '../../db/suspensions-repository.ts';
import { compareDates, parseLocalDate } from '../../domain/calendar.ts';
import { countryOfRegion } from '../../domain/country.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { usStateName } from '../../domain/import/person-us.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';

export interface CreateSuspensionInput { scope: 'region' | 'creditor' | 'account'; code: string; from: string; to?: string | null; reason: string }

/** A region's significant part: 420000 -> 42 (Hubei), 420100 -> 4201 (Wuhan); a US state (US-FL) as it is. */
export function regionPrefix(code: string): string {
  return countryOfRegion(code) === 'US' ? code : code.replace(/(00)+$/, '');
}

/**
 * 区域停催: stops contact over a region (GB/T 2260 code prefix, or a US state such as US-FL for a
 * US creditor's accounts, after a hurricane say), a creditor or an account on
 * the debtor's local dates from..to inclusive (to = null: until ended). Nothing has to run
 * when it ends: the compliance engine compares the dates at every check. A backdated one
 * returns the attempts already made inside its window, for review.
 */
export async function createSuspension(ctx: AppContext, actor: Actor, input: CreateSuspensionInput):
  Promise<{ suspension: SuspensionRow; attempts_in_window: AttemptInWindow[]; promises_ended: number }> {
  authorize(actor, 'suspensions.manage');
  const from = parseLocalDate(input.from);
  const to = input.to ? parseLocalDate(input.to) : null;
  if (to && compareDates(to, from) < 0) throw invalidInput({ en: `to ${to} is before from ${from}`, zh: `结束日期 ${to} 早于开始日期 ${from}` }, 'to');
  if (!input.reason.trim()) throw invalidInput({ en: 'Say why contact is suspended (e.g. the event)', zh: '请说明停催原因（如发生的事件）' }, 'reason');
  // A US state is named as its accounts are filed (US-FL), in any case.
  const typed = input.scope === 'region' && /^us-/i.test(input.code.trim()) ? input.code.trim().toUpperCase() : input.code.trim();
  return inTransaction(ctx.pool, async (client) => {
    let code = typed;
    if (input.scope === 'region') {
      const usState = /^US-([A-Z]{2})$/.exec(code);
      if (usState ? usStateName(usState[1]!) === null : !/^\d{6}$/.test(code) || !(await regionExists(client, code))) {
        throw invalidInput({
          en: `Region ${code} is not a GB/T 2260 code (six digits, e.g. 420000 for Hubei) nor a US state (e.g. US-FL)`,
          zh: `地区代码 ${code} 不是有效的 GB/T 2260 行政区划代码（6 位数字，如湖北省为 420000），也不是美国的州（如 US-FL）`,
        }, 'code');
      }
    } else if (input.scope === 'creditor') {
      const creditor = await findCreditorByCode(client, code);
      if (!creditor) throw invalidInput({ en: `No creditor with code ${code}`, zh: `没有代码为 ${code} 的委托方` }, 'code');
      code = creditor.code;   // as stored (huayu typed is HUAYU): the rules compare it exactly
    } else if (!/^\d+$/.test(code) || !(await client.query('SELECT 1 FROM accounts WHERE id = $1', [Number(code)])).rowCount) {
      throw invalidInput({ en: `No account with id ${code}`, zh: `没有 ID 为 ${code} 的账户` }, 'code');
    }
    const twin = await sameSuspension(client, { scope: input.scope, code, from, to });
    if (twin) {
      throw new AppError('CONFLICT', {
        en: `Suspension ${twin.id} already covers ${code} from ${from}${to ? ` to ${to}` : ''}; change or end that one instead`,
        zh: `已有停催 ${twin.id} 覆盖 ${code}（${from}${to ? ` 至 ${to}` : ' 起'}），请修改或结束那一条`,
      }, { field: 'code', details: { suspension_id: twin.id } });
    }
    const suspension = await insertSuspension(client, { scope: input.scope, code, from, to, reason: input.reason.trim(), createdBy: actor.userId });
    const attempts = await attemptsInWindow(client, { scope: input.scope, code, from, to, regionPrefix: regionPrefix(code) });
    // Collection stops: a promise falling due meanwhile is ended, never counted broken.
    const promisesEnded = await endPromisesUnderSuspension(client, { id: suspension.id, scope: input.scope, code, from, to, regionPrefix: regionPrefix(code),
      today: businessDate(ctx), at: ctx.now() });
    await appendAudit(client, actor, { action: 'suspension.create', entity: 'suspension', entityId: suspension.id,
      detail: { scope: input.scope, code, from, to, reason: input.reason.trim(), attempts_in_window: attempts.length, promises_ended: promisesEnded } });
    return { suspension, attempts_in_window: attempts, promises_ended: promisesEnded };
  });
}
