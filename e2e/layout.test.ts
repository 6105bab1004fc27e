import { expect, test } from 'vitest';
import { ApiClient, apiAs, signInPage, type Login } from './support/api.ts';
import { useBrowser } from './support/browser.ts';
import { columnsOutOfView, optionsCutOff } from './support/layout.ts';
import { useLeeway } from './support/leeway.ts';

/**
 * The account page's contact forms at 1366x768 in both languages, for a Chinese debtor's mobile
 * and a US debtor's phone and e-mail address: whatever a collector chooses in their selects (the
 * contact point to log or write to, who called, the outcome, the template) is shown whole, not
 * "(***) ***-0102 · Unverifie" or "a***@example.com · Un".
 */
const browser = useBrowser();
const leeway = useLeeway({ demoAccounts: 40, demoUsAccounts: 12, seed: 5, clockStart: '2026-03-02T10:00:00+08:00' });

const HEADING = { 'zh-CN': '记录催记', en: 'Log a contact' } as const;

/** The first of the collector's accounts whose debtor has a contact point of each kind. */
async function accountWith(login: Login, kinds: readonly string[]): Promise<number> {
  const api = await ApiClient.signIn(leeway.url, login);
  const { items } = await api.get<{ items: Array<{ id: number }> }>('/api/accounts?limit=50');
  for (const { id } of items) {
    const { contact_points: points } = await api.get<{ contact_points: Array<{ kind: string; owner: string }> }>(`/api/accounts/${id}/page`);
    if (kinds.every((kind) => points.some((p) => p.kind === kind && p.owner === 'debtor'))) return id;
  }
  throw new Error(`${login.username} holds no account whose debtor has a ${kinds.join(' and an ')}`);
}

const CASES = [
  { username: 'collector1', kinds: ['phone'], forms: ['log-contact-form', 'send-sms-form'] },
  { username: 'us.collector1', kinds: ['phone', 'email'], forms: ['log-contact-form', 'send-sms-form', 'send-email-form'] },
] as const;

for (const { username, kinds, forms } of CASES) {
  for (const language of ['zh-CN', 'en'] as const) {
    test(`${username} in ${language}: every option of the contact forms' selects is shown whole once chosen`, async () => {
      const login = leeway.logins.find((l) => l.username === username);
      if (!login) throw new Error(`the demo lists no ${username}`);
      const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
      await signInPage(page, leeway.url, login);
      await page.goto(`${leeway.url}/workstation/accounts/${await accountWith(login, kinds)}`);
      await page.getByTestId(`language-${language}`).click();
      await page.getByRole('heading', { name: HEADING[language] }).waitFor();

      const log = page.getByTestId('log-contact-form');
      expect(await log.getByTestId('log-point').locator('option').count()).toBeGreaterThan(0);
      // Who called decides the outcomes offered: both lists are checked.
      for (const direction of ['outbound', 'inbound']) {
        await log.getByTestId('log-direction').selectOption(direction);
        for (const select of await log.locator('select').all()) expect(await optionsCutOff(select)).toEqual([]);
      }
      for (const form of forms.slice(1)) {
        const selects = await page.getByTestId(form).locator('select').all();
        expect(selects.length, form).toBeGreaterThan(0);
        for (const select of selects) await expect.poll(() => select.isEnabled(), { message: form }).toBe(true);   // its templates loaded
        for (const select of selects) expect(await optionsCutOff(select), form).toEqual([]);
      }
    });
  }
}

test("a US desk's collector looks a caller up by SSN: the incoming-call box says so, in both languages", async () => {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const login = leeway.logins.find((l) => l.username === 'us.collector1');
  if (!login) throw new Error('the demo lists no us.collector1');
  await signInPage(page, leeway.url, login);
  await page.goto(`${leeway.url}/workstation`);
  const lookup = page.getByTestId('caller-lookup');
  for (const [language, words] of [['en', 'SSN or ID number'], ['zh-CN', 'SSN 或证件号码']] as const) {
    await page.getByTestId(`language-${language}`).click();
    await lookup.locator('select').selectOption('id_number');
    await expect.poll(() => lookup.locator('select option:checked').innerText()).toBe(words);
    expect(await lookup.getByTestId('caller-value').getAttribute('aria-label')).toBe(words);
  }
  await page.close();
});

/**
 * The strategy screen's rules by creditor at 1366x768 with today's run done (so each creditor
 * with letters has its 打印今日信函 button): every column, and the View and Print buttons, in
 * view without scrolling the table or the page sideways. English words are the longer ones.
 */
for (const language of ['zh-CN', 'en'] as const) {
  test(`admin in ${language}: the strategy's rules by creditor fit a 1366-pixel window, buttons and all`, async () => {
    await apiAs(leeway.url, leeway.login('admin'), 'POST', '/api/strategy/run', {});
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await signInPage(page, leeway.url, leeway.login('admin'));
    await page.goto(`${leeway.url}/strategy`);
    await page.getByTestId(`language-${language}`).click();
    await page.getByRole('heading', { level: 1, name: language === 'en' ? 'Strategy' : '催收策略' }).waitFor();
    const table = page.getByTestId('strategy-creditors');
    await table.waitFor();

    expect(await columnsOutOfView(table)).toEqual([]);
    const buttons = await table.getByRole('button').all();
    expect(await table.getByTestId('print-letters').count(), 'a creditor with letters today').toBeGreaterThan(0);
    const viewport = page.viewportSize()!;
    for (const button of buttons) {
      const box = (await button.boundingBox())!;
      expect(box.x + box.width, await button.innerText()).toBeLessThanOrEqual(viewport.width);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  });
}

/**
 * A bank's user on a phone-sized window (420 pixels): its screens fit, their wide tables
 * scrolling in their own box rather than the page sideways (a grid's column kept the width of
 * its widest table).
 */
test("a bank's user's screens fit a 420-pixel window: wide tables scroll in their own box", async () => {
  const page = await browser.newPage({ viewport: { width: 420, height: 800 } });
  await signInPage(page, leeway.url, leeway.login('creditor_user'));
  for (const path of ['/placements', '/reports', '/hardship/inbox', '/cases', '/accounts']) {
    await page.goto(`${leeway.url}${path}`);
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), path).toBeLessThanOrEqual(0);
  }
  await page.close();
});
