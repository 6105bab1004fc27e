import type { Command } from 'commander';
import { CLI_ACTOR } from '../../app/context.ts';
import { printJson } from '../print.ts';

// Actions import their use cases on demand, so `leeway --help` stays quick.

export function registerCreditorCommands(program: Command): void {
  const creditors = program.command('creditors').description('creditor banks (委托方)');

  creditors.command('add <CODE>')
    .description('add a creditor bank, e.g. leeway creditors add BANK1 --name "Bank One"')
    .requiredOption('--name <NAME>', 'display name, e.g. 华裕银行')
    .option('--name-en <NAME>', 'its name in English, for debtors reading English or Spanish, e.g. "Huayu Bank"')
    .option('--json', 'print the created creditor as JSON')
    .action(async (code: string, opts: { name: string; nameEn?: string; json?: boolean }, command: Command) => {
      const [{ withRuntime }, { addCreditor }] = await Promise.all([import('../runtime.ts'), import('../../app/creditors/add-creditor.ts')]);
      const created = await withRuntime(command, ({ ctx }) => addCreditor(ctx, CLI_ACTOR, { code, name: opts.name, nameEn: opts.nameEn ?? null }));
      if (opts.json) printJson(created);
      else process.stdout.write(`Added creditor ${created.code} (${created.name}${created.name_en ? `, in English ${created.name_en}` : ''})\n`);
    });

  creditors.command('name-en <CODE> <NAME>')
    .description('set the creditor\'s name in English, shown to its debtors reading English or Spanish; "" clears it')
    .option('--json', 'print the creditor\'s names as JSON')
    .action(async (code: string, name: string, opts: { json?: boolean }, command: Command) => {
      const [{ withRuntime }, { setEnglishName }] = await Promise.all([import('../runtime.ts'), import('../../app/creditors/set-english-name.ts')]);
      const saved = await withRuntime(command, ({ ctx }) => setEnglishName(ctx, CLI_ACTOR, code, name));
      if (opts.json) printJson(saved);
      else process.stdout.write(saved.name_en ? `${saved.code} (${saved.name}) in English: ${saved.name_en}\n` : `${saved.code} (${saved.name}): English name cleared (its name is shown)\n`);
    });

  creditors.command('repayment <CODE>')
    .description('set how the creditor\'s debtors pay it (还款方式), shown on their portal and in letters; --zh "" clears it')
    .requiredOption('--zh <TEXT>', 'in Chinese, e.g. "手机银行首页“信用卡还款”，或任一营业网点"')
    .option('--en <TEXT>', 'in English (optional; Chinese is shown when absent)')
    .option('--json', 'print the texts as JSON')
    .action(async (code: string, opts: { zh: string; en?: string; json?: boolean }, command: Command) => {
      const [{ withRuntime }, { setRepayment }] = await Promise.all([import('../runtime.ts'), import('../../app/creditors/set-repayment.ts')]);
      const saved = await withRuntime(command, ({ ctx }) => setRepayment(ctx, CLI_ACTOR, code, { zh: opts.zh, en: opts.en ?? null }));
      if (opts.json) printJson(saved);
      else process.stdout.write(saved.repayment_zh ? `How to pay ${code}: ${saved.repayment_zh}\n` : `How to pay ${code}: cleared (debtors are told to use the bank's official channels)\n`);
    });

  creditors.command('list')
    .description('list creditor banks with their account counts')
    .option('--json', 'print a JSON array')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const [{ withRuntime }, { listCreditors }] = await Promise.all([import('../runtime.ts'), import('../../app/creditors/list-creditors.ts')]);
      const rows = await withRuntime(command, ({ ctx }) => listCreditors(ctx, CLI_ACTOR));
      if (opts.json) {
        printJson(rows.map(({ id, code, name, name_en, accounts }) => ({ id, code, name, name_en, accounts })));
        return;
      }
      if (rows.length === 0) { process.stdout.write('No creditors yet: add one with `leeway creditors add CODE --name NAME`\n'); return; }
      const width = Math.max(4, ...rows.map((r) => r.code.length));
      process.stdout.write(`${'CODE'.padEnd(width)}  ACCOUNTS  NAME\n`);
      for (const r of rows) process.stdout.write(`${r.code.padEnd(width)}  ${String(r.accounts).padStart(8)}  ${r.name}${r.name_en ? ` (${r.name_en})` : ''}\n`);
    });

  const licences = program.command('licences').description('the agency\'s collection licences (催收执照), printed on what it writes to debtors there');

  licences.command('list')
    .description('list the licences, and the open US accounts by state with the licences their letters carry')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const [{ withRuntime }, { listLicences }] = await Promise.all([import('../runtime.ts'), import('../../app/licences/licences.ts')]);
      const overview = await withRuntime(command, ({ ctx }) => listLicences(ctx, CLI_ACTOR));
      if (opts.json) { printJson(overview); return; }
      if (overview.items.length === 0) process.stdout.write('No licences recorded: add one with `leeway licences set US-CO --number 123456`\n');
      for (const l of overview.items) process.stdout.write(`${l.jurisdiction.padEnd(9)}  ${l.number}  (${l.name_en})\n`);
      if (overview.us_accounts.length > 0) process.stdout.write('\nOpen US accounts by state:\n');
      for (const s of overview.us_accounts) {
        process.stdout.write(`${(s.state ?? 'unknown').padEnd(9)}  ${String(s.accounts).padStart(8)}  ${s.licences.length > 0 ? s.licences.join(', ') : 'no licence recorded'}\n`);
      }
    });

  licences.command('set <JURISDICTION>')
    .description('record a licence or its new number: a US state (US-CO or CO) or New York City (US-NY-NYC or NYC)')
    .requiredOption('--number <NUMBER>', 'the licence number as the licence shows it, e.g. 2091234-DCA')
    .option('--json', 'print the licence as JSON')
    .action(async (jurisdiction: string, opts: { number: string; json?: boolean }, command: Command) => {
      const [{ withRuntime }, { setLicence }] = await Promise.all([import('../runtime.ts'), import('../../app/licences/licences.ts')]);
      const saved = await withRuntime(command, ({ ctx }) => setLicence(ctx, CLI_ACTOR, { jurisdiction, number: opts.number }));
      if (opts.json) printJson(saved);
      else process.stdout.write(`Licence ${saved.jurisdiction} (${saved.name_en}): ${saved.number}\n`);
    });

  licences.command('remove <JURISDICTION>')
    .description('remove a licence the agency no longer holds')
    .action(async (jurisdiction: string, _opts: unknown, command: Command) => {
      const [{ withRuntime }, { removeLicence }] = await Promise.all([import('../runtime.ts'), import('../../app/licences/licences.ts')]);
      const removed = await withRuntime(command, ({ ctx }) => removeLicence(ctx, CLI_ACTOR, jurisdiction));
      process.stdout.write(`Removed licence ${removed.jurisdiction} (${removed.removed})\n`);
    });

  const notices = program.command('state-notices').description("notices a state or New York City asks for that the product does not write: the agency's words, on the back of a validation notice to a debtor there");

  notices.command('list')
    .description('list the recorded notices')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const [{ withRuntime }, { listStateNotices }] = await Promise.all([import('../runtime.ts'), import('../../app/licences/state-notices.ts')]);
      const { items } = await withRuntime(command, ({ ctx }) => listStateNotices(ctx, CLI_ACTOR));
      if (opts.json) { printJson(items); return; }
      if (items.length === 0) process.stdout.write('No state notices recorded: add one with `leeway state-notices set US-MN --en TEXT`\n');
      for (const n of items) process.stdout.write(`${n.jurisdiction.padEnd(9)}  ${n.es ? 'en+es' : 'en   '}  ${n.en.length > 70 ? `${n.en.slice(0, 69)}…` : n.en}\n`);
    });

  notices.command('set <JURISDICTION>')
    .description("record a state's notice or its new text: a US state (US-MN or MN) or New York City (NYC)")
    .requiredOption('--en <TEXT>', 'the notice in English, as the law words it')
    .option('--es <TEXT>', 'the notice in Spanish, for a debtor who reads Spanish (else the English goes there too)')
    .option('--json', 'print the notice as JSON')
    .action(async (jurisdiction: string, opts: { en: string; es?: string; json?: boolean }, command: Command) => {
      const [{ withRuntime }, { setStateNotice }] = await Promise.all([import('../runtime.ts'), import('../../app/licences/state-notices.ts')]);
      const saved = await withRuntime(command, ({ ctx }) => setStateNotice(ctx, CLI_ACTOR, { jurisdiction, en: opts.en, es: opts.es ?? null }));
      if (opts.json) printJson(saved);
      else process.stdout.write(`Notice for ${saved.jurisdiction} (${saved.name_en}) recorded${saved.es ? ' in English and Spanish' : ''}\n`);
    });

  notices.command('remove <JURISDICTION>')
    .description("remove a state's notice")
    .action(async (jurisdiction: string, _opts: unknown, command: Command) => {
      const [{ withRuntime }, { removeStateNotice }] = await Promise.all([import('../runtime.ts'), import('../../app/licences/state-notices.ts')]);
      const removed = await withRuntime(command, ({ ctx }) => removeStateNotice(ctx, CLI_ACTOR, jurisdiction));
      process.stdout.write(`Removed the notice for ${removed.jurisdiction}\n`);
    });
}
