import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkContact } from '../src/app/compliance/check-contact.ts';
import { planContacts, type PlannedContact } from '../src/app/compliance/plan-contacts.ts';
import type { Actor, AppContext } from '../src/app/context.ts';
import { setContactPreferences } from '../src/app/portal/set-preferences.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext } from './support/fixtures.ts';

/**
 * Hours a debtor sets in the portal bind the collectors at once: a call inside the legal
 * window but outside the debtor's hours is refused, with the next allowed time.
 */
let db: TestDatabase;
let ctx: AppContext;
beforeAll(async () => { db = await createTestDatabase(); ctx = testContext(db.pool); }); // Monday 2026-03-02 10:00 in Shanghai
afterAll(async () => { await db?.drop(); });

it("keeps the collector's calls to the hours the debtor asked for in the portal", async () => {
  const creditorId = (await newCreditor(db.pool, 'PREFHRS')).id;
  const teamId = (await newTeam(db.pool)).id;
  const collector = await newUser(db.pool, 'collector', { teamId });
  const actor: Actor = { userId: collector.id, username: collector.username, role: 'collector', teamId, creditorId: null };
  const debtor = await newDebtor(ctx);
  const { id: accountId } = await newAccount(db.pool, { creditorId, debtorId: debtor.id, collectorId: collector.id, teamId });
  const call = (at: string) => checkContact(ctx, actor, accountId, { channel: 'call', party: 'debtor', purpose: 'collect', at: new Date(at) });

  expect((await call('2026-03-02T10:00:00+08:00')).allowed).toBe(true);
  await setContactPreferences(ctx, debtor.id, { preferredFrom: '14:00', preferredTo: '18:00', optOuts: [], adviserName: null, adviserPhone: null });

  const before = await call('2026-03-02T10:00:00+08:00');
  expect(before.allowed).toBe(false);
  expect(before.reasons.map((r) => r.rule)).toEqual(['CN.hours']);
  expect(before.next_allowed_at).toBe('2026-03-02T14:00:00+08:00');
  expect((await call('2026-03-02T15:00:00+08:00')).allowed).toBe(true);
});

it("leaves the debtor out of the day's call plan at an hour they did not choose, and in at one they did", async () => {
  const creditorId = (await newCreditor(db.pool, 'PREFPLAN')).id;
  const teamId = (await newTeam(db.pool)).id;
  const collector = await newUser(db.pool, 'collector', { teamId });
  const supervisor: Actor = { userId: (await newUser(db.pool, 'supervisor', { teamId })).id, username: 'sup', role: 'supervisor', teamId, creditorId: null };
  const debtor = await newDebtor(ctx);
  const { id: accountId } = await newAccount(db.pool, { creditorId, debtorId: debtor.id, collectorId: collector.id, teamId });
  await setContactPreferences(ctx, debtor.id, { preferredFrom: '14:00', preferredTo: '18:00', optOuts: [], adviserName: null, adviserPhone: null });
  const plan = async (time: string) => {
    const included: PlannedContact[] = [];
    const summary = await planContacts(ctx, supervisor, { date: '2026-03-03', time, channel: 'call', teamId }, (c) => included.push(c));
    return { ids: included.map((c) => c.account_id), summary };
  };
  const morning = await plan('10:00');
  expect(morning.ids).not.toContain(accountId);
  expect(morning.summary.left_out_by_rule['CN.hours']).toBeGreaterThanOrEqual(1);
  expect((await plan('15:00')).ids).toContain(accountId);
});
