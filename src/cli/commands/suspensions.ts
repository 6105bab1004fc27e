import type { Command } from 'commander';
import { CLI_ACTOR } from '../../app/context.ts';
import { invalidInput } from '../../domain/errors.ts';
import { printJson } from '../print.ts';
import { positiveInt } from './demo.ts';

export function registerSuspensionCommands(program: Command): void {
  program.command('suspend')
    .description('suspend collection contact (区域停催) over a region, a creditor or an account, on inclusive local dates; resumes by itself after --to')
    .option('--region <CODE>', 'GB/T 2260 code, e.g. 420000 (Hubei) or 420100 (Wuhan)')
    .option('--creditor <CODE>', 'a creditor code')
    .option('--account <ID>', 'an account id')
    .requiredOption('--from <YYYY-MM-DD>', 'first day (may be in the past: attempts already made inside are listed)')
    .option('--to <YYYY-MM-DD>', 'last day (default: until ended with `leeway suspensions end`)')
    .requiredOption('--reason <TEXT>', 'why, e.g. the event')
    .option('--json', 'print {"suspension", "attempts_in_window", "promises_ended"} as JSON')
    .action(async (opts: { region?: string; creditor?: string; account?: string; from: string; to?: string; reason: string; json?: boolean }, command: Command) => {
      const given = (['region', 'creditor', 'account'] as const).filter((k) => opts[k] !== undefined);
      if (given.length !== 1) throw invalidInput({ en: 'Give exactly one of --region, --creditor or --account', zh: '请在 --region、--creditor、--account 中只指定一个' }, 'scope');
      const scope = given[0]!;
      const [{ withRuntime }, { createSuspension }] = await Promise.all([import('../runtime.ts'), import('../../app/suspensions/create-suspension.ts')]);
      const result = await withRuntime(command, ({ ctx }) => createSuspension(ctx, CLI_ACTOR, { scope, code: opts[scope]!, from: opts.from, to: opts.to ?? null, reason: opts.reason }));
      if (opts.json) { printJson(result); return; }
      const s = result.suspension;
      process.stdout.write(`Suspension ${s.id}: ${s.scope} ${s.code} from ${s.from_date} ${s.to_date ? `to ${s.to_date}` : 'until ended'} (${s.reason})\n`);
      if (result.promises_ended) process.stdout.write(`${result.promises_ended} open promises falling due meanwhile were ended (never counted broken).\n`);
      if (result.attempts_in_window.length) {
        process.stdout.write(`${result.attempts_in_window.length} contact attempts were already made inside this window; review them:\n`);
        for (const a of result.attempts_in_window.slice(0, 50)) {
          process.stdout.write(`  attempt ${a.id}  account ${a.account_id} (${a.creditor_code})  ${a.at.toISOString()}  ${a.channel}  ${a.outcome}  ${a.collector_name ?? ''}\n`);
        }
      }
    });

  const suspensions = program.command('suspensions').description('list or end suspensions');
  suspensions.command('list')
    .description('suspensions and their state today (scheduled, in_force, over, ended)')
    .option('--all', 'include ended ones')
    .option('--json', 'print a JSON array')
    .action(async (opts: { all?: boolean; json?: boolean }, command: Command) => {
      const [{ withRuntime }, { listSuspensions }] = await Promise.all([import('../runtime.ts'), import('../../app/suspensions/list-suspensions.ts')]);
      const rows = await withRuntime(command, ({ ctx }) => listSuspensions(ctx, CLI_ACTOR, { includeEnded: opts.all ?? false }));
      if (opts.json) { printJson(rows); return; }
      if (!rows.length) { process.stdout.write('No suspensions\n'); return; }
      for (const s of rows) process.stdout.write(`${String(s.id).padStart(5)}  ${s.state.padEnd(9)} ${s.scope.padEnd(8)} ${s.code.padEnd(10)} ${s.from_date} .. ${s.to_date ?? 'open'}  ${s.reason}\n`);
    });
  suspensions.command('end <ID>')
    .description('end a suspension now')
    .option('--json', 'print the ended suspension as JSON')
    .action(async (id: string, opts: { json?: boolean }, command: Command) => {
      const [{ withRuntime }, { endSuspension }] = await Promise.all([import('../runtime.ts'), import('../../app/suspensions/end-suspension.ts')]);
      const ended = await withRuntime(command, ({ ctx }) => endSuspension(ctx, CLI_ACTOR, positiveInt(id)));
      if (opts.json) printJson(ended);
      else process.stdout.write(`Ended suspension ${ended.id} (${ended.scope} ${ended.code})\n`);
    });
}
