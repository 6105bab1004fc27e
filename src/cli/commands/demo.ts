import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { CLI_ACTOR } from '../../app/context.ts';
import { printJson } from '../print.ts';

export function positiveInt(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1 || !Number.isSafeInteger(Number(value))) {
    throw new InvalidArgumentError(`"${value}" is not a positive whole number`);
  }
  return Number(value);
}

export function nonNegativeInt(value: string): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw new InvalidArgumentError(`"${value}" is not a whole number`);
  return Number(value);
}

export function registerDemoCommand(program: Command): void {
  program.command('demo')
    .description('load a deterministic demo portfolio (banks, teams, users, debtors, accounts) into an empty database')
    .option('--accounts <N>', 'number of accounts', positiveInt, 2000)
    .option('--seed <S>', 'random seed: the same seed gives the same portfolio', positiveInt, 1)
    .option('--us-accounts <N>', "accounts of the demo's US bank (First Prairie Bank), placed through its first file (0: none)", nonNegativeInt, 0)
    .option('--payments <N>', "payments in the Chinese banks' payment files, imported as the banks send them (0: none)", nonNegativeInt, 0)
    .option('--json', 'print the summary as JSON')
    .action(async (opts: { accounts: number; seed: number; usAccounts: number; payments: number; json?: boolean }, command: Command) => {
      const [{ withRuntime }, { DEMO_PASSWORD, loadDemoPortfolio }] = await Promise.all([import('../runtime.ts'), import('../../app/demo/load-demo.ts')]);
      const started = performance.now();
      const { summary, us, paid } = await withRuntime(command, async ({ ctx }) => {
        const loaded = await loadDemoPortfolio(ctx, CLI_ACTOR, { accounts: opts.accounts, seed: opts.seed });
        const usBank = opts.usAccounts > 0
          ? await (await import('../../app/demo/load-us-demo.ts')).loadUsDemo(ctx, CLI_ACTOR, { accounts: opts.usAccounts, seed: opts.seed }) : null;
        const payments = opts.payments > 0
          ? await (await import('../../app/demo/load-demo-payments.ts')).loadDemoPayments(ctx, CLI_ACTOR, { payments: opts.payments, seed: opts.seed }) : null;
        return { summary: loaded, us: usBank, paid: payments };
      });
      const seconds = (performance.now() - started) / 1000;
      if (opts.json) { printJson({ ...summary, ...(us ? { us } : {}), ...(paid ? { payments: paid } : {}), seconds }); return; }
      process.stdout.write(`Loaded demo portfolio (seed ${opts.seed}): ${summary.creditors} creditors, ${summary.teams} teams, ` +
        `${summary.users} users, ${summary.debtors} debtors, ${summary.accounts} accounts in ${seconds.toFixed(1)} s\n` +
        (us ? `US bank: ${us.accounts} accounts placed, ${us.dealt} dealt to the US desk (us.supervisor, us.collector1, us.collector2); the bank's user us.bank1\n` : '') +
        (paid ? `Payment files: ${paid.payments} payments imported, ${paid.promises_kept} promises kept by them\n` : '') +
        `Demo logins (password ${DEMO_PASSWORD}): ${summary.logins.slice(0, 6).map((l) => `${l.username} (${l.role})`).join(', ')}\n`);
    });
}
