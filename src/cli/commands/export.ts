import { createWriteStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import { CLI_ACTOR } from '../../app/context.ts';

/** Files sent back to creditors (docs/exports.md). */
export function registerExportCommands(program: Command): void {
  const exp = program.command('export').description('files sent back to creditors (docs/exports.md)');
  exp.command('contacts')
    .description('contact records for the bank (催记回传): every contact attempt on the creditor\'s accounts, by default yesterday\'s')
    .requiredOption('--creditor <CODE>', 'the creditor')
    .option('--from <YYYY-MM-DD>', 'the first business date (default: yesterday, or --to)')
    .option('--to <YYYY-MM-DD>', 'the last business date (default: --from, or yesterday); at most 31 days in one file')
    .option('--format <csv|xlsx>', 'csv (UTF-8 with BOM) or xlsx', 'csv')
    .option('--locale <zh-CN|en>', 'the words of the header and values', 'zh-CN')
    .option('--encoding <utf8|gbk>', 'a CSV\'s encoding', 'utf8')
    .option('--out <FILE>', 'write here (default: contacts-<creditor>-<dates>.<format> in the current directory; - for standard output)')
    .action(async (opts: { creditor: string; from?: string; to?: string; format: string; locale: string; encoding: string; out?: string }, command: Command) => {
      const [{ withRuntime }, { exportContactRecords }] = await Promise.all([import('../runtime.ts'), import('../../app/exports/contact-records.ts')]);
      await withRuntime(command, async ({ ctx }) => {
        const file = await exportContactRecords(ctx, CLI_ACTOR, opts);
        const target = opts.out ?? file.fileName;
        await writeOut(file.body, target);
        if (target !== '-') process.stderr.write(`Wrote ${target}: ${file.creditor}'s contact records ${file.from === file.to ? `of ${file.from}` : `from ${file.from} to ${file.to}`}\n`);
      });
    });
  exp.command('accounts')
    .description('account status for the bank (案件状态回盘): every account the agency holds for the creditor, as it stands now')
    .requiredOption('--creditor <CODE>', 'the creditor')
    .option('--format <csv|xlsx>', 'csv (UTF-8 with BOM) or xlsx', 'csv')
    .option('--locale <zh-CN|en>', 'the words of the header and values', 'zh-CN')
    .option('--encoding <utf8|gbk>', 'a CSV\'s encoding', 'utf8')
    .option('--out <FILE>', 'write here (default: accounts-<creditor>-<date>.<format> in the current directory; - for standard output)')
    .action(async (opts: { creditor: string; format: string; locale: string; encoding: string; out?: string }, command: Command) => {
      const [{ withRuntime }, { exportAccountStatus }] = await Promise.all([import('../runtime.ts'), import('../../app/exports/account-status.ts')]);
      await withRuntime(command, async ({ ctx }) => {
        const file = await exportAccountStatus(ctx, CLI_ACTOR, opts);
        await writeOut(file.body, opts.out ?? file.fileName);
        if (opts.out !== '-') process.stderr.write(`Wrote ${opts.out ?? file.fileName}: ${file.creditor}'s accounts as of ${file.asOf}\n`);
      });
    });
  exp.command('lost-contacts')
    .description('the lost-contact list for a skip-trace vendor (失联名单): account number, name and ID number in clear, and empty columns for the numbers found, to come back through `leeway import contacts`')
    .requiredOption('--creditor <CODE>', 'the creditor')
    .option('--format <csv|xlsx>', 'csv (UTF-8 with BOM) or xlsx', 'csv')
    .option('--locale <zh-CN|en>', 'the words of the header', 'zh-CN')
    .option('--encoding <utf8|gbk>', 'a CSV\'s encoding', 'utf8')
    .option('--out <FILE>', 'write here (default: lost-contacts-<creditor>-<date>.<format> in the current directory, mode 0600; - for standard output)')
    .action(async (opts: { creditor: string; format: string; locale: string; encoding: string; out?: string }, command: Command) => {
      const [{ withRuntime }, { exportLostContacts }] = await Promise.all([import('../runtime.ts'), import('../../app/exports/lost-contacts.ts')]);
      await withRuntime(command, async ({ ctx }) => {
        const file = await exportLostContacts(ctx, CLI_ACTOR, opts);
        await writeOut(file.body, opts.out ?? file.fileName);
        if (opts.out !== '-') process.stderr.write(`Wrote ${opts.out ?? file.fileName}: ${file.creditor}'s lost-contact accounts as of ${file.asOf} (ID numbers in clear: keep it safe)\n`);
      });
    });
}

async function writeOut(body: Readable, target: string): Promise<void> {
  if (target === '-') await pipeline(body, process.stdout, { end: false });
  else await pipeline(body, createWriteStream(target, { mode: 0o600 }));
}
