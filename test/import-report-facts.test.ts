import fs from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR, type AppContext } from '../src/app/context.ts';
import { importPlacements } from '../src/app/import/import-placements.ts';
import { addDays, type LocalDate } from '../src/domain/calendar.ts';
import { placementBucket, reportRegion } from '../src/domain/reports/index.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newCreditor, newDebtor, testContext } from './support/fixtures.ts';
import { makeIdNumber, tempDir, writeCsv } from './support/import-fixtures.ts';

/**
 * A placement import writes its new accounts' report rows itself (migration 0049) instead of the
 * report trigger: they must be exactly what the trigger writes for any other insert, on a real
 * database, so the recovery and vintage reports cannot tell which way an account came in.
 */
let db: TestDatabase;
let ctx: AppContext;
let dir: string;

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);
  dir = await tempDir();
  await newCreditor(db.pool, 'FACTS');
});
afterAll(async () => {
  await db?.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

/** What the report trigger writes for accounts (migration 0044/0049's report_facts_add), computed from the accounts as stored. */
const TRIGGER_FACTS = `
  SELECT a.creditor_id, a.id AS account_id, a.placement_id, date_trunc('month', p.placed_on)::date::text AS placement_month,
         report_region(a.region_code) AS region_prefix, report_bucket(p.placed_on - a.first_delinquency_date) AS bucket,
         a.principal_fen + a.interest_fen + a.fees_fen AS placed_fen, 0::bigint AS collector_id
    FROM accounts a JOIN placements p ON p.creditor_id = a.creditor_id AND p.id = a.placement_id`;

describe("a placement import's report rows", () => {
  it('are the rows the report trigger would write, and report_placed adds them up per cell', async () => {
    const header = ['account_no', 'debtor_name', 'id_number', 'phone', 'region_code', 'province', 'principal', 'interest', 'fees', 'first_delinquency_date', 'placement_date'];
    const rows = [
      ['F001', '甲', makeIdNumber('420102', '19900307', 1), '13800000001', '420102', '', '1000.00', '10.00', '1.00', '2026-01-10', '2026-03-02'],
      ['F002', '乙', makeIdNumber('110101', '19850101', 2), '13800000002', '', '北京市', '2000.00', '', '', '2025-06-01', '2026-03-02'],
      ['F003', '丙', makeIdNumber('310101', '19800101', 3), '13800000003', '', '', '3000.00', '0', '0', '2026-02-25', '2026-02-20'],   // not yet due when placed: M0
      ['F004', '甲', makeIdNumber('420102', '19900307', 1), '13800000001', '420102', '', '400.00', '', '', '2025-12-31', '2026-02-27'],   // the same debtor again
      ['F005', '丁', makeIdNumber('440301', '19700101', 5), '13800000005', '440301', '', '5.00', '', '', '2026-02-01', '2026-03-02'],
    ];
    const file = await writeCsv(path.join(dir, 'facts.csv'), header, rows);
    const { summary } = await importPlacements(ctx, CLI_ACTOR, { filePath: file, creditor: 'FACTS' });
    expect(summary, summary.errors_file ? await fs.readFile(summary.errors_file, 'utf8') : '').toMatchObject({ inserted: 5, rejected: 0 });

    const written = (await db.pool.query(`SELECT creditor_id, account_id, placement_id, placement_month::text, region_prefix, bucket, placed_fen, collector_id
      FROM report_account_facts ORDER BY account_id`)).rows;
    expect(written).toHaveLength(5);
    expect(written).toEqual((await db.pool.query(`${TRIGGER_FACTS} ORDER BY a.id`)).rows);
    expect(written.map((r) => [r.region_prefix, r.bucket, r.placement_month])).toEqual([
      ['42', 'M2', '2026-03-01'], ['11', 'M7+', '2026-03-01'], ['31', 'M0', '2026-02-01'], ['42', 'M2', '2026-02-01'], ['44', 'M1', '2026-03-01']]);
    const placed = (await db.pool.query(`SELECT placement_month::text, region_prefix, bucket, collector_id, accounts, placed_fen FROM report_placed ORDER BY 1, 2, 3`)).rows;
    expect(placed).toEqual((await db.pool.query(`SELECT placement_month::text, region_prefix, bucket, collector_id, count(*)::bigint AS accounts, sum(placed_fen)::bigint AS placed_fen
      FROM report_account_facts GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3`)).rows);

    // A second file adds to the same cells rather than writing them again.
    const more = await writeCsv(path.join(dir, 'facts-2.csv'), header,
      [['F006', '戊', makeIdNumber('420102', '19950101', 6), '13800000006', '420102', '', '100.00', '', '', '2026-01-20', '2026-03-02']]);
    expect((await importPlacements(ctx, CLI_ACTOR, { filePath: more, creditor: 'FACTS' })).summary).toMatchObject({ inserted: 1 });
    expect((await db.pool.query(`SELECT accounts, placed_fen FROM report_placed WHERE placement_month = '2026-03-01' AND region_prefix = '42'`)).rows)
      .toEqual([{ accounts: 2, placed_fen: 101_100 + 10_000 }]);
  });

  it('accounts inserted any other way are still counted by the trigger', async () => {
    const { rows: [creditor] } = await db.pool.query(`SELECT id FROM creditors WHERE code = 'FACTS'`);
    const debtor = await newDebtor(ctx);
    const { rows: [account] } = await db.pool.query(`INSERT INTO accounts (creditor_id, account_no, account_no_mask, debtor_id, placement_id, principal_fen, interest_fen, fees_fen,
        first_delinquency_date, region_code) VALUES ($1, 'OTHER1', '****ER1', $2, (SELECT min(id) FROM placements WHERE creditor_id = $1), 700, 0, 0, '2026-01-01', 'US-MA') RETURNING id`,
    [creditor.id, debtor.id]);
    const { rows } = await db.pool.query(`SELECT region_prefix, placed_fen FROM report_account_facts WHERE account_id = $1`, [account.id]);
    expect(rows).toEqual([{ region_prefix: 'US-MA', placed_fen: 700 }]);
  });

  it("reportRegion and placementBucket say what the database's report_region and report_bucket say", async () => {
    const code = fc.oneof(fc.constant(null), fc.constant(''), fc.stringMatching(/^\d{2,6}$/), fc.constantFrom('US-MA', 'US-', 'us-ma', 'U', 'USA'),
      fc.string({ maxLength: 8 }).filter((s) => !s.includes('\0')));
    const day = fc.integer({ min: -3000, max: 3000 }).map((n) => addDays('2026-01-01' as LocalDate, n));
    const cases = fc.sample(fc.tuple(code, day, day), 400);
    const { rows } = await db.pool.query(`SELECT report_region(c) AS region, report_bucket(p - f) AS bucket
      FROM unnest($1::text[], $2::date[], $3::date[]) WITH ORDINALITY AS t(c, f, p, i) ORDER BY i`,
    [cases.map((c) => c[0]), cases.map((c) => c[1]), cases.map((c) => c[2])]);
    expect(cases.map(([c, f, p]) => [reportRegion(c), placementBucket(f, p)])).toEqual(rows.map((r) => [r.region, r.bucket]));
  });
});
