/**
 * Payment files (还款): money debtors paid to the bank. Key: (creditor, bank transaction id).
 * A transaction seen before is unchanged, never counted twice; one that comes back with a
 * different account, amount or date is rejected (a bank's transaction id does not change);
 * new payments are settled (allocation, credit, commission; src/app/payments/settle-payments.ts);
 * a payment for an account we do not hold is rejected with that reason. Balances are not
 * touched here: the bank's own balance file (a placement file) carries them.
 */
import { copyInto, createPaymentStaging, mergePaymentChunk, PAYMENT_STAGE_COLUMNS } from '../../db/import-repository.ts';
import { checkPaymentRow, type PaymentRow, type RowError } from '../../domain/import/rows.ts';
import type { Actor, AppContext } from '../context.ts';
import { settlePayments } from '../payments/settle-payments.ts';
import { prepareImport, runImport, type ImportDetails, type ImportProgress, type ImportRequest, type ImportSummary, type KindHandler } from './engine.ts';
import { copyNumber, copyText, fingerprintOf } from './staging.ts';

const REJECTIONS: Record<string, RowError> = {
  unknown_account: {
    column: 'account_no', zh: '没有这个账号的账户（该委托方未委案此账号）；请核对账号',
    en: 'no account with this account number has been placed by this creditor; check the account number',
  },
  txn_differs: {
    column: 'txn_id', zh: '该交易流水号已导入过，但账号、金额或日期不同；同一笔交易不能更改，请向银行核实',
    en: 'this transaction id was imported before with a different account, amount or date; a transaction cannot change, ask the bank',
  },
};

export const paymentHandler: KindHandler<PaymentRow, null> = {
  kind: 'payments',
  begin: async (client) => { await createPaymentStaging(client); return null; },
  check: (columns, cells, options) => checkPaymentRow(columns, cells, options),
  keyColumn: 'txn_id',
  key: (row) => row.txnId,
  signature: (row) => fingerprintOf([row.accountNo, row.amount, row.paidOn]),
  stage(row, rowNumber, chunk) {
    chunk.lines.add(`${rowNumber}\t${copyText(row.accountNo)}\t${copyText(row.txnId)}\t${copyNumber(row.amount)}\t${row.paidOn}\n`);
    return true;
  },
  async merge(client, chunk, { prepared, zone, now, actor }) {
    await copyInto(client, 'import_payment_rows', PAYMENT_STAGE_COLUMNS, chunk.lines.bytes());
    const result = await mergePaymentChunk(client, { creditorId: prepared.creditor.id, batchId: prepared.batchId });
    // Allocation, credit and commission: the same settlement as a payment recorded by staff.
    await settlePayments(client, { creditorId: prepared.creditor.id, batchId: prepared.batchId }, zone, now(), actor);
    return result;
  },
  rejection: (code) => REJECTIONS[code] ?? { column: '', zh: `无法导入（${code}）`, en: `cannot be imported (${code})` },
};

export async function importPayments(ctx: AppContext, actor: Actor, request: ImportRequest,
  onProgress?: (progress: ImportProgress) => void): Promise<{ summary: ImportSummary; details: ImportDetails }> {
  const prepared = await prepareImport(ctx, actor, 'payments', request);
  return runImport(ctx, actor, paymentHandler, prepared, onProgress);
}
