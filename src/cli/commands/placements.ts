import type { Command } from 'commander';
import { CLI_ACTOR } from '../../app/context.ts';
import { printJson } from '../print.ts';

export function registerPlacementCommands(program: Command): void {
  const placements = program.command('placements').description("a creditor's placements (委案批次): their terms, extending one (延期), keeping chosen accounts past it (留案), recalling at term end (到期退案)");

  placements.command('list')
    .description("list a creditor's placements, the latest first: placed on, last day of the term, days left, and accounts in collection, recalled and finished")
    .requiredOption('--creditor <CODE>', 'creditor code')
    .option('--json', 'print JSON')
    .action(async (opts: { creditor: string; json?: boolean }, command: Command) => {
      const [{ withRuntime }, { listPlacements }] = await Promise.all([import('../runtime.ts'), import('../../app/placements/placements.ts')]);
      const list = await withRuntime(command, ({ ctx }) => listPlacements(ctx, CLI_ACTOR, opts.creditor));
      if (opts.json) { printJson(list); return; }
      if (list.items.length === 0) { process.stdout.write(`${list.creditor} has no placements yet: import a placement file (leeway import placements FILE --creditor ${list.creditor})\n`); return; }
      const width = Math.max(9, ...list.items.map((p) => p.batch_ref.length));
      process.stdout.write(`${'PLACEMENT'.padEnd(width)}  PLACED ON   ENDS ON     DAYS LEFT  ACCOUNTS  COLLECTING  RECALLED  FINISHED  RETAINED\n`);
      for (const p of list.items) {
        const left = p.state === 'ended' ? 'ended' : p.state === 'ending_soon' ? `${p.days_left} (soon)` : String(p.days_left);
        process.stdout.write(`${p.batch_ref.padEnd(width)}  ${p.placed_on}  ${p.ends_on}  ${left.padStart(9)}  ${String(p.accounts).padStart(8)}  `
          + `${String(p.in_collection).padStart(10)}  ${String(p.recalled).padStart(8)}  ${String(p.finished).padStart(8)}  ${String(p.retained).padStart(8)}\n`);
      }
    });

  placements.command('extend <BATCH_REF>')
    .description("extend a placement's term (延期) to a later last day, at the creditor's request, e.g. leeway placements extend HUAYU-20260101 --creditor HUAYU --until 2026-09-30")
    .requiredOption('--creditor <CODE>', 'creditor code')
    .requiredOption('--until <YYYY-MM-DD>', 'the new last day of the term')
    .option('--reason <TEXT>', "why (e.g. the bank's letter of 2026-06-20)")
    .option('--json', 'print JSON')
    .action(async (batchRef: string, opts: { creditor: string; until: string; reason?: string; json?: boolean }, command: Command) => {
      const [{ withRuntime }, { extendPlacement }] = await Promise.all([import('../runtime.ts'), import('../../app/placements/placements.ts')]);
      const done = await withRuntime(command, ({ ctx }) => extendPlacement(ctx, CLI_ACTOR, { creditor: opts.creditor, batchRef, until: opts.until, reason: opts.reason ?? null }));
      if (opts.json) printJson(done);
      else process.stdout.write(`Placement ${done.batch_ref} now ends on ${done.ends_on} (was ${done.was})\n`);
    });

  placements.command('retain [ACCOUNT_NO...]')
    .description("keep accounts past their placement's last day (留案) until a day, at the creditor's request: account numbers as arguments or in a file, one per line")
    .requiredOption('--creditor <CODE>', 'creditor code')
    .requiredOption('--until <YYYY-MM-DD>', 'the day to keep them until')
    .option('--file <FILE>', 'a text file of account numbers, one per line')
    .option('--reason <TEXT>', "why (e.g. the bank's letter of 2026-06-20)")
    .option('--json', 'print JSON')
    .action(async (accountNos: string[], opts: { creditor: string; until: string; file?: string; reason?: string; json?: boolean }, command: Command) => {
      const [{ withRuntime }, { retainAccounts }, fs] = await Promise.all([import('../runtime.ts'), import('../../app/placements/placements.ts'), import('node:fs/promises')]);
      const listed = opts.file === undefined ? [] : (await fs.readFile(opts.file, 'utf8')).split(/\r?\n/);
      const result = await withRuntime(command, ({ ctx }) => retainAccounts(ctx, CLI_ACTOR,
        { creditor: opts.creditor, accountNos: [...accountNos, ...listed], until: opts.until, reason: opts.reason ?? null }));
      if (opts.json) { printJson(result); return; }
      process.stdout.write(`${result.retained.length} accounts kept until ${result.until}\n`);
      for (const r of result.refused) process.stdout.write(`  not kept: ${r.account_no}: ${r.reason}\n`);
    });

  placements.command('recall-ended')
    .description('recall the accounts still in collection of every placement whose term ended before the date (the nightly run does this first)')
    .option('--date <YYYY-MM-DD>', "the business date (default: today in the agency's zone)")
    .option('--json', 'print JSON')
    .action(async (opts: { date?: string; json?: boolean }, command: Command) => {
      const [{ withRuntime }, { recallEndedPlacements, refuseRecallAhead }] = await Promise.all([import('../runtime.ts'), import('../../app/placements/placements.ts')]);
      const run = await withRuntime(command, ({ ctx }) => {
        refuseRecallAhead(ctx, opts.date);
        return recallEndedPlacements(ctx, CLI_ACTOR, opts.date === undefined ? {} : { date: opts.date });
      });
      if (opts.json) { printJson(run); return; }
      if (run.placements.length === 0) { process.stdout.write(`No placement ended before ${run.date} with accounts still in collection\n`); return; }
      for (const p of run.placements) {
        process.stdout.write(`${p.creditor_code} ${p.batch_ref} (ended ${p.ends_on}): ${p.recalled} accounts recalled, ${p.promises_cancelled} open promises ended\n`);
      }
    });
}
