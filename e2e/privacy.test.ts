import type { Page } from 'playwright-core';
import { beforeAll, expect, test } from 'vitest';
import { ApiClient, signInPage, type Login } from './support/api.ts';
import { useBrowser } from './support/browser.ts';
import { useLeeway } from './support/leeway.ts';

/**
 * Personal data erasure (个人信息删除) on the admin's audit log screen, in Chromium against the
 * real server: two demo debtors whose only account was recalled long ago are due today; the
 * admin erases them from the panel after confirming (取消 first leaves them due), their names
 * read 已删除 and the run is one privacy.erase row in the log. In English the panel speaks
 * English, with nothing left to erase, and the erased debtors' accounts list them as Erased; a
 * supervisor has no panel and the API refuses them.
 */
const browser = useBrowser();
const leeway = useLeeway({ demoAccounts: 40, seed: 3, clockStart: '2026-03-02T10:00:00+08:00' });
let admin: Login;
let supervisor: Login;
/** The two debtors made due in beforeAll. */
let debtors: number[] = [];

beforeAll(async () => {
  admin = leeway.login('admin');
  supervisor = leeway.login('supervisor');
  // Two debtors with one account each, recalled on 2025-10-01: 90 days of retention ended long before 2026-03-02.
  debtors = await leeway.withDatabase(async (db) => {
    const ids = (await db.query<{ debtor_id: string }>(
      'SELECT debtor_id FROM accounts GROUP BY debtor_id HAVING count(*) = 1 ORDER BY debtor_id LIMIT 2')).rows.map((r) => Number(r.debtor_id));
    expect(ids).toHaveLength(2);
    await db.query(`UPDATE accounts SET status = 'recalled', recalled_on = '2025-10-01' WHERE debtor_id = ANY($1)`, [ids]);
    await db.query(`DELETE FROM complaints c USING accounts a WHERE a.debtor_id = ANY($1) AND c.creditor_id = a.creditor_id
                      AND c.account_id = a.id AND c.status = 'open'`, [ids]);
    const pending = `SELECT h.creditor_id, h.id FROM hardship_applications h JOIN accounts a ON a.creditor_id = h.creditor_id AND a.id = h.account_id
                      WHERE a.debtor_id = ANY($1) AND h.status IN ('draft', 'submitted')`;
    await db.query(`DELETE FROM hardship_evidence WHERE (creditor_id, application_id) IN (${pending})`, [ids]);
    await db.query(`DELETE FROM hardship_applications WHERE (creditor_id, id) IN (${pending})`, [ids]);
    return ids;
  });
});


async function openAudit(page: Page, login: Login): Promise<void> {
  await signInPage(page, leeway.url, login);
  await page.getByRole('link', { name: '审计日志' }).click();
  await page.getByTestId('audit-table').waitFor();
}

const figure = async (page: Page, which: 'due' | 'next' | 'erased') => page.getByTestId(`privacy-${which}`).innerText();

test('the admin erases the two debtors due, after confirming: their names read 已删除 and the run is one privacy.erase row', async () => {
  const api = await ApiClient.signIn(leeway.url, admin);
  const before = await api.get<{ business_date: string; default_retention_days: number; due: number; next_30_days: number; erased: number }>('/api/privacy/erasure');
  expect(before).toMatchObject({ business_date: '2026-03-02', default_retention_days: 90, due: 2, erased: 0 });

  const page = await browser.newPage();
  await openAudit(page, admin);
  const panel = page.getByTestId('privacy-panel');
  expect(await panel.getByRole('heading', { level: 2 }).innerText()).toBe('个人信息删除');
  await expect.poll(() => figure(page, 'due')).toBe('2');
  expect(await panel.innerText()).toContain('默认 90 天，以委托合同为准');
  expect(await figure(page, 'next')).toBe(String(before.next_30_days));
  expect(await figure(page, 'erased')).toBe(String(before.erased));
  expect(await panel.locator('dt').allInnerTexts()).toEqual(['今日到期', '30 天内到期', '已删除']);

  // Asked first; 取消 leaves everything due.
  const erase = panel.getByRole('button', { name: '立即删除到期数据' });
  expect(await erase.isEnabled()).toBe(true);
  await erase.click();
  const confirm = panel.getByTestId('privacy-confirm');
  expect(await confirm.innerText()).toContain('将删除 2 位债务人的个人信息，且无法恢复。');
  await confirm.getByRole('button', { name: '取消' }).click();
  expect(await confirm.count()).toBe(0);
  expect(await figure(page, 'due')).toBe('2');
  expect((await api.get<{ due: number }>('/api/privacy/erasure')).due).toBe(2);

  // 确认删除: the banner counts what was erased and the figures reload.
  await erase.click();
  await confirm.getByRole('button', { name: '确认删除' }).click();
  const result = panel.getByTestId('privacy-result');
  await result.waitFor();
  expect(await result.getAttribute('role')).toBe('status');
  expect(await result.innerText()).toMatch(/^已删除 2 位债务人的个人信息（2 个账号、\d+ 个联系方式）。$/);
  await expect.poll(() => figure(page, 'due')).toBe('0');
  expect(await figure(page, 'erased')).toBe('2');
  expect(await erase.isDisabled()).toBe(true);

  const names = await leeway.withDatabase(async (db) =>
    (await db.query<{ name: string }>('SELECT name FROM debtors WHERE id = ANY($1)', [debtors])).rows.map((r) => r.name));
  expect(names).toEqual(['已删除', '已删除']);

  // The log filtered to privacy.erase (the action list is read when the screen opens: open it again).
  await page.reload();
  await page.getByTestId('audit-table').waitFor();
  const filters = page.getByTestId('audit-filters');
  await filters.getByRole('combobox', { name: /^操作/ }).selectOption({ label: '删除个人信息 (privacy.erase)' });
  await filters.getByRole('button', { name: '查询' }).click();
  await expect.poll(async () => page.getByTestId('audit-row').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-action'))))
    .toEqual(['privacy.erase']);
  expect(await page.getByTestId('audit-row').locator('td').nth(1).innerText()).toBe(admin.username);
  await page.close();
});

test('in English the panel speaks English, with nothing due the button is disabled, and the erased debtors read Erased', async () => {
  const page = await browser.newPage();
  await openAudit(page, admin);
  await page.getByTestId('language-en').click();
  const panel = page.getByTestId('privacy-panel');
  await expect.poll(() => panel.getByRole('heading', { level: 2 }).innerText()).toBe('Personal data erasure');
  await expect.poll(() => figure(page, 'due')).toBe('0');
  expect(await panel.locator('dt').allInnerTexts()).toEqual(['Due today', 'Due in the next 30 days', 'Erased so far']);
  expect(await panel.innerText()).toContain('(default 90 days, or the contract\'s)');
  expect(await panel.getByRole('button', { name: 'Erase what is due now' }).isDisabled()).toBe(true);
  // The erased debtors' accounts, listed in English: the name and phone say Erased, not the stored 已删除.
  const accounts = await leeway.withDatabase(async (db) =>
    (await db.query<{ id: string }>('SELECT id FROM accounts WHERE debtor_id = ANY($1) ORDER BY id', [debtors])).rows.map((r) => r.id));
  expect(accounts).toHaveLength(2);
  await page.goto(`${leeway.url}/accounts?status=recalled`);
  for (const id of accounts) {
    const row = page.locator(`[data-testid="account-row"][data-account-id="${id}"]`);
    await expect.poll(() => row.locator('th.debtor').innerText()).toBe('Erased');
    expect(await row.innerText()).not.toContain('已删除');
  }
  await page.getByTestId('language-zh-CN').click();
  await expect.poll(() => page.locator(`[data-testid="account-row"][data-account-id="${accounts[0]}"] th.debtor`).innerText()).toBe('已删除');
  await page.close();
});

test('a supervisor has no audit log and no panel; the API refuses them', async () => {
  const api = await ApiClient.signIn(leeway.url, supervisor);
  await expect(api.get('/api/privacy/erasure')).rejects.toThrow(/: 403 /);
  await expect(api.send('POST', '/api/privacy/erasure', { dry_run: true })).rejects.toThrow(/: 403 /);

  const page = await browser.newPage();
  await signInPage(page, leeway.url, supervisor);
  await page.getByRole('navigation').first().waitFor();
  expect(await page.getByRole('link', { name: '审计日志' }).count()).toBe(0);
  await page.goto(`${leeway.url}/audit`);
  await page.getByRole('navigation').first().waitFor();
  expect(await page.getByTestId('privacy-panel').count()).toBe(0);
  expect(await page.getByTestId('audit-screen').count()).toBe(0);
  await page.close();
});
