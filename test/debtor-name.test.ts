import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR, type AppContext } from '../src/app/context.ts';
import { importPlacements } from '../src/app/import/import-placements.ts';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newActiveAccount, newCreditor, newTeam, newUser, testContext } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';
import { PLACEMENT_HEADER_EN, PLACEMENT_HEADER_ZH, placementCells, placementFixtures, tempDir, writeCsv } from './support/import-fixtures.ts';

/**
 * 姓名更正: a team lead or admin corrects a debtor's name on the bank's word. The placement import
 * refuses a new account whose ID number is on file under another name; after the correction, a
 * file under the new name finds the debtor.
 */
let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
let bank: { id: number };
let team: { id: number };
let collector: Awaited<ReturnType<typeof newUser>>;
const cookies: Record<'admin' | 'supervisor' | 'otherSupervisor' | 'collector', string> = { admin: '', supervisor: '', otherSupervisor: '', collector: '' };

const correct = (accountId: number, body: Record<string, unknown>, who: keyof typeof cookies) =>
  app.inject({ method: 'POST', url: `/api/accounts/${accountId}/debtor-name`, headers: { cookie: cookies[who] }, payload: body });
const nameOf = async (debtorId: number) => (await db.pool.query(`SELECT name FROM debtors WHERE id = $1`, [debtorId])).rows[0].name as string;

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);
  app = await buildServer(ctx);
  dir = await tempDir();
  bank = await newCreditor(db.pool, 'NAMES');
  team = await newTeam(db.pool);
  const otherTeam = await newTeam(db.pool);
  collector = await newUser(db.pool, 'collector', { teamId: team.id });
  const users = {
    admin: await newUser(db.pool, 'admin'), supervisor: await newUser(db.pool, 'supervisor', { teamId: team.id }),
    otherSupervisor: await newUser(db.pool, 'supervisor', { teamId: otherTeam.id }), collector,
  };
  for (const who of Object.keys(users) as Array<keyof typeof users>) cookies[who] = await signInCookie(app, users[who].username);
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

describe("correcting a debtor's name (姓名更正)", () => {
  it('takes a new name with its reason, audits the reason without either name, and a later file under the new name finds the debtor', async () => {
    const [a] = placementFixtures(1, 2_000).map(placementCells);
    const first = await importPlacements(ctx, CLI_ACTOR, { filePath: await writeCsv(path.join(dir, 'first.csv'), PLACEMENT_HEADER_ZH, [a!]), creditor: 'NAMES' });
    expect(first.summary.inserted).toBe(1);
    const { rows: [account] } = await db.pool.query(`SELECT id, debtor_id, version FROM accounts WHERE account_no = $1`, [a![0]]);

    // The bank's file under the married name is refused while the debtor is on file under the old one.
    const married = [`${a![0]}1`, '陈静', ...a!.slice(2)];
    const before = await importPlacements(ctx, CLI_ACTOR, { filePath: await writeCsv(path.join(dir, 'married-1.csv'), PLACEMENT_HEADER_ZH, [married]), creditor: 'NAMES' });
    expect(before.summary).toMatchObject({ inserted: 0, rejected: 1 });

    const noReason = await correct(account.id, { name: '陈静', reason: '', expected_version: account.version }, 'admin');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error).toMatchObject({ field: 'reason' });
    expect(await nameOf(account.debtor_id)).toBe(a![1]);
    expect((await correct(account.id, { name: '陈静', reason: '银行 2026-11-30 来函：已改名', expected_version: account.version }, 'collector')).statusCode).toBe(403);

    const res = await correct(account.id, { name: ' 陈静 ', reason: '银行 2026-11-30 来函：已改名', expected_version: account.version }, 'admin');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ version: account.version + 1, name: '陈静' });
    expect(await nameOf(account.debtor_id)).toBe('陈静');
    const audit = (await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'debtor.name_corrected' AND entity_id = $1`, [String(account.debtor_id)])).rows;
    expect(audit).toEqual([{ detail: { account_id: account.id, reason: '银行 2026-11-30 来函：已改名' } }]);
    // The same name again is said to be the name already.
    const same = await correct(account.id, { name: '陈静', reason: '再次确认', expected_version: account.version + 1 }, 'admin');
    expect(same.statusCode).toBe(400);
    expect(same.json().error.message).toMatch(/already 陈静/);

    // (The same row sent again, in another file: the same bytes would be the same file, which changes nothing.)
    const after = await importPlacements(ctx, CLI_ACTOR, { filePath: await writeCsv(path.join(dir, 'married-2.csv'), PLACEMENT_HEADER_EN, [married]), creditor: 'NAMES' });
    expect(after.summary).toMatchObject({ inserted: 1, rejected: 0 });
    expect((await db.pool.query(`SELECT debtor_id FROM accounts WHERE account_no = $1`, [married[0]])).rows[0].debtor_id).toBe(account.debtor_id);
    // And a file under the old name is now the one refused, with its reason.
    const old = [`${a![0]}2`, ...a!.slice(1)];
    const refused = await importPlacements(ctx, CLI_ACTOR, { filePath: await writeCsv(path.join(dir, 'old-name.csv'), PLACEMENT_HEADER_ZH, [old]), creditor: 'NAMES' });
    expect(refused.summary).toMatchObject({ inserted: 0, rejected: 1 });
    const errors = parse(await fs.readFile(refused.summary.errors_file!, 'utf8'), { bom: true, columns: true }) as Array<Record<string, string>>;
    expect(errors[0]!.reason).toMatch(/already on file for a debtor under another name/);
  });

  it("is a team lead's for their team's accounts and an admin's; not a collector's", async () => {
    const a = await newActiveAccount(ctx, { creditorId: bank.id, collectorId: collector.id, teamId: team.id });
    const body = { name: 'Jane Doe-Smith', reason: 'debtor sent her marriage certificate' };
    expect((await correct(a.id, body, 'collector')).statusCode).toBe(403);
    expect((await correct(a.id, body, 'otherSupervisor')).statusCode).toBe(404);
    const page = await app.inject({ method: 'GET', url: `/api/accounts/${a.id}/page`, headers: { cookie: cookies.collector } });
    expect(page.json().may_correct_name).toBe(false);
    const lead = await app.inject({ method: 'GET', url: `/api/accounts/${a.id}/page`, headers: { cookie: cookies.supervisor } });
    expect(lead.json().may_correct_name).toBe(true);
    expect((await correct(a.id, body, 'supervisor')).statusCode).toBe(200);
    expect(await nameOf(a.debtorId)).toBe('Jane Doe-Smith');
  });
});
