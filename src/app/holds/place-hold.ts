import { appendAudit } from '../../db/audit-repository.ts';
import { findAccountInScope } from '../../db/accounts-repository.ts';
import { contractInForce } from '../../db/contracts-repository.ts';
import { insertHold } from '../../db/holds-repository.ts';
import { inTransaction, type Queryable } from '../../db/pool.ts';
import { FLAGS, type Flag } from '../../domain/compliance/index.ts';
import { compareDates, parseLocalDate, type LocalDate } from '../../domain/calendar.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { accountScope, authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';

export const HOLD_KINDS = FLAGS;

/** Hold kinds only the UK pack has rules for (statute_barred has its own words below). */
const UK_ONLY: ReadonlySet<string> = new Set(['breathing_space', 'mental_health_crisis', 'plan_pending', 'plan_pending_extended']);

/** The hold kinds an account under a contract of `pack` may be given (the UK's moratoria and statute-barred claims only under the UK pack). */
export function holdKindsFor(pack: string | undefined): Flag[] {
  return HOLD_KINDS.filter((k) => pack === 'UK' || (!UK_ONLY.has(k) && k !== 'statute_barred'));
}

/** The hold kinds the actor may place on the account (the form offers only those). */
export async function placeableHoldKinds(ctx: AppContext, actor: Actor, accountId: number): Promise<Flag[]> {
  authorize(actor, 'accounts.read');
  const account = await findAccountInScope(ctx.pool, accountScope(actor), accountId);
  if (!account) throw new AppError('NOT_FOUND', { en: `Account ${accountId} does not exist or is not yours to see`, zh: `账户 ${accountId} 不存在或您无权查看` });
  return holdKindsFor((await contractInForce(ctx.pool, account.creditor_id, businessDate(ctx)))?.pack);
}

export interface PlaceHoldInput {
  kind: string;
  reason: string;
  /** 'account': this account only; 'debtor': every account of the debtor. */
  scope: 'account' | 'debtor';
  startsOn?: string;
  endsOn?: string | null;
}

/** Puts a hold (停催/缓催) in force: from that moment the compliance engine stops collection contact. */
export async function placeHold(ctx: AppContext, actor: Actor, accountId: number, input: PlaceHoldInput): Promise<{ id: number }> {
  authorize(actor, 'holds.manage');
  if (!(HOLD_KINDS as readonly string[]).includes(input.kind)) {
    throw invalidInput({
      en: `Hold kind "${input.kind}" is not one of ${HOLD_KINDS.join(', ')}`,
      zh: `停催类型“${input.kind}”无效，须为 ${HOLD_KINDS.join('、')} 之一`,
    }, 'kind');
  }
  if (!input.reason.trim()) throw invalidInput({ en: 'Say why the hold is placed', zh: '请填写停催原因' }, 'reason');
  const startsOn = input.startsOn ? (parseLocalDate(input.startsOn) as LocalDate) : (businessDate(ctx) as LocalDate);
  const endsOn = input.endsOn ? parseLocalDate(input.endsOn) : null;
  if (endsOn && compareDates(endsOn, startsOn) < 0) {
    throw invalidInput({
      en: `ends_on ${endsOn} is before starts_on ${startsOn}`,
      zh: `ends_on（结束日期）${endsOn} 早于 starts_on（开始日期）${startsOn}`,
    }, 'ends_on');
  }
  return inTransaction(ctx.pool, async (client) => {
    const account = await findAccountInScope(client, accountScope(actor), accountId);
    if (!account) throw new AppError('NOT_FOUND', { en: `Account ${accountId} does not exist or is not yours to see`, zh: `账户 ${accountId} 不存在或您无权查看` });
    // A statute-barred claim is the UK's (CONC 7.15, the UK pack's rule): under a US contract a
    // time-barred debt may still be asked for, never sued on (12 CFR 1006.26(b)); elsewhere a dispute.
    const pack = (await contractInForce(client, account.creditor_id, businessDate(ctx)))?.pack;
    // The UK moratoria are the UK pack's rules: under another contract such a hold would show as in force and stop nothing.
    if (UK_ONLY.has(input.kind) && pack !== 'UK') {
      throw invalidInput({
        en: `A ${input.kind} hold is for accounts under a UK contract (the Debt Respite Scheme, CONC 7.3); this account's contract is under the ${pack ?? 'CN'} pack: place the hold that applies there (a dispute, hardship under review, ...)`,
        zh: `“${input.kind}”停催仅适用于英国合同的账户（债务喘息计划、CONC 7.3）；本账户的合同属于 ${pack ?? 'CN'} 规则包：请设置适用的停催类型（债务异议、停息挂账审核中等）`,
      }, 'kind');
    }
    // An extension extends a plan being arranged: without one in force it would stand alone, extending nothing.
    if (input.kind === 'plan_pending_extended') {
      const { rows: [pending] } = await client.query(
        `SELECT 1 FROM holds WHERE debtor_id = $1 AND kind = 'plan_pending' AND released_at IS NULL LIMIT 1`, [account.debtor_id]);
      if (!pending) {
        throw invalidInput({ en: 'There is no plan being arranged (plan_pending) on this debtor to extend; place that hold first',
          zh: '该债务人没有“正与顾问制定还款计划”停催可以延期；请先设置该停催' }, 'kind');
      }
    }
    if (input.kind === 'statute_barred' && pack !== 'UK') {
      throw invalidInput({
        en: 'A statute-barred hold is for accounts under a UK contract (CONC 7.15). Under a US contract a time-barred debt may still be asked for but never sued on; '
          + 'if the debtor disputes the debt, place a dispute hold',
        zh: '“客户称已过诉讼时效”停催仅适用于英国合同的账户（CONC 7.15）。美国合同下超过诉讼时效的债务仍可请求还款，但不得起诉；债务人对债务有异议的，请设置“债务异议”停催',
      }, 'kind');
    }
    const id = await recordHold(ctx, client, actor, { accountId, creditorId: account.creditor_id, debtorId: account.debtor_id, kind: input.kind,
      scope: input.scope, reason: input.reason.trim(), startsOn, endsOn });
    return { id };
  });
}

/**
 * The hold written and audited (`hold.place`), in the caller's transaction: a debtor-wide one
 * (`scope` debtor) covers every account of theirs; `detail` adds to the audit row.
 */
export async function recordHold(ctx: AppContext, client: Queryable, actor: Actor, h: { accountId: number; creditorId: number; debtorId: number;
  kind: string; scope: 'account' | 'debtor'; reason: string; startsOn: string; endsOn: string | null; detail?: Record<string, unknown> }): Promise<number> {
  const id = await insertHold(client, {
    debtorId: h.debtorId, creditorId: h.scope === 'account' ? h.creditorId : null, accountId: h.scope === 'account' ? h.accountId : null, placedFrom: h.creditorId,
    kind: h.kind, reason: h.reason, setBy: actor.userId, startsOn: h.startsOn, endsOn: h.endsOn, at: ctx.now(),
  }, businessDate(ctx));
  await appendAudit(client, actor, { action: 'hold.place', entity: 'hold', entityId: id, creditorId: h.creditorId,
    detail: { account_id: h.accountId, debtor_id: h.debtorId, kind: h.kind, scope: h.scope, reason: h.reason, starts_on: h.startsOn, ends_on: h.endsOn, ...h.detail } });
  return id;
}
