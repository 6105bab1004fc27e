/**
 * Skip-trace results (失联修复结果): a vendor (or the bank) finds numbers for debtors the agency
 * lost, and sends them back as a file: account number, phone(s) or an e-mail address, and for a third party's number
 * the person's name and relation, with where it was found. Each number becomes a contact point
 * of the account's debtor with that provenance (`source`, the batch), unless the debtor has it
 * already (unchanged); a lost debtor (失联) who gets a number of their own has their lost
 * accounts back in the queue, as when a collector adds one. An account we do not hold, or whose
 * debtor's personal data was erased, is rejected.
 */
import { CONTACT_IMPORT_STAGE_COLUMNS, copyInto, createContactImportStaging, mergeContactImportChunk } from '../../db/import-repository.ts';
import { maskEmail, maskPhone } from '../../domain/masking.ts';
import { phoneTimeZones } from '../phone-zones.ts';
import { checkContactRow, type ContactRow, type RowError } from '../../domain/import/rows.ts';
import type { Actor, AppContext } from '../context.ts';
import { prepareImport, runImport, type ImportDetails, type ImportProgress, type ImportRequest, type ImportSummary, type KindHandler } from './engine.ts';
import { copyBytea, copyText, fingerprint } from './staging.ts';

const REJECTIONS: Record<string, RowError> = {
  unknown_account: { column: 'account_no', zh: '没有这个账号的账户（该委托方未委案此账号）；请核对账号',
    en: 'no account with this account number has been placed by this creditor; check the account number' },
  erased_debtor: { column: 'account_no', zh: '该账户债务人的个人信息已按保留期限删除，不再添加联系方式',
    en: "this account's debtor's personal data was erased after its retention period; no contact points are added" },
  someone_elses: { column: 'phone', zh: '该号码已登记为另一人（其他债务人或其他债务人的联系人）的号码，不能作为本债务人本人的号码导入；请核实后由催收员手工添加，或作为联系人导入',
    en: "this number is on file as another person's (another debtor's, or another debtor's third party); it is not taken as this debtor's own: check it, then add it by hand or as a third party" },
};

/** A phone's zones as a text-COPY array literal (zone names have no commas, quotes or spaces). */
const copyZones = (zones: readonly string[] | null) => (zones === null ? '\\N' : `{${zones.join(',')}}`);

export const contactHandler: KindHandler<ContactRow, null> = {
  kind: 'contacts',
  begin: async (client) => { await createContactImportStaging(client); return null; },
  check: (columns, cells, options) => checkContactRow(columns, cells, options),
  keyColumn: 'account_no',
  // One account may have several rows (its debtor's number, a relative's): a row is its account and numbers.
  key: (row) => `${row.accountNo}\u0000${row.phones.join(',')}\u0000${row.email ?? ''}`,
  signature: (row) => fingerprint(`${row.contactName ?? ''}\u0000${row.relation ?? ''}\u0000${row.source}`),
  stage(row, rowNumber, chunk, run) {
    const line = (kind: 'phone' | 'email', value: string, mask: string, zones: readonly string[] | null) => {
      const { hash, enc } = run.pii.encode(kind, value);
      chunk.lines.add(`${rowNumber}\t${copyText(row.accountNo)}\t${copyBytea(enc)}\t${copyBytea(hash)}\t${copyText(mask)}\t`
        + `${copyText(row.contactName)}\t${copyText(row.relation)}\t${copyText(row.source)}\t${copyZones(zones)}\t${kind}\n`);
    };
    for (const phone of row.phones) line('phone', phone, maskPhone(phone), phoneTimeZones(phone));
    if (row.email !== null) line('email', row.email, maskEmail(row.email), null);
    return true;
  },
  async merge(client, chunk, { prepared }) {
    await copyInto(client, 'import_contact_rows', CONTACT_IMPORT_STAGE_COLUMNS, chunk.lines.bytes());
    return mergeContactImportChunk(client, { creditorId: prepared.creditor.id, batchId: prepared.batchId });
  },
  rejection: (code) => REJECTIONS[code] ?? { column: '', zh: `无法导入（${code}）`, en: `cannot be imported (${code})` },
};

export async function importContacts(ctx: AppContext, actor: Actor, request: ImportRequest,
  onProgress?: (progress: ImportProgress) => void): Promise<{ summary: ImportSummary; details: ImportDetails }> {
  const prepared = await prepareImport(ctx, actor, 'contacts', request);
  return runImport(ctx, actor, contactHandler, prepared, onProgress);
}
