import { beforeAll, expect, test } from 'vitest';
import { apiAs, signInPage, type Login } from './support/api.ts';
import { useBrowser } from './support/browser.ts';
import { useLeeway } from './support/leeway.ts';

/**
 * Hardship end to end in Chromium against the real server and demo portfolio: a collector
 * records a hardship application on the account page (collection contact stops at once),
 * the creditor's user approves it on changed terms in the hardship inbox, and the account
 * page shows the plan active and the account in plan. Clock: Monday 2 March 2026, 10:00.
 */
const browser = useBrowser();
const leeway = useLeeway({ demoAccounts: 120, seed: 11, clockStart: '2026-03-02T10:00:00+08:00' });
let collector: Login;

beforeAll(() => { collector = leeway.login('collector'); });

const api = <T>(who: Login, method: string, path: string, body?: unknown) => apiAs<T>(leeway.url, who, method, path, body);

async function signIn(who: Login) {
  const page = await browser.newPage();
  await signInPage(page, leeway.url, who);
  return page;
}

test('a collector submits hardship, the creditor user approves it in the inbox, and the plan shows active on the account', async () => {
  // An active account of the collector's; its bank's user is bank.<code> in the demo.
  const { items } = await api<{ items: Array<{ id: number; status: string; creditor_code: string; principal_fen: number; interest_fen: number; fees_fen: number }> }>(
    collector, 'GET', '/api/accounts?limit=200');
  const account = items.find((a) => a.status === 'active')!;
  const bankUser: Login = { username: `bank.${account.creditor_code.toLowerCase()}`, password: collector.password, role: 'creditor_user' };

  const page = await signIn(collector);
  await page.getByRole('link', { name: '工作台' }).waitFor();
  await page.goto(`${leeway.url}/workstation/accounts/${account.id}`);
  await page.getByTestId('call-now').waitFor();
  const form = page.getByTestId('hardship-form');
  await form.getByLabel('原因').selectOption({ label: '失业' });
  // An income that leaves a whole month's balance after essentials: the plan is affordable whatever the demo balance.
  const balanceYuan = Math.ceil((account.principal_fen + account.interest_fen + account.fees_fen) / 100);
  await form.getByLabel('月收入').fill(String(balanceYuan + 2000));
  await form.getByLabel('每月必要支出').fill('2,000.00');
  // Terms that cannot be quoted are said in words, before the server is asked: the longest plan is the bank's contract's when it allows less than 60 months.
  const { account: limits } = await api<{ account: { instalment_max: number; instalment_max_set_by: string } }>(collector, 'GET', `/api/accounts/${account.id}/hardship`);
  await form.getByLabel(/^期数/).fill('61');
  await form.getByTestId('hardship-quote-button').click();
  expect(await form.getByRole('alert').innerText()).toBe(limits.instalment_max_set_by === 'contract'
    ? `按该银行的委托合同，分期最长 ${limits.instalment_max} 个月：期数须为 1 到 ${limits.instalment_max} 之间的整数`
    : '期数须为 1 到 60 之间的整数');
  await form.getByLabel(/^期数/).fill('12');
  await form.getByTestId('hardship-quote-button').click();
  expect(await form.getByRole('alert').innerText()).toBe('请填写首期还款日');
  await form.getByLabel('首期还款日').fill('2026-04-15');
  await form.getByLabel('债务人自述').fill('快递站点关停后失业，找到新工作前只能少量还款');
  await form.locator('input[type=file]').setInputFiles({ name: '解除劳动合同证明.pdf', mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n%%EOF\n') });
  await form.getByTestId('hardship-quote-button').click();
  await page.getByTestId('hardship-quote').waitFor();
  expect(await page.getByTestId('hardship-quote').innerText()).toContain('共 12 期');
  await form.getByRole('button', { name: '提交委托方审批' }).click();

  // Contact stops at once: the account page now explains the refusal; the application waits.
  await page.getByTestId('call-now-refusal').waitFor();
  await expect.poll(() => page.getByTestId('application-status').first().innerText()).toBe('待审批');
  expect(await page.getByTestId('hardship-applications').innerText()).toContain('解除劳动合同证明.pdf');

  // The creditor's user decides in the hardship inbox, on 24 months instead of 12.
  const { applications: [submitted] } = await api<{ applications: Array<{ id: number; debtor_name: string; account_no_mask: string;
    requested_plan: { instalment_fen: number; last_instalment_fen: number } }> }>(
    collector, 'GET', `/api/accounts/${account.id}/hardship`);
  const bank = await signIn(bankUser);
  await bank.getByRole('link', { name: '停息挂账审批' }).click();
  // The bank was told it waits for its decision, in words (never a message key).
  const notice = bank.getByTestId('inbox-notifications').locator('li').filter({ hasText: `停息挂账申请 ${submitted!.id} ` });
  await expect.poll(() => notice.innerText()).toContain('停息挂账申请待审批：');
  expect(await bank.getByTestId('inbox-notifications').innerText()).not.toContain('hardship.notices');
  // The notices are banners, as on the account's panel: no list bullet hanging outside them.
  expect(await bank.getByTestId('inbox-notifications').evaluate((ul) => getComputedStyle(ul).listStyleType)).toBe('none');
  const row = bank.locator(`[data-testid="inbox-row"][data-application-id="${submitted!.id}"]`);
  // With no application open the list takes the screen's width, and a heading is not one character a line.
  const inboxWidth = await bank.locator('.hs-inbox').evaluate((el) => el.getBoundingClientRect().width);
  expect(await bank.getByTestId('inbox').evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(inboxWidth * 0.9);
  const numberHeading = bank.getByTestId('inbox').getByRole('columnheader', { name: '编号' });
  expect(await numberHeading.evaluate((th) => { const r = document.createRange(); r.selectNodeContents(th); return r.getClientRects().length; })).toBe(1);
  await row.getByRole('button', { name: `查看申请（编号 ${submitted!.id}）` }).click();
  const detail = bank.getByTestId('application-detail');
  expect(await detail.innerText()).toContain('快递站点关停后失业');
  // Headed by whose application it is; who recorded it named once.
  expect(await detail.getByRole('heading', { level: 2 }).innerText()).toMatch(/的停息挂账申请\s+待审批$/);
  expect((await detail.getByRole('heading', { level: 2 }).innerText()).startsWith(`${submitted!.debtor_name}（账户 ${submitted!.account_no_mask}）的停息挂账申请`)).toBe(true);
  expect(await detail.getByTestId('detail-recorded-by').innerText()).not.toContain('·');
  // 12 instalments of the principal: when the split leaves a remainder, the last instalment's amount is shown too.
  const uneven = submitted!.requested_plan.last_instalment_fen !== submitted!.requested_plan.instalment_fen;
  expect(await detail.getByTestId('plan-terms').first().innerText()).toMatch(uneven ? /^12 期，自 2026-04-15 起：每期 ¥[\d,.]+，末期 ¥[\d,.]+/ : /^12 期 × /);
  expect(await detail.getByTestId('affordability').innerText()).toMatch(/^可负担/);
  // The bank decides on the balance by part, and sees what a waiver it ticks gives up.
  expect(await detail.getByTestId('detail-owed').innerText()).toMatch(/^本金 ¥[\d,.]+ · 利息 ¥[\d,.]+ · 费用 ¥[\d,.]+/);
  const approve = detail.getByTestId('approve-form');
  await approve.getByRole('checkbox', { name: '利息' }).check();
  await expect.poll(() => detail.getByTestId('detail-waived').innerText()).toMatch(/^减免金额 ¥[\d,.]+$/);
  await approve.getByRole('checkbox', { name: '利息' }).uncheck();
  await approve.getByLabel('期数').fill('24');
  await approve.getByLabel('审批意见').fill('同意24期');
  await approve.getByRole('button', { name: '批准' }).click();
  await expect.poll(() => detail.getByTestId('detail-status').innerText()).toBe('已批准');
  // Decided: the notice no longer waits in the inbox.
  await expect.poll(() => notice.count()).toBe(0);

  // Back on the account page: the plan is active and the account is in plan.
  await page.reload();
  await page.getByTestId('hardship-plans').waitFor();
  expect(await page.getByTestId('plan-status').first().innerText()).toBe('履约中');
  await expect.poll(() => page.getByTestId('account-status').innerText()).toBe('分期还款中');
  expect(await page.getByTestId('hardship-plans').innerText()).toContain('已还 0/24 期');
  // The application still says what the debtor asked for (12 instalments), and beside it what the bank granted (24).
  const application = page.getByTestId('hardship-application').first();
  expect(await application.getByTestId('plan-terms').first().innerText()).toMatch(/^12 期/);
  expect(await application.getByTestId('granted-terms').innerText()).toMatch(/^批准方案: 24 期/);
  // The promises section lists the plan, and does not say 无 above it for want of a promise.
  const promisesAndPlans = page.getByRole('region', { name: '承诺、分期与回拨' });
  expect(await promisesAndPlans.innerText()).toContain('分期还款计划');
  expect(await promisesAndPlans.locator('p.muted').filter({ hasText: /^无$/ }).count()).toBe(0);
  expect(await page.getByTestId('hardship-timeline').innerText()).toMatch(/提交申请[\s\S]*批准/);
  // Who acted is named as people know them, never by a login or an id.
  expect(await page.getByTestId('hardship-timeline').innerText()).not.toMatch(/debtor:\d|collector\d|bank\./);
});

test("the system's own words on the timeline (a plan paid off) are in the reader's language", async () => {
  const { items } = await api<{ items: Array<{ id: number; status: string; creditor_code: string; principal_fen: number; interest_fen: number; fees_fen: number }> }>(
    collector, 'GET', '/api/accounts?limit=200');
  const account = items.filter((a) => a.status === 'active')[1]!;
  const bankUser: Login = { username: `bank.${account.creditor_code.toLowerCase()}`, password: collector.password, role: 'creditor_user' };
  const admin = leeway.logins.find((l) => l.role === 'admin')!;
  // A one-instalment plan, approved as asked and paid off at once: the system completes it and says so on the timeline.
  const { application_id: id } = await api<{ application_id: number }>(collector, 'POST', `/api/accounts/${account.id}/hardship`, {
    reason: 'illness', statement: '住院治疗，出院后一次还清', plan: { months: 1, first_due_date: '2026-03-31', waive: [] }, evidence: [] });
  const { plan_id: planId } = await api<{ plan_id: number }>(bankUser, 'POST', `/api/hardship/applications/${id}/approve`, {});
  await api(admin, 'POST', '/api/payments', { account_id: account.id, amount_fen: account.principal_fen + account.interest_fen + account.fees_fen, paid_on: '2026-03-02' });

  const page = await signIn(collector);
  await page.getByRole('link', { name: '工作台' }).waitFor();
  await page.goto(`${leeway.url}/workstation/accounts/${account.id}`);
  const timeline = page.getByTestId('hardship-timeline');
  await expect.poll(() => timeline.innerText()).toContain(`分期计划 ${planId} 已于 2026-03-02 全部还清`);
  expect(await timeline.innerText()).not.toContain('every instalment paid');
  // What a person typed shows as typed, in either language.
  expect(await timeline.innerText()).toContain('住院治疗，出院后一次还清');
  await page.getByTestId('language-en').click();
  await expect.poll(() => timeline.innerText()).toContain(`Plan ${planId} completed on 2026-03-02: every instalment paid`);
  expect(await timeline.innerText()).not.toContain('全部还清');
  expect(await timeline.innerText()).toContain('住院治疗，出院后一次还清');
  // Back to Chinese for the collector's later sign-ins: the choice is saved on the server.
  await page.getByTestId('language-zh-CN').click();
  await page.close();
});

test('an admin opens a hardship programme for a suspension and the covered account\'s form starts from it', async () => {
  const admin = leeway.logins.find((l) => l.role === 'admin')!;
  const { items } = await api<{ items: Array<{ id: number; status: string }> }>(collector, 'GET', '/api/accounts?limit=200');
  const account = items.filter((a) => a.status === 'active').at(-1)!;
  await api(admin, 'POST', '/api/suspensions', { scope: 'account', code: String(account.id), from: '2026-03-02', reason: '山洪灾害' });

  const page = await signIn(admin);
  await page.getByRole('link', { name: '停息挂账审批' }).click();
  const programmes = page.getByTestId('hardship-programmes');
  await programmes.getByLabel('对应的区域停催').selectOption({ label: `山洪灾害 · account ${account.id} · 2026-03-02` });
  await programmes.getByLabel(/证明说明/).fill('县应急管理局灾情通报');
  await programmes.getByRole('button', { name: '开启专项' }).click();
  await programmes.getByText('县应急管理局灾情通报').waitFor();

  const desk = await signIn(collector);
  await desk.getByRole('link', { name: '工作台' }).waitFor();
  await desk.goto(`${leeway.url}/workstation/accounts/${account.id}`);
  const form = desk.getByTestId('hardship-form');
  await form.getByTestId('hardship-programme').getByRole('button', { name: '按专项填写' }).click();
  expect(await form.getByLabel('原因').inputValue()).toBe('disaster');
  expect(await form.getByLabel('证明材料说明').inputValue()).toBe('县应急管理局灾情通报');

  // The flood is over for these debtors: the admin closes the programme; new forms no longer offer it.
  await programmes.getByRole('button', { name: /^结束专项 山洪灾害/ }).click();
  await expect.poll(() => programmes.getByText('县应急管理局灾情通报').count()).toBe(0);
  await desk.reload();
  await desk.getByTestId('hardship-form').waitFor();
  expect(await desk.getByTestId('hardship-form').getByTestId('hardship-programme').count()).toBe(0);
});
