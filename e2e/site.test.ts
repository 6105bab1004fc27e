import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, expect, test } from 'vitest';
import { useBrowser } from './support/browser.ts';
import { useLeeway } from './support/leeway.ts';

/**
 * The public site and help centre in Chromium, with JavaScript off (server-rendered pages),
 * at phone size and on a desktop: pages, an article's view count that a reload does not
 * raise, previous/next within the category, search in Chinese, and the staff app still at /.
 */
const SCREENS = path.resolve('.scratch/screens');
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, javaScriptEnabled: false };
const browser = useBrowser();
const leeway = useLeeway({ demoAccounts: 20, seed: 5 });

beforeAll(() => { mkdirSync(SCREENS, { recursive: true }); });

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(SCREENS, `${name}.png`), fullPage: true });
}

test('home, services and contact pages render without JavaScript, with meta tags, at phone size', async () => {
  const page = await browser.newPage(PHONE);
  await page.goto(`${leeway.url}/help`);
  expect(await page.title()).toContain('安和信息服务');
  expect(await page.locator('meta[name="description"]').getAttribute('content')).toMatch(/银行/);
  expect(await page.locator('meta[name="viewport"]').getAttribute('content')).toContain('width=device-width');
  expect(await page.locator('link[rel="alternate"][type="application/atom+xml"]').count()).toBe(1);
  expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
  await shot(page, 'site-home');
  await page.getByRole('link', { name: '服务', exact: true }).click();
  await page.getByRole('heading', { name: '我们的服务' }).waitFor();
  await shot(page, 'site-services');
  await page.getByRole('link', { name: '联系我们', exact: true }).click();
  const body = await page.locator('main').innerText();
  expect(body).toContain('400-800-1234');
  expect(body).toContain('投诉');
  expect(body).toMatch(/服务时间\s*周一至周六/);
  await shot(page, 'site-contact');
  await page.getByRole('link', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Contact us' }).waitFor();
  expect(await page.locator('html').getAttribute('lang')).toBe('en');
});

test('an article counts one view per visitor a day, reloads included, and links to its neighbours in the category', async () => {
  const page = await browser.newPage(PHONE);
  await page.goto(`${leeway.url}/help/articles?category=hardship-plans`);
  await shot(page, 'site-articles');
  await page.getByRole('link', { name: '个性化分期（停息挂账）是怎么回事？' }).click();
  await page.getByRole('heading', { name: '个性化分期（停息挂账）是怎么回事？' }).waitFor();
  const first = Number(await page.getByTestId('views').innerText());
  expect(first).toBeGreaterThan(0);
  await page.reload();
  expect(Number(await page.getByTestId('views').innerText())).toBe(first);
  await shot(page, 'site-article');

  // The category has two articles in publish order: this one, then how to apply.
  expect(await page.locator('a[rel="prev"]').count()).toBe(0);
  await page.locator('a[rel="next"]').click();
  await page.getByRole('heading', { name: '怎样申请个性化分期' }).waitFor();
  expect(await page.locator('a[rel="next"]').count()).toBe(0);
  await page.locator('a[rel="prev"]').click();
  await page.getByRole('heading', { name: '个性化分期（停息挂账）是怎么回事？' }).waitFor();
  expect(Number(await page.getByTestId('views').innerText())).toBe(first);

  // Another browser on another day would count; another browser from the same address today does not double count either.
  const other = await browser.newPage(PHONE);
  await other.goto(`${leeway.url}/help/articles/personalised-instalment-plans`);
  expect(Number(await other.getByTestId('views').innerText())).toBe(first);
});

test('search finds Chinese text inside a word, and the feed lists the articles', async () => {
  const page = await browser.newPage(PHONE);
  await page.goto(`${leeway.url}/help`);
  await page.getByLabel('搜索文章').fill('录音');
  await page.getByRole('button', { name: '搜索' }).click();
  const results = page.getByTestId('article-list');
  await results.waitFor();
  expect(await results.innerText()).toContain('催收人员可以做什么，不可以做什么');
  await shot(page, 'site-search');
  const feed = await fetch(`${leeway.url}/help/feed.xml?lang=en`);
  expect(feed.headers.get('content-type')).toContain('application/atom+xml');
  const xml = await feed.text();
  expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
  expect(xml.match(/<entry>/g)).toHaveLength(5);
});

test('on a desktop the site is readable too, and the staff app still answers at /', async () => {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  await page.goto(`${leeway.url}/help/articles/what-a-collector-may-not-do?lang=en`);
  await page.getByRole('heading', { name: 'What a collector may and may not do' }).waitFor();
  // The rules of each country whose banks place accounts: a US or UK debtor is not told China's hours and caps as theirs.
  expect(await page.getByRole('heading', { level: 2 }).allInnerTexts()).toEqual(expect.arrayContaining(['An account of a US bank', 'An account of a UK bank']));
  expect(await page.locator('main').innerText()).toContain('no more than 7 calls about a debt in 7 days');
  await shot(page, 'site-article-desktop');
  await page.goto(`${leeway.url}/`);
  await page.getByLabel(/^(用户名|Username)$/).waitFor();
});

test('an admin edits the contact page in the staff app and the public page shows it at once', async () => {
  const admin = leeway.logins.find((l) => l.role === 'admin')!;
  const page = await browser.newPage();
  await page.goto(`${leeway.url}/`);
  await page.getByLabel(/^(用户名|Username)$/).fill(admin.username);
  await page.getByLabel(/^(密码|Password)$/).fill(admin.password);
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
  await page.getByRole('link', { name: '官网管理' }).click();
  await page.getByTestId('site-admin').waitFor();
  // Languages by name, not by code.
  expect(await page.getByLabel('选择页面').locator('option').allInnerTexts()).toContain('联系我们 · 中文');
  await page.getByLabel('选择页面').selectOption('contact|zh-CN');
  const form = page.getByTestId('site-page-form');
  await form.getByLabel('电话', { exact: true }).fill('027-8888-6666');
  await form.getByRole('button', { name: '保存' }).click();
  await form.getByRole('status').waitFor();
  const site = await browser.newPage(PHONE);
  await site.goto(`${leeway.url}/help/contact`);
  expect(await site.locator('main').innerText()).toContain('027-8888-6666');
  // Deleting an article, asked once more in place, takes it off the public site at once.
  const title = '个性化分期（停息挂账）是怎么回事？';
  const row = page.getByRole('row').filter({ hasText: title });
  const href = await row.getByRole('link', { name: title }).getAttribute('href');
  expect((await fetch(`${leeway.url}${href}`)).status).toBe(200);
  await row.getByRole('button', { name: `删除: ${title}` }).click();
  const confirm = page.getByTestId('delete-article-confirm');
  await confirm.getByRole('button', { name: '保留' }).click();
  await expect.poll(() => confirm.count()).toBe(0);
  expect((await fetch(`${leeway.url}${href}`)).status).toBe(200);
  await row.getByRole('button', { name: `删除: ${title}` }).click();
  await confirm.getByRole('button', { name: '确认删除' }).click();
  await expect.poll(() => page.getByRole('row').filter({ hasText: title }).count()).toBe(0);
  expect((await fetch(`${leeway.url}${href}`)).status).toBe(404);
});

