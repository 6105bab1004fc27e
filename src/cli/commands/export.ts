import { createWriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { CLI_ACTOR } from '../../app/context.ts';
import type { ExportFile } from '../../app/exports/files.ts';

interface FileOptions { creditor: string; format: string; locale?: string; encoding: string; out?: string }

/** Files sent back to creditors (docs/exports.md). */
export function registerExportCommands(program: Command): void {
  const exp = program.command('export').description('files sent back to creditors (docs/exports.md)');
  fileCommand(exp, 'contacts', 'contact records for the bank (催记回传): every contact attempt on the creditor\'s accounts, by default yesterday\'s',
    'contacts-<creditor>-<dates>')
    .option('--from <YYYY-MM-DD>', 'the first business date (default: yesterday, or --to)')
    .option('--to <YYYY-MM-DD>', 'the last business date (default: --from, or yesterday); at most 31 days in one file')
    .action(async (opts: FileOptions & { from?: string; to?: string }, command: Command) => {
      const [{ withRuntime }, { exportContactRecords }] = await Promise.all([import('../runtime.ts'), import('../../app/exports/contact-records.ts')]);
      await withRuntime(command, async ({ ctx }) => {
        const file = await exportContactRecords(ctx, CLI_ACTOR, opts);
        await writeFile(file, opts.out, `contact records ${file.from === file.to ? `of ${file.from}` : `from ${file.from} to ${file.to}`}`);
      });
    });
  fileCommand(exp, 'accounts', 'account status for the bank (案件状态回盘): every account the agency holds for the creditor, as it stands now',
    'accounts-<creditor>-<date>')
    .action(async (opts: FileOptions, command: Command) => {
      const [{ withRuntime }, { exportAccountStatus }] = await Promise.all([import('../runtime.ts'), import('../../app/exports/account-status.ts')]);
      await withRuntime(command, async ({ ctx }) => {
        const file = await exportAccountStatus(ctx, CLI_ACTOR, opts);
        await writeFile(file, opts.out, `accounts as of ${file.asOf}`);
      });
    });
  fileCommand(exp, 'recalled', 'the recall list for the bank (退案清单): the creditor\'s accounts recalled over the dates (at the end of their term, by the bank, or on a dispute it did not verify), by default yesterday\'s',
    'recalled-<creditor>-<dates>')
    .option('--from <YYYY-MM-DD>', 'the first recall date (default: yesterday, or --to)')
    .option('--to <YYYY-MM-DD>', 'the last recall date (default: --from, or yesterday); at most 31 days in one file')
    .action(async (opts: FileOptions & { from?: string; to?: string }, command: Command) => {
      const [{ withRuntime }, { exportRecalledAccounts }] = await Promise.all([import('../runtime.ts'), import('../../app/exports/recalled-accounts.ts')]);
      await withRuntime(command, async ({ ctx }) => {
        const file = await exportRecalledAccounts(ctx, CLI_ACTOR, opts);
        await writeFile(file, opts.out, `accounts recalled ${file.from === file.to ? `on ${file.from}` : `from ${file.from} to ${file.to}`}`);
      });
    });
  fileCommand(exp, 'lost-contacts', 'the lost-contact list for a skip-trace vendor (失联名单): account number, name and ID number in clear, and empty columns for the numbers found, to come back through `leeway import contacts`',
    'lost-contacts-<creditor>-<date>')
    .action(async (opts: FileOptions, command: Command) => {
      const [{ withRuntime }, { exportLostContacts }] = await Promise.all([import('../runtime.ts'), import('../../app/exports/lost-contacts.ts')]);
      await withRuntime(command, async ({ ctx }) => {
        const file = await exportLostContacts(ctx, CLI_ACTOR, opts);
        await writeFile(file, opts.out, `lost-contact accounts as of ${file.asOf} (ID numbers in clear: keep it safe)`);
      });
    });
}

/** A file command with what every file takes: the creditor, format, words, a CSV's encoding, and where to write. */
function fileCommand(exp: Command, name: string, description: string, defaultName: string): Command {
  return exp.command(name)
    .description(description)
    .requiredOption('--creditor <CODE>', 'the creditor')
    .option('--format <csv|xlsx>', 'csv (UTF-8 with BOM) or xlsx', 'csv')
    .option('--locale <zh-CN|en>', "the words of the header and values (default: the bank's: English under a US or UK contract, else Chinese)")
    .option('--encoding <utf8|gbk|gb18030>', 'a CSV\'s encoding (GBK writes a character it lacks as ?; GB18030 keeps every one)', 'utf8')
    .option('--out <FILE>', `write here (default: ${defaultName}.<format> in the current directory, mode 0600; - for standard output)`);
}

/** Writes the file (owner-only) or streams it to standard output, and says what was written. */
async function writeFile(file: ExportFile, out: string | undefined, what: string): Promise<void> {
  const target = out ?? file.fileName;
  if (target === '-') {
    await pipeline(file.body as Readable, process.stdout, { end: false });
    return;
  }
  await pipeline(file.body, createWriteStream(target, { mode: 0o600 }));
  process.stderr.write(`Wrote ${target}: ${file.creditor}'s ${what}\n`);
}
