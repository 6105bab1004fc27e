import type { Command } from 'commander';
import { CLI_ACTOR } from '../../app/context.ts';
import { printJson } from '../print.ts';
import { positiveInt } from './demo.ts';

/** `leeway cases ...`: settlements, disputes and complaints from the command line (the operator acts as admin). */
export function registerCasesCommands(program: Command): void {
  const cases = program.command('cases').description('settlements and waivers (减免), disputes and complaints (投诉)');

  cases.command('evaluate-settlements')
    .description('judge every agreed settlement against the payments on file: paid as agreed -> settled, a due date missed -> lapsed')
    .option('--date <YYYY-MM-DD>', 'business date to judge on (default today)')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: { date?: string; json?: boolean }, command: Command) => {
      const [{ withRuntime }, { evaluateSettlements }] = await Promise.all([import('../runtime.ts'), import('../../app/cases/evaluate-settlements.ts')]);
      const { refuseDayToCome } = await import('../../app/business-date.ts');
      const run = await withRuntime(command, ({ ctx }) => {
        refuseDayToCome(ctx, opts.date, { en: 'The settlement evaluation', zh: '评估减免方案' });
        return evaluateSettlements(ctx, CLI_ACTOR, opts.date ? { date: opts.date } : {});
      });
      if (opts.json) { printJson(run); return; }
      process.stdout.write(`${run.date}: ${run.settled} settled, ${run.lapsed} lapsed\n`);
      for (const o of run.outcomes) process.stdout.write(`  offer ${o.waiver_id}  account ${o.account_id}  ${o.status}  paid ${o.paid_fen} of ${o.settle_fen} fen\n`);
    });

  cases.command('list')
    .description("an account's settlement offers, disputes and complaints")
    .requiredOption('--account <ID>', 'the account', positiveInt)
    .option('--json', 'print JSON')
    .action(async (opts: { account: number; json?: boolean }, command: Command) => {
      const [{ withRuntime }, { accountCases }] = await Promise.all([import('../runtime.ts'), import('../../app/cases/account-cases.ts')]);
      const view = await withRuntime(command, ({ ctx }) => accountCases(ctx, CLI_ACTOR, opts.account));
      if (opts.json) { printJson(view); return; }
      for (const w of view.waivers) {
        process.stdout.write(`settlement ${w.id}  ${w.status.padEnd(9)}  waive P${w.principal_fen}/I${w.interest_fen}/F${w.fees_fen}  pay ${w.settle_fen} by ${w.due_date}  (${w.approver})\n`);
      }
      for (const c of [...view.disputes, ...view.complaints]) {
        process.stdout.write(`${c.kind.padEnd(9)} ${c.id}  ${c.status.padEnd(8)}  ${c.channel}  ${c.due_on ? `due ${c.due_on}  ` : ''}${c.finding ?? ''} ${c.description}\n`);
      }
    });

  cases.command('upheld-complaints')
    .description("a creditor's upheld complaints, for its report")
    .requiredOption('--creditor <ID>', 'creditor id', positiveInt)
    .option('--from <YYYY-MM-DD>', 'closed on or after')
    .option('--to <YYYY-MM-DD>', 'closed on or before')
    .option('--json', 'print JSON')
    .action(async (opts: { creditor: number; from?: string; to?: string; json?: boolean }, command: Command) => {
      const [{ withRuntime }, { upheldComplaints }] = await Promise.all([import('../runtime.ts'), import('../../app/cases/upheld-complaints.ts')]);
      const rows = await withRuntime(command, ({ ctx }) => upheldComplaints(ctx, CLI_ACTOR, opts.creditor, { from: opts.from ?? null, to: opts.to ?? null }));
      if (opts.json) { printJson(rows); return; }
      for (const r of rows) process.stdout.write(`${r.id}  account ${r.account_no_mask}  ${r.collector_name ?? '-'}  ${r.channel}  ${r.action ?? ''}  ${r.description}\n`);
    });
}
