import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAccounts } from '../src/app/accounts/list-accounts.ts';
import type { Actor, AppContext } from '../src/app/context.ts';
import { placeHold } from '../src/app/holds/place-hold.ts';
import { releaseHold } from '../src/app/holds/release-hold.ts';
import { getAccountPage } from '../src/app/workstation/account-page.ts';
import { MIGRATIONS_DIR } from '../src/db/migrate.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext } from './support/fixtures.ts';

/**
 * "On hold" (停催) comes from the holds, not from a stored status: an account a team lead puts on
 * hold shows on hold in the accounts list and answers its status filter while the hold is in
 * force, and is back in collection the moment it is lifted (src/domain/account-status.ts).
 */
let db: TestDatabase;
let ctx: AppContext;
type U = Awaited<ReturnType<typeof newUser>>;
const actor = (u: U): Actor => ({ userId: u.id, username: u.username, role: u.role, teamId: u.teamId, creditorId: u.creditorId });
let lead: U; let collector: U; let admin: U; let creditorId: number; let teamId: number;

async function account(debtorId?: number): Promise<{ id: number; debtorId: number }> {
  const debtor = debtorId ?? (await newDebtor(ctx)).id;
  return { id: (await newAccount(db.pool, { creditorId, debtorId: debtor, collectorId: collector.id, teamId })).id, debtorId: debtor };
}

/** The ids the accounts list gives for the status filter (all of them, as the admin sees them), and each listed account's status. */
async function listed(status?: 'on_hold' | 'active' | 'paid', by: U = admin): Promise<Map<number, string>> {
  const page = await listAccounts(ctx, actor(by), { status, limit: 500, offset: 0 });
  expect(page.total).toBe(page.items.length);
  return new Map(page.items.map((a) => [a.id, a.status]));
}

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);
  creditorId = (await newCreditor(db.pool, 'ONHOLD')).id;
  teamId = (await newTeam(db.pool)).id;
  lead = await newUser(db.pool, 'supervisor', { teamId });
  collector = await newUser(db.pool, 'collector', { teamId });
  admin = await newUser(db.pool, 'admin');
});
afterAll(async () => { await db?.drop(); });

describe('on hold, from the holds', () => {
  it('a hold a team lead places shows the account on hold in the list, its filter and its page, and lifting it brings the account back', async () => {
    const held = await account();
    const other = await account();
    const hold = await placeHold(ctx, actor(lead), held.id, { kind: 'cease', reason: '客户书面要求停止联系', scope: 'account' });

    // Stored as it was: nothing but the hold says the account is on hold.
    expect((await db.pool.query('SELECT status FROM accounts WHERE id = $1', [held.id])).rows[0].status).toBe('active');
    const all = await listed();
    expect([all.get(held.id), all.get(other.id)]).toEqual(['on_hold', 'active']);
    expect([...(await listed('on_hold')).keys()]).toEqual([held.id]);
    expect((await listed('active')).has(held.id)).toBe(false);
    expect((await listed('active')).has(other.id)).toBe(true);
    // The collector's own list, searched by the account's last four digits, says the same; so does the account's page.
    const { rows: [{ no }] } = await db.pool.query('SELECT right(account_no, 4) AS no FROM accounts WHERE id = $1', [held.id]);
    const mine = await listAccounts(ctx, actor(collector), { q: no, status: 'on_hold', limit: 50, offset: 0 });
    expect(mine.items.map((a) => [a.id, a.status])).toEqual([[held.id, 'on_hold']]);
    const page = await getAccountPage(ctx, actor(collector), held.id);
    expect([page.account.status, page.account.shown_status]).toEqual(['active', 'on_hold']);

    await releaseHold(ctx, actor(lead), hold.id, '客户同意恢复联系');
    expect((await listed()).get(held.id)).toBe('active');
    expect((await listed('on_hold')).size).toBe(0);
    expect((await listed('active')).has(held.id)).toBe(true);
    expect((await getAccountPage(ctx, actor(collector), held.id)).account.shown_status).toBe('active');
  });

  it("a debtor-wide hold puts every account of the debtor on hold; a vulnerable flag, a hold from tomorrow, or a finished account's hold does not", async () => {
    const first = await account();
    const second = await account(first.debtorId);
    await placeHold(ctx, actor(lead), first.id, { kind: 'deceased', reason: '家属告知已故', scope: 'debtor' });
    const cared = await account();
    await placeHold(ctx, actor(lead), cared.id, { kind: 'vulnerable', reason: '高龄，需耐心沟通', scope: 'account' });
    const later = await account();
    await placeHold(ctx, actor(lead), later.id, { kind: 'dispute', reason: '客户将寄送书面异议', scope: 'account', startsOn: '2026-03-03' });
    const paid = await account();
    await placeHold(ctx, actor(lead), paid.id, { kind: 'dispute', reason: '对已结清金额有异议', scope: 'account' });
    await db.pool.query(`UPDATE accounts SET status = 'paid' WHERE id = $1`, [paid.id]);

    const all = await listed();
    expect([first, second, cared, later, paid].map((a) => all.get(a.id))).toEqual(['on_hold', 'on_hold', 'active', 'active', 'paid']);
    const onHold = await listed('on_hold');
    expect([first.id, second.id].every((id) => onHold.has(id))).toBe(true);
    expect([cared.id, later.id, paid.id].some((id) => onHold.has(id))).toBe(false);
    expect([...(await listed('paid')).keys()]).toEqual([paid.id]);
  });

  it('the database stores no on_hold status; migration 0068 brings back to collection the accounts an older demo stored so', async () => {
    const kept = await account();
    const lost = await account();
    await db.pool.query(`UPDATE contact_points SET verified = 'invalid' WHERE debtor_id = $1`, [lost.debtorId]);
    await expect(db.pool.query(`UPDATE accounts SET status = 'on_hold' WHERE id = $1`, [kept.id])).rejects.toThrow(/accounts_status_check/);

    const sql = await fs.readFile(path.join(MIGRATIONS_DIR, '0068_on_hold_from_holds.sql'), 'utf8');
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      // The database as it was before 0068, with two accounts the demo had put "on hold".
      await client.query(`ALTER TABLE accounts DROP CONSTRAINT accounts_status_check, ADD CONSTRAINT accounts_status_check CHECK (status IN
        ('placed', 'active', 'promised', 'in_plan', 'on_hold', 'lost_contact', 'paid', 'settled', 'recalled', 'closed'))`);
      await client.query(`UPDATE accounts SET status = 'on_hold' WHERE id = ANY ($1::bigint[])`, [[kept.id, lost.id]]);
      await client.query(sql);
      const { rows } = await client.query(`SELECT id, status, version FROM accounts WHERE id = ANY ($1::bigint[]) ORDER BY id`, [[kept.id, lost.id]]);
      expect(rows.map((r) => [Number(r.id), r.status, r.version])).toEqual([[kept.id, 'active', 2], [lost.id, 'lost_contact', 2]]);
      await expect(client.query(`UPDATE accounts SET status = 'on_hold' WHERE id = $1`, [kept.id])).rejects.toThrow(/accounts_status_check/);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});
