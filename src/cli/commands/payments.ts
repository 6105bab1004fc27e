import type { Command } from 'commander';
import { CLI_ACTOR } from '../../app/context.ts';
import { invalidInput } from '../../domain/errors.ts';
import { printJson } from '../print.ts';

export function registerPaymentCommands(program: Command): void {
  const payments = program.command('payments').description('payments recorded by staff, reversals, and an account\'s payments with their allocation and commission');
  payments.command('record')
    .description('record a payment on an account; it is allocated, credited and its commission computed at once')
    .requiredOption('--account <ID>', 'account id')
    .requiredOption('--amount <AMOUNT>', "amount in the account's currency (yuan, dollars or pounds), e.g. 1234.56")
    .option('--paid-on <YYYY-MM-DD>', 'payment date (default: today)')
    .option('--txn <ID>', 'the bank transaction id (default: one is made up)')
    .action(async (opts: { account: string; amount: string; paidOn?: string; txn?: string }, command: Command) => {
      const [{ withRuntime }, { recordPayment }, { parseYuan }] = await Promise.all([import('../runtime.ts'),
        import('../../app/payments/record-payment.ts'), import('../../domain/money.ts')]);
      printJson(await withRuntime(command, ({ ctx }) => recordPayment(ctx, CLI_ACTOR,
        { accountId: idOf(opts.account), amountFen: parseYuan(opts.amount), paidOn: opts.paidOn, txnId: opts.txn })));
    });
  payments.command('reverse')
    .description('reverse a bounced or refunded payment: a new negative entry undoes its allocation, credit and commission')
    .requiredOption('--payment <ID>', 'payment id')
    .requiredOption('--reason <REASON>', 'bounced or refunded')
    .option('--on <YYYY-MM-DD>', 'date of the reversal (default: today)')
    .action(async (opts: { payment: string; reason: string; on?: string }, command: Command) => {
      const [{ withRuntime }, { reversePayment }] = await Promise.all([import('../runtime.ts'), import('../../app/payments/reverse-payment.ts')]);
      printJson(await withRuntime(command, ({ ctx }) => reversePayment(ctx, CLI_ACTOR, { paymentId: idOf(opts.payment), reason: opts.reason, on: opts.on })));
    });
  payments.command('list')
    .description("an account's payments, newest first, with allocation, collector and commission")
    .requiredOption('--account <ID>', 'account id')
    .action(async (opts: { account: string }, command: Command) => {
      const [{ withRuntime }, { listPayments }] = await Promise.all([import('../runtime.ts'), import('../../app/payments/list-payments.ts')]);
      printJson(await withRuntime(command, ({ ctx }) => listPayments(ctx, CLI_ACTOR, idOf(opts.account))));
    });
}

function idOf(text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n <= 0) {
    throw invalidInput({ en: `"${text}" is not an id`, zh: `“${text}”不是有效的 id` }, 'id');
  }
  return n;
}
