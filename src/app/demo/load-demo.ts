import { AppError } from '../../domain/errors.ts';
import { inTransaction } from '../../db/pool.ts';
import { DEMO_PASSWORD, loadDemo, type DemoSummary } from '../../demo/load.ts';

export { DEMO_PASSWORD };
import { findUserByUsername } from '../../db/users-repository.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext, Role } from '../context.ts';


export async function hasPortfolio(ctx: AppContext): Promise<boolean> {
  const { rowCount } = await ctx.pool.query('SELECT 1 FROM creditors LIMIT 1');
  return (rowCount ?? 0) > 0;
}

/** Loads the deterministic demo portfolio into an empty database, in one transaction. */
export async function loadDemoPortfolio(ctx: AppContext, actor: Actor, options: { accounts: number; seed: number }): Promise<DemoSummary> {
  authorize(actor, 'creditors.manage');
  if (await hasPortfolio(ctx)) {
    throw new AppError('CONFLICT', {
      en: 'This database already holds creditors; load the demo into a fresh one (another --data-dir, or an empty DATABASE_URL)',
      zh: '该数据库中已有委托方；请把演示数据加载到新的数据库（换一个 --data-dir，或使用空的 DATABASE_URL）',
    });
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return inTransaction(ctx.pool, (client) => loadDemo(client, ctx.cipher, { ...options, businessDate: businessDate(ctx), passwordHash }));
}

/** The demo users whose password is still the demo password, one per role (and the US desk's): printed at start-up. */
export async function demoLogins(ctx: AppContext): Promise<Array<{ username: string; role: Role }>> {
  const { rows } = await ctx.pool.query<{ username: string; role: Role }>(
    `SELECT DISTINCT ON (role, username LIKE 'us.%') username, role FROM users WHERE active
      ORDER BY role, username LIKE 'us.%', length(username), username`);
  const logins: Array<{ username: string; role: Role }> = [];
  for (const row of rows) {
    const user = await findUserByUsername(ctx.pool, row.username);
    if (user && (await verifyPassword(user.password_hash, DEMO_PASSWORD))) logins.push(row);
  }
  return logins;
}
