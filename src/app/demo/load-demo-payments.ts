/**
 * The demo's payments (`leeway start --demo-payments N`; `npm start` asks for 300): each Chinese
 * bank's payment file (还款文件) for the last weeks, brought in through the real import (as
 * `leeway import payments` would), so the money screens have something to show: payments
 * allocated and credited with their commission, promises kept by a payment that covers them,
 * the balance now below the bank's figures, recovery in the reports, the month's statement.
 * Most accounts with an open promise pay it in full today (kept at once); the rest pay part of the
 * balance (one in ten all of it: paid in full) on a day of the last three weeks, never before the
 * account was placed.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { packInForceSql } from '../../db/contracts-repository.ts';
import { accountSql, stoppedByHoldSql } from '../../db/collection-stopped.ts';
import type { Queryable } from '../../db/pool.ts';
import { Random } from '../../demo/random.ts';
import { addDays, compareDates, parseLocalDate, type LocalDate } from '../../domain/calendar.ts';
import { csvLine } from '../../domain/import/csv.ts';
import { plainYuan } from '../../domain/statements/statement.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';
import { importPayments } from '../import/import-payments.ts';

const HEADER = ['账号', '交易流水号', '还款金额', '还款日期'];

interface Payable { creditor_code: string; account_no: string; placed_on: string; balance_fen: number; promise_fen: number | null }

/** Open accounts of the Chinese banks (no contract, or a CN one) that can pay, not on hold: with their open promise, if any. */
async function payableAccounts(db: Queryable, today: string): Promise<Payable[]> {
  const { rows } = await db.query<Payable>(
    `SELECT c.code AS creditor_code, a.account_no, to_char(pl.placed_on, 'YYYY-MM-DD') AS placed_on,
            (a.principal_fen + a.interest_fen + a.fees_fen)::bigint AS balance_fen,
            (SELECT p.amount_fen FROM promises p WHERE p.creditor_id = a.creditor_id AND p.account_id = a.id AND p.status = 'open'
              ORDER BY p.id LIMIT 1) AS promise_fen
       FROM accounts a JOIN creditors c ON c.id = a.creditor_id JOIN placements pl ON pl.creditor_id = a.creditor_id AND pl.id = a.placement_id
      WHERE a.status IN ('active', 'promised', 'placed', 'lost_contact') AND pl.placed_on <= $1::date
        AND NOT ${stoppedByHoldSql(accountSql('a', '$1::date'), '$1::date')}
        AND coalesce(${packInForceSql('a.creditor_id', '$1::date')}, 'CN') = 'CN'
      ORDER BY a.creditor_id, a.id`, [today]);
  return rows;
}

export async function loadDemoPayments(ctx: AppContext, actor: Actor, options: { payments: number; seed: number }):
  Promise<{ payments: number; rejected: number; promises_kept: number; paid_in_full: number }> {
  authorize(actor, 'payments.record');
  const today = businessDate(ctx);
  const random = new Random(options.seed, 7);
  const accounts = await payableAccounts(ctx.pool, today);
  // Every k-th account, from a seeded start: spread over the banks and buckets.
  const step = Math.max(1, Math.floor(accounts.length / Math.max(1, options.payments)));
  const offset = random.int(0, step - 1);
  const chosen = accounts.filter((_, i) => i % step === offset).slice(0, options.payments);
  const byBank = new Map<string, string[][]>();
  for (const [i, a] of chosen.entries()) {
    const placed = parseLocalDate(a.placed_on);
    const payPromise = a.promise_fen !== null && random.chance(0.7);
    // One in ten of the others pays the whole balance: the account is paid in full (已结清).
    const payOff = !payPromise && random.chance(0.1);
    const amount = payPromise ? a.promise_fen! : payOff ? a.balance_fen : Math.max(100_00, Math.round(a.balance_fen * random.int(3, 20) / 100 / 100) * 100);
    let paidOn: LocalDate = payPromise ? parseLocalDate(today) : addDays(parseLocalDate(today), -random.int(1, 21));
    if (compareDates(paidOn, placed) < 0) paidOn = placed;
    const rows = byBank.get(a.creditor_code) ?? [];
    rows.push([a.account_no, `DEMO-${today.replaceAll('-', '')}-${String(i + 1).padStart(5, '0')}`, plainYuan(Math.min(amount, a.balance_fen)), paidOn]);
    byBank.set(a.creditor_code, rows);
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-demo-payments-'));
  let payments = 0;
  let rejected = 0;
  try {
    const keptBefore = await keptPromises(ctx.pool);
    const paidBefore = await paidAccounts(ctx.pool);
    for (const [code, rows] of byBank) {
      const file = path.join(dir, `${code.toLowerCase()}-payments.csv`);
      await fs.writeFile(file, [HEADER, ...rows].map(csvLine).join(''));
      const { summary } = await importPayments(ctx, actor, { filePath: file, creditor: code, errorsPath: path.join(dir, `${code}.errors.csv`) });
      payments += summary.inserted;
      rejected += summary.rejected;
    }
    return { payments, rejected, promises_kept: (await keptPromises(ctx.pool)) - keptBefore, paid_in_full: (await paidAccounts(ctx.pool)) - paidBefore };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

async function keptPromises(db: Queryable): Promise<number> {
  return (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM promises WHERE status = 'kept'`)).rows[0]!.n;
}

async function paidAccounts(db: Queryable): Promise<number> {
  return (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM accounts WHERE status = 'paid'`)).rows[0]!.n;
}
