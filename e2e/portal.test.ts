import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, expect, test } from 'vitest';
import type { Login } from './support/api.ts';
import { useBrowser } from './support/browser.ts';
import { useLeeway } from './support/leeway.ts';

/**
 * The debtor portal in Chromium at phone size (390 x 844) against the real server and demo
 * portfolio: a collector issues a personal link; the debtor opens it, answers the check,
 * sees their accounts and applies for hardship; the collector's account page then shows the
 * hardship hold. And five wrong answers lock a link. A US debtor who reads Spanish gets the
 * portal in Spanish, and it fits the phone's width. Screenshots of each page go to
 * .scratch/screens/ to be looked at. The server clock starts at 10:00 on a Monday in Shanghai.
 */
const SCREENS = path.resolve('.scratch/screens');
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const browser = useBrowser();
const leeway = useLeeway({ demoAccounts: 80, demoUsAccounts: 24, seed: 23, clockStart: '2026-03-02T10:00:00+08:00' });
let collector: Login;
let cookie = '';

beforeAll(async () => {
  mkdirSync(SCREENS, { recursive: true });
  collector = leeway.login('collector');
  const signIn = await fetch(`${leeway.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: collector.username, password: collector.password }) });
  cookie = signIn.headers.getSetCookie().find((c) => c.startsWith('leeway_session='))!.split(';')[0]!;
});

async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(`${leeway.url}${url}`, { method, headers: { cookie, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : null });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** An active account of the collector's, its debtor's ID number (revealed, audited) and a fresh portal link. */
async function debtorWithLink(skip = 0): Promise<{ accountId: number; last4: string; birthDate: string; path: string }> {
  const { items } = await api<{ items: Array<{ id: number; status: string }> }>('GET', '/api/accounts?limit=200');
  const account = items.filter((a) => a.status === 'active')[skip]!;
  const { id_number: id } = await api<{ id_number: string }>('POST', `/api/accounts/${account.id}/reveal`, { reason: 'portal browser test' });
  const link = await api<{ path: string }>('POST', `/api/accounts/${account.id}/portal-link`, { sms: false });
  return { accountId: account.id, last4: id.slice(-4), birthDate: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`, path: link.path };
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage: true });
}

test('a debtor opens the link, verifies, sees the accounts, promises a payment and moves it, and applies for hardship; the collector sees the hold', async () => {
  const debtor = await debtorWithLink();
  const page = await browser.newPage(PHONE);
  // The link asks first (a mail scanner or a preview opening it uses nothing up); its button opens it.
  await page.goto(leeway.url + debtor.path);
  expect(await page.locator('main').innerText()).toContain('此链接只能使用一次');
  await shot(page, 'portal-open');
  await page.getByRole('button', { name: '打开我的账户' }).click();
  await expect.poll(() => page.url()).toContain('/my/verify');
  const before = await page.locator('body').innerText();
  expect(before).not.toMatch(/¥|银行|\*{4}/); // nothing about the debt before the check
  await shot(page, 'portal-verify');

  await page.getByLabel('身份证号码后4位').fill(debtor.last4);
  await page.getByLabel(/出生日期/).fill(debtor.birthDate);
  await page.getByRole('button', { name: '确认', exact: true }).click();
  await page.getByRole('heading', { name: '我的账户' }).waitFor();
  const accounts = page.getByTestId('portal-account');
  expect(await accounts.count()).toBeGreaterThan(0);
  const first = await accounts.first().innerText();
  expect(first).toMatch(/本金[\s\S]*¥[\d,]+\.\d\d/);
  expect(first).toMatch(/逾期天数[\s\S]*\d+ 天/);
  expect(await page.locator('body').innerText()).toContain('我们可以做和不可以做的事');
  await shot(page, 'portal-accounts');

  await page.goto(`${leeway.url}/my/accounts/${debtor.accountId}`);
  await page.getByRole('heading', { name: '承诺还款' }).waitFor();
  await shot(page, 'portal-account');
  // A promise, then changed (改约): the page offers to move the open promise rather than add one.
  await page.getByLabel('金额（元）').fill('500');
  await page.getByLabel('日期').fill('2026-03-07');
  await page.getByRole('button', { name: '提交承诺' }).click();
  await page.getByTestId('reference').waitFor();
  expect(await page.getByTestId('open-promise').innerText()).toBe('您已承诺在 2026-03-07 前还款 ¥500.00。');
  const move = page.getByTestId('move-promise');
  await move.getByLabel('金额（元）').fill('300');
  await move.getByLabel('日期').fill('2026-03-12');
  await move.getByRole('button', { name: '提交更改' }).click();
  await expect.poll(() => page.getByTestId('open-promise').innerText()).toBe('您已承诺在 2026-03-12 前还款 ¥300.00。');
  await page.getByRole('link', { name: '申请困难分期（停息挂账）' }).last().click();

  const form = page.getByTestId('hardship-form');
  await form.waitFor();
  await form.getByLabel('原因').selectOption({ label: '失业' });
  await form.getByLabel('请用自己的话说明情况').fill('快递公司裁员，我已经失业两个月，正在找新工作，希望分期慢慢还。');
  await form.getByLabel('每月收入（元）').fill('1,500');
  await form.getByLabel('每月必要支出（元）').fill('1,200');
  await form.getByLabel(/证明材料/).setInputFiles({ name: '解除劳动合同证明.png', mimeType: 'image/png',
    buffer: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(256, 7)]) });
  await form.getByRole('radio', { name: /36 期/ }).check();
  await shot(page, 'portal-hardship-form');
  await form.getByRole('button', { name: '提交申请' }).click();
  const reference = page.getByTestId('reference');
  await reference.waitFor();
  const referenceText = await reference.innerText();
  expect(referenceText).toMatch(/^H-20260302-[2-9A-Z]{6}$/);
  expect(await page.getByTestId('portal-status').innerText()).toBe('暂停催收');
  await shot(page, 'portal-hardship-done');
  // The hours the debtor would rather be called in, and no texts.
  await page.goto(`${leeway.url}/my/preferences`);
  await page.locator('#preferred_from').fill('14:00');
  await page.locator('#preferred_to').fill('18:00');
  await page.locator('#opt_outs_sms').check();
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await page.getByTestId('reference-box').waitFor();
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.goto(`${leeway.url}/my`);
  await page.getByRole('heading', { name: '我的账户' }).waitFor();
  expect(await page.locator('main').innerText()).toContain('困难申请审核中');
  await shot(page, 'portal-accounts-desktop');

  // The collector's account page shows the hold at once.
  const staff = await browser.newPage();
  await staff.goto(leeway.url + '/');
  await staff.getByLabel(/^(用户名|Username)$/).fill(collector.username);
  await staff.getByLabel(/^(密码|Password)$/).fill(collector.password);
  await staff.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  await staff.getByRole('link', { name: '工作台' }).waitFor();
  await staff.goto(`${leeway.url}/workstation/accounts/${debtor.accountId}`);
  await expect.poll(() => staff.getByTestId('holds').innerText(), { timeout: 15_000 }).toContain('困难申请审核中');
  // The application's hold ended the debtor's moved promise: it will not be counted broken.
  expect(await staff.getByTestId('promise-row').first().innerText()).toContain('因停催（困难申请审核中）终止');
  expect(await staff.getByTestId('promise-row').nth(1).innerText()).toContain('已改约：由债务人在自助页面提交');
  // ... and the portal panel the debtor's reference number.
  await expect.poll(() => staff.getByTestId('portal-panel').innerText()).toContain(referenceText);
  // What the debtor did is said in words and in the account's money, never in fen.
  const panel = await staff.getByTestId('portal-panel').innerText();
  expect(panel).toMatch(/承诺还款: (改约为 )?\d{4}-\d\d-\d\d 前还 ¥[\d,]+\.\d\d/);
  expect(panel).toMatch(/困难分期申请: 申请分 \d+ 期/);
  // The preferences in the reader's words, the time as the page's other times read.
  expect(panel).toMatch(/\t2026-03-02 \d\d:\d\d\t联系偏好: 希望联系时段 14:00-18:00；不要通过以下方式联系 短信\n/);
  expect(panel).not.toMatch(/[a-z]{3,}/);
  expect(panel).not.toContain('fen');
  // Its two buttons are the app's buttons, not the browser's bare ones.
  for (const name of await staff.getByTestId('portal-panel').getByRole('button').all()) expect(await name.getAttribute('class')).toBe('button');
  await staff.getByTestId('portal-panel').screenshot({ path: path.join(SCREENS, 'staff-portal-panel.png') });

  // The debtor disputes the amount: the page then says where the dispute stands instead of offering a second one.
  await page.setViewportSize(PHONE.viewport);
  await page.goto(`${leeway.url}/my/accounts/${debtor.accountId}`);
  await page.getByLabel('原因').first().selectOption({ label: '金额不对' });
  await page.getByRole('textbox', { name: '说明' }).first().fill('滞纳金和我收到的账单对不上，请核实。');
  await page.getByRole('button', { name: '提交异议' }).click();
  await page.getByTestId('reference').waitFor();
  expect(await page.getByTestId('portal-case').innerText()).toMatch(/^异议（2026-03-02提出）：我们正在向.+核实；答复您之前，不会催收这笔债务。$/);
  expect(await page.getByTestId('dispute-open').isVisible()).toBe(true);
  expect(await page.getByRole('button', { name: '提交异议' }).count()).toBe(0);
  await shot(page, 'portal-dispute-open');
});

test('five wrong answers lock the link, and an unknown link looks the same as a real one until then', async () => {
  const debtor = await debtorWithLink(1);
  const page = await browser.newPage(PHONE);
  const fake = await browser.newPage(PHONE);
  await page.goto(leeway.url + debtor.path);
  await fake.goto(`${leeway.url}/my/open/${'x'.repeat(43)}`);
  for (const p of [page, fake]) {
    await p.getByRole('button', { name: '打开我的账户' }).click();
    await p.getByLabel('身份证号码后4位').waitFor();
  }
  expect(await fake.locator('main').innerHTML()).toBe(await page.locator('main').innerHTML());
  for (let i = 1; i <= 5; i++) {
    await page.getByLabel('身份证号码后4位').fill('0000');
    await page.getByLabel(/出生日期/).fill(debtor.birthDate);
    await page.getByRole('button', { name: '确认', exact: true }).click();
    await page.getByRole('alert').waitFor();
    if (i < 5) expect(await page.getByRole('alert').innerText()).toContain(`还可以再试 ${5 - i} 次`);
    if (i === 1) {
      // The refusal is tied to the fields: the summary has the keyboard on arrival, and its link takes it to the field, marked wrong.
      expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
      await page.getByRole('alert').getByRole('link').click();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('id_last4');
      expect(await page.getByLabel('身份证号码后4位').getAttribute('aria-invalid')).toBe('true');
      expect(await page.evaluate(() => document.getElementById(document.activeElement!.getAttribute('aria-describedby')!)?.textContent))
        .toContain('还可以再试 4 次');
      await shot(page, 'portal-verify-wrong');
    }
  }
  expect(await page.getByRole('alert').innerText()).toContain('锁定');
  expect(await page.getByLabel('身份证号码后4位').count()).toBe(0);
  await shot(page, 'portal-locked');
  await page.goto(`${leeway.url}/my`);
  expect(await page.locator('body').innerText()).not.toMatch(/¥/);
});

test('a debtor whose account is paid off can still complain about how it was handled, on a phone', async () => {
  const debtor = await debtorWithLink(2);
  const admin = leeway.login('admin');
  const signIn = await fetch(`${leeway.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: admin.username, password: admin.password }) });
  const adminCookie = signIn.headers.getSetCookie().find((c) => c.startsWith('leeway_session='))!.split(';')[0]!;
  // Paid in full, as the bank's payment would be recorded.
  const { account } = await (await fetch(`${leeway.url}/api/accounts/${debtor.accountId}/page`, { headers: { cookie: adminCookie } })).json() as
    { account: { principal_fen: number; interest_fen: number; fees_fen: number } };
  const paid = await fetch(`${leeway.url}/api/payments`, { method: 'POST', headers: { cookie: adminCookie, 'content-type': 'application/json' },
    body: JSON.stringify({ account_id: debtor.accountId, amount_fen: account.principal_fen + account.interest_fen + account.fees_fen, paid_on: '2026-03-02', txn_id: 'E2E-PAID-OFF' }) });
  expect(paid.status, await paid.text()).toBe(201);

  const page = await browser.newPage(PHONE);
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  await page.goto(leeway.url + debtor.path);
  await page.getByRole('button', { name: '打开我的账户' }).click();
  await page.getByLabel('身份证号码后4位').fill(debtor.last4);
  await page.getByLabel(/出生日期/).fill(debtor.birthDate);
  await page.getByRole('button', { name: '确认', exact: true }).click();
  await page.getByRole('heading', { name: '我的账户' }).waitFor();
  expect(await page.getByTestId('portal-finished-account').innerText()).toContain('已全部还清');
  await page.getByTestId('complain-closed').click();
  await page.getByRole('heading', { name: '投诉' }).waitFor();
  expect(await fits()).toBe(true);
  await page.getByLabel('说明').fill('还清之前，催收员晚上九点多还打电话给我的家人。');
  await shot(page, 'portal-closed-complaint');
  await page.getByRole('button', { name: '提交投诉' }).click();
  await page.getByTestId('reference').waitFor();
  expect(await page.getByTestId('reference').innerText()).toMatch(/^C-20260302-[2-9A-Z]{6}$/);
  expect(await page.getByTestId('portal-finished').innerText()).toMatch(/投诉（[^）]+提出）：我们将在[^之]+之前答复您。/);
  expect(await fits()).toBe(true);
});

test('a US debtor who reads Spanish opens the portal in Spanish, and its longer words still fit a phone', async () => {
  const admin = leeway.login('admin');
  const signIn = await fetch(`${leeway.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: admin.username, password: admin.password }) });
  const adminCookie = signIn.headers.getSetCookie().find((c) => c.startsWith('leeway_session='))!.split(';')[0]!;
  const asAdmin = async <T>(url: string, body: unknown): Promise<T> => {
    const response = await fetch(`${leeway.url}${url}`, { method: 'POST', headers: { cookie: adminCookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`${url}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  // One of the demo US bank's Spanish readers (the file says so for about one debtor in eight).
  const reader = await leeway.withDatabase(async (db) => (await db.query<{ id: number; birth_date: string }>(
    `SELECT a.id, d.birth_date::text FROM accounts a JOIN debtors d ON d.id = a.debtor_id JOIN creditors c ON c.id = a.creditor_id
      WHERE d.preferred_language = 'es' AND d.birth_date IS NOT NULL AND c.name = 'First Prairie Bank' ORDER BY a.id LIMIT 1`)).rows[0]);
  expect(reader, 'the demo US file has a Spanish reader').toBeDefined();
  const { id_number: ssn } = await asAdmin<{ id_number: string }>(`/api/accounts/${reader!.id}/reveal`, { reason: 'portal browser test' });
  const link = await asAdmin<{ path: string }>(`/api/accounts/${reader!.id}/portal-link`, { sms: false });
  expect(link.path).toMatch(/\?lang=es$/);

  const page = await browser.newPage(PHONE);
  const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
  await page.goto(leeway.url + link.path);
  await page.getByRole('button', { name: 'Abrir mi cuenta' }).click();
  await page.getByRole('heading', { name: 'Primero, confirme que es usted' }).waitFor();
  expect(await fits()).toBe(true);
  await shot(page, 'portal-es-verify');
  await page.getByLabel('Últimos 4 dígitos de su número de Seguro Social').fill(ssn.replace(/\D/g, '').slice(-4));
  await page.getByLabel(/Fecha de nacimiento/).fill(reader!.birth_date);
  await page.getByRole('button', { name: 'Confirmar', exact: true }).click();
  await page.getByRole('heading', { name: 'Mi cuenta' }).waitFor();
  const overview = await page.locator('main').innerText();
  expect(overview).toMatch(/Total adeudado\s+\$[\d,]+\.\d\d/);
  expect(overview).toContain('Lo que podemos y no podemos hacer');
  expect(overview).toContain('Llamarle por una deuda más de 7 veces en 7 días.');
  expect(await fits()).toBe(true);
  await shot(page, 'portal-es-accounts');
  await page.goto(`${leeway.url}/my/accounts/${reader!.id}`);
  await page.getByRole('heading', { name: 'Disputar esta cuenta' }).waitFor();
  expect(await fits()).toBe(true);
  await shot(page, 'portal-es-account');
  await page.goto(`${leeway.url}/my/preferences`);
  await page.getByRole('heading', { name: 'Preferencias de contacto' }).waitFor();
  expect(await fits()).toBe(true);
  // A long address mistyped (no @), as the server refuses it: the message breaks within the phone's width.
  await page.locator('form:has(#email)').evaluate((form) => form.setAttribute('novalidate', ''));
  await page.locator('#email').fill('zhangwei.personal2026.outlook.com.very-long-mailbox-name-typed-wrong');
  await page.getByRole('button', { name: 'Guardar', exact: true }).click();
  await page.getByTestId('error-summary').waitFor();
  expect(await fits()).toBe(true);
  await page.locator('#email').fill('');
  await page.getByRole('button', { name: 'Guardar', exact: true }).click();
  await page.getByTestId('reference-box').waitFor();
  // English is a link away, and stays chosen.
  await page.getByRole('link', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Contact preferences' }).waitFor();
  await page.goto(`${leeway.url}/my`);
  await page.getByRole('heading', { name: 'My account' }).waitFor();
  // What the debtor did here is listed, and the page still fits the phone: no amount or number broken over lines.
  expect(await page.locator('main').innerText()).toContain('Contact preferences changed');
  expect(await fits()).toBe(true);
  const broken = await page.locator('dl.kv dd').evaluateAll((dds) => dds
    .filter((dd) => /(\d\.\d\d|\d{3}-\d{4})$/.test((dd.textContent ?? '').trim()) && dd.getBoundingClientRect().height > parseFloat(getComputedStyle(dd).fontSize) * 2)
    .map((dd) => dd.textContent));
  expect(broken).toEqual([]);
});
