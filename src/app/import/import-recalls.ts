/**
 * Recall files (退案): the creditor takes accounts back. Each listed account becomes
 * 'recalled' with the recall date (the import's business date when the file has none); its
 * previous state goes to account_history and nothing is deleted. An account already
 * recalled is unchanged; an account we do not hold is rejected.
 */
import { copyInto, createRecallStaging, mergeRecallChunk, RECALL_STAGE_COLUMNS } from '../../db/import-repository.ts';
import { checkRecallRow, type RecallRow, type RowError } from '../../domain/import/rows.ts';
import type { Actor, AppContext } from '../context.ts';
import { prepareImport, runImport, type ImportDetails, type ImportProgress, type ImportRequest, type ImportSummary, type KindHandler } from './engine.ts';
import { copyText, fingerprint } from './staging.ts';

const UNKNOWN_ACCOUNT: RowError = {
  column: 'account_no', zh: '没有这个账号的账户（该委托方未委案此账号）；请核对账号',
  en: 'no account with this account number has been placed by this creditor; check the account number',
};

const BEFORE_PLACEMENT: RowError = {
  column: 'recall_date', zh: '退案日期早于该账户委案给我们的日期；请核对退案日期',
  en: 'the recall date is before the day the account was placed with us; check the recall date',
};

export const recallHandler: KindHandler<RecallRow, null> = {
  kind: 'recalls',
  begin: async (client) => { await createRecallStaging(client); return null; },
  check: (columns, cells, options) => checkRecallRow(columns, cells, options),
  keyColumn: 'account_no',
  key: (row) => row.accountNo,
  signature: (row) => fingerprint(row.recallDate),
  stage(row, rowNumber, chunk) {
    chunk.lines.add(`${rowNumber}\t${copyText(row.accountNo)}\t${row.recallDate}\n`);
    return true;
  },
  async merge(client, chunk, { prepared, now }) {
    await copyInto(client, 'import_recall_rows', RECALL_STAGE_COLUMNS, chunk.lines.bytes());
    return mergeRecallChunk(client, { creditorId: prepared.creditor.id, batchId: prepared.batchId, at: now() });
  },
  rejection: (code) => code === 'unknown_account' ? UNKNOWN_ACCOUNT : code === 'before_placement' ? BEFORE_PLACEMENT
    : { column: '', zh: `无法导入（${code}）`, en: `cannot be imported (${code})` },
};

export async function importRecalls(ctx: AppContext, actor: Actor, request: ImportRequest,
  onProgress?: (progress: ImportProgress) => void): Promise<{ summary: ImportSummary; details: ImportDetails }> {
  const prepared = await prepareImport(ctx, actor, 'recalls', request);
  return runImport(ctx, actor, recallHandler, prepared, onProgress);
}
