import fs from 'node:fs';
import type { Command } from 'commander';
import { CLI_ACTOR } from '../../app/context.ts';
import { printJson } from '../print.ts';

export function registerLetterCommands(program: Command): void {
  const letters = program.command('letters').description('letters to post: the US validation notices (债务确认通知)');
  letters.command('validation-notices')
    .description("a US creditor's validation notices (12 CFR 1006.34) as one PDF: one for every open account that has had none; each recorded as sent")
    .requiredOption('--creditor <CODE>', 'creditor code (its contract must be under the US pack)')
    .requiredOption('--out <FILE>', 'where to write the PDF')
    .option('--json', 'print a JSON summary')
    .action(async (opts: { creditor: string; out: string; json?: boolean }, command: Command) => {
      const [{ withRuntime }, { printValidationNotices }] = await Promise.all([import('../runtime.ts'), import('../../app/letters/print-validation-notices.ts')]);
      const printed = await withRuntime(command, ({ ctx }) => printValidationNotices(ctx, CLI_ACTOR, { creditor: opts.creditor }));
      if (printed.file) fs.writeFileSync(opts.out, printed.file.body);
      const summary = { date: printed.date, printed: printed.printed, already: printed.already, refused: printed.refused, file: printed.file ? opts.out : null };
      if (opts.json) { printJson(summary); return; }
      const refused = Object.entries(printed.refused).map(([rule, n]) => `${rule} ${n}`).join(', ');
      process.stdout.write(printed.file
        ? `${printed.printed} validation notice(s) for ${opts.creditor} on ${printed.date} written to ${opts.out} (${printed.printed - printed.already} sent now, ${printed.already} already sent today)\n`
        : `No validation notices to print for ${opts.creditor} on ${printed.date}; nothing written\n`);
      if (refused) process.stdout.write(`Left out: ${refused}\n`);
    });
}
