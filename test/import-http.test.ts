import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app/context.ts';
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
      summary: { batch_id: id, rows: 30, inserted: 29, updated: 0, unchanged: 0, rejected: 1, errors_file: expect.stringMatching(/\.errors\.csv$/) } });
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
    expect(items[0]).toMatchObject({ creditor_code: 'BANK1', kind: 'placements', file_name: '委案0301.csv', status: 'done', encoding: expect.stringMatching(/^GBK/),
      rows: 30, inserted: 29, rejected: 1, has_errors_file: true, created_by: admin.username, created_at: expect.any(String) });
    expect((await get('/api/imports', 'collector')).statusCode).toBe(403);
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
