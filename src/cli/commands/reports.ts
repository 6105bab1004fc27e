import type { Command } from 'commander';
import { CLI_ACTOR } from '../../app/context.ts';
import { amountColumn, percent, toCsv, yuan } from '../../domain/reports/csv.ts';
import { printJson } from '../print.ts';

interface Common { creditor?: string; from?: string; to?: string; json?: boolean; csv?: boolean; currency?: string }

const pct = (bp: number | null) => (bp === null ? '-' : `${percent(bp)}%`);

function common(command: Command, period: 'month' | 'date'): Command {
  const shape = period === 'month' ? '<YYYY-MM>' : '<YYYY-MM-DD>';
  return command
    .option('--creditor <CODE>', 'only this creditor')
    .option(`--from ${shape}`, period === 'month' ? 'first placement month' : 'first day (default: first of this month)')
    .option(`--to ${shape}`, period === 'month' ? 'last placement month' : 'last day (default: today)')
    .option('--json', 'print the report as JSON')
    .option('--csv', 'print the report as CSV (money in yuan, dollars or pounds, rates in percent)');
}

/** Reports of money: one currency at a time where creditors' contracts are in several. */
function money(command: Command): Command {
  return command.option('--currency <CNY|USD|GBP>', 'the currency of the amounts, where creditors\' contracts are in several (default: the first of CNY, USD, GBP held)');
}

function options(opts: Common): { creditor?: string; from?: string; to?: string; currency?: string } {
  return { ...(opts.creditor ? { creditor: opts.creditor } : {}), ...(opts.from ? { from: opts.from } : {}), ...(opts.to ? { to: opts.to } : {}),
    ...(opts.currency ? { currency: opts.currency.toUpperCase() } : {}) };
}

/** Reports: recovery, vintages, roll rates, contact funnel, compliance (docs/reports.md). */
export function registerReportCommands(program: Command): void {
  const reports = program.command('reports').description('recovery rates, vintages, roll rates, contact funnel and compliance reports');

  money(common(reports.command('recovery').description('recovery (liquidation) rate = recovered / placed balance, by a dimension'), 'month'))
    .option('--by <DIMENSION>', 'creditor, region, bucket, placement_month or collector', 'creditor')
    .action(async (opts: Common & { by: string }, command: Command) => {
      const [{ withRuntime }, { recoveryReport }] = await Promise.all([import('../runtime.ts'), import('../../app/reports/recovery.ts')]);
      const r = await withRuntime(command, ({ ctx }) => recoveryReport(ctx, CLI_ACTOR, { ...options(opts), by: opts.by }));
      if (opts.json) { printJson(r); return; }
      const rows = [...r.lines.map((l) => [l.key, l.label, l.accounts, yuan(l.placed_fen), l.payments, yuan(l.recovered_fen), percent(l.recovery_rate_bp)]),
        ['total', '', r.total.accounts, yuan(r.total.placed_fen), r.total.payments, yuan(r.total.recovered_fen), percent(r.total.recovery_rate_bp)]];
      if (opts.csv) { process.stdout.write(toCsv([r.by, 'label', 'accounts', amountColumn('placed', r.currency), 'payments', amountColumn('recovered', r.currency), 'recovery_rate_pct'], rows)); return; }
      process.stdout.write(`Recovery by ${r.by}${r.creditor ? ` for ${r.creditor}` : ''} (${r.currency})\n`);
      for (const row of rows) {
        process.stdout.write(`${String(row[1] || row[0]).padEnd(24)} ${String(row[2]).padStart(9)} accounts  placed ${String(row[3]).padStart(16)}` +
          `  recovered ${String(row[5]).padStart(14)}  ${row[6] === null ? '-' : `${row[6]}%`}\n`);
      }
    });

  money(common(reports.command('vintages').description('cumulative recovery rate of each placement month by months since placement'), 'month'))
    .action(async (opts: Common, command: Command) => {
      const [{ withRuntime }, { vintageReport }] = await Promise.all([import('../runtime.ts'), import('../../app/reports/vintages.ts')]);
      const r = await withRuntime(command, ({ ctx }) => vintageReport(ctx, CLI_ACTOR, options(opts)));
      if (opts.json) { printJson(r); return; }
      const rows = r.curves.flatMap((c) => c.points.map((p) => [c.placement_month, p.months_since, c.accounts, yuan(c.placed_fen), yuan(p.recovered_fen),
        yuan(p.cumulative_fen), percent(p.cumulative_rate_bp)]));
      if (opts.csv) { process.stdout.write(toCsv(['placement_month', 'months_since', 'accounts', amountColumn('placed', r.currency), amountColumn('recovered', r.currency), amountColumn('cumulative', r.currency), 'cumulative_rate_pct'], rows)); return; }
      for (const c of r.curves) process.stdout.write(`${c.placement_month} (${c.accounts} accounts, ${yuan(c.placed_fen)}): ${c.points.map((p) => pct(p.cumulative_rate_bp)).join(' ')}\n`);
    });

  common(reports.command('roll-rates').description('share of accounts moving bucket to bucket between month-end snapshots'), 'month')
    .action(async (opts: Common, command: Command) => {
      const [{ withRuntime }, { rollRateReport }] = await Promise.all([import('../runtime.ts'), import('../../app/reports/roll-rates.ts')]);
      const r = await withRuntime(command, ({ ctx }) => rollRateReport(ctx, CLI_ACTOR, options(opts)));
      if (opts.json) { printJson(r); return; }
      const rows = r.months.flatMap((m) => m.rows.flatMap((row) => row.cells.map((c) => [m.month, row.from, c.to, c.accounts, percent(c.share_bp), m.as_of])));
      if (opts.csv) { process.stdout.write(toCsv(['month', 'from_bucket', 'to_bucket', 'accounts', 'share_pct', 'as_of'], rows)); return; }
      if (r.months.length === 0) process.stdout.write('No roll rates yet: they need two month-end snapshots (leeway reports month-end --month YYYY-MM)\n');
      for (const m of r.months) {
        process.stdout.write(`${m.month} (as of ${m.as_of ?? '?'}, ${m.source ?? ''})\n`);
        for (const row of m.rows) {
          process.stdout.write(`  ${row.from.padEnd(4)} ${String(row.accounts).padStart(8)}  forward ${pct(row.roll_forward_bp).padStart(7)}  cured ${pct(row.cured_bp).padStart(7)}  ` +
            `${row.cells.map((c) => `${c.to} ${pct(c.share_bp)}`).join(', ')}\n`);
        }
      }
    });

  common(reports.command('funnel').description('contact funnel: attempts -> right-party contacts -> promises -> kept -> paid in full'), 'date')
    .action(async (opts: Common, command: Command) => {
      const [{ withRuntime }, { contactFunnel }] = await Promise.all([import('../runtime.ts'), import('../../app/reports/contact-funnel.ts')]);
      const r = await withRuntime(command, ({ ctx }) => contactFunnel(ctx, CLI_ACTOR, options(opts)));
      if (opts.json) { printJson(r); return; }
      const rows = r.steps.map((s) => [s.stage, s.count, percent(s.from_previous_bp), percent(s.from_attempts_bp)]);
      if (opts.csv) { process.stdout.write(toCsv(['stage', 'count', 'from_previous_pct', 'from_attempts_pct'], rows)); return; }
      process.stdout.write(`Contact funnel ${r.from} .. ${r.to}${r.creditor ? ` for ${r.creditor}` : ''}\n`);
      for (const s of r.steps) process.stdout.write(`  ${s.stage.padEnd(12)} ${String(s.count).padStart(10)}  ${pct(s.from_previous_bp).padStart(8)}\n`);
    });

  common(reports.command('compliance').description('refused attempts by rule, suspensions in force, complaints per 1,000 accounts'), 'date')
    .action(async (opts: Common, command: Command) => {
      const [{ withRuntime }, { complianceReport }] = await Promise.all([import('../runtime.ts'), import('../../app/reports/compliance-report.ts')]);
      const r = await withRuntime(command, ({ ctx }) => complianceReport(ctx, CLI_ACTOR, options(opts)));
      if (opts.json) { printJson(r); return; }
      if (opts.csv) {
        process.stdout.write(toCsv(['figure', 'key', 'value'], [
          ['refused_attempts', '', r.refused_attempts], ...r.refused_by_rule.map((x) => ['refused_by_rule', x.rule, x.refused]),
          ['suspensions_in_force', '', r.suspensions_in_force.length], ['accounts', '', r.accounts], ['complaints', '', r.complaints],
          ['upheld_complaints', '', r.upheld_complaints], ['complaints_per_1000', '', r.complaints_per_1000], ['upheld_per_1000', '', r.upheld_per_1000]]));
        return;
      }
      process.stdout.write(`Compliance ${r.from} .. ${r.to}${r.creditor ? ` for ${r.creditor}` : ''}\n` +
        `Refused attempts: ${r.refused_attempts}\n${r.refused_by_rule.map((x) => `  ${x.rule.padEnd(28)} ${x.refused}\n`).join('')}` +
        `Suspensions in force: ${r.suspensions_in_force.length}\n${r.suspensions_in_force.map((s) => `  ${s.scope} ${s.code} ${s.from_date}..${s.to_date ?? ''} ${s.reason}\n`).join('')}` +
        `Complaints: ${r.complaints} (${r.complaints_per_1000 ?? '-'} per 1,000 accounts), upheld ${r.upheld_complaints} (${r.upheld_per_1000 ?? '-'} per 1,000) of ${r.accounts} accounts\n`);
    });

  common(reports.command('language-access').description("by language: accounts collected on and employees who collected, for creditors under a US contract (New York City's rules)"), 'date')
    .action(async (opts: Common, command: Command) => {
      const [{ withRuntime }, { languageAccessReport }] = await Promise.all([import('../runtime.ts'), import('../../app/reports/language-access.ts')]);
      const r = await withRuntime(command, ({ ctx }) => languageAccessReport(ctx, CLI_ACTOR, options(opts)));
      if (opts.json) { printJson(r); return; }
      const name = (language: string | null) => language ?? 'not recorded';
      if (opts.csv) {
        process.stdout.write(toCsv(['language', 'accounts', 'employees', 'attempts'], [
          ...r.languages.map((l) => [name(l.language), l.accounts, l.employees, l.attempts]),
          ['other than English', r.other_than_english.accounts, r.other_than_english.employees, '']]));
        return;
      }
      process.stdout.write(`Language access ${r.from} .. ${r.to}${r.creditor ? ` for ${r.creditor}` : ''} (creditors under a US contract)\n`
        + `  ${'language'.padEnd(14)} ${'accounts'.padStart(9)} ${'employees'.padStart(10)} ${'attempts'.padStart(9)}\n`
        + r.languages.map((l) => `  ${name(l.language).padEnd(14)} ${String(l.accounts).padStart(9)} ${String(l.employees).padStart(10)} ${String(l.attempts).padStart(9)}\n`).join('')
        + `Other than English: ${r.other_than_english.accounts} accounts, ${r.other_than_english.employees} employees\n`);
    });

  reports.command('month-end')
    .description('take (again) the month-end bucket snapshot of a month and its roll counts (the nightly job does the current month)')
    .option('--month <YYYY-MM>', 'the month (default: this month, as of today)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { month?: string; json?: boolean }, command: Command) => {
      const [{ withRuntime }, { takeMonthEndSnapshot }] = await Promise.all([import('../runtime.ts'), import('../../app/reports/take-month-end.ts')]);
      const r = await withRuntime(command, ({ ctx }) => takeMonthEndSnapshot(ctx, CLI_ACTOR, opts.month ? { month: opts.month } : {}));
      if (opts.json) { printJson(r); return; }
      process.stdout.write(`Month-end ${r.month} as of ${r.as_of}: ${r.accounts} accounts (${r.source}), ${r.rolls} roll counts, ${r.seconds} s\n`);
      if (r.pruned.length) process.stdout.write(`Snapshots pruned (their roll counts stay): ${r.pruned.join(', ')}\n`);
    });
}
