import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import { apiAs, signInPage, type Login } from './support/api.ts';
import { useBrowser } from './support/browser.ts';
import { useLeeway } from './support/leeway.ts';

/**
 * User management (用户管理) and Change password (修改密码) in Chromium against the real server:
 * the agency admin adds a collector to a team and reads the temporary password, shown once; the
 * collector signs in with it and changes it (a mismatched repeat is refused on the page); a taken
 * username is refused beside the form; a collector without accounts is deactivated (and can no
 * longer sign in) and activated again; their password is reset; a team is added.
 */
const browser = useBrowser();
const leeway = useLeeway({ demoAccounts: 60, seed: 5, clockStart: '2026-03-02T10:00:00+08:00' });
const admin = (): Login => leeway.login('admin');

let serial = 0;
/** A username no other test uses. */
const freshName = (stem: string) => `${stem}.${Date.now().toString(36)}${serial++}`;

interface StaffUser { id: number; username: string; role: string; team_id: number | null; active: boolean }
interface Team { id: number; name: string; members: number; supervisors: number }

/** A collector added straight through the API, with its temporary password. */
async function addCollector(displayName: string): Promise<{ user: StaffUser; password: string }> {
  const { items: teams } = await apiAs<{ items: Team[] }>(leeway.url, admin(), 'GET', '/api/teams');
  const username = freshName('cui');
  const created = await apiAs<{ user: StaffUser; temporary_password: string }>(leeway.url, admin(), 'POST', '/api/users',
    { username, display_name: displayName, role: 'collector', team_id: teams[0]!.id });
  return { user: created.user, password: created.temporary_password };
}

async function openUsers(page: Page): Promise<void> {
  await signInPage(page, leeway.url, admin());
  await page.getByRole('link', { name: '用户管理' }).click();
  await page.getByTestId('users-table').waitFor();
}

const row = (page: Page, username: string) => page.locator(`[data-testid="user-row"][data-username="${username}"]`);

test('the admin adds a collector and reads the temporary password once; the collector signs in with it, changes it and signs in with the new one', async () => {
  const page = await browser.newPage();
  await openUsers(page);
  const form = page.getByTestId('add-user-form');
  const username = freshName('li.na');
  await form.getByLabel('用户名').fill(username);
  await form.getByLabel('姓名').fill('李娜');
  await form.getByLabel('角色').selectOption({ label: '催收员' });
  const team = form.getByLabel('所属小组');
  await expect.poll(async () => team.locator('option').count()).toBeGreaterThan(0);
  await team.selectOption({ index: 0 });
  const teamName = (await team.locator('option').first().innerText()).trim();
  await form.getByRole('button', { name: '添加用户' }).click();

  const box = page.getByTestId('temporary-password');
  await box.waitFor();
  expect(await box.getAttribute('role')).toBe('status');
  expect(await box.innerText()).toContain('只显示这一次');
  const temporary = (await box.getByTestId('temporary-password-value').innerText()).trim();
  expect(temporary).toMatch(/^\S{10,}$/);
  expect(await page.getByTestId('add-user-problem').count()).toBe(0);

  const added = row(page, username);
  await added.waitFor();
  const cells = await added.locator('th, td').allInnerTexts();
  expect(cells.slice(0, 7).map((c) => c.trim())).toEqual([username, '李娜', '催收员', teamName, '0', '启用', '从未登录']);

  // The collector, in a browser of their own, with the temporary password.
  const collector: Login = { username, password: temporary, role: 'collector' };
  const own = await browser.newPage();
  await signInPage(own, leeway.url, collector);
  // Until they set their own, the password form is the only screen: no other is offered (the server refuses the rest).
  await own.getByTestId('password-form').waitFor();
  expect(await own.getByRole('link', { name: '工作台' }).count()).toBe(0);
  const notice = own.getByTestId('temporary-password-notice');
  expect(await notice.innerText()).toContain('您正在使用管理员设置的临时密码');
  await notice.getByRole('link', { name: '修改密码' }).click();
  const pw = own.getByTestId('password-form');
  await pw.waitFor();
  expect(await pw.getByLabel('当前密码').getAttribute('autocomplete')).toBe('current-password');
  expect(await pw.getByLabel('新密码', { exact: true }).getAttribute('autocomplete')).toBe('new-password');

  // The two new ones differ: refused on the page, in Chinese, before anything is sent.
  const sent: string[] = [];
  own.on('request', (r) => { if (r.url().includes('/api/me/password')) sent.push(r.method()); });
  const fresh = 'Spring-tea-2026';
  await pw.getByLabel('当前密码').fill(temporary);
  await pw.getByLabel('新密码', { exact: true }).fill(fresh);
  await pw.getByLabel('再次输入新密码').fill('Spring-tea-2025');
  await pw.getByRole('button', { name: '修改密码' }).click();
  const problem = own.getByTestId('password-problem');
  await problem.waitFor();
  expect(await problem.innerText()).toBe('两次输入的新密码不一致，请重新输入。');
  expect(await pw.getByLabel('再次输入新密码').getAttribute('aria-invalid')).toBe('true');
  expect(sent).toEqual([]);

  await pw.getByLabel('再次输入新密码').fill(fresh);
  await pw.getByRole('button', { name: '修改密码' }).click();
  await own.getByTestId('password-changed').waitFor();
  expect(await own.getByTestId('password-changed').getAttribute('role')).toBe('status');
  await own.getByRole('link', { name: '工作台' }).click();
  await own.getByTestId('current-user').waitFor();
  expect(await own.getByTestId('temporary-password-notice').count()).toBe(0);
  expect(await problem.count()).toBe(0);
  expect(sent).toEqual(['PUT']);

  await own.getByRole('button', { name: '退出登录' }).click();
  await signInPage(own, leeway.url, { ...collector, password: temporary });
  await own.getByTestId('signin-error').waitFor();
  await signInPage(own, leeway.url, { ...collector, password: fresh });
  await own.getByRole('link', { name: '工作台' }).waitFor();
  expect(await own.getByTestId('current-user').innerText()).toContain('李娜');
});

test('a username already taken is refused beside the form, the username field marked', async () => {
  const { user } = await addCollector('王芳');
  const page = await browser.newPage();
  await openUsers(page);
  const form = page.getByTestId('add-user-form');
  // The server lower-cases usernames: the same name in capitals is the same name.
  await form.getByLabel('用户名').fill(user.username.toUpperCase());
  await form.getByLabel('姓名').fill('王芳');
  await form.getByLabel('角色').selectOption({ label: '催收员' });
  await expect.poll(async () => form.getByLabel('所属小组').locator('option').count()).toBeGreaterThan(0);
  await form.getByRole('button', { name: '添加用户' }).click();
  const problem = page.getByTestId('add-user-problem');
  await problem.waitFor();
  expect(await problem.getAttribute('role')).toBe('alert');
  expect(await problem.innerText()).toBe(`用户名 ${user.username} 已被使用，请换一个`);
  expect(await form.getByLabel('用户名').getAttribute('aria-invalid')).toBe('true');
  expect(await form.getByLabel('姓名').getAttribute('aria-invalid')).toBeNull();
  expect(await page.getByTestId('temporary-password').count()).toBe(0);
  expect(await row(page, user.username).count()).toBe(1);
});

test('a collector without accounts is deactivated (and cannot sign in) and activated again; a password reset; a team is added', async () => {
  const { user, password } = await addCollector('赵磊');
  const collector: Login = { username: user.username, password, role: 'collector' };
  const page = await browser.newPage();
  await openUsers(page);
  const target = row(page, user.username);
  await target.getByRole('button', { name: `停用 ${user.username}` }).click();
  // Asked again first (it signs them out at once); only the second click stops their access.
  const confirmStop = target.getByTestId('deactivate-confirm');
  expect(await confirmStop.innerText()).toContain(`停用 ${user.username}？其登录会立即失效`);
  expect((await target.getByTestId('user-status').innerText()).trim()).not.toBe('停用');
  await confirmStop.getByRole('button', { name: '停用', exact: true }).click();
  await expect.poll(async () => (await target.getByTestId('user-status').innerText()).trim()).toBe('停用');
  expect(await target.getByTestId('user-row-problem').count()).toBe(0);

  const own = await browser.newPage();
  await signInPage(own, leeway.url, collector);
  const refusal = own.getByTestId('signin-error');
  await refusal.waitFor();
  expect(await refusal.innerText()).toBe('用户名或密码错误。');

  await target.getByRole('button', { name: `启用 ${user.username}` }).click();
  await expect.poll(async () => (await target.getByTestId('user-status').innerText()).trim()).toBe('启用');
  await signInPage(own, leeway.url, collector);
  await own.getByTestId('password-form').waitFor();   // still the temporary password

  // A reset is asked once more in place; the new temporary password replaces the old one.
  await target.getByRole('button', { name: `重置 ${user.username} 的密码` }).click();
  const confirm = target.getByTestId('reset-confirm');
  await confirm.waitFor();
  expect(await confirm.innerText()).toContain(`重置 ${user.username} 的密码？`);
  await confirm.getByRole('button', { name: '确认重置' }).click();
  const reset = (await target.getByTestId('reset-temporary-password-value').innerText()).trim();
  expect(reset).not.toBe(password);
  await signInPage(own, leeway.url, collector);
  expect(await own.getByTestId('signin-error').innerText()).toBe('用户名或密码错误。');
  await signInPage(own, leeway.url, { ...collector, password: reset });
  await own.getByTestId('password-form').waitFor();

  // A team: it shows in the list with no one in it yet.
  const name = `催收${Date.now().toString(36)}组`;
  const teamForm = page.getByTestId('add-team-form');
  await teamForm.getByLabel('小组名称').fill(name);
  await teamForm.getByRole('button', { name: '添加小组' }).click();
  const teamRow = page.getByTestId('team-row').filter({ hasText: name });
  await teamRow.waitFor();
  expect((await teamRow.locator('th, td').allInnerTexts()).map((c) => c.trim())).toEqual([name, '0', '0']);
  // Adding it again is refused beside the team form.
  await teamForm.getByLabel('小组名称').fill(name);
  await teamForm.getByRole('button', { name: '添加小组' }).click();
  await page.getByTestId('add-team-problem').waitFor();
  expect(await page.getByTestId('add-team-problem').innerText()).toBe(`已有名为“${name}”的小组`);
  expect(await teamForm.getByLabel('小组名称').getAttribute('aria-invalid')).toBe('true');
  // And the new team is offered when adding a user.
  await page.getByTestId('add-user-form').getByLabel('角色').selectOption({ label: '催收员' });
  await expect.poll(async () => page.getByTestId('add-user-form').getByLabel('所属小组').locator('option').allInnerTexts()).toContain(name);

  // The collector moves to the new team (they hold no accounts), in place in their row.
  await target.getByRole('button', { name: `修改 ${user.username}` }).click();
  const editForm = target.getByTestId('edit-user-form');
  await editForm.getByLabel('所属小组').selectOption({ label: name });
  await editForm.getByRole('button', { name: '保存' }).click();
  await expect.poll(async () => (await target.locator('td').nth(2).innerText()).trim()).toBe(name);
  await expect.poll(async () => (await teamRow.locator('th, td').allInnerTexts()).map((c) => c.trim())).toEqual([name, '1', '0']);
});
