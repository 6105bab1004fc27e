import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openComplaint } from '../src/app/cases/open-complaint.ts';
import { openDispute } from '../src/app/cases/open-dispute.ts';
import { resolveDispute } from '../src/app/cases/resolve-dispute.ts';
import type { Actor, AppContext } from '../src/app/context.ts';
import { placeHold } from '../src/app/holds/place-hold.ts';
import { releaseHold } from '../src/app/holds/release-hold.ts';
import { AppError } from '../src/domain/errors.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext } from './support/fixtures.ts';

/**
 * A hold raised by a dispute or a complaint ends with its case: a supervisor cannot lift it
 * on its own (that would resume collection before the creditor verified the debt, or before
 * the complaint was investigated). Other holds are still lifted as before.
 */
let db: TestDatabase;
let ctx: AppContext;
type U = Awaited<ReturnType<typeof newUser>>;
const actor = (u: U): Actor => ({ userId: u.id, username: u.username, role: u.role, teamId: u.teamId, creditorId: u.creditorId });
let supervisor: U; let collector: U; let bankUser: U; let creditorId: number; let teamId: number;

async function account(): Promise<number> {
  const debtor = await newDebtor(ctx);
  return (await newAccount(db.pool, { creditorId, debtorId: debtor.id, collectorId: collector.id, teamId })).id;
}
async function code(promise: Promise<unknown>): Promise<string> {
  try { await promise; return 'OK'; } catch (e) { if (e instanceof AppError) return e.code; throw e; }
}
const isOpen = async (holdId: number) =>
  (await db.pool.query('SELECT released_at IS NULL AS open FROM holds WHERE id = $1', [holdId])).rows[0].open as boolean;

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);
  creditorId = (await newCreditor(db.pool, 'HOLDCASE')).id;
  teamId = (await newTeam(db.pool)).id;
  supervisor = await newUser(db.pool, 'supervisor', { teamId });
  collector = await newUser(db.pool, 'collector', { teamId });
  bankUser = await newUser(db.pool, 'creditor_user', { creditorId });
});
afterAll(async () => { await db?.drop(); });

describe('holds that belong to a case', () => {
  it('a dispute hold is not lifted by a supervisor; it ends when the creditor verifies the debt', async () => {
    const accountId = await account();
    const dispute = await openDispute(ctx, { kind: 'staff', actor: actor(collector) }, accountId, { reason: 'not_mine', description: '不是我的卡' });
    const refused = await releaseHold(ctx, actor(supervisor), dispute.hold_id, 'debtor sounded fine').then(() => null, (e: AppError) => e);
    expect(refused).toMatchObject({ code: 'CONFLICT', message: `Hold ${dispute.hold_id} belongs to the open dispute ${dispute.id}: it ends when that case is decided, not on its own` });
    expect(refused?.messageZh).toBe(`停催 ${dispute.hold_id} 属于尚未办结的异议 ${dispute.id}：须等该事项处理完毕后随之解除，不能单独解除`);
    expect(await isOpen(dispute.hold_id)).toBe(true);
    await resolveDispute(ctx, actor(bankUser), dispute.id, { outcome: 'verified', note: 'signed agreement on file' });
    expect(await isOpen(dispute.hold_id)).toBe(false);
  });

  it('a complaint hold is not lifted by a supervisor while the complaint is open', async () => {
    const accountId = await account();
    const complaint = await openComplaint(ctx, { kind: 'staff', actor: actor(supervisor) }, accountId, { description: '催收员态度恶劣' });
    expect(await code(releaseHold(ctx, actor(supervisor), complaint.hold_id, 'no reason'))).toBe('CONFLICT');
    expect(await isOpen(complaint.hold_id)).toBe(true);
  });

  it('a hold placed on its own is still lifted by a supervisor', async () => {
    const accountId = await account();
    const hold = await placeHold(ctx, actor(collector), accountId, { kind: 'dispute', reason: 'debtor says paid', scope: 'account' });
    await releaseHold(ctx, actor(supervisor), hold.id, 'receipt checked');
    expect(await isOpen(hold.id)).toBe(false);
  });
});
