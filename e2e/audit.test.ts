import type { Locator, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { ApiClient, apiAs, signInPage, type Login } from './support/api.ts';
import { useBrowser } from './support/browser.ts';
import { useLeeway } from './support/leeway.ts';

/**
 * The audit log (审计日志) in Chromium against the real server: the agency admin adds a team and
 * a user through the API and finds both in the log, newest first, with the user's details as JSON;
 * filters by the user.* group and by an actor nobody is; verifies the hash chain; and reads older
 * entries a page at a time.
 */
const browser = useBrowser();
const leeway = useLeeway({ demoAccounts: 60, seed: 5, clockStart: '2026-03-02T10:00:00+08:00' });
const admin = (): Login => leeway.login('admin');

interface AuditPage { items: Array<{ id: number; action: string }>; next_before: number | null }

async function openAudit(page: Page): Promise<void> {
  await signInPage(page, leeway.url, admin());
  await page.getByRole('link', { name: '审计日志' }).click();
  await page.getByTestId('audit-table').waitFor();
}

const rows = (page: Page) => page.getByTestId('audit-row');
const actionsShown = async (page: Page) => rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action') ?? ''));
const cell = (row: Locator, n: number) => row.locator('td').nth(n);
/** How many lines an element's text runs to, as laid out. */
const lines = (el: Locator) => el.evaluate((node) => {
  const range = document.createRange();
  range.selectNodeContents(node);
  return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
});

test('a team and a user added by the admin are in the log, newest first, by the admin; the user.add row\'s details are its JSON', async () => {
  const team = await apiAs<{ id: number; name: string }>(leeway.url, admin(), 'POST', '/api/teams', { name: '审计测试组' });
  await apiAs(leeway.url, admin(), 'POST', '/api/users', { username: 'audit.probe', display_name: '审计探针', role: 'collector', team_id: team.id });

  const page = await browser.newPage();
  await openAudit(page);
  expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('审计日志');
  const newest = (await actionsShown(page)).slice(0, 10);
  expect(newest).toContain('user.add');
  expect(newest).toContain('team.add');
  expect(newest.indexOf('user.add')).toBeLessThan(newest.indexOf('team.add'));   // newest first

  const userAdd = page.locator('[data-testid="audit-row"][data-action="user.add"]').first();
  expect(await cell(userAdd, 1).innerText()).toBe(admin().username);
  // The action in words, with its code beside it (the code is what the filter and the CLI take).
  expect(await cell(userAdd, 2).locator('code').innerText()).toBe('user.add');
  expect(await cell(userAdd, 2).innerText()).toMatch(/^新增用户\s+user\.add$/);
  // The object in words too (its code on hover): no snake_case or English on the Chinese screen.
  expect(await cell(userAdd, 3).innerText()).toMatch(/^用户 #\d+$/);
  expect(await cell(userAdd, 3).locator('span').first().getAttribute('title')).toBe('user');
  expect(await cell(userAdd, 4).innerText()).toBe('—');
  // The summary names the fields in Chinese; the JSON below keeps them as stored.
  const summary = await userAdd.locator('.au-summary').innerText();
  for (const part of ['用户名: audit.probe', '角色: collector', `小组: ${team.id}`]) expect(summary).toContain(part);
  expect(summary).not.toMatch(/username|team_id/);
  const teamAdd = page.locator('[data-testid="audit-row"][data-action="team.add"]').first();
  expect(await cell(teamAdd, 1).innerText()).toBe(admin().username);
  expect(await cell(teamAdd, 3).innerText()).toBe(`小组 #${team.id}`);

  // The rows fit the screen: no scrolling sideways to reach a row's 详情 button.
  expect(await page.getByTestId('audit-table').evaluate((table) => table.parentElement!.scrollWidth <= table.parentElement!.clientWidth)).toBe(true);
  // 详情 opens the pretty-printed JSON below the row, and closes it again.
  const toggle = userAdd.getByRole('button', { name: /详情/ });
  expect(await toggle.getAttribute('aria-expanded')).toBe('false');
  await toggle.click();
  const json = page.getByTestId('audit-json');
  await json.waitFor();
  const detail = JSON.parse(await json.innerText()) as Record<string, unknown>;
  expect(detail).toMatchObject({ username: 'audit.probe', display_name: '审计探针', role: 'collector', team_id: team.id });
  expect(await json.innerText()).toContain('\n  "username": "audit.probe"');
  await userAdd.getByRole('button', { name: /收起/ }).click();
  expect(await json.count()).toBe(0);
  await page.close();
});

test('the user.* group shows only user actions; an actor nobody is shows the empty line', async () => {
  const page = await browser.newPage();
  await openAudit(page);
  const filters = page.getByTestId('audit-filters');
  expect(await filters.getByRole('combobox', { name: /^操作/ }).locator('option', { hasText: '(user.add)' }).innerText()).toBe('新增用户 (user.add)');
  await filters.getByRole('combobox', { name: /^操作/ }).selectOption({ label: '用户（全部，user.*）' });
  await filters.getByRole('button', { name: '查询' }).click();
  await expect.poll(async () => {
    const shown = await actionsShown(page);
    return shown.length > 0 && shown.every((a) => a.startsWith('user.'));
  }).toBe(true);
  expect(await actionsShown(page)).toContain('user.add');

  await filters.getByRole('combobox', { name: /^操作/ }).selectOption({ label: '全部' });
  await filters.getByLabel('操作人').fill('nobody.here');
  await filters.getByRole('button', { name: '查询' }).click();
  const empty = page.getByTestId('audit-empty');
  await empty.waitFor();
  expect(await empty.innerText()).toBe('没有符合条件的记录');
  expect(await rows(page).count()).toBe(0);
  expect(await page.getByTestId('audit-older').count()).toBe(0);
  await page.close();
});

test('verify integrity: the chain is intact, with the number of rows', async () => {
  const page = await browser.newPage();
  await openAudit(page);
  await page.getByRole('button', { name: '验证完整性' }).click();
  const result = page.getByTestId('audit-verify-result');
  await result.waitFor();
  expect(await result.getAttribute('role')).toBe('status');
  const text = await result.innerText();
  const match = /^审计日志完整：共 ([\d,]+) 条，哈希链未被篡改。$/.exec(text);
  expect(match, text).not.toBeNull();
  expect(Number(match![1]!.replace(/,/g, ''))).toBeGreaterThan(0);
  await page.close();
});

test('older entries are appended below the newest, still newest first', async () => {
  // The demo writes few entries (its load is one): when the log has no second page yet, teams
  // added through the API give it one, so the button is there to press.
  const api = await ApiClient.signIn(leeway.url, admin());
  let first = await api.get<AuditPage>('/api/audit?limit=50');
  for (let i = 0; first.next_before === null && i <= 50 - first.items.length; i++) {
    await api.send('POST', '/api/teams', { name: `审计分页组 ${i + 1}` });
  }
  first = await api.get<AuditPage>('/api/audit?limit=50');
  expect(first.next_before).not.toBeNull();

  const page = await browser.newPage();
  await openAudit(page);
  await expect.poll(async () => rows(page).count()).toBe(50);
  await page.getByRole('button', { name: '更早的记录' }).click();
  await expect.poll(async () => rows(page).count()).toBeGreaterThan(50);
  const ids = await rows(page).evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-id'))));
  expect(ids.every((id, i) => i === 0 || id < ids[i - 1]!)).toBe(true);
  expect(await page.getByTestId('audit-count').innerText()).toMatch(/^(共|已显示最新的) [\d,]+ 条$/);
  await page.close();
});

test("compliance review (合规确认): the admin reads a U text and confirms it saying what was checked; the log has it; a supervisor reads the review but records nothing", async () => {
  const page = await browser.newPage();
  await signInPage(page, leeway.url, admin());
  await page.getByRole('link', { name: '合规确认' }).click();
  const screen = page.getByTestId('compliance-review-screen');
  await screen.getByTestId('compliance-open').waitFor();
  expect(await screen.getByTestId('compliance-open').innerText()).toBe('20 项待确认');
  const colorado = screen.locator('[data-testid="review-text"][data-item="US.text.colorado"]');
  expect(await colorado.getByTestId('review-word').innerText()).toBe('待确认');
  await colorado.getByText('查看文本').click();
  await expect.poll(() => colorado.locator('details').innerText()).toContain('FOR INFORMATION ABOUT THE COLORADO FAIR DEBT COLLECTION PRACTICES ACT');

  // Without a note nothing is recorded; with one it is, and the count goes down.
  await colorado.getByTestId('review-record').click();
  const form = colorado.getByTestId('review-form');
  await form.getByLabel('核对了什么（官方文本、日期、出处）').fill('   ');
  await form.getByRole('button', { name: '提出疑问' }).click();
  await expect.poll(() => form.getByRole('alert').innerText()).toBe('请写明核对了什么（官方文本、日期、出处）');
  await form.getByLabel('核对了什么（官方文本、日期、出处）').fill('C.R.S. 5-16-109 and the address on coag.gov, checked 2026-03-02.');
  await form.getByRole('button', { name: '确认' }).click();
  await expect.poll(() => colorado.getByTestId('review-word').innerText()).toMatch(/^admin\S* 已确认，2026\/3\/2 10:00\n+C\.R\.S\. 5-16-109 and the address on coag\.gov, checked 2026-03-02\.$/);
  expect(await screen.getByTestId('compliance-open').innerText()).toBe('19 项待确认');
  // A rule not marked U can be confirmed too, but is not counted as open.
  expect(await screen.locator('[data-testid="review-rule"][data-item="US.seven_in_seven"]').getByTestId('review-word').innerText()).toBe('未标注 U');
  expect(await screen.locator('[data-testid="review-rule"][data-item="CN.hours"]').getByTestId('review-word').innerText()).toBe('待确认');
  // Rules, their defaults and the texts are named in words; the ids (the audit log's) only on hover.
  const instalments = screen.locator('[data-testid="review-rule"][data-item="CN.instalment_max"]');
  expect(await instalments.getByTestId('review-rule-name').innerText()).toBe('CN · 分期期数上限');
  expect(await instalments.getByTestId('review-rule-defaults').innerText()).toBe('60 期');
  expect(await screen.locator('[data-testid="review-rule"][data-item="CN.hours"]').getByTestId('review-rule-defaults').innerText()).toBe('08:00 起，至 21:00');
  expect(await screen.locator('[data-testid="review-text"][data-item="US.text.rosenthal"]').getByTestId('review-text-title').innerText())
    .toBe('加利福尼亚州权利告知（Cal. Civ. Code 1812.700）');
  expect(await screen.innerText()).not.toMatch(/US\.text\.|instalment_max|retention_years|\bCN\.hours\b/);
  // The sources in Chinese too (Chinese statutes by their Chinese names), and no internal file names (COMPLIANCE.md).
  expect(await instalments.getByTestId('review-rule-citation').innerText()).toMatch(/^《商业银行信用卡业务监督管理办法》第七十条（U：尚未对照官方文本核实；/);
  expect(await screen.locator('[data-testid="review-rule"][data-item="CN.holds"]').getByTestId('review-rule-citation').innerText()).toMatch(/^Leeway 规则（所有规则包）：/);
  const citations = await screen.getByTestId('review-rule-citation').allInnerTexts();
  expect(citations.length).toBeGreaterThan(30);
  for (const citation of citations) {
    expect(citation).toMatch(/[\u4e00-\u9fff]/);
    expect(citation).not.toContain('.md');
  }
  // Not cramped at 1366 wide: every header on one line, and a rule's name on one line (not 联系时 / 段).
  const table = screen.getByTestId('review-rules');
  expect(await table.evaluate((t) => t.parentElement!.scrollWidth <= t.parentElement!.clientWidth)).toBe(true);
  for (const header of await table.locator('thead th').all()) expect(await lines(header), await header.innerText()).toBe(1);
  for (const name of await table.getByTestId('review-rule-name').all()) expect(await lines(name), await name.innerText()).toBe(1);

  const entries = await apiAs<{ items: Array<{ action: string; entity_id: string }> }>(leeway.url, admin(), 'GET', '/api/audit?action=compliance.confirmation');
  expect(entries.items.map((e) => e.entity_id)).toEqual(['US.text.colorado']);
  await page.close();

  const supervisor = await browser.newPage();
  await signInPage(supervisor, leeway.url, leeway.login('supervisor'));
  await supervisor.getByRole('link', { name: '合规确认' }).click();
  await supervisor.getByTestId('compliance-open').waitFor();
  expect(await supervisor.locator('[data-testid="review-text"][data-item="US.text.colorado"]').getByTestId('review-word').innerText()).toContain('已确认');
  expect(await supervisor.getByTestId('review-record').count()).toBe(0);
  // The word column is wide enough that a rule's word reads on one line in English too, not a few letters a line.
  await supervisor.getByTestId('language-en').click();
  const word = supervisor.locator('[data-testid="review-rule"][data-item="CN.hours"]').getByTestId('review-word');
  await expect.poll(() => word.innerText()).toBe('To check');
  const usRule = supervisor.locator('[data-testid="review-rule"][data-item="US.email_safe_harbor"]');
  expect(await usRule.getByTestId('review-rule-name').innerText()).toBe('US · e-mail safe harbor');
  // In English the source is the English one, as the engine's decisions cite it.
  const holds = supervisor.locator('[data-testid="review-rule"][data-item="CN.holds"]').getByTestId('review-rule-citation');
  expect(await holds.innerText()).toMatch(/^Leeway rule \(all packs\): dispute, cease, /);
  expect(await supervisor.locator('[data-testid="review-rule"][data-item="CN.instalment_max"]').getByTestId('review-rule-citation').innerText())
    .toMatch(/^商业银行信用卡业务监督管理办法 Art\. 70 \(U: not yet verified against the official text; /);
  expect((await supervisor.getByTestId('review-rule-citation').allInnerTexts()).join('\n')).not.toContain('.md');
  expect(await usRule.getByTestId('review-rule-defaults').innerText()).toBe("35 days after the bank's notice");
  expect(await supervisor.locator('[data-testid="review-text"][data-item="US.text.rosenthal"]').getByTestId('review-text-title').innerText())
    .toBe("California's notice of rights (Cal. Civ. Code 1812.700)");
  expect(await lines(word)).toBe(1);
  await supervisor.getByTestId('language-zh-CN').click();
  await expect.poll(() => word.innerText()).toBe('待确认');
  await expect.poll(() => holds.innerText()).toMatch(/^Leeway 规则（所有规则包）：/);
  await supervisor.close();
});
