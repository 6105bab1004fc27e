/**
 * Column mapping: which of the bank's headers means which of our canonical columns.
 *
 * A mapping file is JSON, either flat ({"卡号": "account_no", "备注": null}) for the kind
 * being imported, or by kind ({"placements": {...}, "payments": {...}}). A value of null
 * means "ignore this column". Once used, it is stored on the creditor (by kind), so the
 * bank's next file needs no --mapping. See docs/import.md.
 */
import { invalidInput } from '../errors.ts';
import { BALANCE_PARTS } from '../money.ts';
import {
  builtinColumnFor, CHARGE_OFF_COLUMNS, COLUMN_LABEL_ZH, COLUMNS_OF, IMPORT_KINDS, isCanonicalColumn, normalizeHeader, REQUIRED,
  type CanonicalColumn, type ImportKind,
} from './columns.ts';

/** Bank header -> canonical column, or null to ignore the column. */
export type KindMapping = Readonly<Record<string, CanonicalColumn | null>>;
/** What is stored on the creditor: one mapping per kind of file. */
export type CreditorMapping = Partial<Record<ImportKind, KindMapping>>;

export interface ResolvedColumns {
  /** The header row as it is in the file. */
  headers: readonly string[];
  /** Field index of each canonical column present. */
  index: Partial<Record<CanonicalColumn, number>>;
  /** Headers that mean nothing to us (kept in the errors file, otherwise ignored). */
  unused: readonly string[];
}

/** The kinds of file as a Chinese reader calls them, for messages. */
const KIND_ZH: Record<ImportKind, string> = { placements: '委案', payments: '还款', recalls: '退案', contacts: '失联修复结果' };

/** Reads a mapping file's JSON for one kind; names the bad entry and the fix. */
export function parseMappingJson(text: string, kind: ImportKind): KindMapping {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const why = (error as Error).message;
    throw invalidInput({
      en: `The mapping file is not valid JSON (${why}); write it like {"卡号": "account_no", "欠款本金": "principal"}`,
      zh: `列映射文件不是有效的 JSON（${why}）；请写成 {"卡号": "account_no", "欠款本金": "principal"} 的形式`,
    }, 'mapping');
  }
  if (!isPlainObject(parsed)) {
    throw invalidInput({
      en: 'The mapping file must be a JSON object from your bank\'s header names to ours, e.g. {"卡号": "account_no"}',
      zh: '列映射文件必须是从银行表头到本系统列名的 JSON 对象，例如 {"卡号": "account_no"}',
    }, 'mapping');
  }
  const keys = Object.keys(parsed);
  const byKind = keys.length > 0 && keys.every((k) => (IMPORT_KINDS as readonly string[]).includes(k));
  const section = byKind ? parsed[kind] : parsed;
  if (section === undefined) return {};
  if (!isPlainObject(section)) {
    throw invalidInput({
      en: `The mapping file's "${kind}" entry must be an object of header names, e.g. {"卡号": "account_no"}`,
      zh: `列映射文件中的"${kind}"项必须是表头名称的对象，例如 {"卡号": "account_no"}`,
    }, 'mapping');
  }
  return validateKindMapping(section, kind);
}

/** Checks a stored or given mapping: every target is one of this kind's canonical columns (or null). */
export function validateKindMapping(section: Record<string, unknown>, kind: ImportKind): KindMapping {
  const mapping: Record<string, CanonicalColumn | null> = {};
  for (const [header, target] of Object.entries(section)) {
    if (target === null || target === '') { mapping[header] = null; continue; }
    if (typeof target !== 'string' || !isCanonicalColumn(target, kind)) {
      const columns = COLUMNS_OF[kind].join(', ');
      throw invalidInput({
        en: `The mapping maps "${header}" to ${JSON.stringify(target)}, which is not a ${kind} column. Use one of: ${columns} (or null to ignore the column)`,
        zh: `列映射把"${header}"映射到 ${JSON.stringify(target)}，这不是${KIND_ZH[kind]}文件的列。请使用以下之一：${columns}（或用 null 忽略该列）`,
      }, 'mapping');
    }
    mapping[header] = target;
  }
  return mapping;
}

/** Which field holds which canonical column; refuses duplicates and missing required columns. */
export function resolveColumns(headers: readonly string[], kind: ImportKind, mapping: KindMapping = {}): ResolvedColumns {
  const explicit = new Map<string, CanonicalColumn | null>();
  for (const [header, target] of Object.entries(mapping)) explicit.set(normalizeHeader(header), target);
  const index: Partial<Record<CanonicalColumn, number>> = {};
  const unused: string[] = [];
  headers.forEach((header, i) => {
    const key = normalizeHeader(header);
    if (key === '') return;
    const column = explicit.has(key) ? explicit.get(key) : builtinColumnFor(header, kind);
    if (column === undefined) { unused.push(header); return; }
    if (column === null) return;
    const earlier = index[column];
    if (earlier !== undefined) {
      throw invalidInput({
        en: `Columns "${headers[earlier]}" (column ${earlier + 1}) and "${header}" (column ${i + 1}) both mean ` +
          `${column} (${COLUMN_LABEL_ZH[column]}). Keep one, or ignore one with a column mapping file (JSON) holding {"${header}": null}: ` +
          'the import screen\'s "Column mapping", or --mapping m.json on the command line',
        zh: `第 ${earlier + 1} 列"${headers[earlier]}"和第 ${i + 1} 列"${header}"都表示 ${column}（${COLUMN_LABEL_ZH[column]}）。` +
          `请只保留一列，或用列映射文件（JSON，内容为 {"${header}": null}）忽略其中一列：导入页面的“列映射文件”，或命令行的 --mapping m.json`,
      }, 'file');
    }
    index[column] = i;
  });
  // A charged-off debt's figures go together: without both the date and the balance then, none is
  // read, and a charge-off balance that is the file's only amount is its balance (as it was read before).
  if (kind === 'placements' && (index.charge_off_date === undefined) !== (index.charge_off_balance === undefined)) {
    const onlyAmount = index.charge_off_balance !== undefined && index.balance === undefined && !BALANCE_PARTS.some((c) => index[c] !== undefined);
    if (onlyAmount) index.balance = index.charge_off_balance;
    for (const column of CHARGE_OFF_COLUMNS) {
      const i = index[column];
      if (i === undefined) continue;
      delete index[column];
      if (!(onlyAmount && column === 'charge_off_balance')) unused.push(headers[i]!);
    }
  }
  return { headers, index, unused };
}

/** The missing required columns of a resolved header, or [] when the file has what it needs. */
export function missingRequired(resolved: ResolvedColumns, kind: ImportKind): string[] {
  const { all, anyOf } = REQUIRED[kind];
  const missing: string[] = all.filter((c) => resolved.index[c] === undefined);
  for (const group of anyOf) {
    // A charged-off debt's figures (a charge-off date and balance) give its balance too: what they come to.
    const chargedOff = group.includes('balance') && resolved.index.charge_off_balance !== undefined;
    if (!chargedOff && !group.some((c) => resolved.index[c] !== undefined)) missing.push(group.join(' or '));
  }
  return missing;
}

/** Refuses a header that lacks required columns, saying how to name or map them. */
export function requireColumns(resolved: ResolvedColumns, kind: ImportKind): void {
  const missing = missingRequired(resolved, kind);
  if (missing.length === 0) return;
  const shown = resolved.headers.filter((h) => h.trim()).slice(0, 30).map((h) => `"${h}"`).join(', ');
  const label = (group: string, or: string, [open, close] = [' (', ')']) =>
    group.split(' or ').map((c) => `${c}${open}${COLUMN_LABEL_ZH[c as CanonicalColumn]}${close}`).join(or);
  const first = missing[0]!.split(' or ')[0]!;
  throw invalidInput({
    en: `This ${kind} file has no column for ${missing.map((g) => label(g, ' or ')).join(', ')}. Its header row is: ${shown}. ` +
      `Name the column ${first} or ${COLUMN_LABEL_ZH[first as CanonicalColumn]}, or map the bank's header to it with a column mapping file (JSON) ` +
      `such as {"<bank's header>": "${first}"}: the import screen's "Column mapping", or --mapping m.json on the command line`,
    zh: `这个${KIND_ZH[kind]}文件缺少以下列：${missing.map((g) => label(g, ' 或 ', ['（', '）'])).join('，')}。它的表头是：${shown}。` +
      `请把列命名为 ${first} 或 ${COLUMN_LABEL_ZH[first as CanonicalColumn]}，或用列映射文件（JSON）把银行的表头映射过来，` +
      `例如 {"<银行表头>": "${first}"}：导入页面的“列映射文件”，或命令行的 --mapping m.json`,
  }, 'file');
}

/** What a file of another kind would do imported as a recalls or contacts file, and the file that kind is. */
const WRONG_FILE: Partial<Record<ImportKind, { does: { en: string; zh: string }; file: { en: string; zh: string } }>> = {
  recalls: {
    does: { en: 'imported as recalls it would recall every account in it', zh: '按退案导入会把其中的每个账户都退案' },
    file: { en: 'the recalls file: the account number and the recall date (recall_date, 退案日期)', zh: '退案文件：账号和退案日期（recall_date）' },
  },
  contacts: {
    does: { en: "imported as skip-trace results it would add its phones and addresses to the debtors as found, and bring lost accounts back to the call lists",
      zh: '按失联修复结果导入会把其中的电话和地址作为修复到的联系方式加到债务人名下，并使失联账户重新进入拨打名单' },
    file: { en: "the skip-trace vendor's file: the account number and the phones or addresses found", zh: '失联修复供应商的文件：账号和修复到的电话或地址' },
  },
};

/**
 * A recalls file needs only the account number, a skip-trace (contacts) file little more, so a
 * file of another kind imported as one would recall every account in it, or add a bank's phones
 * as found ones: one with a payments file's or a placements file's money columns (还款金额,
 * 本金, ...) that it leaves unread is refused before anything is written, as the wrong file.
 */
export function refuseOtherKindsFile(resolved: ResolvedColumns, kind: ImportKind): void {
  const wrong = WRONG_FILE[kind];
  if (wrong === undefined) return;
  const TELLING: Array<[ImportKind, readonly CanonicalColumn[]]> = [['payments', ['txn_id', 'amount']], ['placements', ['principal', 'interest', 'fees']]];
  for (const [other, columns] of TELLING) {
    const found = resolved.unused.filter((h) => columns.includes(builtinColumnFor(h, other) as CanonicalColumn));
    if (found.length === 0) continue;
    const shown = found.map((h) => `"${h}"`).join(', ');
    throw invalidInput({
      en: `This file has ${other === 'payments' ? 'a payments' : 'a placements'} file's columns (${shown}): ${wrong.does.en}. `
        + `Import it as ${other}, or send ${wrong.file.en}`,
      zh: `这个文件含有${KIND_ZH[other]}文件的列（${shown}）：${wrong.does.zh}。请按${KIND_ZH[other]}导入，或发送${wrong.file.zh}`,
    }, 'file');
  }
}

/**
 * The header row: the first of the leading rows that names the account number (banks often
 * put a title line such as "XX银行委案清单" above the header). Returns its position.
 */
export function findHeaderRow(rows: readonly (readonly string[])[], kind: ImportKind, mapping: KindMapping = {}): number {
  for (let i = 0; i < rows.length; i++) {
    try {
      if (resolveColumns(rows[i]!, kind, mapping).index.account_no !== undefined) return i;
    } catch {
      return i; // a duplicate column: this is the header, and resolveColumns will say what is wrong
    }
  }
  const first = rows.findIndex((r) => r.some((f) => f.trim() !== ''));
  return first === -1 ? 0 : first;
}

/** A file's header: where it starts among the leading rows, how many rows it takes, and each column's name. */
export interface FoundHeader { index: number; rows: 1 | 2; fields: string[] }

/**
 * The header of a file: its header row (findHeaderRow) and, when the row under it is a second
 * header row, the two read as one (表头两行: a group heading such as 欠款金额 over 本金, 利息 and
 * 费用, or 联系方式 over 手机 and 地址, with the columns' own names in the row below; in XLSX the
 * headings of single columns, such as 账号, merged down over both rows). The row under counts as
 * a header when its account-number cell is empty or repeats the heading (a cell merged down) and
 * the two rows together name more of our columns than the first alone; a data row names none.
 * Each column is then named by its cell in the second row where that has a name of its own,
 * otherwise by its cell in the first.
 */
export function findHeader(rows: readonly (readonly string[])[], kind: ImportKind, mapping: KindMapping = {}): FoundHeader {
  const index = findHeaderRow(rows, kind, mapping);
  const first = rows[index] ?? [];
  const single: FoundHeader = { index, rows: 1, fields: [...first] };
  const below = rows[index + 1];
  if (below === undefined) return single;
  const resolved = (headers: readonly string[]): ResolvedColumns | null => {
    try {
      return resolveColumns(headers, kind, mapping);
    } catch {
      return null; // two columns meaning the same thing
    }
  };
  const alone = resolved(first);
  if (alone === null) return single;
  const accountAt = alone.index.account_no;
  const underAccount = accountAt === undefined ? '' : (below[accountAt] ?? '').trim();
  if (underAccount !== '' && underAccount !== (first[accountAt!] ?? '').trim()) return single;
  const width = Math.max(first.length, below.length);
  const fields = Array.from({ length: width }, (_, i) => {
    const top = first[i] ?? '';
    const under = (below[i] ?? '').trim();
    return under !== '' && under !== top.trim() ? below[i]! : top;
  });
  const together = resolved(fields);
  const named = (r: ResolvedColumns) => Object.keys(r.index).length;
  return together !== null && named(together) > named(alone) ? { index, rows: 2, fields } : single;
}

/** The creditor's stored mapping with one kind replaced. */
export function withKindMapping(stored: CreditorMapping | null, kind: ImportKind, mapping: KindMapping): CreditorMapping {
  return { ...(stored ?? {}), [kind]: mapping };
}

/**
 * What a creditor keeps of a mapping file used for a `kind` import: the file's mapping for that
 * kind, and, from a file by kind ({"placements": {...}, "payments": {...}}, one file for all of a
 * bank's files), every other kind's too, each checked, so the bank's next file of another kind
 * needs no mapping either.
 */
export function mappingToKeep(stored: CreditorMapping | null, text: string, kind: ImportKind, mapping: KindMapping): CreditorMapping {
  const kept: CreditorMapping = { ...withKindMapping(stored, kind, mapping) };
  const parsed = JSON.parse(text.replace(/^\uFEFF/, '')) as Record<string, unknown>;
  const keys = Object.keys(parsed);
  if (keys.length > 0 && keys.every((k) => (IMPORT_KINDS as readonly string[]).includes(k))) {
    for (const other of keys as ImportKind[]) if (other !== kind) kept[other] = parseMappingJson(text, other);
  }
  return kept;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
