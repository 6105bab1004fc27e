import fs from 'node:fs';
import type { Command } from 'commander';
import { CLI_ACTOR } from '../../app/context.ts';
import { printJson } from '../print.ts';

interface StatementOpts { creditor: string; month: string; json?: boolean; out?: string; format?: string; locale?: string }

export function registerStatementCommands(program: Command): void {
  const statements = program.command('statements').description('monthly commission statements (结算单) and the collector incentive report');
  const build = statements.command('build')
    .description("a creditor's statement for a month: the issued one, or a draft of what issuing would freeze")
    .requiredOption('--creditor <CODE>', 'creditor code')
    .requiredOption('--month <YYYY-MM>', 'the month')
    .option('--json', 'print JSON');
  exportOptions(build).action(async (opts: StatementOpts, command: Command) => {
    const [{ withRuntime }, { buildStatement }] = await Promise.all([import('../runtime.ts'), import('../../app/statements/build-statement.ts')]);
    await withRuntime(command, async ({ ctx }) => {
      if (opts.out) { await writeExport(ctx, opts); return; }
      const view = await buildStatement(ctx, CLI_ACTOR, opts);
      if (opts.json) { printJson(view); return; }
      await printStatement(view);
    });
  });
  const issue = statements.command('issue')
    .description('issue (freeze) a month that is over; later corrections go on the next month as adjustments')
    .requiredOption('--creditor <CODE>', 'creditor code')
    .requiredOption('--month <YYYY-MM>', 'the month')
    .option('--json', 'print JSON');
  issue.action(async (opts: StatementOpts, command: Command) => {
    const [{ withRuntime }, { issueStatement }] = await Promise.all([import('../runtime.ts'), import('../../app/statements/issue-statement.ts')]);
    const view = await withRuntime(command, ({ ctx }) => issueStatement(ctx, CLI_ACTOR, opts));
    if (opts.json) printJson(view); else await printStatement(view);
  });
  statements.command('incentives')
    .description('collector incentive report for a month: recovered, commission earned, promises kept, accounts paid off, upheld complaints')
    .requiredOption('--month <YYYY-MM>', 'the month')
    .option('--currency <CNY|USD|GBP>', 'the currency of the amounts, where creditors\' contracts are in several (default: the first of CNY, USD, GBP held)')
    .option('--json', 'print JSON')
    .action(async (opts: { month: string; currency?: string; json?: boolean }, command: Command) => {
      const [{ withRuntime }, { incentiveReport }, { plainYuan }] = await Promise.all([import('../runtime.ts'),
        import('../../app/statements/incentive-report.ts'), import('../../domain/statements/statement.ts')]);
      const report = await withRuntime(command, ({ ctx }) => incentiveReport(ctx, CLI_ACTOR, { month: opts.month, currency: opts.currency?.toUpperCase() }));
      if (opts.json) { printJson(report); return; }
      process.stdout.write(`${'COLLECTOR'.padEnd(16)} ${`RECOVERED ${report.currency}`.padStart(14)} ${'COMMISSION'.padStart(12)} KEPT PAID_OFF UPHELD\n`);
      for (const r of report.rows) {
        process.stdout.write(`${r.username.padEnd(16)} ${plainYuan(r.recovered_fen).padStart(14)} ${plainYuan(r.commission_fen).padStart(12)} ${String(r.promises_kept).padStart(4)} ${String(r.paid_off).padStart(8)} ${String(r.upheld_complaints).padStart(6)}\n`);
      }
    });
}

function exportOptions(command: Command): Command {
  return command.option('--out <FILE>', 'write an export file instead of printing')
    .option('--format <FORMAT>', 'csv, xlsx or pdf (with --out; default: from the file name)')
    .option('--locale <LOCALE>', "zh-CN or en (with --out; default: the bank's, English for a US or UK contract)");
}

async function writeExport(ctx: import('../../app/context.ts').AppContext, opts: StatementOpts): Promise<void> {
  const { exportStatement } = await import('../../app/statements/export-statement.ts');
  const format = opts.format ?? opts.out!.split('.').pop() ?? '';
  const file = await exportStatement(ctx, CLI_ACTOR, { creditor: opts.creditor, month: opts.month, format, locale: opts.locale });
  fs.writeFileSync(opts.out!, file.body);
  process.stdout.write(`Wrote ${opts.out} (${file.body.length} bytes)\n`);
}

async function printStatement(view: import('../../app/statements/build-statement.ts').StatementView): Promise<void> {
  const { plainYuan, formatRate } = await import('../../domain/statements/statement.ts');
  const out = process.stdout;
  out.write(`Statement ${view.creditor} ${view.month} (${view.status}${view.issued_at ? ` ${view.issued_at}` : ''})\n`);
  for (const l of view.lines) {
    out.write(`${String(l.line_no).padStart(4)} ${l.kind === 'adjustment' ? 'ADJ' : '   '} ${l.account_no_mask.padEnd(20)} ${l.paid_on} ${plainYuan(l.amount_fen).padStart(12)} ` +
      `${(l.bucket ?? '').padEnd(3)} ${formatRate(l.rate_bp).padStart(7)} ${plainYuan(l.commission_fen).padStart(10)} ${l.collector_name ?? '-'}\n`);
  }
  out.write(`Recovered ${plainYuan(view.totals.recovered_fen)}  Commission ${plainYuan(view.totals.commission_fen)}  Net due to the bank ${plainYuan(view.totals.net_due_fen)}\n`);
}
