/**
 * The demo's US bank (`leeway start --demo-us-accounts N`; `npm start` asks for 200): First
 * Prairie Bank under a US contract, a "US Desk" team that takes its states, an English-speaking
 * supervisor and collectors, the bank's own user (委托方, `us.bank1`: its accounts only, its
 * decisions on hardship and settlements), and the bank's first placement file brought in through the real
 * import (as `leeway import placements` would), then dealt to the desk. Its accounts show the US
 * rules at work: no collection before the validation notice (printed from the Creditors screen),
 * each debtor judged in their state's zones, Massachusetts's cap, e-mail to the addresses the
 * file carries, amounts in dollars. The demo agency gets a US number, mailing address and hours (`phone_us`, `address_us`,
 * `hours_us`) for them to call back and write to.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { insertContractVersion } from '../../db/contracts-repository.ts';
import { insertCreditor } from '../../db/creditors-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { insertTeam, insertUser, setUserLocale } from '../../db/users-repository.ts';
import { DEMO_PASSWORD } from '../../demo/load.ts';
import { US_DEMO_BANK, US_DEMO_HEADER, US_DEMO_STATES, usDemoRows } from '../../demo/us-file.ts';
import { parseLocalDate } from '../../domain/calendar.ts';
import { csvLine } from '../../domain/import/csv.ts';
import { dealUnassignedAccounts } from '../assignment/deal-accounts.ts';
import { setTerritory } from '../assignment/territories.ts';
import { hashPassword } from '../auth/passwords.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';
import { importPlacements } from '../import/import-placements.ts';
import { saveSitePage } from '../site/manage-site.ts';
import { sitePage } from '../site/read-site.ts';
import { seedSiteContent } from '../site/seed-content.ts';

const TEAM = 'US Desk';
const USERS = [
  { username: 'us.supervisor', displayName: 'Dana Brooks', role: 'supervisor' as const },
  { username: 'us.collector1', displayName: 'Sam Rivera', role: 'collector' as const },
  { username: 'us.collector2', displayName: 'Alex Kim', role: 'collector' as const },
  // The bank's user: in no team, scoped to First Prairie's accounts.
  { username: 'us.bank1', displayName: 'Morgan Hale', role: 'creditor_user' as const },
];

export async function loadUsDemo(ctx: AppContext, actor: Actor, options: { accounts: number; seed: number }):
  Promise<{ accounts: number; rejected: number; dealt: number }> {
  authorize(actor, 'creditors.manage');
  const today = parseLocalDate(businessDate(ctx));
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const teamId = await inTransaction(ctx.pool, async (client) => {
    const creditorId = await insertCreditor(client, US_DEMO_BANK.code, US_DEMO_BANK.name);
    await insertContractVersion(client, {
      creditorId, name: `${US_DEMO_BANK.name} charged-off credit card placement agreement`, pack: 'US', effectiveFrom: '2025-01-01', placementDays: 180,
      commission: { tiers: [{ from: 'M1', to: 'M6', rate_bp: 1800 }, { from: 'M7+', rate_bp: 2800 }] },
      // The bank's placement letter tells its debtors we may e-mail them (12 CFR 1006.6(d)(4)(ii)): its addresses may be e-mailed 35 days after placement.
      terms: { promise_grace_days: 3, plan_grace_days: 5, hardship_decision_days: 10, allocation_order: ['fees', 'interest', 'principal'], max_instalment_months: 36,
        creditor_email_notice: true },
      createdBy: null,
    });
    const team = (await insertTeam(client, TEAM))!;
    for (const u of USERS) {
      const bank = u.role === 'creditor_user';
      const id = await insertUser(client, { username: u.username, displayName: u.displayName, passwordHash, role: u.role,
        teamId: bank ? null : team, creditorId: bank ? creditorId : null });
      await setUserLocale(client, id, 'en');
    }
    return team;
  });
  for (const state of US_DEMO_STATES) await setTerritory(ctx, actor, { creditorCode: US_DEMO_BANK.code, regionPrefix: `US-${state}`, team: teamId });
  await setDemoUsNumber(ctx, actor);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-us-demo-'));
  try {
    const file = path.join(dir, 'first-prairie-placements.csv');
    await fs.writeFile(file, [[...US_DEMO_HEADER], ...usDemoRows(options.accounts, options.seed, today)].map(csvLine).join(''));
    const { summary } = await importPlacements(ctx, actor, { filePath: file, creditor: US_DEMO_BANK.code, errorsPath: path.join(dir, 'errors.csv') });
    const dealt = await dealUnassignedAccounts(ctx, actor, { creditorCode: US_DEMO_BANK.code });
    return { accounts: summary.inserted, rejected: summary.rejected, dealt: dealt.dealt };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** The demo agency's US desk (a 555-01xx number, fictional, like the demo's debtors'), in Chicago, on Central time. */
export const US_DEMO_AGENCY_PHONE = '(312) 555-0148';
export const US_DEMO_AGENCY_ADDRESS = '100 Demo Plaza, Suite 400, Chicago, IL 60601';
export const US_DEMO_AGENCY_HOURS = 'Monday to Friday 8am-8pm CT';
/** The same, for the Spanish notices and letters. */
export const US_DEMO_AGENCY_HOURS_ES = 'de lunes a viernes, de 8am a 8pm CT';

/**
 * The demo agency's US number, mailing address and hours on its English contact page
 * (`phone_us`, `address_us`, `hours_us`), which its US debtors' letters, notices and voicemails
 * give (the starter page's 400 line, Wuhan office and China's hours are no use to them); the
 * starter pages written first, as the server would, and whatever an admin set is kept.
 */
async function setDemoUsNumber(ctx: AppContext, actor: Actor): Promise<void> {
  await seedSiteContent(ctx);
  const contact = await sitePage(ctx, 'contact', 'en');
  if (!contact) return;
  const us = { phone_us: US_DEMO_AGENCY_PHONE, address_us: US_DEMO_AGENCY_ADDRESS, hours_us: US_DEMO_AGENCY_HOURS, hours_us_es: US_DEMO_AGENCY_HOURS_ES };
  const unset = Object.fromEntries(Object.entries(us).filter(([k]) => !contact.fields[k]?.trim()));
  if (Object.keys(unset).length === 0) return;
  await saveSitePage(ctx, actor, 'contact', 'en', { title: contact.title, bodyMd: contact.body_md, fields: { ...contact.fields, ...unset } });
}
