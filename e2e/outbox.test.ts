import type { Locator, Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { DEFAULT_RULES_JSON } from '../src/domain/strategy/rules.ts';
import { ApiClient, signInPage, type Login } from './support/api.ts';
import { useBrowser } from './support/browser.ts';
import { useLeeway } from './support/leeway.ts';

/**
 * The outbox (发件箱) in Chromium against the real server: today's strategy queues the
 * demo's SMS reminders and a portal link goes to a debtor by SMS; the admin reads where
 * messages go (the local outbox), sends what is due from the screen and finds the sent rows
 * with their local references; cancels a queued message from its row; a supervisor reads the
 * outbox in English without the buttons that change it.
 */
const browser = useBrowser();
const GATEWAY_TOKEN = 'e2e-gateway';
const leeway = useLeeway({ demoAccounts: 60, seed: 5, clockStart: '2026-03-02T10:00:00+08:00', env: { LEEWAY_SMS_INBOUND_TOKEN: GATEWAY_TOKEN } });
const admin = (): Login => leeway.login('admin');
const TODAY = '2026-03-02';

type Status = 'queued' | 'sending' | 'sent' | 'failed' | 'cancelled' | 'expired';
interface OutboxItem {
  id: number; to: string; body: string; status: Status; purpose: string; provider_ref: string | null; creditor_code: string | null;
  send_after: string | null; reasons: Array<{ rule: string; message: string; message_zh: string }>;
}
interface OutboxPage { adapter: string; counts: Record<Status, number>; items: OutboxItem[]; next_before: number | null }
interface IssuedLink { sms: { outbox_id: number; to: string } | null }

const number = (text: string): number => Number(text.replace(/[^\d]/g, ''));
const rows = (page: Page): Locator => page.getByTestId('outbox-row');
const statusesShown = async (page: Page) => rows(page).evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-status') ?? ''));

async function openOutbox(page: Page, login: Login = admin()): Promise<void> {
  await signInPage(page, leeway.url, login);
  await page.getByRole('link', { name: '发件箱' }).click();
  await page.getByTestId('outbox-filter-all').and(page.locator('[data-count]')).waitFor();
}

/** The count a status's filter button shows. */
async function countShown(page: Page, status: Status | 'all'): Promise<number> {
  const button = page.getByTestId(`outbox-filter-${status}`);
  return number(await button.locator('.ob-filter-count').innerText());
}

/** A portal link sent by SMS to the first debtor the compliance engine lets us text now. */
async function queueLinkSms(api: ApiClient): Promise<{ accountId: number; outboxId: number; to: string }> {
  const accounts = await api.get<{ items: Array<{ id: number }> }>('/api/accounts?limit=100');
  for (const account of accounts.items) {
    let link: IssuedLink;
    try {
      link = await api.send<IssuedLink>('POST', `/api/accounts/${account.id}/portal-link`, { sms: true });
    } catch {
      continue;   // 409: the debtor has no own phone that takes SMS
    }
    if (link.sms !== null) return { accountId: account.id, outboxId: link.sms.outbox_id, to: link.sms.to };
  }
  throw new Error('no account whose debtor may get an SMS now');
}

/**
 * The server's own dispatcher sends what is due at once (a queued message wakes it), so the
 * messages the tests look at as queued are reminders of one creditor whose rules send SMS at
 * 12:00: queued at the run, not due for the whole file. The other creditors' reminders (10:00)
 * and the portal link go straight away.
 */
const LATER = '12:00';
let laterCreditor: string | undefined;

/** Today's strategy, run once for the file, with the creditor that sends most SMS moved to LATER first. */
async function runStrategyOnce(api: ApiClient): Promise<string> {
  if (laterCreditor !== undefined) return laterCreditor;
  const overview = await api.get<{ creditors: Array<{ code: string }> }>('/api/strategy');
  let best: { code: string; sms: number } | undefined;
  for (const { code } of overview.creditors) {
    const preview = await api.send<{ proposed: { by_action: Record<string, number> } }>('POST', `/api/strategy/rules/${code}/preview`, { rules: DEFAULT_RULES_JSON });
    const sms = preview.proposed.by_action['sms'] ?? 0;
    if (best === undefined || sms > best.sms) best = { code, sms };
  }
  expect(best?.sms ?? 0).toBeGreaterThan(0);
  await api.send('POST', `/api/strategy/rules/${best!.code}`, { effective_from: TODAY, rules: { ...DEFAULT_RULES_JSON, sms_send_time: LATER } });
  const run = await api.send<{ summary: { sms_queued: number } }>('POST', '/api/strategy/run', {});
  expect(run.summary.sms_queued).toBeGreaterThan(0);
  laterCreditor = best!.code;
  return laterCreditor;
}

/** Waits until the server's dispatcher has sent everything due: what stays queued is the later creditor's. */
async function settled(api: ApiClient, later: string): Promise<OutboxPage> {
  let page: OutboxPage | undefined;
  await expect.poll(async () => {
    page = await api.get<OutboxPage>('/api/outbox?status=queued&limit=200');
    return page.counts.sending === 0 && page.items.every((item) => item.creditor_code === later && item.send_after !== null);
  }, { timeout: 20_000, interval: 250 }).toBe(true);
  return page!;
}

test('the admin reads the local outbox, the queued reminders with their time, sends what is due and finds the sent ones with a local reference', async () => {
  const api = await ApiClient.signIn(leeway.url, admin());
  const later = await runStrategyOnce(api);
  const link = await queueLinkSms(api);
  const queuedNow = await settled(api, later);
  expect(queuedNow.adapter).toBe('local');
  expect(queuedNow.counts.queued).toBeGreaterThan(0);
  expect(queuedNow.counts.sent).toBeGreaterThan(0);

  // The gateway's receipt for the link: the handset was off.
  const receipt = await fetch(`${leeway.url}/api/channels/sms/receipts`, { method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${GATEWAY_TOKEN}` },
    body: JSON.stringify({ id: link.outboxId, status: 'undelivered', error: 'MK:0005 关机' }) });
  expect(receipt.status).toBe(200);

  const page = await browser.newPage({ timezoneId: 'Asia/Shanghai' });   // the agency's zone, where the rules' 12:00 is
  await openOutbox(page);
  expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('发件箱（短信与邮件）');
  expect(await page.getByTestId('outbox-zone').innerText()).toBe('时间按机构所在时区（Asia/Shanghai）显示；原因中的时间为债务人当地时间。');
  expect(await page.getByTestId('outbox-adapter').innerText()).toBe('本地发件箱：未配置短信网关，短信不会离开本机。');
  expect(await countShown(page, 'queued')).toBe(queuedNow.counts.queued);
  expect(await countShown(page, 'all')).toBe(Object.values(queuedNow.counts).reduce((a, b) => a + b, 0));
  expect(await statusesShown(page)).toContain('queued');
  const queued = page.locator('[data-testid="outbox-row"][data-status="queued"]').first();
  expect(await queued.getByTestId('outbox-status').innerText()).toBe('待发送');
  expect(await queued.getByTestId('outbox-to').innerText()).toMatch(/^\d{3}\*{4}\d{4}$/);
  expect(await queued.locator('td').nth(2).innerText()).toBe('催收提醒');
  expect(await queued.getByTestId('outbox-send-after').innerText()).toMatch(/^将于 .*12:00 发送$/);
  expect(await queued.getByTestId('outbox-account').innerText()).toMatch(new RegExp(`^案件 #\\d+ · ${later}$`));
  // The portal link went at once: sent, a notice, its reference local-<id>.
  const linkRow = page.locator(`[data-testid="outbox-row"][data-id="${link.outboxId}"]`);
  expect(await linkRow.getAttribute('data-status')).toBe('sent');
  expect(await linkRow.locator('td').nth(2).innerText()).toBe('通知');
  expect(await linkRow.getByTestId('outbox-provider-ref').innerText()).toBe(`local-${link.outboxId}`);
  expect(await linkRow.getByTestId('outbox-undelivered').innerText()).toBe('未送达：MK:0005 关机');

  // Nothing else is due (the server sent it already): the button says so in its counts, and sends nothing early.
  await page.getByRole('button', { name: '立即发送到期消息' }).click();
  const result = page.getByTestId('outbox-dispatch-result');
  await result.waitFor();
  expect(await result.getAttribute('role')).toBe('status');
  const text = await result.innerText();
  const match = /^已发送 ([\d,]+) 条，失败 ([\d,]+) 条，推迟 ([\d,]+) 条，取消 ([\d,]+) 条，过期 ([\d,]+) 条$/.exec(text);
  expect(match, text).not.toBeNull();
  expect(number(match![2]!)).toBe(0);
  await expect.poll(async () => countShown(page, 'queued')).toBe(queuedNow.counts.queued);

  await page.getByRole('button', { name: /^已发送/ }).click();
  await expect.poll(async () => {
    const shown = await statusesShown(page);
    return shown.length > 0 && shown.every((s) => s === 'sent');
  }).toBe(true);
  expect(await page.getByTestId('outbox-filter-sent').getAttribute('aria-pressed')).toBe('true');
  const refs = await page.getByTestId('outbox-provider-ref').allInnerTexts();
  expect(refs.length).toBe(await rows(page).count());
  expect(refs.every((ref) => /^local-\d+$/.test(ref))).toBe(true);
  expect(await rows(page).first().getByTestId('outbox-status').innerText()).toBe('已发送');
  expect(await rows(page).first().getByTestId('outbox-sent-at').innerText()).toMatch(/^发送于 /);

  // The server agrees: what the screen lists as sent is sent there.
  const sent = await api.get<OutboxPage>('/api/outbox?status=sent&limit=200');
  expect(await countShown(page, 'sent')).toBe(sent.counts.sent);
  expect(await rows(page).count()).toBe(Math.min(sent.items.length, 50));
  await page.close();
});

test('a queued message cancelled from its row is cancelled, on the screen and on the server', async () => {
  const api = await ApiClient.signIn(leeway.url, admin());
  await settled(api, await runStrategyOnce(api));

  const page = await browser.newPage();
  await openOutbox(page);
  await page.getByRole('button', { name: /^待发送/ }).click();
  await expect.poll(async () => (await statusesShown(page)).every((s) => s === 'queued')).toBe(true);
  const newest = rows(page).first();
  const id = Number(await newest.getAttribute('data-id'));
  const to = await newest.getByTestId('outbox-to').innerText();
  const row = page.locator(`[data-testid="outbox-row"][data-id="${id}"]`);
  const queuedBefore = await countShown(page, 'queued');
  const cancelledBefore = await countShown(page, 'cancelled');

  await row.getByRole('button', { name: `取消发往 ${to} 的短信（#${id}）` }).click();
  await expect.poll(async () => row.getAttribute('data-status')).toBe('cancelled');
  expect(await row.getByTestId('outbox-status').innerText()).toBe('已取消');
  expect(await row.getByRole('button').count()).toBe(0);
  expect(await countShown(page, 'queued')).toBe(queuedBefore - 1);
  expect(await countShown(page, 'cancelled')).toBe(cancelledBefore + 1);

  const cancelled = await api.get<OutboxPage>('/api/outbox?status=cancelled&limit=200');
  expect(cancelled.items.find((item) => item.id === id)?.status).toBe('cancelled');
  // Cancelled is final: the server refuses to cancel it again.
  await expect(api.send('POST', `/api/outbox/${id}/cancel`, {})).rejects.toThrow(/409/);
  await page.close();
});

test("a supervisor reads their team's messages in the outbox, in English, without Send now, Cancel or Retry", async () => {
  const lead = leeway.login('supervisor');
  const leadApi = await ApiClient.signIn(leeway.url, lead);
  // A portal link texted to a debtor of the lead's team: its message is the team's.
  const link = await queueLinkSms(leadApi);
  const theirs = await leadApi.get<OutboxPage>('/api/outbox?limit=200');
  expect(theirs.items.map((i) => i.id)).toContain(link.outboxId);
  // ...and the token in it is not shown.
  expect(theirs.items.find((i) => i.id === link.outboxId)?.body).toContain('/my/open/••••••');
  const everyone = await (await ApiClient.signIn(leeway.url, admin())).get<OutboxPage>('/api/outbox?limit=200');
  // Only the messages about the team's accounts: fewer than the agency's, each about an account the lead may open.
  expect(theirs.items.length).toBeGreaterThan(0);
  expect(theirs.items.length).toBeLessThan(everyone.items.length);
  for (const item of theirs.items.slice(0, 5)) {
    const full = everyone.items.find((i) => i.id === item.id) as OutboxItem & { account_id: number };
    await leadApi.get(`/api/accounts/${full.account_id}/page`);
  }
  const page = await browser.newPage();
  await signInPage(page, leeway.url, lead);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('link', { name: 'Outbox' }).click();
  await page.getByTestId('outbox-table').waitFor();
  expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Outbox (texts and e-mails)');
  expect(await page.getByTestId('outbox-adapter').innerText())
    .toBe('Local outbox: no SMS gateway is configured; messages do not leave this machine.');
  const words = await page.getByTestId('outbox-status').allInnerTexts();
  const WORDS: Record<Status, string> = { queued: 'Queued', sending: 'Sending', sent: 'Sent', failed: 'Failed', cancelled: 'Cancelled', expired: 'Expired' };
  // (The link's text may have gone out meanwhile: the dispatcher sends at once.)
  expect(words.every((w) => Object.values(WORDS).includes(w))).toBe(true);
  expect(words.length).toBe(Math.min(theirs.items.length, 50));
  expect(await page.getByRole('button', { name: 'Send due messages now' }).count()).toBe(0);
  expect(await page.getByTestId('outbox-table').getByRole('button').count()).toBe(0);
  expect(await page.getByRole('button', { name: /^(Cancel|Retry)$|^Cancel the message|^Send the message/ }).count()).toBe(0);
  expect(await page.getByRole('columnheader', { name: 'Actions' }).count()).toBe(0);
  // Back to Chinese for the supervisor's later sign-ins: the choice is saved on the server.
  await page.getByRole('button', { name: '中文' }).click();
  await page.close();
});
