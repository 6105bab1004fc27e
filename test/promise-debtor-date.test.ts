import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR, type AppContext } from '../src/app/context.ts';
import { makePortalPromise } from '../src/app/portal/make-promise.ts';
import { reschedulePromise } from '../src/app/workstation/change-promise.ts';
import { getAccountPage } from '../src/app/workstation/account-page.ts';
import { takePromise } from '../src/app/workstation/take-promise.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newActiveAccount, newCreditor, newTeam, newUser, testContext, usContract } from './support/fixtures.ts';

/*
 * An agency in Shanghai with a New York debtor. 2026-03-02T02:05Z is 10:05 on 2 March in
 * Shanghai (the business date) and 21:05 on 1 March in New York: a debtor who promises to pay
 * tonight promises for 1 March, which is today where they are.
 */
const EVENING_IN_NEW_YORK = new Date('2026-03-02T02:05:00Z');

let db: TestDatabase;
let ctx: AppContext;
let team: { id: number };
let collector: { id: number };

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool, () => EVENING_IN_NEW_YORK);
  team = await newTeam(db.pool);
  collector = await newUser(db.pool, 'collector', { teamId: team.id });
});

afterAll(async () => {
  await db?.drop();
});

async function newYorkAccount(): Promise<{ id: number; debtorId: number }> {
  const bank = await newCreditor(db.pool);
  await usContract(db.pool, bank.id);
  const a = await newActiveAccount(ctx, { creditorId: bank.id, collectorId: collector.id, teamId: team.id, phone: '+12125550100' });
  await db.pool.query(`UPDATE debtors SET time_zone = 'America/New_York', region_code = 'US-NY' WHERE id = $1`, [a.debtorId]);
  await db.pool.query(`UPDATE accounts SET region_code = 'US-NY' WHERE id = $1`, [a.id]);
  return { id: a.id, debtorId: a.debtorId };
}

describe("a promise's first day is the debtor's own today", () => {
  it('a collector in Shanghai takes a New York debtor\'s promise for tonight, their 1 March; the day before is refused naming their today', async () => {
    const account = await newYorkAccount();
    const page = await getAccountPage(ctx, CLI_ACTOR, account.id);
    expect(page.business_date).toBe('2026-03-02');
    expect(page.account.promise_earliest_date).toBe('2026-03-01');
    // The contract's 30 days still count from the business date.
    expect(page.account.promise_latest_date).toBe('2026-04-01');

    await expect(takePromise(ctx, CLI_ACTOR, account.id, { amountFen: 10_000, dueDate: '2026-02-28' })).rejects.toMatchObject({
      code: 'INVALID_INPUT', message: expect.stringContaining('The promise date 2026-02-28 is in the past; today is 2026-03-01') });
    const taken = await takePromise(ctx, CLI_ACTOR, account.id, { amountFen: 10_000, dueDate: '2026-03-01' });
    const { rows } = await db.pool.query(`SELECT due_date::text FROM promises WHERE id = $1`, [taken.promise_id]);
    expect(rows).toEqual([{ due_date: '2026-03-01' }]);
    // Moved to tonight with another amount: the same first day.
    const moved = await reschedulePromise(ctx, CLI_ACTOR, taken.promise_id, { amountFen: 12_000, dueDate: '2026-03-01', reason: '客户要求改金额' });
    expect(moved.replaces).toBe(taken.promise_id);
  });

  it('the New York debtor makes their own promise for tonight on the portal', async () => {
    const account = await newYorkAccount();
    const made = await makePortalPromise(ctx, account.debtorId, account.id, { amountFen: 5_000, dueDate: '2026-03-01' });
    expect(made.promise_id).toBeGreaterThan(0);
  });

  it('a debtor in Shanghai, whose today is the business date, may not promise for the day before', async () => {
    const bank = await newCreditor(db.pool);
    const a = await newActiveAccount(ctx, { creditorId: bank.id, collectorId: collector.id, teamId: team.id });
    expect((await getAccountPage(ctx, CLI_ACTOR, a.id)).account.promise_earliest_date).toBe('2026-03-02');
    await expect(takePromise(ctx, CLI_ACTOR, a.id, { amountFen: 10_000, dueDate: '2026-03-01' })).rejects.toMatchObject({
      code: 'INVALID_INPUT', message: expect.stringContaining('today is 2026-03-02') });
    await expect(makePortalPromise(ctx, a.debtorId, a.id, { amountFen: 10_000, dueDate: '2026-03-01' })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
