import fs from 'node:fs/promises';
import { beforeAll, expect, test } from 'vitest';
import { signInPage, type Login } from './support/api.ts';
import { useBrowser } from './support/browser.ts';
import { useLeeway } from './support/leeway.ts';

/**
 * The commission statement in Chromium against the real server and demo portfolio: payments
 * recorded through the API, then an admin opens the statement screen for February, sees the
 * same totals and lines as the API, downloads the CSV export, and sees the screen in English;
 * records a payment on an account page and reverses it; a creditor's user sees their own
 * creditor's statement only.
 */
const browser = useBrowser();
const leeway = useLeeway({ demoAccounts: 80, seed: 7, clockStart: '2026-03-02T10:00:00+08:00' });
let admin: Login;
let creditorUser: Login;

beforeAll(() => {
  admin = leeway.login('admin');
  creditorUser = leeway.login('creditor_user');
});

async function cookieOf(login: Login): Promise<string> {
  const response = await fetch(`${leeway.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: login.username, password: login.password }) });
  await response.body?.cancel();
  return response.headers.getSetCookie().find((c) => c.startsWith('leeway_session='))!.split(';')[0]!;
}

async function call<T>(cookie: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${leeway.url}${path}`, { method, headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}) });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

interface StatementBody { creditor: string; totals: { recovered_fen: number; commission_fen: number; net_due_fen: number; lines: number } }

test('an admin builds and sees the February commission statement, downloads its CSV, records and reverses a payment on the account page; a creditor user sees only their own', async () => {
  const cookie = await cookieOf(admin);
  const accounts = await call<{ items: Array<{ id: number; creditor_code: string; balance_stated_on: string }> }>(cookie, 'GET', '/api/accounts?limit=200');
  // Accounts whose bank figures predate the payments (a payment before them is counted in them already, and refused).
  const placed = accounts.items.filter((a) => a.balance_stated_on <= '2026-02-10');
  const creditor = placed[0]!.creditor_code;
  const mine = placed.filter((a) => a.creditor_code === creditor).slice(0, 3);
  for (const [i, a] of mine.entries()) {
    await call(cookie, 'POST', '/api/payments', { account_id: a.id, amount_fen: 123_45 * (i + 1), paid_on: `2026-02-1${i}` });
  }
  const api = await call<StatementBody>(cookie, 'GET', `/api/statements?creditor=${creditor}&month=2026-02`);
  expect(api.totals.lines).toBe(3);
  expect(api.totals.recovered_fen).toBe(123_45 * 6);

  const page = await browser.newPage({ acceptDownloads: true });
  await page.goto(leeway.url + '/');
  await page.getByLabel(/^(用户名|Username)$/).fill(admin.username);
  await page.getByLabel(/^(密码|Password)$/).fill(admin.password);
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  await page.getByRole('link', { name: '佣金结算单' }).click();
  await page.getByRole('heading', { name: '佣金结算单' }).waitFor();
  await page.getByTestId('statement-creditor').selectOption(creditor);
  // It opens on the month before the agency's business date (the server's 2026-03-02), whatever the browser's clock says.
  expect(await page.getByTestId('statement-month').inputValue()).toBe('2026-02');
  await page.getByTestId('statement-month').fill('2026-02');
  await expect.poll(() => page.getByTestId('statement-line').count()).toBe(3);
  const yuan = (fen: number) => `¥${Math.trunc(fen / 100).toLocaleString('en-US')}.${String(fen % 100).padStart(2, '0')}`;
  expect(await page.getByTestId('total-recovered').innerText()).toBe(yuan(api.totals.recovered_fen));
  expect(await page.getByTestId('total-commission').innerText()).toBe(yuan(api.totals.commission_fen));
  expect(await page.getByTestId('total-net').innerText()).toBe(yuan(api.totals.net_due_fen));
  expect(await page.getByTestId('statement-status').innerText()).toContain('草稿');
  // Issuing freezes the month: asked first, with the totals; declined, it stays a draft.
  const asked: string[] = [];
  page.once('dialog', (dialog) => { asked.push(dialog.message()); void dialog.dismiss(); });
  await page.getByTestId('statement-issue').click();
  await expect.poll(() => asked.length).toBe(1);
  expect(asked[0]).toContain(`出具 ${creditor} 2026-02 结算单：3 笔，回收 ${yuan(api.totals.recovered_fen)}`);
  expect(await page.getByTestId('statement-status').innerText()).toContain('草稿');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
  expect(download.suggestedFilename()).toBe(`statement-${creditor}-2026-02-draft-zh.csv`);
  const csv = await fs.readFile((await download.path())!);
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  expect(csv.toString('utf8')).toContain('应付银行净额');

  await page.getByTestId('language-en').click();
  await page.getByRole('heading', { name: 'Commission statement' }).waitFor();
  await expect.poll(() => page.getByTestId('total-recovered').innerText()).toContain('CNY ');
  await page.getByTestId('language-zh-CN').click();

  // On the account page: record a payment (today, March), see its allocation, reverse it as bounced.
  await page.goto(`${leeway.url}/workstation/accounts/${mine[0]!.id}`);
  const panel = page.getByTestId('payments-panel');
  await panel.waitFor();
  expect(await panel.getByTestId('payment-row').count()).toBe(1);
  const balanceBefore = await page.getByTestId('balance').innerText();
  // The date it may bear: from the day of the bank's figures for the account (they count what was paid before) to today.
  expect(await panel.getByTestId('payment-date').getAttribute('max')).toBe('2026-03-02');
  expect(await panel.getByTestId('payment-date').getAttribute('min')).toBe(mine[0]!.balance_stated_on);
  await panel.getByTestId('payment-amount').fill('12.34');
  await panel.getByTestId('payment-record').click();
  await expect.poll(() => panel.getByTestId('payment-row').count()).toBe(2);
  expect(await panel.getByTestId('payment-row').first().innerText()).toContain('¥12.34');
  // The page's balance follows at once (nobody records a payment against a stale figure).
  await expect.poll(() => page.getByTestId('balance').innerText()).not.toBe(balanceBefore);
  // A reversal is asked once more (it takes back the commission and cannot be undone): dismissed, nothing happens; accepted, it is made.
  const confirmations: string[] = [];
  page.once('dialog', (d) => { confirmations.push(d.message()); void d.dismiss(); });
  await panel.getByTestId('payment-row').first().getByTestId('payment-bounced').click();
  await expect.poll(() => confirmations.length).toBe(1);
  expect(confirmations[0]).toMatch(/确认将 .* 的 ¥12\.34 还款冲正为“退票”？.*冲正后不能撤销/);
  expect(await panel.getByTestId('payment-row').count()).toBe(2);
  page.once('dialog', (d) => void d.accept());
  await panel.getByTestId('payment-row').first().getByTestId('payment-bounced').click();
  await expect.poll(() => panel.getByTestId('payment-row').count()).toBe(3);
  expect(await panel.getByTestId('payment-row').first().innerText()).toMatch(/冲正（退票）[\s\S]*-¥12\.34/);
  const march = await call<StatementBody>(cookie, 'GET', `/api/statements?creditor=${creditor}&month=2026-03`);
  expect(march.totals).toMatchObject({ recovered_fen: 0, commission_fen: 0, lines: 2 });

  // A creditor's user: their own creditor, with no choice of another.
  const own = await call<StatementBody>(await cookieOf(creditorUser), 'GET', '/api/statements?month=2026-02');
  const other = await browser.newPage();
  await other.goto(leeway.url + '/');
  await other.getByLabel(/^(用户名|Username)$/).fill(creditorUser.username);
  await other.getByLabel(/^(密码|Password)$/).fill(creditorUser.password);
  await other.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  await other.getByRole('link', { name: '佣金结算单' }).click();
  await other.getByTestId('statement-month').fill('2026-02');
  await expect.poll(() => other.getByTestId('statement-status').innerText()).toContain(`(${own.creditor})`);
  expect(await other.getByTestId('statement-creditor').count()).toBe(0);
});

test("an admin adds a contract version for the creditor chosen on the Contracts screen; one whose JSON names another creditor is refused, and nothing is saved", async () => {
  const cookie = await cookieOf(admin);
  const { items: creditors } = await call<{ items: Array<{ code: string }> }>(cookie, 'GET', '/api/creditors');
  const [chosen, other] = [creditors[0]!.code, creditors[1]!.code];
  const versions = async (code: string) => (await call<{ versions: unknown[] }>(cookie, 'GET', `/api/contracts?creditor=${code}`)).versions.length;
  const [chosenBefore, otherBefore] = [await versions(chosen), await versions(other)];

  const page = await browser.newPage();
  await signInPage(page, leeway.url, admin);
  await page.goto(leeway.url + '/money/contracts');
  await page.getByTestId('contract-creditor').selectOption(chosen);
  const json = page.getByTestId('contract-json');
  await expect.poll(async () => JSON.parse(await json.inputValue()).creditor).toBe(chosen);
  const contract = JSON.parse(await json.inputValue()) as Record<string, unknown>;
  // The date starts at the first day a version may start (after the bank's payments already settled), not at a refused today.
  const { earliest_effective_from: earliest } = await call<{ earliest_effective_from: string }>(cookie, 'GET', `/api/contracts?creditor=${chosen}`);
  await expect.poll(() => page.getByLabel('生效日期').inputValue()).toBe(earliest);
  await page.getByLabel('生效日期').fill('2026-03-20');

  // A comma left out: refused in the browser, saying where in the reader's words.
  await json.fill('{\n  "creditor": "X"\n  "name": "y"\n}');
  await page.getByTestId('contract-save').click();
  expect(await page.getByTestId('contract-problem').innerText()).toBe('不是有效的 JSON：第 3 行第 3 列附近有误，请检查那里的逗号、引号和括号');

  // The JSON says another bank: refused, saved to neither.
  await json.fill(JSON.stringify({ ...contract, creditor: other }, null, 2));
  await page.getByTestId('contract-save').click();
  expect(await page.getByTestId('contract-problem').innerText()).toBe(`合同中的委托方是 ${other}，却要设置给 ${chosen}；两者必须一致`);
  expect([await versions(chosen), await versions(other)]).toEqual([chosenBefore, otherBefore]);

  // The chosen bank's own: saved, and the answer says whose it is.
  await json.fill(JSON.stringify(contract, null, 2));
  await page.getByTestId('contract-save').click();
  expect(await page.getByTestId('contract-saved').innerText()).toBe(`已保存为 ${chosen} 合同第 ${chosenBefore + 1} 版，自 2026-03-20 起生效。`);
  expect(await versions(chosen)).toBe(chosenBefore + 1);
  await page.close();
});
