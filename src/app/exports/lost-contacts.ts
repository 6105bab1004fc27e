/**
 * The lost-contact list for a skip-trace vendor (失联名单, docs/exports.md): the creditor's
 * accounts whose debtor the agency lost, with the debtor's name and ID number in clear and
 * the skip-trace results columns to fill; the vendor's file comes back through the contacts
 * import. Admins only; every export is audited as what it is, a disclosure of ID numbers.
 */
import { appendAudit } from '../../db/audit-repository.ts';
import { lostContactPage } from '../../db/exports-repository.ts';
import { LOST_CONTACT_HEADERS, lostContactCells, lostContactCsvLine, lostContactsCsvHeader, type LostContactRecord } from '../../domain/exports/lost-contacts.ts';
import { authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import type { Actor, AppContext } from '../context.ts';
import { creditorForStatement } from '../statements/build-statement.ts';
import { exportFile, fileOptions, paged, type ExportFile } from './files.ts';

const PAGE = 5_000;

export async function exportLostContacts(ctx: AppContext, actor: Actor,
  input: { creditor?: string | undefined; format?: string | undefined; locale?: string | undefined; encoding?: string | undefined }): Promise<ExportFile & { asOf: string }> {
  authorize(actor, 'exports.lost_contacts');
  const { format, locale, encoding } = fileOptions(input);
  const today = businessDate(ctx);
  const creditor = await creditorForStatement(ctx.pool, actor, input.creditor);
  await appendAudit(ctx.pool, actor, { action: 'export.lost_contacts', entity: 'creditor', entityId: creditor.id, creditorId: creditor.id,
    detail: { as_of: today, format, locale, encoding, fields: ['debtor_name', 'id_number'] } });
  const rows = (async function* (): AsyncGenerator<LostContactRecord> {
    const pages = paged((afterId: number | null) => lostContactPage(ctx.pool, { creditorId: creditor.id, afterId: afterId ?? 0, limit: PAGE }), PAGE, (row) => row.id);
    for await (const row of pages) {
      yield { account_no: row.account_no, debtor_name: row.debtor_name, id_number: row.id_number_enc ? ctx.cipher.decrypt(row.id_number_enc) : null, region_name: row.region_name };
    }
  })();
  const file = exportFile('lost-contacts', creditor.code, today, { format, locale, encoding }, rows, {
    csvHeader: (bom) => lostContactsCsvHeader(locale, bom), csvLine: lostContactCsvLine,
    header: LOST_CONTACT_HEADERS[locale], cells: lostContactCells, widths: [20, 10, 20, 16, 14, 10, 8, 14],
  });
  return { ...file, asOf: today };
}
