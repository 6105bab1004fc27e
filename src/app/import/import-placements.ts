/**
 * Placement files (委案): new accounts and balance updates. Key: (creditor, account_no).
 * A new key inserts an account (status 'placed', unassigned: dealing accounts to teams by
 * territory is a separate step); a known key updates the balance parts and keeps the old
 * values in account_history; identical values are unchanged. Debtors are matched across
 * accounts and creditors by the keyed hash of the ID number; new phones and addresses become
 * contact points with provenance `placement:<batch_id>`.
 */
import { createPlacementStaging, ensurePlacements, mergePlacementChunk, PLACEMENT_STAGE_COLUMNS } from '../../db/import-repository.ts';
import { checkPlacementRow, type PlacementRow, type RowError } from '../../domain/import/rows.ts';
import { maskAccountNo, maskAddress, maskIdNumber, maskPhone } from '../../domain/masking.ts';
import type { Actor, AppContext } from '../context.ts';
import { prepareImport, runImport, type ImportDetails, type ImportProgress, type ImportRequest, type ImportSummary, type KindHandler } from './engine.ts';
import { copyBytea, copyNumber, copyText } from './staging.ts';

const REJECTIONS: Record<string, RowError> = {
  new_account_needs_name: {
    column: 'debtor_name', zh: '这是新账户，但姓名为空；新委案必须有债务人姓名',
    en: 'this is a new account but debtor_name is empty; a new placement needs the debtor\'s name',
  },
  new_account_needs_date: {
    column: 'first_delinquency_date', zh: '这是新账户，但首次逾期日为空；新委案必须有首次逾期日',
    en: 'this is a new account but first_delinquency_date is empty; a new placement needs it',
  },
  new_account_needs_name_and_date: {
    column: 'debtor_name; first_delinquency_date', zh: '这是新账户，但姓名和首次逾期日为空；新委案必须有这两项',
    en: 'this is a new account but debtor_name and first_delinquency_date are empty; a new placement needs both',
  },
};

export const placementHandler: KindHandler<PlacementRow> = {
  kind: 'placements',
  needsRegions: true,
  stageTable: 'import_placement_rows',
  stageColumns: PLACEMENT_STAGE_COLUMNS,
  createStaging: createPlacementStaging,
  check: (columns, cells, options) => checkPlacementRow(columns, cells, options),
  key: (row) => row.accountNo,
  signature: (row) => [row.debtorName, row.idNumber, row.phones.join(','), row.address, row.region?.code, row.product, row.principal,
    row.interest, row.fees, row.firstDelinquencyDate, row.placementDate].join('\u001f'),

  stage(row, rowNumber, chunk, pii) {
    const id = row.idNumber === null ? null : pii.encode('id_number', row.idNumber);
    chunk.lines.add([
      String(rowNumber), copyText(row.accountNo), copyText(maskAccountNo(row.accountNo)), copyText(row.debtorName),
      copyBytea(id?.hash ?? null), copyBytea(id?.enc ?? null), copyText(row.idNumber === null ? null : maskIdNumber(row.idNumber)),
      copyText(row.birthDate), copyText(row.region?.code ?? null), copyText(row.region?.source ?? null), copyText(row.product),
      copyNumber(row.principal), copyNumber(row.interest), copyNumber(row.fees), copyText(row.firstDelinquencyDate), row.placementDate,
    ].join('\t') + '\n');
    for (const phone of row.phones) {
      const stored = pii.encode('phone', phone);
      chunk.contactLines.add(`${rowNumber}\tphone\t${copyBytea(stored.hash)}\t${copyBytea(stored.enc)}\t${copyText(maskPhone(phone))}\n`);
    }
    if (row.address !== null) {
      const stored = pii.encode('address', row.address);
      chunk.contactLines.add(`${rowNumber}\taddress\t${copyBytea(stored.hash)}\t${copyBytea(stored.enc)}\t${copyText(maskAddress(row.address))}\n`);
    }
    chunk.placementDates.add(row.placementDate);
    if (row.idNumber === null) chunk.debtorsWithoutId = true;
    return row.debtorName === null || row.firstDelinquencyDate === null;
  },

  async merge(client, chunk, prepared) {
    await ensurePlacements(client, prepared.creditor.id, prepared.batchId, prepared.facts.sha256, [...chunk.placementDates],
      prepared.placementEnd, prepared.creditor.placement_days);
    return mergePlacementChunk(client, { creditorId: prepared.creditor.id, batchId: prepared.batchId, hasDebtorsWithoutId: chunk.debtorsWithoutId });
  },

  rejection: (code) => REJECTIONS[code] ?? { column: '', zh: `无法导入（${code}）`, en: `cannot be imported (${code})` },
};

export async function importPlacements(ctx: AppContext, actor: Actor, request: ImportRequest,
  onProgress?: (progress: ImportProgress) => void): Promise<{ summary: ImportSummary; details: ImportDetails }> {
  const prepared = await prepareImport(ctx, actor, 'placements', request);
  return runImport(ctx, actor, placementHandler, prepared, onProgress);
}
