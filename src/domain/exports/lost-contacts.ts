/**
 * The lost-contact list (失联名单) for a skip-trace vendor (号码修复): who the agency lost, by
 * account number, name and ID number, with the columns of a skip-trace results file left empty
 * for the vendor to fill: the same file comes back through `leeway import contacts`. It carries
 * the ID number in clear (a vendor cannot search without it), and nothing about the debt.
 */
import { csvLine } from '../import/csv.ts';
import { asText, type ExportLocale } from './contact-records.ts';

export interface LostContactRecord { account_no: string; debtor_name: string | null; id_number: string | null; region_name: string | null }

// The last four are the skip-trace results file's columns (docs/import.md): the vendor fills them in.
export const LOST_CONTACT_HEADERS: Record<ExportLocale, readonly string[]> = {
  'zh-CN': ['账号', '姓名', '身份证号', '地区', '手机号码', '联系人', '关系', '修复来源'],
  en: ['account_no', 'debtor_name', 'id_number', 'region', 'phone', 'contact_name', 'relation', 'source'],
};

export function lostContactCells(r: LostContactRecord): string[] {
  return [r.account_no, r.debtor_name ?? '', r.id_number ?? '', r.region_name ?? '', '', '', '', ''];
}

export function lostContactsCsvHeader(locale: ExportLocale, bom: boolean): string {
  return (bom ? '\uFEFF' : '') + csvLine(LOST_CONTACT_HEADERS[locale]);
}

export function lostContactCsvLine(r: LostContactRecord): string {
  return csvLine(lostContactCells(r).map(asText));
}
