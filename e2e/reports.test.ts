import fs from 'node:fs/promises';
import { expect, test } from 'vitest';
import { useBrowser } from './support/browser.ts';
import { useLeeway } from './support/leeway.ts';

/**
 * The reports screen in Chromium against the real server and a small demo portfolio: two
 * payments recorded through the API, then the recovery chart must show, per creditor,
 * recovered / placed balance as computed here from the accounts the API lists; a creditor
 * user sees one creditor only, their own.
 */
const browser = useBrowser();
const leeway = useLeeway({ demoAccounts: 200, seed: 3, clockStart: '2026-03-02T10:00:00+08:00' });


async function cookieOf(username: string, password: string): Promise<string> {
  const res = await fetch(`${leeway.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  await res.body?.cancel();
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('leeway_session='))?.split(';')[0];
  if (!cookie) throw new Error(`${username} could not sign in (${res.status})`);
  return cookie;
}

async function api<T>(cookie: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${leeway.url}${path}`, { method, headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { body: JSON.stringify(body) } : {}) });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

interface Account { id: number; creditor_code: string; principal_fen: number; interest_fen: number; fees_fen: number }

/** Half up, as the server rounds: recovered x 10000 / placed. */
const rateBp = (part: number, whole: number) => Number((BigInt(part) * 20_000n + BigInt(whole)) / (2n * BigInt(whole)));

async function signIn(username: string, password: string) {
  const page = await browser.newPage();
  await page.goto(leeway.url + '/');
  await page.getByLabel(/^(用户名|Username)$/).fill(username);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  await page.getByRole('link', { name: '报表' }).click();
  await page.getByRole('heading', { name: '报表' }).waitFor();
  return page;
}

test('the recovery chart shows recovered / placed per creditor, and a creditor user sees only their own', async () => {
  const admin = leeway.logins.find((l) => l.role === 'admin')!;
  const bank = leeway.logins.find((l) => l.role === 'creditor_user')!;
  const adminCookie = await cookieOf(admin.username, admin.password);
  // Placed balances, before any payment changes them.
  const { items } = await api<{ items: Account[] }>(adminCookie, 'GET', '/api/accounts?limit=500');
  expect(items.length).toBe(200);
  const creditors = new Set(items.map((a) => a.creditor_code));
  expect(creditors.size).toBeGreaterThanOrEqual(2);
  const placed = new Map<string, number>();
  for (const a of items) placed.set(a.creditor_code, (placed.get(a.creditor_code) ?? 0) + a.principal_fen + a.interest_fen + a.fees_fen);
  const [first, second] = [...placed.keys()];
  const payOn = (creditor: string) => items.find((a) => a.creditor_code === creditor)!;
  await api(adminCookie, 'POST', '/api/payments', { account_id: payOn(first!).id, amount_fen: 123_456, paid_on: '2026-03-01' });
  await api(adminCookie, 'POST', '/api/payments', { account_id: payOn(second!).id, amount_fen: 50_000, paid_on: '2026-03-02' });
  const expected = new Map([...placed].map(([k, p]) => [k, rateBp(k === first ? 123_456 : k === second ? 50_000 : 0, p)]));

  const page = await signIn(admin.username, admin.password);
  const chart = page.getByRole('img', { name: '回收率（回款 / 委案金额）' });
  await chart.waitFor();
  const bars = page.getByTestId('recovery-bar');
  expect(await bars.count()).toBe(placed.size);
  for (const [creditor, bp] of expected) {
    const bar = page.locator(`[data-testid="recovery-bar"][data-label^="${creditor} "]`);
    expect(await bar.getAttribute('data-rate-bp')).toBe(String(bp));
    expect(await bar.textContent()).toContain(`${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')}%`);
  }
  // Another dimension: the same money by bucket at placement adds up to the same total.
  await page.getByTestId('recovery-by').selectOption('bucket');
  await expect.poll(() => page.getByTestId('recovery-total').innerText()).toContain('¥1,734.56');

  // The other reports render in the same screen.
  await page.getByRole('tab', { name: '账龄批次（Vintage）' }).click();
  await page.getByTestId('vintage-line').first().waitFor();
  // Each line is named in the margin right of the plot, and no two names overlap.
  const vintages = page.getByTestId('vintage-chart');
  const plotRight = Math.max(...await vintages.locator('polyline').evaluateAll((lines) => lines.map((l) => (l as SVGGraphicsElement).getBoundingClientRect().right)));
  const labels = await vintages.getByTestId('vintage-label').locator('text').evaluateAll((texts) => texts.map((t) => t.getBoundingClientRect().toJSON() as DOMRect));
  expect(labels.length).toBe(await page.getByTestId('vintage-line').count());
  for (const [i, a] of labels.entries()) {
    expect(a.left).toBeGreaterThan(plotRight);
    for (const b of labels.slice(i + 1)) expect(a.bottom <= b.top || b.bottom <= a.top, `${JSON.stringify(a)} ${JSON.stringify(b)}`).toBe(true);
  }
  await page.getByRole('tab', { name: '迁徙率' }).click();
  await page.getByText('暂无迁徙率：需要两个月末快照。').waitFor();
  await page.getByRole('tab', { name: '联络漏斗' }).click();
  await page.getByTestId('funnel-chart').waitFor();
  expect(await page.getByTestId('funnel-bar').count()).toBe(5);
  // A last date before the first is said beside the dates, and the report stays as it was.
  const dates = page.locator('input[type="date"]');
  await dates.nth(0).fill('2026-03-01');
  await dates.nth(1).fill('2026-02-01');
  expect(await page.getByTestId('period-problem').innerText()).toBe('结束日期早于开始日期。');
  expect(await page.getByTestId('funnel-bar').count()).toBe(5);
  await dates.nth(1).fill('2026-03-02');
  await expect.poll(() => page.getByTestId('period-problem').count()).toBe(0);
  // A suspension in force is named in the reader's words (地区, not "region"), and an open end says so.
  const { suspension } = await api<{ suspension: { id: number } }>(adminCookie, 'POST', '/api/suspensions', { scope: 'region', code: 'US-WY', from: '2026-03-02', reason: '报表测试停催' });
  await page.getByRole('tab', { name: '合规' }).click();
  await page.getByTestId('compliance-report').waitFor();
  const suspensionRow = page.getByTestId('compliance-report').getByRole('row').filter({ hasText: '报表测试停催' });
  expect((await suspensionRow.innerText()).replace(/\s+/g, ' ')).toBe('地区 US-WY 2026-03-02 – 未定 报表测试停催');
  await api(adminCookie, 'POST', `/api/suspensions/${suspension.id}/end`, {});

  const bankPage = await signIn(bank.username, bank.password);
  await bankPage.getByTestId('recovery-chart').waitFor();
  const own = await api<{ items: Account[] }>(await cookieOf(bank.username, bank.password), 'GET', '/api/accounts?limit=500');
  const ownCreditor = own.items[0]!.creditor_code;
  expect(new Set(own.items.map((a) => a.creditor_code))).toEqual(new Set([ownCreditor]));
  expect(await bankPage.getByTestId('recovery-bar').count()).toBe(1);
  expect(await bankPage.getByTestId('recovery-bar').getAttribute('data-label')).toMatch(new RegExp(`^${ownCreditor} `));
  expect(await bankPage.getByTestId('recovery-bar').getAttribute('data-rate-bp')).toBe(String(expected.get(ownCreditor)));
});

test('a bank\'s user downloads the files for the bank: the contact records of its accounts (催记回传) and their status (案件状态)', async () => {
  const admin = leeway.logins.find((l) => l.role === 'admin')!;
  const bank = leeway.logins.find((l) => l.role === 'creditor_user')!;
  const adminCookie = await cookieOf(admin.username, admin.password);
  const own = await api<{ items: Array<{ id: number; creditor_code: string; status: string }> }>(await cookieOf(bank.username, bank.password), 'GET', '/api/accounts?limit=500');
  // A call the compliance engine allows, on one of the bank's accounts, logged by the agency.
  let logged: number | undefined;
  for (const { id } of own.items) {
    const page = await api<{ contact_points: Array<{ id: number; kind: string; owner: string; verified: string }> }>(adminCookie, 'GET', `/api/accounts/${id}/page`);
    const phone = page.contact_points.find((p) => p.kind === 'phone' && p.owner === 'debtor' && p.verified !== 'invalid');
    if (!phone) continue;
    const res = await fetch(`${leeway.url}/api/accounts/${id}/contacts`, { method: 'POST', headers: { cookie: adminCookie, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'call', party: 'debtor', contact_point_id: phone.id, outcome: 'callback_requested', note: '约好明天下午回电' }) });
    await res.body?.cancel();
    if (res.status === 201) { logged = id; break; }
  }
  expect(logged).toBeDefined();

  const page = await signIn(bank.username, bank.password);
  await page.getByRole('tab', { name: '回盘文件' }).click();
  const panel = page.getByTestId('contact-records');
  // A bank's user is not offered the lost-contact list (ID numbers in clear, for the agency's skip-trace vendor).
  expect(await panel.getByTestId('bank-file-kind').locator('option').allInnerTexts()).toEqual(['催记回传（联络记录）', '案件状态', '退案清单']);
  // Yesterday's file by default.
  expect(await panel.getByTestId('contact-records-download').getAttribute('href')).toContain('from=2026-03-01&to=2026-03-01');
  await panel.getByTestId('contact-records-from').fill('2026-03-02');
  await panel.getByTestId('contact-records-to').fill('2026-03-02');
  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('contact-records-download').click()]);
  expect(download.suggestedFilename()).toMatch(/^contacts-[A-Z0-9]+-2026-03-02-zh\.csv$/);
  const lines = (await fs.readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  expect(lines[0]).toBe('账号,催收时间,方式,对象,联系方式,结果代码,结果,逾期原因,备注,催收员,发起方,录音编号');
  const row = lines.find((l) => l.includes('约好明天下午回电'))!;
  expect(row).toMatch(/^\d+,2026-03-02 10:\d\d:\d\d,电话,本人,1\d\d\*\*\*\*\d{4},callback_requested,约定回拨,,约好明天下午回电,/);
  expect(lines.join('\n')).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/); // phones masked

  // The status of every account, as it stands now: the one just called shows the call.
  await panel.getByTestId('bank-file-kind').selectOption('accounts');
  const [accounts] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('contact-records-download').click()]);
  expect(accounts.suggestedFilename()).toMatch(/^accounts-[A-Z0-9]+-2026-03-02-zh\.csv$/);
  const status = (await fs.readFile(await accounts.path(), 'utf8')).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  expect(status[0]).toBe('账号,状态,本金,利息,费用,余额合计,逾期天数,账龄,催收员,最近联络时间,最近联络结果,承诺金额,承诺日期,停催原因,书面语言');
  expect(status.length - 1).toBe(own.items.length - own.items.filter((a) => a.status === 'recalled').length);
  expect(status.filter((l) => /,2026-03-02 10:\d\d:\d\d,约定回拨,/.test(l))).toHaveLength(1);

  // The recall list (退案清单) over dates: its header, whatever was recalled then.
  await panel.getByTestId('bank-file-kind').selectOption('recalled');
  expect(await panel.getByTestId('contact-records-download').getAttribute('href')).toContain('recalled-accounts?from=2026-03-02&to=2026-03-02');
  const [recalled] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('contact-records-download').click()]);
  expect(recalled.suggestedFilename()).toMatch(/^recalled-[A-Z0-9]+-2026-03-02-zh\.csv$/);
  expect((await fs.readFile(await recalled.path(), 'utf8')).replace(/^\uFEFF/, '').split(/\r?\n/)[0])
    .toBe('账号,委案批次,委案日期,退案日期,退案原因,结清情况,本金,利息,费用,余额合计,委案期间回款,催收员,最近联络时间,最近联络结果');
  await panel.getByTestId('bank-file-kind').selectOption('contacts');

  // A range the server would refuse is explained on the screen, not downloaded.
  await panel.getByTestId('contact-records-from').fill('2026-01-01');
  expect(await panel.getByTestId('contact-records-problem').innerText()).toBe('一个文件最多包含 31 天。');
});

test("an admin downloads the lost-contact list for a skip-trace vendor: the results file's columns, to fill in", async () => {
  const admin = leeway.logins.find((l) => l.role === 'admin')!;
  const page = await signIn(admin.username, admin.password);
  await page.getByRole('tab', { name: '回盘文件' }).click();
  const panel = page.getByTestId('contact-records');
  await panel.getByTestId('bank-file-kind').selectOption('lost');
  expect(await panel.getByTestId('bank-file-note').innerText()).toContain('明文');
  const [download] = await Promise.all([page.waitForEvent('download'), panel.getByTestId('contact-records-download').click()]);
  expect(download.suggestedFilename()).toMatch(/^lost-contacts-[A-Z0-9]+-2026-03-02-zh\.csv$/);
  const lines = (await fs.readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  expect(lines[0]).toBe('账号,姓名,身份证号,地区,手机号码,联系人,关系,修复来源');
  for (const line of lines.slice(1)) expect(line).toMatch(/^\d+,[^,]+,\d{17}[\dX],[^,]*,,,,$/);
});

test('with a US bank beside the Chinese ones the reports never add dollars to yuan: the recovery report is read one currency at a time', async () => {
  const admin = leeway.logins.find((l) => l.role === 'admin')!;
  const adminCookie = await cookieOf(admin.username, admin.password);
  await api(adminCookie, 'POST', '/api/creditors', { code: 'PRAIRIE', name: 'First Prairie Bank' });
  await api(adminCookie, 'POST', '/api/contracts?effective_from=2026-01-01', { creditor: 'PRAIRIE', name: 'US agreement', pack: 'US', placement_days: 180,
    commission: { tiers: [{ from: 'M1', rate_bp: 1500 }] }, allocation_order: ['fees', 'interest', 'principal'], promise_grace_days: 3, plan_grace_days: 5,
    hardship_decision_days: 10, waiver_limits: {} });
  const file = ['account_no,debtor_name,id_number,phone,address,principal,first_delinquency_date',
    '4111000000001234,Jane Doe,123-45-6789,(309) 555-0123,"12 Oak Ave, Peoria, IL 61602",2234.56,2025-11-15'].join('\n');
  const upload = await api<{ id: number }>(adminCookie, 'POST', '/api/imports',
    { kind: 'placements', creditor: 'PRAIRIE', file_name: 'placements.csv', content_base64: Buffer.from(file).toString('base64') });
  await expect.poll(async () => (await api<{ status: string }>(adminCookie, 'GET', `/api/imports/${upload.id}`)).status).toBe('done');
  const { items: [account] } = await api<{ items: Array<{ id: number }> }>(adminCookie, 'GET', '/api/accounts?q=4111000000001234');
  await api(adminCookie, 'POST', '/api/payments', { account_id: account!.id, amount_fen: 40_00, paid_on: '2026-03-02' });

  const page = await signIn(admin.username, admin.password);
  await page.getByTestId('recovery-chart').waitFor();
  // Yuan first, as before: the Chinese creditors only, the same total as the first test's.
  const picker = page.getByTestId('recovery-currency');
  expect(await picker.locator('option').allInnerTexts()).toEqual(['元', '美元']);
  expect(await page.locator('[data-testid="recovery-bar"][data-label^="PRAIRIE "]').count()).toBe(0);
  expect(await page.getByTestId('recovery-total').innerText()).toContain('¥1,734.56');
  await picker.selectOption('USD');
  await expect.poll(() => page.getByTestId('recovery-total').innerText()).toContain('US$40.00');
  expect(await page.getByTestId('recovery-row').count()).toBe(1);
  expect(await page.getByTestId('recovery-row').first().innerText()).toContain('US$2,234.56');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '下载 CSV' }).click()]);
  const csv = (await fs.readFile(await download.path(), 'utf8')).replace(/^\uFEFF/, '').split(/\r?\n/);
  expect(csv[0]).toBe('creditor_id,label,accounts,placed_dollars,payments,recovered_dollars,recovery_rate_pct');
  expect(csv[1]).toMatch(/^\d+,PRAIRIE First Prairie Bank,1,2234\.56,1,40\.00,1\.79$/);

  // The team dashboard and the collectors' incentives are read one currency at a time too.
  await page.goto(`${leeway.url}/team/dashboard`);
  const dashboardPicker = page.getByTestId('dashboard-currency');
  await dashboardPicker.waitFor();
  expect(await dashboardPicker.locator('option').allInnerTexts()).toEqual(['元', '美元']);
  // Nobody holds the US bank's one account (it was never dealt) nor was credited its $40.00: the dollar day lists no
  // collector, and says why, not a yuan desk at US$0.00.
  await dashboardPicker.selectOption('USD');
  expect(await page.getByTestId('dashboard-none').innerText()).toBe('没有催收员负责该币种的账户，当日也没有该币种的回款。');
  expect(await page.getByTestId('dashboard-row').count()).toBe(0);
  await page.goto(`${leeway.url}/money/incentives`);
  await page.getByTestId('incentives-currency').waitFor();
  expect(await page.getByTestId('incentives-currency').locator('option').allInnerTexts()).toEqual(['元', '美元']);
  // Last month (the screen's first) nobody recovered dollars: the chart says so instead of standing empty.
  await page.getByTestId('incentives-currency').selectOption('USD');
  expect(await page.getByTestId('incentives-none').innerText()).toBe('该月没有催收员回款。');

  // Jane's $40.00, paid after the bank's file: her account page asks for the balance less it, and says so.
  await page.goto(`${leeway.url}/workstation/accounts/${account!.id}`);
  expect(await page.getByTestId('balance').innerText()).toMatch(/^US\$2,194\.56\s+银行\d{4}-\d{2}-\d{2}数据为 US\$2,234\.56，此后已还 US\$40\.00$/);
});

test('in English the recovery rate by region names each province as the account list does (Guangdong, not 广东省)', async () => {
  const admin = leeway.logins.find((l) => l.role === 'admin')!;
  const adminCookie = await cookieOf(admin.username, admin.password);
  // The provinces of the yuan accounts (a region code's first two digits), each a line of the report.
  const { items } = await api<{ items: Array<{ region_code: string | null; creditor_code: string }> }>(adminCookie, 'GET', '/api/accounts?limit=500');
  const provinces = new Set(items.filter((a) => a.creditor_code !== 'PRAIRIE' && a.region_code).map((a) => a.region_code!.slice(0, 2)));
  const report = await api<{ lines: Array<{ key: string; label: string; label_en: string }> }>(adminCookie, 'GET', '/api/reports/recovery?by=region&currency=CNY');
  expect(new Set(report.lines.map((l) => l.key))).toEqual(provinces);

  const page = await signIn(admin.username, admin.password);
  await page.getByTestId('recovery-chart').waitFor();
  await page.getByTestId('language-en').click();
  await page.getByRole('heading', { name: 'Reports', exact: true }).waitFor();
  // By creditor, each bank's label fits its column beside the bar: a long one ("CHANGCHUAN Changchuan Bank") is cut with an
  // ellipsis (it ran under the bar), the whole label in the row's tooltip.
  await expect.poll(() => page.getByTestId('recovery-label').first().textContent()).toMatch(/[A-Za-z]+ [A-Z][a-z]/);
  const fits = await page.getByTestId('recovery-label').evaluateAll((texts) => texts.map((t) => ({
    width: (t as SVGTextContentElement).getComputedTextLength(), text: t.textContent ?? '', full: t.closest('g')!.getAttribute('data-label') ?? '' })));
  expect(fits.some((f) => f.text.endsWith('…'))).toBe(true);
  for (const f of fits) {
    expect(f.width, f.full).toBeLessThanOrEqual(166);
    expect(f.full.startsWith(f.text.replace(/…$/, ''))).toBe(true);
  }
  await page.getByTestId('recovery-by').selectOption('region');
  await expect.poll(() => page.getByTestId('recovery-row').count()).toBe(provinces.size);
  const shown = new Map<string, string>();
  for (const row of await page.getByTestId('recovery-row').all()) shown.set((await row.getAttribute('data-key'))!, (await row.getByRole('rowheader').innerText()).trim());
  // Named as regions.name_en names them (the account list's English names): Guangdong, Inner Mongolia.
  const known: Record<string, string> = { '11': 'Beijing', '41': 'Henan', '44': 'Guangdong', '15': 'Inner Mongolia' };
  for (const line of report.lines) {
    expect(line.label_en).toMatch(/^[A-Z][A-Za-z ()]+$/);
    if (known[line.key]) expect(line.label_en).toBe(known[line.key]);
    expect(shown.get(line.key)).toBe(line.label_en);
    expect(await page.locator(`[data-testid="recovery-bar"][data-key="${line.key}"]`).getAttribute('data-label')).toBe(line.label_en);
  }
  expect([...shown.values()].join(' ')).not.toMatch(/[\u4e00-\u9fff]/);
  // In Chinese, the Chinese names again.
  await page.getByTestId('language-zh-CN').click();
  await page.getByRole('heading', { name: '报表', exact: true }).waitFor();
  await expect.poll(async () => (await page.getByTestId('recovery-row').first().getByRole('rowheader').innerText()).trim()).toMatch(/[\u4e00-\u9fff]/);
  await page.close();
});
