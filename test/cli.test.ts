import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { runCli } from './support/cli.ts';

let db: TestDatabase;
let dataDir: string;
beforeAll(async () => {
  db = await createTestDatabase();
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-cli-'));
});
afterAll(async () => { await db?.drop(); await fs.rm(dataDir, { recursive: true, force: true }); });

const cli = (args: string[]) => runCli(args, { env: { DATABASE_URL: db.url, LEEWAY_DATA_DIR: dataDir } });

describe('leeway CLI', () => {
  it('adds and lists creditors, with --json for scripts', async () => {
    const added = await cli(['creditors', 'add', 'BANK1', '--name', 'Bank One', '--json']);
    expect(added.code, added.stderr).toBe(0);
    expect(JSON.parse(added.stdout)).toMatchObject({ code: 'BANK1', name: 'Bank One' });
    const listed = await cli(['creditors', 'list', '--json']);
    expect(JSON.parse(listed.stdout)).toEqual([expect.objectContaining({ code: 'BANK1', name: 'Bank One', name_en: null, accounts: 0 })]);
    const human = await cli(['creditors', 'list']);
    expect(human.stdout).toMatch(/BANK1\s+0\s+Bank One/);
    // 还款方式: where this bank's debtors pay it.
    const pay = await cli(['creditors', 'repayment', 'BANK1', '--zh', '手机银行“信用卡还款”', '--json']);
    expect(pay.code, pay.stderr).toBe(0);
    expect(JSON.parse(pay.stdout)).toEqual({ repayment_zh: '手机银行“信用卡还款”', repayment_en: null });
    expect((await cli(['creditors', 'repayment', 'NOSUCH', '--zh', 'x'])).stderr).toContain('No creditor "NOSUCH"');
    // A code typed in small letters is the creditor's (codes are kept in capitals, as the API reads them).
    const lower = await cli(['creditors', 'repayment', 'bank1', '--zh', '手机银行“信用卡还款”', '--json']);
    expect(lower.code, lower.stderr).toBe(0);
    // Its name in English (for debtors reading English or Spanish): given when added, or set later; "" clears it.
    const both = await cli(['creditors', 'add', 'HUAYU', '--name', '华裕银行', '--name-en', ' Huayu  Bank ']);
    expect(both.stdout).toBe('Added creditor HUAYU (华裕银行, in English Huayu Bank)\n');
    const renamed = await cli(['creditors', 'name-en', 'BANK1', 'First Bank', '--json']);
    expect(JSON.parse(renamed.stdout)).toEqual({ code: 'BANK1', name: 'Bank One', name_en: 'First Bank' });
    expect((await cli(['creditors', 'list'])).stdout).toMatch(/BANK1\s+0\s+Bank One \(First Bank\)\nHUAYU\s+0\s+华裕银行 \(Huayu Bank\)\n/);
    const han = await cli(['creditors', 'name-en', 'BANK1', '第一银行']);
    expect(han.code).toBe(2);
    expect(han.stderr).toContain('has Chinese characters: write it in Latin letters');
    expect((await cli(['creditors', 'name-en', 'BANK1', 'huayu bank'])).stderr).toContain('Creditor HUAYU is already named "huayu bank"');
    expect((await cli(['creditors', 'name-en', 'HUAYU', ''])).stdout).toBe('HUAYU (华裕银行): English name cleared (its name is shown)\n');
    expect(JSON.parse((await cli(['creditors', 'list', '--json'])).stdout)).toEqual([
      expect.objectContaining({ code: 'BANK1', name_en: 'First Bank' }), expect.objectContaining({ code: 'HUAYU', name_en: null })]);
    // Validation notices are for a creditor under a US contract: this one has no contract yet, and nothing is written.
    const notices = await cli(['letters', 'validation-notices', '--creditor', 'BANK1', '--out', path.join(dataDir, 'notices.pdf')]);
    expect(notices.code).toBe(2);
    expect(notices.stderr).toContain("Validation notices are for creditors under a US contract; BANK1's contract is not written yet");
    await expect(fs.access(path.join(dataDir, 'notices.pdf'))).rejects.toThrow();
    // By e-mail: the opt-out link needs the address debtors open; then the same US check.
    const unlinked = await cli(['letters', 'email-validation-notices', '--creditor', 'BANK1']);
    expect(unlinked.code).toBe(2);
    expect(unlinked.stderr).toContain('Set LEEWAY_PUBLIC_URL');
    const emailed = await runCli(['letters', 'email-validation-notices', '--creditor', 'BANK1'],
      { env: { DATABASE_URL: db.url, LEEWAY_DATA_DIR: dataDir, LEEWAY_PUBLIC_URL: 'https://pay.agency.example' } });
    expect(emailed.code).toBe(2);
    expect(emailed.stderr).toContain("Validation notices are for creditors under a US contract; BANK1's contract is not written yet");
  });

  it('exits 2 with a clear message on bad input', async () => {
    const dup = await cli(['creditors', 'add', 'BANK1', '--name', 'Again']);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toContain('Creditor BANK1 already exists');
    // A code typed in lower case is that code, as --creditor reads it.
    expect((await cli(['creditors', 'add', 'bank1', '--name', 'Again'])).stderr).toContain('Creditor BANK1 already exists');
    const badCode = await cli(['creditors', 'add', 'bank one', '--name', 'x']);
    expect(badCode.code).toBe(2);
    expect(badCode.stderr).toMatch(/must be 2-32 characters of A-Z, 0-9 or _/);
    const missing = await cli(['creditors', 'add', 'BANK2']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--name <NAME>' not specified");
    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    const badNumber = await cli(['demo', '--accounts', 'many']);
    expect(badNumber.code).toBe(2);
    expect(badNumber.stderr).toContain('"many" is not a positive whole number');
  });

  it('has --help on every command', async () => {
    for (const args of [[], ['start'], ['migrate'], ['demo'], ['creditors'], ['creditors', 'add'], ['creditors', 'list'],
      ['audit', 'verify'], ['compliance']]) {
      const res = await cli([...args, '--help']);
      expect(res.code, args.join(' ')).toBe(0);
      expect(res.stdout, args.join(' ')).toContain('Usage: leeway');
    }
  });

  it('migrate reports an up-to-date schema', async () => {
    const res = await cli(['migrate', '--json']);
    expect(res.code, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toEqual({ applied: [], current: expect.any(Number) });
  });
});
