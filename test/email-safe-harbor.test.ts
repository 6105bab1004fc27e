import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR, type AppContext } from '../src/app/context.ts';
import { setContract } from '../src/app/contracts/set-contract.ts';
import { planRowSituation } from '../src/app/compliance/plan-contacts.ts';
import { decideContact } from '../src/app/compliance/contact-state.ts';
import { loadContractPolicies, streamPlanRows, type PlanRow } from '../src/db/contact-plan-repository.ts';
import { evaluateContact } from '../src/domain/compliance/index.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext, usContract } from './support/fixtures.ts';

/**
 * Reg F's e-mail safe harbour (12 CFR 1006.6(d)(3)-(4), `US.email_safe_harbor`) on a real
 * database, through both ways the product judges an e-mail: one account's contact state (a
 * collector's e-mail) and the streamed plan rows (the nightly reminders). An address the debtor
 * gave us goes; one from the bank's file only once the bank's contract says it tells its debtors
 * and 35 days have passed since the placement; one from a vendor never.
 */
let db: TestDatabase;
let ctx: AppContext;
let batchId: number;
const accounts: Record<'fromBank' | 'both' | 'vendor', { account: number; debtor: number; points: number[] }> = {} as never;

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);
  const bank = await newCreditor(db.pool, 'SAFEBANK');   // placed on 2026-01-01
  await usContract(db.pool, bank.id);
  batchId = (await db.pool.query(`INSERT INTO import_batches (creditor_id, kind, file_name, file_sha256, status) VALUES ($1, 'placements', 'p.csv', 'x', 'done') RETURNING id`,
    [bank.id])).rows[0].id;
  const team = await newTeam(db.pool);
  const collector = await newUser(db.pool, 'collector', { teamId: team.id });
  const make = async (emails: Array<{ value: string; source: string; consented: boolean }>) => {
    const debtor = await newDebtor(ctx, { regionCode: 'US-IL' });
    await db.pool.query(`UPDATE debtors SET time_zone = 'America/Chicago' WHERE id = $1`, [debtor.id]);
    await db.pool.query(`DELETE FROM contact_points WHERE debtor_id = $1`, [debtor.id]);   // no phone: e-mail is the way
    const account = (await newAccount(db.pool, { creditorId: bank.id, debtorId: debtor.id, collectorId: collector.id, teamId: team.id })).id;
    const letter = (await db.pool.query(`INSERT INTO contact_attempts (creditor_id, account_id, debtor_id, channel, party, purpose, outcome, at)
      VALUES ($1, $2, $3, 'letter', 'debtor', 'notice', 'sent', '2026-01-05T15:00:00Z') RETURNING id`, [bank.id, account, debtor.id])).rows[0].id;
    await db.pool.query(`INSERT INTO validation_notices (creditor_id, account_id, sent_on, validation_ends_on, itemization_date, itemization_fen, interest_fen, fees_fen,
      paid_fen, amount_now_fen, contact_attempt_id) VALUES ($1, $2, '2026-01-05', '2026-02-13', '2026-01-01', 1000, 0, 0, 0, 1000, $3)`, [bank.id, account, letter]);
    const points: number[] = [];
    for (const e of emails) {
      points.push((await db.pool.query(`INSERT INTO contact_points (debtor_id, kind, value_enc, value_hash, value_mask, owner, source, debtor_consented)
        VALUES ($1, 'email', $2, $3, 'x***@example.com', 'debtor', $4, $5) RETURNING id`,
      [debtor.id, ctx.cipher.encrypt(e.value), ctx.cipher.matchHash(e.value), e.source, e.consented])).rows[0].id);
    }
    return { account, debtor: debtor.id, points };
  };
  accounts.fromBank = await make([{ value: 'a@example.com', source: `placement:${batchId}`, consented: false }]);
  // The vendor's address came first; the one the debtor typed in the portal is the one to use.
  accounts.both = await make([{ value: 'b@vendor.example', source: 'skip-trace', consented: false }, { value: 'b@example.com', source: 'portal', consented: true }]);
  accounts.vendor = await make([{ value: 'c@vendor.example', source: 'skip-trace', consented: false }]);
});
afterAll(async () => {
  await db?.drop();
});

/** What the nightly run decides for each account's e-mail at `at` on business date `date`: the point it picked and the rules that refused. */
async function planned(date: string, at: Date): Promise<Map<number, { point: number | null; refusedBy: string[] }>> {
  const policies = await loadContractPolicies(db.pool, date);
  const rows: PlanRow[] = [];
  await streamPlanRows(db.pool, { scope: { kind: 'all' }, teamId: null, channel: 'email', historySince: new Date('2026-01-01T00:00:00Z'), businessDate: date,
    accountIds: Object.values(accounts).map((a) => a.account), onBatch: (batch) => { rows.push(...batch); } });
  return new Map(rows.map((row) => [row.id, {
    point: row.phone_point_id,
    refusedBy: evaluateContact(planRowSituation(row, policies.get(row.creditor_id), [], 'email', at, ctx.agencyZone)).reasons.map((r) => r.rule),
  }]));
}

const monday = new Date('2026-03-02T16:00:00Z');   // 10:00 in Chicago

describe('US.email_safe_harbor', () => {
  it("the nightly run e-mails an address the debtor gave us, picked before a vendor's; not the bank's (no notice) nor a vendor's", async () => {
    const plan = await planned('2026-03-02', monday);
    expect(plan.get(accounts.both.account)).toEqual({ point: accounts.both.points[1], refusedBy: [] });
    expect(plan.get(accounts.fromBank.account)).toEqual({ point: accounts.fromBank.points[0], refusedBy: ['US.email_safe_harbor'] });
    expect(plan.get(accounts.vendor.account)).toEqual({ point: accounts.vendor.points[0], refusedBy: ['US.email_safe_harbor'] });
  });

  it("the bank's address goes once its contract says it tells its debtors, from the 35th day after the placement; a collector's e-mail is judged the same", async () => {
    await setContract(ctx, CLI_ACTOR, { creditor: 'SAFEBANK', effectiveFrom: '2026-01-01', contract: {
      creditor: 'SAFEBANK', name: 'US agreement, with e-mail', pack: 'US', placement_days: 180, commission: { tiers: [{ from: 'M1', rate_bp: 1500 }] },
      allocation_order: ['fees', 'interest', 'principal'], promise_grace_days: 3, plan_grace_days: 5, hardship_decision_days: 10, waiver_limits: {},
      creditor_email_notice: true } });
    // Placed 2026-01-01: days 1..35 run to 2026-02-04; from 2026-02-05 it may be e-mailed.
    expect((await planned('2026-02-04', new Date('2026-02-04T16:00:00Z'))).get(accounts.fromBank.account)?.refusedBy).toEqual(['US.email_safe_harbor']);
    expect((await planned('2026-02-05', new Date('2026-02-05T16:00:00Z'))).get(accounts.fromBank.account)?.refusedBy).toEqual([]);
    const collectorsMail = (account: { account: number; points: number[] }) => decideContact(ctx, db.pool, account.account,
      { channel: 'email', party: 'debtor', purpose: 'collect', contactPointId: account.points[0]!, at: monday });
    expect((await collectorsMail(accounts.fromBank)).allowed).toBe(true);
    // A vendor's address is not the bank's: still none.
    expect((await planned('2026-03-02', monday)).get(accounts.vendor.account)?.refusedBy).toEqual(['US.email_safe_harbor']);
    expect((await collectorsMail(accounts.vendor)).reasons.map((r) => r.rule)).toEqual(['US.email_safe_harbor']);
    // Nor is an address from another creditor's file, though that creditor's batch number is in its source.
    const other = await newCreditor(db.pool);
    const otherBatch = (await db.pool.query(`INSERT INTO import_batches (creditor_id, kind, file_name, file_sha256, status) VALUES ($1, 'placements', 'o.csv', 'y', 'done') RETURNING id`,
      [other.id])).rows[0].id;
    await db.pool.query(`UPDATE contact_points SET source = $2 WHERE id = $1`, [accounts.vendor.points[0], `placement:${otherBatch}`]);
    expect((await collectorsMail(accounts.vendor)).reasons.map((r) => r.rule)).toEqual(['US.email_safe_harbor']);
  });
});
