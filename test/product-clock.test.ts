import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offerSettlement } from '../src/app/cases/offer-settlement.ts';
import { openComplaint } from '../src/app/cases/open-complaint.ts';
import { CLI_ACTOR, type Actor, type AppContext } from '../src/app/context.ts';
import { submitHardshipApplication } from '../src/app/hardship/submit-application.ts';
import { placeHold } from '../src/app/holds/place-hold.ts';
import { importPlacements } from '../src/app/import/import-placements.ts';
import { listImports } from '../src/app/import/list-imports.ts';
import { scheduleCallback } from '../src/app/workstation/schedule-callback.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newActiveAccount, newCreditor, newTeam, newUser, testContext } from './support/fixtures.ts';
import { PLACEMENT_HEADER_EN, placementCells, placementFixtures, tempDir, writeCsv } from './support/import-fixtures.ts';

/**
 * A server may run on a product clock apart from the database's (LEEWAY_CLOCK_START: training
 * and demo servers). What the use cases write is dated on the product's clock, so an import, its
 * placement and what collectors do on the accounts all show the same day; only the audit log
 * keeps the database's own time. The test context's clock stands at 2026-03-02 10:00 in
 * Shanghai, well before the real date the database stamps.
 */
let db: TestDatabase;
let ctx: AppContext;
let dir: string;
let bank: { id: number; code: string };
let team: { id: number };
type U = Awaited<ReturnType<typeof newUser>>;
let collector: U;
let supervisor: U;
const actor = (u: U): Actor => ({ userId: u.id, username: u.username, role: u.role, teamId: u.teamId, creditorId: u.creditorId });
const PRODUCT_NOW = '2026-03-02T02:00:00.000Z';
const at = async (sql: string, params: unknown[]): Promise<string> => ((await db.pool.query<{ t: Date }>(sql, params)).rows[0]!.t).toISOString();
const account = () => newActiveAccount(ctx, { creditorId: bank.id, collectorId: collector.id, teamId: team.id });

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);
  dir = await tempDir();
  bank = await newCreditor(db.pool, 'CLOCKBK');
  team = await newTeam(db.pool);
  collector = await newUser(db.pool, 'collector', { teamId: team.id });
  supervisor = await newUser(db.pool, 'supervisor', { teamId: team.id });
  // The premise: the database's clock is not the product's.
  const { rows: [db_] } = await db.pool.query<{ now: Date }>('SELECT now()');
  expect(db_!.now.getTime()).toBeGreaterThan(new Date(PRODUCT_NOW).getTime() + 3600_000);
});
afterAll(async () => {
  await db?.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('times on the product clock', () => {
  it('an import, its placement and its listing carry the product time; its audit entry the real one', async () => {
    const file = await writeCsv(path.join(dir, 'clock.csv'), PLACEMENT_HEADER_EN, placementFixtures(3, 4100).map(placementCells));
    const { summary } = await importPlacements(ctx, CLI_ACTOR, { filePath: file, creditor: bank.code });
    expect(await at('SELECT created_at AS t FROM import_batches WHERE id = $1', [summary.batch_id])).toBe(PRODUCT_NOW);
    const finished = new Date(await at('SELECT finished_at AS t FROM import_batches WHERE id = $1', [summary.batch_id])).getTime();
    expect(finished).toBeGreaterThanOrEqual(new Date(PRODUCT_NOW).getTime());
    expect(finished).toBeLessThan(new Date(PRODUCT_NOW).getTime() + 600_000);
    expect(await at(`SELECT created_at AS t FROM placements WHERE creditor_id = $1 AND batch_ref = 'CLOCKBK-20260302'`, [bank.id])).toBe(PRODUCT_NOW);
    const listed = (await listImports(ctx, CLI_ACTOR, { limit: 10, offset: 0 })).items.find((i) => i.id === summary.batch_id);
    expect(listed?.created_at).toBe(PRODUCT_NOW);
    const audited = await at(`SELECT at AS t FROM audit_log WHERE action = 'import.placements' AND entity_id = $1`, [String(summary.batch_id)]);
    expect(audited).not.toBe(PRODUCT_NOW);
  });

  it('a hold, a complaint, a settlement offer, a hardship application and a callback carry the product time', async () => {
    const held = await account();
    const hold = await placeHold(ctx, actor(collector), held.id, { kind: 'dispute', reason: 'debtor says paid', scope: 'account' });
    expect(await at('SELECT set_at AS t FROM holds WHERE id = $1', [hold.id])).toBe(PRODUCT_NOW);

    const complained = await account();
    const complaint = await openComplaint(ctx, { kind: 'staff', actor: actor(supervisor) }, complained.id, { description: '催收员态度恶劣' });
    expect(await at('SELECT created_at AS t FROM complaints WHERE id = $1', [complaint.id])).toBe(PRODUCT_NOW);
    expect(await at('SELECT set_at AS t FROM holds WHERE id = $1', [complaint.hold_id])).toBe(PRODUCT_NOW);

    const settled = await account();
    const offer = await offerSettlement(ctx, actor(collector), settled.id, { principalFen: 0, interestFen: 100, feesFen: 0, payment: 'lump_sum', dueDate: '2026-03-20' });
    expect(await at('SELECT created_at AS t FROM waivers WHERE id = $1', [offer.id])).toBe(PRODUCT_NOW);

    const hardship = await account();
    const application = await submitHardshipApplication(ctx, { kind: 'debtor', debtorId: hardship.debtorId, channel: 'portal' }, hardship.id,
      { reason: 'illness', statement: '住院治疗', plan: { months: 6, firstDueDate: '2026-04-15' } });
    expect(await at('SELECT created_at AS t FROM hardship_applications WHERE id = $1', [application.application_id])).toBe(PRODUCT_NOW);
    expect(await at('SELECT updated_at AS t FROM hardship_applications WHERE id = $1', [application.application_id])).toBe(PRODUCT_NOW);
    expect(await at(`SELECT set_at AS t FROM holds WHERE account_id = $1 AND kind = 'hardship_review'`, [hardship.id])).toBe(PRODUCT_NOW);

    const called = await account();
    const callback = await scheduleCallback(ctx, actor(collector), called.id, { localTime: '2026-03-02T15:30' });
    expect(await at('SELECT created_at AS t FROM callbacks WHERE id = $1', [callback.callback_id])).toBe(PRODUCT_NOW);
  });
});
