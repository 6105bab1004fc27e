import type { Command } from 'commander';
import { CLI_ACTOR } from '../../app/context.ts';
import { printJson } from '../print.ts';
import { positiveInt } from './demo.ts';

export function registerHoldCommands(program: Command): void {
  const holds = program.command('holds').description('holds (停催/缓催) on accounts and debtors');
  holds.command('place')
    .description('place a hold: collection contact stops at once')
    .requiredOption('--account <ID>', 'the account', positiveInt)
    .requiredOption('--kind <KIND>', 'dispute, cease, deceased, bankrupt, attorney, capacity, complaint_review, hardship_review, breathing_space, mental_health_crisis, plan_pending, vulnerable')
    .requiredOption('--reason <TEXT>', 'why')
    .option('--debtor-wide', "hold every account of the account's debtor")
    .option('--from <YYYY-MM-DD>', 'first day (default today)')
    .option('--until <YYYY-MM-DD>', 'last day, inclusive (default: until lifted)')
    .option('--json', 'print {"id"}')
    .action(async (opts: { account: number; kind: string; reason: string; debtorWide?: boolean; from?: string; until?: string; json?: boolean }, command: Command) => {
      const [{ withRuntime }, { placeHold }] = await Promise.all([import('../runtime.ts'), import('../../app/holds/place-hold.ts')]);
      const placed = await withRuntime(command, ({ ctx }) => placeHold(ctx, CLI_ACTOR, opts.account, {
        kind: opts.kind, reason: opts.reason, scope: opts.debtorWide ? 'debtor' : 'account', ...(opts.from ? { startsOn: opts.from } : {}), endsOn: opts.until ?? null,
      }));
      if (opts.json) printJson(placed);
      else process.stdout.write(`Hold ${placed.id} placed (${opts.kind})\n`);
    });
  holds.command('release <ID>')
    .description('lift a hold early')
    .requiredOption('--reason <TEXT>', 'why')
    .action(async (id: string, opts: { reason: string }, command: Command) => {
      const [{ withRuntime }, { releaseHold }] = await Promise.all([import('../runtime.ts'), import('../../app/holds/release-hold.ts')]);
      await withRuntime(command, ({ ctx }) => releaseHold(ctx, CLI_ACTOR, positiveInt(id), opts.reason));
      process.stdout.write(`Hold ${id} lifted\n`);
    });
  holds.command('list')
    .description("an account's holds, with who, when, why and whether in force")
    .requiredOption('--account <ID>', 'the account', positiveInt)
    .option('--json', 'print a JSON array')
    .action(async (opts: { account: number; json?: boolean }, command: Command) => {
      const [{ withRuntime }, { listHolds }] = await Promise.all([import('../runtime.ts'), import('../../app/holds/list-holds.ts')]);
      const rows = await withRuntime(command, ({ ctx }) => listHolds(ctx, CLI_ACTOR, opts.account));
      if (opts.json) { printJson(rows); return; }
      for (const h of rows) {
        process.stdout.write(`${String(h.id).padStart(5)}  ${h.in_force ? 'IN FORCE' : h.released_at ? 'lifted  ' : 'not now '}  ${h.kind.padEnd(18)} ` +
          `${h.starts_on} .. ${h.ends_on ?? 'open'}  ${h.account_id === null ? 'debtor-wide' : 'this account'}  ${h.set_by_name ?? 'cli'}: ${h.reason}\n`);
      }
    });
}
