import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountCases } from '../src/app/cases/account-cases.ts';
import { addCollectorStatement } from '../src/app/cases/add-collector-statement.ts';
import { casesInbox, complaintScorecard } from '../src/app/cases/cases-inbox.ts';
import { closeComplaint } from '../src/app/cases/close-complaint.ts';
import { decideSettlement } from '../src/app/cases/decide-settlement.ts';
import { forwardComplaint } from '../src/app/cases/forward-complaint.ts';
import { evaluateSettlements } from '../src/app/cases/evaluate-settlements.ts';
import { offerSettlement } from '../src/app/cases/offer-settlement.ts';
import { recordPayment } from '../src/app/payments/record-payment.ts';
import { listAccounts } from '../src/app/accounts/list-accounts.ts';
import { getAccountPage } from '../src/app/workstation/account-page.ts';
import { reversePayment } from '../src/app/payments/reverse-payment.ts';
import { openComplaint } from '../src/app/cases/open-complaint.ts';
import { openDispute } from '../src/app/cases/open-dispute.ts';
import { resolveDispute } from '../src/app/cases/resolve-dispute.ts';
import { checkContact } from '../src/app/compliance/check-contact.ts';
import { logContact } from '../src/app/compliance/log-contact.ts';
import { CLI_ACTOR, type Actor, type AppContext } from '../src/app/context.ts';
import { upheldComplaintsByCreditor } from '../src/db/cases-repository.ts';
import { settlementState } from '../src/domain/cases/index.ts';
import { addDays, type LocalDate } from '../src/domain/calendar.ts';
import { AppError } from '../src/domain/errors.ts';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';

/** Settlements, disputes and complaints on a real database: each flow, its scope and its audit trail. */
let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
let bankA: { id: number; code: string };
let bankB: { id: number; code: string };
let teamA: { id: number };
type U = Awaited<ReturnType<typeof newUser>>;
const users = {} as Record<'supA' | 'supB' | 'colA' | 'colB' | 'credA' | 'credB' | 'admin', U>;
const actor = (u: U): Actor => ({ userId: u.id, username: u.username, role: u.role, teamId: u.teamId, creditorId: u.creditorId });

/** A fresh account of bank A worked by colA (team A): principal 1,000,000, interest 1,000, fees 500 fen. */
async function account(creditorId = bankA.id): Promise<{ id: number; debtorId: number; pointId: number }> {
  const debtor = await newDebtor(ctx);
  const { id } = await newAccount(db.pool, { creditorId, debtorId: debtor.id, collectorId: users.colA.id, teamId: teamA.id });
  const point = await db.pool.query('SELECT id FROM contact_points WHERE debtor_id = $1', [debtor.id]);
  return { id, debtorId: debtor.id, pointId: point.rows[0].id };
}
async function code(promise: Promise<unknown>): Promise<string> {
  try { await promise; return 'OK'; } catch (e) { if (e instanceof AppError) return e.code; throw e; }
}
const call = (a: { id: number; pointId: number }) => ({ channel: 'call' as const, party: 'debtor' as const, purpose: 'collect' as const, contactPointId: a.pointId });
async function pay(a: { id: number }, amountFen: number, paidOn: string, creditorId = bankA.id) {
  await db.pool.query(`INSERT INTO payments (creditor_id, account_id, txn_id, amount_fen, paid_on) VALUES ($1, $2, $3, $4, $5)`,
    [creditorId, a.id, `T${Math.random()}`, amountFen, paidOn]);
}
const status = async (a: { id: number }) => (await db.pool.query('SELECT status FROM accounts WHERE id = $1', [a.id])).rows[0].status;
const audited = async (action: string, entityId: number) =>
  (await db.pool.query('SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND entity_id = $2', [action, String(entityId)])).rows[0].n;

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool); // Monday 2026-03-02 10:00 in Shanghai
  app = await buildServer(ctx);
  bankA = await newCreditor(db.pool, 'CASEA');
  bankB = await newCreditor(db.pool, 'CASEB');
  teamA = await newTeam(db.pool);
  const teamB = await newTeam(db.pool);
  users.supA = await newUser(db.pool, 'supervisor', { teamId: teamA.id });
  users.supB = await newUser(db.pool, 'supervisor', { teamId: teamB.id });
  users.colA = await newUser(db.pool, 'collector', { teamId: teamA.id });
  users.colB = await newUser(db.pool, 'collector', { teamId: teamB.id });
  users.credA = await newUser(db.pool, 'creditor_user', { creditorId: bankA.id });
  users.credB = await newUser(db.pool, 'creditor_user', { creditorId: bankB.id });
  users.admin = await newUser(db.pool, 'admin');
});
afterAll(async () => { await app?.close(); await db?.drop(); });

describe('settlements and waivers', () => {
  it('within the collector limit (10% of interest): approved at once, then settled when paid by the date', async () => {
    const a = await account();
    const offer = await offerSettlement(ctx, actor(users.colA), a.id, { principalFen: 0, interestFen: 100, feesFen: 0, payment: 'lump_sum', dueDate: '2026-03-20' });
    expect(offer).toMatchObject({ status: 'approved', approver: 'requester', settle_fen: 1_000_000 + 1_000 + 500 - 100 });
    await pay(a, 600_000, '2026-03-05');
    expect((await evaluateSettlements(ctx, CLI_ACTOR, { date: '2026-03-06' })).settled).toBe(0);
    await pay(a, offer.settle_fen - 600_000, '2026-03-20');
    const run = await evaluateSettlements(ctx, CLI_ACTOR, { date: '2026-03-21' });
    expect(run.outcomes).toContainEqual(expect.objectContaining({ waiver_id: offer.id, status: 'settled', paid_fen: offer.settle_fen }));
    expect(await status(a)).toBe('settled');
    expect(await audited('settlement.offer', offer.id)).toBe(1);
    expect(await audited('settlement.settled', offer.id)).toBe(1);
    // Run again: nothing more happens.
    expect((await evaluateSettlements(ctx, CLI_ACTOR, { date: '2026-03-22' })).outcomes).toEqual([]);
  });

  it('a payment that meets an agreed settlement settles it at once: the offer and the account, audited, the offer\'s author told', async () => {
    const a = await account();
    await db.pool.query(`UPDATE accounts SET status = 'active' WHERE id = $1`, [a.id]);
    const offer = await offerSettlement(ctx, actor(users.colA), a.id, { principalFen: 0, interestFen: 100, feesFen: 0, payment: 'lump_sum', dueDate: '2026-03-20' });
    await recordPayment(ctx, CLI_ACTOR, { accountId: a.id, amountFen: 600_000, paidOn: '2026-03-02' });
    expect(await status(a)).toBe('active'); // short of the agreed sum
    await recordPayment(ctx, CLI_ACTOR, { accountId: a.id, amountFen: offer.settle_fen - 600_000, paidOn: '2026-03-02' });
    expect(await status(a)).toBe('settled');
    expect((await db.pool.query('SELECT status, resolved_on FROM waivers WHERE id = $1', [offer.id])).rows[0]).toEqual({ status: 'settled', resolved_on: '2026-03-02' });
    expect(await audited('settlement.settled', offer.id)).toBe(1);
    const told = await db.pool.query(`SELECT user_id, kind, message, message_zh FROM notifications WHERE waiver_id = $1 AND kind = 'settlement_settled'`, [offer.id]);
    const sum = (offer.settle_fen / 100).toLocaleString('en', { minimumFractionDigits: 2 });
    // Amounts as each language marks the contract's currency: ¥ in Chinese, CNY in English.
    expect(told.rows).toEqual([{ user_id: users.colA.id, kind: 'settlement_settled',
      message: expect.stringContaining(`paid as agreed (CNY ${sum} of CNY ${sum})`), message_zh: expect.stringContaining(`已按约还清（¥${sum} / ¥${sum}）`) }]);
    // Not paid in full on top (the waived 1.00 is not owed), and the nightly run has nothing left to do with it.
    expect(await audited('account.paid_in_full', a.id)).toBe(0);
    // Nothing is owed any more: the account page and the accounts list say so, and what was waived.
    const page = await getAccountPage(ctx, actor(users.colA), a.id);
    expect(page.account).toMatchObject({ status: 'settled', balance_fen: 0, waived_fen: 100 });
    const listed = await listAccounts(ctx, actor(users.colA), { limit: 500, offset: 0 });
    expect(listed.items.find((i) => i.id === a.id)).toMatchObject({ status: 'settled', balance_fen: 0 });
    expect((await evaluateSettlements(ctx, CLI_ACTOR, { date: '2026-03-03' })).outcomes.filter((o) => o.waiver_id === offer.id)).toEqual([]);
  });

  it('a bounced payment that leaves a settlement unmet puts it back: the offer stands again until its date, the account is collected again, its author told', async () => {
    const a = await account();
    await db.pool.query(`UPDATE accounts SET status = 'active' WHERE id = $1`, [a.id]);
    const offer = await offerSettlement(ctx, actor(users.colA), a.id, { principalFen: 0, interestFen: 100, feesFen: 0, payment: 'lump_sum', dueDate: '2026-03-20' });
    const first = await recordPayment(ctx, CLI_ACTOR, { accountId: a.id, amountFen: 600_000, paidOn: '2026-03-02' });
    await recordPayment(ctx, CLI_ACTOR, { accountId: a.id, amountFen: offer.settle_fen - 600_000, paidOn: '2026-03-02' });
    expect(await status(a)).toBe('settled');
    expect((await checkContact(ctx, actor(users.colA), a.id, call(a))).allowed).toBe(false);
    await reversePayment(ctx, CLI_ACTOR, { paymentId: first.id, reason: 'bounced' });
    expect(await status(a)).toBe('active');
    // Owed again: the bounced 6,000.00 and the 1.00 no longer waived.
    expect((await getAccountPage(ctx, actor(users.colA), a.id)).account).toMatchObject({ balance_fen: 600_000 + 100, waived_fen: null });
    expect((await db.pool.query('SELECT status, resolved_on FROM waivers WHERE id = $1', [offer.id])).rows[0]).toEqual({ status: 'approved', resolved_on: null });
    expect(await audited('settlement.reopened', offer.id)).toBe(1);
    const told = await db.pool.query(`SELECT message, message_zh FROM notifications WHERE waiver_id = $1 AND kind = 'settlement_reopened'`, [offer.id]);
    expect(told.rows[0].message).toMatch(/no longer met \(CNY [\d,]+\.\d\d of CNY [\d,]+\.\d\d paid\); it stands until 2026-03-20; the account is back in collection/);
    expect(told.rows[0].message_zh).toMatch(/已不再满足（已还 ¥[\d,]+\.\d\d \/ ¥[\d,]+\.\d\d）/);
    expect((await checkContact(ctx, actor(users.colA), a.id, call(a))).allowed).toBe(true);
    // Paid again as agreed: settled again.
    await recordPayment(ctx, CLI_ACTOR, { accountId: a.id, amountFen: 600_000, paidOn: '2026-03-02' });
    expect(await status(a)).toBe('settled');
  });

  it("is paid within the bank's mandate: a payment or last instalment after the placement's last day is refused, saying what to do", async () => {
    const a = await account();   // its placement ends 2026-06-30
    const offer = (dueDate: string, instalments?: number) => offerSettlement(ctx, actor(users.colA), a.id,
      { principalFen: 0, interestFen: 100, feesFen: 0, payment: instalments ? 'instalments' : 'lump_sum', dueDate, ...(instalments ? { instalments } : {}) });
    await expect(offer('2031-03-31')).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'due_date',
      message: "The settlement's payment (2031-03-31) is after the last day of the account's placement (2026-06-30), when the bank's mandate ends: agree an earlier date, or ask the bank to extend the placement first",
      messageZh: '减免方案的还款日期（2031-03-31）晚于本案的委案到期日（2026-06-30），届时委托结束：请约定更早的日期，或先请银行延期' });
    await expect(offer('2026-04-15', 4)).rejects.toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining("last instalment (2026-07-15) is after the last day of the account's placement (2026-06-30)") });
    await expect(offer('2026-01-31')).rejects.toMatchObject({ code: 'INVALID_INPUT', message: 'The payment date 2026-01-31 is before today (2026-03-02)' });
    // Kept by the bank past its term (留案): the mandate runs to that day.
    await db.pool.query(`UPDATE accounts SET retained_until = '2026-07-31' WHERE id = $1`, [a.id]);
    expect((await offer('2026-04-15', 4)).status).toBe('approved');
  });

  it('an offer waiting for the supervisor is not agreed once collection is held (a dispute raised meanwhile); it may still be turned down', async () => {
    const a = await account();
    const offer = await offerSettlement(ctx, actor(users.colA), a.id, { principalFen: 0, interestFen: 101, feesFen: 0, payment: 'lump_sum', dueDate: '2026-03-20' });
    expect(offer.status).toBe('requested');
    await db.pool.query(`INSERT INTO holds (debtor_id, kind, reason, starts_on) VALUES ($1, 'dispute', '称不是本人的欠款', '2026-03-02')`, [a.debtorId]);
    await expect(decideSettlement(ctx, actor(users.supA), offer.id, { decision: 'approve', reason: '同意' })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await decideSettlement(ctx, actor(users.supA), offer.id, { decision: 'reject', reason: '债务有异议，暂不减免' })).toEqual({ status: 'rejected' });
  });

  it('one fen above the collector limit goes to the team supervisor; another team\'s supervisor sees 404, the collector 403', async () => {
    const a = await account();
    const offer = await offerSettlement(ctx, actor(users.colA), a.id, { principalFen: 0, interestFen: 101, feesFen: 0, payment: 'lump_sum', dueDate: '2026-03-20' });
    expect(offer).toMatchObject({ status: 'requested', approver: 'supervisor' });
    expect((await casesInbox(ctx, actor(users.supA))).waivers.map((w) => w.id)).toContain(offer.id);
    expect((await casesInbox(ctx, actor(users.supB))).waivers.map((w) => w.id)).not.toContain(offer.id);
    expect((await casesInbox(ctx, actor(users.credA))).waivers.map((w) => w.id)).not.toContain(offer.id);
    // Nor does the bank decide it: a supervisor-level offer is the agency's own.
    await expect(decideSettlement(ctx, actor(users.credA), offer.id, { decision: 'approve', reason: 'looks fine' }))
      .rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringContaining("within the agency's authority") });
    expect(await code(decideSettlement(ctx, actor(users.supB), offer.id, { decision: 'approve', reason: 'looks fine' }))).toBe('NOT_FOUND');
    expect(await code(decideSettlement(ctx, actor(users.colA), offer.id, { decision: 'approve', reason: 'looks fine' }))).toBe('FORBIDDEN');
    expect(await code(decideSettlement(ctx, actor(users.supA), offer.id, { decision: 'approve', reason: '' }))).toBe('INVALID_INPUT');
    expect(await decideSettlement(ctx, actor(users.supA), offer.id, { decision: 'approve', reason: '债务人失业，同意减免' })).toEqual({ status: 'approved' });
    expect(await code(decideSettlement(ctx, actor(users.supA), offer.id, { decision: 'reject', reason: 'changed my mind' }))).toBe('CONFLICT');
    expect(await audited('settlement.approve', offer.id)).toBe(1);
  });

  it("an offer waiting for a supervisor follows the account to its new team", async () => {
    const a = await account();
    const offer = await offerSettlement(ctx, actor(users.colA), a.id, { principalFen: 0, interestFen: 500, feesFen: 0, payment: 'lump_sum', dueDate: '2026-03-20' });
    await db.pool.query('UPDATE assignments SET ended_at = now() WHERE account_id = $1 AND ended_at IS NULL', [a.id]);
    await db.pool.query(`INSERT INTO assignments (creditor_id, account_id, collector_id, team_id, reason) VALUES ($1, $2, $3, $4, '调案')`,
      [bankA.id, a.id, users.colB.id, users.colB.teamId]);
    expect((await casesInbox(ctx, actor(users.supA))).waivers.map((w) => w.id)).not.toContain(offer.id);
    expect((await casesInbox(ctx, actor(users.supB))).waivers.map((w) => w.id)).toContain(offer.id);
    expect(await code(decideSettlement(ctx, actor(users.supA), offer.id, { decision: 'approve', reason: 'ok' }))).toBe('NOT_FOUND');
    expect(await decideSettlement(ctx, actor(users.supB), offer.id, { decision: 'approve', reason: '新组主管同意' })).toEqual({ status: 'approved' });
  });

  it('anything on principal needs the creditor: the supervisor gets 403, another creditor 404, the creditor decides', async () => {
    const a = await account();
    const offer = await offerSettlement(ctx, actor(users.supA), a.id, { principalFen: 1, interestFen: 0, feesFen: 500, payment: 'lump_sum', dueDate: '2026-03-31' });
    expect(offer).toMatchObject({ status: 'requested', approver: 'creditor' });
    expect((await casesInbox(ctx, actor(users.credA))).waivers.map((w) => w.id)).toContain(offer.id);
    // The bank is told it waits for its approval (a notice its users share).
    const told = (await db.pool.query(`SELECT audience, kind, message_zh FROM notifications WHERE waiver_id = $1`, [offer.id])).rows;
    expect(told).toEqual([{ audience: 'creditor', kind: 'settlement_to_decide', message_zh: expect.stringContaining(`减免方案 ${offer.id} 待您审批`) }]);
    expect((await casesInbox(ctx, actor(users.supA))).waivers.map((w) => w.id)).not.toContain(offer.id);
    expect(await code(decideSettlement(ctx, actor(users.supA), offer.id, { decision: 'approve', reason: 'ok' }))).toBe('FORBIDDEN');
    expect(await code(decideSettlement(ctx, actor(users.admin), offer.id, { decision: 'approve', reason: 'ok' }))).toBe('FORBIDDEN');
    expect(await code(decideSettlement(ctx, actor(users.credB), offer.id, { decision: 'approve', reason: 'ok' }))).toBe('NOT_FOUND');
    expect(await decideSettlement(ctx, actor(users.credA), offer.id, { decision: 'reject', reason: '本金不予减免' })).toEqual({ status: 'rejected' });
    // A rejected offer is not live: a new one may be made.
    expect((await offerSettlement(ctx, actor(users.supA), a.id, { principalFen: 0, interestFen: 0, feesFen: 500, payment: 'lump_sum', dueDate: '2026-03-31' })).status).toBe('approved');
  });

  it("follows the contract's waiver_limits, and a second live offer on one account is a conflict", async () => {
    const bankC = await newCreditor(db.pool, 'CASEC');
    await db.pool.query(`INSERT INTO contracts (creditor_id, version, name, pack, effective_from, terms) VALUES ($1, 1, 'C', 'CN', '2026-01-01', $2)`,
      [bankC.id, JSON.stringify({ waiver_limits: { collector: { fees_bp: 10000 } } })]);
    const a = await account(bankC.id);
    expect((await offerSettlement(ctx, actor(users.colA), a.id, { principalFen: 0, interestFen: 0, feesFen: 500, payment: 'lump_sum', dueDate: '2026-03-31' })).status).toBe('approved');
    expect(await code(offerSettlement(ctx, actor(users.colA), a.id, { principalFen: 0, interestFen: 0, feesFen: 1, payment: 'lump_sum', dueDate: '2026-03-31' }))).toBe('CONFLICT');
    const b = await account(bankC.id);
    // Interest is absent from this contract's limits (collector and supervisor alike): 0, so only the creditor may waive it.
    expect((await offerSettlement(ctx, actor(users.colA), b.id, { principalFen: 0, interestFen: 1, feesFen: 0, payment: 'lump_sum', dueDate: '2026-03-31' })).approver).toBe('creditor');
  });

  it('lapses when the date passes short of the amount; instalments settle when every one is paid on time', async () => {
    const a = await account();
    const lump = await offerSettlement(ctx, actor(users.colA), a.id, { principalFen: 0, interestFen: 100, feesFen: 0, payment: 'lump_sum', dueDate: '2026-03-05' });
    await pay(a, lump.settle_fen - 1, '2026-03-05');
    const b = await account();
    const plan = await offerSettlement(ctx, actor(users.colA), b.id, { principalFen: 0, interestFen: 100, feesFen: 0, payment: 'instalments', dueDate: '2026-03-10', instalments: 2 });
    const [first] = (await accountCases(ctx, actor(users.colA), b.id)).waivers[0]!.schedule;
    expect(first).toEqual({ n: 1, due_date: '2026-03-10', amount_fen: Math.floor(plan.settle_fen / 2) });
    await pay(b, first!.amount_fen, '2026-03-09');
    const run = await evaluateSettlements(ctx, CLI_ACTOR, { date: '2026-03-06' });
    expect(run.outcomes).toContainEqual(expect.objectContaining({ waiver_id: lump.id, status: 'lapsed' }));
    expect(await status(a)).toBe('active');
    expect((await evaluateSettlements(ctx, CLI_ACTOR, { date: '2026-03-20' })).outcomes.map((o) => o.waiver_id)).not.toContain(plan.id);
    await pay(b, plan.settle_fen - first!.amount_fen, '2026-04-10');
    expect((await evaluateSettlements(ctx, CLI_ACTOR, { date: '2026-04-11' })).outcomes).toContainEqual(expect.objectContaining({ waiver_id: plan.id, status: 'settled' }));
    expect(await status(b)).toBe('settled');
  });

  it('names the field on bad input, and hides other teams\' accounts', async () => {
    const a = await account();
    await expect(offerSettlement(ctx, actor(users.colA), a.id, { principalFen: 0, interestFen: 1_001, feesFen: 0, payment: 'lump_sum', dueDate: '2026-03-31' }))
      .rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'interest_fen' });
    await expect(offerSettlement(ctx, actor(users.colA), a.id, { principalFen: 0, interestFen: 1, feesFen: 0, payment: 'lump_sum', dueDate: '2026-03-01' }))
      .rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'due_date' });
    await expect(offerSettlement(ctx, actor(users.colA), a.id, { principalFen: 0, interestFen: 1, feesFen: 0, payment: 'lump_sum', dueDate: '2026-02-30' }))
      .rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'due_date' });
    expect(await code(offerSettlement(ctx, actor(users.colB), a.id, { principalFen: 0, interestFen: 1, feesFen: 0, payment: 'lump_sum', dueDate: '2026-03-31' }))).toBe('NOT_FOUND');
  });
});

describe('disputes', () => {
  it('stop contact at once; the creditor verifies and contact is allowed again', async () => {
    const a = await account();
    expect((await checkContact(ctx, actor(users.colA), a.id, call(a))).allowed).toBe(true);
    const dispute = await openDispute(ctx, { kind: 'staff', actor: actor(users.colA) }, a.id, { reason: 'already_paid', description: '债务人称上月已还清' });
    const refused = await checkContact(ctx, actor(users.colA), a.id, call(a));
    expect(refused.allowed).toBe(false);
    expect(refused.reasons.map((r) => r.rule).join(' ')).toMatch(/hold/);
    expect(await code(logContact(ctx, actor(users.colA), a.id, { ...call(a), outcome: 'no_answer' }))).toBe('CONTACT_NOT_ALLOWED');
    expect(await code(openDispute(ctx, { kind: 'staff', actor: actor(users.colA) }, a.id, { reason: 'not_mine', description: 'again' }))).toBe('CONFLICT');

    expect((await casesInbox(ctx, actor(users.credA))).disputes.map((d) => d.id)).toContain(dispute.id);
    expect((await casesInbox(ctx, actor(users.credB))).disputes.map((d) => d.id)).not.toContain(dispute.id);
    expect(await code(resolveDispute(ctx, actor(users.credB), dispute.id, { outcome: 'verified', note: 'ok' }))).toBe('NOT_FOUND');
    expect(await code(resolveDispute(ctx, actor(users.supA), dispute.id, { outcome: 'verified', note: 'ok' }))).toBe('FORBIDDEN');
    expect(await resolveDispute(ctx, actor(users.credA), dispute.id, { outcome: 'verified', note: '银行流水显示未还款，债务属实' }))
      .toEqual({ status: 'verified', account_status: null, verification_to_mail: false });
    expect((await checkContact(ctx, actor(users.colA), a.id, call(a))).allowed).toBe(true);
    expect(await audited('dispute.open', dispute.id)).toBe(1);
    expect(await audited('dispute.verified', dispute.id)).toBe(1);
    expect(await audited('hold.release', dispute.hold_id)).toBe(1);
    // The collector is told the debt was found owed (not that the debtor's dispute was upheld).
    const told = await db.pool.query(`SELECT message_zh FROM notifications WHERE kind = 'dispute_verified' AND case_id = $1`, [dispute.id]);
    expect(told.rows.map((r) => r.message_zh)).toEqual([expect.stringContaining(`的异议 ${dispute.id}：委托方已核实债务属实，可以恢复催收：银行流水显示未还款，债务属实`)]);
  });

  it('returned to the creditor: the account is recalled and the hold stays', async () => {
    const a = await account();
    const dispute = await openDispute(ctx, { kind: 'staff', actor: actor(users.supA) }, a.id, { reason: 'not_mine', description: '非本人办卡' });
    expect(await resolveDispute(ctx, actor(users.credA), dispute.id, { outcome: 'returned', note: '疑似冒名办卡，收回' }))
      .toEqual({ status: 'returned', account_status: 'recalled', verification_to_mail: false });
    expect(await status(a)).toBe('recalled');
    // The recall list tells the bank why it went back.
    const { rows: [recalled] } = await db.pool.query(`SELECT recalled_on::text, recall_reason FROM accounts WHERE id = $1`, [a.id]);
    expect(recalled).toEqual({ recalled_on: '2026-03-02', recall_reason: 'dispute' });
    expect((await checkContact(ctx, actor(users.colA), a.id, call(a))).allowed).toBe(false);
  });

  it('the portal opens one on the debtor\'s own account only', async () => {
    const a = await account();
    const other = await account();
    expect(await code(openDispute(ctx, { kind: 'debtor', debtorId: other.debtorId, channel: 'portal' }, a.id, { reason: 'wrong_amount', description: '金额不对' }))).toBe('NOT_FOUND');
    const dispute = await openDispute(ctx, { kind: 'debtor', debtorId: a.debtorId, channel: 'portal' }, a.id, { reason: 'wrong_amount', description: '金额不对' });
    const [row] = (await accountCases(ctx, actor(users.colA), a.id)).disputes;
    expect(row).toMatchObject({ id: dispute.id, origin: 'portal', channel: 'portal', opened_by_name: null });
    const audit = await db.pool.query(`SELECT actor FROM audit_log WHERE action = 'dispute.open' AND entity_id = $1`, [String(dispute.id)]);
    expect(audit.rows[0].actor).toBe(`debtor:${a.debtorId}`);
  });
});

describe('complaints', () => {
  it('hold contact while open, reach the team supervisor with a deadline, and release on closing', async () => {
    const a = await account();
    const attempt = await logContact(ctx, actor(users.colA), a.id, { ...call(a), outcome: 'no_answer', recordingRef: 'REC-2026-0302-001' });
    const complaint = await openComplaint(ctx, { kind: 'staff', actor: actor(users.supA) }, a.id,
      { channel: 'phone', description: '催收员语气恶劣', attemptIds: [attempt.attempt_id] });
    expect(complaint).toMatchObject({ due_on: '2026-03-09', collector_id: users.colA.id });
    expect((await checkContact(ctx, actor(users.colA), a.id, call(a))).allowed).toBe(false);

    const inbox = await casesInbox(ctx, actor(users.supA));
    expect(inbox.complaints.find((c) => c.id === complaint.id)).toMatchObject({ recording_ref: 'REC-2026-0302-001', attempt_ids: [attempt.attempt_id], due_on: '2026-03-09' });
    expect((await casesInbox(ctx, actor(users.supB))).complaints.map((c) => c.id)).not.toContain(complaint.id);

    expect(await code(addCollectorStatement(ctx, actor(users.colB), complaint.id, 'not me'))).toBe('NOT_FOUND');
    await addCollectorStatement(ctx, actor(users.colA), complaint.id, '债务人先辱骂，我保持了礼貌');
    expect(await code(closeComplaint(ctx, actor(users.supB), complaint.id, { finding: 'upheld', action: 'coaching', note: 'x!' }))).toBe('NOT_FOUND');
    expect(await code(closeComplaint(ctx, actor(users.colA), complaint.id, { finding: 'not_upheld', action: 'none', note: 'x!' }))).toBe('FORBIDDEN');
    await expect(closeComplaint(ctx, actor(users.supA), complaint.id, { finding: 'not_upheld', action: 'discipline', note: '录音复核' }))
      .rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'action' });
    const closed = await closeComplaint(ctx, actor(users.supA), complaint.id, { finding: 'upheld', action: 'coaching', note: '录音显示语气不当，安排辅导' });
    expect(closed.released_holds).toEqual([complaint.hold_id]);
    expect((await checkContact(ctx, actor(users.colA), a.id, call(a))).allowed).toBe(true);

    const [row] = (await accountCases(ctx, actor(users.colA), a.id)).complaints;
    expect(row).toMatchObject({ status: 'closed', finding: 'upheld', action: 'coaching', collector_statement: '债务人先辱骂，我保持了礼貌' });
    for (const action of ['complaint.open', 'complaint.statement', 'complaint.close']) expect(await audited(action, complaint.id)).toBe(1);

    const report = await upheldComplaintsByCreditor(db.pool, bankA.id, { from: '2026-03-02', to: '2026-03-02' });
    expect(report.map((r) => r.id)).toContain(complaint.id);
    expect(await upheldComplaintsByCreditor(db.pool, bankB.id)).toEqual([]);
    const scorecard = await complaintScorecard(ctx, actor(users.supA));
    expect(scorecard.find((s) => s.collector_id === users.colA.id)?.upheld).toBe(1);
    expect((await complaintScorecard(ctx, actor(users.supB))).map((s) => s.collector_id)).not.toContain(users.colA.id);
  });

  it("a bank forwards a complaint by account number (转办投诉): held at once, investigated by the team, followed by the bank", async () => {
    const debtor = await newDebtor(ctx);
    const { id } = await newAccount(db.pool, { creditorId: bankA.id, debtorId: debtor.id, collectorId: users.colA.id, teamId: teamA.id, accountNo: '6222021234567890' });
    const pointId = (await db.pool.query('SELECT id FROM contact_points WHERE debtor_id = $1', [debtor.id])).rows[0].id;
    const forward = (u: U, accountNo: string) => forwardComplaint(ctx, actor(u), { accountNo, channel: 'regulator', description: '12378转办：催收员夜间来电' });

    expect(await code(forward(users.colA, '6222021234567890'))).toBe('FORBIDDEN');
    expect(await code(forward(users.supA, '6222021234567890'))).toBe('FORBIDDEN');
    // Another bank's account looks absent; the message names the field and masks the number.
    await expect(forward(users.credB, '6222021234567890')).rejects.toMatchObject({ code: 'NOT_FOUND', field: 'account_no', message: expect.stringContaining('********7890') });
    // The number as our lists show it, copied from there: the bank is told the full one is needed and where to find it, not that it placed no such account.
    const masked = await forward(users.credA, '********7890').catch((e: unknown) => e);
    expect(masked).toMatchObject({ code: 'INVALID_INPUT', field: 'account_no',
      message: expect.stringMatching(/^\*{8}7890 is the account number with digits hidden.*enter the full account number.*Account status file \(Reports, Files for the bank\)/),
      messageZh: expect.stringMatching(/^\*{8}7890 是隐去部分数字的账号.*请填写完整账号.*报表 → 回盘文件 → 案件状态/) });
    expect((await checkContact(ctx, actor(users.colA), id, call({ id, pointId }))).allowed).toBe(true);

    const forwarded = await forward(users.credA, '6222 0212 3456 7890');
    expect(forwarded).toMatchObject({ account_id: id, account_no_mask: '********7890', due_on: '2026-03-09' });
    expect((await checkContact(ctx, actor(users.colA), id, call({ id, pointId }))).allowed).toBe(false);
    expect((await casesInbox(ctx, actor(users.supA))).complaints.find((c) => c.id === forwarded.id))
      .toMatchObject({ channel: 'regulator', collector_id: users.colA.id, status: 'open' });
    expect((await casesInbox(ctx, actor(users.credA))).complaints.map((c) => c.id)).toContain(forwarded.id);
    expect((await casesInbox(ctx, actor(users.credB))).complaints.map((c) => c.id)).not.toContain(forwarded.id);
    expect(await audited('complaint.open', forwarded.id)).toBe(1);
    // Forwarded again while it is open: named, not a second complaint (two holds, two investigations, counted twice).
    await expect(forward(users.credA, '6222021234567890')).rejects.toMatchObject({ code: 'CONFLICT', field: 'account_no',
      message: expect.stringContaining(`Complaint ${forwarded.id} you forwarded on ********7890 is still open`) });
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM complaints WHERE account_id = $1 AND kind = 'complaint'`, [id])).rows[0].n).toBe(1);
    // Only the team's supervisor closes it; the bank follows it until then.
    expect(await code(closeComplaint(ctx, actor(users.credA), forwarded.id, { finding: 'not_upheld', action: 'none', note: 'x!' }))).toBe('FORBIDDEN');
    await closeComplaint(ctx, actor(users.supA), forwarded.id, { finding: 'not_upheld', action: 'none', note: '通话记录显示在时段内' });
    expect((await casesInbox(ctx, actor(users.credA))).complaints.map((c) => c.id)).not.toContain(forwarded.id);
  });

  it("follows the account: opened before the account was dealt, it reaches the team it is dealt to, which closes it", async () => {
    const debtor = await newDebtor(ctx);
    const { id } = await newAccount(db.pool, { creditorId: bankA.id, debtorId: debtor.id, collectorId: users.colB.id, teamId: users.colB.teamId!,
      accountNo: '6222029999000011' });
    await db.pool.query('DELETE FROM assignments WHERE account_id = $1', [id]); // as placed: not dealt yet
    const { id: complaintId } = await forwardComplaint(ctx, actor(users.credA), { accountNo: '6222029999000011', channel: 'creditor', description: '银行客服转来的投诉' });
    expect((await casesInbox(ctx, actor(users.supA))).complaints.map((c) => c.id)).not.toContain(complaintId);
    expect((await casesInbox(ctx, actor(users.admin))).complaints.map((c) => c.id)).toContain(complaintId);

    await db.pool.query(`INSERT INTO assignments (creditor_id, account_id, collector_id, team_id, reason) VALUES ($1, $2, $3, $4, '分案')`,
      [bankA.id, id, users.colA.id, teamA.id]);
    expect((await casesInbox(ctx, actor(users.supA))).complaints.map((c) => c.id)).toContain(complaintId);
    expect((await casesInbox(ctx, actor(users.supB))).complaints.map((c) => c.id)).not.toContain(complaintId);
    expect(await code(closeComplaint(ctx, actor(users.supB), complaintId, { finding: 'not_upheld', action: 'none', note: 'not mine' }))).toBe('NOT_FOUND');
    await closeComplaint(ctx, actor(users.supA), complaintId, { finding: 'not_upheld', action: 'none', note: '已核实，无违规' });
  });

  it('rejects attempts of another account, and the portal files one as the debtor', async () => {
    const a = await account();
    const other = await account();
    const attempt = await logContact(ctx, actor(users.colA), other.id, { ...call(other), outcome: 'no_answer' });
    await expect(openComplaint(ctx, { kind: 'staff', actor: actor(users.colA) }, a.id, { description: '投诉', attemptIds: [attempt.attempt_id] }))
      .rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'attempt_ids' });
    expect(await code(openComplaint(ctx, { kind: 'staff', actor: actor(users.colB) }, a.id, { description: '投诉' }))).toBe('NOT_FOUND');
    const online = await openComplaint(ctx, { kind: 'debtor', debtorId: a.debtorId, channel: 'portal' }, a.id, { description: '一天打了五次电话' });
    expect(online.collector_id).toBe(users.colA.id);
    expect((await accountCases(ctx, actor(users.colA), a.id)).complaints[0]).toMatchObject({ origin: 'portal', channel: 'portal' });
  });
});

describe('over HTTP', () => {
  it('opens and lists cases, and answers 404 across teams', async () => {
    const a = await account();
    const colA = await signInCookie(app, users.colA.username);
    const colB = await signInCookie(app, users.colB.username);
    const opened = await app.inject({ method: 'POST', url: `/api/accounts/${a.id}/complaints`, headers: { cookie: colA },
      payload: { channel: 'online', description: '网上投诉' } });
    expect(opened.statusCode, opened.body).toBe(201);
    const listed = await app.inject({ method: 'GET', url: `/api/accounts/${a.id}/cases`, headers: { cookie: colA } });
    expect(listed.json()).toMatchObject({ authority: 'collector', limits: { collector: { interest_bp: 1000 } }, complaints: [{ channel: 'online' }] });
    expect((await app.inject({ method: 'GET', url: `/api/accounts/${a.id}/cases`, headers: { cookie: colB } })).statusCode).toBe(404);
    const bad = await app.inject({ method: 'POST', url: `/api/accounts/${a.id}/settlements`, headers: { cookie: colA }, payload: { interest_fen: -1, due_date: '2026-03-31' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('interest_fen');
  });
});

describe('settlement evaluation in SQL', () => {
  it('property: agrees with the domain rule (settlementState) on random schedules, payments and dates', async () => {
    const day = (n: number) => addDays('2026-03-02' as LocalDate, n);
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 40 }),
      fc.array(fc.tuple(fc.integer({ min: 0, max: 150 }), fc.integer({ min: 1, max: 4 })), { maxLength: 4 }), fc.integer({ min: 0, max: 160 }),
      async (count, start, pays, judged) => {
        const a = await account();
        await db.pool.query(`UPDATE accounts SET retained_until = '2026-12-31' WHERE id = $1`, [a.id]);   // a schedule past its placement's end
        const offer = await offerSettlement(ctx, actor(users.colA), a.id, { principalFen: 0, interestFen: 100, feesFen: 0,
          payment: count === 1 ? 'lump_sum' : 'instalments', dueDate: day(start), ...(count > 1 ? { instalments: count } : {}) });
        const { schedule } = (await accountCases(ctx, actor(users.colA), a.id)).waivers[0]!;
        const payments = pays.map(([on, quarters]) => ({ paid_on: day(on), amount_fen: Math.floor((offer.settle_fen * quarters) / 4) }));
        for (const p of payments) await pay(a, p.amount_fen, p.paid_on);
        const expected = settlementState(schedule as unknown as Parameters<typeof settlementState>[0], payments, day(judged));
        const run = await evaluateSettlements(ctx, CLI_ACTOR, { date: day(judged) });
        expect(run.outcomes.find((o) => o.waiver_id === offer.id)?.status ?? 'pending').toBe(expected);
      }), { numRuns: 20 });
  });
});
