import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR, type Actor, type AppContext } from '../src/app/context.ts';
import { setContract } from '../src/app/contracts/set-contract.ts';
import { importPayments } from '../src/app/import/import-payments.ts';
import { importPlacements } from '../src/app/import/import-placements.ts';
import { listAccounts } from '../src/app/accounts/list-accounts.ts';
import { accountCases } from '../src/app/cases/account-cases.ts';
import { accountHardship } from '../src/app/hardship/account-hardship.ts';
import { listPayments } from '../src/app/payments/list-payments.ts';
import { portalOverview } from '../src/app/portal/overview.ts';
import { getAccountPage } from '../src/app/workstation/account-page.ts';
import { takePromise } from '../src/app/workstation/take-promise.ts';
import { recordPayment } from '../src/app/payments/record-payment.ts';
import { reversePayment } from '../src/app/payments/reverse-payment.ts';
import { CONTRACT } from './support/money-fixtures.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext } from './support/fixtures.ts';
import { tempDir, writeCsv } from './support/import-fixtures.ts';

let db: TestDatabase;
let ctx: AppContext;
let dir: string;
let collector: { id: number };
let supervisor: Actor;
let accountId: number;
const ACCOUNT_NO = '6222000011112222';

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool); // business date 2026-03-02; the fixture placement is 2026-01-01
  dir = await tempDir();
  const bank = await newCreditor(db.pool, 'BANK1');
  const team = await newTeam(db.pool);
  collector = await newUser(db.pool, 'collector', { teamId: team.id });
  const sup = await newUser(db.pool, 'supervisor', { teamId: team.id });
  supervisor = { userId: sup.id, username: sup.username, role: 'supervisor', teamId: team.id, creditorId: null };
  // 122 days past due on the placement date: M5, the 15 % tier. Balance: fees 5.00, interest 10.00, principal 10,000.00.
  accountId = (await newAccount(db.pool, { creditorId: bank.id, debtorId: (await newDebtor(ctx)).id, collectorId: collector.id, teamId: team.id,
    firstDelinquencyDate: '2025-09-01', accountNo: ACCOUNT_NO })).id;
  await db.pool.query(`UPDATE assignments SET assigned_at = '2025-12-31 09:00+08' WHERE account_id = $1`, [accountId]); // dealt at placement
  await setContract(ctx, CLI_ACTOR, { creditor: 'BANK1', contract: CONTRACT, effectiveFrom: '2025-01-01' });
});

afterAll(async () => {
  await db?.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('payments recorded by staff', () => {
  it('are allocated fees, then interest, then principal; credited to the owner; commission at the placement tier', async () => {
    const p = await recordPayment(ctx, supervisor, { accountId, amountFen: 1200, paidOn: '2026-02-01' });
    expect(p).toMatchObject({ amount_fen: 1200, to_fees_fen: 500, to_interest_fen: 700, to_principal_fen: 0,
      collector_id: collector.id, credit_basis: 'owner', bucket_at_placement: 'M5', rate_bp: 1500, commission_fen: 180, source: 'staff' });
    // 123.45 at 15 % = 18.5175 -> 18.52
    const q = await recordPayment(ctx, supervisor, { accountId, amountFen: 12345, paidOn: '2026-02-10', txnId: 'RCPT-2' });
    expect(q).toMatchObject({ to_fees_fen: 0, to_interest_fen: 300, to_principal_fen: 12045, commission_fen: 1852, txn_id: 'RCPT-2' });
  });

  it('are refused when dated before the bank\'s figures, which count them already; nothing is stored', async () => {
    const count = async () => (await db.pool.query('SELECT count(*)::int AS n FROM payments WHERE account_id = $1', [accountId])).rows[0].n;
    const before = await count();
    await expect(recordPayment(ctx, supervisor, { accountId, amountFen: 1000, paidOn: '2025-12-20' })).rejects.toMatchObject({ field: 'paid_on',
      message: expect.stringMatching(/^The payment date 2025-12-20 is before 2026-01-01, the day of the bank's figures for this account, which already count what was paid until then/) });
    expect(await count()).toBe(before);
  });

  it('earn nothing before the placement, when the bank\'s file states one', async () => {
    const file = await writeCsv(path.join(dir, 'early.csv'), ['账号', '交易流水号', '还款金额', '还款日期'], [[ACCOUNT_NO, 'EARLY-1', '10.00', '2025-12-20']]);
    expect((await importPayments(ctx, CLI_ACTOR, { filePath: file, creditor: 'BANK1' })).summary).toMatchObject({ inserted: 1, rejected: 0 });
    const p = (await db.pool.query(`SELECT rate_bp, commission_fen, no_commission_reason FROM payments WHERE txn_id = 'EARLY-1'`)).rows[0];
    expect(p).toEqual({ rate_bp: 0, commission_fen: 0, no_commission_reason: 'before_placement' });
  });

  it('keep an open promise the money covers, and point at it', async () => {
    const { rows } = await db.pool.query(`INSERT INTO promises (creditor_id, account_id, amount_fen, due_date, taken_by, created_at)
      SELECT creditor_id, id, 5000, '2026-03-05', $2, '2026-02-20 10:00+08' FROM accounts WHERE id = $1 RETURNING id`, [accountId, collector.id]);
    await db.pool.query(`UPDATE accounts SET status = 'promised' WHERE id = $1`, [accountId]);
    const part = await recordPayment(ctx, supervisor, { accountId, amountFen: 3000, paidOn: '2026-02-25' });
    expect(part.promise_id).toBe(rows[0].id);
    expect((await db.pool.query('SELECT status FROM promises WHERE id = $1', [rows[0].id])).rows[0].status).toBe('open');
    await recordPayment(ctx, supervisor, { accountId, amountFen: 2000, paidOn: '2026-03-01' });
    const promise = await db.pool.query('SELECT status FROM promises WHERE id = $1', [rows[0].id]);
    expect(promise.rows[0].status).toBe('kept');
    expect((await db.pool.query('SELECT status FROM accounts WHERE id = $1', [accountId])).rows[0].status).toBe('active');
  });

  it('refuse bad input naming the field, and a collector may not record', async () => {
    // In plain words (the web form marks the field by `field`), not the API's field names.
    await expect(recordPayment(ctx, supervisor, { accountId, amountFen: -5 })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'amount_fen',
      message: expect.stringMatching(/^The amount must be more than 0\.00;/), messageZh: expect.stringMatching(/^还款金额须大于 0\.00；/) });
    await expect(recordPayment(ctx, supervisor, { accountId, amountFen: undefined })).rejects.toMatchObject({ field: 'amount_fen', message: 'Enter the amount paid' });
    await expect(recordPayment(ctx, supervisor, { accountId: undefined, amountFen: 5 })).rejects.toMatchObject({ field: 'account_id',
      message: 'Choose the account the payment is for' });
    await expect(recordPayment(ctx, supervisor, { accountId, amountFen: 5, txnId: 'RCPT 3' })).rejects.toMatchObject({ field: 'txn_id',
      message: expect.stringMatching(/^The bank transaction number must be 1 to 64 /) });
    await expect(recordPayment(ctx, supervisor, { accountId, amountFen: 5, paidOn: '2026-03-09' })).rejects.toMatchObject({ field: 'paid_on',
      message: 'The payment date 2026-03-09 is after today (2026-03-02): a payment is recorded once it is made',
      messageZh: '还款日期 2026-03-09 晚于今天（2026-03-02）：还款到账后再登记' });
    await expect(recordPayment(ctx, supervisor, { accountId, amountFen: 5, txnId: 'RCPT-2' })).rejects.toMatchObject({ code: 'CONFLICT', field: 'txn_id',
      message: expect.stringMatching(/^The bank transaction number RCPT-2 is already recorded for BANK1 银行 \(BANK1\):/),
      messageZh: expect.stringMatching(/^银行交易流水号 RCPT-2 已在委托方 BANK1 银行（BANK1）下登记过：/) });
    // A bank with an English name is named by it in English (as its screens name it), by its own name in Chinese.
    await db.pool.query(`UPDATE creditors SET name_en = 'Bank One' WHERE code = 'BANK1'`);
    try {
      await expect(recordPayment(ctx, supervisor, { accountId, amountFen: 5, txnId: 'RCPT-2' })).rejects.toMatchObject({ code: 'CONFLICT', field: 'txn_id',
        message: expect.stringMatching(/^The bank transaction number RCPT-2 is already recorded for Bank One \(BANK1\):/),
        messageZh: expect.stringMatching(/^银行交易流水号 RCPT-2 已在委托方 BANK1 银行（BANK1）下登记过：/) });
    } finally {
      await db.pool.query(`UPDATE creditors SET name_en = NULL WHERE code = 'BANK1'`);
    }
    await expect(recordPayment(ctx, { ...supervisor, role: 'collector', userId: collector.id }, { accountId, amountFen: 5 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});

describe('reversals', () => {
  it('are a new negative entry that undoes allocation, credit and commission; the original is untouched; once only', async () => {
    const before = await totals();
    const original = (await listPayments(ctx, CLI_ACTOR, accountId)).find((p) => p.txn_id === 'RCPT-2')!;
    const reversal = await reversePayment(ctx, supervisor, { paymentId: original.id, reason: 'bounced', on: '2026-03-02' });
    expect(reversal).toMatchObject({ amount_fen: -12345, to_fees_fen: 0, to_interest_fen: -300, to_principal_fen: -12045, commission_fen: -1852,
      collector_id: collector.id, rate_bp: 1500, reverses_id: original.id, reversal_reason: 'bounced', source: 'reversal', paid_on: '2026-03-02' });
    const after = await totals();
    expect(after).toEqual({ amount: before.amount - 12345, fees: before.fees, interest: before.interest - 300, principal: before.principal - 12045,
      commission: before.commission - 1852 });
    const again = (await listPayments(ctx, CLI_ACTOR, accountId)).find((p) => p.id === original.id)!;
    expect(again).toMatchObject({ amount_fen: 12345, commission_fen: 1852, reversed_by: reversal.id });
    await expect(reversePayment(ctx, supervisor, { paymentId: original.id, reason: 'bounced' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(reversePayment(ctx, supervisor, { paymentId: reversal.id, reason: 'bounced' })).rejects.toMatchObject({ field: 'payment_id' });
    await expect(reversePayment(ctx, supervisor, { paymentId: original.id, reason: 'lost' })).rejects.toMatchObject({ field: 'reason' });
  });
});

describe('payment files', () => {
  it('go through the same settlement: allocation, credit and commission; a negative row reverses the payment it matches', async () => {
    const file = await writeCsv(path.join(dir, 'pay.csv'), ['账号', '交易流水号', '还款金额', '还款日期'],
      [[ACCOUNT_NO, 'F001', '100.00', '2026-02-26'], [ACCOUNT_NO, 'F002', '-100.00', '2026-02-27'], [ACCOUNT_NO, 'F003', '-7.00', '2026-02-27']]);
    const { summary } = await importPayments(ctx, CLI_ACTOR, { filePath: file, creditor: 'BANK1' });
    expect(summary).toMatchObject({ inserted: 3, rejected: 0 });
    const rows = (await listPayments(ctx, CLI_ACTOR, accountId)).filter((p) => p.txn_id.startsWith('F'));
    const byTxn = Object.fromEntries(rows.map((r) => [r.txn_id, r]));
    // The reversal above gave back 3.00 of interest, so this pays it first.
    expect(byTxn.F001).toMatchObject({ source: 'file', to_interest_fen: 300, to_principal_fen: 9700, commission_fen: 1500, collector_id: collector.id });
    expect(byTxn.F002).toMatchObject({ reverses_id: byTxn.F001!.id, reversal_reason: 'file', to_interest_fen: -300, to_principal_fen: -9700, commission_fen: -1500 });
    // Matches nothing: taken back from principal (the last part of the order), commission rounded symmetrically (-1.05).
    expect(byTxn.F003).toMatchObject({ reverses_id: null, to_principal_fen: -700, commission_fen: -105 });
    const unsettled = await db.pool.query('SELECT count(*)::int AS n FROM payments WHERE settled_at IS NULL');
    expect(unsettled.rows[0].n).toBe(0);
  });
});

describe('a balance the bank restated', () => {
  it('is what payments dated from its statement pay off (those before it are in it already); the balance everyone sees is it less what was paid since', async () => {
    // Placed 2026-01-10: fees 50.00, interest 100.00, principal 1,000.00.
    expect(await place('placed.csv', ['6222000099990001', '王芳', '1000.00', '100.00', '50.00', '2025-10-01', '2026-01-10'])).toMatchObject({ inserted: 1 });
    const restated = (await db.pool.query(`SELECT id FROM accounts WHERE account_no = '6222000099990001'`)).rows[0].id as number;
    const before = await recordPayment(ctx, CLI_ACTOR, { accountId: restated, amountFen: 15_000, paidOn: '2026-01-20' });
    expect(before).toMatchObject({ to_fees_fen: 5_000, to_interest_fen: 10_000, to_principal_fen: 0 });
    // The bank's file of 2026-02-01 states the balance after that payment, with 20.00 of new interest.
    expect(await place('restated.csv', ['6222000099990001', '王芳', '1000.00', '20.00', '0.00', '2025-10-01', '2026-02-01'])).toMatchObject({ updated: 1 });
    // The 20.00 of interest is owed: a payment since pays it first (counting the one of 2026-01-20 again would send it all to principal).
    const after = await recordPayment(ctx, CLI_ACTOR, { accountId: restated, amountFen: 3_000, paidOn: '2026-02-15' });
    expect(after).toMatchObject({ to_fees_fen: 0, to_interest_fen: 2_000, to_principal_fen: 1_000 });
    const next = await recordPayment(ctx, CLI_ACTOR, { accountId: restated, amountFen: 500, paidOn: '2026-02-20' });
    expect(next).toMatchObject({ to_interest_fen: 0, to_principal_fen: 500 });

    // What the collector, the account list, a promise and the debtor's portal call the balance: the statement less the 35.00 paid since.
    const page = await getAccountPage(ctx, CLI_ACTOR, restated);
    expect(page.account).toMatchObject({ balance_stated_on: '2026-02-01', stated_balance_fen: 102_000, paid_since_statement_fen: 3_500, balance_fen: 98_500,
      principal_fen: 98_500, interest_fen: 0, fees_fen: 0 });
    // The list's parts are the page's: they add up to the balance beside them (they were the bank's, 1,020.00 in all).
    expect((await listAccounts(ctx, CLI_ACTOR, { q: '6222000099990001', limit: 5, offset: 0 })).items[0])
      .toMatchObject({ balance_fen: 98_500, principal_fen: 98_500, interest_fen: 0, fees_fen: 0, paid_since_statement_fen: 3_500 });
    await expect(takePromise(ctx, CLI_ACTOR, restated, { amountFen: 98_501, dueDate: '2026-03-05' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    const debtorId = (await db.pool.query(`SELECT debtor_id FROM accounts WHERE id = $1`, [restated])).rows[0].debtor_id as number;
    expect((await portalOverview(ctx, debtorId)).accounts.find((a) => a.id === restated)).toMatchObject({ paid_since_statement_fen: 3_500, balance_fen: 98_500 });
    expect((await takePromise(ctx, CLI_ACTOR, restated, { amountFen: 98_500, dueDate: '2026-03-05' })).promise_id).toBeGreaterThan(0);
    // What a settlement offer would waive and a hardship plan spread: each part less what those payments put on it.
    const now = { principal_fen: 98_500, interest_fen: 0, fees_fen: 0 };
    expect((await accountCases(ctx, CLI_ACTOR, restated)).balance).toEqual(now);
    expect((await accountHardship(ctx, CLI_ACTOR, restated)).account).toMatchObject(now);
  });
});

describe('paid in full (已结清)', () => {
  it('a payment that covers the balance now finishes the account: no more collection, an open promise cancelled, audited; a reversal reopens it', async () => {
    const bankId = (await db.pool.query(`SELECT id FROM creditors WHERE code = 'BANK1'`)).rows[0].id as number;
    const team = (await db.pool.query(`SELECT team_id FROM users WHERE id = $1`, [collector.id])).rows[0].team_id as number;
    // 1,015.00 owed: principal 1,000.00, interest 10.00, fees 5.00.
    const id = (await newAccount(db.pool, { creditorId: bankId, debtorId: (await newDebtor(ctx)).id, collectorId: collector.id, teamId: team,
      principalFen: 100_000, accountNo: '6222000077770001' })).id;
    const status = async () => (await db.pool.query(`SELECT status FROM accounts WHERE id = $1`, [id])).rows[0].status as string;
    await db.pool.query(`UPDATE accounts SET status = 'active' WHERE id = $1`, [id]);
    const partial = await recordPayment(ctx, supervisor, { accountId: id, amountFen: 1_500, paidOn: '2026-02-10' });
    expect(await status()).toBe('active');
    // A promise taken after the money the bank reports next was paid: the payment is not toward it.
    const promise = (await takePromise(ctx, CLI_ACTOR, id, { amountFen: 50_000, dueDate: '2026-03-10' })).promise_id;
    expect(await status()).toBe('promised');

    const file = await writeCsv(path.join(dir, 'payoff.csv'), ['账号', '交易流水号', '还款金额', '还款日期'], [['6222000077770001', 'PAYOFF-1', '1000.00', '2026-02-28']]);
    expect((await importPayments(ctx, CLI_ACTOR, { filePath: file, creditor: 'BANK1' })).summary).toMatchObject({ inserted: 1, rejected: 0 });
    expect(await status()).toBe('paid');
    expect((await db.pool.query(`SELECT status, cancel_reason FROM promises WHERE id = $1`, [promise])).rows[0]).toEqual({ status: 'cancelled', cancel_reason: 'paid_in_full' });
    const audit = await db.pool.query(`SELECT actor, detail FROM audit_log WHERE action = 'account.paid_in_full' AND entity_id = $1`, [String(id)]);
    expect(audit.rows).toEqual([{ actor: CLI_ACTOR.username, detail: { account_id: id, from_status: 'promised', to_status: 'paid', stated_balance_fen: 101_500,
      paid_since_statement_fen: 101_500 } }]);
    const told = await db.pool.query(`SELECT user_id, kind, message, message_zh, created_at FROM notifications WHERE account_id = $1 ORDER BY id`, [id]);
    expect(told.rows).toEqual([{ user_id: collector.id, kind: 'account_paid', created_at: ctx.now(),
      message: expect.stringMatching(/^Account \S+ is paid in full: CNY 1,015\.00 paid since the bank's figures of CNY 1,015\.00; collection has ended$/),
      message_zh: expect.stringMatching(/^账户 \S+ 已结清：银行对账金额 ¥1,015\.00，之后已还 ¥1,015\.00，催收结束$/) }]);
    // The collector's notices carry it; the page's hardship section lists hardship notices only.
    expect((await accountHardship(ctx, CLI_ACTOR, id)).notifications).toEqual([]);
    const page = await getAccountPage(ctx, CLI_ACTOR, id);
    expect(page.account).toMatchObject({ status: 'paid', balance_fen: 0 });
    await expect(takePromise(ctx, CLI_ACTOR, id, { amountFen: 100, dueDate: '2026-03-10' })).rejects.toMatchObject({ code: 'CONFLICT' });

    // The earlier payment bounces: 15.00 is owed again, and the account is back in collection.
    await reversePayment(ctx, supervisor, { paymentId: partial.id, reason: 'bounced', on: '2026-03-02' });
    expect(await status()).toBe('active');
    const reopened = await db.pool.query(`SELECT actor, detail FROM audit_log WHERE action = 'account.reopened' AND entity_id = $1`, [String(id)]);
    expect(reopened.rows).toEqual([{ actor: supervisor.username, detail: { account_id: id, from_status: 'paid', to_status: 'active', stated_balance_fen: 101_500,
      paid_since_statement_fen: 100_000 } }]);
    expect((await getAccountPage(ctx, CLI_ACTOR, id)).account).toMatchObject({ balance_fen: 1_500 });
    expect((await db.pool.query(`SELECT kind, message FROM notifications WHERE account_id = $1 AND kind = 'account_reopened'`, [id])).rows)
      .toEqual([{ kind: 'account_reopened', message: expect.stringMatching(/^Account \S+ is owing again \(CNY 15\.00\) after a payment was reversed; it is back in collection$/) }]);
  });

  it("a bank's file that restates the balance as nothing owed finishes the account too; one that states a balance leaves it in collection", async () => {
    expect(await place('zero-1.csv', ['6222000055550001', '李娜', '800.00', '0.00', '0.00', '2025-10-01', '2026-01-10'])).toMatchObject({ inserted: 1 });
    const id = (await db.pool.query(`SELECT id FROM accounts WHERE account_no = '6222000055550001'`)).rows[0].id as number;
    const status = async () => (await db.pool.query(`SELECT status FROM accounts WHERE id = $1`, [id])).rows[0].status as string;
    await recordPayment(ctx, CLI_ACTOR, { accountId: id, amountFen: 50_000, paidOn: '2026-02-01' });
    // The bank's file of 2026-02-15 still states 300.00 owed: in collection.
    expect(await place('zero-2.csv', ['6222000055550001', '李娜', '300.00', '0.00', '0.00', '2025-10-01', '2026-02-15'])).toMatchObject({ updated: 1 });
    expect(await status()).toBe('placed');
    // Its file of 2026-02-28: nothing owed (the debtor paid the bank directly).
    expect(await place('zero-3.csv', ['6222000055550001', '李娜', '0.00', '0.00', '0.00', '2025-10-01', '2026-02-28'])).toMatchObject({ updated: 1 });
    expect(await status()).toBe('paid');
    const audit = await db.pool.query(`SELECT actor, detail FROM audit_log WHERE action = 'account.paid_in_full' AND entity_id = $1`, [String(id)]);
    expect(audit.rows).toEqual([{ actor: CLI_ACTOR.username, detail: { account_id: id, from_status: 'placed', to_status: 'paid', stated_balance_fen: 0, paid_since_statement_fen: 0 } }]);
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM audit_log WHERE hash = ''`)).rows[0].n).toBe(0); // the audit chain kept
  });

  it("a bank's file paying more than was owed: taken as the bank states it, the account paid, and its page says how much is the debtor's to be refunded", async () => {
    expect(await place('over-1.csv', ['6222000066660001', '周强', '800.00', '0.00', '0.00', '2025-10-01', '2026-01-10'])).toMatchObject({ inserted: 1 });
    const id = (await db.pool.query(`SELECT id FROM accounts WHERE account_no = '6222000066660001'`)).rows[0].id as number;
    const file = await writeCsv(path.join(dir, 'over-pay.csv'), ['账号', '交易流水号', '还款金额', '还款日期'], [['6222000066660001', 'OVER-1', '1,000.00', '2026-02-20']]);
    expect((await importPayments(ctx, CLI_ACTOR, { filePath: file, creditor: 'BANK1' })).summary).toMatchObject({ inserted: 1, rejected: 0 });
    expect((await getAccountPage(ctx, CLI_ACTOR, id)).account).toMatchObject({ status: 'paid', balance_fen: 0, overpaid_fen: 20_000 });
  });

  it('a payment short of the balance leaves the account in collection; staff record no more than is owed; the last fen pays it off', async () => {
    const restated = (await db.pool.query(`SELECT id, status FROM accounts WHERE account_no = '6222000099990001'`)).rows[0];
    expect(restated.status).toBe('placed'); // 985.00 still owed after the payments of the test above
    await recordPayment(ctx, CLI_ACTOR, { accountId: restated.id, amountFen: 98_499, paidOn: '2026-03-01' });
    expect((await db.pool.query(`SELECT status FROM accounts WHERE id = $1`, [restated.id])).rows[0].status).toBe('placed'); // 0.01 owed
    // More than is owed (an extra zero, or money to give back) is refused, saying how much is owed: nothing recorded, no commission on it.
    const before = (await db.pool.query(`SELECT count(*)::int AS n FROM payments WHERE account_id = $1`, [restated.id])).rows[0].n;
    await expect(recordPayment(ctx, CLI_ACTOR, { accountId: restated.id, amountFen: 5_000, paidOn: '2026-03-02' }))
      .rejects.toMatchObject({ field: 'amount_fen', message: expect.stringContaining('is more than the CNY 0.01 owed on this account now') });
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM payments WHERE account_id = $1`, [restated.id])).rows[0].n).toBe(before);
    await recordPayment(ctx, CLI_ACTOR, { accountId: restated.id, amountFen: 1, paidOn: '2026-03-02' });
    expect((await db.pool.query(`SELECT status FROM accounts WHERE id = $1`, [restated.id])).rows[0].status).toBe('paid');
    await expect(recordPayment(ctx, CLI_ACTOR, { accountId: restated.id, amountFen: 100, paidOn: '2026-03-02' })).rejects.toMatchObject({ field: 'amount_fen' });
  });
});

/** BANK1's balance (placement) file of one row, by name: its summary. */
async function place(name: string, row: string[]) {
  const header = ['账号', '姓名', '本金', '利息', '滞纳金', '逾期日期', '委案日期'];
  return (await importPlacements(ctx, CLI_ACTOR, {
    filePath: await writeCsv(path.join(dir, name), header, [row]), creditor: 'BANK1', errorsPath: path.join(dir, `${name}.errors.csv`) })).summary;
}

async function totals(): Promise<{ amount: number; fees: number; interest: number; principal: number; commission: number }> {
  const { rows } = await db.pool.query(`SELECT sum(amount_fen)::int AS amount, sum(to_fees_fen)::int AS fees, sum(to_interest_fen)::int AS interest,
    sum(to_principal_fen)::int AS principal, sum(commission_fen)::int AS commission FROM payments WHERE account_id = $1`, [accountId]);
  return rows[0];
}
