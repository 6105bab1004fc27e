import { appendAudit } from '../../db/audit-repository.ts';
import { insertNotification } from '../../db/notifications-repository.ts';
import type { Queryable } from '../../db/pool.ts';
import { contractInForce } from '../../db/contracts-repository.ts';
import { currencyOfPack, fen, formatMoney } from '../../domain/money.ts';
import type { Actor } from '../context.ts';

/**
 * After payments were reversed (a bounce, a bank's correction): the settlements (减免) and the
 * instalment plans those payments had completed are no longer met where what is left paid falls
 * short of what was agreed. Such a settlement is agreed again (awaiting payment) while its due
 * date has not passed, else lapsed; such a plan is active again (the nightly run judges its
 * instalments); the account returns to collection (active, or in plan), whoever asked for the
 * settlement is told, and each is audited. An account still met stays settled or paid.
 */
export async function reopenUnmetArrangements(client: Queryable, actor: Actor, today: string, creditorId: number, accountIds: readonly number[], at: Date):
  Promise<{ settlements: number; plans: number }> {
  if (accountIds.length === 0) return { settlements: 0, plans: 0 };
  const { rows: offers } = await client.query<{ waiver_id: number; account_id: number; status: 'approved' | 'lapsed'; paid_fen: number; settle_fen: number;
    due_date: string; requested_by: number | null; account_no_mask: string }>(
    `WITH unmet AS (
       SELECT w.creditor_id, w.id, w.account_id, w.settle_fen, w.due_date,
              (SELECT coalesce(sum(p.amount_fen), 0) FROM payments p
                WHERE p.creditor_id = w.creditor_id AND p.account_id = w.account_id AND p.paid_on BETWEEN w.offered_on AND w.due_date)::bigint AS paid_fen
         FROM waivers w JOIN accounts a ON a.creditor_id = w.creditor_id AND a.id = w.account_id
        WHERE w.creditor_id = $1 AND w.account_id = ANY($2::bigint[]) AND w.status = 'settled' AND a.status = 'settled'
     ), reopened AS (
       UPDATE waivers w SET status = CASE WHEN $3::date <= u.due_date THEN 'approved' ELSE 'lapsed' END,
                            resolved_on = CASE WHEN $3::date <= u.due_date THEN NULL ELSE $3::date END
         FROM unmet u WHERE w.creditor_id = u.creditor_id AND w.id = u.id AND u.paid_fen < u.settle_fen
       RETURNING w.id AS waiver_id, w.account_id, w.status, u.paid_fen, u.settle_fen, u.due_date::text AS due_date, w.requested_by
     ), back AS (
       UPDATE accounts a SET status = 'active', version = a.version + 1, updated_at = now()
         FROM reopened r WHERE a.creditor_id = $1 AND a.id = r.account_id AND a.status = 'settled'
       RETURNING a.id, a.account_no_mask)
     SELECT r.*, b.account_no_mask FROM reopened r JOIN back b ON b.id = r.account_id ORDER BY r.waiver_id`,
    [creditorId, accountIds, today]);
  // Amounts in the creditor's contract's currency, marked as each language writes it (¥1,234.56 / CNY 1,234.56, $1,234.56).
  const currency = currencyOfPack((await contractInForce(client, creditorId, today))?.pack);
  const en = (amount: number) => formatMoney(fen(amount), currency, 'en');
  const zh = (amount: number) => formatMoney(fen(amount), currency, 'zh-CN');
  for (const o of offers) {
    const again = o.status === 'approved';
    await appendAudit(client, actor, { action: 'settlement.reopened', entity: 'waiver', entityId: o.waiver_id, creditorId,
      detail: { account_id: o.account_id, date: today, paid_fen: o.paid_fen, settle_fen: o.settle_fen, status: o.status } });
    if (o.requested_by !== null) {
      await insertNotification(client, { at, creditorId, accountId: o.account_id, audience: 'staff', userId: o.requested_by, kind: 'settlement_reopened', waiverId: o.waiver_id,
        message: {
          en: `A payment on ${o.account_no_mask} was reversed: settlement offer ${o.waiver_id} is no longer met (${en(o.paid_fen)} of ${en(o.settle_fen)} paid); `
            + (again ? `it stands until ${o.due_date}` : 'its due date has passed, so it lapsed') + '; the account is back in collection',
          zh: `账户 ${o.account_no_mask} 有一笔还款被冲正：减免方案 ${o.waiver_id} 已不再满足（已还 ${zh(o.paid_fen)} / ${zh(o.settle_fen)}），`
            + (again ? `方案在 ${o.due_date} 前仍然有效` : '其还款期限已过，方案失效') + '；账户已恢复催收',
        } });
    }
  }
  const { rows: plans } = await client.query<{ plan_id: number; account_id: number; paid_fen: number; total_fen: number; collector_id: number | null }>(
    `WITH unmet AS (
       SELECT ip.creditor_id, ip.id, ip.account_id, ip.total_fen,
              (SELECT coalesce(sum(p.amount_fen), 0) FROM payments p
                WHERE p.creditor_id = ip.creditor_id AND p.account_id = ip.account_id
                  AND p.paid_on >= coalesce(ip.start_date, (ip.created_at AT TIME ZONE agency_zone())::date))::bigint AS paid_fen
         FROM instalment_plans ip JOIN accounts a ON a.creditor_id = ip.creditor_id AND a.id = ip.account_id
        WHERE ip.creditor_id = $1 AND ip.account_id = ANY($2::bigint[]) AND ip.status = 'completed' AND a.status IN ('settled', 'paid', 'active')
          AND NOT EXISTS (SELECT 1 FROM instalment_plans later WHERE later.creditor_id = ip.creditor_id AND later.account_id = ip.account_id AND later.id > ip.id)
     ), reopened AS (
       UPDATE instalment_plans ip SET status = 'active', ended_on = NULL, updated_at = now()
         FROM unmet u WHERE ip.creditor_id = u.creditor_id AND ip.id = u.id AND u.paid_fen < u.total_fen
       RETURNING ip.id AS plan_id, ip.account_id, u.paid_fen, u.total_fen)
     UPDATE accounts a SET status = 'in_plan', version = a.version + 1, updated_at = now()
       FROM reopened r WHERE a.creditor_id = $1 AND a.id = r.account_id
     RETURNING r.plan_id, r.account_id, r.paid_fen, r.total_fen,
               (SELECT s.collector_id FROM assignments s WHERE s.creditor_id = $1 AND s.account_id = r.account_id AND s.ended_at IS NULL) AS collector_id`,
    [creditorId, accountIds]);
  for (const p of plans) {
    await appendAudit(client, actor, { action: 'hardship.plan_reopened', entity: 'instalment_plan', entityId: p.plan_id, creditorId,
      detail: { account_id: p.account_id, date: today, paid_fen: p.paid_fen, total_fen: p.total_fen } });
    const message = {
      en: `A payment was reversed: plan ${p.plan_id} is not paid off after all (${en(p.paid_fen)} of ${en(p.total_fen)}); it is active again and its instalments are due as agreed`,
      zh: `一笔还款被冲正：分期计划 ${p.plan_id} 实际尚未还清（已还 ${zh(p.paid_fen)} / ${zh(p.total_fen)}），计划恢复执行，按约定分期还款`,
    };
    // The bank was told the plan was completed; the collector holds the account again.
    await insertNotification(client, { at, creditorId, accountId: p.account_id, audience: 'creditor', userId: null, kind: 'plan_reopened', planId: p.plan_id, message });
    if (p.collector_id !== null) {
      await insertNotification(client, { at, creditorId, accountId: p.account_id, audience: 'collector', userId: p.collector_id, kind: 'plan_reopened', planId: p.plan_id, message });
    }
  }
  return { settlements: offers.length, plans: plans.length };
}
