import type { Command } from 'commander';
import { CLI_ACTOR } from '../../app/context.ts';
import { printJson } from '../print.ts';

/** Personal data erasure once the entrustment ends (docs/privacy.md). */
export function registerPrivacyCommands(program: Command): void {
  const privacy = program.command('privacy').description('personal data once the entrustment ends (docs/privacy.md)');
  privacy.command('erase')
    .description('erase the personal data of every debtor whose accounts all left the agency longer ago than the retention period, and delete uploads\' errors files older than 30 days (the nightly run does it too)')
    .option('--dry-run', 'count what would be erased (the same counts as a real run) and change nothing; may look ahead with --date')
    .option('--date <YYYY-MM-DD>', 'the business date to judge on (default today)')
    .option('--json', 'print {"business_date", "dry_run", "due", "debtors", "accounts", "contact_points", "contact_notes", "messages", "hardship_statements", "evidence_files", "portal_actions", "import_errors_files"}')
    .action(async (opts: { dryRun?: boolean; date?: string; json?: boolean }, command: Command) => {
      const [{ withRuntime }, { erasePersonalData }] = await Promise.all([import('../runtime.ts'), import('../../app/privacy/erase-personal-data.ts')]);
      const run = await withRuntime(command, ({ ctx }) => erasePersonalData(ctx, CLI_ACTOR,
        { dryRun: opts.dryRun === true, ...(opts.date === undefined ? {} : { date: opts.date }) }));
      if (opts.json) { printJson(run); return; }
      const what = `${run.accounts} account numbers, ${run.contact_points} phones and addresses, ${run.contact_notes} contact notes, ` +
        `${run.messages} messages, ${run.hardship_statements} hardship statements, ${run.evidence_files} evidence files, ${run.portal_actions} portal actions`;
      if (run.dry_run) {
        process.stdout.write(`${run.due} debtors due for erasure on ${run.business_date}; a run would erase their ${what}, ` +
          `and delete ${run.import_errors_files} errors files of uploads older than 30 days; nothing changed (--dry-run)\n`);
        return;
      }
      process.stdout.write(`Erased the personal data of ${run.debtors} debtors on ${run.business_date}: ${what}; ` +
        `deleted ${run.import_errors_files} errors files of uploads older than 30 days\n`);
    });
}
