import type { Command } from 'commander';
import { CLI_ACTOR } from '../../app/context.ts';
import { printJson } from '../print.ts';

// Actions import their use cases on demand, so `leeway --help` stays quick.
const load = () => Promise.all([import('../runtime.ts'), import('../../app/users/manage-users.ts')]);

/** `leeway users ...` and `leeway teams ...`: the agency's staff accounts (用户管理) and teams. */
export function registerUserCommands(program: Command): void {
  const users = program.command('users').description('staff accounts (用户): add, list, change, reset a password, stop or restore access');

  users.command('list')
    .description('list staff accounts with their role, team or bank, and open accounts held')
    .option('--json', 'print a JSON array')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const [{ withRuntime }, { listUsers }] = await load();
      const rows = await withRuntime(command, ({ ctx }) => listUsers(ctx, CLI_ACTOR));
      if (opts.json) { printJson(rows); return; }
      const width = Math.max(8, ...rows.map((r) => r.username.length));
      process.stdout.write(`${'USERNAME'.padEnd(width)}  ${'ROLE'.padEnd(13)}  ${'TEAM/BANK'.padEnd(12)}  ACCOUNTS  ACTIVE  NAME\n`);
      for (const r of rows) {
        process.stdout.write(`${r.username.padEnd(width)}  ${r.role.padEnd(13)}  ${(r.team_name ?? r.creditor_code ?? '-').padEnd(12)}  ` +
          `${String(r.accounts).padStart(8)}  ${(r.active ? 'yes' : 'no').padEnd(6)}  ${r.display_name}\n`);
      }
    });

  users.command('add <USERNAME>')
    .description('add a staff account and print its temporary password once, e.g. leeway users add li.na --name 李娜 --role collector --team 武汉一组')
    .requiredOption('--name <NAME>', 'the name colleagues know, e.g. 李娜')
    .requiredOption('--role <ROLE>', 'admin, supervisor, collector or creditor_user')
    .option('--team <TEAM>', 'the team (name or id) of a collector or supervisor')
    .option('--creditor <CODE>', "the bank of a creditor's user")
    .option('--json', 'print {"user", "temporary_password"} as JSON')
    .action(async (username: string, opts: { name: string; role: string; team?: string; creditor?: string; json?: boolean }, command: Command) => {
      const [{ withRuntime }, { addUser }] = await load();
      const team = opts.team !== undefined && /^\d+$/.test(opts.team) ? Number(opts.team) : opts.team;
      const added = await withRuntime(command, ({ ctx }) => addUser(ctx, CLI_ACTOR,
        { username, displayName: opts.name, role: opts.role, team, creditorCode: opts.creditor }));
      if (opts.json) { printJson(added); return; }
      process.stdout.write(`Added ${added.user.username} (${added.user.role}). Temporary password, shown only now: ${added.temporary_password}\n` +
        'Hand it over privately; they change it after signing in (修改密码).\n');
    });

  users.command('update <USERNAME>')
    .description("change a user's name, role, team or bank, e.g. leeway users update li.na --team 武汉二组 (one who holds accounts keeps role and team until they are moved; a change of role or scope ends their sessions)")
    .option('--name <NAME>', 'the name colleagues know')
    .option('--role <ROLE>', 'admin, supervisor, collector or creditor_user')
    .option('--team <TEAM>', 'the team (name or id) of a collector or supervisor')
    .option('--creditor <CODE>', "the bank of a creditor's user")
    .option('--json', 'print {"user"} as JSON')
    .action(async (username: string, opts: { name?: string; role?: string; team?: string; creditor?: string; json?: boolean }, command: Command) => {
      const [{ withRuntime }, { updateUser }] = await load();
      const team = opts.team !== undefined && /^\d+$/.test(opts.team) ? Number(opts.team) : opts.team;
      const result = await withRuntime(command, async ({ ctx }) => updateUser(ctx, CLI_ACTOR, await userIdOf(ctx, username),
        { displayName: opts.name, role: opts.role, team, creditorCode: opts.creditor }));
      if (opts.json) { printJson(result); return; }
      const u = result.user;
      process.stdout.write(`${u.username}: ${u.display_name}, ${u.role}${u.team_name ? `, team ${u.team_name}` : ''}${u.creditor_code ? `, bank ${u.creditor_code}` : ''}\n`);
    });

  users.command('reset-password <USERNAME>')
    .description('give a user a new temporary password (their sessions end)')
    .option('--json', 'print {"temporary_password"} as JSON')
    .action(async (username: string, opts: { json?: boolean }, command: Command) => {
      const [{ withRuntime }, { resetPassword }] = await load();
      const result = await withRuntime(command, async ({ ctx }) => resetPassword(ctx, CLI_ACTOR, await userIdOf(ctx, username)));
      if (opts.json) { printJson(result); return; }
      process.stdout.write(`New temporary password for ${username}, shown only now: ${result.temporary_password}\n`);
    });

  for (const [name, active, what] of [['deactivate', false, 'stop'], ['activate', true, 'restore']] as const) {
    users.command(`${name} <USERNAME>`)
      .description(`${what} a user's access${active ? '' : ' (their sessions end; one who holds accounts is offboarded instead: leeway assignment offboard)'}`)
      .action(async (username: string, _opts: unknown, command: Command) => {
        const [{ withRuntime }, { setActive }] = await load();
        await withRuntime(command, async ({ ctx }) => setActive(ctx, CLI_ACTOR, await userIdOf(ctx, username), active));
        process.stdout.write(`${username}: access ${active ? 'restored' : 'stopped'}\n`);
      });
  }

  const teams = program.command('teams').description('teams (小组) of collectors and their supervisors');
  teams.command('list')
    .description('list teams with their active members')
    .option('--json', 'print a JSON array')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const [{ withRuntime }, { listTeams }] = await load();
      const rows = await withRuntime(command, ({ ctx }) => listTeams(ctx, CLI_ACTOR));
      if (opts.json) { printJson(rows); return; }
      for (const t of rows) process.stdout.write(`${String(t.id).padStart(4)}  ${t.name}  (${t.members} members, ${t.supervisors} supervisors)\n`);
    });
  teams.command('add <NAME>')
    .description('add a team, e.g. leeway teams add 武汉一组')
    .action(async (name: string, _opts: unknown, command: Command) => {
      const [{ withRuntime }, { addTeam }] = await load();
      const team = await withRuntime(command, ({ ctx }) => addTeam(ctx, CLI_ACTOR, { name }));
      process.stdout.write(`Added team ${team.name} (id ${team.id})\n`);
    });
}

/** A user's id from their username, or the usual refusal. */
async function userIdOf(ctx: import('../../app/context.ts').AppContext, username: string): Promise<number> {
  const { findUserByUsername } = await import('../../db/users-repository.ts');
  const { AppError } = await import('../../domain/errors.ts');
  const user = await findUserByUsername(ctx.pool, username.trim().toLowerCase());
  if (!user) throw new AppError('NOT_FOUND', { en: `No user ${username}`, zh: `没有用户 ${username}` });
  return user.id;
}
