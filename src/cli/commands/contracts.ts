import fs from 'node:fs';
import type { Command } from 'commander';
import { CLI_ACTOR } from '../../app/context.ts';
import { printJson } from '../print.ts';

export function registerContractCommands(program: Command): void {
  const contracts = program.command('contracts').description("a creditor's contract (委托合同): commission tiers, allocation order, grace periods (docs/money.md)");
  contracts.command('set')
    .description('add a new version of a creditor\'s contract from a JSON file; earlier versions stay and apply to what happened under them')
    .requiredOption('--creditor <CODE>', 'creditor code (must match "creditor" in the file)')
    .requiredOption('--input <FILE>', 'the contract as JSON')
    .option('--effective-from <YYYY-MM-DD>', 'first date the version applies to (default: today)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { creditor: string; input: string; effectiveFrom?: string; json?: boolean }, command: Command) => {
      const [{ withRuntime }, { setContract }, { invalidInput }] = await Promise.all([import('../runtime.ts'),
        import('../../app/contracts/set-contract.ts'), import('../../domain/errors.ts')]);
      let parsed: unknown;
      try { parsed = JSON.parse(fs.readFileSync(opts.input, 'utf8')); } catch (error) {
        const why = error instanceof Error ? error.message : String(error);
        throw invalidInput({ en: `Cannot read a contract from ${opts.input}: ${why}`, zh: `无法从 ${opts.input} 读取委托合同：${why}` }, 'input');
      }
      const result = await withRuntime(command, ({ ctx }) => setContract(ctx, CLI_ACTOR, { creditor: opts.creditor, contract: parsed, effectiveFrom: opts.effectiveFrom }));
      if (opts.json) printJson(result);
      else process.stdout.write(`Contract of ${result.creditor}: version ${result.version}, in force from ${result.effective_from}\n`);
    });
  contracts.command('show')
    .description("print a creditor's contract versions, newest first")
    .requiredOption('--creditor <CODE>', 'creditor code')
    .option('--json', 'print JSON')
    .action(async (opts: { creditor: string; json?: boolean }, command: Command) => {
      const [{ withRuntime }, { showContract }] = await Promise.all([import('../runtime.ts'), import('../../app/contracts/show-contract.ts')]);
      const shown = await withRuntime(command, ({ ctx }) => showContract(ctx, CLI_ACTOR, opts.creditor));
      if (opts.json) { printJson(shown); return; }
      if (shown.versions.length === 0) { process.stdout.write(`${shown.creditor} has no contract yet: set one with \`leeway contracts set\`\n`); return; }
      for (const v of shown.versions) {
        const c = v.contract as { name: string; placement_days: number; commission: { tiers: { from: string; to?: string; rate_bp: number }[] }; allocation_order: string[] };
        process.stdout.write(`Version ${v.version} (from ${v.effective_from}): ${c.name}, placement ${c.placement_days} days, ` +
          `tiers ${c.commission.tiers.map((t) => `${t.from}${t.to && t.to !== t.from ? `-${t.to}` : t.to || t.from.endsWith('+') ? '' : '+'} ${t.rate_bp} bp`).join(', ') || '(none)'}, ` +
          `allocation ${c.allocation_order.join(' > ')}\n`);
      }
    });
}
