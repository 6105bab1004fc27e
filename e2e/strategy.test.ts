import fs from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { DEFAULT_RULES_JSON } from '../src/domain/strategy/rules.ts';
import {
  actionLine, actionSplit, describeCondition, priorityLines, segmentLine, signed,
} from '../web/src/strategy/rules-text.ts';
import { apiAs, signInPage, type Login } from './support/api.ts';
import { useBrowser } from './support/browser.ts';
import { useLeeway } from './support/leeway.ts';

/**
 * The strategy screen (催收策略) in Chromium against the real server: the admin runs today's
 * strategy from the screen and reads the run and each creditor's split by next action; reads a
 * creditor's rules in words; edits them as JSON, previews the effect (a malformed JSON refused
 * in the browser, a bad rule by the server naming its field), saves a version from today and
 * sees it in force; a past effective date is refused beside the date; a supervisor reads it all
 * in English without the run button or the editor. The rules' wording (rules-text.ts, pure) is
 * checked here too: the web app has no unit-test project of its own.
 */
const browser = useBrowser();
const leeway = useLeeway({ demoAccounts: 60, seed: 5, clockStart: '2026-03-02T10:00:00+08:00' });
const admin = (): Login => leeway.login('admin');
const TODAY = '2026-03-02';

type Counts = Record<string, number>;
interface Overview {
  today: string; latest_date: string | null;
  creditors: Array<{ code: string; name: string; name_en: string | null; version: number; accounts: number; by_action: Counts }>;
  runs: Array<{ date: string; accounts: number; changed: number }>;
}
interface CreditorRules { creditor: string; in_force: { version: number; effective_from: string | null; rules: unknown }; versions: Array<{ version: number }> }

const number = (text: string): number => Number(text.replace(/[,\s]/g, ''));

async function openStrategy(page: Page, login: Login = admin()): Promise<void> {
  await signInPage(page, leeway.url, login);
  await page.getByRole('link', { name: '催收策略' }).click();
  await page.getByTestId('strategy-creditors').waitFor();
}

/** The creditor with the most accounts on the latest night that still has the default rules. */
async function busiestOnDefaults(): Promise<Overview['creditors'][number]> {
  await apiAs(leeway.url, admin(), 'POST', '/api/strategy/run', {});   // a second run for the day changes nothing
  const overview = await apiAs<Overview>(leeway.url, admin(), 'GET', '/api/strategy');
  const candidates = overview.creditors.filter((c) => c.version === 0 && c.accounts > 0).sort((a, b) => b.accounts - a.accounts);
  expect(candidates.length).toBeGreaterThan(0);
  return candidates[0]!;
}

const creditorRow = (page: Page, code: string): Locator => page.locator(`[data-testid="strategy-creditor-row"][data-code="${code}"]`);

async function viewRules(page: Page, code: string): Promise<Locator> {
  await creditorRow(page, code).locator('button.st-view:not(.st-print)').click();
  const panel = page.getByTestId('strategy-rules');
  await panel.getByTestId('strategy-rules-words').waitFor();
  return panel;
}

describe('rules in words (rules-text.ts)', () => {
  test('every condition, in Chinese and English; {} is always', () => {
    expect(describeCondition({}, 'zh-CN')).toBe('总是');
    expect(describeCondition({}, 'en')).toBe('always');
    expect(describeCondition({ buckets: ['M0', 'M1'] }, 'zh-CN')).toBe('账龄 M0、M1');
    expect(describeCondition({ buckets: ['M0', 'M1'] }, 'en')).toBe('bucket M0, M1');
    expect(describeCondition({ min_balance_fen: 300_000 }, 'zh-CN')).toBe('余额 ≥ ¥3,000.00');
    expect(describeCondition({ max_balance_fen: 300_000 }, 'zh-CN')).toBe('余额 ≤ ¥3,000.00');
    expect(describeCondition({ max_balance_fen: 300_000 }, 'en')).toBe('balance ≤ CNY 3,000.00');
    expect(describeCondition({ contactable: true }, 'zh-CN')).toBe('有可用手机');
    expect(describeCondition({ contactable: false, has_address: false }, 'zh-CN')).toBe('无可用手机，无可用地址');
    expect(describeCondition({ contactable: false, has_address: true }, 'en')).toBe('no working phone, a usable address');
    expect(describeCondition({ on_hold: true }, 'zh-CN')).toBe('暂停中');
    expect(describeCondition({ on_hold: false }, 'zh-CN')).toBe('未暂停');
    expect(describeCondition({ in_plan: true }, 'zh-CN')).toBe('分期还款中');
    expect(describeCondition({ in_plan: false }, 'zh-CN')).toBe('不在分期中');
    expect(describeCondition({ open_promise: true }, 'zh-CN')).toBe('有未到期的还款承诺');
    expect(describeCondition({ open_promise: false }, 'zh-CN')).toBe('无未到期的还款承诺');
    expect(describeCondition({ promise_due_within_days: 1 }, 'zh-CN')).toBe('还款承诺 1 天内到期');
    expect(describeCondition({ promise_due_within_days: 0 }, 'zh-CN')).toBe('还款承诺今天到期');
    expect(describeCondition({ promise_due_within_days: 3 }, 'en')).toBe('a promise due within 3 days');
    expect(describeCondition({ min_broken_promises: 2 }, 'zh-CN')).toBe('违约承诺 ≥ 2 次');
    // Read in a fixed order whatever the JSON's order; an unknown key is shown, not dropped.
    expect(describeCondition({ max_balance_fen: 300_000, buckets: ['M0'], colour: 'red' }, 'zh-CN')).toBe('账龄 M0，余额 ≤ ¥3,000.00，colour="red"');
  });

  test('the default rules read out, and the counts split by action', () => {
    expect(segmentLine({ name: 'on_hold', when: { on_hold: true } }, 'zh-CN')).toBe('停催：暂停中');
    expect(segmentLine({ name: 'early', when: { buckets: ['M0'] } }, 'en')).toBe('Early: bucket M0');
    // A segment the creditor's own rules name is shown as named.
    expect(segmentLine({ name: '高额早期', when: { buckets: ['M0'] } }, 'zh-CN')).toBe('高额早期：账龄 M0');
    expect(actionLine({ action: 'skip_trace', when: { contactable: false, has_address: false } }, 'zh-CN')).toBe('失联修复：无可用手机，无可用地址');
    expect(actionLine({ action: 'sms', when: { buckets: ['M0', 'M1'], max_balance_fen: 300_000 } }, 'en')).toBe('SMS: bucket M0, M1, balance ≤ CNY 3,000.00');
    expect(priorityLines(DEFAULT_RULES_JSON, 'zh-CN')).toEqual([
      '余额每 ¥1,000.00 计 1 分，最多 500 分', '每次违约承诺 +150 分（最多计 3 次，近 90 天）', '有可用手机 +50 分']);
    expect(priorityLines(DEFAULT_RULES_JSON, 'en')).toEqual([
      '1 point per CNY 1,000.00 of balance, at most 500 points', '+150 points per broken promise (at most 3, within the last 90 days)',
      'a working phone +50 points']);
    expect(priorityLines({ priority: { balance_fen_per_point: 100 } }, 'zh-CN')).toEqual(['余额不计分', '违约承诺不计分', '有可用手机不加分']);
    expect(actionSplit({ letter: 5, call: 1200, sms: 30, wait: 0 }, ['call', 'sms', 'letter', 'wait', 'skip_trace', 'hold'], 'zh-CN'))
      .toBe('电话 1,200 · 短信 30 · 信函 5');
    expect([signed(3, 'zh-CN'), signed(-3, 'zh-CN'), signed(0, 'zh-CN')]).toEqual(['+3', '−3', '0']);
  });
});

describe('the strategy screen', () => {
  test('the admin runs today\'s strategy: the summary, the run in the table, each creditor on the defaults with its split by action', async () => {
    const page = await browser.newPage();
    await signInPage(page, leeway.url, admin());
    await page.getByRole('link', { name: '催收策略' }).waitFor();
    const links = await page.getByRole('navigation').getByRole('link').allInnerTexts();
    expect(links.findIndex((l) => l.includes('催收策略'))).toBe(links.findIndex((l) => l.includes('文件导入')) + 1);
    await page.getByRole('link', { name: '催收策略' }).click();
    await page.getByTestId('strategy-creditors').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('催收策略');

    // The run is held back a moment so the button can be seen at work.
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    await page.route('**/api/strategy/run', async (route) => { await held; await route.continue(); });
    const button = page.getByRole('button', { name: '立即运行' });
    await button.click();
    const running = page.getByRole('button', { name: '运行中…' });
    await running.waitFor();
    expect(await running.isDisabled()).toBe(true);
    release();

    const result = page.getByTestId('strategy-run-result');
    await result.waitFor();
    expect(await result.getAttribute('role')).toBe('status');
    const text = await result.innerText();
    const match = /^已完成 2026-03-02 的策略运行：([\d,]+) 个账户，([\d,]+) 个有变化，短信 ([\d,]+) 条已排队，([\d,]+) 条被合规拦截/.exec(text);
    expect(match, text).not.toBeNull();
    const accounts = number(match![1]!);
    expect(accounts).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: '立即运行' }).isEnabled()).toBe(true);

    // The overview is read again: the run is the newest row.
    const row = page.locator(`[data-testid="strategy-run-row"][data-date="${TODAY}"]`).first();
    await row.waitFor();
    expect(await page.getByTestId('strategy-run-row').first().getAttribute('data-date')).toBe(TODAY);
    const cells = await row.locator('th, td').allInnerTexts();
    expect(cells[0]).toBe(TODAY);
    expect(cells[2]).toBe(admin().username);
    expect(number(cells[3]!)).toBe(accounts);
    expect(number(cells[4]!)).toBe(number(match![2]!));
    expect(number(cells[8]!)).toBe(number(match![3]!));

    // Each demo creditor: the defaults (the demo sets none), and a split that adds up to its accounts.
    const overview = await apiAs<Overview>(leeway.url, admin(), 'GET', '/api/strategy');
    expect(overview.latest_date).toBe(TODAY);
    expect(overview.creditors.map((c) => c.code)).toEqual(expect.arrayContaining(['HUAYU', 'JINQIAO', 'CHANGCHUAN', 'NINGHE']));
    expect(await page.getByTestId('strategy-creditors').locator('thead').innerText()).toContain(`账户（${TODAY}）`);
    let total = 0;
    for (const creditor of overview.creditors) {
      const tr = creditorRow(page, creditor.code);
      expect(await tr.locator('th').innerText()).toContain(creditor.name);
      expect(await tr.getByTestId('creditor-rules').innerText()).toBe('默认规则');
      const shownAccounts = number(await tr.getByTestId('creditor-accounts').innerText());
      expect(shownAccounts).toBe(creditor.accounts);
      const split = await tr.getByTestId('creditor-split').innerText();
      const parts = split === '—' ? [] : split.split(' · ');
      for (const part of parts) expect(part).toMatch(/^(电话|短信|信函|等待|失联修复|暂停) [\d,]+$/);
      expect(parts.reduce((sum, part) => sum + number(part.split(' ')[1]!), 0)).toBe(shownAccounts);
      total += shownAccounts;
    }
    expect(total).toBe(accounts);
    await page.close();
  });

  test('the admin reads a creditor\'s rules in words, previews a change, is refused for bad JSON and a bad rule, and saves version 1', async () => {
    const creditor = await busiestOnDefaults();
    const page = await browser.newPage();
    await openStrategy(page);
    const panel = await viewRules(page, creditor.code);
    expect(await panel.getByRole('heading', { level: 2 }).innerText()).toBe(`${creditor.name}（${creditor.code}）的策略规则`);
    expect(await panel.getByTestId('strategy-rules-in-force').innerText()).toContain('默认规则');

    // The defaults in words, not JSON.
    const segments = await panel.getByTestId('strategy-segment').allInnerTexts();
    expect(segments[0]).toBe('停催：暂停中');
    expect(segments).toContain('失联：无可用手机，无可用地址');
    expect(segments).toContain('早期：账龄 M0、M1');
    expect(await panel.getByTestId('strategy-default-segment').innerText()).toBe('其他：重度逾期');
    const actions = await panel.getByTestId('strategy-action').allInnerTexts();
    expect(actions).toHaveLength(DEFAULT_RULES_JSON.actions.length);
    expect(actions[0]).toBe('暂停：暂停中');
    expect(actions.some((a) => a.includes('失联修复') && a.includes('无可用手机'))).toBe(true);
    expect(actions).toContain('短信：还款承诺 1 天内到期');
    expect(actions).toContain('短信：账龄 M0、M1，余额 ≤ ¥3,000.00');
    expect(await panel.getByTestId('strategy-default-action').innerText()).toBe('其他：电话');
    expect(await panel.getByTestId('strategy-priority-line').allInnerTexts()).toEqual([
      '余额每 ¥1,000.00 计 1 分，最多 500 分', '每次违约承诺 +150 分（最多计 3 次，近 90 天）', '有可用手机 +50 分']);
    expect(await panel.getByTestId('strategy-priority').locator('table').innerText()).toContain('M7+');
    expect(await panel.getByTestId('strategy-sms-time-value').innerText()).toBe('10:00');
    expect(await panel.getByTestId('strategy-versions-empty').innerText()).toBe('从未设置自己的规则，使用默认规则');

    // The editor starts from the rules in force, pretty-printed, and today's date.
    const textarea = panel.getByLabel('规则（JSON）');
    const prefilled = await textarea.inputValue();
    expect(JSON.parse(prefilled)).toEqual(DEFAULT_RULES_JSON);
    expect(prefilled).toContain('\n  "segments": [');
    expect(await panel.getByLabel('生效日期').inputValue()).toBe(TODAY);

    let previews = 0;
    page.on('request', (request) => { if (request.url().endsWith('/preview')) previews += 1; });

    // Every account to a letter: the preview counts them all under 信函, and saves nothing.
    const letters = { ...DEFAULT_RULES_JSON, actions: [], default_action: 'letter' };
    await textarea.fill(JSON.stringify(letters, null, 2));
    await panel.getByRole('button', { name: '预览影响' }).click();
    const preview = panel.getByTestId('strategy-preview');
    await preview.waitFor();
    expect(previews).toBe(1);
    expect(await preview.getByRole('heading').innerText()).toBe(`预览：按 ${TODAY} 的 ${creditor.accounts} 个未结账户计算`);
    const letterRow = preview.locator('[data-testid="strategy-preview-row"][data-kind="action"][data-key="letter"]');
    const [label, now, proposed, change] = await letterRow.locator('th, td').allInnerTexts();
    expect(label).toBe('信函');
    expect(number(proposed!)).toBe(creditor.accounts);
    expect(number(now!)).toBe(creditor.by_action['letter'] ?? 0);
    expect(change).toBe(creditor.accounts === number(now!) ? '0' : `+${creditor.accounts - number(now!)}`);
    for (const [action, n] of Object.entries(creditor.by_action)) {
      if (action === 'letter' || n === 0) continue;
      const cells = await preview.locator(`[data-testid="strategy-preview-row"][data-kind="action"][data-key="${action}"]`).locator('td').allInnerTexts();
      expect(cells).toEqual([String(n), '0', `−${n}`]);
    }
    expect(await preview.locator('[data-kind="segment"]').count()).toBeGreaterThan(0);
    expect((await apiAs<CreditorRules>(leeway.url, admin(), 'GET', `/api/strategy/rules/${creditor.code}`)).versions).toEqual([]);

    // A brace deleted: refused in the browser, beside the textarea, with no request.
    const broken = JSON.stringify(letters, null, 2).replace(/\}\s*$/, '');
    await textarea.fill(broken);
    expect(await preview.count()).toBe(0);   // a preview of other text would mislead
    await panel.getByRole('button', { name: '预览影响' }).click();
    const jsonProblem = panel.getByTestId('strategy-json-problem');
    await jsonProblem.waitFor();
    // Where, in the reader's words (the parser's own message is English): at the end, where the brace is missing.
    expect(await jsonProblem.innerText()).toBe(`JSON 格式有误：第 ${broken.split('\n').length} 行第 1 列附近，请检查那里的引号、逗号和括号`);
    expect(await textarea.getAttribute('aria-invalid')).toBe('true');
    expect(await textarea.getAttribute('aria-describedby')).toBe(await jsonProblem.getAttribute('id'));
    expect(previews).toBe(1);

    // A fax is no action: the server refuses it, naming the field.
    await textarea.fill(JSON.stringify({ ...letters, default_action: 'fax' }, null, 2));
    expect(await jsonProblem.count()).toBe(0);
    await panel.getByRole('button', { name: '预览影响' }).click();
    await jsonProblem.waitFor();
    expect(previews).toBe(2);
    expect(await jsonProblem.innerText()).toContain('rules.default_action');
    expect(await textarea.getAttribute('aria-invalid')).toBe('true');
    expect(await preview.count()).toBe(0);

    // Saved from today: version 1, in force at once.
    await textarea.fill(JSON.stringify(letters, null, 2));
    await panel.getByRole('button', { name: '保存为新版本' }).click();
    const saved = panel.getByTestId('strategy-saved');
    await saved.waitFor();
    expect(await saved.innerText()).toBe(`已保存第 1 版，自 ${TODAY} 起生效`);
    expect(await saved.getAttribute('role')).toBe('status');
    await expect.poll(() => panel.getByTestId('strategy-rules-in-force').innerText()).toBe(`现行规则：第 1 版，自 ${TODAY} 起生效`);
    expect(await panel.getByTestId('strategy-action').count()).toBe(0);
    expect(await panel.getByTestId('strategy-default-action').innerText()).toBe('其他：信函');
    const version = panel.locator('[data-testid="strategy-version-row"][data-version="1"]');
    expect(await version.locator('th').innerText()).toContain('现行');
    expect(await version.locator('td').nth(2).innerText()).toBe(admin().username);
    await expect.poll(() => creditorRow(page, creditor.code).getByTestId('creditor-rules').innerText()).toBe('第 1 版');

    const rules = await apiAs<CreditorRules>(leeway.url, admin(), 'GET', `/api/strategy/rules/${creditor.code}`);
    expect(rules.in_force).toMatchObject({ version: 1, effective_from: TODAY, rules: letters });
    expect(rules.versions.map((v) => v.version)).toEqual([1]);
    await page.close();
  });

  test('an effective date before today is refused beside the date input', async () => {
    const creditor = await busiestOnDefaults();
    const page = await browser.newPage();
    await openStrategy(page);
    const panel = await viewRules(page, creditor.code);
    const date = panel.getByLabel('生效日期');
    await date.fill('2026-03-01');
    await panel.getByRole('button', { name: '保存为新版本' }).click();
    const problem = panel.getByTestId('strategy-from-problem');
    await problem.waitFor();
    expect(await problem.innerText()).toContain('2026-03-02');
    expect(await date.getAttribute('aria-invalid')).toBe('true');
    expect(await date.getAttribute('aria-describedby')).toBe(await problem.getAttribute('id'));
    expect(await panel.getByLabel('规则（JSON）').getAttribute('aria-invalid')).toBeNull();
    expect(await panel.getByTestId('strategy-saved').count()).toBe(0);
    expect((await apiAs<CreditorRules>(leeway.url, admin(), 'GET', `/api/strategy/rules/${creditor.code}`)).versions).toEqual([]);
    await page.close();
  });

  test('in English a supervisor reads the runs and the rules, without Run now or the editor', async () => {
    const creditor = await busiestOnDefaults();
    const page = await browser.newPage();
    await signInPage(page, leeway.url, leeway.login('supervisor'));
    await page.getByRole('link', { name: '催收策略' }).waitFor();
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: 'Strategy' }).click();
    await page.getByTestId('strategy-creditors').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Strategy');
    expect(await page.getByRole('heading', { name: 'Recent runs' }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: 'Rules by creditor' }).count()).toBe(1);
    await page.getByTestId('strategy-run-row').first().waitFor();
    expect(await page.getByTestId('strategy-run-row').first().getAttribute('data-date')).toBe(TODAY);
    expect(await creditorRow(page, creditor.code).getByTestId('creditor-rules').innerText()).toBe('Default rules');
    expect(await creditorRow(page, creditor.code).getByTestId('creditor-split').innerText()).toMatch(/^(Call|SMS|Letter|Wait|Skip-trace|Hold) [\d,]+/);
    expect(await page.getByRole('button', { name: 'Run now' }).count()).toBe(0);

    const panel = await viewRules(page, creditor.code);
    // The bank by its English name, as the creditors' table names it.
    expect(creditor.name_en).not.toBeNull();
    expect(await creditorRow(page, creditor.code).locator('th').innerText()).toBe(`${creditor.name_en} ${creditor.code}`);
    expect(await panel.getByRole('heading', { level: 2 }).innerText()).toBe(`Strategy rules of ${creditor.name_en} (${creditor.code})`);
    expect(await panel.getByRole('heading', { name: 'Segments' }).count()).toBe(1);
    expect(await panel.getByTestId('strategy-action').allInnerTexts()).toContain('Skip-trace: no working phone, no usable address');
    expect(await panel.getByTestId('strategy-default-action').innerText()).toBe('Otherwise: Call');
    expect(await panel.getByTestId('strategy-versions-empty').innerText()).toBe('Never had rules of its own: uses the default rules');
    expect(await page.locator('textarea').count()).toBe(0);
    expect(await page.getByTestId('strategy-edit').count()).toBe(0);
    // Back to Chinese for the supervisor's later sign-ins: the choice is saved on the server.
    await page.getByRole('button', { name: '中文' }).click();
    await page.close();
  });
});

test('the admin prints today\'s letters of a creditor: a PDF, one page a letter, and what was left out and why', async () => {
  await apiAs(leeway.url, admin(), 'POST', '/api/strategy/run', {});
  const overview = await apiAs<Overview>(leeway.url, admin(), 'GET', '/api/strategy');
  const creditor = overview.creditors.filter((c) => (c.by_action['letter'] ?? 0) > 0).sort((a, b) => b.by_action['letter']! - a.by_action['letter']!)[0];
  expect(creditor, 'a creditor with letters today').toBeDefined();
  const page = await browser.newPage();
  await openStrategy(page);
  const button = creditorRow(page, creditor!.code).getByTestId('print-letters');
  expect(await button.innerText()).toBe('打印今日信函');
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  expect(download.suggestedFilename()).toBe(`letters-${creditor!.code}-${TODAY}-zh.pdf`);
  const pdf = await fs.readFile((await download.path())!);
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  const pages = (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;
  const banner = page.getByTestId('letters-result');
  await banner.waitFor();
  const text = await banner.innerText();
  expect(text).toContain(`已生成 ${pages} 封信函`);
  // Every letter the strategy chose is either in the file or left out for a reason the banner names.
  expect(pages).toBeGreaterThan(0);
  expect(pages).toBeLessThanOrEqual(creditor!.by_action['letter']!);
  if (pages < creditor!.by_action['letter']!) expect(text).toContain('未生成：');
});
