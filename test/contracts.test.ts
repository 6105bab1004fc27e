import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR } from '../src/app/context.ts';
import { setContract } from '../src/app/contracts/set-contract.ts';
import { showContract } from '../src/app/contracts/show-contract.ts';
import { promiseMaxDays } from '../src/domain/workstation/index.ts';
import { recordPayment } from '../src/app/payments/record-payment.ts';
import { buildServer } from '../src/http/server.ts';
import { signInCookie } from './support/http.ts';
import { loadContractTerms } from '../src/db/strategy-repository.ts';
import { graceDaysOf } from '../src/domain/promises/index.ts';
import { runCli } from './support/cli.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { CONTRACT } from './support/money-fixtures.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext } from './support/fixtures.ts';


let db: TestDatabase;
let env: Record<string, string>;
let dir: string;
let bankId: number;

beforeAll(async () => {
  db = await createTestDatabase();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-contracts-'));
  env = { DATABASE_URL: db.url, LEEWAY_DATA_DIR: dir };
  bankId = (await newCreditor(db.pool, 'BANK1')).id;
  // An older version written before contracts had their own shape: old key names and other parts' keys.
  await db.pool.query(`INSERT INTO contracts (creditor_id, version, name, pack, effective_from, terms) VALUES ($1, 1, 'old', 'CN', '2025-01-01',
    '{"grace_days": 6, "waiver_authority": {"interest_bp": 1}, "promise_max_days": 20}')`, [bankId]);
});

afterAll(async () => {
  await db?.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

async function file(name: string, value: unknown): Promise<string> {
  const p = path.join(dir, name);
  await fs.writeFile(p, JSON.stringify(value));
  return p;
}

describe('leeway contracts', () => {
  it('older terms keep working: the strategy reads grace_days when promise_grace_days is absent', async () => {
    const terms = await loadContractTerms(db.pool, '2026-03-01');
    expect(graceDaysOf(terms.get(bankId)!)).toBe(6);
  });

  it('sets a new version from JSON, keeps the earlier one, and stores the operational keys in terms', async () => {
    const set = await runCli(['contracts', 'set', '--creditor', 'BANK1', '--input', await file('c.json', CONTRACT), '--effective-from', '2026-02-01', '--json'], { env });
    expect(set.stderr).toBe('');
    expect(JSON.parse(set.stdout)).toEqual({ creditor: 'BANK1', version: 2, effective_from: '2026-02-01' });
    const { rows } = await db.pool.query('SELECT version, terms, commission, placement_days FROM contracts WHERE creditor_id = $1 ORDER BY version', [bankId]);
    expect(rows).toHaveLength(2);
    expect(rows[0].terms.grace_days).toBe(6); // the old version is untouched
    expect(rows[1].terms).toEqual({
      promise_grace_days: 3, plan_grace_days: 5, hardship_decision_days: 10, waiver_limits: CONTRACT.waiver_limits,
      allocation_order: ['fees', 'interest', 'principal'], placement_days: 90, promise_max_days: 20, // carried over
    });
    expect(rows[1].commission).toEqual(CONTRACT.commission);
    expect(rows[1].placement_days).toBe(90);
    // The version in force at a date applies: before 2026-02-01 the old grace, after it the new one.
    expect(graceDaysOf((await loadContractTerms(db.pool, '2026-01-15')).get(bankId)!)).toBe(6);
    expect(graceDaysOf((await loadContractTerms(db.pool, '2026-02-15')).get(bankId)!)).toBe(3);

    const show = await runCli(['contracts', 'show', '--creditor', 'BANK1', '--json'], { env });
    const shown = JSON.parse(show.stdout);
    expect(shown.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    // With the term it carried over, which the contract JSON now says (so a version saved from it keeps it).
    expect(shown.versions[0].contract).toEqual({ ...CONTRACT, promise_max_days: 20 });
    const text = await runCli(['contracts', 'show', '--creditor', 'BANK1'], { env });
    expect(text.stdout).toContain('Version 2 (from 2026-02-01): Bank One, placement 90 days, tiers M1-M3 800 bp, M4-M6 1500 bp, M7+ 2500 bp, allocation fees > interest > principal');
  });

  it('refuses bad contracts with exit 2 and a message naming the field', async () => {
    const cases: [unknown, RegExp][] = [
      [{ ...CONTRACT, extra: 1 }, /Contract extra: unknown key "extra"/],
      [{ ...CONTRACT, commission: { tiers: [{ from: 'M1', to: 'M3', rate_bp: 800 }, { from: 'M3', rate_bp: 900 }] } }, /commission\.tiers\.1\.from: M3 overlaps/],
      [{ ...CONTRACT, commission: { tiers: [{ from: 'M1', to: 'M3', rate_bp: 800 }, { from: 'M5', rate_bp: 900 }] } }, /commission\.tiers\.1\.from: M5 leaves M4 without a tier/],
      [{ ...CONTRACT, commission: { tiers: [{ from: 'M1', to: 'M3', rate_bp: 10001 }, { from: 'M4', rate_bp: 900 }] } }, /commission\.tiers\.0\.rate_bp/],
      [{ ...CONTRACT, creditor: 'BANK2' }, /creditor is BANK2 but it is being set for BANK1/],
    ];
    // Through the command for two of them (exit code and message); the rest through the use case (the same check).
    for (const [i, [contract, message]] of cases.slice(0, 2).entries()) {
      const res = await runCli(['contracts', 'set', '--creditor', 'BANK1', '--input', await file(`bad${i}.json`, contract)], { env });
      expect(res.code, res.stderr).toBe(2);
      expect(res.stderr).toMatch(message);
    }
    for (const [contract, message] of cases.slice(2)) {
      await expect(setContract(testContext(db.pool), CLI_ACTOR, { creditor: 'BANK1', contract })).rejects.toThrow(message);
    }
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM contracts WHERE creditor_id = $1', [bankId]);
    expect(rows[0].n).toBe(2);
  });

  it("refuses a version starting before the one in force, and another country's pack for a creditor with accounts", async () => {
    const ctx = testContext(db.pool);
    // Version 2 is in force from 2026-02-01: a version from January would take over days it already ruled.
    await expect(setContract(ctx, CLI_ACTOR, { creditor: 'BANK1', contract: CONTRACT, effectiveFrom: '2026-01-15' }))
      .rejects.toMatchObject({ field: 'effective_from', message: expect.stringContaining('in force from 2026-02-01: a new version starts on or after that day') });
    // With an account on file, a US contract would read its yuan as dollars and its debtor by US rules.
    const debtor = await newDebtor(ctx);
    const team = await newTeam(db.pool);
    await newAccount(db.pool, { creditorId: bankId, debtorId: debtor.id, collectorId: (await newUser(db.pool, 'collector', { teamId: team.id })).id, teamId: team.id });
    await expect(setContract(ctx, CLI_ACTOR, { creditor: 'BANK1', contract: { ...CONTRACT, pack: 'US' } }))
      .rejects.toMatchObject({ field: 'pack', message: expect.stringContaining('has 1 account under its CN contract') });
    const { rows } = await db.pool.query('SELECT count(*)::int AS n FROM contracts WHERE creditor_id = $1', [bankId]);
    expect(rows[0].n).toBe(2);
  });

  it('is audited, and only an admin may set one', async () => {
    const ctx = testContext(db.pool);
    const result = await setContract(ctx, CLI_ACTOR, { creditor: 'BANK1', contract: { ...CONTRACT, promise_grace_days: 4 } });
    expect(result.version).toBe(3);
    const { rows } = await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'contract.set' ORDER BY id DESC LIMIT 1`);
    expect(rows[0].detail).toMatchObject({ version: 3, contract: { promise_grace_days: 4 } });
    await expect(setContract(ctx, { ...CLI_ACTOR, role: 'supervisor', teamId: 1 }, { creditor: 'BANK1', contract: CONTRACT })).rejects.toThrow(/Only admins may/);
  });
});

describe('a contract version set from the screen or the API', () => {
  it("goes to the creditor chosen, or is refused when its JSON names another; the answer names the creditor", async () => {
    const ctx = testContext(db.pool);
    const app = await buildServer(ctx);
    try {
      await newCreditor(db.pool, 'BANK2');
      const admin = await newUser(db.pool, 'admin');
      const cookie = await signInCookie(app, admin.username);
      const versions = async (code: string) => (await db.pool.query(
        'SELECT count(*)::int AS n FROM contracts k JOIN creditors c ON c.id = k.creditor_id WHERE c.code = $1', [code])).rows[0].n;
      const [bank1, bank2] = [await versions('BANK1'), await versions('BANK2')];
      const wrong = await app.inject({ method: 'POST', url: '/api/contracts?creditor=BANK1&effective_from=2026-03-10', headers: { cookie },
        payload: { ...CONTRACT, creditor: 'BANK2' } });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().error).toMatchObject({ field: 'creditor', message: 'Contract creditor is BANK2 but it is being set for BANK1; they must be the same' });
      expect([await versions('BANK1'), await versions('BANK2')]).toEqual([bank1, bank2]);
      const right = await app.inject({ method: 'POST', url: '/api/contracts?creditor=BANK2&effective_from=2026-03-10', headers: { cookie },
        payload: { ...CONTRACT, creditor: 'BANK2' } });
      expect(right.statusCode, right.body).toBe(201);
      expect(right.json()).toEqual({ creditor: 'BANK2', version: 1, effective_from: '2026-03-10' });
    } finally {
      await app.close();
    }
  });

  it("may not start on a day the creditor's payments were settled from: their commission stays under the version they were settled by", async () => {
    const ctx = testContext(db.pool); // 2026-03-02
    const account = (await db.pool.query('SELECT id FROM accounts WHERE creditor_id = $1 LIMIT 1', [bankId])).rows[0].id as number;
    const paid = await recordPayment(ctx, CLI_ACTOR, { accountId: account, amountFen: 1000, paidOn: '2026-03-02' });
    const before = (await db.pool.query('SELECT count(*)::int AS n FROM contracts WHERE creditor_id = $1', [bankId])).rows[0].n;
    // The screen is told the first day a version may start, and starts there rather than at a today it would refuse.
    expect((await showContract(ctx, CLI_ACTOR, 'BANK1')).earliest_effective_from).toBe('2026-03-03');
    await expect(setContract(ctx, CLI_ACTOR, { creditor: 'BANK1', contract: CONTRACT, effectiveFrom: '2026-03-02' })).rejects.toMatchObject({ field: 'effective_from',
      message: "BANK1's payments up to 2026-03-02 are settled already, their commission under the contract in force on each one's date; a new version starts after them, on 2026-03-03 or later, not 2026-03-02" });
    expect((await db.pool.query('SELECT count(*)::int AS n FROM contracts WHERE creditor_id = $1', [bankId])).rows[0].n).toBe(before);
    // From the day after, it may: the payment keeps the rate it was settled at.
    expect(await setContract(ctx, CLI_ACTOR, { creditor: 'BANK1', contract: CONTRACT, effectiveFrom: '2026-03-03' })).toMatchObject({ version: before + 1 });
    expect((await db.pool.query('SELECT rate_bp FROM payments WHERE id = $1', [paid.id])).rows[0].rate_bp).toBe(paid.rate_bp);
  });

  it('sets the terms other parts read (the promise limit, the longest plan, the complaint deadline, the credit window), shown back as set, each checked', async () => {
    const ctx = testContext(db.pool);
    const terms = { promise_max_days: 14, max_instalment_months: 36, complaint_days: 10, turnover_credit_days: 3 };
    await setContract(ctx, CLI_ACTOR, { creditor: 'BANK1', contract: { ...CONTRACT, ...terms }, effectiveFrom: '2026-03-04' });
    const [latest] = (await showContract(ctx, CLI_ACTOR, 'BANK1')).versions;
    expect(latest!.contract).toMatchObject(terms);
    expect(latest!.terms).toMatchObject(terms);
    // The readers take them: a promise for 15 days ahead is past this bank's limit.
    expect(promiseMaxDays(latest!.terms)).toBe(14);
    await expect(setContract(ctx, CLI_ACTOR, { creditor: 'BANK1', contract: { ...CONTRACT, max_instalment_months: 72 }, effectiveFrom: '2026-03-05' }))
      .rejects.toMatchObject({ field: 'max_instalment_months' });
    // Left out of a later version (an older file), a term carries over; given, it changes.
    await setContract(ctx, CLI_ACTOR, { creditor: 'BANK1', contract: CONTRACT, effectiveFrom: '2026-03-05' });
    expect((await showContract(ctx, CLI_ACTOR, 'BANK1')).versions[0]!.contract).toMatchObject(terms);
    await setContract(ctx, CLI_ACTOR, { creditor: 'BANK1', contract: { ...CONTRACT, promise_max_days: 30 }, effectiveFrom: '2026-03-05' });
    expect((await showContract(ctx, CLI_ACTOR, 'BANK1')).versions[0]!.contract).toMatchObject({ ...terms, promise_max_days: 30 });
  });
});
