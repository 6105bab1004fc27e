import type { Command } from 'commander';
import { CLI_ACTOR } from '../../app/context.ts';
import { printJson } from '../print.ts';

export function registerStrategyCommands(program: Command): void {
  const strategy = program.command('strategy').description('the nightly strategy run: promises, priorities, next actions, SMS reminders');
  strategy.command('run')
    .description('evaluate due promises and give every open account its bucket, segment, priority and next action for a date; queue the SMS reminders the compliance rules allow')
    .option('--date <YYYY-MM-DD>', "the business date (default: today in the agency's zone)")
    .option('--json', 'print the summary as JSON')
    .action(async (opts: { date?: string; json?: boolean }, command: Command) => {
      const [{ withRuntime }, { runStrategy }] = await Promise.all([import('../runtime.ts'), import('../../app/strategy/run-strategy.ts')]);
      const { summary, smsBlockedByRule } = await withRuntime(command, ({ ctx }) =>
        runStrategy(ctx, CLI_ACTOR, opts.date === undefined ? {} : { date: opts.date }));
      if (opts.json) { printJson(summary); return; }
      process.stdout.write(`Strategy run for ${summary.date}: ${summary.accounts} open accounts, ${summary.changed} changed, ${summary.seconds} s\n` +
        `Promises: ${summary.promises_kept} kept, ${summary.promises_partial} partially kept, ${summary.promises_broken} broken\n` +
        `SMS reminders: ${summary.sms_queued} queued, ${summary.sms_blocked} blocked\n`);
      for (const [rule, n] of Object.entries(smsBlockedByRule).sort((a, b) => b[1] - a[1])) process.stdout.write(`  ${rule.padEnd(28)} ${n}\n`);
    });
}
