import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { startLeeway } from '../test/support/server.ts';
import { ApiClient, failSignIns, type Login } from './support/api.ts';
import { useBrowser } from './support/browser.ts';
import { SCREEN_PATHS } from '../web/src/shell/navigation.ts';

interface Me {
  user: { id: number; username: string; display_name: string; role: string; locale: string };
}
interface AccountPage {
  total: number;
  items: Array<{ id: number; account_no_mask: string; id_number_mask: string | null; phone_mask: string | null; balance_fen: number; collector_name: string | null;
    region_code: string | null; region_name: string | null; region_name_en: string | null }>;
}

// Unmasked personal data: an 18-character resident ID number, an 11-digit mainland mobile.
const FULL_ID_NUMBER = /\d{17}[\dXx]/;
const FULL_MOBILE = /(?<!\d)1[3-9]\d{9}(?!\d)/;
const PAGE_SIZE = 50;

const browser = useBrowser();
let leeway: Awaited<ReturnType<typeof startLeeway>>;
let collector: Login;
let admin: Login;
let collectorApi: ApiClient;

beforeAll(async () => {
  // The server serves web/dist as the run built it (e2e/support/cluster-template.ts).
  leeway = await startLeeway({ demoAccounts: 160, seed: 7 });
  collector = loginFor('collector');
  admin = loginFor('admin');
  collectorApi = await ApiClient.signIn(leeway.url, collector);
});

afterAll(async () => {
  await leeway?.stop();
});

beforeEach(async () => {
  // Each test starts from the collector's language being Chinese, whatever the last one did.
  await collectorApi.put('/api/me/locale', { locale: 'zh-CN' });
});

function loginFor(role: string): Login {
  const login = leeway.logins.find((l) => l.role === role);
  if (login === undefined) throw new Error(`startLeeway() lists no ${role} login`);
  return login;
}

async function signInThroughPage(page: Page, login: Login, path = '/'): Promise<void> {
  await page.goto(leeway.url + path);
  await page.getByLabel(/^(用户名|Username)$/).fill(login.username);
  await page.getByLabel(/^(密码|Password)$/).fill(login.password);
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
}

/** Waits for the list to have loaded (the table is not busy) and returns the account ids shown. */
async function shownAccountIds(page: Page, tableName: string): Promise<number[]> {
  await page.getByRole('table', { name: tableName }).and(page.locator('[aria-busy="false"]')).waitFor();
  return page.getByTestId('account-row').evaluateAll((rows) => rows.map((row) => Number((row as HTMLElement).dataset.accountId)));
}

async function everyAccount(api: ApiClient): Promise<AccountPage['items']> {
  const items: AccountPage['items'] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await api.get<AccountPage>(`/api/accounts?limit=500&offset=${offset}`);
    items.push(...page.items);
    if (page.items.length === 0 || items.length >= page.total) return items;
  }
}

async function expectNoUnmaskedPersonalData(page: Page): Promise<void> {
  const text = await page.locator('body').innerText();
  const html = await page.content();
  for (const shown of [text, html]) {
    expect(shown).not.toMatch(FULL_ID_NUMBER);
    expect(shown).not.toMatch(FULL_MOBILE);
  }
}

async function switchLanguage(page: Page, name: '中文' | 'English'): Promise<void> {
  const saved = page.waitForResponse((r) => r.url().endsWith('/api/me/locale') && r.request().method() === 'PUT');
  await page.getByRole('button', { name, exact: true }).click();
  expect((await saved).status()).toBe(200);
}

const htmlLang = (page: Page): Promise<string | null> => page.locator('html').getAttribute('lang');

describe('web app', () => {
  test('a collector signs in and sees their own accounts, masked, page by page', async () => {
    const me = await collectorApi.get<Me>('/api/me');
    const firstPage = await collectorApi.get<AccountPage>(`/api/accounts?limit=${PAGE_SIZE}&offset=0`);
    expect(firstPage.total).toBeGreaterThan(0);

    // A deep link while signed out: the server falls back to the app, which asks to sign in first.
    const page = await browser.newPage();
    await signInThroughPage(page, collector, '/accounts');
    await page.getByRole('heading', { name: '我的案件' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/accounts');
    expect(await page.getByTestId('current-user').innerText()).toContain(me.user.display_name);

    expect(await shownAccountIds(page, '案件列表')).toEqual(firstPage.items.map((a) => a.id));
    expect(await page.getByTestId('accounts-total').innerText()).toBe(`共 ${new Intl.NumberFormat('zh-CN').format(firstPage.total)} 件`);
    await expectNoUnmaskedPersonalData(page);

    const first = firstPage.items[0]!;
    const firstRow = page.locator(`[data-testid="account-row"][data-account-id="${first.id}"]`);
    const firstRowText = await firstRow.innerText();
    if (first.id_number_mask !== null) {
      expect(first.id_number_mask).toContain('*');
      expect(firstRowText).toContain(first.id_number_mask);
    }
    const yuan = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' }).format(first.balance_fen / 100);
    expect(firstRowText).toContain(yuan);

    // Found by the last four digits the list shows, and opened from its number.
    const lastFour = first.account_no_mask.slice(-4);
    await page.getByRole('searchbox').fill(lastFour);
    await page.getByRole('searchbox').press('Enter');
    await expect.poll(async () => (await page.getByTestId('account-link').allInnerTexts()).every((t) => t.endsWith(lastFour))).toBe(true);
    await page.locator(`[data-testid="account-row"][data-account-id="${first.id}"]`).getByTestId('account-link').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/workstation/accounts/${first.id}`);
    await page.getByTestId('account-page').waitFor();
    await page.goBack();
    await page.getByRole('button', { name: '清除' }).click();
    await expect.poll(() => shownAccountIds(page, '案件列表')).toEqual(firstPage.items.map((a) => a.id));

    // Only this collector's accounts: each is assigned to them, and an admin's view of the
    // same accounts agrees; the admin sees more (other collectors' work, unassigned accounts).
    // Not an equality on names: two demo collectors may share a display name.
    const mine = await everyAccount(collectorApi);
    const all = await everyAccount(await ApiClient.signIn(leeway.url, admin));
    expect(mine).toHaveLength(firstPage.total);
    expect(mine.filter((a) => a.collector_name !== me.user.display_name)).toEqual([]);
    const assignedByAdminView = new Set(all.filter((a) => a.collector_name === me.user.display_name).map((a) => a.id));
    expect(mine.filter((a) => !assignedByAdminView.has(a.id))).toEqual([]);
    expect(all.length).toBeGreaterThan(mine.length);

    if (firstPage.total > PAGE_SIZE) {
      const secondPage = await collectorApi.get<AccountPage>(`/api/accounts?limit=${PAGE_SIZE}&offset=${PAGE_SIZE}`);
      await page.getByRole('button', { name: /下一页/ }).click();
      await page.waitForURL(/offset=50/);
      expect(await shownAccountIds(page, '案件列表')).toEqual(secondPage.items.map((a) => a.id));
      await expectNoUnmaskedPersonalData(page);
    }
  });

  test("an admin's list of every account fits a 1366px screen: status and collector in view, no sideways scroll", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await signInThroughPage(page, admin, '/accounts');
    await shownAccountIds(page, '案件列表');
    const table = page.getByTestId('accounts-table');
    expect(await table.evaluate((t) => t.parentElement!.scrollWidth <= t.parentElement!.clientWidth)).toBe(true);
    for (const column of ['状态', '催收员']) {
      const box = (await table.getByRole('columnheader', { name: column, exact: true }).boundingBox())!;
      expect(box.x + box.width, column).toBeLessThanOrEqual(1366);
    }
    // The product left the list for the account's page; the account number names it on hover.
    expect(await page.getByTestId('account-link').first().locator('..').getAttribute('title')).toMatch(/\S/);
    await page.close();
  });

  test('the language switches between zh-CN and en and is remembered after a reload', async () => {
    const page = await browser.newPage();
    await signInThroughPage(page, collector);
    await page.getByRole('heading', { name: '我的案件' }).waitFor();
    expect(await htmlLang(page)).toBe('zh-CN');

    // Regions read in the reader's language: the first account's in Chinese, then in pinyin.
    const [first] = (await collectorApi.get<AccountPage>(`/api/accounts?limit=${PAGE_SIZE}&offset=0`)).items;
    expect(first?.region_name_en).toMatch(/^[A-Z][a-zü']+( [A-Za-z]+)*$/);
    const regionCell = page.getByTestId('account-row').first().locator(`td[title="${first!.region_code}"]`);
    expect(await regionCell.innerText()).toBe(first!.region_name);

    await switchLanguage(page, 'English');
    await page.getByRole('heading', { name: 'My accounts' }).waitFor();
    await shownAccountIds(page, 'Accounts');
    expect(await regionCell.innerText()).toBe(first!.region_name_en);
    expect(await htmlLang(page)).toBe('en');
    expect(await page.evaluate(() => localStorage.getItem('leeway.locale'))).toBe('en');
    expect((await collectorApi.get<Me>('/api/me')).user.locale).toBe('en');

    await page.reload();
    await page.getByRole('heading', { name: 'My accounts' }).waitFor();
    expect(await htmlLang(page)).toBe('en');
    expect(await page.getByRole('button', { name: 'Log out' }).isVisible()).toBe(true);

    // Another browser with a Chinese default: once signed in, the user's saved choice wins.
    const elsewhere = await browser.newPage({ locale: 'zh-CN' });
    await signInThroughPage(elsewhere, collector);
    await elsewhere.getByRole('heading', { name: 'My accounts' }).waitFor();
    expect(await htmlLang(elsewhere)).toBe('en');

    await switchLanguage(page, '中文');
    await page.getByRole('heading', { name: '我的案件' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: '我的案件' }).waitFor();
    expect(await htmlLang(page)).toBe('zh-CN');
    expect(await page.evaluate(() => localStorage.getItem('leeway.locale'))).toBe('zh-CN');
    expect((await collectorApi.get<Me>('/api/me')).user.locale).toBe('zh-CN');
  });

  test("on the sign-in page, the language shown (this browser's) is chosen by a click on it too, and beats the one saved", async () => {
    expect((await collectorApi.get<Me>('/api/me')).user.locale).toBe('zh-CN');
    const page = await browser.newPage({ locale: 'en-US' });
    try {
      await page.goto(leeway.url);
      const english = page.getByTestId('language-en');
      expect(await english.getAttribute('aria-pressed')).toBe('true');
      await english.click();
      await page.getByLabel('Username').fill(collector.username);
      await page.getByLabel('Password').fill(collector.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'My accounts' }).waitFor();
      expect(await htmlLang(page)).toBe('en');
      await expect.poll(async () => (await collectorApi.get<Me>('/api/me')).user.locale).toBe('en');
    } finally {
      await collectorApi.put('/api/me/locale', { locale: 'zh-CN' });
      await page.close();
    }
  });

  test("on every admin screen the screen's title is the largest heading: no section reads above it", async () => {
    const page = await browser.newPage();
    await signInThroughPage(page, admin);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    for (const path of Object.values(SCREEN_PATHS)) {
      await page.goto(leeway.url + path);
      const title = page.getByRole('heading', { level: 1 }).first();
      await title.waitFor();
      const [h1, sections] = await page.evaluate(() => [parseFloat(getComputedStyle(document.querySelector('main h1')!).fontSize),
        [...document.querySelectorAll('main h2')].map((h) => `${parseFloat(getComputedStyle(h).fontSize)} ${h.textContent}`)] as const);
      for (const section of sections) expect(parseFloat(section), `${path}: ${section} against the title's ${h1}`).toBeLessThanOrEqual(h1);
    }
    await page.close();
  });

  test("the app's own paths get its page; a file it does not have (/favicon.ico) is not found, not served that page", async () => {
    const screen = await fetch(`${leeway.url}/team/dashboard`);
    expect(screen.status).toBe(200);
    expect(screen.headers.get('content-type')).toContain('text/html');
    for (const file of ['/favicon.ico', '/assets/index-0ld.js']) expect((await fetch(leeway.url + file)).status, file).toBe(404);
  });

  test('a wrong password shows the error and does not sign in', async () => {
    const page = await browser.newPage();
    await signInThroughPage(page, { ...collector, password: `${collector.password}-wrong` });
    expect(await page.getByRole('alert').innerText()).toBe('用户名或密码错误。');
    expect(await page.getByRole('table').count()).toBe(0);

    // The message follows a language switch on the sign-in page.
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await page.getByRole('alert').filter({ hasText: 'Invalid username or password.' }).waitFor();
    expect(await htmlLang(page)).toBe('en');
  });

  test('repeated failures are told how many minutes to wait', async () => {
    const username = 'no-such-user-e2e';
    expect(await failSignIns(leeway.url, username, 5)).toEqual([401, 401, 401, 401, 401]);
    const page = await browser.newPage();
    await signInThroughPage(page, { username, password: 'whatever', role: 'collector' });
    const message = await page.getByRole('alert').innerText();
    const minutes = /^尝试次数过多，请 (\d+) 分钟后再试。$/.exec(message)?.[1];
    expect(minutes, message).toBeDefined();
    expect(Number(minutes)).toBeGreaterThanOrEqual(1);
    expect(Number(minutes)).toBeLessThanOrEqual(15);
  });

  test('logging out returns to the sign-in page and ends the session', async () => {
    const page = await browser.newPage();
    await signInThroughPage(page, collector);
    await shownAccountIds(page, '案件列表');

    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByLabel('用户名').waitFor();
    expect(await page.getByRole('status').innerText()).toBe('您已安全退出。');
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.evaluate(async () => (await fetch('/api/me')).status)).toBe(401);

    await page.goto(leeway.url + '/accounts');
    await page.getByLabel('用户名').waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
  });
});
