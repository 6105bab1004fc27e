import type { Locator, Page } from 'playwright-core';
import { beforeAll, expect, test } from 'vitest';
import { ApiClient, signInPage, type Login } from './support/api.ts';
import { useBrowser } from './support/browser.ts';
import { columnsOutOfView } from './support/layout.ts';
import { useLeeway } from './support/leeway.ts';

/**
 * Call quality review (质检) in Chromium against the real server and demo portfolio. A collector
 * calls a debtor and the debtor complains about the call; the collector's team lead finds it in
 * 待质检 badged 投诉关联, fails a red line (the preview says 0 and 红线 before it is sent; no
 * comment is refused), and finds it in 质检记录. The collector reads it in 我的质检 and appeals;
 * the admin overturns it, and the summary counts it overturned. A team lead reads the summary
 * in English, a debtor erased since named Erased in its review list. The server's clock starts
 * at 10:00 on a Monday in Shanghai, inside calling hours.
 */
const browser = useBrowser();
const leeway = useLeeway({ demoAccounts: 60, seed: 5, clockStart: '2026-03-02T10:00:00+08:00',
  env: { LEEWAY_RECORDING_URL: 'https://cti.example.cn/recordings/{ref}' } });

interface ChecklistItem { code: string; weight: number; red_line: boolean; label: string; label_zh: string; hint: string; hint_zh: string }
interface Checklist { pass_mark: number; appeal_days: number; items: ChecklistItem[] }
interface Point { id: number; kind: string; owner: string; verified: string }
interface Review { id: number; attempt_id: number; score: number; result: string; status: string; comment: string | null; collector_id: number }
interface SummaryRow { collector_id: number; collector_name: string; reviews: number; average_score: number | null; passed: number; failed: number;
  red_lines: number; appeals_open: number; overturned: number }
interface Summary { from: string; to: string; pass_mark: number; collectors: SummaryRow[] }

const NOTE = '债务人称本月工资延迟发放，同意下周再联系';
const COMMENT = '未核实接听人身份即告知欠款金额';
const APPEAL = '通话开头已核对身份证后四位，录音第 20 秒可证';
const DECISION = '复听录音，开头已核实身份，撤销该质检';

let admin: ApiClient;
let collector: Login;
let collectorId: number;
let supervisor: Login;
let checklist: Checklist;
/** The collector's call, linked to a complaint so it is in the queue whatever the sample draws. */
let call: { attemptId: number; accountId: number };
/** The review the team lead saves in the first test. */
let reviewId: number | undefined;

beforeAll(async () => {
  admin = await ApiClient.signIn(leeway.url, leeway.login('admin'));
  collector = leeway.login('collector');
  const { items: users } = await admin.get<{ items: Array<{ id: number; username: string; role: string; team_id: number | null }> }>('/api/users');
  const me = users.find((u) => u.username === collector.username)!;
  collectorId = me.id;
  const lead = users.find((u) => u.role === 'supervisor' && u.team_id === me.team_id && leeway.logins.some((l) => l.username === u.username));
  if (!lead) throw new Error(`no supervisor login for the team of ${collector.username}`);
  supervisor = leeway.logins.find((l) => l.username === lead.username)!;
  checklist = await admin.get<Checklist>('/api/quality/checklist');
  call = await logComplainedCall(await ApiClient.signIn(leeway.url, collector));
});

/** A call to the debtor's own phone on the first account the compliance engine allows, then a complaint about it. */
async function logComplainedCall(api: ApiClient): Promise<{ attemptId: number; accountId: number }> {
  const { items } = await api.get<{ items: Array<{ id: number }> }>('/api/accounts?limit=100');
  for (const { id } of items) {
    const page = await api.get<{ contact_points: Point[] }>(`/api/accounts/${id}/page`);
    const phone = page.contact_points.find((p) => p.kind === 'phone' && p.owner === 'debtor' && p.verified !== 'invalid');
    if (!phone) continue;
    let attemptId: number;
    try {
      ({ attempt_id: attemptId } = await api.send<{ attempt_id: number }>('POST', `/api/accounts/${id}/contacts`,
        { channel: 'call', party: 'debtor', contact_point_id: phone.id, outcome: 'right_party', note: NOTE, recording_ref: 'rec-001' }));
    } catch (error) {
      if (String(error).includes(': 409 ')) continue;   // the compliance engine refused this one
      throw error;
    }
    await api.send('POST', `/api/accounts/${id}/complaints`, { channel: 'phone', description: '债务人投诉催收员在通话中向其透露欠款前未核实身份', attempt_ids: [attemptId] });
    return { attemptId, accountId: id };
  }
  throw new Error('no account of the collector may be called now');
}

async function openQuality(page: Page, login: Login, link = '质检'): Promise<void> {
  await signInPage(page, leeway.url, login);
  await page.getByRole('link', { name: link, exact: true }).click();
  await page.getByTestId('quality-screen').waitFor();
}

const item = (form: Locator, check: ChecklistItem): Locator => form.getByRole('group', { name: check.label_zh });
const answer = (form: Locator, check: ChecklistItem, word: '合格' | '不合格' | '不适用'): Promise<void> =>
  item(form, check).getByRole('radio', { name: word, exact: true }).check();

test('the team lead reviews the complaint-linked call: a red line fails it with 0, a comment is required, and it moves to 质检记录', async () => {
  const page = await browser.newPage();
  await openQuality(page, supervisor);
  expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('质检');
  expect(await page.getByRole('tab', { name: '待质检' }).getAttribute('aria-selected')).toBe('true');
  const queue = page.getByTestId('quality-queue');
  expect(await queue.getByTestId('queue-rule').innerText()).toBe('抽检比例 5%，近 14 天；所有投诉关联的通话都须质检');

  const row = queue.locator(`[data-testid="queue-row"][data-attempt-id="${call.attemptId}"]`);
  await row.waitFor();
  expect(await row.getByTestId('queue-reason').innerText()).toBe('投诉关联');
  const text = await row.innerText();
  for (const shown of [NOTE, 'rec-001', '电话', '本人', '本人接通']) expect(text).toContain(shown);
  // Complaint-linked calls come first.
  expect(await queue.getByTestId('queue-row').first().getAttribute('data-reason')).toBe('complaint');
  // At 1366px every column, the 质检 buttons last, is in view without scrolling the table sideways.
  expect(await columnsOutOfView(queue.getByTestId('queue-table'))).toEqual([]);

  await row.getByRole('button', { name: /^质检/ }).click();
  const form = page.getByTestId('review-form');
  await form.waitFor();
  expect(await form.getAttribute('data-attempt-id')).toBe(String(call.attemptId));
  expect(await form.getByRole('group').count()).toBe(checklist.items.length);
  // The reviewer listens to the call in the call centre's player.
  expect(await form.getByTestId('recording-link').getAttribute('href')).toBe('https://cti.example.cn/recordings/rec-001');
  // An outcome the recording contradicts is corrected on the account's contact log (催记更正).
  expect(await form.getByTestId('correct-on-account').getAttribute('href')).toBe(`/workstation/accounts/${call.accountId}`);
  const redLine = checklist.items.find((c) => c.red_line && c.code === 'no_third_party_disclosure') ?? checklist.items.find((c) => c.red_line)!;
  expect(await item(form, redLine).innerText()).toContain('红线');
  expect(await item(form, redLine).innerText()).toContain(redLine.hint_zh);

  // Everything passed but one scored item: the preview follows the server's rule.
  for (const check of checklist.items) await answer(form, check, '合格');
  const preview = form.getByTestId('review-preview');
  expect(await preview.getAttribute('data-score')).toBe('100');
  expect(await preview.getByTestId('review-preview-score').innerText()).toBe('100 分，合格');
  // The red line failed: 0 and 红线, before anything is sent.
  await answer(form, redLine, '不合格');
  expect(await preview.getByTestId('review-preview-score').innerText()).toBe('0 分，红线');
  expect(await preview.getAttribute('data-result')).toBe('red_line');

  // No comment: refused by the server, its message shown.
  await form.getByRole('button', { name: '提交' }).click();
  const alert = form.getByRole('alert');
  await alert.waitFor();
  expect(await alert.innerText()).toContain('质检意见');
  expect(await form.getByLabel('质检意见').getAttribute('aria-invalid')).toBe('true');

  await form.getByLabel('质检意见').fill(COMMENT);
  await form.getByRole('button', { name: '提交' }).click();
  const saved = page.getByTestId('quality-saved');
  await saved.waitFor();
  expect(await saved.getAttribute('role')).toBe('status');
  expect(await saved.innerText()).toBe('质检已提交：0 分，红线');
  await row.waitFor({ state: 'detached' });
  expect(await page.getByTestId('review-form').count()).toBe(0);

  // In 质检记录, with 红线, the comment and the failed item.
  await page.getByRole('tab', { name: '质检记录' }).click();
  const reviewed = page.locator(`[data-testid="review-row"][data-attempt-id="${call.attemptId}"]`);
  await reviewed.waitFor();
  expect(await reviewed.getAttribute('data-result')).toBe('red_line');
  expect(await reviewed.getAttribute('data-status')).toBe('final');
  expect(await reviewed.getByTestId('review-result').innerText()).toBe('红线');
  expect(await reviewed.getByTestId('review-score').innerText()).toBe('0');
  expect(await reviewed.getByTestId('review-status').innerText()).toBe('已定');
  expect(await reviewed.getByTestId('review-comment').innerText()).toBe(COMMENT);
  expect(await reviewed.getByTestId('review-failed').innerText()).toContain(redLine.label_zh);
  reviewId = Number(await reviewed.getAttribute('data-review-id'));

  // The server agrees, and the call is no longer waiting.
  const lead = await ApiClient.signIn(leeway.url, supervisor);
  const { items } = await lead.get<{ items: Review[] }>(`/api/quality/reviews?collector_id=${collectorId}`);
  expect(items.find((r) => r.id === reviewId)).toMatchObject({ attempt_id: call.attemptId, score: 0, result: 'red_line', status: 'final', comment: COMMENT });
  const waiting = await lead.get<{ items: Array<{ attempt_id: number }> }>('/api/quality/queue');
  expect(waiting.items.some((i) => i.attempt_id === call.attemptId)).toBe(false);
  await page.close();
});

/** The first test's review, or (when that test did not get so far) one saved through the API. */
async function theReview(): Promise<number> {
  if (reviewId !== undefined) return reviewId;
  const lead = await ApiClient.signIn(leeway.url, supervisor);
  const answers = Object.fromEntries(checklist.items.map((c) => [c.code, c.code === 'no_third_party_disclosure' ? 'fail' : 'pass']));
  const { review } = await lead.send<{ review: Review }>('POST', '/api/quality/reviews', { attempt_id: call.attemptId, answers, comment: COMMENT });
  reviewId = review.id;
  return review.id;
}

test('the collector reads the review in 我的质检 and appeals; the admin overturns it and the summary counts it', async () => {
  const id = await theReview();
  const page = await browser.newPage();
  await openQuality(page, collector);
  expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('我的质检');
  expect(await page.getByRole('tab').count()).toBe(0);
  expect(await page.getByTestId('quality-queue').count()).toBe(0);
  // Their own summary row only.
  await page.getByTestId('quality-summary').getByTestId('summary-row').first().waitFor();
  expect(await page.getByTestId('summary-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-collector-id')))).toEqual([String(collectorId)]);

  const row = page.locator(`[data-testid="review-row"][data-review-id="${id}"]`);
  await row.waitFor();
  expect(await row.getByTestId('review-comment').innerText()).toBe(COMMENT);
  expect(await row.getByTestId('review-result').innerText()).toBe('红线');
  expect(await row.getByTestId('review-status').innerText()).toBe('已定');
  await row.getByRole('button', { name: /^申诉/ }).click();
  await row.getByLabel('申诉理由').fill(APPEAL);
  await row.getByRole('button', { name: '提交申诉' }).click();
  await expect.poll(async () => row.getAttribute('data-status')).toBe('appealed');
  expect(await row.getByTestId('review-status').innerText()).toBe('申诉中');
  expect(await row.getByTestId('appeal-reason').innerText()).toBe(`申诉理由：${APPEAL}`);
  expect(await row.getByRole('button', { name: /^申诉/ }).count()).toBe(0);   // once only
  expect(await page.getByTestId('reviews-notice').innerText()).toBe('申诉已提交，等待处理');
  // The summary above counts it at once.
  await expect.poll(() => page.getByTestId('summary-appeals-open').first().innerText()).toBe('1');
  await page.close();

  // The admin decides it from 质检记录, filtered to the open appeals.
  const boss = await browser.newPage();
  await openQuality(boss, leeway.login('admin'));
  await boss.getByRole('tab', { name: '质检记录' }).click();
  await boss.getByLabel('状态').selectOption({ label: '申诉中' });
  const appealed = boss.locator(`[data-testid="review-row"][data-review-id="${id}"]`);
  await appealed.waitFor();
  expect(await appealed.getByTestId('review-status').innerText()).toBe('申诉中');
  expect(await appealed.getByTestId('appeal-reason').innerText()).toBe(`申诉理由：${APPEAL}`);
  // The note is required.
  await appealed.getByRole('button', { name: '撤销', exact: true }).click();
  expect(await appealed.getByRole('alert').innerText()).toBe('请填写处理说明');
  await appealed.getByLabel('处理说明').fill(DECISION);
  await appealed.getByRole('button', { name: '撤销', exact: true }).click();
  await expect.poll(async () => appealed.getAttribute('data-status')).toBe('overturned');
  expect(await appealed.getByTestId('review-status').innerText()).toBe('已撤销');
  expect(await appealed.getByTestId('appeal-decision').innerText()).toContain(DECISION);
  expect(await appealed.getByRole('button', { name: /^(维持|撤销)$/ }).count()).toBe(0);
  expect(await boss.getByTestId('reviews-notice').innerText()).toBe('已撤销该质检，不再计入成绩');

  const summary = await admin.get<Summary>('/api/quality/summary');
  expect(summary.collectors.find((c) => c.collector_id === collectorId)).toMatchObject({ overturned: 1, appeals_open: 0 });
  const own = await (await ApiClient.signIn(leeway.url, collector)).get<Summary>('/api/quality/summary');
  expect(own.collectors.map((c) => c.collector_id)).toEqual([collectorId]);
  expect(own.collectors[0]!.overturned).toBe(1);
  await boss.close();
});

test('a team lead reads the summary in English', async () => {
  await theReview();
  const page = await browser.newPage();
  await signInPage(page, leeway.url, supervisor);
  await page.getByTestId('language-en').click();
  await page.getByRole('link', { name: 'Quality review', exact: true }).click();
  expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Quality review');
  expect(await page.getByRole('tab').allInnerTexts()).toEqual(['To review', 'Reviews', 'Summary']);
  await page.getByRole('tab', { name: 'Summary' }).click();
  const table = page.getByTestId('summary-table');
  await table.waitFor();
  expect((await table.getByRole('columnheader').allInnerTexts()).map((h) => h.trim()))
    .toEqual(['Collector', 'Reviews', 'Average score', 'Passed', 'Failed', 'Red lines', 'Open appeals', 'Overturned']);

  // The rows are the server's, for the same team lead and the same (default) dates.
  const lead = await ApiClient.signIn(leeway.url, supervisor);
  const summary = await lead.get<Summary>('/api/quality/summary');
  expect(await page.getByTestId('summary-range-shown').innerText()).toBe(`${summary.from} to ${summary.to}; ${summary.pass_mark} or more passes`);
  const mine = summary.collectors.find((c) => c.collector_id === collectorId)!;
  const row = table.locator(`[data-testid="summary-row"][data-collector-id="${collectorId}"]`);
  expect((await row.locator('th, td').allInnerTexts()).map((c) => c.trim())).toEqual([
    mine.collector_name, String(mine.reviews), mine.average_score === null ? '—' : mine.average_score.toFixed(1),
    String(mine.passed), String(mine.failed), String(mine.red_lines), String(mine.appeals_open), String(mine.overturned)]);
  expect(mine.overturned).toBe(1);
  expect(await page.getByLabel('From').inputValue()).toBe(summary.from);
  expect(await page.getByLabel('To', { exact: true }).inputValue()).toBe(summary.to);

  // The reviewed debtor's personal data erased since (个人信息删除): the review stays, and its row names them Erased, not the stored 已删除.
  await leeway.withDatabase((db) => db.query(`UPDATE debtors SET name = '已删除' WHERE id = (SELECT debtor_id FROM accounts WHERE id = $1)`, [call.accountId]));
  await page.getByRole('tab', { name: 'Reviews' }).click();
  const reviewed = page.locator(`[data-testid="review-row"][data-attempt-id="${call.attemptId}"]`);
  await expect.poll(() => reviewed.locator('.qa-debtor').innerText()).toBe('Erased');

  // The queue in English too; at 1366px every column, the Review buttons last, is in view without scrolling the table
  // sideways (a complained call is logged first, so the queue is not empty whatever the sample draws).
  await logComplainedCall(await ApiClient.signIn(leeway.url, collector));
  await page.getByRole('tab', { name: 'To review' }).click();
  expect(await page.getByTestId('queue-rule').innerText()).toBe('Sample 5% over the last 14 days; every complaint-linked call is reviewed');
  const queue = page.getByTestId('queue-table');
  await queue.getByRole('button', { name: /^Review the / }).first().waitFor();
  expect(await columnsOutOfView(queue)).toEqual([]);
  // Back to Chinese for the team lead's later sign-ins: the choice is saved on the server.
  await page.getByTestId('language-zh-CN').click();
  await page.close();
});
