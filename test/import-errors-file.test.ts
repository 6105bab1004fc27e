import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR, type AppContext } from '../src/app/context.ts';
import { importPayments } from '../src/app/import/import-payments.ts';
import { importPlacements } from '../src/app/import/import-placements.ts';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newUser, testContext } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';
import { PLACEMENT_HEADER_ZH, placementCells, placementFixtures, tempDir, writeCsv } from './support/import-fixtures.ts';

/*
 * Banks name their daily files alike (payments.csv every day), so two imports' errors files would
 * be written to the same place. Each batch keeps its own rejected rows: a file imported again is
 * answered with its first import's rows, and a clean import leaves no earlier errors file beside it.
 */
let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
let cookie: string;
const accounts = placementFixtures(3).map((f) => f.accountNo);
const header = ['账号', '交易流水号', '还款金额', '还款日期'];

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool); // business date 2026-03-02
  app = await buildServer(ctx);
  dir = await tempDir();
  await db.pool.query(`INSERT INTO creditors (code, name) VALUES ('BANK1', '华裕银行')`);
  const file = await writeCsv(path.join(dir, 'placements.csv'), [...PLACEMENT_HEADER_ZH, '委案日期'], placementFixtures(3).map((f) => [...placementCells(f), '2026-02-01']));
  await importPlacements(ctx, CLI_ACTOR, { filePath: file, creditor: 'BANK1' });
  cookie = await signInCookie(app, (await newUser(db.pool, 'admin')).username);
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

const rowNumbers = async (file: string) => (parse(await fs.readFile(file, 'utf8'), { bom: true, columns: true }) as Array<{ row_number: string }>).map((r) => r.row_number);

describe("each import's errors file is its own", () => {
  it('a file imported again is answered with its own rejected rows, not those of the next file of the same name', async () => {
    const file = path.join(dir, 'payments.csv');
    const monday = [[accounts[0]!, 'M1', '100.00', '2026-02-20'], ['NO-SUCH-1', 'M2', '5.00', '2026-02-20'], ['NO-SUCH-2', 'M3', '5.00', '2026-02-20']];
    await writeCsv(file, header, monday);
    const first = (await importPayments(ctx, CLI_ACTOR, { filePath: file, creditor: 'BANK1' })).summary;
    expect(first).toMatchObject({ rejected: 2, errors_file: `${file}.errors.csv` });
    expect(await rowNumbers(first.errors_file!)).toEqual(['3', '4']);

    // Tuesday's file, the same name: its one bad row is written there.
    await writeCsv(file, header, [[accounts[1]!, 'T1', '1.00', '2026-02-21'], ['NO-SUCH-3', 'T2', '5.00', '2026-02-21']]);
    const tuesday = (await importPayments(ctx, CLI_ACTOR, { filePath: file, creditor: 'BANK1' })).summary;
    expect(await rowNumbers(tuesday.errors_file!)).toEqual(['3']);

    // Monday's file again: nothing imported, and its errors file is Monday's (it named Tuesday's rows).
    await writeCsv(file, header, monday);
    const again = (await importPayments(ctx, CLI_ACTOR, { filePath: file, creditor: 'BANK1' })).summary;
    expect(again).toMatchObject({ inserted: 0, rejected: 2, errors_file: `${file}.errors.csv` });
    expect(await rowNumbers(again.errors_file!)).toEqual(['3', '4']);
    expect(await fs.readFile(again.errors_file!, 'utf8')).toContain('NO-SUCH-2');
    // Asked for elsewhere (--errors), it is written there.
    const elsewhere = path.join(dir, 'monday-errors.csv');
    const named = (await importPayments(ctx, CLI_ACTOR, { filePath: file, creditor: 'BANK1', errorsPath: elsewhere })).summary;
    expect(named.errors_file).toBe(elsewhere);
    expect(await rowNumbers(elsewhere)).toEqual(['3', '4']);

    // The API gives each batch its own rows too.
    const download = async (id: number) => (await app.inject({ method: 'GET', url: `/api/imports/${id}/errors`, headers: { cookie } }));
    const mondayRows = await download(first.batch_id);
    expect(mondayRows.statusCode, mondayRows.body).toBe(200);
    expect(mondayRows.body).toContain('NO-SUCH-2');
    expect(mondayRows.body).not.toContain('NO-SUCH-3');
    expect((await download(tuesday.batch_id)).body).toContain('NO-SUCH-3');
  });

  it('a clean import leaves no earlier errors file where its own would be', async () => {
    const file = path.join(dir, 'clean.csv');
    await writeCsv(file, header, [['NO-SUCH-9', 'C1', '5.00', '2026-02-20']]);
    const bad = (await importPayments(ctx, CLI_ACTOR, { filePath: file, creditor: 'BANK1' })).summary;
    expect(bad.rejected).toBe(1);
    await writeCsv(file, header, [[accounts[2]!, 'C2', '5.00', '2026-02-20']]);
    const clean = (await importPayments(ctx, CLI_ACTOR, { filePath: file, creditor: 'BANK1' })).summary;
    expect(clean).toMatchObject({ rejected: 0, errors_file: null });
    await expect(fs.access(`${file}.errors.csv`)).rejects.toThrow();
  });
});
