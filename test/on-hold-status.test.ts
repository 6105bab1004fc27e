import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAccounts } from '../src/app/accounts/list-accounts.ts';
import { decideContact } from '../src/app/compliance/contact-state.ts';
import { CLI_ACTOR, type Actor, type AppContext } from '../src/app/context.ts';
import { listHolds } from '../src/app/holds/list-holds.ts';
import { placeHold } from '../src/app/holds/place-hold.ts';
import { releaseHold } from '../src/app/holds/release-hold.ts';
import { portalOverview } from '../src/app/portal/overview.ts';
import { runStrategy } from '../src/app/strategy/run-strategy.ts';
import { createSuspension } from '../src/app/suspensions/create-suspension.ts';
import { getAccountPage } from '../src/app/workstation/account-page.ts';
import { refuseUnlessCollecting } from '../src/app/workstation/take-promise.ts';
import { accountStatusPage } from '../src/db/exports-repository.ts';
import { MIGRATIONS_DIR } from '../src/db/migrate.ts';
import { accountBody, overviewBody } from '../src/http/site/portal-pages.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext } from './support/fixtures.ts';

/**
 * "On hold" (停催) comes from the holds, not from a stored status: an account a team lead puts on
 * hold shows on hold in the accounts list and answers its status filter while the hold is in
 * force, and is back in collection the moment it is lifted (src/domain/account-status.ts).
 */
let db: TestDatabase;
let ctx: AppContext;
type U = Awaited<ReturnType<typeof newUser>>;
const actor = (u: U): Actor => ({ userId: u.id, username: u.username, role: u.role, teamId: u.teamId, creditorId: u.creditorId });
let lead: U; let collector: U; let admin: U; let creditorId: number; let teamId: number;

async function account(debtorId?: number, creditor = creditorId): Promise<{ id: number; debtorId: number }> {
  const debtor = debtorId ?? (await newDebtor(ctx)).id;
  return { id: (await newAccount(db.pool, { creditorId: creditor, debtorId: debtor, collectorId: collector.id, teamId })).id, debtorId: debtor };
}

/** An account in a region (GB/T 2260; null: not known, for the account and its debtor). */
async function accountIn(region: string | null, creditor = creditorId): Promise<{ id: number; debtorId: number }> {
  const a = await account(undefined, creditor);
  await db.pool.query('UPDATE accounts SET region_code = $2 WHERE id = $1', [a.id, region]);
  await db.pool.query('UPDATE debtors SET region_code = $2 WHERE id = $1', [a.debtorId, region]);
  return a;
}

/** A creditor under a UK contract. */
async function ukCreditor(): Promise<number> {
  const { id } = await newCreditor(db.pool);
  await db.pool.query(`INSERT INTO contracts (creditor_id, version, name, pack, effective_from) VALUES ($1, 1, 'UK agreement', 'UK', '2026-01-01')`, [id]);
  return id;
}

/** What the strategy run for today chose for each account: 'hold' for the ones whose collection it found stopped. */
async function strategyHolds(ids: readonly number[]): Promise<boolean[]> {
  await runStrategy(ctx, CLI_ACTOR, { date: '2026-03-02' });
  const { rows } = await db.pool.query(`SELECT account_id, next_action FROM account_strategy WHERE business_date = '2026-03-02' AND account_id = ANY ($1::bigint[])`, [ids]);
  const action = new Map(rows.map((r) => [Number(r.account_id), r.next_action as string]));
  return ids.map((id) => action.get(id) === 'hold');
}

/** The rules the engine refuses a collection contact on the account by, now. */
async function refusedBy(accountId: number, channel: 'call' | 'letter' = 'call'): Promise<string[]> {
  return (await decideContact(ctx, db.pool, accountId, { channel, party: 'debtor', purpose: 'collect', at: ctx.now() })).reasons.map((r) => r.rule);
}

/** The ids the accounts list gives for the status filter (all of them, as the admin sees them), and each listed account's status. */
async function listed(status?: 'on_hold' | 'active' | 'paid', by: U = admin): Promise<Map<number, string>> {
  const page = await listAccounts(ctx, actor(by), { status, limit: 500, offset: 0 });
  expect(page.total).toBe(page.items.length);
  return new Map(page.items.map((a) => [a.id, a.status]));
}

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);
  creditorId = (await newCreditor(db.pool, 'ONHOLD')).id;
  teamId = (await newTeam(db.pool)).id;
  lead = await newUser(db.pool, 'supervisor', { teamId });
  collector = await newUser(db.pool, 'collector', { teamId });
  admin = await newUser(db.pool, 'admin');
});
afterAll(async () => { await db?.drop(); });

describe('on hold, from the holds', () => {
  it('a hold a team lead places shows the account on hold in the list, its filter and its page, and lifting it brings the account back', async () => {
    const held = await account();
    const other = await account();
    const hold = await placeHold(ctx, actor(lead), held.id, { kind: 'cease', reason: '客户书面要求停止联系', scope: 'account' });

    // Stored as it was: nothing but the hold says the account is on hold.
    expect((await db.pool.query('SELECT status FROM accounts WHERE id = $1', [held.id])).rows[0].status).toBe('active');
    const all = await listed();
    expect([all.get(held.id), all.get(other.id)]).toEqual(['on_hold', 'active']);
    expect([...(await listed('on_hold')).keys()]).toEqual([held.id]);
    expect((await listed('active')).has(held.id)).toBe(false);
    expect((await listed('active')).has(other.id)).toBe(true);
    // The collector's own list, searched by the account's last four digits, says the same; so does the account's page.
    const { rows: [{ no }] } = await db.pool.query('SELECT right(account_no, 4) AS no FROM accounts WHERE id = $1', [held.id]);
    const mine = await listAccounts(ctx, actor(collector), { q: no, status: 'on_hold', limit: 50, offset: 0 });
    expect(mine.items.map((a) => [a.id, a.status])).toEqual([[held.id, 'on_hold']]);
    const page = await getAccountPage(ctx, actor(collector), held.id);
    expect([page.account.status, page.account.shown_status]).toEqual(['active', 'on_hold']);
    // Nothing to do on it while it lasts (the page said: contact).
    expect(page.account.next_action).toBe('on_hold');

    await releaseHold(ctx, actor(lead), hold.id, '客户同意恢复联系');
    expect((await listed()).get(held.id)).toBe('active');
    expect((await listed('on_hold')).size).toBe(0);
    expect((await listed('active')).has(held.id)).toBe(true);
    expect((await getAccountPage(ctx, actor(collector), held.id)).account).toMatchObject({ shown_status: 'active', next_action: 'contact' });
  });

  it("a debtor-wide hold puts every account of the debtor on hold; a vulnerable flag, a hold from tomorrow, or a finished account's hold does not", async () => {
    const first = await account();
    const second = await account(first.debtorId);
    await placeHold(ctx, actor(lead), first.id, { kind: 'deceased', reason: '家属告知已故', scope: 'debtor' });
    const cared = await account();
    await placeHold(ctx, actor(lead), cared.id, { kind: 'vulnerable', reason: '高龄，需耐心沟通', scope: 'account' });
    const later = await account();
    await placeHold(ctx, actor(lead), later.id, { kind: 'dispute', reason: '客户将寄送书面异议', scope: 'account', startsOn: '2026-03-03' });
    const paid = await account();
    await placeHold(ctx, actor(lead), paid.id, { kind: 'dispute', reason: '对已结清金额有异议', scope: 'account' });
    await db.pool.query(`UPDATE accounts SET status = 'paid' WHERE id = $1`, [paid.id]);

    const all = await listed();
    expect([first, second, cared, later, paid].map((a) => all.get(a.id))).toEqual(['on_hold', 'on_hold', 'active', 'active', 'paid']);
    const onHold = await listed('on_hold');
    expect([first.id, second.id].every((id) => onHold.has(id))).toBe(true);
    expect([cared.id, later.id, paid.id].some((id) => onHold.has(id))).toBe(false);
    expect([...(await listed('paid')).keys()]).toEqual([paid.id]);
  });

  it("a bank's user reads a debtor-wide hold another bank's account placed by its kind and dates only: not that bank's words, not who placed it", async () => {
    const otherBank = (await newCreditor(db.pool)).id;
    const theirs = await account(undefined, otherBank);
    const ours = await account(theirs.debtorId);
    await placeHold(ctx, actor(lead), theirs.id, { kind: 'attorney', reason: '其他银行案件：债务人委托律师张三(13800001111)处理', scope: 'debtor' });
    await placeHold(ctx, actor(lead), ours.id, { kind: 'cease', reason: '本行客户书面要求停止联系', scope: 'account' });
    const bankUser = await newUser(db.pool, 'creditor_user', { creditorId });
    const seen = await listHolds(ctx, actor(bankUser), ours.id);
    expect(seen.map((h) => [h.kind, h.reason, h.set_by_name === null, h.in_force, h.other_creditor ?? false])).toEqual([
      ['attorney', '', true, true, true],
      ['cease', '本行客户书面要求停止联系', false, true, false],
    ]);
    // The agency's own staff read every hold in full.
    expect((await listHolds(ctx, actor(lead), ours.id)).map((h) => h.reason)).toEqual(['其他银行案件：债务人委托律师张三(13800001111)处理', '本行客户书面要求停止联系']);
    // A debtor-wide hold placed before migration 0075 kept no creditor: the migration reads it from the hold's audit row.
    await db.pool.query('UPDATE holds SET placed_from_creditor_id = NULL WHERE debtor_id = $1', [theirs.debtorId]);
    const sql = await fs.readFile(path.join(MIGRATIONS_DIR, '0075_hold_placed_from.sql'), 'utf8');
    for (const statement of sql.replace(/--.*$/gm, '').split(';').filter((q) => /^\s*UPDATE/.test(q))) await db.pool.query(statement);
    expect((await db.pool.query('SELECT kind, placed_from_creditor_id FROM holds WHERE debtor_id = $1 ORDER BY id', [theirs.debtorId])).rows)
      .toEqual([{ kind: 'attorney', placed_from_creditor_id: otherBank }, { kind: 'cease', placed_from_creditor_id: creditorId }]);
  });

  it('the database stores no on_hold status; migration 0068 brings back to collection the accounts an older demo stored so', async () => {
    const kept = await account();
    const lost = await account();
    await db.pool.query(`UPDATE contact_points SET verified = 'invalid' WHERE debtor_id = $1`, [lost.debtorId]);
    await expect(db.pool.query(`UPDATE accounts SET status = 'on_hold' WHERE id = $1`, [kept.id])).rejects.toThrow(/accounts_status_check/);

    const sql = await fs.readFile(path.join(MIGRATIONS_DIR, '0068_on_hold_from_holds.sql'), 'utf8');
    const client = await db.pool.connect();
    try {
      await client.query('BEGIN');
      // The database as it was before 0068, with two accounts the demo had put "on hold".
      await client.query(`ALTER TABLE accounts DROP CONSTRAINT accounts_status_check, ADD CONSTRAINT accounts_status_check CHECK (status IN
        ('placed', 'active', 'promised', 'in_plan', 'on_hold', 'lost_contact', 'paid', 'settled', 'recalled', 'closed'))`);
      await client.query(`UPDATE accounts SET status = 'on_hold' WHERE id = ANY ($1::bigint[])`, [[kept.id, lost.id]]);
      await client.query(sql);
      const { rows } = await client.query(`SELECT id, status, version FROM accounts WHERE id = ANY ($1::bigint[]) ORDER BY id`, [[kept.id, lost.id]]);
      expect(rows.map((r) => [Number(r.id), r.status, r.version])).toEqual([[kept.id, 'active', 2], [lost.id, 'lost_contact', 2]]);
      await expect(client.query(`UPDATE accounts SET status = 'on_hold' WHERE id = $1`, [kept.id])).rejects.toThrow(/accounts_status_check/);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });
});

describe('on hold as the compliance engine has it', () => {
  it('a suspension over the region, the creditor or the account shows the account on hold, as the strategy and the engine have it', async () => {
    // Urumqi (650100) is suspended: a district of it, the province (less specific: it may be the city) and an unknown region are covered;
    // another city of the province is not, nor a UK contract's account there (a Chinese region's suspension reaches Chinese contracts only).
    const district = await accountIn('650102');
    const province = await accountIn('650000');
    const unknown = await accountIn(null);
    const changji = await accountIn('652301');
    const uk = await accountIn('650102', await ukCreditor());
    await createSuspension(ctx, actor(admin), { scope: 'region', code: '650100', from: '2026-03-01', to: null, reason: '地震' });
    const bank = await newCreditor(db.pool, 'FLOODED');
    const ofBank = await account(undefined, bank.id);
    await createSuspension(ctx, actor(admin), { scope: 'creditor', code: bank.code, from: '2026-03-02', to: '2026-03-02', reason: '委托方要求暂停' });
    const single = await account();
    await createSuspension(ctx, actor(admin), { scope: 'account', code: String(single.id), from: '2026-02-01', to: '2026-03-31', reason: '客户住院' });
    // One from tomorrow, and one ended, stop nothing today.
    const tomorrow = await account();
    await createSuspension(ctx, actor(admin), { scope: 'account', code: String(tomorrow.id), from: '2026-03-03', to: null, reason: '下周起暂停' });
    const ended = await account();
    const { suspension } = await createSuspension(ctx, actor(admin), { scope: 'account', code: String(ended.id), from: '2026-02-01', to: null, reason: '已结束' });
    await db.pool.query('UPDATE suspensions SET ended_at = now() WHERE id = $1', [suspension.id]);

    const accounts = [district, province, unknown, changji, uk, ofBank, single, tomorrow, ended];
    const stopped = [true, true, true, false, false, true, true, false, false];
    const all = await listed();
    expect(accounts.map((a) => all.get(a.id))).toEqual(stopped.map((s) => (s ? 'on_hold' : 'active')));
    const onHold = await listed('on_hold');
    expect(accounts.map((a) => onHold.has(a.id))).toEqual(stopped);
    // The account page and the bank's status file say the same; nothing is stored.
    expect((await getAccountPage(ctx, actor(admin), district.id)).account).toMatchObject({ status: 'active', shown_status: 'on_hold', next_action: 'on_hold' });
    const file = await accountStatusPage(db.pool, { creditorId: bank.id, zone: 'Asia/Shanghai', today: '2026-03-02', afterId: 0, limit: 10 });
    expect(file.map((r) => r.status)).toEqual(['on_hold']);
    // The strategy finds the same accounts stopped, and the engine refuses collection on them for the suspension.
    expect(await strategyHolds(accounts.map((a) => a.id))).toEqual(stopped);
    for (const [i, a] of accounts.entries()) {
      expect((await refusedBy(a.id)).some((rule) => rule.endsWith('.suspension')), `account ${i}`).toBe(stopped[i]);
    }
    await db.pool.query(`UPDATE suspensions SET ended_at = now() WHERE ended_at IS NULL`);
  });

  it('a UK breathing space shows on hold for the 60 days the law gives it, a crisis one until 30 days after treatment, as the holds screen and the engine have it', async () => {
    const bank = await ukCreditor();
    const place = async (kind: string, startsOn: string, endsOn: string | null = null) => {
      const a = await account(undefined, bank);
      await placeHold(ctx, actor(lead), a.id, { kind, reason: 'Insolvency Service notice', scope: 'debtor', startsOn, endsOn });
      return a;
    };
    // 60 days after 1 January is today, its last day; after 31 December, yesterday.
    const lastDay = await place('breathing_space', '2026-01-01');
    const lapsed = await place('breathing_space', '2025-12-31');
    // Treatment ended on 15 February: the moratorium runs to 17 March.
    const crisis = await place('mental_health_crisis', '2026-01-10', '2026-02-15');
    // A plan being arranged from 20 January lapsed on 19 February; extended once, it runs to 21 March.
    const plan = await place('plan_pending', '2026-01-20');
    const extended = await place('plan_pending', '2026-01-20');
    await placeHold(ctx, actor(lead), extended.id, { kind: 'plan_pending_extended', reason: 'Adviser asked for more time', scope: 'debtor' });

    const accounts = [lastDay, lapsed, crisis, plan, extended];
    const stopped = [true, false, true, false, true];
    const all = await listed();
    expect(accounts.map((a) => all.get(a.id))).toEqual(stopped.map((s) => (s ? 'on_hold' : 'active')));
    const onHold = await listed('on_hold');
    expect(accounts.map((a) => onHold.has(a.id))).toEqual(stopped);
    // The holds screen gives the same last days.
    const holds = await Promise.all(accounts.map((a) => listHolds(ctx, actor(admin), a.id)));
    expect(holds.map((h) => h.find((x) => x.kind !== 'plan_pending_extended')!.last_day)).toEqual(['2026-03-02', '2026-03-01', '2026-03-17', '2026-02-19', '2026-03-21']);
    expect(holds.map((h) => h.some((x) => x.in_force && x.kind !== 'plan_pending_extended'))).toEqual(stopped);
    // The engine refuses a letter asking for payment on exactly those, and the strategy holds them.
    for (const [i, a] of accounts.entries()) {
      expect((await refusedBy(a.id, 'letter')).some((rule) => rule === 'UK.breathing_space' || rule === 'UK.plan_pending'), `account ${i}`).toBe(stopped[i]);
    }
    expect(await strategyHolds(accounts.map((a) => a.id))).toEqual(stopped);
    // A promise is refused while collection is stopped, and taken again once the moratorium has lapsed.
    const promiseOn = (a: { id: number; debtorId: number }) => refuseUnlessCollecting(db.pool, { id: a.id, debtor_id: a.debtorId, status: 'active' }, '2026-03-02');
    await expect(promiseOn(lastDay)).rejects.toThrow(/on hold/);
    await expect(promiseOn(lapsed)).resolves.toBeUndefined();
  });

  it("the debtor's page says collection is paused only when it is, in words a debtor may be given, and never names a vulnerable flag", async () => {
    const debtor = await newDebtor(ctx);
    const cared = await account(debtor.id);
    await placeHold(ctx, actor(lead), cared.id, { kind: 'vulnerable', reason: '客户自述患抑郁症，需耐心沟通', scope: 'account' });
    const doubted = await account(debtor.id);
    await placeHold(ctx, actor(lead), doubted.id, { kind: 'capacity', reason: '家属称客户无民事行为能力', scope: 'account' });
    const disputed = await account(debtor.id);
    await placeHold(ctx, actor(lead), disputed.id, { kind: 'dispute', reason: '客户称金额有误', scope: 'account' });
    const bank = await newCreditor(db.pool);
    const suspended = await account(debtor.id, bank.id);
    await createSuspension(ctx, actor(admin), { scope: 'creditor', code: bank.code, from: '2026-03-01', to: null, reason: '委托方要求暂停' });

    const o = await portalOverview(ctx, debtor.id);
    const byId = new Map(o.accounts.map((a) => [a.id, a]));
    expect([cared, doubted, disputed, suspended].map((a) => byId.get(a.id)!.collection_paused)).toEqual([false, true, true, true]);
    // Each account's card, as the overview shows it: its status and why collection is paused.
    const page = overviewBody('zh-CN', o, {}, '测试机构', null);
    const card = (id: number) => page.split('data-testid="portal-account"').find((c) => c.includes(`/my/accounts/${id}"`))!;
    const status = (html: string) => /data-testid="portal-status">([^<]*)</.exec(html)![1];
    const paused = (html: string) => /data-testid="portal-paused"><strong>[^<]*<\/strong>([^<]*)</.exec(html)?.[1] ?? null;
    expect([cared, doubted, disputed, suspended].map((a) => [status(card(a.id)), paused(card(a.id))])).toEqual([
      ['催收中', null], ['暂停催收', '账户核查中'], ['暂停催收', '异议处理中'], ['暂停催收', '我们暂时停止催收'],
    ]);
    expect(page).not.toMatch(/vulnerable|capacity|脆弱|无民事行为能力|抑郁/);
    // The account under a vulnerable flag takes a promise as any other; the disputed one does not.
    const caredPage = accountBody('zh-CN', byId.get(cared.id)!, '2026-03-16', null, null);
    expect(caredPage).not.toContain('promise-paused');
    expect([status(caredPage), paused(caredPage)]).toEqual(['催收中', null]);
    expect(caredPage).not.toMatch(/vulnerable|抑郁/);
    expect(accountBody('zh-CN', byId.get(disputed.id)!, '2026-03-16', null, null)).toContain('data-testid="promise-paused"');
    await db.pool.query(`UPDATE suspensions SET ended_at = now() WHERE ended_at IS NULL`);
  });

  it("a UK debtor's page stops saying collection is paused when the breathing space lapses", async () => {
    const bank = await ukCreditor();
    const debtor = await newDebtor(ctx);
    const current = await account(debtor.id, bank);
    await placeHold(ctx, actor(lead), current.id, { kind: 'breathing_space', reason: 'Insolvency Service notice', scope: 'account', startsOn: '2026-02-20' });
    const lapsed = await account(debtor.id, bank);
    await placeHold(ctx, actor(lead), lapsed.id, { kind: 'mental_health_crisis', reason: 'Crisis moratorium', scope: 'account', startsOn: '2025-12-01', endsOn: '2026-01-15' });
    const o = await portalOverview(ctx, debtor.id);
    const page = (id: number) => accountBody('en', o.accounts.find((a) => a.id === id)!, '2026-03-16', null, null);
    expect(page(current.id)).toContain('Collection paused: </strong>breathing space (Debt Respite Scheme)');
    expect(page(current.id)).toContain('data-testid="promise-paused"');
    // Treatment ended on 15 January: the moratorium ended on 14 February.
    expect(page(lapsed.id)).toContain('data-testid="portal-status">Being collected<');
    expect(page(lapsed.id)).not.toMatch(/Collection paused|mental health|crisis/i);
  });
});
