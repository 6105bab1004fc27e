import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_ACTOR, type AppContext } from '../src/app/context.ts';
import { erasePersonalData } from '../src/app/privacy/erase-personal-data.ts';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newTeam, newUser, testContext } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';
import { csvText, encodeText, PLACEMENT_HEADER_ZH, placementCells, placementFixtures, tempDir, writeXlsx } from './support/import-fixtures.ts';

let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
let dir: string;
let admin: { username: string };
const cookies: Record<'admin' | 'supervisor' | 'collector', string> = { admin: '', supervisor: '', collector: '' };

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);
  app = await buildServer(ctx);
  dir = await tempDir('leeway-import-http-');
  await db.pool.query(`INSERT INTO creditors (code, name) VALUES ('BANK1', '华裕银行')`);
  const team = await newTeam(db.pool);
  admin = await newUser(db.pool, 'admin');
  cookies.admin = await signInCookie(app, admin.username);
  cookies.supervisor = await signInCookie(app, (await newUser(db.pool, 'supervisor', { teamId: team.id })).username);
  cookies.collector = await signInCookie(app, (await newUser(db.pool, 'collector', { teamId: team.id })).username);
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
  await fs.rm(dir, { recursive: true, force: true });
});

const upload = (payload: Record<string, unknown>, as: keyof typeof cookies = 'admin') =>
  app.inject({ method: 'POST', url: '/api/imports', headers: { cookie: cookies[as] }, payload });
const get = (url: string, as: keyof typeof cookies = 'admin') => app.inject({ method: 'GET', url, headers: { cookie: cookies[as] } });

async function finished(id: number): Promise<Record<string, unknown>> {
  for (let i = 0; i < 600; i++) {
    const res = await get(`/api/imports/${id}`, 'supervisor');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.progress).toEqual(expect.objectContaining({ rows: expect.any(Number), phase: expect.any(String) }));
    if (body.status !== 'running') return body;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`import ${id} did not finish`);
}

describe('imports over HTTP', () => {
  it('an admin uploads a file, follows its progress, and gets the summary', async () => {
    const rows = placementFixtures(30).map(placementCells);
    rows[4]![6] = '一千元';
    const content = encodeText(csvText(PLACEMENT_HEADER_ZH, rows), 'gbk').toString('base64');
    const res = await upload({ kind: 'placements', creditor: 'BANK1', file_name: '委案0301.csv', content_base64: content });
    expect(res.statusCode, res.body).toBe(202);
    const { id, status } = res.json();
    expect(status).toBe('running');
    const body = await finished(id);
    expect(body).toMatchObject({ id, status: 'done', kind: 'placements', file_name: '委案0301.csv', error: null,
      summary: { batch_id: id, rows: 30, inserted: 29, updated: 0, unchanged: 0, rejected: 1, errors_file: `import-${id}-errors.csv` } });
    expect(await db.pool.query('SELECT count(*)::int AS n FROM accounts').then((r) => r.rows[0].n)).toBe(29);

    const errors = await get(`/api/imports/${id}/errors`);
    expect(errors.statusCode).toBe(200);
    expect(errors.headers['content-type']).toMatch(/^text\/csv/);
    expect(errors.body).toContain('row_number,column,reason');
    expect(errors.body).toMatch(/一千元.*,6,本金,/);
    expect((await get(`/api/imports/${id}/errors`, 'supervisor')).statusCode).toBe(403);
  });

  it('lists imports with who, when, which file and the counts', async () => {
    const res = await get('/api/imports', 'supervisor');
    expect(res.statusCode).toBe(200);
    const { total, items } = res.json();
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({ creditor_code: 'BANK1', kind: 'placements', file_name: '委案0301.csv', status: 'done',
      // How the encoding was found, in both languages (the Chinese import screen says it in Chinese).
      encoding: 'GBK (not UTF-8; every byte decodes as GBK)', encoding_zh: 'GBK（不是 UTF-8；每个字节都能按 GBK 解码）',
      rows: 30, inserted: 29, rejected: 1, has_errors_file: true, created_by: admin.username, created_at: expect.any(String) });
    expect((await get('/api/imports', 'collector')).statusCode).toBe(403);
  });

  it('keeps an upload\'s errors file in the database, encrypted, for 30 days; every download is audited', async () => {
    const rows = placementFixtures(3, 500).map(placementCells);
    rows[1]![6] = 'abc';
    const res = await upload({ kind: 'placements', creditor: 'BANK1', file_name: '委案0302.csv', content_base64: Buffer.from(csvText(PLACEMENT_HEADER_ZH, rows)).toString('base64') });
    expect(res.statusCode, res.body).toBe(202);
    const { id } = res.json();
    expect(await finished(id)).toMatchObject({ status: 'done', summary: { rejected: 1, errors_file: `import-${id}-errors.csv` } });
    const idNumber = rows[1]![2]!;
    const stored = await db.pool.query(`SELECT content_enc, rows, deleted_at FROM import_error_files WHERE batch_id = $1`, [id]);
    expect(stored.rows[0]).toMatchObject({ rows: 1, deleted_at: null });
    expect(stored.rows[0].content_enc.includes(Buffer.from(idNumber))).toBe(false); // not in clear

    // Another server on the same database (a restart, or a second node) hands it out.
    const other = await buildServer(ctx);
    try {
      const download = await other.inject({ method: 'GET', url: `/api/imports/${id}/errors`, headers: { cookie: cookies.admin } });
      expect(download.statusCode).toBe(200);
      expect(download.headers['content-disposition']).toBe(`attachment; filename="import-${id}-errors.csv"`);
      expect(download.body).toContain(idNumber);
      expect(download.body).toMatch(/abc.*,本金,/);
    } finally {
      await other.close();
    }
    const audited = await db.pool.query(`SELECT actor FROM audit_log WHERE action = 'import.errors_download' AND entity_id = $1`, [String(id)]);
    expect(audited.rows).toEqual([{ actor: admin.username }]);

    // The nightly personal data run deletes it once 30 days have passed since the upload (in the agency's zone).
    const uploadedOn = (await db.pool.query(`SELECT (created_at AT TIME ZONE 'Asia/Shanghai')::date::text AS d FROM import_error_files WHERE batch_id = $1`, [id])).rows[0].d as string;
    const day = (n: number) => new Date(Date.parse(`${uploadedOn}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    // Run on those days (erasure for good is judged on the day it runs, never one to come).
    const on = (d: string) => testContext(db.pool, () => new Date(`${d}T04:00:00Z`));
    expect(await erasePersonalData(on(day(30)), CLI_ACTOR)).toMatchObject({ import_errors_files: 0 });
    expect(await erasePersonalData(ctx, CLI_ACTOR, { date: day(31), dryRun: true })).toMatchObject({ import_errors_files: 2 });
    expect(await erasePersonalData(on(day(31)), CLI_ACTOR)).toMatchObject({ import_errors_files: 2 });
    const gone = await get(`/api/imports/${id}/errors`);
    expect(gone.statusCode).toBe(410);
    expect(gone.json().error.message).toMatch(new RegExp(`The errors file of import ${id} was deleted on \\d{4}-\\d{2}-\\d{2}: rejected rows are kept 30 days`));
    expect(gone.json().error.message_zh).toMatch(/已于 \d{4}-\d{2}-\d{2} 删除/);
    expect((await db.pool.query(`SELECT content_enc FROM import_error_files WHERE batch_id = $1`, [id])).rows[0].content_enc).toBeNull();
    const listed = (await get('/api/imports')).json().items.find((b: { id: number }) => b.id === id);
    expect(listed).toMatchObject({ rejected: 1, has_errors_file: false });
    const audit = await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'privacy.erase' AND entity = 'import_batch'`);
    expect(audit.rows).toEqual([{ detail: expect.objectContaining({ import_errors_files: 2, kept_days: 30 }) }]);
  });

  it('takes XLSX uploads and a mapping, which it stores on the creditor', async () => {
    const file = await writeXlsx(path.join(dir, 'pay.xlsx'), ['卡片编号', '流水', '金额', '日期'], [['6222000000000001', 'P1', 10, '2026-02-01']]);
    const res = await upload({
      kind: 'payments', creditor: 'bank1', file_name: 'pay.xlsx', content_base64: (await fs.readFile(file)).toString('base64'),
      mapping: { 卡片编号: 'account_no', 流水: 'txn_id', 金额: 'amount', 日期: 'paid_on' },
    });
    expect(res.statusCode, res.body).toBe(202);
    expect(await finished(res.json().id)).toMatchObject({ status: 'done', summary: { inserted: 1, rejected: 0, errors_file: null } });
    expect((await get(`/api/imports/${res.json().id}/errors`)).statusCode).toBe(204);
    const stored = await db.pool.query(`SELECT column_mapping FROM creditors WHERE code = 'BANK1'`);
    expect(stored.rows[0].column_mapping.payments).toEqual({ 卡片编号: 'account_no', 流水: 'txn_id', 金额: 'amount', 日期: 'paid_on' });
  });

  it('refuses a malformed upload with 400 naming the problem, before anything is written', async () => {
    const before = await db.pool.query('SELECT (SELECT count(*) FROM import_batches) AS b, (SELECT count(*) FROM audit_log) AS a');
    const noColumns = await upload({ kind: 'placements', creditor: 'BANK1', file_name: 'x.csv', content_base64: Buffer.from('序号,姓名\n1,张三\n').toString('base64') });
    expect(noColumns.statusCode).toBe(400);
    expect(noColumns.json().error).toMatchObject({ code: 'INVALID_INPUT', field: 'file', message: expect.stringMatching(/no column for account_no/),
      message_zh: expect.stringMatching(/^这个委案文件缺少以下列：account_no（账号）/) });
    const unknown = await upload({ kind: 'recalls', creditor: 'NOPE', file_name: 'r.csv', content_base64: Buffer.from('账号\n1\n').toString('base64') });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toMatch(/Unknown creditor "NOPE"\. Known creditors: BANK1/);
    expect(unknown.json().error.message_zh).toMatch(/^没有代码为"NOPE"的委托方。已有的委托方：BANK1/);
    const xls = await upload({ kind: 'recalls', creditor: 'BANK1', file_name: 'r.xls', content_base64: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 1, 2]).toString('base64') });
    expect(xls.json().error.message).toMatch(/\.xls/);
    // Not base64: said so, not read as some other file.
    const notBase64 = await upload({ kind: 'placements', creditor: 'BANK1', file_name: 'a.csv', content_base64: '!!!notbase64' });
    expect(notBase64.statusCode).toBe(400);
    expect(notBase64.json().error).toMatchObject({ field: 'content_base64', message: expect.stringMatching(/^content_base64 is not base64/) });
    const wrapped = Buffer.from('账号,交易流水号,还款金额,还款日期\n'.repeat(8)).toString('base64').replace(/.{76}/g, '$&\r\n');
    expect((await upload({ kind: 'payments', creditor: 'NOPE', file_name: 'w.csv', content_base64: wrapped })).json().error.message).toMatch(/Unknown creditor/);
    const badKind = await upload({ kind: 'balances', creditor: 'BANK1', file_name: 'r.csv', content_base64: 'eA==' });
    expect(badKind.statusCode).toBe(400);
    expect(badKind.json().error).toMatchObject({ field: 'kind', message_zh: expect.stringContaining('kind') });
    expect((await upload({ kind: 'recalls', creditor: 'BANK1', file_name: 'r.csv', content_base64: 'eA==' }, 'supervisor')).statusCode).toBe(403);
    const after = await db.pool.query('SELECT (SELECT count(*) FROM import_batches) AS b, (SELECT count(*) FROM audit_log) AS a');
    expect(after.rows).toEqual(before.rows);
    const missing = await get('/api/imports/999999');
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.message_zh).toBe('导入批次 999999 不存在（未完成的导入不会留下任何记录）');
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.paths['/api/imports'].post.requestBody.content['application/json'].schema.required)
      .toEqual(expect.arrayContaining(['kind', 'creditor', 'file_name', 'content_base64']));
    expect(doc.paths['/api/imports/{id}'].get).toBeDefined();
  });
});
