import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newUser, testContext } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';

/**
 * A request the API refuses before any use case runs (a body that fails its schema, is not
 * JSON, is empty or of another type) is answered in the product's bilingual error, its Chinese
 * message wholly Chinese: only the API's own names (the field) are left in Latin letters.
 */
let db: TestDatabase;
let app: FastifyInstance;

beforeAll(async () => {
  db = await createTestDatabase();
  app = await buildServer(testContext(db.pool));
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

const latinWords = (zh: string, ...names: string[]) => names.reduce((s, n) => s.replaceAll(n, ''), zh).match(/[A-Za-z]{2,}/g) ?? [];

describe('a refused request, in Chinese', () => {
  it('names the field the body got wrong and says what it should be', async () => {
    const missing = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'wang.fang' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toEqual({ code: 'INVALID_INPUT', field: 'password',
      message: 'body.password: is required but missing', message_zh: '请求内容中的 password：缺少该字段，请填写' });

    const empty = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: '', password: 'x' } });
    expect(empty.json().error).toMatchObject({ field: 'username', message_zh: '请求内容中的 username：不能为空' });

    const admin = await newUser(db.pool, 'admin');
    const cookie = await signInCookie(app, admin.username);
    const wrongType = await app.inject({ method: 'POST', url: '/api/privacy/erasure', headers: { cookie }, payload: { dry_run: 'yes' } });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json().error).toEqual({ code: 'INVALID_INPUT', field: 'dry_run',
      message: 'body.dry_run: must be true or false, got text (a string)', message_zh: '请求内容中的 dry_run：须为布尔值（是或否），收到的是文本' });

    for (const res of [missing, empty, wrongType]) {
      const { field, message_zh } = res.json().error;
      expect(latinWords(message_zh, field), message_zh).toEqual([]);
    }
  });

  it('refuses text with a NUL character, naming the field, rather than failing at the database as an internal error', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'wang\u0000fang', password: 'x' } });
    expect(login.statusCode).toBe(400);
    expect(login.json().error).toMatchObject({ code: 'INVALID_INPUT', field: 'username', message_zh: 'username含有空字符（\\u0000），文本中不能保存：请删除后重新提交' });
    // Deep in a body, in a list: named by its path.
    const admin = await newUser(db.pool, 'admin');
    const cookie = await signInCookie(app, admin.username);
    const deep = await app.inject({ method: 'POST', url: '/api/contracts?creditor=X', headers: { cookie }, payload: { waiver_limits: { collector: { note: ['ok', 'b\u0000d'] } } } });
    expect(deep.statusCode).toBe(400);
    expect(deep.json().error.field).toBe('waiver_limits.collector.note');
    // A portal form's field likewise (the page says so; nothing reaches the database).
    const form = await app.inject({ method: 'POST', url: '/my/verify', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'id_last4=12%0034&birth_date=1990-01-01' });
    expect(form.statusCode).toBe(400);
  });

  it('says a body that is not JSON, is empty, or is of a type not accepted', async () => {
    const malformed = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username": "wang.fang",' });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error).toMatchObject({ code: 'FST_ERR_CTP_INVALID_JSON_BODY', message_zh: '请求内容不是有效的 JSON，请检查括号、引号和逗号',
      message: expect.stringContaining('not valid JSON') });

    const nothing = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '' });
    expect(nothing.statusCode).toBe(400);
    expect(nothing.json().error.message_zh).toBe('请求内容为空，但声明为 JSON；请提供内容，或不要声明内容类型');

    const xml = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'text/xml' }, payload: '<login/>' });
    expect(xml.statusCode).toBe(415);
    expect(xml.json().error.message_zh).toBe('此地址不接受这种类型的请求内容（text/xml），请以 JSON 发送');

    for (const res of [malformed, nothing, xml]) {
      expect(latinWords(res.json().error.message_zh, 'JSON', 'text/xml'), res.json().error.message_zh).toEqual([]);
    }
  });
});
