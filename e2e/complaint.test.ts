import type { Page } from 'playwright-core';
import { beforeAll, expect, test } from 'vitest';
import { apiAs, signInPage, type Login } from './support/api.ts';
import { useBrowser } from './support/browser.ts';
import { useLeeway } from './support/leeway.ts';

/**
 * A complaint (投诉) in Chromium against the real server and demo portfolio: the collector
 * records it on the account page, the next call is refused and explained, the team's
 * supervisor closes it on the Cases screen, and the call is allowed again. A bank forwards a
 * complaint it received (转办投诉) by the account's full number on its own Cases screen and
 * follows it there. The server's clock starts at 10:00 on a Monday in Shanghai, inside
 * calling hours.
 */
const browser = useBrowser();
const leeway = useLeeway({ demoAccounts: 120, seed: 11, clockStart: '2026-03-02T10:00:00+08:00' });
let collector: Login;

const ACCOUNT_NO = '6222021234567890';
const DEBTOR = '林晓东';
const COMPLAINT = '12378转办：债务人称催收员晚上十点后仍多次来电';

beforeAll(() => { collector = leeway.login('collector'); });

const api = <T>(login: Login, method: string, path: string, body?: unknown) => apiAs<T>(leeway.url, login, method, path, body);

const signIn = (page: Page, login: Login) => signInPage(page, leeway.url, login);

test('complaint opened -> contact refused and explained -> supervisor closes it -> contact allowed', async () => {
  const page = await browser.newPage();
  await signIn(page, collector);
  await page.getByRole('link', { name: '工作台' }).click();
  await page.getByTestId('next-account').click();
  const account = page.getByTestId('account-page');
  await account.waitFor();
  const accountId = Number(await account.getAttribute('data-account-id'));
  await page.getByTestId('call-now').waitFor();
  const history = await page.getByTestId('contact-row').count(); // the demo's calls of the past two weeks

  // The debtor complains by phone: recorded in the account's cases panel; the hold is in force at once.
  const form = page.getByTestId('complaint-form');
  await form.getByLabel('渠道').selectOption({ label: '电话' });
  await form.getByLabel('投诉内容').fill('债务人投诉催收员一天内多次来电');
  await form.getByRole('button', { name: '登记投诉（立即停催）' }).click();
  const complaintRow = page.getByTestId('complaint-list').getByTestId('case-row').first();
  await complaintRow.waitFor();
  expect(await complaintRow.innerText()).toContain('处理中');

  // The next call is refused, and the screen says why.
  const log = page.getByTestId('log-contact-form');
  await log.getByLabel('结果').selectOption({ label: '无人接听' });
  await log.getByRole('button', { name: '保存催记' }).click();
  const refusal = page.getByTestId('contact-refusal');
  await refusal.waitFor();
  expect(await refusal.innerText()).toContain('不允许联系');
  expect(await refusal.innerText()).toContain('投诉处理中');
  expect(await refusal.getByTestId('next-allowed').innerText()).toBe('停催解除之前不可联系。');
  expect(await page.getByTestId('call-now-refusal').innerText()).toContain('投诉处理中');
  expect(await page.getByTestId('contact-row').count()).toBe(history);

  // The team's supervisor finds it on the Cases screen, with its deadline, and closes it.
  const { complaints } = await api<{ complaints: Array<{ id: number; due_on: string }> }>(collector, 'GET', `/api/accounts/${accountId}/cases`);
  const complaint = complaints[0]!;
  expect(complaint.due_on).toBe('2026-03-09'); // 5 Chinese business days after Monday 2 March
  let supervisor: Login | undefined;
  for (const login of leeway.logins.filter((l) => l.role === 'supervisor')) {
    const inbox = await api<{ complaints: Array<{ id: number }> }>(login, 'GET', '/api/cases/inbox');
    if (inbox.complaints.some((c) => c.id === complaint.id)) supervisor = login;
  }
  if (!supervisor) throw new Error("no supervisor's inbox holds the complaint");
  const boss = await browser.newPage();
  await signIn(boss, supervisor);
  await boss.getByRole('link', { name: '投诉与减免' }).click();
  const card = boss.locator(`[data-testid="complaint-card"][data-id="${complaint.id}"]`);
  await card.waitFor();
  expect(await card.innerText()).toContain('2026-03-09 前完成调查');
  // Not late: the deadline is compared with the agency's business date (the server's 2026-03-02), not the browser's clock.
  expect(await card.locator('.cs-due--late').count()).toBe(0);
  // No finding is chosen for the supervisor: closing without one is stopped by the form.
  expect(await card.getByLabel('调查结论').inputValue()).toBe('');
  await card.getByLabel('说明').fill('录音显示来电频次过高，已安排辅导');
  await card.getByRole('button', { name: '结案' }).click();
  expect(await card.getByLabel('调查结论').evaluate((el: HTMLSelectElement) => el.validity.valueMissing)).toBe(true);
  expect(await card.isVisible()).toBe(true);
  await card.getByLabel('调查结论').selectOption({ label: '投诉成立' });
  await card.getByLabel('处理措施').selectOption({ label: '辅导' });
  await card.getByLabel('说明').fill('录音显示来电频次过高，已安排辅导');
  await card.getByRole('button', { name: '结案' }).click();
  await card.waitFor({ state: 'detached' });
  // The card leaves the list, and the screen says what became of it.
  expect(await boss.getByTestId('cases-decided').innerText()).toBe(`投诉 #${complaint.id} 已结案：投诉成立，处理措施：辅导。`);

  // The same screen in English.
  await boss.getByTestId('language-en').click();
  await boss.getByRole('heading', { name: 'Cases', exact: true }).waitFor();
  expect(await boss.getByTestId('cases-screen').innerText()).toContain('Complaints to investigate (0)');
  await boss.getByTestId('language-zh-CN').click();

  // Upheld: it counts on the collector's scorecard.
  await boss.getByRole('link', { name: '工作量与上限' }).click();
  await boss.getByTestId('workload').waitFor();
  expect(await boss.getByTestId('workload').locator('thead').innerText()).toContain('未记录结果的通话');
  expect(await boss.getByTestId('workload').locator('thead').innerText()).toContain('取消的承诺');
  await expect.poll(async () => (await boss.getByTestId('upheld-complaints').allInnerTexts()).includes('1')).toBe(true);

  // Back on the account: the call is allowed and logged.
  await page.reload();
  await page.getByTestId('account-page').waitFor();
  await page.getByTestId('call-now').waitFor();
  await log.getByLabel('结果').selectOption({ label: '无人接听' });
  await log.getByRole('button', { name: '保存催记' }).click();
  await expect.poll(() => page.getByTestId('contact-row').count()).toBe(history + 1);
  expect(await page.getByTestId('contact-refusal').count()).toBe(0);
  expect(await page.getByTestId('complaint-list').innerText()).toContain('投诉成立');
  // The contacts a complaint may be about are offered in words (outcome names, never codes).
  const offered = (await form.getByLabel('被投诉的催记').locator('option').allInnerTexts()).slice(1);
  expect(offered.length).toBeGreaterThan(0);
  expect(offered.every((o) => /^\d{4}-\d\d-\d\d \d\d:\d\d · \S+ · [^a-z]+$/.test(o)), offered.join('\n')).toBe(true);
});

test('bank forwards a complaint by account number: unknown number refused -> recorded, contact refused -> followed on its Cases screen', async () => {
  const admin = leeway.logins.find((l) => l.role === 'admin');
  const bank = leeway.logins.find((l) => l.role === 'creditor_user');
  if (!admin || !bank) throw new Error('startLeeway() lists no admin or no bank user login');
  // The demo names a bank's user bank.<creditor code>.
  const { items: creditors } = await api<{ items: Array<{ code: string }> }>(admin, 'GET', '/api/creditors');
  const creditor = creditors.find((c) => `bank.${c.code.toLowerCase()}` === bank.username);
  if (!creditor) throw new Error(`no creditor for the bank user ${bank.username}`);

  // The bank places an account whose full number the test knows (the demo's are generated).
  const file = ['账号,姓名,身份证号,手机号,本金,逾期日期', `${ACCOUNT_NO},${DEBTOR},11010519491231002X,13800138000,12000.00,2025-11-15`].join('\n');
  const upload = await api<{ id: number }>(admin, 'POST', '/api/imports',
    { kind: 'placements', creditor: creditor.code, file_name: '委案-转办投诉.csv', content_base64: Buffer.from(file).toString('base64') });
  await expect.poll(async () => (await api<{ status: string }>(admin, 'GET', `/api/imports/${upload.id}`)).status).toBe('done');
  expect((await api<{ summary: { inserted: number } }>(admin, 'GET', `/api/imports/${upload.id}`)).summary.inserted).toBe(1);
  const { items: [account] } = await api<{ items: Array<{ id: number; account_no_mask: string }> }>(admin, 'GET', `/api/accounts?q=${ACCOUNT_NO}`);
  if (!account) throw new Error(`the imported account ${ACCOUNT_NO} is not found`);
  expect(account.account_no_mask).toBe('********7890');
  type Decision = { allowed: boolean; reasons: Array<{ rule: string; message_zh: string }> };
  const callCheck = () => api<Decision>(admin, 'GET', `/api/accounts/${account.id}/contact-check?channel=call`);
  expect(await callCheck()).toMatchObject({ allowed: true, reasons: [] });

  const page = await browser.newPage();
  await signIn(page, bank);
  await page.getByRole('link', { name: '投诉与减免' }).click();
  const form = page.getByTestId('forward-complaint-form');
  const accountNo = form.getByLabel('账号');
  const submit = form.getByRole('button', { name: '转办投诉（立即停催）' });

  // A number the bank never placed: said in the screen's language beside the form, the number marked, nothing recorded.
  await accountNo.fill('6222020000000000');
  await form.getByLabel('投诉来源').selectOption({ label: '监管转办' });
  await form.getByLabel('投诉内容').fill(COMPLAINT);
  await submit.click();
  const problem = form.getByRole('alert');
  await problem.waitFor();
  expect(await problem.innerText()).toBe('贵行未委托账号为 ********0000 的账户，请核对账号');
  expect(await accountNo.getAttribute('aria-invalid')).toBe('true');
  expect(await form.getByRole('status').count()).toBe(0);

  // The number as the lists show it, copied from there: the full one is asked for, and where to find it.
  await accountNo.fill('********7890');
  await submit.click();
  await expect.poll(() => problem.innerText()).toBe('********7890 是隐去部分数字的账号（列表中的显示方式）：请填写完整账号，可在贵行系统中查询，'
    + '或在“报表 → 回盘文件 → 案件状态”下载的文件中查到（其中列有本机构为贵行催收的每个账户的完整账号）');
  expect(await accountNo.getAttribute('aria-invalid')).toBe('true');
  expect(await form.getByRole('status').count()).toBe(0);

  // The real number, typed with spaces as it is printed on a card: recorded, contact stops, the form is cleared.
  await accountNo.fill('6222 0212 3456 7890');
  await submit.click();
  const recorded = form.getByRole('status');
  await recorded.waitFor();
  expect(await recorded.innerText()).toBe('已登记投诉，账户 ********7890 已停止催收，催收机构须于 2026-03-09 前答复');
  expect(await problem.count()).toBe(0);
  expect(await accountNo.getAttribute('aria-invalid')).toBeNull();
  expect(await accountNo.inputValue()).toBe('');
  expect(await form.getByLabel('投诉内容').inputValue()).toBe('');
  expect(await form.getByLabel('投诉来源').inputValue()).toBe('creditor');

  // The bank follows it under 处理中的投诉 (the inbox reloaded): read-only, the supervisor closes it.
  const followed = page.getByRole('region', { name: /^处理中的投诉（\d+）$/ });
  const card = followed.getByTestId('followed-complaint-card').filter({ hasText: DEBTOR });
  await card.waitFor();
  const text = await card.innerText();
  for (const part of [`${DEBTOR} · ********7890`, '监管转办', '2026-03-02 登记', '2026-03-09 前完成调查', COMPLAINT]) expect(text).toContain(part);
  expect(await card.locator('form, button, a').count()).toBe(0);

  // As the admin: the account's complaint is the regulator's, open, due in 5 business days, and a call is refused for it.
  const { complaints } = await api<{ complaints: Array<{ id: number; channel: string; status: string; due_on: string; description: string }> }>(
    admin, 'GET', `/api/accounts/${account.id}/cases`);
  expect(complaints).toHaveLength(1);
  expect(complaints[0]).toMatchObject({ channel: 'regulator', status: 'open', due_on: '2026-03-09', description: COMPLAINT });
  expect(await card.getAttribute('data-id')).toBe(String(complaints[0]!.id));
  expect(await callCheck()).toMatchObject({ allowed: false, reasons: [{ rule: 'CN.holds', message_zh: expect.stringContaining('投诉处理中') }] });

  // The same screen in English.
  await page.getByTestId('language-en').click();
  await page.getByRole('heading', { name: 'Forward a complaint', exact: true }).waitFor();
  expect(await recorded.innerText()).toBe('Complaint recorded: collection on ********7890 has stopped; the agency answers by 2026-03-09');
  expect(await followed.count()).toBe(0);
  await page.getByRole('region', { name: /^Complaints being investigated \(\d+\)$/ }).getByTestId('followed-complaint-card').filter({ hasText: DEBTOR }).waitFor();
  expect(await form.getByRole('button', { name: 'Forward (collection stops at once)' }).count()).toBe(1);
  expect(await form.getByLabel('Account number').count()).toBe(1);
  await page.getByTestId('language-zh-CN').click();
});

test("in English the account page's case forms keep to their cards at 1366px, a long contact attempt in the list included", async () => {
  // Another of the demo's collectors (the first one's language stays as the tests before left it).
  const other: Login = { ...collector, username: 'collector2' };
  await api(other, 'PUT', '/api/me/locale', { locale: 'en' });
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  try {
    await signIn(page, other);
    await page.getByRole('link', { name: 'Workstation' }).click();
    await page.getByTestId('next-account').click();
    await page.getByTestId('account-page').waitFor();
    const form = page.getByTestId('complaint-form');
    const attempts = form.getByLabel('Contact attempt complained about');
    // A call logged now: "2026-03-02 10:00 · Call · Connected, party not confirmed" is wider than a third of the page.
    const log = page.getByTestId('log-contact-form');
    await log.getByLabel('Outcome').selectOption({ label: 'Connected, party not confirmed' });
    await log.getByRole('button', { name: 'Log contact' }).click();
    await expect.poll(() => attempts.locator('option').count()).toBeGreaterThan(1);
    for (const testId of ['complaint-form', 'dispute-form', 'settlement-form']) {
      const card = (await page.getByTestId(testId).boundingBox())!;
      for (const field of await page.getByTestId(testId).locator('select, input, textarea, button').all()) {
        const box = (await field.boundingBox())!;
        expect(box.x + box.width, `${testId} ${await field.evaluate((e) => e.outerHTML.slice(0, 60))}`).toBeLessThanOrEqual(card.x + card.width);
      }
    }
  } finally {
    await page.close();
    await api(other, 'PUT', '/api/me/locale', { locale: 'zh-CN' });
  }
});

test("a bank decides on its Cases screen: an offer shows each part against what is owed; returning a disputed account asks first; each decision says what it did", async () => {
  const admin = leeway.login('admin');
  const bank = leeway.login('creditor_user');
  type Listed = { items: Array<{ id: number; account_no_mask: string; status: string }> };
  const { items } = await api<Listed>(bank, 'GET', '/api/accounts?limit=100&status=active');
  const [offered, disputed] = items.filter((a) => a.account_no_mask !== '********7890');
  if (!offered || !disputed) throw new Error('two active accounts of the bank are needed');
  // A settlement that waives ¥100 of the principal and all the interest: principal is the bank's to waive.
  const { balance } = await api<{ balance: { principal_fen: number; interest_fen: number; fees_fen: number } }>(admin, 'GET', `/api/accounts/${offered.id}/cases`);
  const offer = await api<{ id: number; approver: string }>(admin, 'POST', `/api/accounts/${offered.id}/settlements`,
    { principal_fen: 100_00, interest_fen: balance.interest_fen, fees_fen: 0, due_date: '2026-03-20' });
  expect(offer.approver).toBe('creditor');
  const dispute = await api<{ id: number }>(admin, 'POST', `/api/accounts/${disputed.id}/disputes`, { reason: 'wrong_amount', description: '称利息计算有误' });

  const page = await browser.newPage();
  await signIn(page, bank);
  await page.getByRole('link', { name: '投诉与减免' }).click();
  const yuan = (fen: number) => `¥${(fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  const card = page.locator(`[data-testid="settlement-card"][data-id="${offer.id}"]`);
  const interest = balance.interest_fen > 0 ? `全部 ${yuan(balance.interest_fen)} 减免` : `不减免（欠 ${yuan(0)}）`;
  expect(await card.getByTestId('settlement-parts').innerText()).toBe(`本金：减免 ¥100.00 / 欠 ${yuan(balance.principal_fen)}`
    + `（${Math.round(10_000 * 100 / balance.principal_fen)}%）；利息：${interest}；费用：不减免（欠 ${yuan(balance.fees_fen)}）`);
  expect(await card.innerText()).toContain(`欠 ${yuan(balance.principal_fen + balance.interest_fen + balance.fees_fen)}，减免`);

  const disputeCard = page.locator(`[data-testid="dispute-card"][data-id="${dispute.id}"]`);
  await disputeCard.getByLabel('委托方核实结果').fill('已核对账单，金额无误');
  // Returning recalls the account: asked first, and "keep it" keeps it.
  await disputeCard.getByRole('button', { name: '退回委托方' }).click();
  expect(await disputeCard.getByTestId('return-confirm').innerText()).toContain(`把 ${disputed.account_no_mask} 退回委托方？账户将退案、不再催收，此页面无法撤销。`);
  await disputeCard.getByRole('button', { name: '暂不退回' }).click();
  expect(await disputeCard.getByTestId('return-confirm').count()).toBe(0);
  expect((await api<Listed>(bank, 'GET', `/api/accounts?limit=1&q=${disputed.account_no_mask.slice(-4)}`)).items.find((a) => a.id === disputed.id)?.status).not.toBe('recalled');
  await disputeCard.getByRole('button', { name: '债务属实，恢复催收' }).click();
  await expect.poll(() => page.getByTestId('cases-decided').innerText()).toBe(`异议 #${dispute.id}：债务属实，${disputed.account_no_mask} 恢复催收。`);
  await expect.poll(() => disputeCard.count()).toBe(0);
  await page.close();
});
