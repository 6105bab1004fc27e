import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app/context.ts';
import { inSample } from '../src/domain/quality/scorecard.ts';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';

/**
 * Call quality review (质检) through the HTTP API on a real database: which calls wait for
 * review (every complaint-linked one, the fixed sample, only reached calls and visits of the
 * reviewer's team, never the reviewer's own), scoring and its refusals, the collector's
 * appeal and its decision by someone other than the reviewer, notices, audit and the summary.
 */
let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
const cookies: Record<string, string> = {};
const ids: Record<string, number> = {};
let accountA = 0;
let accountB = 0;
let debtorA = 0;
let bankId = 0;
const NOW = new Date('2026-03-02T02:00:00Z'); // testContext's clock

const PASS_ALL = {
  identified: 'pass', right_party_first: 'pass', no_abuse: 'pass', no_third_party_disclosure: 'pass', accurate_information: 'pass',
  listened_and_offered_options: 'pass', respected_requests: 'pass', courteous: 'pass', accurate_record: 'pass',
};

async function attempt(collector: number, o: { account?: number; channel?: string; outcome?: string; daysAgo?: number; note?: string } = {}): Promise<number> {
  const { rows } = await db.pool.query(
    `INSERT INTO contact_attempts (creditor_id, account_id, debtor_id, channel, party, purpose, outcome, at, collector_id, note, recording_ref)
     VALUES ($1, $2, $3, $4, 'debtor', 'collect', $5, $6, $7, $8, $9) RETURNING id`,
    [bankId, o.account ?? accountA, debtorA, o.channel ?? 'call', o.outcome ?? 'right_party',
      new Date(NOW.getTime() - (o.daysAgo ?? 1) * 86_400_000), collector, o.note ?? null, `rec-${collector}`]);
  return rows[0].id;
}

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);
  app = await buildServer(ctx);
  const bank = await newCreditor(db.pool, 'QA');
  bankId = bank.id;
  const team = await newTeam(db.pool);
  const otherTeam = await newTeam(db.pool);
  const users = {
    collector: await newUser(db.pool, 'collector', { teamId: team.id }),
    colleague: await newUser(db.pool, 'collector', { teamId: team.id }),
    outsider: await newUser(db.pool, 'collector', { teamId: otherTeam.id }),
    lead: await newUser(db.pool, 'supervisor', { teamId: team.id }),
    secondLead: await newUser(db.pool, 'supervisor', { teamId: team.id }),
    otherLead: await newUser(db.pool, 'supervisor', { teamId: otherTeam.id }),
    admin: await newUser(db.pool, 'admin'),
  };
  for (const [name, u] of Object.entries(users)) {
    ids[name] = u.id;
    cookies[name] = await signInCookie(app, u.username);
  }
  const debtor = await newDebtor(ctx);
  debtorA = debtor.id;
  accountA = (await newAccount(db.pool, { creditorId: bank.id, debtorId: debtor.id, collectorId: users.collector.id, teamId: team.id })).id;
  accountB = (await newAccount(db.pool, { creditorId: bank.id, debtorId: debtor.id, collectorId: users.colleague.id, teamId: team.id })).id;
});
afterAll(async () => {
  await app?.close();
  await db?.drop();
});

const call = (method: 'GET' | 'POST', url: string, who: string, payload?: object) =>
  app.inject({ method, url, headers: { cookie: cookies[who]! }, ...(payload === undefined ? {} : { payload }) });
const queueIds = async (who: string): Promise<number[]> => (await call('GET', '/api/quality/queue', who)).json().items.map((i: { attempt_id: number }) => i.attempt_id);

describe('the review queue', () => {
  let complained = 0;
  let sampled: number[] = [];
  let notSampled: number[] = [];

  beforeAll(async () => {
    // Forty reached calls by the collector over the last days: the sample is a fixed function of the id.
    const calls: number[] = [];
    for (let k = 0; k < 40; k++) calls.push(await attempt(ids.collector!, { daysAgo: 1 + (k % 10) }));
    sampled = calls.filter((id) => inSample(id));
    notSampled = calls.filter((id) => !inSample(id));
    // A call 20 days ago, out of the window, named by a complaint opened today: it must be reviewed.
    complained = await attempt(ids.collector!, { daysAgo: 20, note: '债务人称语气强硬' });
    await db.pool.query(
      `INSERT INTO complaints (creditor_id, account_id, kind, channel, description, attempt_ids, collector_id, created_at)
       VALUES ($1, $2, 'complaint', 'phone', '投诉催收员态度', ARRAY[$3::bigint], $4, $5)`, [bankId, accountA, complained, ids.collector, NOW]);
  });

  it('lists every complaint-linked call first, then exactly the sampled reached calls, newest first', async () => {
    const res = await call('GET', '/api/quality/queue', 'lead');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ sample_percent: 5, window_days: 14 });
    expect(body.items[0]).toMatchObject({ attempt_id: complained, reason: 'complaint', channel: 'call', outcome_label_zh: '本人接通',
      note: '债务人称语气强硬', complaint_ids: [expect.any(Number)], debtor_name: '张三', creditor_code: 'QA' });
    const rest = body.items.slice(1).map((i: { attempt_id: number; reason: string }) => i.attempt_id);
    expect(new Set(rest)).toEqual(new Set(sampled));
    expect(body.items.slice(1).every((i: { reason: string }) => i.reason === 'sample')).toBe(true);
    for (const id of notSampled) expect(rest).not.toContain(id);
    const times = body.items.slice(1).map((i: { at: string }) => Date.parse(i.at));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('leaves out unreached calls, SMS, calls older than the window, and other teams', async () => {
    // At 100% every call would be in the sample; make calls that must still never show.
    const noAnswer = await attempt(ids.collector!, { outcome: 'no_answer' });
    const sms = await attempt(ids.collector!, { channel: 'sms', outcome: 'sms_sent' });
    const old = await attempt(ids.collector!, { daysAgo: 15 });
    const outsiders = await attempt(ids.outsider!);
    await db.pool.query(`INSERT INTO complaints (creditor_id, account_id, kind, channel, description, attempt_ids, created_at)
       VALUES ($1, $2, 'complaint', 'phone', 'x', ARRAY[$3::bigint, $4::bigint], $5)`, [bankId, accountA, noAnswer, sms, NOW]);
    const lead = await queueIds('lead');
    for (const id of [noAnswer, sms, old, outsiders]) expect(lead).not.toContain(id);
    expect(await queueIds('otherLead')).toEqual(inSample(outsiders) ? [outsiders] : []);
    expect(await queueIds('admin')).toContain(complained);
  });

  it('is for team leads and admins only', async () => {
    expect((await call('GET', '/api/quality/queue', 'collector')).statusCode).toBe(403);
  });
});

describe('reviewing a call', () => {
  let target = 0;

  beforeAll(async () => {
    target = await attempt(ids.collector!, { account: accountA });
  });

  it('refuses a missing answer, naming the item, and a failed review without a comment', async () => {
    const { courteous: _c, ...missing } = PASS_ALL;
    const res = await call('POST', '/api/quality/reviews', 'lead', { attempt_id: target, answers: missing });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({ field: 'answers', message: expect.stringContaining('courteous') });
    const noComment = await call('POST', '/api/quality/reviews', 'lead', { attempt_id: target, answers: { ...PASS_ALL, no_abuse: 'fail' } });
    expect(noComment.statusCode).toBe(400);
    expect(noComment.json().error.field).toBe('comment');
    expect((await db.pool.query('SELECT count(*)::int AS n FROM qa_reviews')).rows[0].n).toBe(0);
  });

  it('keeps reviewers to their team and off their own calls', async () => {
    expect((await call('POST', '/api/quality/reviews', 'otherLead', { attempt_id: target, answers: PASS_ALL })).statusCode).toBe(404);
    expect((await call('POST', '/api/quality/reviews', 'collector', { attempt_id: target, answers: PASS_ALL })).statusCode).toBe(403);
    const own = await attempt(ids.lead!);
    expect(await queueIds('lead')).not.toContain(own);
    const res = await call('POST', '/api/quality/reviews', 'lead', { attempt_id: own, answers: PASS_ALL });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message_zh).toContain('不能质检自己的通话');
    const sms = await attempt(ids.collector!, { channel: 'sms', outcome: 'sms_sent' });
    expect((await call('POST', '/api/quality/reviews', 'lead', { attempt_id: sms, answers: PASS_ALL })).statusCode).toBe(409);
    // A call nobody answered is not on the queue, and not reviewed by naming it either: it would count in the collector's figures.
    const unanswered = await attempt(ids.collector!, { outcome: 'no_answer' });
    const refused = await call('POST', '/api/quality/reviews', 'lead', { attempt_id: unanswered, answers: PASS_ALL });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ message: expect.stringContaining(`Contact attempt ${unanswered} reached nobody (No answer)`),
      message_zh: expect.stringContaining(`催记 ${unanswered} 未接通任何人（无人接听）`) });
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM qa_reviews WHERE attempt_id = $1`, [unanswered])).rows[0].n).toBe(0);
  });

  it('scores a red line 0, records it once, tells the collector, audits it, and takes the call off the queue', async () => {
    const res = await call('POST', '/api/quality/reviews', 'lead',
      { attempt_id: target, answers: { ...PASS_ALL, no_third_party_disclosure: 'fail' }, comment: '向接听的同事透露了欠款' });
    expect(res.statusCode).toBe(201);
    const review = res.json().review;
    expect(review).toMatchObject({ attempt_id: target, score: 0, result: 'red_line', status: 'final', collector_id: ids.collector,
      comment: '向接听的同事透露了欠款', can_appeal: false, can_decide_appeal: false, complaint_linked: false });
    expect((await call('POST', '/api/quality/reviews', 'secondLead', { attempt_id: target, answers: PASS_ALL })).statusCode).toBe(409);
    expect(await queueIds('lead')).not.toContain(target);
    const notice = await db.pool.query(`SELECT kind, message, message_zh, qa_review_id FROM notifications WHERE user_id = $1`, [ids.collector]);
    // In Chinese, the reviewer by the name people know them by, the result in words.
    const { rows: [lead] } = await db.pool.query(`SELECT u.display_name FROM users u JOIN qa_reviews r ON r.reviewer_id = u.id WHERE r.id = $1`, [review.id]);
    expect(review.reviewer_name).toBe(lead.display_name);
    expect(notice.rows).toEqual([{ kind: 'qa_reviewed', qa_review_id: review.id,
      message: `Quality review of your call (attempt ${target}) by ${lead.display_name}: 0, Red line. 向接听的同事透露了欠款`,
      message_zh: `${lead.display_name} 质检了您的电话（催记 ${target}）：0 分，触碰红线。向接听的同事透露了欠款` }]);
    const audit = await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'qa.review' AND entity_id = $1`, [String(review.id)]);
    expect(audit.rows[0].detail).toMatchObject({ score: 0, result: 'red_line', failed: ['no_third_party_disclosure'], collector_id: ids.collector });
  });
});

describe('appeals and the summary', () => {
  let failed = 0;
  let passed = 0;
  let colleagues = 0;

  beforeAll(async () => {
    const review = async (who: string, attemptId: number, answers: object, comment?: string) =>
      (await call('POST', '/api/quality/reviews', who, { attempt_id: attemptId, answers, ...(comment ? { comment } : {}) })).json().review.id as number;
    failed = await review('lead', await attempt(ids.collector!), { ...PASS_ALL, courteous: 'fail', accurate_information: 'fail' }, '语气生硬，金额说错');
    passed = await review('lead', await attempt(ids.collector!), { ...PASS_ALL, respected_requests: 'na' });
    colleagues = await review('lead', await attempt(ids.colleague!, { account: accountB }), { ...PASS_ALL, courteous: 'fail', accurate_record: 'fail' }, '打断债务人，催记不全');
  });

  it('shows a collector only their own reviews, with the appeal open where it may be', async () => {
    const mine = (await call('GET', '/api/quality/reviews', 'collector')).json();
    expect(mine.items.map((r: { id: number }) => r.id)).not.toContain(colleagues);
    const byId = new Map(mine.items.map((r: { id: number }) => [r.id, r]));
    expect(byId.get(failed)).toMatchObject({ score: 65, result: 'fail', can_appeal: true });
    expect(byId.get(passed)).toMatchObject({ score: 100, result: 'pass', can_appeal: false });
    const page = (await call('GET', '/api/quality/reviews?limit=1', 'lead')).json();
    expect(page.items).toHaveLength(1);
    const next = (await call('GET', `/api/quality/reviews?limit=50&before=${page.next_before}`, 'lead')).json();
    expect(next.items.every((r: { id: number }) => r.id < page.next_before)).toBe(true);
    expect((await call('GET', '/api/quality/reviews', 'otherLead')).json().items).toEqual([]);
  });

  it('takes one appeal of a review that did not pass, within the days, and tells the reviewer', async () => {
    expect((await call('POST', `/api/quality/reviews/${passed}/appeal`, 'collector', { reason: '我认为合格' })).statusCode).toBe(409);
    expect((await call('POST', `/api/quality/reviews/${colleagues}/appeal`, 'collector', { reason: '不是我的' })).statusCode).toBe(404);
    const res = await call('POST', `/api/quality/reviews/${failed}/appeal`, 'collector', { reason: '金额是按银行最新文件说的' });
    expect(res.statusCode).toBe(200);
    expect(res.json().review).toMatchObject({ status: 'appealed', appeal_reason: '金额是按银行最新文件说的', can_appeal: false });
    expect((await call('POST', `/api/quality/reviews/${failed}/appeal`, 'collector', { reason: '再次申诉' })).statusCode).toBe(409);
    const notice = await db.pool.query(`SELECT kind FROM notifications WHERE user_id = $1`, [ids.lead]);
    expect(notice.rows.map((r) => r.kind)).toEqual(['qa_appealed']);
    const { rows: [{ message }] } = await db.pool.query(`SELECT message FROM notifications WHERE user_id = $1`, [ids.lead]);
    const { rows: [collector] } = await db.pool.query(`SELECT display_name FROM users WHERE id = $1`, [ids.collector]);
    expect(message).toBe(`${collector.display_name} appealed quality review ${failed} (65, Fail): 金额是按银行最新文件说的`);
    // Eight days on, the colleague's review can no longer be appealed.
    await db.pool.query(`UPDATE qa_reviews SET reviewed_at = reviewed_at - interval '8 days' WHERE id = $1`, [colleagues]);
    const late = await call('POST', `/api/quality/reviews/${colleagues}/appeal`, 'colleague', { reason: '我没有打断' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message_zh).toContain('7 天内');
  });

  it('lets another team lead or an admin decide it, never the reviewer, and an overturned review stops counting', async () => {
    const before = (await call('GET', '/api/quality/summary', 'lead')).json();
    const rowOf = (s: { collectors: Array<{ collector_id: number }> }) => s.collectors.find((c) => c.collector_id === ids.collector);
    expect(rowOf(before)).toMatchObject({ reviews: 3, passed: 1, failed: 1, red_lines: 1, appeals_open: 1, overturned: 0, average_score: 55 });
    const lead = (await call('GET', '/api/quality/reviews?status=appealed', 'lead')).json().items[0];
    expect(lead).toMatchObject({ id: failed, can_decide_appeal: false });
    const own = await call('POST', `/api/quality/reviews/${failed}/appeal-decision`, 'lead', { decision: 'overturned', note: '同意' });
    expect(own.statusCode).toBe(403);
    expect((await call('GET', '/api/quality/reviews?status=appealed', 'secondLead')).json().items[0].can_decide_appeal).toBe(true);
    expect((await call('POST', `/api/quality/reviews/${failed}/appeal-decision`, 'otherLead', { decision: 'overturned', note: '同意' })).statusCode).toBe(404);
    const res = await call('POST', `/api/quality/reviews/${failed}/appeal-decision`, 'secondLead', { decision: 'overturned', note: '核对银行文件，金额无误' });
    expect(res.statusCode).toBe(200);
    expect(res.json().review).toMatchObject({ status: 'overturned', appeal_note: '核对银行文件，金额无误', can_decide_appeal: false });
    expect((await call('POST', `/api/quality/reviews/${failed}/appeal-decision`, 'admin', { decision: 'upheld', note: '再议' })).statusCode).toBe(409);
    const after = rowOf((await call('GET', '/api/quality/summary', 'lead')).json());
    expect(after).toMatchObject({ reviews: 2, passed: 1, failed: 0, red_lines: 1, appeals_open: 0, overturned: 1, average_score: 50 });
    const notices = await db.pool.query(`SELECT kind, message FROM notifications WHERE user_id = $1 ORDER BY id`, [ids.collector]);
    // In English as in Chinese: the decider by the name people know them by, and which way it went in words.
    const { rows: [decider] } = await db.pool.query(`SELECT display_name FROM users WHERE id = $1`, [ids.secondLead]);
    expect(res.json().review.appeal_decided_by_name).toBe(decider.display_name);
    expect(notices.rows.at(-1)).toEqual({ kind: 'qa_appeal_decided',
      message: `Your appeal of quality review ${failed} was accepted: the review is overturned (${decider.display_name}): 核对银行文件，金额无误` });
    const audit = await db.pool.query(`SELECT action FROM audit_log WHERE entity = 'qa_review' AND entity_id = $1 ORDER BY id`, [String(failed)]);
    expect(audit.rows.map((r) => r.action)).toEqual(['qa.review', 'qa.appeal', 'qa.appeal_decide']);
  });

  it('gives a collector only their own summary row, and counts reviews by business date', async () => {
    const mine = (await call('GET', '/api/quality/summary', 'collector')).json();
    expect(mine.collectors.map((c: { collector_id: number }) => c.collector_id)).toEqual([ids.collector]);
    expect(mine).toMatchObject({ from: '2026-02-01', to: '2026-03-02', pass_mark: 80 });
    const tomorrow = (await call('GET', '/api/quality/summary?from=2026-03-03&to=2026-03-03', 'collector')).json();
    expect(tomorrow.collectors[0]).toMatchObject({ reviews: 0, average_score: null });
    expect((await call('GET', '/api/quality/summary?from=2026-03-05&to=2026-03-01', 'lead')).statusCode).toBe(400);
  });
});
