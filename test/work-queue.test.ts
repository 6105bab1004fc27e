import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { moveAccounts } from '../src/app/assignment/move-accounts.ts';
import { logContact } from '../src/app/compliance/log-contact.ts';
import type { Actor, AppContext } from '../src/app/context.ts';
import { nextAccount } from '../src/app/workstation/next-account.ts';
import { claimIfFree } from '../src/db/workstation-repository.ts';
import { scheduleCallback } from '../src/app/workstation/schedule-callback.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext } from './support/fixtures.ts';

/**
 * The collector's queue kept in order (migration 0014): built once per change, and every
 * change that decides what a collector may be offered shows in their very next request.
 */
let db: TestDatabase;
let ctx: AppContext;
let now = new Date('2026-03-02T02:00:00Z'); // Monday 10:00 in Shanghai
let bank: { id: number };
let team: { id: number };
let ana: Awaited<ReturnType<typeof newUser>>;
let ben: Awaited<ReturnType<typeof newUser>>;
let supervisor: Actor;
const accounts: number[] = []; // ana's, largest balance first

const actorOf = (u: { id: number; username: string; teamId: number | null }): Actor =>
  ({ userId: u.id, username: u.username, role: 'collector', teamId: u.teamId, creditorId: null });
const nextFor = async (u: typeof ana, release?: number) => (await nextAccount(ctx, actorOf(u), { release: release ?? null })).account_id;
/** The debtor's own phone on the account: where a call the agency makes goes. */
const debtorPhone = async (accountId: number) => (await db.pool.query(
  `SELECT cp.id FROM contact_points cp JOIN accounts a ON a.debtor_id = cp.debtor_id
    WHERE a.id = $1 AND cp.kind = 'phone' AND cp.owner = 'debtor' ORDER BY cp.id LIMIT 1`, [accountId])).rows[0].id as number;
const built = async (u: typeof ana) => (await db.pool.query<{ built_at: Date | null; stale: boolean }>(
  'SELECT built_at, stale FROM work_queue_state WHERE collector_id = $1', [u.id])).rows[0];

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool, () => now);
  bank = await newCreditor(db.pool, 'QUEUE');
  await db.pool.query(`INSERT INTO contracts (creditor_id, version, name, pack, effective_from, terms)
    VALUES ($1, 1, '队列银行', 'CN', '2026-01-01', '{}')`, [bank.id]);
  team = await newTeam(db.pool, '队列组');
  ana = await newUser(db.pool, 'collector', { teamId: team.id });
  ben = await newUser(db.pool, 'collector', { teamId: team.id });
  const sup = await newUser(db.pool, 'supervisor', { teamId: team.id });
  supervisor = { userId: sup.id, username: sup.username, role: 'supervisor', teamId: team.id, creditorId: null };
  for (const principalFen of [900_000, 700_000, 500_000, 300_000]) {
    const debtor = await newDebtor(ctx, { regionCode: '420102' });
    accounts.push((await newAccount(db.pool, { creditorId: bank.id, debtorId: debtor.id, collectorId: ana.id, teamId: team.id, principalFen })).id);
  }
});
afterAll(async () => { await db?.drop(); });
beforeEach(async () => {
  await db.pool.query('UPDATE work_claims SET claimed_by = NULL, claimed_at = NULL, expires_at = NULL');
});

describe('the queue kept in order', () => {
  it('is built on the first request and not again until something changes it', async () => {
    expect(await nextFor(ana)).toBe(accounts[0]);
    const first = await built(ana);
    expect(first).toMatchObject({ stale: false });
    expect(await nextFor(ana)).toBe(accounts[1]); // the first is still claimed
    expect((await built(ana))!.built_at).toEqual(first!.built_at);
  });

  it('gives an account moved to another collector to them at once, and no longer to its old owner', async () => {
    await moveAccounts(ctx, supervisor, { accountIds: [accounts[0]!], to: ben.username, reason: '调案测试' });
    expect((await built(ana))!.stale).toBe(true);
    expect(await nextFor(ben)).toBe(accounts[0]);
    expect(await nextFor(ana)).toBe(accounts[1]);
    await moveAccounts(ctx, supervisor, { accountIds: [accounts[0]!], to: ana.username, reason: '调回' });
    await db.pool.query('UPDATE work_claims SET claimed_by = NULL, claimed_at = NULL, expires_at = NULL');
    expect(await nextFor(ben)).toBeNull();
    expect(await nextFor(ana)).toBe(accounts[0]);
  });

  it('leaves out an account that stops being active, and takes it back when it is active again (a broken promise)', async () => {
    await db.pool.query(`UPDATE accounts SET status = 'promised' WHERE id = $1`, [accounts[0]]);
    expect(await nextFor(ana)).toBe(accounts[1]);
    await db.pool.query('UPDATE work_claims SET claimed_by = NULL, claimed_at = NULL, expires_at = NULL');
    await db.pool.query(`UPDATE accounts SET status = 'active' WHERE id = $1`, [accounts[0]]);
    expect((await built(ana))!.stale).toBe(true);
    expect(await nextFor(ana)).toBe(accounts[0]);
  });

  it("follows a new strategy run's priorities", async () => {
    await db.pool.query(`INSERT INTO account_strategy (creditor_id, business_date, account_id, dpd, bucket, segment, priority, next_action, rule_version)
      SELECT $1, '2026-03-02', id, 45, 'M2', 'test', CASE WHEN id = $2 THEN 99 ELSE 1 END, 'call', 0 FROM accounts WHERE creditor_id = $1`,
    [bank.id, accounts[3]]);
    expect(await nextFor(ana)).toBe(accounts[3]);
    await db.pool.query('DELETE FROM account_strategy');
  });

  it('rests an account for two hours after a contact, unless the debtor asked for a callback that is due', async () => {
    const top = await nextFor(ana);
    expect(top).toBe(accounts[0]);
    await logContact(ctx, actorOf(ana), top!, { channel: 'call', party: 'debtor', purpose: 'collect', outcome: 'no_answer', contactPointId: await debtorPhone(top!) });
    expect(await nextFor(ana, top!)).toBe(accounts[1]);
    await db.pool.query('UPDATE work_claims SET claimed_by = NULL, claimed_at = NULL, expires_at = NULL');
    expect(await nextFor(ana)).toBe(accounts[1]);
    await db.pool.query('UPDATE work_claims SET claimed_by = NULL, claimed_at = NULL, expires_at = NULL');

    // A callback for 10:30 local: at 10:31 it comes first, rest or not.
    await scheduleCallback(ctx, actorOf(ana), top!, { localTime: '2026-03-02 10:30' });
    now = new Date('2026-03-02T02:31:00Z');
    const withCallback = await nextAccount(ctx, actorOf(ana));
    expect(withCallback).toMatchObject({ account_id: top, callback_due: true });

    // Two hours after the contact the account is back in its place without one.
    await logContact(ctx, actorOf(ana), top!, { channel: 'call', party: 'debtor', purpose: 'collect', outcome: 'no_answer', contactPointId: await debtorPhone(top!) });
    await db.pool.query('UPDATE work_claims SET claimed_by = NULL, claimed_at = NULL, expires_at = NULL');
    expect(await nextFor(ana)).toBe(accounts[1]);
    await db.pool.query('UPDATE work_claims SET claimed_by = NULL, claimed_at = NULL, expires_at = NULL');
    now = new Date('2026-03-02T04:32:00Z');
    expect(await nextFor(ana)).toBe(accounts[0]);
  });

  it('rests an account after a call or a text, not after a letter or an e-mail (a whole placement\'s validation notices)', async () => {
    const account = accounts[2]!;
    const rested = async () => (await db.pool.query(`SELECT last_contact_at FROM work_claims WHERE account_id = $1`, [account])).rows[0]?.last_contact_at ?? null;
    const before = await rested();
    const sent = async (channel: string, at: string) => db.pool.query(
      `INSERT INTO contact_attempts (creditor_id, account_id, debtor_id, channel, party, purpose, outcome, at)
       SELECT creditor_id, id, debtor_id, $2, 'debtor', 'notice', 'sent', $3 FROM accounts WHERE id = $1`, [account, channel, at]);
    await sent('letter', '2026-03-02T02:00:00Z');
    await sent('email', '2026-03-02T02:01:00Z');
    expect(await rested()).toEqual(before);
    await sent('sms', '2026-03-02T02:02:00Z');
    expect(await rested()).toEqual(new Date('2026-03-02T02:02:00Z'));
  });

  it("refuses a callback after the placement's last day, and one already past, saying the time as it was typed", async () => {
    const account = accounts[3]!;
    const { rows: [pl] } = await db.pool.query(`SELECT placement_id, (SELECT ends_on::text FROM placements WHERE id = placement_id) AS ends_on FROM accounts WHERE id = $1`, [account]);
    await db.pool.query(`UPDATE placements SET ends_on = '2026-03-05' WHERE id = $1`, [pl.placement_id]);
    try {
      await expect(scheduleCallback(ctx, actorOf(ana), account, { localTime: '2026-03-06T10:00' })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'local_time',
        message: "The callback time 2026-03-06 10:00 is after the last day of the account's placement (2026-03-05); choose a time by then" });
      await expect(scheduleCallback(ctx, actorOf(ana), account, { localTime: '2026-03-01T10:00' })).rejects.toMatchObject({ code: 'INVALID_INPUT',
        messageZh: '回拨时间 2026-03-01 10:00（Asia/Shanghai）已经过去' });
      expect((await scheduleCallback(ctx, actorOf(ana), account, { localTime: '2026-03-05T10:00' })).callback_id).toBeGreaterThan(0);
    } finally {
      await db.pool.query(`UPDATE placements SET ends_on = $2 WHERE id = $1`, [pl.placement_id, pl.ends_on]);
      await db.pool.query(`UPDATE callbacks SET status = 'cancelled' WHERE account_id = $1`, [account]);
    }
  });

  it('a claim taken on candidates read before another tab called the account is refused: the call rests it', async () => {
    await db.pool.query('UPDATE work_claims SET claimed_by = NULL, claimed_at = NULL, expires_at = NULL');
    const account = accounts[2]!;
    const restSince = new Date(now.getTime() - 2 * 3600_000);
    // The other tab's call, its claim given back: this tab, which read the account as a candidate before, cannot take it now.
    await logContact(ctx, actorOf(ana), account, { channel: 'call', party: 'debtor', purpose: 'collect', outcome: 'no_answer', contactPointId: await debtorPhone(account) });
    await db.pool.query('UPDATE work_claims SET claimed_by = NULL, claimed_at = NULL, expires_at = NULL');
    const expires = new Date(now.getTime() + 15 * 60_000);
    expect(await claimIfFree(db.pool, account, ana.id, now, expires, restSince)).toBe(false);
    // A callback that is due is offered rest or not, and claimed so.
    expect(await claimIfFree(db.pool, account, ana.id, now, expires, null)).toBe(true);
    await db.pool.query('UPDATE work_claims SET claimed_by = NULL, claimed_at = NULL, expires_at = NULL');
  });

  it('leaves out an account handed to the supervisor queue until it is resolved', async () => {
    await db.pool.query(`INSERT INTO handoffs (creditor_id, account_id, from_user_id, team_id, reason_code) VALUES ($1, $2, $3, $4, 'abusive')`,
      [bank.id, accounts[0], ana.id, team.id]);
    expect(await nextFor(ana)).not.toBe(accounts[0]);
    await db.pool.query('UPDATE handoffs SET resolved_at = now()');
    await db.pool.query('UPDATE work_claims SET claimed_by = NULL, claimed_at = NULL, expires_at = NULL');
    expect(await nextFor(ana)).toBe(accounts[0]);
  });
});

describe('logging contacts at once', () => {
  it("counts them one after the other against the debtor's daily limit (3 calls a day): 5 at once, 3 recorded", async () => {
    const debtor = await newDebtor(ctx, { regionCode: '420102' });
    const account = (await newAccount(db.pool, { creditorId: bank.id, debtorId: debtor.id, collectorId: ana.id, teamId: team.id, principalFen: 200_000 })).id;
    const phone = await debtorPhone(account);
    now = new Date('2026-03-03T02:00:00Z');
    const results = await Promise.allSettled([...Array(5)].map(() =>
      logContact(ctx, actorOf(ana), account, { channel: 'call', party: 'debtor', purpose: 'collect', outcome: 'no_answer', contactPointId: phone })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused.map((r) => (r.reason as { code: string }).code)).toEqual(['CONTACT_NOT_ALLOWED', 'CONTACT_NOT_ALLOWED']);
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM contact_attempts WHERE account_id = $1', [account]);
    expect(rows[0].n).toBe(3);
  });
});
