import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startSmtp, type TestSmtp } from '../test/support/smtp.ts';
import { ApiClient, signInPage, type Login } from './support/api.ts';
import { useBrowser } from './support/browser.ts';
import { useLeeway } from './support/leeway.ts';

/**
 * E-mail from the account page (发送邮件) in Chromium against the real server, which sends through
 * a real SMTP server on this machine (LEEWAY_SMTP_URL): the collector adds the address the debtor
 * gave, sends 请回电 with its subject and full text shown first, and the mail server receives it
 * with its opt-out link; the debtor opens that link, confirms, and the address is opted out: the
 * account page no longer offers it. An account whose debtor has no e-mail address shows no e-mail form.
 */
const env: Record<string, string> = {};
let smtp: TestSmtp;
beforeAll(async () => {
  smtp = await startSmtp();
  env['LEEWAY_SMTP_URL'] = smtp.url;
  env['LEEWAY_EMAIL_FROM'] = 'Anhe Collections <collections@anhe.example>';
});
afterAll(async () => { await smtp?.close(); });

const browser = useBrowser();
const leeway = useLeeway({ demoAccounts: 40, seed: 7, clockStart: '2026-03-02T10:00:00+08:00', env });

interface Point { id: number; kind: string; value_mask: string; opted_out: string[] }
interface AccountPage { account: { id: number; creditor_name: string; account_no_mask: string }; contact_points: Point[] }

let collector: Login;
let api: ApiClient;
let accountId: number;
let other: number;
const ADDRESS = 'wang.fang@example.com';

beforeAll(async () => {
  collector = leeway.login('collector');
  api = await ApiClient.signIn(leeway.url, collector);
  const accounts = await api.get<{ items: Array<{ id: number }> }>('/api/accounts?limit=200');
  const allowed: number[] = [];
  for (const { id } of accounts.items) {
    const decision = await api.get<{ allowed: boolean }>(`/api/accounts/${id}/contact-check?channel=email`);
    if (decision.allowed) allowed.push(id);
    if (allowed.length === 2) break;
  }
  expect(allowed).toHaveLength(2);
  [accountId, other] = allowed as [number, number];
  await api.send('POST', `/api/accounts/${accountId}/contact-points`, { kind: 'email', value: ADDRESS, source: '债务人来电告知', reliability: 'high' });
});

async function openAccount(id: number): Promise<Page> {
  const page = await browser.newPage();
  await signInPage(page, leeway.url, collector);
  await page.getByRole('link', { name: /^(工作台|Workstation)$/ }).click();
  await page.getByTestId('next-account').waitFor();
  await page.goto(`${leeway.url}/workstation/accounts/${id}`);
  await page.locator(`[data-testid="account-page"][data-account-id="${id}"]`).waitFor();
  return page;
}

test('the collector sends 请回电 by e-mail; the mail server gets it with its opt-out link; the debtor follows it and the address is offered no more', async () => {
  const view = await api.get<AccountPage>(`/api/accounts/${accountId}/page`);
  const point = view.contact_points.find((p) => p.kind === 'email')!;
  const page = await openAccount(accountId);
  const form = page.getByTestId('send-email-form');
  expect(await form.getByRole('heading', { level: 3 }).innerText()).toBe('发送邮件');
  expect(await form.getByLabel('本人电子邮箱').locator('option').allInnerTexts()).toEqual([expect.stringContaining(point.value_mask)]);
  await form.getByLabel('邮件模板').selectOption({ label: '请回电' });
  const last4 = view.account.account_no_mask.replace(/[^0-9]/g, '').slice(-4);
  expect(await form.getByTestId('email-subject').innerText()).toBe(`主题: 关于您尾号${last4}的账户 / Your account ending ${last4}`);
  const preview = await form.getByTestId('email-preview').innerText();
  expect(preview).toContain('请方便时拨打400-800-1234回电');  // the agency's line, from its Chinese contact page
  expect(preview).toContain('退订');
  expect(preview).not.toMatch(/¥|余额|欠款/);

  await form.getByRole('button', { name: '发送邮件' }).click();
  const banner = form.getByRole('status');
  await banner.waitFor();
  expect(await banner.innerText()).toBe(`邮件已加入发件箱，将立即发送（发送至 ${point.value_mask}）`);

  // The server's dispatcher sends it through the mail server within a second or so.
  await expect.poll(() => smtp.received.length, { timeout: 15_000, interval: 250 }).toBe(1);
  const mail = smtp.received[0]!;
  expect(mail.to).toEqual([ADDRESS]);
  expect(mail.headers.get('subject')).toBe(`关于您尾号${last4}的账户 / Your account ending ${last4}`);
  const link = /^<(.+)>$/.exec(mail.headers.get('list-unsubscribe') ?? '')![1]!;
  expect(link.startsWith(`${leeway.url}/my/unsubscribe/${point.id}-`)).toBe(true);
  expect(mail.text).toContain(`请打开此链接退订：${link}`);

  // The debtor opens the link from the e-mail: it asks first; confirming opts the address out.
  const debtor = await browser.newPage();
  await debtor.goto(link);
  await debtor.getByTestId('unsubscribe').click();
  await debtor.getByTestId('unsubscribed').waitFor();
  expect(await debtor.getByTestId('unsubscribed').innerText()).toMatch(/已退订|Done: we will send no more e-mails/);

  await page.reload();
  await page.getByTestId('send-email-form').waitFor();
  expect(await page.getByTestId('email-no-address').innerText()).toBe('没有可发送邮件的本人电子邮箱');
  expect((await api.get<AccountPage>(`/api/accounts/${accountId}/page`)).contact_points.find((p) => p.id === point.id)!.opted_out).toContain('email');
});

test('an account whose debtor has no e-mail address shows no e-mail form, and the SMS form as before', async () => {
  const page = await openAccount(other);
  await page.getByTestId('send-sms-form').waitFor();
  expect(await page.getByTestId('send-email-form').count()).toBe(0);
});

test('a collector adds a work e-mail address on the account page, marked as the employer\'s: it is shown as one no e-mail may go to', async () => {
  const page = await openAccount(other);
  const form = page.getByTestId('add-point-form');
  await form.getByLabel('类型').selectOption({ value: 'email' });
  await form.getByLabel('联系方式').fill('wang.fang@acme-corp.example');
  await form.getByLabel('工作邮箱（单位提供）').check();
  expect(await form.getByLabel('债务人同意我们发到这个邮箱').isChecked()).toBe(false);
  await form.getByRole('button', { name: '新增' }).click();
  const tag = page.getByTestId('work-email');
  await tag.waitFor();
  expect(await tag.innerText()).toBe('工作邮箱：不得发邮件');
  const view = await api.get<{ contact_points: Array<Point & { employer_provided: boolean; debtor_consented: boolean }> }>(`/api/accounts/${other}/page`);
  expect(view.contact_points.find((p) => p.kind === 'email')).toMatchObject({ value_mask: 'w***@acme-corp.example', employer_provided: true, debtor_consented: false });
});

test("an address on file as another debtor's is added as this debtor's own only once the collector ticks that they checked it", async () => {
  const page = await openAccount(other);
  const form = page.getByTestId('add-point-form');
  await form.getByLabel('类型').selectOption({ value: 'email' });
  await form.getByLabel('联系方式').fill(ADDRESS);   // the first account's debtor's
  await form.getByRole('button', { name: '新增' }).click();
  expect(await form.getByRole('alert').innerText()).toContain('该邮箱已登记为另一人');
  expect(await form.getByLabel('联系方式').getAttribute('aria-invalid')).toBe('true');
  await form.getByLabel('我已核实：确为本债务人本人的（本人确认或银行确认）').check();
  await form.getByRole('button', { name: '新增' }).click();
  await expect.poll(async () => (await api.get<{ contact_points: Point[] }>(`/api/accounts/${other}/page`)).contact_points
    .some((p) => p.kind === 'email' && p.value_mask === 'w***@example.com')).toBe(true);
  expect(await form.getByTestId('confirm-shared').count()).toBe(0);
});
