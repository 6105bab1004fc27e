import type { Page } from 'playwright-core';
import { beforeAll, expect, test } from 'vitest';
import { hashPassword } from '../src/app/auth/passwords.ts';
import { insertUser } from '../src/db/users-repository.ts';
import type { Login } from './support/api.ts';
import { useBrowser } from './support/browser.ts';
import { useLeeway } from './support/leeway.ts';

/**
 * In Chromium against the real server and demo portfolio: a supervisor offboards a collector
 * to the team (the accounts are dealt among the team's other collectors), and the admin-only
 * actions of the supervisor screens (territories, dealing, suspensions): an admin does them
 * on the screens; a supervisor does not see them and the API refuses them.
 */
const browser = useBrowser();
const leeway = useLeeway({ demoAccounts: 200, demoUsAccounts: 20, seed: 11, clockStart: '2026-03-02T10:00:00+08:00' });
let supervisor: Login;
let admin: Login;

beforeAll(() => {
  supervisor = leeway.login('supervisor');
  admin = leeway.login('admin');
});

/**
 * A demo team this small has two collectors; a third joins the supervisor's team (written
 * straight to the server's database: there is no hiring screen) so that a departing
 * collector's accounts have two colleagues to be dealt to.
 */
async function hireCollector(teamId: number, username: string): Promise<number> {
  return leeway.withDatabase(async (client) =>
    Number(await insertUser(client, { username, displayName: '新同事', passwordHash: await hashPassword(supervisor.password), role: 'collector', teamId })));
}

async function cookieOf(login: Login): Promise<string> {
  const response = await fetch(`${leeway.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: login.username, password: login.password }) });
  await response.body?.cancel();
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('leeway_session='))?.split(';')[0];
  if (!cookie) throw new Error(`${login.username} could not sign in (${response.status})`);
  return cookie;
}

async function call(login: Login, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const response = await fetch(`${leeway.url}${path}`, {
    method, headers: { cookie: await cookieOf(login), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : null };
}

async function get<T>(login: Login, path: string): Promise<T> {
  const { status, json } = await call(login, 'GET', path);
  if (status !== 200) throw new Error(`GET ${path}: ${status} ${JSON.stringify(json)}`);
  return json as T;
}

async function signInPage(login: Login): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(leeway.url + '/');
  await page.getByLabel(/^(用户名|Username)$/).fill(login.username);
  await page.getByLabel(/^(密码|Password)$/).fill(login.password);
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  return page;
}

interface Collector { user_id: number; username: string; display_name: string; team_id: number; team_name: string }

test('a supervisor offboards a collector to the team: the accounts are dealt among the team\'s other collectors', async () => {
  const before = await get<{ collectors: Collector[] }>(supervisor, '/api/dashboard/team');
  expect(before.collectors.length).toBeGreaterThanOrEqual(2);
  const [departing, colleague] = before.collectors as [Collector, Collector];
  // The newcomer takes half of the colleague's accounts (a move, 调案), so the two hold about the same.
  const newcomer = await hireCollector(departing.team_id, 'newcomer1');
  const theirs = await get<{ items: Array<{ id: number }> }>({ username: colleague.username, password: supervisor.password, role: 'collector' }, '/api/accounts?limit=500');
  const half = theirs.items.slice(0, Math.floor(theirs.items.length / 2)).map((a) => a.id);
  const moved = await call(supervisor, 'POST', '/api/assignments/move', { account_ids: half, to_user_id: newcomer, reason: '新同事接手' });
  expect(moved.status, JSON.stringify(moved.json)).toBe(200);
  const team = await get<{ collectors: Collector[] }>(supervisor, '/api/dashboard/team');
  const colleagues = team.collectors.filter((c) => c.user_id !== departing.user_id).map((c) => c.user_id);
  expect(colleagues).toHaveLength(before.collectors.length);
  const held = await get<{ total: number; items: Array<{ id: number }> }>({ username: departing.username, password: supervisor.password, role: 'collector' },
    '/api/accounts?limit=500');
  expect(held.total).toBeGreaterThan(1);

  const page = await signInPage(supervisor);
  await page.getByRole('link', { name: '离职转单' }).click();
  const form = page.getByTestId('offboard-form');
  await form.getByLabel('离职催收员').selectOption(String(departing.user_id));
  await form.getByLabel(`本组（${departing.team_name}）`).check();
  // To the team: no single receiver to pick.
  expect(await form.getByLabel('接收催收员').count()).toBe(0);
  await form.getByLabel('原因（可选）').fill('员工离职，由本组分配');
  await form.getByRole('button', { name: '核对' }).click();
  const confirm = page.getByTestId('offboard-confirm');
  expect(await confirm.innerText()).toContain(departing.display_name);
  expect(await confirm.innerText()).toContain(departing.team_name);
  await confirm.getByRole('button', { name: '确认转单' }).click();
  const result = page.getByTestId('offboard-result');
  await result.waitFor();
  const shown = await result.innerText();
  expect(shown).toContain(`${held.total} 个案件转给 ${departing.team_name}`);

  // Every account went to a colleague of the same team; the screen lists each receiver and their count.
  const owners = new Map<number, number>();
  for (const account of held.items) {
    const history = await get<{ items: Array<{ collector_id: number; ended_at: string | null }> }>(supervisor, `/api/accounts/${account.id}/assignments`);
    const current = history.items.filter((a) => a.ended_at === null);
    expect(current, `account ${account.id}`).toHaveLength(1);
    expect(colleagues).toContain(current[0]!.collector_id);
    owners.set(current[0]!.collector_id, (owners.get(current[0]!.collector_id) ?? 0) + 1);
  }
  expect(owners.size).toBeGreaterThanOrEqual(2); // dealt, not handed to one person
  for (const [collectorId, count] of owners) {
    const name = team.collectors.find((c) => c.user_id === collectorId)!.display_name;
    expect(shown).toContain(`${name}：${count} 个案件`);
  }
  // The departing collector is signed out for good and leaves the team's list.
  const again = await fetch(`${leeway.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: departing.username, password: supervisor.password }) });
  expect(again.status).toBe(401);
  await expect.poll(async () => (await page.getByLabel('离职催收员').locator('option').allInnerTexts()).join('|')).not.toContain(departing.username);
});

test('territories, dealing and suspensions are the admin\'s: an admin does them on the screens, a supervisor neither sees nor can do them', async () => {
  const territories = await get<{ items: Array<{ creditor_code: string; region_prefix: string; team_id: number; team_name: string }> }>(admin, '/api/territories');
  const base = territories.items.find((t) => /^\d+$/.test(t.region_prefix))!;
  const otherTeam = territories.items.find((t) => t.team_id !== base.team_id) ?? base;
  // A city or county inside the province (a region GB/T 2260 has: one it lacks is refused).
  const prefix = base.region_prefix.length === 2 ? `${base.region_prefix}01` : base.region_prefix.length === 4 ? `${base.region_prefix}02` : base.region_prefix;
  const usCreditor = territories.items.find((t) => t.region_prefix.startsWith('US-'))?.creditor_code;

  // The admin: a territory set on the screen shows in the list, dealing reports its counts.
  const adminPage = await signInPage(admin);
  await adminPage.getByRole('link', { name: '片区与分案' }).click();
  await adminPage.getByRole('heading', { name: '片区与分案' }).waitFor();
  const territoryForm = adminPage.getByTestId('territory-form');
  // The bank and the team are chosen by name.
  await territoryForm.getByLabel('委托方').selectOption(base.creditor_code);
  await territoryForm.getByLabel('地区代码前缀').fill(prefix);
  await territoryForm.getByLabel(/^小组/).selectOption(String(otherTeam.team_id));
  await territoryForm.getByRole('button', { name: '保存' }).click();
  await adminPage.getByTestId('territory-table').getByRole('row')
    .filter({ hasText: prefix }).filter({ hasText: `(#${otherTeam.team_id})` }).waitFor();
  const after = await get<{ items: Array<{ creditor_code: string; region_prefix: string; team_id: number }> }>(admin, '/api/territories');
  expect(after.items).toContainEqual(expect.objectContaining({ creditor_code: base.creditor_code, region_prefix: prefix, team_id: otherTeam.team_id }));
  // A US state is a US creditor's territory (its accounts are filed under their debtor's state), typed in any case.
  expect(usCreditor).toBeDefined();
  await territoryForm.getByLabel('委托方').selectOption(usCreditor!);
  await territoryForm.getByLabel('地区代码前缀').fill('us-ma');
  await territoryForm.getByLabel(/^小组/).selectOption(String(otherTeam.team_id));
  await territoryForm.getByRole('button', { name: '保存' }).click();
  await adminPage.getByTestId('territory-table').getByRole('row').filter({ hasText: 'US-MA' }).filter({ hasText: 'Massachusetts' }).waitFor();

  const deal = adminPage.getByTestId('deal-form');
  await deal.getByRole('button', { name: '立即分案' }).click();
  await expect.poll(() => deal.getByTestId('deal-result').innerText()).toMatch(/^已分配 \d+，保留 \d+；无片区 \d+，无催收员 \d+。$/);
  // A rebalance after the territory was re-pointed; then the territory is removed from its row, asked twice.
  await deal.getByLabel(/^重新平衡/).check();
  await deal.getByRole('button', { name: '立即分案' }).click();
  await expect.poll(() => deal.getByTestId('deal-result').innerText()).toMatch(/^重新平衡：从其他小组调回 \d+ 个，共分配 \d+，保留 \d+；/);
  const territoryRow = adminPage.getByTestId('territory-table').getByRole('row').filter({ hasText: prefix });
  await territoryRow.getByRole('button', { name: `移除片区 ${base.creditor_code} ${prefix}` }).click();
  await territoryRow.getByRole('button', { name: `确认移除 ${base.creditor_code} ${prefix}` }).click();
  await expect.poll(() => territoryRow.count()).toBe(0);
  const removed = await get<{ items: Array<{ creditor_code: string; region_prefix: string }> }>(admin, '/api/territories');
  expect(removed.items.some((t) => t.creditor_code === base.creditor_code && t.region_prefix === prefix)).toBe(false);

  // The admin creates a region suspension; it is in force today.
  await adminPage.getByRole('link', { name: '停催与暂缓' }).click();
  await adminPage.getByRole('heading', { name: '区域停催' }).waitFor();
  const suspensionForm = adminPage.getByTestId('suspension-form');
  await suspensionForm.getByLabel('范围').selectOption('region');
  await suspensionForm.getByLabel('代码').fill('420100');
  await suspensionForm.getByLabel('开始').fill('2026-03-01');
  await suspensionForm.getByLabel('原因').fill('汛期停催');
  await suspensionForm.getByRole('button', { name: '新建停催' }).click();
  const row = adminPage.getByTestId('suspension-table').getByRole('row').filter({ hasText: '汛期停催' });
  await row.getByRole('cell', { name: '生效中' }).waitFor();
  // It starts yesterday: the contacts already made in Wuhan since then are listed for review (the suspension cannot undo them).
  const made = await leeway.withDatabase(async (client) => (await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM contact_attempts ca JOIN accounts a ON a.id = ca.account_id JOIN debtors d ON d.id = ca.debtor_id
      WHERE coalesce(a.region_code, d.region_code) LIKE '4201%' AND (ca.at AT TIME ZONE d.time_zone)::date >= '2026-03-01'`)).rows[0]!.n);
  if (made > 0) {
    expect(await adminPage.getByTestId('suspension-attempts').locator('p').first().innerText()).toContain(`停催期间内已有 ${made} 次联系`);
    expect(await adminPage.getByTestId('suspension-attempts').locator('tbody tr').count()).toBe(Math.min(made, 50));
  } else {
    expect(await adminPage.getByTestId('suspension-attempts').count()).toBe(0);
  }
  // A US state, for a US creditor's accounts (a hurricane), typed in any case.
  await suspensionForm.getByLabel('范围').selectOption('region');
  await suspensionForm.getByLabel('代码').fill('us-fl');
  await suspensionForm.getByLabel('开始').fill('2026-03-01');
  await suspensionForm.getByLabel('原因').fill('Hurricane');
  await suspensionForm.getByRole('button', { name: '新建停催' }).click();
  await adminPage.getByTestId('suspension-table').getByRole('row').filter({ hasText: 'Hurricane' }).filter({ hasText: 'US-FL' })
    .getByRole('cell', { name: '生效中' }).waitFor();

  // The supervisor: the same screens without the admin's forms and buttons, and the API says no.
  const page = await signInPage(supervisor);
  await page.getByRole('link', { name: '片区与分案' }).click();
  await page.getByRole('heading', { name: '片区与分案' }).waitFor();
  await page.getByText('片区设置与分案由管理员操作。').waitFor();
  await page.getByTestId('territory-table').waitFor();
  expect(await page.getByTestId('territory-form').count()).toBe(0);
  expect(await page.getByTestId('deal-form').count()).toBe(0);
  expect(await page.getByRole('button', { name: '立即分案' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: '移除' }).count()).toBe(0);
  await page.getByTestId('move-form').waitFor(); // moving accounts is theirs

  await page.getByRole('link', { name: '停催与暂缓' }).click();
  await page.getByRole('heading', { name: '区域停催' }).waitFor();
  await page.getByTestId('suspension-table').getByRole('row').filter({ hasText: '汛期停催' }).waitFor();
  await page.getByText('停催由管理员新建和结束。').waitFor();
  expect(await page.getByTestId('suspension-form').count()).toBe(0);
  expect(await page.getByRole('button', { name: '立即结束' }).count()).toBe(0);

  const created = (await get<{ items: Array<{ id: number; reason: string }> }>(admin, '/api/suspensions')).items.find((s) => s.reason === '汛期停催')!;
  expect((await call(supervisor, 'PUT', '/api/territories', { creditor: base.creditor_code, region_prefix: '4202', team_id: base.team_id })).status).toBe(403);
  expect((await call(supervisor, 'POST', '/api/assignments/deal', {})).status).toBe(403);
  expect((await call(supervisor, 'DELETE', `/api/territories?creditor=${base.creditor_code}&region_prefix=${base.region_prefix}`)).status).toBe(403);
  expect((await call(supervisor, 'POST', '/api/suspensions', { scope: 'region', code: '420200', from: '2026-03-01', reason: '越权' })).status).toBe(403);
  expect((await call(supervisor, 'POST', `/api/suspensions/${created.id}/end`, {})).status).toBe(403);

  // The admin ends the suspension on the screen.
  await row.getByRole('button', { name: '立即结束' }).click();
  await expect.poll(async () => (await get<{ items: Array<{ id: number; state: string }> }>(admin, '/api/suspensions?all=true'))
    .items.find((s) => s.id === created.id)?.state).toBe('ended');
  await expect.poll(() => adminPage.getByText('汛期停催').count()).toBe(0);
});

test("the US desk's team lead opens the statements, placements and territories on the US bank, not on the first bank by code", async () => {
  const usLead = leeway.logins.find((l) => l.username === 'us.supervisor')!;
  // The bank their team works (its accounts and territories): the US bank alone.
  const banks = await get<{ items: Array<{ code: string; team_works: boolean }> }>(usLead, '/api/creditors');
  const ours = banks.items.filter((b) => b.team_works).map((b) => b.code);
  expect(ours).toEqual(['PRAIRIE']);
  expect(banks.items[0]!.code).not.toBe('PRAIRIE');

  const page = await signInPage(usLead);
  await page.getByRole('link', { name: 'Commission statements' }).click();
  await expect.poll(() => page.getByTestId('statement-creditor').inputValue()).toBe('PRAIRIE');
  await expect.poll(() => page.getByTestId('statement-status').innerText()).toContain('First Prairie Bank (PRAIRIE)');
  expect(await page.getByTestId('total-recovered').innerText()).toContain('$');

  await page.getByRole('link', { name: 'Placements' }).click();
  await expect.poll(() => page.getByTestId('placements-creditor').inputValue()).toBe('PRAIRIE');

  await page.getByRole('link', { name: 'Territories & assignment' }).click();
  await expect.poll(() => page.getByTestId('territories-creditor').inputValue()).toBe('PRAIRIE');
  const firstCells = await page.getByTestId('territory-table').locator('tbody tr td:first-child').allInnerTexts();
  expect(firstCells.length).toBeGreaterThan(0);
  expect(new Set(firstCells)).toEqual(new Set(['PRAIRIE']));
  // The accounts to move fit the 1366px screen: no sideways scroll, the collector (who holds each now) in view.
  const pick = page.getByTestId('move-form').getByRole('region', { name: 'Accounts to move' });
  await pick.locator('tbody tr').first().waitFor();
  expect(await pick.evaluate((r) => r.scrollWidth <= r.clientWidth)).toBe(true);
  const box = (await pick.boundingBox())!;
  const collector = (await pick.getByRole('columnheader', { name: 'Collector', exact: true }).boundingBox())!;
  expect(collector.x + collector.width).toBeLessThanOrEqual(Math.min(box.x + box.width, 1366));
  // Every bank is a pick away.
  await page.getByTestId('territories-creditor').selectOption({ label: 'All banks' });
  await expect.poll(async () => new Set(await page.getByTestId('territory-table').locator('tbody tr td:first-child').allInnerTexts()).size).toBeGreaterThan(1);
  await page.close();
});

test("an admin's dashboard in yuan lists only the collectors with something in yuan: the US desk is in the dollar day, not at ¥0.00", async () => {
  type Day = { currency: string; collectors: Array<Collector & { target_fen: number | null; collected_fen: number }>;
    totals: { collectors: number; target_fen: number } };
  const yuan = await get<Day>(admin, '/api/dashboard/team');
  expect(yuan.currency).toBe('CNY');
  const dollars = await get<Day>(admin, '/api/dashboard/team?currency=USD');
  const usDesk = dollars.collectors.filter((c) => c.team_name === 'US Desk');
  expect(usDesk.length).toBeGreaterThan(0);
  for (const c of usDesk) expect(c.target_fen).toBe(500_00);
  // In yuan, none of them; every line has the yuan target or yuan collected, and the footer counts the lines.
  expect(yuan.collectors.filter((c) => usDesk.some((d) => d.user_id === c.user_id))).toEqual([]);
  for (const c of yuan.collectors) expect(c.target_fen !== null || c.collected_fen !== 0).toBe(true);
  const withTarget = yuan.collectors.filter((c) => c.target_fen !== null).length;
  expect(yuan.totals).toMatchObject({ collectors: yuan.collectors.length, target_fen: withTarget * 3_000_00 });

  const page = await signInPage(admin);
  await page.getByRole('link', { name: '团队看板' }).waitFor();
  await page.goto(`${leeway.url}/team/dashboard`);
  await page.getByTestId('dashboard-totals').waitFor();
  expect(await page.getByTestId('dashboard-row').count()).toBe(yuan.collectors.length);
  expect(await page.locator(`[data-testid="dashboard-row"][data-user-id="${usDesk[0]!.user_id}"]`).count()).toBe(0);
  const footer = page.getByTestId('dashboard-totals');
  expect(await footer.getByRole('rowheader').innerText()).toBe(`合计（${yuan.collectors.length} 名催收员）`);
  expect(await footer.locator('td').last().innerText()).toBe(`¥${(withTarget * 3000).toLocaleString('en-US')}.00`);
  // The dollar day has the desk, each with the dollar target.
  await page.getByTestId('dashboard-currency').selectOption('USD');
  const row = page.locator(`[data-testid="dashboard-row"][data-user-id="${usDesk[0]!.user_id}"]`);
  await row.waitFor();
  expect(await row.locator('td').last().innerText()).toBe('US$500.00');
  await page.close();
});

test("the US bank's user, whose accounts were all placed this month, sees the vintage as a dot on sensible axes", async () => {
  const bank = { username: 'us.bank1', password: admin.password, role: 'creditor_user' };
  const vintages = await get<{ currency: string; curves: Array<{ placement_month: string; points: unknown[] }> }>(bank, '/api/reports/vintages');
  expect(vintages.currency).toBe('USD');
  expect(vintages.curves.map((c) => [c.placement_month, c.points.length])).toEqual([['2026-03', 1]]);

  const page = await signInPage(bank);
  await page.getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('tab', { name: 'Vintages' }).click();
  const chart = page.getByTestId('vintage-chart');
  await chart.waitFor();
  // One point is drawn, a dot of its line's colour, in the middle of the plot (month 0, the only month on the axis).
  const dot = chart.getByTestId('vintage-dot');
  expect(await dot.count()).toBe(1);
  const [box, plot] = await Promise.all([dot.boundingBox(), chart.boundingBox()]);
  const scale = plot!.width / 620; // the chart's viewBox is 620 wide, its plot from 50 to 620 - 150
  expect(box!.width).toBeGreaterThanOrEqual(6 * scale);
  expect(Math.abs((box!.x + box!.width / 2 - plot!.x) / scale - (50 + (620 - 50 - 150) / 2))).toBeLessThan(2);
  const texts = await chart.locator('text').allTextContents();
  expect(texts).toContain('0');
  expect(texts).not.toContain('1');
  expect(await chart.getByTestId('vintage-label').textContent()).toMatch(/^2026-03 \d+\.\d\d%$/);
  await page.close();
});

test("in English at 1366px a checkbox's sentence wraps beside it, and an account's placement dates are never broken at a hyphen", async () => {
  const admin = leeway.login('admin');
  expect((await call(admin, 'PUT', '/api/me/locale', { locale: 'en' })).status).toBe(200);
  const page = await signInPage(admin);
  try {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByRole('link', { name: 'Territories & assignment' }).click();
    const rebalance = page.getByTestId('deal-form').getByLabel(/^Rebalance:/);
    await rebalance.waitFor();
    // The box and the sentence's first line share a line: the sentence starts to the box's right, level with it.
    const [box, firstLine] = await rebalance.evaluate((input) => {
      const text = [...input.parentElement!.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim() !== '')!;
      const range = document.createRange();
      range.selectNodeContents(text);
      const r = range.getClientRects()[0]!;
      const b = input.getBoundingClientRect();
      return [{ top: b.top, bottom: b.bottom, right: b.right }, { top: r.top, bottom: r.bottom, left: r.left }];
    });
    expect(firstLine.left).toBeGreaterThanOrEqual(box.right);
    expect(firstLine.top).toBeLessThan(box.bottom);

    const { items: [account] } = await get<{ items: Array<{ id: number }> }>(admin, '/api/accounts?limit=1');
    await page.goto(`${leeway.url}/workstation/accounts/${account!.id}`);
    const dates = page.getByTestId('account-page').locator('dd .nowrap').first();
    await dates.waitFor();
    expect(await dates.innerText()).toMatch(/^\d{4}-\d{2}-\d{2} → \d{4}-\d{2}-\d{2}$/);
    expect(await dates.evaluate((span) => new Set([...span.getClientRects()].map((r) => Math.round(r.top))).size)).toBe(1);
  } finally {
    await call(admin, 'PUT', '/api/me/locale', { locale: 'zh-CN' });
    await page.close();
  }
});

test("in English every screen names a bank by its English name (Changchuan Bank, not 长川银行): the account list and page, holds, placements, statements, contracts, territories, imports and strategy", async () => {
  const admin = leeway.login('admin');
  const banks = await get<{ items: Array<{ code: string; name: string; name_en: string | null }> }>(admin, '/api/creditors');
  const bank = banks.items.find((b) => b.code === 'CHANGCHUAN')!;
  expect(bank).toMatchObject({ name: '长川银行', name_en: 'Changchuan Bank' });
  const chinese = banks.items.map((b) => b.name).filter((n) => /[\u4e00-\u9fff]/.test(n));
  // The account list's rows name their bank in both languages: the screens choose.
  const { items } = await get<{ items: Array<{ id: number; creditor_code: string; creditor_name: string; creditor_name_en: string | null; account_no_mask: string }> }>(admin, '/api/accounts?limit=500');
  const ours = items.filter((a) => a.creditor_code === 'CHANGCHUAN');
  expect(ours.length).toBeGreaterThan(0);
  expect(ours.every((a) => a.creditor_name === '长川银行' && a.creditor_name_en === 'Changchuan Bank')).toBe(true);
  // One whose last four digits no other account ends in: the holds screen finds it by them.
  const account = ours.find((a) => items.filter((b) => b.account_no_mask.slice(-4) === a.account_no_mask.slice(-4)).length === 1)!;
  const noChinese = async (page: Page, where: string) => {
    const html = await page.locator('main').innerHTML();
    expect(chinese.filter((n) => html.includes(n)), where).toEqual([]);
  };

  expect((await call(admin, 'PUT', '/api/me/locale', { locale: 'en' })).status).toBe(200);
  const page = await signInPage(admin);
  try {
    await page.setViewportSize({ width: 1366, height: 768 });
    // All accounts: the Creditor column.
    await page.getByRole('link', { name: 'All accounts', exact: true }).click();
    await page.getByTestId('account-row').first().waitFor();
    const cells = await page.getByTestId('account-row').locator('td:first-child').allInnerTexts();
    expect(cells).toContain('Changchuan Bank');
    await noChinese(page, 'account list');

    // The account's page: its summary names the bank.
    await page.goto(`${leeway.url}/workstation/accounts/${account.id}`);
    await page.getByTestId('account-page').getByText('Changchuan Bank (CHANGCHUAN)', { exact: true }).waitFor();

    // Suspensions & holds: the account found is named above its holds.
    await page.getByRole('link', { name: 'Suspensions & holds', exact: true }).click();
    await page.getByLabel('Account no. (whole or last 4 digits)').fill(account.account_no_mask.slice(-4));
    await page.getByRole('button', { name: 'Show holds' }).click();
    await expect.poll(() => page.getByTestId('holds-account').innerText()).toMatch(/ · Changchuan Bank$/);
    await noChinese(page, 'holds');

    // Placements: the bank picker.
    await page.getByRole('link', { name: 'Placements', exact: true }).click();
    await page.getByTestId('placements-creditor').locator('option[value="CHANGCHUAN"]').waitFor({ state: 'attached' });
    expect(await page.getByTestId('placements-creditor').locator('option[value="CHANGCHUAN"]').textContent()).toBe('CHANGCHUAN · Changchuan Bank');
    await noChinese(page, 'placements');

    // Commission statements: the picker and the statement's heading.
    await page.getByRole('link', { name: 'Commission statements', exact: true }).click();
    await page.getByTestId('statement-creditor').locator('option[value="CHANGCHUAN"]').waitFor({ state: 'attached' });
    expect(await page.getByTestId('statement-creditor').locator('option[value="CHANGCHUAN"]').textContent()).toBe('Changchuan Bank (CHANGCHUAN)');
    await page.getByTestId('statement-creditor').selectOption('CHANGCHUAN');
    await expect.poll(() => page.getByTestId('statement-status').innerText()).toMatch(/^Changchuan Bank \(CHANGCHUAN\) · /);
    await noChinese(page, 'statements');

    // Contracts: the picker (a contract's own name, as written, is the contract's: not checked).
    await page.getByRole('link', { name: 'Contracts', exact: true }).click();
    await page.getByTestId('contract-creditor').locator('option[value="CHANGCHUAN"]').waitFor({ state: 'attached' });
    expect(await page.getByTestId('contract-creditor').locator('option[value="CHANGCHUAN"]').textContent()).toBe('Changchuan Bank (CHANGCHUAN)');

    // Territories: the new territory's bank.
    await page.getByRole('link', { name: 'Territories & assignment', exact: true }).click();
    const territoryBank = page.getByTestId('territory-form').locator('option[value="CHANGCHUAN"]');
    await territoryBank.waitFor({ state: 'attached' });
    expect(await territoryBank.textContent()).toBe('Changchuan Bank (CHANGCHUAN)');

    // Imports: the upload's bank.
    await page.getByRole('link', { name: 'Imports', exact: true }).click();
    const importBank = page.getByTestId('import-form').locator('option[value="CHANGCHUAN"]');
    await importBank.waitFor({ state: 'attached' });
    expect(await importBank.textContent()).toBe('CHANGCHUAN · Changchuan Bank');

    // Strategy: the bank's row and, opened, its rules' heading.
    await page.getByRole('link', { name: 'Strategy', exact: true }).click();
    const row = page.locator('[data-testid="strategy-creditor-row"][data-code="CHANGCHUAN"]');
    expect(await row.getByRole('rowheader').innerText()).toBe('Changchuan Bank CHANGCHUAN');
    await row.getByRole('button', { name: 'View the rules of Changchuan Bank', exact: true }).click();
    await expect.poll(() => page.getByTestId('strategy-rules').getByRole('heading', { level: 2 }).innerText()).toBe('Strategy rules of Changchuan Bank (CHANGCHUAN)');
    await noChinese(page, 'strategy');

    // In Chinese, the Chinese name as before.
    await page.getByTestId('language-zh-CN').click();
    await page.getByRole('link', { name: '委案批次', exact: true }).click();
    await page.getByTestId('placements-creditor').locator('option[value="CHANGCHUAN"]').waitFor({ state: 'attached' });
    expect(await page.getByTestId('placements-creditor').locator('option[value="CHANGCHUAN"]').textContent()).toBe('CHANGCHUAN · 长川银行');
  } finally {
    await call(admin, 'PUT', '/api/me/locale', { locale: 'zh-CN' });
    await page.close();
  }
});
