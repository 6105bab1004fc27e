import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revealAccountPii } from '../src/app/accounts/reveal-pii.ts';
import { CLI_ACTOR, type AppContext } from '../src/app/context.ts';
import { importPlacements } from '../src/app/import/import-placements.ts';
import { erasePersonalData, personalDataOutlook } from '../src/app/privacy/erase-personal-data.ts';
import { buildServer } from '../src/http/server.ts';
import { runCli } from './support/cli.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newUser, testContext } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';
import { PLACEMENT_HEADER_ZH, placementCells, placementFixtures, tempDir, writeCsv } from './support/import-fixtures.ts';

/**
 * Personal data erasure when the entrustment ends (个人信息删除) on a real database: who is due
 * (every account gone for longer than its creditor's retention, nothing pending), everything
 * personal erased in place with the rows kept, nobody else touched, the audit row, the same
 * person placed again by the bank starting afresh, and the API and command line.
 */
let db: TestDatabase;
let ctx: AppContext;
let dir: string;
let app: FastifyInstance;
const people = placementFixtures(7);
const accountId: Record<string, number> = {};
const debtorId: Record<string, number> = {};

const q = async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) => (await db.pool.query<T>(sql, params)).rows;

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool); // business date 2026-03-02
  dir = await tempDir();
  app = await buildServer(ctx);
  await db.pool.query(`INSERT INTO creditors (code, name) VALUES ('BANKA', '甲银行'), ('BANKB', '乙银行')`);
  // BANKB's contract keeps personal data 30 days after an account leaves; BANKA has no term (90 days).
  await db.pool.query(`INSERT INTO contracts (creditor_id, version, name, pack, effective_from, terms)
    SELECT id, 1, '乙银行委托合同', 'CN', '2025-01-01', '{"pii_retention_days": 30}' FROM creditors WHERE code = 'BANKB'`);
  await importPlacements(ctx, CLI_ACTOR, { filePath: await writeCsv(path.join(dir, 'a.csv'), PLACEMENT_HEADER_ZH, people.slice(0, 6).map(placementCells)), creditor: 'BANKA' });
  await importPlacements(ctx, CLI_ACTOR, { filePath: await writeCsv(path.join(dir, 'b.csv'), PLACEMENT_HEADER_ZH, people.slice(6).map(placementCells)), creditor: 'BANKB' });
  const rows = await q<{ account_no: string; id: number; debtor_id: number }>('SELECT account_no, id, debtor_id FROM accounts');
  const names = ['recalledLongAgo', 'recalledRecently', 'stillOpen', 'complaintOpen', 'paidLongAgo', 'openSecondAccount', 'bankB'];
  people.forEach((p, k) => {
    const row = rows.find((r) => r.account_no === p.accountNo)!;
    accountId[names[k]!] = row.id;
    debtorId[names[k]!] = row.debtor_id;
  });
  const end = (name: string, status: string, on: string) => db.pool.query(
    `UPDATE accounts SET status = $2, recalled_on = CASE WHEN $2 = 'recalled' THEN $3::date END, updated_at = $3::date + time '12:00' WHERE id = $1`,
    [accountId[name], status, on]);
  await end('recalledLongAgo', 'recalled', '2025-11-01');     // + 90 days: erasable from 2026-01-31
  await end('recalledRecently', 'recalled', '2025-12-20');    // erasable from 2026-03-20: in the next 30 days
  await end('complaintOpen', 'recalled', '2025-10-01');
  await end('paidLongAgo', 'paid', '2025-10-15');
  await end('openSecondAccount', 'recalled', '2025-10-01');
  await end('bankB', 'recalled', '2026-01-15');               // + 30 days: erasable from 2026-02-15
  // openSecondAccount's debtor also has an open account with BANKB.
  await db.pool.query(`INSERT INTO accounts (creditor_id, account_no, account_no_mask, debtor_id, placement_id, principal_fen, first_delinquency_date, status)
    SELECT c.id, 'B-OPEN-1', '****1', $1, (SELECT id FROM placements WHERE creditor_id = c.id LIMIT 1), 1000, '2026-01-01', 'active'
      FROM creditors c WHERE c.code = 'BANKB'`, [debtorId.openSecondAccount]);
  await db.pool.query(`INSERT INTO complaints (creditor_id, account_id, kind, channel, description)
    SELECT creditor_id, id, 'complaint', 'phone', '投诉' FROM accounts WHERE id = $1`, [accountId.complaintOpen]);

  // What the agency gathered about the first debtor while it worked the account.
  const a = accountId.recalledLongAgo!;
  const d = debtorId.recalledLongAgo!;
  await db.pool.query(`INSERT INTO contact_points (debtor_id, kind, value_enc, value_hash, value_mask, owner, third_party_name, relation, source)
    VALUES ($1, 'phone', $2, $3, '139****0002', 'third_party', '王小明', '同事', 'skip_trace')`,
  [d, ctx.cipher.encrypt('13900000002'), ctx.cipher.matchHash('13900000002')]);
  await db.pool.query(`INSERT INTO contact_attempts (creditor_id, account_id, debtor_id, channel, party, purpose, outcome, at, note)
    SELECT creditor_id, id, debtor_id, 'call', 'debtor', 'collect', 'right_party', '2025-10-20T02:00:00Z', '称在武汉协和医院住院，下月出院' FROM accounts WHERE id = $1`, [a]);
  await db.pool.query(`INSERT INTO outbox (creditor_id, account_id, channel, purpose, to_enc, to_mask, body, status, decision)
    SELECT creditor_id, id, 'sms', 'collect', $2, '138****0001', '王伟您好，请尽快还款', 'queued', '{}' FROM accounts WHERE id = $1`, [a, ctx.cipher.encrypt('13800000001')]);
  const app1 = await q<{ id: number }>(`INSERT INTO hardship_applications (creditor_id, account_id, reason, debtor_statement, monthly_income_fen, requested_plan, status)
    SELECT creditor_id, id, 'illness', '我患有慢性病，收入减少', 300000, '{}', 'rejected' FROM accounts WHERE id = $1 RETURNING id`, [a]);
  await db.pool.query(`INSERT INTO hardship_evidence (creditor_id, application_id, file_name, content_type, size_bytes, sha256, content)
    SELECT creditor_id, $2, '诊断证明.pdf', 'application/pdf', 4, repeat('a', 64), '\\x25504446' FROM accounts WHERE id = $1`, [a, app1[0]!.id]);
  await db.pool.query(`INSERT INTO portal_actions (reference, debtor_id, account_id, kind, summary) VALUES ('P-1', $1, $2, 'hardship', '申请停息挂账：收入减少')`, [d, a]);
  await db.pool.query(`INSERT INTO debtor_contact_preferences (debtor_id, adviser_name, adviser_phone_enc, adviser_phone_mask) VALUES ($1, '李律师', $2, '137****0003')`,
    [d, ctx.cipher.encrypt('13700000003')]);
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

describe('personal data erasure', () => {
  it('counts who is due: every account gone longer than its creditor\'s retention, nothing pending', async () => {
    expect(await personalDataOutlook(ctx, CLI_ACTOR)).toEqual({ business_date: '2026-03-02', default_retention_days: 90, due: 3, next_30_days: 1, erased: 0 });
    const dry = await erasePersonalData(ctx, CLI_ACTOR, { dryRun: true });
    expect(dry).toMatchObject({ dry_run: true, due: 3, debtors: 3, accounts: 3, contact_points: 3 * 2 + 1, contact_notes: 1, messages: 1,
      hardship_statements: 1, evidence_files: 1, portal_actions: 1 });
    // A look ahead counts the debtors due by then too, and still changes nothing.
    expect(await erasePersonalData(ctx, CLI_ACTOR, { dryRun: true, date: '2026-03-21' })).toMatchObject({ due: 4, debtors: 4, accounts: 4 });
    // Erasure for good is judged on today or a past day, never one to come (what the retention still keeps would go).
    await expect(erasePersonalData(ctx, CLI_ACTOR, { date: '2030-06-01' })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'date',
      message: expect.stringContaining('date 2030-06-01 is after today (2026-03-02)') });
    expect(await q(`SELECT 1 FROM debtors WHERE erased_at IS NOT NULL`)).toEqual([]);
  });

  it('erases what identifies the person and what they told us, keeps the rows, and touches nobody else', async () => {
    const before = await q<{ id: number; name: string; id_number_hash: Buffer }>('SELECT id, name, id_number_hash FROM debtors ORDER BY id');
    const dry = await erasePersonalData(ctx, CLI_ACTOR, { dryRun: true });
    const run = await erasePersonalData(ctx, CLI_ACTOR);
    // The dry run counted exactly what the run then erased.
    expect({ ...dry, dry_run: false }).toEqual(run);
    expect(run).toMatchObject({ dry_run: false, due: 3, debtors: 3, accounts: 3, contact_notes: 1, messages: 1, hardship_statements: 1, evidence_files: 1, portal_actions: 1 });
    expect(run.contact_points).toBe(3 * 2 + 1);   // a phone and an address each, and the third party's phone

    const d = debtorId.recalledLongAgo!;
    expect(await q(`SELECT name, id_number_enc, id_number_hash, id_number_mask, birth_date, erased_at IS NOT NULL AS erased FROM debtors WHERE id = $1`, [d]))
      .toEqual([{ name: '已删除', id_number_enc: null, id_number_hash: null, id_number_mask: null, birth_date: null, erased: true }]);
    const points = await q<{ value_enc: Buffer; value_mask: string; third_party_name: string | null; relation: string | null; verified: string }>(
      'SELECT value_enc, value_mask, third_party_name, relation, verified FROM contact_points WHERE debtor_id = $1', [d]);
    expect(points).toHaveLength(3);
    for (const p of points) {
      expect(ctx.cipher.decrypt(p.value_enc)).toBe('已删除');
      expect(p).toMatchObject({ value_mask: '已删除', relation: null, verified: 'invalid' });
    }
    expect(points.filter((p) => p.third_party_name !== null).map((p) => p.third_party_name)).toEqual(['已删除']);
    // An erased contact point is never marked (verified) or used again: it would end the lost-contact state on nothing.
    const { markContactPoint } = await import('../src/app/workstation/contact-points.ts');
    const [erasedPoint] = await q<{ id: number }>('SELECT id FROM contact_points WHERE debtor_id = $1 ORDER BY id LIMIT 1', [d]);
    await expect(markContactPoint(ctx, CLI_ACTOR, erasedPoint!.id, { accountId: accountId.recalledLongAgo!, state: 'verified', reason: '核实过' }))
      .rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('was erased at the end of the retention period') });
    // Nor is a new one added: the erasure, done with this debtor, would never find it.
    const { addContactPoint } = await import('../src/app/workstation/contact-points.ts');
    await expect(addContactPoint(ctx, CLI_ACTOR, accountId.recalledLongAgo!, { kind: 'phone', value: '13655556666', owner: 'debtor', source: 'manual', reliability: 'high' }))
      .rejects.toMatchObject({ code: 'CONFLICT', messageZh: '该债务人的个人信息已按数据保留期删除，不能再添加联系方式' });
    expect(await q('SELECT 1 FROM contact_points WHERE debtor_id = $1 AND value_mask <> $2', [d, '已删除'])).toEqual([]);
    // Their account's page has no call script asking for "已删除" by name.
    const { getAccountPage } = await import('../src/app/workstation/account-page.ts');
    expect((await getAccountPage(ctx, CLI_ACTOR, accountId.recalledLongAgo!)).call_disclosure).toBeNull();
    const [account] = await q<{ account_no: string; account_no_mask: string; status: string }>('SELECT account_no, account_no_mask, status FROM accounts WHERE id = $1', [accountId.recalledLongAgo]);
    expect(account!.account_no).toBe(`erased:${accountId.recalledLongAgo}`);
    expect(account!.account_no_mask).toMatch(/^\*+\d{4}$/);
    expect(account!.status).toBe('recalled');
    expect(await q('SELECT note, outcome FROM contact_attempts WHERE debtor_id = $1', [d])).toEqual([{ note: null, outcome: 'right_party' }]);
    const [message] = await q<{ body: string; to_mask: string; status: string; to_enc: Buffer }>('SELECT body, to_mask, status, to_enc FROM outbox');
    expect(message).toMatchObject({ body: '已删除', to_mask: '已删除', status: 'cancelled' });
    expect(ctx.cipher.decrypt(message!.to_enc)).toBe('已删除');
    expect(await q('SELECT debtor_statement, monthly_income_fen, reason FROM hardship_applications'))
      .toEqual([{ debtor_statement: '已删除', monthly_income_fen: null, reason: 'illness' }]);
    expect(await q('SELECT 1 FROM hardship_evidence')).toEqual([]);
    expect(await q('SELECT summary FROM portal_actions')).toEqual([{ summary: '已删除' }]);
    expect(await q('SELECT adviser_name, adviser_phone_enc FROM debtor_contact_preferences')).toEqual([{ adviser_name: null, adviser_phone_enc: null }]);

    // The other three due: paid long ago, and BANKB's shorter term. Nobody else.
    const erased = (await q<{ id: number }>('SELECT id FROM debtors WHERE erased_at IS NOT NULL ORDER BY id')).map((r) => r.id);
    expect(erased).toEqual([debtorId.recalledLongAgo, debtorId.paidLongAgo, debtorId.bankB].sort((x, y) => x! - y!));
    const after = await q<{ id: number; name: string; id_number_hash: Buffer }>('SELECT id, name, id_number_hash FROM debtors ORDER BY id');
    for (const b of before.filter((r) => !erased.includes(r.id))) expect(after.find((r) => r.id === b.id)).toEqual(b);

    // A reveal on the account shows the erased marks, not an error.
    const shown = await revealAccountPii(ctx, CLI_ACTOR, accountId.recalledLongAgo!, 'the bank asks about the account');
    expect(JSON.stringify(shown)).not.toMatch(/1380000|王伟/);
    expect(JSON.stringify(shown)).toContain('已删除');

    const audit = await q<{ detail: Record<string, unknown> }>(`SELECT detail FROM audit_log WHERE action = 'privacy.erase'`);
    expect(audit).toHaveLength(1);
    expect(audit[0]!.detail).toMatchObject({ business_date: '2026-03-02', debtor_ids: erased, debtors: 3 });
    expect(JSON.stringify(audit[0]!.detail)).not.toMatch(/[\u4e00-\u9fa5]{2}/);

    expect(await erasePersonalData(ctx, CLI_ACTOR)).toMatchObject({ due: 0, debtors: 0 });
    expect((await personalDataOutlook(ctx, CLI_ACTOR)).erased).toBe(3);
  });

  it('lets the bank place the same person again: a new debtor and a new account, the erased ones left as they are', async () => {
    const again = people[0]!;
    const file = await writeCsv(path.join(dir, 'again.csv'), PLACEMENT_HEADER_ZH, [placementCells({ ...again, principal: '9,999.00' })]);
    const { summary } = await importPlacements(ctx, CLI_ACTOR, { filePath: file, creditor: 'BANKA' });
    expect(summary).toMatchObject({ inserted: 1, updated: 0 });
    const rows = await q<{ id: number; debtor_id: number; name: string; status: string }>(
      `SELECT a.id, a.debtor_id, d.name, a.status FROM accounts a JOIN debtors d ON d.id = a.debtor_id WHERE a.account_no = $1`, [again.accountNo]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: again.name, status: 'placed' });
    expect(rows[0]!.debtor_id).not.toBe(debtorId.recalledLongAgo);
    expect(await q('SELECT name FROM debtors WHERE id = $1', [debtorId.recalledLongAgo])).toEqual([{ name: '已删除' }]);
  });

  it('keeps a US creditor\'s debtor three years after the account leaves (12 CFR 1006.100), whatever the contract\'s term', async () => {
    const bank = (await q<{ id: number }>(`INSERT INTO creditors (code, name) VALUES ('USBANK', 'Prairie Bank') RETURNING id`))[0]!.id;
    await db.pool.query(`INSERT INTO contracts (creditor_id, version, name, pack, effective_from, terms)
      VALUES ($1, 1, 'US agreement', 'US', '2025-01-01', '{"pii_retention_days": 30}')`, [bank]);
    const placement = (await q<{ id: number }>(`INSERT INTO placements (creditor_id, batch_ref, placed_on, ends_on)
      VALUES ($1, 'U1', '2025-06-01', '2025-12-31') RETURNING id`, [bank]))[0]!.id;
    const debtor = (await q<{ id: number }>(`INSERT INTO debtors (name) VALUES ('Pat Roe') RETURNING id`))[0]!.id;
    await db.pool.query(`INSERT INTO accounts (creditor_id, account_no, account_no_mask, debtor_id, placement_id, principal_fen, first_delinquency_date,
      status, recalled_on, updated_at) VALUES ($1, 'US-1', '****1', $2, $3, 1000, '2025-05-01', 'recalled', '2025-10-01', '2025-10-01 12:00')`, [bank, debtor, placement]);
    // Recalled on 2025-10-01: past the contract's 30 days long ago, but kept until 2028-10-01 (one debtor of the others is due by then too).
    expect(await erasePersonalData(ctx, CLI_ACTOR, { dryRun: true, date: '2028-10-01' })).toMatchObject({ due: 1 });
    expect(await erasePersonalData(ctx, CLI_ACTOR, { dryRun: true, date: '2028-10-02' })).toMatchObject({ due: 2 });
  });

  it('is the admin\'s, over HTTP and at the command line', async () => {
    const admin = await newUser(db.pool, 'admin');
    const cookie = await signInCookie(app, admin.username);
    const outlook = await app.inject({ method: 'GET', url: '/api/privacy/erasure', headers: { cookie } });
    expect(outlook.json()).toMatchObject({ due: 0, next_30_days: 1, erased: 3 });
    const run = await app.inject({ method: 'POST', url: '/api/privacy/erasure', headers: { cookie }, payload: { dry_run: true } });
    expect(run.json()).toMatchObject({ dry_run: true, due: 0 });
    const cli = await runCli(['privacy', 'erase', '--date', '2026-03-21', '--dry-run'], { env: { DATABASE_URL: db.url, LEEWAY_DATA_DIR: dir } });
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toContain('1 debtors due for erasure on 2026-03-21; a run would erase their 1 account numbers, 2 phones and addresses');
    const json = await runCli(['privacy', 'erase', '--date', '2026-03-21', '--dry-run', '--json'], { env: { DATABASE_URL: db.url, LEEWAY_DATA_DIR: dir } });
    expect(JSON.parse(json.stdout)).toMatchObject({ dry_run: true, due: 1, debtors: 1, accounts: 1, contact_points: 2 });
    expect(await q('SELECT 1 FROM debtors WHERE id = $1 AND erased_at IS NOT NULL', [debtorId.recalledRecently])).toEqual([]);
  });
});
