import { afterAll, beforeAll, expect, test } from 'vitest';
import { startGateway } from '../test/support/gateway.ts';
import { apiAs, signInPage, type Login } from './support/api.ts';
import { useBrowser } from './support/browser.ts';
import { useLeeway } from './support/leeway.ts';

/**
 * The collector's flow in Chromium against the real server and demo portfolio: sign in,
 * next account, log a contact, take a promise, and a refused call explained inline.
 * The server's clock starts at 10:00 on a Monday in Shanghai (LEEWAY_CLOCK_START), inside
 * calling hours, so the flow is the same whenever the test runs.
 */
const browser = useBrowser();
// The call centre's telephony gateway for click-to-call: it takes each call and names it.
const gateway = await startGateway('/calls', (received) => ({ status: 200, body: `{"call_id":"cti-${received.length}"}` }));
afterAll(() => gateway.close());
const lastCall = () => gateway.received.at(-1)!.body;
const leeway = useLeeway({ demoAccounts: 120, seed: 11, clockStart: '2026-03-02T10:00:00+08:00',
  env: { LEEWAY_VOICE_WEBHOOK_URL: gateway.url, LEEWAY_VOICE_INBOUND_TOKEN: 'cti-events',
    LEEWAY_RECORDING_URL: 'https://cti.example.cn/recordings/{ref}' } });
let collector: Login;

beforeAll(() => { collector = leeway.login('collector'); });

const api = <T>(method: string, path: string, body?: unknown) => apiAs<T>(leeway.url, collector, method, path, body);

test('a collector takes the next account, logs a contact, takes a promise, and sees a refused call explained', async () => {
  const page = await browser.newPage();
  await page.goto(leeway.url + '/');
  await page.getByLabel(/^(用户名|Username)$/).fill(collector.username);
  await page.getByLabel(/^(密码|Password)$/).fill(collector.password);
  await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();

  await page.getByRole('link', { name: '工作台' }).click();
  // The keyboard: Alt with a letter, said on the screen; Alt+N asks for the next account as the button does.
  expect(await page.getByTestId('shortcuts').innerText()).toBe('快捷键：Alt+N 下一个案件 · Alt+L 催记结果 · Alt+P 承诺金额 · Alt+K 来电查询');
  expect(await page.getByTestId('next-account').getAttribute('aria-keyshortcuts')).toBe('Alt+N');
  await page.keyboard.press('Alt+KeyN');
  const account = page.getByTestId('account-page');
  await account.waitFor();
  const accountId = Number(await account.getAttribute('data-account-id'));
  expect(accountId).toBeGreaterThan(0);
  await expect.poll(() => page.url()).toContain(`/workstation/accounts/${accountId}`);
  await page.getByTestId('call-now').waitFor();
  // What to say first: who calls, under this collector's id, and that the call is recorded.
  expect(await page.getByTestId('call-disclosure').innerText()).toMatch(new RegExp(`^通话时： 先请.+本人接听并核实身份.*工号${collector.username}，受.+委托.*本次通话将被录音。”`));
  const history = await page.getByTestId('contact-row').count(); // the demo's calls of the past two weeks
  const text = await page.locator('body').innerText();
  expect(text).not.toMatch(/\d{17}[\dXx]/);
  expect(text).not.toMatch(/(?<!\d)1[3-9]\d{9}(?!\d)/);
  // Adding a contact point (失联修复): its reliability offered as 高 / 中 / 低 under the 可靠度 label.
  expect(await page.locator('label', { hasText: '可靠度' }).locator('option').allInnerTexts()).toEqual(['高', '中', '低']);

  // Log a contact (催记) with an outcome code and the reason for delinquency; Alt+L goes to the outcome, Alt+P to the promise's amount.
  const log = page.getByTestId('log-contact-form');
  await page.keyboard.press('Alt+KeyP');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-shortcut'))).toBe('promise');
  await page.keyboard.press('Alt+KeyL');
  expect(await page.evaluate(() => document.activeElement === document.querySelector('[data-testid="log-contact-form"] [data-shortcut="log"]'))).toBe(true);
  await log.getByLabel('结果').selectOption({ label: '经济困难' });
  await log.getByLabel('逾期原因').selectOption({ label: '失业' });
  await log.getByLabel('备注').fill('公司裁员，下月找到工作后还款');
  // A call typed and not saved is not dropped by asking for the next account: the collector is asked first, and may stay.
  const asked: string[] = [];
  page.once('dialog', (dialog) => { asked.push(dialog.message()); void dialog.dismiss(); });
  await page.keyboard.press('Alt+KeyN');
  await expect.poll(() => asked).toEqual(['这通电话的结果或备注还没有保存。离开后将丢失，确定离开吗？']);
  expect(page.url()).toContain(`/workstation/accounts/${accountId}`);
  expect(await log.getByLabel('备注').inputValue()).toBe('公司裁员，下月找到工作后还款');
  // A call made from the desk phone, not the Call button: logged with its recording's reference (every call recorded).
  await log.getByLabel(/^录音编号/).fill('desk-20260302-0001');
  await log.getByRole('button', { name: '保存催记' }).click();
  await page.getByTestId('contact-log').getByText('公司裁员，下月找到工作后还款').waitFor();
  await expect.poll(() => page.getByTestId('contact-row').count()).toBe(history + 1);
  expect(await page.getByTestId('contact-row').first().innerText()).toContain('经济困难');
  // Logged on the agency's clock (Shanghai, a little after 10:00), whatever zone the browser is in.
  expect(await page.getByTestId('contact-row').first().innerText()).toMatch(/^2026-03-02 10:[0-5]\d/);

  const view = await api<{ business_date: string }>('GET', `/api/accounts/${accountId}/page`);
  const promise = page.getByTestId('promise-form');
  // A slip the server refuses, then a date the browser itself blocks: the server's answer to the first does not linger beside the browser's.
  await promise.getByLabel('金额（元）').fill('99,999,999.00');
  await promise.getByLabel('日期').fill(view.business_date);
  await promise.getByRole('button', { name: '记录承诺' }).click();
  await promise.getByRole('alert').waitFor();
  await promise.getByLabel('日期').fill('2099-01-01');
  await promise.getByRole('button', { name: '记录承诺' }).click();
  await expect.poll(() => promise.getByRole('alert').count()).toBe(0);
  expect(await promise.getByLabel('日期').evaluate((input: HTMLInputElement) => input.validity.rangeOverflow)).toBe(true);

  // Take a promise within the contract's limit.
  await promise.getByLabel('金额（元）').fill('1,000.00');
  await promise.getByLabel('日期').fill(view.business_date);
  await promise.getByRole('button', { name: '记录承诺' }).click();
  await page.getByTestId('promise-row').first().waitFor();
  expect(await page.getByTestId('promise-row').first().innerText()).toContain('¥1,000.00');
  // One open promise at a time: the form gives way to where it is moved or cancelled.
  await page.getByTestId('promise-open').waitFor();
  expect(await page.getByTestId('promise-form').count()).toBe(0);
  await expect.poll(() => page.getByTestId('account-status').innerText()).toBe('已承诺还款');

  // The debtor asks for a later date (改约): the old promise is cancelled with the reason, the new one open.
  const first = page.getByTestId('promise-row').first();
  await first.getByRole('button', { name: '改约' }).click();
  const move = first.getByTestId('promise-reschedule-form');
  await move.getByLabel('日期').fill(view.business_date.replace(/-(\d\d)$/, (_, d: string) => `-${String(Number(d) + 5).padStart(2, '0')}`));
  await move.getByLabel('原因').fill('工资推迟到下周发放');
  await move.getByRole('button', { name: '确认改约' }).click();
  await expect.poll(() => page.getByTestId('promise-row').count()).toBe(2);
  expect(await page.getByTestId('promise-row').first().innerText()).toContain('由原承诺改约');
  expect(await page.getByTestId('promise-row').nth(1).innerText()).toContain('已改约：工资推迟到下周发放');
  expect(await page.getByTestId('account-status').innerText()).toBe('已承诺还款');

  // A callback this evening, then cancelled (取消回拨) when the debtor says there is no need.
  const callback = page.getByTestId('callback-form');
  await callback.getByLabel(/^债务人当地时间/).fill('2026-03-02T19:30');
  await callback.getByLabel('备注').fill('晚上再确认');
  await callback.getByRole('button', { name: '预约回拨' }).click();
  const callbackRow = page.getByTestId('callback-row').filter({ hasText: '晚上再确认' });
  await expect.poll(() => callbackRow.innerText()).toContain('待回拨');
  await callbackRow.getByRole('button', { name: '取消回拨' }).click();
  await callbackRow.getByTestId('callback-cancel-form').getByLabel('取消原因').fill('客户说不用再回拨');
  await callbackRow.getByRole('button', { name: '确认取消' }).click();
  await expect.poll(() => callbackRow.innerText()).toContain('已取消');

  // A dispute hold placed meanwhile (another screen, through the API): the next call is refused and explained.
  await api('POST', `/api/accounts/${accountId}/holds`, { kind: 'dispute', reason: '债务人书面异议' });
  // The dispute ended the open promise (collection stopped, so it can never be counted broken): the
  // account changed, so the page is read again.
  await page.reload();
  await expect.poll(() => page.getByTestId('promise-row').first().innerText()).toContain('因停催（异议）终止');
  await log.getByLabel('结果').selectOption({ label: '无人接听' });
  await log.getByRole('button', { name: '保存催记' }).click();
  const refusal = page.getByTestId('contact-refusal');
  await refusal.waitFor();
  expect(await refusal.innerText()).toContain('不允许联系');
  expect(await refusal.innerText()).toMatch(/异议/);
  expect(await refusal.getByTestId('next-allowed').innerText()).toBe('停催解除之前不可联系。');
  expect(await page.getByTestId('contact-row').count()).toBe(history + 1);

  // The same explanation in English once the collector switches language, and the region in English.
  const { account: shown } = await api<{ account: { region_name: string; region_name_en: string } }>('GET', `/api/accounts/${accountId}/page`);
  expect(await page.locator('dt:text-is("地区") + dd').innerText()).toBe(shown.region_name);
  await page.getByTestId('language-en').click();
  await expect.poll(() => refusal.innerText()).toContain('Not allowed');
  expect(await page.locator('dt:text-is("Region") + dd').innerText()).toBe(shown.region_name_en);
  expect(shown.region_name_en).toMatch(/^[A-Z][a-zü']+/);
  expect(await refusal.innerText()).toMatch(/dispute/i);
  // The rule is named in words (its id is kept for the curious, on hover), never as the engine's id.
  expect(await refusal.innerText()).not.toMatch(/\((CN|US|UK)\.[a-z_]+\)/);
  expect(await refusal.getByTestId('next-allowed').innerText()).toBe('No time is allowed until the hold is lifted.');
});

test('a debtor calls in: the collector finds them by the number on the display and records the inbound call, though no more calls may be made today', async () => {
  const { items } = await api<{ items: Array<{ id: number; status: string }> }>('GET', '/api/accounts?limit=200');
  const target = items.filter((a) => a.status === 'active').at(-1)!;
  const added = await api<{ contact_point_id: number }>('POST', `/api/accounts/${target.id}/contact-points`,
    { kind: 'phone', value: '+86 170-0000-0001', source: 'debtor', reliability: 'high' });
  // Today's three calls are spent: the rules allow no more outbound calls to this debtor.
  for (let i = 0; i < 3; i++) {
    await api('POST', `/api/accounts/${target.id}/contacts`, { channel: 'call', party: 'debtor', purpose: 'collect', outcome: 'no_answer',
      contact_point_id: added.contact_point_id, recording_ref: `desk-${i}` });
  }

  await api('PUT', '/api/me/locale', { locale: 'zh-CN' }); // the test before ends in English
  const page = await browser.newPage();
  await signInPage(page, leeway.url, collector);
  await page.getByRole('link', { name: '工作台' }).click();

  const lookup = page.getByTestId('caller-lookup');
  // The example is a number of the desk's country (a Chinese agency's), in any language.
  expect(await lookup.getByTestId('caller-value').getAttribute('placeholder')).toBe('如 138 0013 8000');
  await lookup.getByTestId('caller-value').fill('170 0000 0001');
  await lookup.getByRole('button', { name: '查找' }).click();
  const match = lookup.getByTestId('caller-match');
  await match.waitFor();
  expect(await match.innerText()).toContain('债务人本人号码');
  expect(await lookup.innerText()).not.toContain('17000000001');
  await match.getByTestId('caller-account').first().getByRole('button', { name: '在此案件接听' }).click();

  const account = page.getByTestId('account-page');
  await account.waitFor();
  expect(Number(await account.getAttribute('data-account-id'))).toBe(target.id);
  await page.getByTestId('call-now-refusal').waitFor();
  const history = await page.getByTestId('contact-row').count();
  const log = page.getByTestId('log-contact-form');
  expect(await log.getByTestId('log-direction').inputValue()).toBe('inbound');
  expect(await log.getByTestId('inbound-note').innerText()).toContain('不计入今日外呼次数');
  expect(await log.getByLabel('结果').locator('option').allInnerTexts()).not.toContain('无人接听');
  await log.getByLabel('结果').selectOption({ label: '本人接通' });
  await log.getByLabel('备注').fill('债务人看到短信后来电，询问还款方式');
  await log.getByRole('button', { name: '保存催记' }).click();
  await expect.poll(() => page.getByTestId('contact-row').count()).toBe(history + 1);
  const row = await page.getByTestId('contact-row').first().innerText();
  expect(row).toContain('债务人看到短信后来电');
  // A call we make goes to a phone: the form offers the debtor's numbers, not their address, and no "no contact point".
  await log.getByTestId('log-direction').selectOption('outbound');
  const points = await log.getByTestId('log-point').locator('option').allInnerTexts();
  expect(points.length).toBeGreaterThan(0);
  for (const point of points) expect(point).toMatch(/^\+?\d[\d*]+ · /);
  expect(row).toContain('来电');
  expect(row).toContain('170****0001');

  // A number no one has says so.
  await lookup.getByTestId('caller-value').fill('13800000000');
  await lookup.getByRole('button', { name: '查找' }).click();
  await expect.poll(() => lookup.innerText()).toMatch(/没有债务人或联系人使用号码 138\*+0000|债务人本人号码|第三方号码/);

  // A caller reading out their card number, grouped in fours: found by it, shown masked.
  const cardNo = (await leeway.withDatabase((client) => client.query<{ account_no: string }>('SELECT account_no FROM accounts WHERE id = $1', [target.id]))).rows[0]!.account_no;
  await lookup.getByLabel('查找方式').selectOption({ label: '账号或卡号' });
  expect(await lookup.getByTestId('caller-value').getAttribute('placeholder')).toBe('来电人报出的账号或卡号');
  await lookup.getByTestId('caller-value').fill(cardNo.replace(/(\w{4})(?=\w)/g, '$1 '));
  await lookup.getByRole('button', { name: '查找' }).click();
  await expect.poll(() => match.first().innerText()).toContain('该账号对应的债务人');
  expect(await lookup.innerText()).not.toContain(cardNo);
  expect((await match.getByTestId('caller-account').allInnerTexts()).some((r) => r.includes(cardNo.slice(-4)))).toBe(true);
});

test('click-to-call: the collector rings the debtor through the call centre without seeing the number, then records the result', async () => {
  await api('PUT', '/api/me/locale', { locale: 'zh-CN' });
  const { items } = await api<{ items: Array<{ id: number; status: string }> }>('GET', '/api/accounts?limit=200');
  const target = items.filter((a) => a.status === 'active').at(-2)!;
  const page = await browser.newPage();
  await signInPage(page, leeway.url, collector);
  await page.getByRole('link', { name: '工作台' }).waitFor();
  await page.goto(`${leeway.url}/workstation/accounts/${target.id}`);
  await page.getByTestId('call-now').waitFor();
  const history = await page.getByTestId('contact-row').count();

  const dialButton = page.getByTestId('dial');
  expect(await dialButton.innerText()).toMatch(/^拨打 1\d\d\*{4}\d{4}$/);
  await dialButton.click();
  const result = page.getByTestId('call-result-form');
  await result.waitFor();
  expect(await result.getByTestId('call-in-progress').innerText()).toContain('您的坐席会先响铃');
  // The gateway got the number in full and the collector's seat; the screen never shows it.
  expect(lastCall()).toMatchObject({ agent: collector.username, account_id: target.id });
  expect(String(lastCall()['to'])).toMatch(/^1[3-9]\d{9}$/);
  expect(await page.locator('body').innerText()).not.toContain(String(lastCall()['to']));
  expect(await page.getByTestId('contact-row').first().innerText()).toContain('已拨出（待记录结果）');
  // The debtor answered; the call centre reports the conversation's length when it ends.
  const ended = await fetch(`${leeway.url}/api/channels/voice/events`, { method: 'POST',
    headers: { authorization: 'Bearer cti-events', 'content-type': 'application/json' },
    body: JSON.stringify({ call_id: lastCall()['call_id'], status: 'answered', duration_s: 135 }) });
  expect(ended.status).toBe(200);

  await result.getByLabel('结果').selectOption({ label: '拒绝还款' });
  await result.getByLabel('备注').fill('称无力偿还，拒绝沟通还款方案');
  await result.getByRole('button', { name: '保存通话结果' }).click();
  await page.getByTestId('log-contact-form').waitFor();
  await expect.poll(() => page.getByTestId('contact-row').first().innerText()).toContain('拒绝还款');
  expect(await page.getByTestId('contact-row').count()).toBe(history + 1);
  expect(await page.getByTestId('contact-row').first().innerText()).toContain('称无力偿还');
  expect(await page.getByTestId('contact-row').first().innerText()).toContain('通话 2 分 15 秒');
  // A second call no one answers: when the call centre says so, the form gives way by itself, nothing to record.
  await page.getByTestId('dial').click();
  await result.waitFor();
  const unanswered = await fetch(`${leeway.url}/api/channels/voice/events`, { method: 'POST',
    headers: { authorization: 'Bearer cti-events', 'content-type': 'application/json' },
    body: JSON.stringify({ call_id: lastCall()['call_id'], status: 'no_answer', duration_s: 0 }) });
  expect(unanswered.status).toBe(200);
  await page.getByTestId('log-contact-form').waitFor({ timeout: 10_000 });
  await expect.poll(() => page.getByTestId('contact-row').first().innerText()).toContain('无人接听');
  expect(await page.getByTestId('contact-row').count()).toBe(history + 2);

  // The call centre's recording, one click from the log.
  expect(await page.getByTestId('contact-row').nth(1).getByTestId('recording-link').getAttribute('href'))
    .toBe(`https://cti.example.cn/recordings/cti-${gateway.received.length - 1}`);
});

test('an account paid in full: the page says collection has ended and offers no message, promise or settlement; the collector is told', async () => {
  const { items } = await api<{ items: Array<{ id: number; status: string; balance_fen: number }> }>('GET', '/api/accounts?limit=50');
  const account = items.find((a) => a.status === 'active' && a.balance_fen > 0)!;
  // The bank's money comes in: the whole balance, recorded by the admin.
  await apiAs(leeway.url, leeway.login('admin'), 'POST', '/api/payments', { account_id: account.id, amount_fen: account.balance_fen, paid_on: '2026-03-01' });

  const page = await browser.newPage();
  await signInPage(page, leeway.url, collector);
  await page.getByRole('link', { name: '工作台' }).waitFor(); // signed in
  await page.goto(`${leeway.url}/workstation/accounts/${account.id}`);
  await page.getByTestId('account-page').waitFor();
  expect(await page.getByTestId('account-status').innerText()).toBe('已结清');
  expect(await page.getByTestId('account-finished').innerText()).toMatch(/^账户已结清：催收已结束/);
  expect(await page.getByTestId('balance').innerText()).toMatch(/^¥0\.00/);
  expect(await page.getByTestId('promise-form').count()).toBe(0);
  expect(await page.getByTestId('callback-form').count()).toBe(0);
  expect(await page.getByTestId('settlement-form').count()).toBe(0);
  await page.getByTestId('log-contact-form').waitFor(); // the debtor may still call in
  await page.getByTestId('cases-panel').getByRole('button', { name: '登记投诉（立即停催）' }).waitFor(); // and complain

  await page.goto(`${leeway.url}/notices`);
  const notice = page.getByTestId('notice-item').filter({ hasText: '账户已结清' });
  await notice.waitFor();
  // In the collector's language (Chinese here).
  expect(await notice.getByTestId('notice-message').innerText()).toMatch(/^账户 \S+ 已结清：银行对账金额 ¥[\d,.]+，之后已还 ¥[\d,.]+，催收结束$/);
  await page.close();
});

test('a settlement paid on the account page: the header shows nothing owed and the rest waived, and the offer shows settled, without reloading', async () => {
  const { items } = await api<{ items: Array<{ id: number; status: string; balance_fen: number; interest_fen: number }> }>('GET', '/api/accounts?limit=50');
  const account = items.find((a) => a.status === 'active' && a.balance_fen > 0 && a.interest_fen >= 10_000)!;
  // Within the collector's own authority (a tenth of the interest): 1.00 of interest waived, approved at once.
  const offer = await api<{ status: string; settle_fen: number }>('POST', `/api/accounts/${account.id}/settlements`,
    { interest_fen: 100, payment: 'lump_sum', due_date: '2026-03-03' });   // within every open account's placement
  expect(offer.status).toBe('approved');

  // The admin records the debtor's payment of the agreed sum on the account's page.
  const page = await browser.newPage();
  await signInPage(page, leeway.url, leeway.login('admin'));
  await page.goto(`${leeway.url}/workstation/accounts/${account.id}`);
  await page.getByTestId('account-page').waitFor();
  expect(await page.getByTestId('settlement-row').getAttribute('data-status')).toBe('approved');
  await page.getByTestId('payment-amount').fill((offer.settle_fen / 100).toFixed(2));
  await page.getByTestId('payment-record').click();

  await expect.poll(() => page.getByTestId('account-status').innerText()).toBe('减免结清');
  expect(await page.getByTestId('balance').innerText()).toMatch(/^¥0\.00/);
  expect((await page.getByTestId('waived').innerText()).trim()).toBe('已结清：余下 ¥1.00 已减免');
  await expect.poll(() => page.getByTestId('settlement-row').getAttribute('data-status')).toBe('settled');
  await page.close();
});

test('a debtor disputes the debt on a call, someone says another debtor has died, a third promises to pay: the page asks for what each outcome needs, and the log form starts afresh', async () => {
  // Two of the collector's active accounts, of two debtors no other test here has called today (the daily limit would refuse the call).
  const { items } = await api<{ items: Array<{ id: number }> }>('GET', '/api/accounts?limit=200&status=active');
  const { rows } = await leeway.withDatabase((client) => client.query<{ id: number; debtor_id: number }>(
    `SELECT a.id::int AS id, a.debtor_id::int AS debtor_id FROM accounts a
      WHERE a.id = ANY($1::bigint[]) AND NOT EXISTS (SELECT 1 FROM contact_attempts ca JOIN accounts o ON o.id = ca.account_id
                                                     WHERE o.debtor_id = a.debtor_id AND ca.at >= '2026-03-02T00:00:00+08:00')
      ORDER BY a.id DESC`, [items.map((a) => a.id)]));
  const disputed = rows[0];
  const deceased = rows.find((a) => a.debtor_id !== disputed?.debtor_id);
  const promised = rows.find((a) => a.debtor_id !== disputed?.debtor_id && a.debtor_id !== deceased?.debtor_id);
  if (!disputed || !deceased || !promised) throw new Error('three active accounts of three debtors not called today are needed');
  const page = await browser.newPage();
  await signInPage(page, leeway.url, collector);
  await page.getByRole('link', { name: '工作台' }).waitFor(); // signed in

  await page.goto(`${leeway.url}/workstation/accounts/${disputed.id}`);
  const log = page.getByTestId('log-contact-form');
  await log.getByLabel('结果').selectOption({ label: '有异议' });
  await log.getByLabel('备注').fill('称利息和违约金算错了，要银行给账单');
  await log.getByLabel(/^录音编号/).fill('desk-20260302-0101');
  await log.getByRole('button', { name: '保存催记' }).click();
  // Said, and the form starts afresh: the same call is not logged twice by a second click.
  expect(await page.getByTestId('contact-logged').innerText()).toBe('已记录催记：有异议。如需再记一次，请重新选择结果。');
  expect(await log.getByRole('button', { name: '保存催记' }).isDisabled()).toBe(true);
  expect(await page.getByTestId('dispute-offer').innerText()).toContain('债务人对这笔债务提出了异议：本账户已停催');
  // Collection stopped as the dispute was logged, before any form: the page's next call is refused, and the hold says why.
  expect((await api<{ allowed: boolean }>('GET', `/api/accounts/${disputed.id}/contact-check?channel=call`)).allowed).toBe(false);
  const held = (await api<{ items: Array<{ kind: string; reason: string }> }>('GET', `/api/accounts/${disputed.id}/holds`)).items;
  expect(held.map((h) => [h.kind, h.reason])).toEqual([['dispute', expect.stringMatching(/^沟通中提出异议，待登记异议（催记 \d+）：称利息和违约金算错了，要银行给账单$/)]]);
  // Until the dispute is recorded (what asks the bank to verify it), leaving asks first.
  const unrecorded: string[] = [];
  page.once('dialog', (dialog) => { unrecorded.push(dialog.message()); void dialog.dismiss(); });
  await page.keyboard.press('Alt+KeyN');
  await expect.poll(() => unrecorded).toEqual(['异议还没有登记，委托方不会收到核实请求。仍要离开这个案件吗？']);
  await page.getByTestId('dispute-offer').getByRole('button', { name: '去登记异议' }).click();
  const form = page.getByTestId('dispute-form');
  expect(await form.locator('textarea').inputValue()).toBe('称利息和违约金算错了，要银行给账单');
  await form.getByRole('button', { name: /登记异议/ }).click();
  await page.getByTestId('dispute-list').getByText('称利息和违约金算错了，要银行给账单').waitFor();
  await expect.poll(() => page.getByTestId('dispute-offer').count()).toBe(0);
  // Still the one hold, now the dispute's, in the debtor's words.
  expect((await api<{ items: Array<{ kind: string; reason: string }> }>('GET', `/api/accounts/${disputed.id}/holds`)).items.map((h) => [h.kind, h.reason]))
    .toEqual([['dispute', '称利息和违约金算错了，要银行给账单']]);

  await page.goto(`${leeway.url}/workstation/accounts/${deceased.id}`);
  await log.getByLabel('结果').selectOption({ label: '告知本人已故' });
  await log.getByLabel(/^录音编号/).fill('desk-20260302-0102');
  await log.getByRole('button', { name: '保存催记' }).click();
  // Collection stops as the death is logged (a hold on every account of the debtor), and the page says so.
  expect(await page.getByTestId('deceased-held').innerText()).toContain('已停催该债务人的全部账户');
  expect(await page.getByTestId('deceased-offer').count()).toBe(0);
  const holds = (await api<{ items: Array<{ kind: string; scope?: string; reason: string }> }>('GET', `/api/accounts/${deceased.id}/holds`)).items;
  expect(holds.find((h) => h.kind === 'deceased')?.reason).toMatch(/^通话中告知本人已故，待核实（催记 \d+）$/);
  expect((await api<{ allowed: boolean }>('GET', `/api/accounts/${deceased.id}/contact-check?channel=call`)).allowed).toBe(false);

  // The contact log's times are the agency's, and its header says whose.
  expect(await page.getByTestId('contact-log').locator('th').first().innerText()).toBe('时间（机构时区 Asia/Shanghai）');
  // Who holds the account and why, in words (the demo dealt it by territory).
  expect(await page.getByTestId('assignments').innerText()).toMatch(/ · 按片区分案$/);

  // A number is marked invalid only once the collector confirms it; where it came from is said in words.
  const point = page.getByTestId('contact-point').first();
  expect(await point.locator('td').nth(2).innerText()).toMatch(/^委案文件/);
  const asked: string[] = [];
  page.once('dialog', (dialog) => { asked.push(dialog.message()); void dialog.dismiss(); });
  await point.getByRole('button', { name: '标记无效' }).click();
  await expect.poll(() => asked.length).toBe(1);
  expect(asked[0]).toMatch(/^把电话 \d{3}\*{4}\d{4}标记为无效？/);
  expect(await point.getByRole('button', { name: '标记无效' }).count()).toBe(1);

  // Dialling by hand: the number in full, for a reason, audited; masked again on the next load.
  const reveal = page.getByTestId('reveal-form');
  await reveal.getByLabel('查看原因').fill('手工拨号');
  const answer = page.waitForResponse((r) => r.url().endsWith(`/api/accounts/${deceased.id}/reveal`));
  await reveal.getByRole('button', { name: '显示完整号码' }).click();
  await expect.poll(async () => (await page.getByTestId('revealed-value').allInnerTexts()).some((v) => /^1[3-9]\d{9}$/.test(v))).toBe(true);
  // Only the numbers the screen shows reach the browser, and the audit row says so: not the ID number.
  expect(Object.keys(await (await answer).json()).sort()).toEqual(['account_id', 'contact_points']);
  const { rows: audited } = await leeway.withDatabase((client) => client.query(
    `SELECT detail->>'reason' AS reason, detail->'fields' AS fields FROM audit_log WHERE action = 'pii.reveal' AND entity_id = $1`, [String(deceased.id)]));
  expect(audited).toContainEqual({ reason: '手工拨号', fields: ['contact_points'] });
  await page.reload();
  expect(await page.getByTestId('revealed-value').count()).toBe(0);

  // "Promised to pay" logged: the page asks for the amount and date, and leaving first asks, until the promise is recorded.
  await page.goto(`${leeway.url}/workstation/accounts/${promised.id}`);
  await log.getByLabel('结果').selectOption({ label: '承诺还款' });
  await log.getByLabel(/^录音编号/).fill('desk-20260302-0103');
  // Alt+N pressed the moment the banner is on the screen (before the browser paints it), as a quick collector might.
  await page.evaluate(() => {
    const watch = new MutationObserver(() => {
      if (!document.querySelector('[data-testid="promise-offer"]')) return;
      watch.disconnect();
      window.dispatchEvent(new KeyboardEvent('keydown', { code: 'KeyN', key: 'n', altKey: true }));
    });
    watch.observe(document.body, { childList: true, subtree: true });
  });
  const leaving: string[] = [];
  page.once('dialog', (dialog) => { leaving.push(dialog.message()); void dialog.dismiss(); });
  await log.getByRole('button', { name: '保存催记' }).click();
  const offer = page.getByTestId('promise-offer');
  expect(await offer.innerText()).toContain('债务人承诺还款：请在下方“承诺还款”中记下金额和日期');
  await expect.poll(() => leaving).toEqual(['债务人承诺的金额和日期还没有记录。仍要离开这个案件吗？']);
  expect(page.url()).toContain(`/workstation/accounts/${promised.id}`);
  await offer.getByRole('button', { name: '去记录承诺' }).click();
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-shortcut'))).toBe('promise');
  // Typed as a Chinese input method in full-width mode types it.
  await page.keyboard.type('５００．００');
  const { business_date } = await api<{ business_date: string }>('GET', `/api/accounts/${promised.id}/page`);
  await page.getByTestId('promise-form').getByLabel('日期').fill(business_date);
  await page.getByTestId('promise-form').getByRole('button', { name: '记录承诺' }).click();
  await page.getByTestId('promise-row').first().waitFor();
  expect(await page.getByTestId('promise-row').first().innerText()).toContain('¥500.00');
  expect(await offer.count()).toBe(0);
  // Nothing left unsaved: leaving asks nothing.
  page.on('dialog', (dialog) => { leaving.push(dialog.message()); void dialog.dismiss(); });
  await page.getByRole('link', { name: '我的案件' }).click();
  await page.getByRole('heading', { name: '我的案件' }).waitFor();
  expect(leaving).toHaveLength(1);
  await page.close();
});
