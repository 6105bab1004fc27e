import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext, Role } from '../src/app/context.ts';
import { webhookDialer } from '../src/channels/dialer.ts';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';

/**
 * The authorization matrix, written out by hand: every API route, and the roles that may
 * use it. A route added without a line here fails the "every route" test below.
 */
const ALL: Role[] = ['admin', 'supervisor', 'collector', 'creditor_user'];
const MATRIX: Record<string, Role[] | 'public'> = {
  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'public',
  'GET /api/me': ALL,
  'GET /api/reports/recovery': ALL,
  'GET /api/reports/vintages': ALL,
  'GET /api/reports/roll-rates': ALL,
  'GET /api/reports/funnel': ALL,
  'GET /api/reports/compliance': ALL,
  'GET /api/reports/language-access': ALL,
  'POST /api/reports/month-end': ['admin'],
  'PUT /api/me/locale': ALL,
  'GET /api/accounts': ALL,
  'POST /api/accounts/:id/reveal': ['admin', 'supervisor', 'collector'],
  'POST /api/accounts/caller-lookup': ['admin', 'supervisor', 'collector'],
  'POST /api/accounts/:id/dial': ['admin', 'supervisor', 'collector'],
  'POST /api/contact-attempts/:id/result': ['admin', 'supervisor', 'collector'],
  'POST /api/contact-attempts/:id/correction': ['admin', 'supervisor'],
  'POST /api/promises/:id/cancel': ['admin', 'supervisor', 'collector'],
  'POST /api/callbacks/:id/cancel': ['admin', 'supervisor', 'collector'],
  'POST /api/promises/:id/reschedule': ['admin', 'supervisor', 'collector'],
  'GET /api/creditors': ['admin', 'supervisor'],
  'POST /api/creditors': ['admin'],
  'PUT /api/creditors/:creditor/repayment': ['admin'],
  'PUT /api/creditors/:creditor/name-en': ['admin'],
  'GET /api/creditors/:creditor/placements': ['admin', 'supervisor', 'creditor_user'],
  'POST /api/creditors/:creditor/placements/extend': ['admin', 'creditor_user'],
  'POST /api/creditors/:creditor/placements/retain': ['admin', 'creditor_user'],
  'GET /api/licences': ['admin', 'supervisor'],
  'PUT /api/licences/:jurisdiction': ['admin'],
  'DELETE /api/licences/:jurisdiction': ['admin'],
  'GET /api/state-notices': ['admin', 'supervisor'],
  'PUT /api/state-notices/:jurisdiction': ['admin'],
  'DELETE /api/state-notices/:jurisdiction': ['admin'],
  'GET /api/compliance/review': ['admin', 'supervisor'],
  'PUT /api/compliance/review/:item': ['admin'],
  'GET /api/users': ['admin'],
  'POST /api/users': ['admin'],
  'POST /api/users/:id/reset-password': ['admin'],
  'PATCH /api/users/:id': ['admin'],
  'POST /api/users/:id/deactivate': ['admin'],
  'POST /api/users/:id/activate': ['admin'],
  'GET /api/teams': ['admin', 'supervisor'],
  'POST /api/teams': ['admin'],
  'PUT /api/me/password': ALL,
  'GET /api/strategy': ['admin', 'supervisor'],
  'GET /api/strategy/rules/:creditor': ['admin', 'supervisor'],
  'POST /api/strategy/rules/:creditor/preview': ['admin'],
  'POST /api/strategy/rules/:creditor': ['admin'],
  'POST /api/strategy/run': ['admin'],
  'GET /api/outbox': ['admin', 'supervisor'],
  'POST /api/outbox/dispatch': ['admin'],
  'POST /api/outbox/:id/cancel': ['admin'],
  'POST /api/outbox/:id/retry': ['admin'],
  'POST /api/channels/sms/inbound': 'public',
  'POST /api/channels/sms/receipts': 'public',
  'POST /api/channels/email/receipts': 'public',
  'POST /api/channels/voice/events': 'public',
  'POST /api/letters/print': ['admin'],
  'POST /api/letters/validation-notices': ['admin'],
  'POST /api/letters/validation-notices/email': ['admin'],
  'POST /api/letters/verifications': ['admin'],
  'POST /api/letters/arrangement-confirmations': ['admin'],
  'POST /api/letters/arrangement-statements': ['admin'],
  'GET /api/quality/checklist': ['admin', 'supervisor', 'collector'],
  'GET /api/quality/queue': ['admin', 'supervisor'],
  'POST /api/quality/reviews': ['admin', 'supervisor'],
  'GET /api/quality/reviews': ['admin', 'supervisor', 'collector'],
  'POST /api/quality/reviews/:id/appeal': ['collector'],
  'POST /api/quality/reviews/:id/appeal-decision': ['admin', 'supervisor'],
  'GET /api/quality/summary': ['admin', 'supervisor', 'collector'],
  'GET /api/privacy/erasure': ['admin'],
  'POST /api/privacy/erasure': ['admin'],
  'GET /api/exports/contact-records': ['admin', 'creditor_user'],
  'GET /api/exports/account-status': ['admin', 'creditor_user'],
  'GET /api/exports/recalled-accounts': ['admin', 'creditor_user'],
  'GET /api/exports/lost-contacts': ['admin'],
  'GET /api/accounts/:id/sms-templates': ['admin', 'supervisor', 'collector'],
  'POST /api/accounts/:id/sms': ['admin', 'supervisor', 'collector'],
  'GET /api/accounts/:id/email-templates': ['admin', 'supervisor', 'collector'],
  'POST /api/accounts/:id/email': ['admin', 'supervisor', 'collector'],
  'GET /api/audit/verify': ['admin'],
  'GET /api/audit': ['admin'],
  'GET /api/audit/actions': ['admin'],
  'GET /api/accounts/:id/contact-check': ['admin', 'supervisor', 'collector'],
  'POST /api/accounts/:id/contacts': ['admin', 'supervisor', 'collector'],
  'GET /api/accounts/:id/holds': ALL,
  'POST /api/accounts/:id/holds': ['admin', 'supervisor', 'collector'],
  'POST /api/holds/:id/release': ['admin', 'supervisor'],
  'GET /api/suspensions': ['admin', 'supervisor', 'collector'],
  'POST /api/suspensions': ['admin'],
  'POST /api/suspensions/:id/end': ['admin'],
  'POST /api/contact-plans': ['admin', 'supervisor', 'collector'],
  'POST /api/imports': ['admin'],
  'GET /api/territories': ['admin', 'supervisor'],
  'PUT /api/territories': ['admin'],
  'DELETE /api/territories': ['admin'],
  'POST /api/assignments/deal': ['admin'],
  'POST /api/assignments/move': ['admin', 'supervisor'],
  'POST /api/collectors/:id/offboard': ['admin', 'supervisor'],
  'GET /api/accounts/:id/assignments': ALL,
  'GET /api/imports': ['admin', 'supervisor'],
  'GET /api/imports/:id': ['admin', 'supervisor'],
  'GET /api/imports/:id/errors': ['admin'],
  'POST /api/queue/next': ['supervisor', 'collector'],
  'GET /api/accounts/:id/page': ['admin', 'supervisor', 'collector'],
  'POST /api/accounts/:id/promises': ['admin', 'supervisor', 'collector'],
  'POST /api/accounts/:id/callbacks': ['admin', 'supervisor', 'collector'],
  'POST /api/accounts/:id/contact-points': ['admin', 'supervisor', 'collector'],
  'POST /api/accounts/:id/debtor-language': ['admin', 'supervisor', 'collector'],
  'POST /api/accounts/:id/debtor-name': ['admin', 'supervisor'],
  'POST /api/contact-points/:id/mark': ['admin', 'supervisor', 'collector'],
  'POST /api/contact-points/:id/consent': ['admin', 'supervisor', 'collector'],
  'POST /api/contact-points/:id/no-calls': ['admin', 'supervisor', 'collector'],
  'POST /api/accounts/:id/handoff': ['supervisor', 'collector'],
  'GET /api/workload': ['admin', 'supervisor'],
  'PUT /api/collectors/:id/cap': ['admin', 'supervisor'],
  'GET /api/handoffs': ['admin', 'supervisor'],
  'POST /api/handoffs/:id/resolve': ['admin', 'supervisor'],
  'GET /api/dashboard/team': ['admin', 'supervisor'],
  'GET /api/accounts/:id/cases': ALL, 'POST /api/accounts/:id/settlements': ALL,
  'POST /api/settlements/:id/decision': ['admin', 'supervisor', 'creditor_user'], 'POST /api/accounts/:id/disputes': ['admin', 'supervisor', 'collector'],
  'POST /api/disputes/:id/resolution': ['admin', 'creditor_user'], 'POST /api/accounts/:id/complaints': ALL,
  'POST /api/complaints/:id/statement': ['collector'], 'POST /api/complaints/:id/close': ['admin', 'supervisor'],
  'GET /api/cases/inbox': ['admin', 'supervisor', 'creditor_user'], 'GET /api/cases/scorecard': ['admin', 'supervisor'],
  'GET /api/accounts/:id/hardship': ALL, 'POST /api/accounts/:id/hardship/quote': ALL,
  'POST /api/accounts/:id/hardship': ['admin', 'supervisor', 'collector'], 'GET /api/hardship/inbox': ALL,
  'GET /api/hardship/applications/:id': ALL, 'POST /api/hardship/applications/:id/approve': ['admin', 'creditor_user'],
  'POST /api/hardship/applications/:id/reject': ['admin', 'creditor_user'], 'POST /api/hardship/applications/:id/request-info': ['admin', 'creditor_user'],
  'POST /api/hardship/applications/:id/resubmit': ['admin', 'supervisor', 'collector'], 'GET /api/hardship/evidence/:id': ALL,
  'GET /api/hardship/programmes': ALL, 'POST /api/hardship/programmes': ['admin', 'supervisor'],
  'POST /api/hardship/programmes/:id/close': ['admin', 'supervisor'],
  'GET /api/contracts': ['admin', 'supervisor', 'creditor_user'], 'POST /api/contracts': ['admin'],
  'POST /api/payments': ['admin', 'supervisor'], 'POST /api/payments/:id/reverse': ['admin', 'supervisor'], 'GET /api/accounts/:id/payments': ALL,
  'GET /api/statements': ['admin', 'supervisor', 'creditor_user'], 'POST /api/statements/issue': ['admin'],
  'GET /api/statements/export': ['admin', 'supervisor', 'creditor_user'], 'GET /api/incentives': ['admin', 'supervisor', 'collector'],
  // portal and site: the /my and /help pages are not /api routes (hidden, public by design: see test/portal.test.ts); staff routes here
  'POST /api/accounts/:id/portal-link': ['admin', 'supervisor', 'collector'], 'GET /api/accounts/:id/portal-actions': ALL,
  'GET /api/site/content': ['admin'], 'PUT /api/site/pages': ['admin'], 'PUT /api/site/articles': ['admin'],
  'DELETE /api/site/articles/:id': ['admin'],
  'POST /api/complaints/forwarded': ['creditor_user'],
  // notices: everyone has their own (a notice that is not yours is 404, see test/notifications.test.ts)
  'GET /api/notifications': ALL, 'GET /api/notifications/count': ALL, 'POST /api/notifications/:id/read': ALL, 'POST /api/notifications/read-all': ALL,
};

let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
const cookies = {} as Record<Role, string>;
let ownAccountId: number;
let otherTeamAccountId: number;
let sameTeamOtherCollectorAccountId: number;
let debtorSecrets: { idNumber: string; phone: string };
let importBatchId: number;

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);
  // A gateway no request reaches: the dial below names a contact point that does not exist (404).
  app = await buildServer(ctx, { dialer: webhookDialer('http://127.0.0.1:9/never', undefined) });
  const bank = await newCreditor(db.pool, 'BANKA');
  const otherBank = await newCreditor(db.pool, 'BANKB');
  const team = await newTeam(db.pool, '华中组');
  const otherTeam = await newTeam(db.pool, '华北组');
  const users = {
    admin: await newUser(db.pool, 'admin'),
    supervisor: await newUser(db.pool, 'supervisor', { teamId: team.id }),
    collector: await newUser(db.pool, 'collector', { teamId: team.id }),
    creditor_user: await newUser(db.pool, 'creditor_user', { creditorId: bank.id }),
  };
  const colleague = await newUser(db.pool, 'collector', { teamId: team.id });
  const farCollector = await newUser(db.pool, 'collector', { teamId: otherTeam.id });
  const debtor = await newDebtor(ctx, { idNumber: '420102199003071234', phone: '13800138000' });
  debtorSecrets = debtor;
  ownAccountId = (await newAccount(db.pool, { creditorId: bank.id, debtorId: debtor.id, collectorId: users.collector.id, teamId: team.id })).id;
  sameTeamOtherCollectorAccountId = (await newAccount(db.pool, { creditorId: bank.id, debtorId: (await newDebtor(ctx)).id, collectorId: colleague.id, teamId: team.id })).id;
  otherTeamAccountId = (await newAccount(db.pool, { creditorId: otherBank.id, debtorId: (await newDebtor(ctx)).id, collectorId: farCollector.id, teamId: otherTeam.id })).id;
  importBatchId = (await db.pool.query(`INSERT INTO import_batches (creditor_id, kind, file_name, file_sha256, status, rows)
    VALUES ($1, 'recalls', 'recalls.csv', 'f00d', 'done', 0) RETURNING id`, [bank.id])).rows[0].id;
  for (const role of ALL) cookies[role] = await signInCookie(app, users[role].username);
});

afterAll(async () => {
  await app?.close();
  await db?.drop();
});

/** A request that passes validation, so what answers is the authorization check. */
function request(method: string, url: string, cookie?: string) {
  // Users: an id that names no one, so an allowed caller resets or stops nobody (404).
  const path = url.replace(':creditor', 'BANKA').replace(':id', String(url.startsWith('/api/imports/') ? importBatchId : url.startsWith('/api/users/') || url.startsWith('/api/outbox/') || url.startsWith('/api/quality/') ? 999_999_999 : ownAccountId)) + (url.endsWith('/contact-check') ? '?channel=letter' : '')
    + (method === 'DELETE' && url === '/api/territories' ? '?creditor=BANKA&region_prefix=99' : '');
  const payload = method === 'GET' ? undefined
    : url.endsWith('/contacts') ? { channel: 'letter', outcome: 'sent' }
    : url.endsWith('/holds') ? { kind: 'vulnerable', reason: 'authorization matrix' }
    : url === '/api/suspensions' ? { scope: 'creditor', code: 'BANKA', from: '2026-01-01', to: '2026-01-01', reason: 'authorization matrix' }
    : url === '/api/contact-plans' ? { date: '2026-03-03', channel: 'call' }
    : url.endsWith('/release') ? { reason: 'authorization matrix' }
    : url === '/api/complaints/forwarded' ? { account_no: 'NOSUCH', description: 'authorization matrix' }
    : url === '/api/auth/login' ? { username: 'nobody', password: 'x' }
    : url === '/api/me/locale' ? { locale: 'en' }
    // staff accounts: a malformed username, an empty team name, a wrong current password are refused after the role check (400)
    : url === '/api/users' ? { username: 'Not A Name!', display_name: 'authorization matrix', role: 'collector' }
    : url === '/api/teams' ? { name: ' ' }
    : url === '/api/me/password' ? { current_password: 'not the password', new_password: 'authorization matrix' }
    : url === '/api/creditors' ? { code: `NEW${Math.floor(Math.random() * 1e6)}`, name: '新银行' }
    : url === '/api/creditors/:creditor/placements/extend' ? { batch_ref: 'NOSUCH', until: '2030-01-01' }
    : url === '/api/creditors/:creditor/placements/retain' ? { account_nos: ['NOSUCH'], until: '2030-01-01' }
    // too long a text is refused after the role check (400, nothing stored)
    : url.endsWith('/repayment') ? { zh: '长'.repeat(1001) }
    : url.endsWith('/name-en') ? { name_en: '银行' }
    // licences: the route's placeholder is no jurisdiction, refused after the role check (400, nothing stored)
    : url === '/api/licences/:jurisdiction' ? { number: '123' }
    : url === '/api/state-notices/:jurisdiction' ? { en: 'authorization matrix' }
    // compliance review: the route's placeholder names no rule or text, refused after the role check (404, nothing stored)
    : url === '/api/compliance/review/:item' ? { status: 'confirmed', note: ' ' }
    : url === '/api/imports' ? { kind: 'recalls', creditor: 'BANKA', file_name: 'recalls.csv', content_base64: Buffer.from('account_no,recall_date\n').toString('base64') }
    : url.endsWith('/reveal') ? { reason: 'calling the debtor back' }
    : url === '/api/accounts/caller-lookup' ? { phone: '13900139000' }
    // click-to-call: a contact point and a call that do not exist (404, nothing dialled)
    : url.endsWith('/dial') ? { contact_point_id: 999_999_999 }
    : url.endsWith('/result') ? { outcome: 'no_answer' }
    // a correction to `dialed` is refused after the role check (400, nothing changed)
    : url.endsWith('/correction') ? { outcome: 'dialed', reason: 'authorization matrix' }
    // promises: a blank reason is refused after the role check (400, nothing changed)
    : url === '/api/promises/:id/cancel' || url === '/api/callbacks/:id/cancel' ? { reason: ' ' }
    : url === '/api/promises/:id/reschedule' ? { amount_fen: 100, due_date: '2026-03-05', reason: ' ' }
    // assignment: valid bodies naming nothing that exists, so an allowed caller changes nothing (404)
    : url === '/api/territories' ? { creditor: 'NOSUCH', region_prefix: '42', team_id: 1 }
    : url === '/api/assignments/deal' ? { creditor: 'NOSUCH' }
    : url === '/api/assignments/move' ? { account_ids: [ownAccountId], to_user_id: 999_999_999, reason: 'authorization matrix' }
    : url.endsWith('/offboard') ? { to_team_id: 999_999_999 }
    : url.endsWith('/promises') ? { amount_fen: 100, due_date: '2026-03-05' }
    : url.endsWith('/callbacks') ? { local_time: '2026-03-03T10:00' }
    // a stale version is refused after the role check (409, nothing changed)
    : url.endsWith('/debtor-language') ? { language: 'es', expected_version: 999_999 }
    : url.endsWith('/debtor-name') ? { name: '改名测试', reason: 'authorization matrix', expected_version: 999_999 }
    : url.endsWith('/contact-points') ? { kind: 'phone', value: '13900139000', source: 'skip_trace', reliability: 'high' }
    : url.endsWith('/mark') ? { account_id: ownAccountId, state: 'verified', reason: 'authorization matrix' }
    : url.endsWith('/consent') ? { account_id: ownAccountId, consented: false, note: 'authorization matrix', expected_version: 999_999 }
    : url.endsWith('/no-calls') ? { account_id: ownAccountId, no_calls: false, note: 'authorization matrix', expected_version: 999_999 }
    : url.endsWith('/handoff') ? { reason: 'authorization matrix' }
    : url.endsWith('/cap') ? { daily_attempts: 50 }
    : url.endsWith('/resolve') ? { resolution: 'authorization matrix' }
    // cases: a discount above the part, or an attempt of no account, is refused after the role check (400, nothing stored)
    : url.endsWith('/settlements') ? { interest_fen: 999_999_999, due_date: '2026-03-31' }
    : url.endsWith('/complaints') ? { description: 'authorization matrix', attempt_ids: [999_999_999] }
    : url.endsWith('/disputes') ? { reason: 'wrong_amount', description: 'authorization matrix' }
    : url.endsWith('/decision') ? { decision: 'reject', reason: 'authorization matrix' }
    : url.endsWith('/resolution') ? { outcome: 'verified', note: 'authorization matrix' }
    : url.endsWith('/statement') ? { statement: 'authorization matrix' }
    : url.startsWith('/api/complaints/') && url.endsWith('/close') ? { finding: 'not_upheld', action: 'none', note: 'authorization matrix' }
    // hardship: 61 months is refused after the role check, so an allowed caller stores nothing (400)
    : url.endsWith('/hardship') ? { reason: 'other', statement: 'authorization matrix', plan: { months: 61, first_due_date: '2026-03-31' } }
    : url.endsWith('/hardship/quote') ? { months: 1, first_due_date: '2026-03-31' }
    : url.endsWith('/request-info') ? { question: 'authorization matrix' }
    : url.endsWith('/resubmit') ? { information: 'authorization matrix' }
    : url.startsWith('/api/hardship/') && url.endsWith('/reject') ? { reason: 'authorization matrix' }
    : url === '/api/hardship/programmes' ? { suspension_id: 999_999_999, evidence_note: 'authorization matrix' }
    // site: a page and a slug that do not exist are refused after the role check (400, nothing stored)
    // letters: a creditor that does not exist (404, nothing printed)
    : url === '/api/letters/print' || url === '/api/letters/validation-notices' || url === '/api/letters/validation-notices/email' || url === '/api/letters/verifications'
      || url === '/api/letters/arrangement-confirmations' || url === '/api/letters/arrangement-statements' ? { creditor: 'NOSUCH' }
    // quality: unanswered checklist items are refused after the role check (400); a review that does not exist (404)
    : url === '/api/quality/reviews' ? { attempt_id: 999_999_999, answers: {} }
    : url.endsWith('/appeal') ? { reason: 'authorization matrix' }
    : url.endsWith('/appeal-decision') ? { decision: 'upheld', note: 'authorization matrix' }
    // privacy: counting only
    : url === '/api/privacy/erasure' ? { dry_run: true }
    // a template that does not exist is refused after the role check (400, nothing queued)
    : url.endsWith('/sms') || url.endsWith('/email') ? { template: 'threat', contact_point_id: 1 }
    // strategy: malformed rules are refused after the role check (400, nothing stored)
    : url.endsWith('/preview') ? { rules: { default_action: 'fax' } }
    : url.startsWith('/api/strategy/rules/') ? { effective_from: '2099-01-01', rules: { default_action: 'fax' } }
    : url.startsWith('/api/site/') ? { key: 'nosuch', locale: 'en', slug: 'Not A Slug', title: 'authorization matrix', body_md: 'x', category: 'your-rights', published_at: null }
    : {};
  return app.inject({ method: method as 'GET', url: path, ...(cookie ? { headers: { cookie } } : {}), ...(payload ? { payload } : {}) });
}

describe('authorization matrix', () => {
  it('covers every API route the server registers', () => {
    const registered = app.routeList.filter((r) => r.url.startsWith('/api/') && !r.hidden).map((r) => `${r.method} ${r.url}`).sort();
    expect(registered).toEqual(Object.keys(MATRIX).sort());
  });

  for (const [route, allowed] of Object.entries(MATRIX)) {
    const [method, url] = route.split(' ') as [string, string];
    if (allowed === 'public') continue;
    it(`${route}: signed-out callers get 401`, async () => {
      const res = await request(method, url);
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('UNAUTHENTICATED');
    });
    for (const role of ALL) {
      const may = allowed.includes(role);
      it(`${route}: ${role} is ${may ? 'allowed' : 'denied (403)'}`, async () => {
        const res = await request(method, url, cookies[role]);
        // Allowed: past the role check (a 404 for an id that names nothing is fine here).
        if (may) {
          expect([401, 403], res.body).not.toContain(res.statusCode);
          expect(res.statusCode, res.body).toBeLessThan(500);
        } else {
          expect(res.statusCode, res.body).toBe(403);
          expect(res.json().error.code).toBe('FORBIDDEN');
        }
      });
    }
  }

  it('a refusal by role says in words who may do it, in both languages, and keeps the permission for support', async () => {
    const res = await request('POST', '/api/imports', cookies.supervisor);
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({
      message: 'Only admins may do this; you are signed in as a team lead',
      message_zh: '此操作仅限管理员；您当前的角色是组长',
      details: { permission: 'imports.run', roles: ['admin'] },
    });
    const offer = await request('POST', '/api/settlements/1/decision', cookies.collector);
    expect(offer.json().error.message).toBe("Only admins, team leads and the bank's users may do this; you are signed in as a collector");
  });
});

describe('scope: who sees which accounts', () => {
  async function visibleIds(role: Role): Promise<number[]> {
    const res = await app.inject({ method: 'GET', url: '/api/accounts?limit=500', headers: { cookie: cookies[role] } });
    return res.json().items.map((a: { id: number }) => a.id).sort();
  }
  it('a collector sees only the accounts assigned to them', async () => {
    expect(await visibleIds('collector')).toEqual([ownAccountId]);
  });
  it('a supervisor sees their team, not other teams', async () => {
    expect(await visibleIds('supervisor')).toEqual([ownAccountId, sameTeamOtherCollectorAccountId].sort());
  });
  it("a creditor user sees only their bank's accounts", async () => {
    expect(await visibleIds('creditor_user')).toEqual([ownAccountId, sameTeamOtherCollectorAccountId].sort());
  });
  it('an admin sees every account', async () => {
    expect(await visibleIds('admin')).toEqual([ownAccountId, sameTeamOtherCollectorAccountId, otherTeamAccountId].sort());
  });
  it("a collector cannot reveal a colleague's debtor (404, nothing written)", async () => {
    const before = await db.pool.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'pii.reveal'");
    const res = await app.inject({ method: 'POST', url: `/api/accounts/${sameTeamOtherCollectorAccountId}/reveal`,
      headers: { cookie: cookies.collector }, payload: { reason: 'curious' } });
    expect(res.statusCode).toBe(404);
    const after = await db.pool.query("SELECT count(*)::int AS n FROM audit_log WHERE action = 'pii.reveal'");
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });
});

describe('personal data', () => {
  it('is masked in every list response', async () => {
    for (const role of ALL) {
      const res = await app.inject({ method: 'GET', url: '/api/accounts', headers: { cookie: cookies[role] } });
      expect(res.body).not.toContain(debtorSecrets.idNumber);
      expect(res.body).not.toContain(debtorSecrets.phone);
    }
    const res = await app.inject({ method: 'GET', url: '/api/accounts', headers: { cookie: cookies.collector } });
    const [account] = res.json().items;
    expect(account.id_number_mask).toBe('4201**********1234');
    expect(account.phone_mask).toBe('138****8000');
  });

  it('is shown in clear on reveal, and the reveal is audited with who, what and why', async () => {
    const res = await app.inject({ method: 'POST', url: `/api/accounts/${ownAccountId}/reveal`,
      headers: { cookie: cookies.collector }, payload: { reason: 'debtor asked for a call back' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().id_number).toBe(debtorSecrets.idNumber);
    expect(res.json().contact_points[0].value).toBe(debtorSecrets.phone);
    const { rows } = await db.pool.query(
      "SELECT actor, entity_id, detail FROM audit_log WHERE action = 'pii.reveal' ORDER BY id DESC LIMIT 1");
    expect(rows[0].entity_id).toBe(String(ownAccountId));
    expect(rows[0].detail.reason).toBe('debtor asked for a call back');
    expect(rows[0].actor).toMatch(/^collector/);
  });

  it('never reaches the logs, even at debug level with a reveal', async () => {
    const lines: string[] = [];
    const logged = await buildServer(ctx, { logger: { level: 'trace', stream: { write: (line: string) => lines.push(line) } } });
    try {
      const cookie = await signInCookie(logged, (await db.pool.query("SELECT username FROM users WHERE role = 'collector' ORDER BY id LIMIT 1")).rows[0].username);
      await logged.inject({ method: 'GET', url: '/api/accounts', headers: { cookie } });
      const revealed = await logged.inject({ method: 'POST', url: `/api/accounts/${ownAccountId}/reveal`, headers: { cookie }, payload: { reason: 'log check' } });
      expect(revealed.statusCode).toBe(200);
    } finally { await logged.close(); }
    expect(lines.length).toBeGreaterThan(0);
    const all = lines.join('');
    expect(all).not.toContain(debtorSecrets.idNumber);
    expect(all).not.toContain(debtorSecrets.phone);
    expect(all).not.toContain('leeway_session=');
  });

  it('is stored encrypted: no column holds the ID number or phone in clear', async () => {
    const { rows } = await db.pool.query(
      `SELECT count(*)::int AS n FROM debtors d JOIN contact_points cp ON cp.debtor_id = d.id
        WHERE d::text LIKE '%' || $1 || '%' OR cp::text LIKE '%' || $2 || '%'`, [debtorSecrets.idNumber, debtorSecrets.phone]);
    expect(rows[0].n).toBe(0);
  });
});

describe('input validation and the API document', () => {
  it('answers bad input with 400 and names the field', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/accounts?limit=abc', headers: { cookie: cookies.admin } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ code: 'INVALID_INPUT', field: 'limit' });
    const bad = await app.inject({ method: 'POST', url: '/api/creditors', headers: { cookie: cookies.admin }, payload: { code: 'bad code!', name: 'x' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'INVALID_INPUT', field: 'code' });
    const missing = await app.inject({ method: 'POST', url: '/api/creditors', headers: { cookie: cookies.admin }, payload: { code: 'OK1' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.field).toBe('name');
  });

  it('publishes an OpenAPI 3.1 document listing every route', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    for (const route of Object.keys(MATRIX)) {
      const [method, url] = route.split(' ') as [string, string];
      const path = url.replace(':id', '{id}').replace(':creditor', '{creditor}').replace(':jurisdiction', '{jurisdiction}').replace(':item', '{item}');
      expect(doc.paths[path]?.[method.toLowerCase()], route).toBeDefined();
    }
    expect(doc.paths['/api/accounts'].get.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['limit', 'offset', 'q']));
  });

  it('serves health and Prometheus metrics', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const metrics = await app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('leeway_http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('leeway_db_pool_connections');
  });
});
