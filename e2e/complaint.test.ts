import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { buildWeb } from '../src/http/build-web.ts';
import { startLeeway } from '../test/support/server.ts';
import type { Login } from './support/api.ts';
import { useBrowser } from './support/browser.ts';

/**
 * A complaint (投诉) in Chromium against the real server and demo portfolio: the collector
 * records it on the account page, the next call is refused and explained, the team's
 * supervisor closes it on the Cases screen, and the call is allowed again. The server's
 * clock starts at 10:00 on a Monday in Shanghai, inside calling hours.
 */
const browser = useBrowser();
let leeway: Awaited<ReturnType<typeof startLeeway>>;
let collector: Login;

beforeAll(async () => {
  await buildWeb();
  leeway = await startLeeway({ demoAccounts: 120, seed: 11, clockStart: '2026-03-02T10:00:00+08:00' });
  const login = leeway.logins.find((l) => l.role === 'collector');
  if (!login) throw new Error('startLeeway() lists no collector login');
  collector = login;
});
afterAll(async () => { await leeway?.stop(); });

async function api<T>(login: Login, method: string, path: string): Promise<T> {
  const signIn = await fetch(`${leeway.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: login.username, password: login.password }) });
  const cookie = signIn.headers.getSetCookie().find((c) => c.startsWith('leeway_session='))!.split(';')[0]!;
  const response = await fetch(`${leeway.url}${path}`, { method, headers: { cookie } });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function signIn(page: Page, login: Login): Promise<void> {
  await page.goto(leeway.url + '/');
  await page.getByLabel(/^(用户名|Username)$/).fill(login.username);
  await page.getByLabel(/^(密码|Password)$/).fill(login.password);
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
}

test('complaint opened -> contact refused and explained -> supervisor closes it -> contact allowed', async () => {
  const page = await browser.newPage();
  await signIn(page, collector);
  await page.getByRole('link', { name: '工作台' }).click();
  await page.getByTestId('next-account').click();
  const account = page.getByTestId('account-page');
  await account.waitFor();
  const accountId = Number(await account.getAttribute('data-account-id'));
  await page.getByTestId('call-now').waitFor();

  // The debtor complains by phone: recorded in the account's cases panel; the hold is in force at once.
  const form = page.getByTestId('complaint-form');
  await form.getByLabel('渠道').selectOption({ label: '电话' });
  await form.getByLabel('投诉内容').fill('债务人投诉催收员一天内多次来电');
  await form.getByRole('button', { name: '登记投诉（立即停催）' }).click();
  const complaintRow = page.getByTestId('complaint-list').getByTestId('case-row').first();
  await complaintRow.waitFor();
  expect(await complaintRow.innerText()).toContain('处理中');

  // The next call is refused, and the screen says why.
  const log = page.getByTestId('log-contact-form');
  await log.getByLabel('结果').selectOption({ label: '无人接听' });
  await log.getByRole('button', { name: '保存催记' }).click();
  const refusal = page.getByTestId('contact-refusal');
  await refusal.waitFor();
  expect(await refusal.innerText()).toContain('不允许联系');
  expect(await refusal.innerText()).toContain('投诉处理中');
  expect(await refusal.getByTestId('next-allowed').innerText()).toBe('停催解除之前不可联系。');
  expect(await page.getByTestId('call-now-refusal').innerText()).toContain('投诉处理中');
  expect(await page.getByTestId('contact-row').count()).toBe(0);

  // The team's supervisor finds it on the Cases screen, with its deadline, and closes it.
  const { complaints } = await api<{ complaints: Array<{ id: number; due_on: string }> }>(collector, 'GET', `/api/accounts/${accountId}/cases`);
  const complaint = complaints[0]!;
  expect(complaint.due_on).toBe('2026-03-09'); // 5 Chinese business days after Monday 2 March
  let supervisor: Login | undefined;
  for (const login of leeway.logins.filter((l) => l.role === 'supervisor')) {
    const inbox = await api<{ complaints: Array<{ id: number }> }>(login, 'GET', '/api/cases/inbox');
    if (inbox.complaints.some((c) => c.id === complaint.id)) supervisor = login;
  }
  if (!supervisor) throw new Error("no supervisor's inbox holds the complaint");
  const boss = await browser.newPage();
  await signIn(boss, supervisor);
  await boss.getByRole('link', { name: '投诉与减免' }).click();
  const card = boss.locator(`[data-testid="complaint-card"][data-id="${complaint.id}"]`);
  await card.waitFor();
  expect(await card.innerText()).toContain('2026-03-09 前完成调查');
  await card.getByLabel('调查结论').selectOption({ label: '投诉成立' });
  await card.getByLabel('处理措施').selectOption({ label: '辅导' });
  await card.getByLabel('说明').fill('录音显示来电频次过高，已安排辅导');
  await card.getByRole('button', { name: '结案' }).click();
  await card.waitFor({ state: 'detached' });

  // The same screen in English.
  await boss.getByTestId('language-en').click();
  await boss.getByRole('heading', { name: 'Cases', exact: true }).waitFor();
  expect(await boss.getByTestId('cases-screen').innerText()).toContain('Complaints to investigate (0)');
  await boss.getByTestId('language-zh-CN').click();

  // Upheld: it counts on the collector's scorecard.
  await boss.getByRole('link', { name: '工作量与上限' }).click();
  await boss.getByTestId('workload').waitFor();
  await expect.poll(async () => (await boss.getByTestId('upheld-complaints').allInnerTexts()).includes('1')).toBe(true);

  // Back on the account: the call is allowed and logged.
  await page.reload();
  await page.getByTestId('account-page').waitFor();
  await page.getByTestId('call-now').waitFor();
  await log.getByLabel('结果').selectOption({ label: '无人接听' });
  await log.getByRole('button', { name: '保存催记' }).click();
  await page.getByTestId('contact-row').first().waitFor();
  expect(await page.getByTestId('contact-refusal').count()).toBe(0);
  expect(await page.getByTestId('complaint-list').innerText()).toContain('投诉成立');
});
