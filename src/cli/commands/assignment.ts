import { InvalidArgumentError, type Command } from 'commander';
import { CLI_ACTOR } from '../../app/context.ts';
import { printJson } from '../print.ts';

function accountIds(value: string): number[] {
  const ids = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (ids.length === 0 || ids.some((id) => !/^\d{1,15}$/.test(id) || Number(id) < 1)) {
    throw new InvalidArgumentError(`"${value}" is not a list of account ids (e.g. 12 or 12,15,40)`);
  }
  return ids.map(Number);
}

function days(value: string): number {
  if (!/^\d{1,3}$/.test(value)) throw new InvalidArgumentError(`"${value}" is not a number of days`);
  return Number(value);
}

/** Territories (片区), dealing (分案), moves (调案) and turnover (转单). */
export function registerAssignmentCommands(program: Command): void {
  const territories = program.command('territories').description('territories (片区): creditor x region prefix -> team');
  territories.command('set')
    .description('map a creditor\'s region (GB/T 2260 prefix, 2-6 digits) to a team; the longest matching prefix wins')
    .requiredOption('--creditor <CODE>', 'creditor code')
    .requiredOption('--region <PREFIX>', 'region code prefix, e.g. 42 (Hubei) or 4201 (Wuhan)')
    .requiredOption('--team <TEAM>', 'team id or name')
    .option('--json', 'print the territory as JSON')
    .action(async (opts: { creditor: string; region: string; team: string; json?: boolean }, command: Command) => {
      const [{ withRuntime }, { setTerritory }] = await Promise.all([import('../runtime.ts'), import('../../app/assignment/territories.ts')]);
      const t = await withRuntime(command, ({ ctx }) => setTerritory(ctx, CLI_ACTOR, { creditorCode: opts.creditor, regionPrefix: opts.region, team: opts.team }));
      if (opts.json) { printJson(t); return; }
      process.stdout.write(`Territory ${t.creditor_code} ${t.region_prefix} -> ${t.team_name}` +
        `${t.previous_team_id !== null && t.previous_team_id !== t.team_id ? ` (was team ${t.previous_team_id})` : ''}\n`);
    });
  territories.command('list')
    .description('every territory, by creditor and region')
    .option('--creditor <CODE>', 'only this creditor')
    .option('--json', 'print a JSON array')
    .action(async (opts: { creditor?: string; json?: boolean }, command: Command) => {
      const [{ withRuntime }, { listTerritoriesFor }] = await Promise.all([import('../runtime.ts'), import('../../app/assignment/territories.ts')]);
      const rows = await withRuntime(command, ({ ctx }) => listTerritoriesFor(ctx, CLI_ACTOR, opts.creditor ? { creditorCode: opts.creditor } : {}));
      if (opts.json) { printJson(rows); return; }
      if (rows.length === 0) process.stdout.write('No territories yet: leeway territories set --creditor CODE --region PREFIX --team TEAM\n');
      for (const t of rows) process.stdout.write(`${t.creditor_code.padEnd(12)} ${t.region_prefix.padEnd(7)} ${(t.region_name ?? '').padEnd(10)} -> ${t.team_name}\n`);
    });

  territories.command('remove')
    .description('remove a territory: accounts already dealt stay with their collectors; new ones in the region are left unassigned')
    .requiredOption('--creditor <CODE>', 'creditor code')
    .requiredOption('--region <PREFIX>', 'the territory\'s region code prefix')
    .option('--json', 'print {"creditor_code", "region_prefix", "team_id"}')
    .action(async (opts: { creditor: string; region: string; json?: boolean }, command: Command) => {
      const [{ withRuntime }, { removeTerritory }] = await Promise.all([import('../runtime.ts'), import('../../app/assignment/territories.ts')]);
      const t = await withRuntime(command, ({ ctx }) => removeTerritory(ctx, CLI_ACTOR, { creditorCode: opts.creditor, regionPrefix: opts.region }));
      if (opts.json) { printJson(t); return; }
      process.stdout.write(`Removed territory ${t.creditor_code} ${t.region_prefix} (was team ${t.team_id}); accounts already dealt stay with their collectors\n`);
    });

  const assign = program.command('assign').description('dealing (分案) and moving (调案) accounts');
  assign.command('deal')
    .description('deal every open, unassigned account to the collectors of its territory\'s team')
    .option('--creditor <CODE>', 'only this creditor\'s accounts')
    .option('--rebalance', 'also deal again, within their territory\'s team, accounts whose collector is outside it (after a territory was re-pointed)')
    .option('--json', 'print {"creditor", "accounts", "dealt", "kept", "no_territory", "no_collector", "moved", "teams", "seconds"}')
    .action(async (opts: { creditor?: string; rebalance?: boolean; json?: boolean }, command: Command) => {
      const [{ withRuntime }, { dealUnassignedAccounts }] = await Promise.all([import('../runtime.ts'), import('../../app/assignment/deal-accounts.ts')]);
      const s = await withRuntime(command, ({ ctx }) => dealUnassignedAccounts(ctx, CLI_ACTOR,
        { ...(opts.creditor ? { creditorCode: opts.creditor } : {}), rebalance: opts.rebalance === true }));
      if (opts.json) { printJson(s); return; }
      process.stdout.write((opts.rebalance
        ? `Rebalanced ${s.accounts} open accounts in ${s.seconds} s: ${s.moved} moved from another team, ${s.dealt} dealt in all, ${s.kept} already in their territory's team`
        : `Dealt ${s.dealt} of ${s.accounts} accounts to deal in ${s.seconds} s${s.kept ? ` (${s.kept} placed again kept with their owner)` : ''}`) +
        `${s.no_territory ? `; ${s.no_territory} in no territory` : ''}${s.no_collector ? `; ${s.no_collector} in a team without active collectors` : ''}\n`);
      for (const t of s.teams) process.stdout.write(`  ${t.team_name.padEnd(16)} ${String(t.accounts).padStart(7)} accounts to ${t.collectors} collectors\n`);
    });
  assign.command('move')
    .description('move accounts to a collector (调案), with a reason; open promises and callbacks follow')
    .requiredOption('--account <ID[,ID...]>', 'account id(s)', accountIds)
    .requiredOption('--to <USER>', 'receiving collector (username or id)')
    .requiredOption('--reason <TEXT>', 'why the accounts move')
    .option('--credit-days <N>', 'credit window for promises the old owner took (default: contract term, else 7)', days)
    .option('--json', 'print the result as JSON')
    .action(async (opts: { account: number[]; to: string; reason: string; creditDays?: number; json?: boolean }, command: Command) => {
      const [{ withRuntime }, { moveAccounts }] = await Promise.all([import('../runtime.ts'), import('../../app/assignment/move-accounts.ts')]);
      const r = await withRuntime(command, ({ ctx }) => moveAccounts(ctx, CLI_ACTOR, { accountIds: opts.account, to: opts.to, reason: opts.reason, creditDays: opts.creditDays ?? null }));
      if (opts.json) { printJson(r); return; }
      process.stdout.write(`Moved ${r.moved.length} account(s) to ${r.to.username}${r.unchanged.length ? ` (${r.unchanged.length} already theirs)` : ''}; ` +
        `${r.promises_carried} open promise(s) carried, ${r.promise_credits} credit window(s) opened\n`);
    });

  assign.command('history')
    .description("an account's assignment history: who held it, when, and why it moved")
    .requiredOption('--account <ID>', 'the account', (v: string) => accountIds(v)[0]!)
    .option('--json', 'print a JSON array')
    .action(async (opts: { account: number; json?: boolean }, command: Command) => {
      const [{ withRuntime }, { listAssignmentHistory }] = await Promise.all([import('../runtime.ts'), import('../../app/assignment/assignment-history.ts')]);
      const rows = await withRuntime(command, ({ ctx }) => listAssignmentHistory(ctx, CLI_ACTOR, opts.account));
      if (opts.json) { printJson(rows); return; }
      for (const h of rows) {
        process.stdout.write(`${h.assigned_at.toISOString()} .. ${h.ended_at ? h.ended_at.toISOString() : 'now'.padEnd(24)}  ` +
          `${h.collector_username.padEnd(16)} ${h.team_name.padEnd(12)} ${(h.kind ?? '').padEnd(8)} ${h.reason}\n`);
      }
    });

  const collectors = program.command('collectors').description('collectors and turnover');
  collectors.command('offboard <USER>')
    .description('turnover (转单): move every account of a departing collector to a user or a team (dealt), carry promises and callbacks, deactivate and sign out; one transaction')
    .requiredOption('--to <TEAM|USER>', 'receiving user or team; write user:NAME or team:NAME when a name is both')
    .option('--reason <TEXT>', 'why (kept in the assignment history)')
    .option('--credit-days <N>', 'credit window for promises they took (default: contract term, else 7)', days)
    .option('--json', 'print the result as JSON')
    .action(async (user: string, opts: { to: string; reason?: string; creditDays?: number; json?: boolean }, command: Command) => {
      const [{ withRuntime }, { offboardCollector, resolveOffboardTarget }] = await Promise.all([import('../runtime.ts'), import('../../app/assignment/offboard-collector.ts')]);
      const r = await withRuntime(command, async ({ ctx }) => offboardCollector(ctx, CLI_ACTOR, {
        user, to: await resolveOffboardTarget(ctx, opts.to), creditDays: opts.creditDays ?? null, ...(opts.reason ? { reason: opts.reason } : {}) }));
      if (opts.json) { printJson(r); return; }
      const finished = r.accounts_finished > 0 ? ` (${r.accounts - r.accounts_finished} being collected, ${r.accounts_finished} finished)` : '';
      process.stdout.write(`${r.user.username} offboarded: ${r.accounts} account(s)${finished} to ${r.to.kind} ${r.to.name}; ` +
        `${r.promises_carried} open promise(s) and ${r.callbacks_carried ?? 0} callback(s) carried, ${r.promise_credits} credit window(s) opened; signed out and deactivated\n`);
      for (const c of r.by_collector) process.stdout.write(`  ${c.username.padEnd(16)} ${String(c.accounts).padStart(6)}\n`);
    });
}
