import fs from 'node:fs';
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
      const { refuseDayToCome } = await import('../../app/business-date.ts');
      const { summary, smsBlockedByRule } = await withRuntime(command, ({ ctx }) => {
        // A run for a day to come would count promises broken before they fall due (the nightly job runs for today).
        refuseDayToCome(ctx, opts.date, { en: 'The strategy', zh: '运行催收策略' });
        return runStrategy(ctx, CLI_ACTOR, opts.date === undefined ? {} : { date: opts.date });
      });
      if (opts.json) { printJson(summary); return; }
      process.stdout.write(`Strategy run for ${summary.date}: ${summary.accounts} open accounts, ${summary.changed} changed, ${summary.seconds} s\n` +
        `Promises: ${summary.promises_kept} kept, ${summary.promises_partial} partially kept, ${summary.promises_broken} broken\n` +
        `SMS reminders: ${summary.sms_queued} queued, ${summary.email_queued} e-mailed instead (no phone that takes SMS), ${summary.sms_blocked} blocked\n`);
      for (const [rule, n] of Object.entries(smsBlockedByRule).sort((a, b) => b[1] - a[1])) process.stdout.write(`  ${rule.padEnd(28)} ${n}\n`);
    });
  const rules = strategy.command('rules').description("a creditor's strategy rules (versioned data; see docs/strategy.md)");
  rules.command('show')
    .description('print the rules in force for a creditor on a date (version 0: the built-in defaults)')
    .requiredOption('--creditor <CODE>', 'creditor code')
    .option('--date <YYYY-MM-DD>', 'the date (default: today)')
    .action(async (opts: { creditor: string; date?: string }, command: Command) => {
      const [{ withRuntime }, { showStrategyRules }, { businessDate }] = await Promise.all([import('../runtime.ts'),
        import('../../app/strategy/set-strategy-rules.ts'), import('../../app/business-date.ts')]);
      printJson(await withRuntime(command, ({ ctx }) => showStrategyRules(ctx, CLI_ACTOR, { creditor: opts.creditor, date: opts.date ?? businessDate(ctx) })));
    });
  rules.command('set')
    .description('save a new version of the rules from a JSON file, in force from a date')
    .requiredOption('--creditor <CODE>', 'creditor code')
    .requiredOption('--from <YYYY-MM-DD>', 'first business date the version applies to')
    .requiredOption('--file <FILE>', 'the rules as JSON')
    .action(async (opts: { creditor: string; from: string; file: string }, command: Command) => {
      const [{ withRuntime }, { setStrategyRules }, { invalidInput }] = await Promise.all([import('../runtime.ts'),
        import('../../app/strategy/set-strategy-rules.ts'), import('../../domain/errors.ts')]);
      let parsed: unknown;
      try { parsed = JSON.parse(fs.readFileSync(opts.file, 'utf8')); } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        throw invalidInput({ en: `Cannot read rules from ${opts.file}: ${why}`, zh: `无法从 ${opts.file} 读取策略规则：${why}` }, 'file');
      }
      printJson(await withRuntime(command, ({ ctx }) => setStrategyRules(ctx, CLI_ACTOR, { creditor: opts.creditor, effectiveFrom: opts.from, rules: parsed })));
    });
}
