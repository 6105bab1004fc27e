import fs from 'node:fs';
import type { Command } from 'commander';
import { CLI_ACTOR, type AppContext } from '../../app/context.ts';
import type { PrintedLetters } from '../../app/letters/print-letters.ts';
import { invalidInput } from '../../domain/errors.ts';
import { printJson } from '../print.ts';

type Print = (ctx: AppContext, actor: typeof CLI_ACTOR, input: { creditor: string; documentsEnclosed?: boolean }) => Promise<PrintedLetters>;

/** One letter run as a command: the PDF to --out, and what went in and was left out; `enclosures` adds --documents-enclosed. */
function letterRun(letters: Command, name: string, what: string, description: string, load: () => Promise<Print>, enclosures?: string): void {
  const command = letters.command(name)
    .description(description)
    .requiredOption('--creditor <CODE>', 'creditor code (its contract must be under the US pack)')
    .requiredOption('--out <FILE>', 'where to write the PDF')
    .option('--json', 'print a JSON summary');
  if (enclosures) command.option('--documents-enclosed', enclosures);
  command
    .action(async (opts: { creditor: string; out: string; json?: boolean; documentsEnclosed?: boolean }, command: Command) => {
      const [{ withRuntime }, print] = await Promise.all([import('../runtime.ts'), load()]);
      const printed = await withRuntime(command, ({ ctx }) => print(ctx, CLI_ACTOR, { creditor: opts.creditor, documentsEnclosed: opts.documentsEnclosed }));
      if (printed.file) fs.writeFileSync(opts.out, printed.file.body);
      const summary = { date: printed.date, printed: printed.printed, already: printed.already, refused: printed.refused, file: printed.file ? opts.out : null };
      if (opts.json) { printJson(summary); return; }
      const refused = Object.entries(printed.refused).map(([rule, n]) => `${rule} ${n}`).join(', ');
      process.stdout.write(printed.file
        ? `${printed.printed} ${what}(s) for ${opts.creditor} on ${printed.date} written to ${opts.out} (${printed.printed - printed.already} sent now, ${printed.already} already sent today)\n`
        : `No ${what}s to print for ${opts.creditor} on ${printed.date}; nothing written\n`);
      if (refused) process.stdout.write(`Left out: ${refused}\n`);
    });
}

export function registerLetterCommands(program: Command): void {
  const letters = program.command('letters').description('letters to post: the US validation notices (债务确认通知), dispute verifications (债务核实函) and New York arrangement confirmations (还款安排确认函)');
  letterRun(letters, 'validation-notices', 'validation notice',
    "a US creditor's validation notices (12 CFR 1006.34) as one PDF: one for every open account that has had none; each recorded as sent",
    async () => (await import('../../app/letters/print-validation-notices.ts')).printValidationNotices);
  letters.command('email-validation-notices')
    .description("a US creditor's validation notices by e-mail (12 CFR 1006.42), queued for today to addresses the debtor gave us (Reg F's safe harbour); "
      + 'each counts as the notice once it goes; what cannot go is left for the post. Needs LEEWAY_PUBLIC_URL (the opt-out link) and an e-mail server (LEEWAY_SMTP_URL)')
    .requiredOption('--creditor <CODE>', 'creditor code (its contract must be under the US pack)')
    .option('--json', 'print a JSON summary')
    .action(async (opts: { creditor: string; json?: boolean }, command: Command) => {
      const [{ withRuntime }, { emailValidationNotices }] = await Promise.all([import('../runtime.ts'), import('../../app/letters/email-validation-notices.ts')]);
      const emailed = await withRuntime(command, ({ ctx }) => {
        if (!ctx.publicUrl) {
          throw invalidInput({ en: 'Set LEEWAY_PUBLIC_URL to the address debtors open: every e-mail carries its opt-out link there',
            zh: '请设置 LEEWAY_PUBLIC_URL（债务人可以打开的地址）：每封邮件都附有指向该地址的退订链接' }, 'LEEWAY_PUBLIC_URL');
        }
        return emailValidationNotices(ctx, CLI_ACTOR, { creditor: opts.creditor, baseUrl: ctx.publicUrl });
      });
      if (opts.json) { printJson(emailed); return; }
      const refused = Object.entries(emailed.refused).map(([rule, n]) => `${rule} ${n}`).join(', ');
      process.stdout.write(`${emailed.queued} validation notice(s) for ${opts.creditor} queued by e-mail on ${emailed.date}\n`);
      if (refused) process.stdout.write(`Left for the post: ${refused}\n`);
    });
  letterRun(letters, 'verifications', 'verification letter',
    "a US creditor's verification letters (12 CFR 1006.38(d)(2)) as one PDF: one for each verified dispute still waiting; each recorded as sent and its hold released; "
      + "a New York debtor's dispute of a charged-off debt is substantiated too (23 NYCRR 1.4), with the bank's documents in the envelope",
    async () => (await import('../../app/letters/print-verifications.ts')).printVerifications,
    "the bank's documents (signed contract or last statement with a transaction, charge-off statement) are in the envelopes of the letters that substantiate a New York debt");
  letterRun(letters, 'arrangement-confirmations', 'arrangement confirmation',
    "a US creditor's written confirmations of payment arrangements for New York debtors (23 NYCRR 1.5(b)) as one PDF: one for each open promise, "
      + 'approved settlement and active plan not yet confirmed; each recorded as sent',
    async () => (await import('../../app/letters/print-arrangement-confirmations.ts')).printArrangementConfirmations);
  letterRun(letters, 'arrangement-statements', 'arrangement statement',
    "a US creditor's three-monthly statements to New York debtors paying under a schedule (23 NYCRR 1.5(b)) as one PDF: each due one recorded as sent",
    async () => (await import('../../app/letters/print-arrangement-confirmations.ts')).printArrangementStatements);
}
