import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/support/cli.ts';

// `hardship quote` is pure arithmetic: no database is opened, so these run as unit tests.
const ISSUE_EXAMPLE = {
  pack: 'CN', principal_fen: 5_000_000, interest_fen: 320_000, fees_fen: 80_000,
  waive: ['interest', 'fees'], months: 60, first_due_date: '2026-01-31', monthly_fee_bp: 0,
};

interface Schedule {
  plan_amount_fen: number;
  total_fee_fen: number;
  total_fen: number;
  instalments: Array<{ n: number; due_date: string; principal_fen: number; fee_fen: number; amount_fen: number }>;
}

const quote = (request: unknown, args: string[] = []) =>
  runCli(['hardship', 'quote', ...args], { input: typeof request === 'string' ? request : JSON.stringify(request) });

let dir: string;
beforeAll(async () => { dir = await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-hardship-')); });
afterAll(async () => { await fs.rm(dir, { recursive: true, force: true }); });

// Each case spawns the real CLI (about a second to start), so allow more than the default 5 s.
describe('leeway hardship quote', { timeout: 30_000 }, () => {
  it('reads the request on stdin and prints the schedule from the issue', async () => {
    const result = await quote(ISSUE_EXAMPLE);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const schedule = JSON.parse(result.stdout) as Schedule;
    expect(Object.keys(schedule)).toEqual(['plan_amount_fen', 'total_fee_fen', 'total_fen', 'instalments']);
    expect(schedule).toMatchObject({ plan_amount_fen: 5_000_000, total_fee_fen: 0, total_fen: 5_000_000 });
    expect(schedule.instalments).toHaveLength(60);
    expect(Object.keys(schedule.instalments[0] ?? {})).toEqual(['n', 'due_date', 'principal_fen', 'fee_fen', 'amount_fen']);
    expect(schedule.instalments.slice(0, 4)).toEqual([
      { n: 1, due_date: '2026-01-31', principal_fen: 83_333, fee_fen: 0, amount_fen: 83_333 },
      { n: 2, due_date: '2026-02-28', principal_fen: 83_333, fee_fen: 0, amount_fen: 83_333 },
      { n: 3, due_date: '2026-03-31', principal_fen: 83_333, fee_fen: 0, amount_fen: 83_333 },
      { n: 4, due_date: '2026-04-30', principal_fen: 83_333, fee_fen: 0, amount_fen: 83_333 },
    ]);
    expect(schedule.instalments[59]).toEqual({ n: 60, due_date: '2030-12-31', principal_fen: 83_353, fee_fen: 0, amount_fen: 83_353 });
  });

  it('reads the request from --input FILE', async () => {
    const file = path.join(dir, 'plan.json');
    await fs.writeFile(file, JSON.stringify({ ...ISSUE_EXAMPLE, waive: ['interest'], months: 12, monthly_fee_bp: 60 }, null, 2));
    const result = await runCli(['hardship', 'quote', '--input', file]);
    expect(result.code, result.stderr).toBe(0);
    const schedule = JSON.parse(result.stdout) as Schedule;
    // 5,080,000 fen carried; 0.6 % a month = 30,480 fen every month.
    expect(schedule).toMatchObject({ plan_amount_fen: 5_080_000, total_fee_fen: 365_760, total_fen: 5_445_760 });
    expect(schedule.instalments[0]).toEqual({ n: 1, due_date: '2026-01-31', principal_fen: 423_333, fee_fen: 30_480, amount_fen: 453_813 });
    expect(schedule.instalments[11]).toEqual({ n: 12, due_date: '2026-12-31', principal_fen: 423_337, fee_fen: 30_480, amount_fen: 453_817 });
  });

  it.each([
    [{ months: 61 }, 'A plan may run at most 60 months: the number of monthly instalments must be a whole number from 1 to 60; got 61'],
    [{ months: 0 }, 'A plan may run at most 60 months: the number of monthly instalments must be a whole number from 1 to 60; got 0'],
    [{ principal_fen: -1 }, 'principal_fen must be a whole, non-negative number of fen'],
    [{ interest_fen: 12.5 }, 'interest_fen must be a whole, non-negative number of fen'],
    [{ fees_fen: '800' }, 'fees_fen must be a whole, non-negative number of fen'],
    [{ waive: ['interest', 'penalty'] }, 'waive holds "penalty", which is not a balance part'],
    [{ first_due_date: '2026-02-30' }, 'first_due_date must be a real calendar date written YYYY-MM-DD'],
    [{ monthly_fee_bp: -5 }, 'The monthly plan fee (monthly_fee_bp) must be a whole number of basis points from 0 to 10000'],
    [{ pack: 'XX' }, 'pack must be one of CN, US, UK'],
  ])('exits 2 naming the field for %j', async (patch, message) => {
    const result = await quote({ ...ISSUE_EXAMPLE, ...patch });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`leeway: ${message}`);
  });

  it('exits 2 on malformed JSON, an empty request and a missing file', async () => {
    const malformed = await quote('{"pack": "CN", ');
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/^leeway: The plan request on standard input is not valid JSON/);
    const empty = await quote('');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^leeway: The plan request on standard input is empty/);
    const missing = await runCli(['hardship', 'quote', '--input', path.join(dir, 'absent.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('absent.json: cannot read the file (no such file)');
  });

  it('exits 2 when the JSON is not a request object', async () => {
    const result = await quote([ISSUE_EXAMPLE]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^leeway: A plan quote request must be a JSON object/);
  });
});
