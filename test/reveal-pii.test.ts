import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';

/** Revealing personal data: only what is asked for is decrypted, sent and audited as shown. */
let db: TestDatabase;
let app: FastifyInstance;
let cookie: string;
let accountId: number;

beforeAll(async () => {
  db = await createTestDatabase();
  const ctx = testContext(db.pool);
  app = await buildServer(ctx);
  const team = await newTeam(db.pool);
  const collector = await newUser(db.pool, 'collector', { teamId: team.id });
  const bank = await newCreditor(db.pool, 'REVEAL');
  accountId = (await newAccount(db.pool, { creditorId: bank.id, debtorId: (await newDebtor(ctx)).id, collectorId: collector.id, teamId: team.id })).id;
  cookie = await signInCookie(app, collector.username);
});
afterAll(async () => { await app?.close(); await db?.drop(); });

const reveal = (body: Record<string, unknown>) => app.inject({ method: 'POST', url: `/api/accounts/${accountId}/reveal`, headers: { cookie }, payload: body });
const lastAudit = async () => (await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'pii.reveal' ORDER BY id DESC LIMIT 1`)).rows[0].detail;

describe('POST /api/accounts/:id/reveal', () => {
  it('shows the contact points alone when only they are asked for: the ID number is neither sent nor audited as shown', async () => {
    const res = await reveal({ reason: 'dialling by hand', fields: ['contact_points'] });
    expect(res.statusCode, res.body).toBe(200);
    expect(Object.keys(res.json()).sort()).toEqual(['account_id', 'contact_points']);
    expect(res.json().contact_points.length).toBeGreaterThan(0);
    expect(res.body).not.toMatch(/\d{17}[\dX]/);
    expect(await lastAudit()).toMatchObject({ reason: 'dialling by hand', fields: ['contact_points'] });
  });

  it('shows the ID number alone, or both by default, each audited as what it showed', async () => {
    const id = await reveal({ reason: 'the debtor asks to verify', fields: ['id_number'] });
    expect(Object.keys(id.json()).sort()).toEqual(['account_id', 'id_number']);
    expect(id.json().id_number).toMatch(/^\d{17}[\dX]$/);
    expect((await lastAudit()).fields).toEqual(['id_number']);
    const both = await reveal({ reason: 'the bank asks about the account' });
    expect(Object.keys(both.json()).sort()).toEqual(['account_id', 'contact_points', 'id_number']);
    expect((await lastAudit()).fields).toEqual(['id_number', 'contact_points']);
  });

  it('refuses an empty or unknown list of fields', async () => {
    expect((await reveal({ reason: 'x-ray', fields: [] })).statusCode).toBe(400);
    expect((await reveal({ reason: 'x-ray', fields: ['salary'] })).statusCode).toBe(400);
  });
});
