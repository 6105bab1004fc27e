import type { Command } from 'commander';
import { CLI_ACTOR } from '../../app/context.ts';
import { printJson } from '../print.ts';

/** `leeway nightly`: the night's work by hand, as `leeway start` runs it at 01:30 (src/app/nightly.ts). */
export function registerNightlyCommand(program: Command): void {
  program.command('nightly')
    .description("the night's work, as the server schedules it at 01:30: zones, recalls at term end, plans, settlements, the strategy run and its reminders, "
      + 'queues, month-end, the files for the banks (LEEWAY_EXPORT_DIR), personal data erasure, the backup (LEEWAY_BACKUP_DIR)')
    .option('--date <YYYY-MM-DD>', "the business date (default: today in the agency's zone); not a day to come")
    .option('--json', 'print each step and what it did as JSON')
    .action(async (opts: { date?: string; json?: boolean }, command: Command) => {
      const [{ withRuntime }, { runNightly, nightlyOptionsFromEnv }, { refuseDayToCome }] = await Promise.all([import('../runtime.ts'),
        import('../../app/nightly.ts'), import('../../app/business-date.ts')]);
      const steps = await withRuntime(command, ({ ctx }) => {
        // As `strategy run`: a night for a day to come would count promises broken before they fall due.
        refuseDayToCome(ctx, opts.date, { en: "The night's work", zh: '运行夜间任务' });
        return runNightly(ctx, CLI_ACTOR, { ...nightlyOptionsFromEnv(), ...(opts.date === undefined ? {} : { date: opts.date }) },
          opts.json ? undefined : (step) => process.stdout.write(`${step.step.padEnd(12)} ${step.message}: ${brief(step.detail)}\n`));
      });
      if (opts.json) printJson(Object.fromEntries(steps.map((s) => [s.step, s.detail])));
    });
}

/** A step's figures on one line: its numbers, dates and names (lists and records inside left to --json). */
function brief(detail: Record<string, unknown>): string {
  return Object.entries(detail).filter(([, v]) => typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean')
    .map(([k, v]) => `${k} ${String(v)}`).join(', ');
}
