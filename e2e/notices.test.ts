import type { Page } from 'playwright-core';
import { beforeAll, expect, test } from 'vitest';
import { apiAs, signInPage, type Login } from './support/api.ts';
import { useBrowser } from './support/browser.ts';
import { useLeeway } from './support/leeway.ts';

/**
 * Notices (通知) in Chromium against the real server and demo portfolio: a collector's
 * settlement offer above their authority is rejected by the team's supervisor on the Cases
 * screen; the collector sees the unread badge in the navigation, reads the notice with the
 * supervisor's reason, marks it read, and the badge is gone, also after a reload.
 */
const browser = useBrowser();
const leeway = useLeeway({ demoAccounts: 120, seed: 11, clockStart: '2026-03-02T10:00:00+08:00' });
let collector: Login;

const FINISHED = ['paid', 'settled', 'recalled', 'closed'];
const REASON = '债务人近三个月有稳定收入，费用不予减免';

beforeAll(() => { collector = leeway.login('collector'); });

const api = <T>(login: Login, method: string, path: string, body?: unknown) => apiAs<T>(leeway.url, login, method, path, body);

const signIn = (page: Page, login: Login) => signInPage(page, leeway.url, login);

test('settlement rejected -> collector sees the unread badge and the notice -> marks it read -> badge gone after reload', async () => {
  // The collector offers to waive all of an account's fees: above a collector's authority, so it waits for the supervisor.
  const { items: accounts } = await api<{ items: Array<{ id: number; fees_fen: number; status: string; account_no_mask: string }> }>(
    collector, 'GET', '/api/accounts?limit=100&offset=0');
  const account = accounts.find((a) => a.fees_fen > 0 && !FINISHED.includes(a.status));
  if (!account) throw new Error('the collector has no open account with fees to waive');
  const offer = await api<{ id: number; status: string; approver: string }>(collector, 'POST', `/api/accounts/${account.id}/settlements`,
    { fees_fen: account.fees_fen, payment: 'lump_sum', due_date: '2026-03-03' });   // within every open account's placement
  expect(offer).toMatchObject({ status: 'requested', approver: 'supervisor' });
  expect((await api<{ unread: number }>(collector, 'GET', '/api/notifications/count')).unread).toBe(0);

  // The team's supervisor rejects it on the Cases screen, with a reason.
  let supervisor: Login | undefined;
  for (const login of leeway.logins.filter((l) => l.role === 'supervisor')) {
    const inbox = await api<{ waivers: Array<{ id: number }> }>(login, 'GET', '/api/cases/inbox');
    if (inbox.waivers.some((w) => w.id === offer.id)) supervisor = login;
  }
  if (!supervisor) throw new Error("no supervisor's inbox holds the settlement offer");
  const boss = await browser.newPage();
  await signIn(boss, supervisor);
  await boss.getByRole('link', { name: '投诉与减免' }).click();
  const card = boss.locator(`[data-testid="settlement-card"][data-id="${offer.id}"]`);
  await card.waitFor();
  await card.getByLabel('理由').fill(REASON);
  await card.getByRole('button', { name: '驳回' }).click();
  await card.waitFor({ state: 'detached' });

  // The collector signs in: the navigation says one notice is unread, in words as well as the number.
  const page = await browser.newPage();
  await signIn(page, collector);
  const badge = page.getByTestId('notices-badge');
  await badge.waitFor();
  expect(await badge.innerText()).toContain('1');
  const noticesLink = page.getByRole('link', { name: '通知 1 条未读', exact: true });
  await noticesLink.click();

  const screen = page.getByTestId('notices-screen');
  await screen.getByRole('heading', { name: '通知', exact: true }).waitFor();
  const item = screen.getByTestId('notice-item');
  await item.waitFor();
  expect(await item.count()).toBe(1);
  expect(await screen.getByTestId('notice-unread-count').innerText()).toBe('1 条未读');
  expect(await item.getAttribute('data-unread')).toBe('true');
  expect(await item.getByTestId('notice-unread').innerText()).toBe('未读');
  expect(await item.getByTestId('notice-kind').innerText()).toBe('减免方案被驳回');
  expect(await item.getByTestId('notice-message').innerText()).toContain(REASON);
  expect(await item.getByTestId('notice-message').innerText()).toMatch(/^账户 \S+ 的减免方案 \d+ 已由 \S+ 拒绝：/);
  expect(await item.getByRole('link', { name: account.account_no_mask }).getAttribute('href')).toBe(`/workstation/accounts/${account.id}`);
  const [listed] = (await api<{ items: Array<{ id: number; kind: string; created_at: string; waiver_id: number | null }> }>(
    collector, 'GET', '/api/notifications?state=all')).items;
  expect(listed).toMatchObject({ kind: 'settlement_rejected', waiver_id: offer.id });
  expect(await item.locator('time').getAttribute('datetime')).toBe(listed!.created_at);

  // Marked read: gone from the unread list, and the badge is gone.
  await item.getByRole('button', { name: '标为已读' }).click();
  await screen.getByTestId('notices-empty').waitFor();
  expect(await screen.getByTestId('notices-empty').innerText()).toBe('没有新通知');
  await badge.waitFor({ state: 'detached' });
  expect(await noticesLink.count()).toBe(0);
  expect(await page.getByRole('link', { name: '通知', exact: true }).count()).toBe(1);
  expect((await api<{ unread: number }>(collector, 'GET', '/api/notifications/count')).unread).toBe(0);

  // After a reload it stays read: no badge, and under "all" the notice shows without the unread mark.
  const counted = page.waitForResponse((r) => r.url().endsWith('/api/notifications/count') && r.ok());
  await page.reload();
  await counted;
  await screen.getByTestId('notices-empty').waitFor();
  expect(await page.getByTestId('notices-badge').count()).toBe(0);
  await screen.getByRole('button', { name: '全部', exact: true }).click();
  await item.waitFor();
  expect(await item.getAttribute('data-unread')).toBe('false');
  expect(await item.getByTestId('notice-unread').count()).toBe(0);
  expect(await item.getByRole('button', { name: '标为已读' }).count()).toBe(0);
  expect(await screen.getByRole('button', { name: '全部标为已读' }).isDisabled()).toBe(true);

  // The same screen in English.
  await page.getByTestId('language-en').click();
  await screen.getByRole('heading', { name: 'Notices', exact: true }).waitFor();
  expect(await page.getByRole('link', { name: 'Notices', exact: true }).count()).toBe(1);
  expect(await item.getByTestId('notice-kind').innerText()).toBe('Settlement offer rejected');
  expect(await screen.getByTestId('notice-unread-count').innerText()).toBe('0 unread');
  expect(await screen.getByRole('button', { name: 'Mark all read' }).count()).toBe(1);
  expect(await screen.getByRole('button', { name: 'Unread', exact: true }).getAttribute('aria-pressed')).toBe('false');
  expect(await screen.getByRole('button', { name: 'All', exact: true }).getAttribute('aria-pressed')).toBe('true');
  await page.getByTestId('language-zh-CN').click();
  await screen.getByRole('heading', { name: '通知', exact: true }).waitFor();
});
