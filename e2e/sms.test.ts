import type { Page } from 'playwright-core';
import { beforeAll, expect, test } from 'vitest';
import { ApiClient, signInPage, type Login } from './support/api.ts';
import { useBrowser } from './support/browser.ts';
import { useLeeway } from './support/leeway.ts';

/**
 * Sending an SMS from the account page (发送短信) in Chromium against the real server: fixed
 * templates only, the exact text shown before it goes, to a phone of the debtor's own. The
 * collector sends 请回电 and finds it in the contact log once the dispatcher sent it (as theirs, named by the template);
 * a promise reminder cannot be chosen without an open promise; a dispute hold makes the send a
 * refusal explained in Chinese and nothing is queued; in English the form and the templates are
 * in English. The server's clock starts at 10:00 on a Monday in Shanghai, inside contact hours.
 */
const browser = useBrowser();
const leeway = useLeeway({ demoAccounts: 60, seed: 5, clockStart: '2026-03-02T10:00:00+08:00' });

interface Point { id: number; kind: string; owner: string; verified: string; opted_out: string[]; value_mask: string }
interface AccountPage {
  account: { id: number; creditor_name: string; account_no_mask: string };
  contact_points: Point[];
  contacts: Array<{ id: number; channel: string; outcome: string; collector_name: string | null; initiated_by: string; contact_point_mask: string | null }>;
}
interface Template { key: string; name_zh: string; name_en: string; body: string | null }
interface OutboxItem { id: number; to: string; body: string; status: string; account_id: number | null }

/** An account of the collector's with a phone of the debtor's own the engine lets us text now. */
interface Textable { accountId: number; point: Point; page: AccountPage; templates: Template[] }

let collector: Login;
let api: ApiClient;
const textable: Textable[] = [];

const takesSms = (p: Point) => p.owner === 'debtor' && p.kind === 'phone' && p.verified !== 'invalid' && !p.opted_out.includes('sms');
const last4 = (mask: string) => mask.replace(/[^0-9]/g, '').slice(-4);

beforeAll(async () => {
  collector = leeway.login('collector');
  api = await ApiClient.signIn(leeway.url, collector);
  const accounts = await api.get<{ items: Array<{ id: number }> }>('/api/accounts?limit=200');
  for (const { id } of accounts.items) {
    const page = await api.get<AccountPage>(`/api/accounts/${id}/page`);
    for (const point of page.contact_points.filter(takesSms)) {
      const decision = await api.get<{ allowed: boolean }>(`/api/accounts/${id}/contact-check?channel=sms&contact_point_id=${point.id}`);
      if (!decision.allowed) continue;
      const { items } = await api.get<{ items: Template[] }>(`/api/accounts/${id}/sms-templates`);
      textable.push({ accountId: id, point, page, templates: items });
      break;
    }
    if (textable.length >= 4) break;
  }
  expect(textable.length).toBeGreaterThanOrEqual(4);
});

/** Signs the collector in and opens the account's page on the workstation. */
async function openAccount(accountId: number): Promise<Page> {
  const page = await browser.newPage();
  await signInPage(page, leeway.url, collector);
  await page.getByRole('link', { name: /^(工作台|Workstation)$/ }).click();
  await page.getByTestId('next-account').waitFor();
  await page.goto(`${leeway.url}/workstation/accounts/${accountId}`);
  await page.locator(`[data-testid="account-page"][data-account-id="${accountId}"]`).waitFor();
  return page;
}

const admin = (): Promise<ApiClient> => ApiClient.signIn(leeway.url, leeway.login('admin'));

test('the collector sends 请回电: the exact text first, then the banner, and the contact log shows it sent by them, named by its template', async () => {
  const { accountId, point, page: view } = textable[0]!;
  const page = await openAccount(accountId);
  const form = page.getByTestId('send-sms-form');
  expect(await form.getByRole('heading', { level: 3 }).innerText()).toBe('发送短信');
  await form.getByLabel('本人手机号').selectOption({ value: String(point.id) });
  await form.getByLabel('短信模板').selectOption({ label: '请回电' });

  const preview = await form.getByTestId('sms-preview').innerText();
  expect(preview).toContain(`【${view.account.creditor_name}】`);
  expect(preview).toContain(`尾号${last4(view.account.account_no_mask)}`);
  expect(preview).toContain('请方便时拨打400-800-1234回电');  // the agency's line, from its Chinese contact page
  expect(preview).not.toMatch(/¥|余额|欠款/);   // never what is owed

  const before = view.contacts.length;
  await form.getByRole('button', { name: '发送' }).click();
  const banner = form.getByRole('status');
  await banner.waitFor();
  expect(await banner.innerText()).toBe(`短信已加入发件箱，将立即发送（发送至 ${point.value_mask}）`);

  // The dispatcher sends it within a second or so and records the contact attempt.
  await expect.poll(async () => {
    const now = await api.get<AccountPage>(`/api/accounts/${accountId}/page`);
    return now.contacts.filter((c) => c.outcome === 'sms_sent').length;
  }, { timeout: 10_000, interval: 250 }).toBeGreaterThan(view.contacts.filter((c) => c.outcome === 'sms_sent').length);
  const sent = (await (await admin()).get<{ items: OutboxItem[] }>('/api/outbox?status=sent')).items.find((m) => m.account_id === accountId);
  expect(sent).toMatchObject({ to: point.value_mask, body: preview, status: 'sent' });

  await page.reload();
  const row = page.getByTestId('contact-row').filter({ hasText: '短信已发送' }).first();
  await row.waitFor();
  // Sent by this collector (not the system), named by its template.
  expect(await row.innerText()).not.toContain('系统自动');
  expect(await row.innerText()).toContain('请回电 / Please call back');
  expect(await row.innerText()).toContain(point.value_mask);
  expect(await page.getByTestId('contact-row').count()).toBe(before + 1);
});

test('the promise reminder cannot be chosen on an account without an open promise', async () => {
  const target = textable.find((t) => t.templates.find((x) => x.key === 'promise_reminder')?.body === null);
  expect(target).toBeDefined();
  const page = await openAccount(target!.accountId);
  const form = page.getByTestId('send-sms-form');
  const option = form.getByLabel('短信模板').locator('option', { hasText: '还款承诺提醒' });
  expect(await option.innerText()).toBe('还款承诺提醒（无未到期的承诺）');
  expect(await option.isDisabled()).toBe(true);
  expect(await form.getByLabel('短信模板').locator('option:not([disabled])').allInnerTexts()).toEqual(['请选择…', '逾期提醒', '请回电']);
  expect(await form.getByRole('button', { name: '发送' }).isDisabled()).toBe(true);   // nothing chosen yet
  await form.getByLabel('短信模板').selectOption({ label: '逾期提醒' });
  expect(await form.getByTestId('sms-preview').innerText()).toContain('已逾期');
});

test('a dispute hold: sending is refused with the engine\'s Chinese reason and nothing is queued', async () => {
  const { accountId, point } = textable[1]!;
  const page = await openAccount(accountId);
  const form = page.getByTestId('send-sms-form');
  await form.getByLabel('本人手机号').selectOption({ value: String(point.id) });
  await form.getByLabel('短信模板').selectOption({ label: '逾期提醒' });

  const boss = await admin();
  const queuedBefore = (await boss.get<{ items: OutboxItem[] }>('/api/outbox?limit=200')).items.filter((m) => m.account_id === accountId || m.to === point.value_mask).map((m) => m.id);
  // Placed meanwhile (another screen): the debtor disputes the debt in writing, for all their accounts.
  await api.send('POST', `/api/accounts/${accountId}/holds`, { kind: 'dispute', reason: '书面异议', scope: 'debtor' });

  await form.getByRole('button', { name: '发送' }).click();
  const refusal = form.getByTestId('contact-refusal');
  await refusal.waitFor();
  expect(await refusal.innerText()).toContain('不允许发送：消息没有发出。');
  expect(await refusal.innerText()).toMatch(/异议/);
  expect(await form.getByTestId('next-allowed').innerText()).toBe('停催解除之前不可联系。');
  expect(await form.getByRole('status').count()).toBe(0);

  const queuedAfter = (await boss.get<{ items: OutboxItem[] }>('/api/outbox?limit=200')).items.filter((m) => m.account_id === accountId || m.to === point.value_mask).map((m) => m.id);
  expect(queuedAfter).toEqual(queuedBefore);
});

test('a phone marked wrong meanwhile: the server\'s reason shows beside the phone, and nothing is queued', async () => {
  const { accountId, point } = textable[3]!;
  const page = await openAccount(accountId);
  const form = page.getByTestId('send-sms-form');
  await form.getByLabel('本人手机号').selectOption({ value: String(point.id) });
  await form.getByLabel('短信模板').selectOption({ label: '请回电' });
  // Another screen marks the number wrong before the collector presses 发送.
  await api.send('POST', `/api/contact-points/${point.id}/mark`, { account_id: accountId, state: 'invalid', reason: '空号' });

  await form.getByRole('button', { name: '发送' }).click();
  const problem = form.getByTestId('sms-point-problem');
  await problem.waitFor();
  expect(await problem.innerText()).toContain('已标记为无效');
  expect(await form.getByRole('status').count()).toBe(0);
  const queued = (await (await admin()).get<{ items: OutboxItem[] }>('/api/outbox?limit=200')).items.filter((m) => m.account_id === accountId);
  expect(queued).toEqual([]);
});

test('in English the form\'s labels and the template names are in English', async () => {
  const { accountId, templates: items } = textable[2]!;
  const page = await openAccount(accountId);
  await page.getByTestId('language-en').click();
  const form = page.getByTestId('send-sms-form');
  await expect.poll(() => form.getByRole('heading', { level: 3 }).innerText()).toBe('Send SMS');
  expect(await form.getByLabel("Debtor's own phone").count()).toBe(1);
  const templates = form.getByLabel('Template');
  const names = { overdue_reminder: 'Overdue reminder', promise_reminder: 'Promise reminder', instalment_reminder: 'Instalment reminder', call_back: 'Please call back' } as Record<string, string>;
  // A template that does not apply says why: no open promise; not on an instalment plan.
  const why = (key: string) => (key === 'instalment_reminder' ? ' (not on an instalment plan with an instalment left)' : ' (no open promise)');
  expect(await templates.locator('option').allInnerTexts())
    .toEqual(['Choose…', ...items.map((x) => `${names[x.key]}${x.body === null ? why(x.key) : ''}`)]);
  await templates.selectOption({ label: 'Please call back' });
  expect(await form.getByTestId('sms-preview').innerText()).toContain('please call us back');
  expect(await form.getByRole('button', { name: 'Send' }).isEnabled()).toBe(true);
});
