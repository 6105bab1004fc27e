/**
 * Placement files (委案): new accounts and balance updates. Key: (creditor, account_no).
 * A new key inserts an account (status 'placed', unassigned: dealing accounts to teams by
 * territory is a separate step); a known key updates the balance parts and keeps the old
 * values in account_history; identical values are unchanged. Debtors are matched across
 * accounts and creditors by the keyed hash of the ID number; new phones and addresses become
 * contact points with provenance `placement:<batch_id>`. New accounts, with their new debtors
 * and those debtors' phones and addresses, are copied straight into the tables; known accounts
 * that change are staged and merged (docs/import.md, "All or nothing").
 */
import {
  ACCOUNT_COLUMNS, addPlacedReport, CONTACT_CHECK_COLUMNS, CONTACT_POINT_COLUMNS, CONTACT_STAGE_COLUMNS, copyBinaryInto, copyInto, createPlacementStaging,
  DEBTOR_COLUMNS, debtorCountEstimate, ensurePlacements, findDebtorsByIdHash, finishPlacementChunk, insertContactPoints, lockDebtorMatching,
  maySkipRowForeignKeyChecks, mergeKnownAccounts, PLACEMENT_STAGE_COLUMNS, REPORT_FACT_COLUMNS, reserveIds, saveChargeOffs, saveRowDigests, streamDebtorIdHashes,
  idPrintOf, setDebtorLanguages, streamKnownAccounts, writeReportFactsHere,
  type NewContactPoint, type RejectedRow,
} from '../../db/import-repository.ts';
import { addDays, type LocalDate } from '../../domain/calendar.ts';
import { accountNoOf, checkPlacementRow, type PlacementRow, type RowError } from '../../domain/import/rows.ts';
import { otherIdNumberForm, sameDebtorName } from '../../domain/import/person.ts';
import { BUCKETS } from '../../domain/delinquency.ts';
import { currencyOfPack } from '../../domain/money.ts';
import { placementBucket, reportRegion } from '../../domain/reports/index.ts';
import { finishPaidInFull } from '../payments/settle-payments.ts';
import { phoneTimeZones } from '../phone-zones.ts';
import { maskAccountNo, maskAddress, maskContact, maskEmail, maskIdNumber, maskPhone } from '../../domain/masking.ts';
import type { PoolClient } from '../../db/pool.ts';
import type { Actor, AppContext } from '../context.ts';
import { BinaryRows } from './binary-copy.ts';
import { ContactDigest } from './contact-digest.ts';
import { DebtorFilter } from './debtor-filter.ts';
import {
  prepareImport, runImport, type ImportDetails, type ImportProgress, type ImportRequest, type ImportRun, type ImportSummary, type KindHandler,
  type StagedChunk,
} from './engine.ts';
import { KnownAccounts } from './known-accounts.ts';
import { RowDigest } from './row-digest.ts';
import { copyBytea, copyNumber, copyText, fingerprintOf, KeySet, type PiiEncoder } from './staging.ts';

/** debtors.time_zone's default (migration 0001): a debtor whose file says no zone is filed under it. */
const DEFAULT_DEBTOR_ZONE = 'Asia/Shanghai';

const REJECTIONS: Record<string, RowError> = {
  new_account_needs_name: {
    column: 'debtor_name', zh: '这是新账户，但姓名为空；新委案必须有债务人姓名',
    en: 'this is a new account but the name is empty; a new placement needs the debtor\'s name',
  },
  new_account_needs_date: {
    column: 'first_delinquency_date', zh: '这是新账户，但首次逾期日为空；新委案必须有首次逾期日',
    en: 'this is a new account but the first delinquency date is empty; a new placement needs it',
  },
  new_account_needs_amount: {
    column: 'principal', zh: '这是新账户，但本金、利息和费用都为空；新委案必须写明欠款金额（欠款为零请填 0）',
    en: 'this is a new account but principal, interest and fees are all empty; a new placement needs the amount owed (write 0 if nothing is owed)',
  },
  id_number_other_name: {
    column: 'id_number; debtor_name',
    zh: '该身份证号已属于系统中另一姓名的债务人：账户不会挂到可能不是本人的债务人名下；请向银行核对证件号和姓名，更正后重新发送本行（如确为同一人改名，请按系统中的姓名发送并告知机构）',
    en: 'this ID number is already on file for a debtor under another name: the account is not put on someone who may not be the debtor; check the ID number and the name with the bank and send the row again corrected (if the same person changed their name, send it under the name on file and tell the agency)',
  },
  account_other_id_number: {
    column: 'id_number',
    zh: '该账号在系统中属于另一证件号的债务人，本行的证件号与之不符：账户不会改挂到另一个人名下，本行未导入（余额和联系方式均未更新）；请向银行核对账号和证件号，更正后重新发送本行',
    en: "this account is on file for a debtor with another ID number than the row's: an account is not moved to another person by a file, and this row was not imported (neither its balance nor its phones); check the account number and the ID number with the bank and send the row again corrected",
  },
  new_account_needs_name_and_date: {
    column: 'debtor_name; first_delinquency_date', zh: '这是新账户，但姓名和首次逾期日为空；新委案必须有这两项',
    en: 'this is a new account but the name and the first delinquency date are empty; a new placement needs both',
  },
  new_account_placement_over: {
    column: 'placement_date',
    zh: '这是新账户，但按委案日期和合同的委托期限，其委案期已结束：导入后今晚就会退案；请核对委案日期（是否把其他日期当成了委案日期），或用委案到期日（--placement-end）注明这批案件的期限',
    en: "this is a new account, but by its placement date and the contract's placement term its placement is already over: it would be recalled tonight; check the placement date (another date may have been taken for it), or give the batch's last day (--placement-end)",
  },
};

/**
 * What a new account's row lacks that a placement needs (a name, a first delinquency date, an amount
 * owed), or why it cannot be placed (its placement, by its date and the contract's term, already
 * over: `placedFrom` is the earliest placement date still running, null with --placement-end), as a
 * rejection code; null: nothing. A known account's row only updates it: its placement stays.
 */
function missingForNew(row: PlacementRow, placedFrom: string | null): string | null {
  if (row.debtorName === null && row.firstDelinquencyDate === null) return 'new_account_needs_name_and_date';
  if (row.debtorName === null) return 'new_account_needs_name';
  if (row.firstDelinquencyDate === null) return 'new_account_needs_date';
  if (row.principal === null && row.interest === null && row.fees === null) return 'new_account_needs_amount';
  if (placedFrom !== null && row.placementDate < placedFrom) return 'new_account_placement_over';
  return null;
}

export interface PlacementState {
  known: KnownAccounts; setWiseKeys: boolean;
  /** Which ID numbers may already be a debtor's (DebtorFilter): only those are looked up. Made for the first new account (a file of known accounts needs none). */
  debtors: DebtorFilter | undefined;
  /** Rows as digests (RowDigest), and the digest of the row last looked at (row number `digestRow`). */
  rowDigest: RowDigest; digest: number; digestRow: number;
  /** The file's new account numbers with letters, in capitals, each with the first row giving it: another row's that differs only in case is refused. */
  newLettered: KeySet;
  /** A new debtor's contact point's last fields (binary COPY): owner, source. */
  contactSuffix: Buffer;
  /** Reused for each chunk: the COPY rows of new debtors, new accounts, contact points of new debtors, and of debtors matched by ID number; new accounts' report rows. */
  debtorRows: BinaryRows; accountRows: BinaryRows; contactRows: BinaryRows; matchedContacts: BinaryRows; factRows: BinaryRows;
}

/**
 * A chunk's new accounts as `prepare` leaves them: their personal data sealed and their rows in
 * binary COPY form, all but the ids the database gives at merge time (the debtor's and the
 * placement's), which go in front of each row.
 */
class FreshAccounts {
  /** Rows not yet made ready (StagedChunk.fresh): their RowDigest. */
  pendingDigests: number[] = [];
  /** Accepted rows, in row order: placement date (one string per date: `sameDate`), ID number's keyed hash (hex) or null. */
  dates: string[] = [];
  /** Accepted rows' languages (null: the file says none): a debtor matched by ID number who has none recorded gets it. */
  languages: Array<string | null> = [];
  /** Each placement date seen so far, once (a handful per file, kept across chunks): a row's own copy would live until the merge. */
  sameDate = new Map<string, string>();
  idHashes: Array<string | null> = [];
  /** Accepted rows' row numbers and names: a row whose ID number is another name's on file is refused at the merge. */
  rowNos: number[] = [];
  names: string[] = [];
  /**
   * Accepted rows' report facts: region prefix and bucket on the placement date (as numbers: the
   * prefix's index in `prefixNames`, the bucket's in BUCKETS), placed amount (reportRegion, placementBucket).
   */
  prefixes: number[] = [];
  buckets: number[] = [];
  placedFen: number[] = [];
  /** Region prefixes seen so far, each once (a handful per file), kept across chunks. */
  prefixNames: string[] = [];
  prefixIndex = new Map<string, number>();
  /** Per accepted row: its debtor's fields after the id, and its account's after debtor and placement ids. */
  debtors = new BinaryRows();
  debtorEnds: number[] = [];
  accounts = new BinaryRows();
  accountEnds: number[] = [];
  /** Phones, addresses and e-mail addresses: the fields after debtor_id, whose row (index into the accepted rows), kind ('p', 'a' or 'e') and keyed hash. */
  contacts = new BinaryRows();
  contactEnds: number[] = [];
  contactOf: number[] = [];
  contactKinds: string[] = [];
  contactHashes = new BinaryRows();
  /** Rows refused before anything is written: a new account needs a name and a first delinquency date. */
  rejected: RejectedRow[] = [];

  reset(): void {
    for (const list of [this.pendingDigests, this.dates, this.languages, this.idHashes, this.rowNos, this.names, this.prefixes, this.buckets, this.placedFen, this.debtorEnds, this.accountEnds,
      this.contactEnds, this.contactOf, this.contactKinds, this.rejected]) list.length = 0;
    this.debtors.reset();
    this.accounts.reset();
    this.contacts.reset();
    this.contactHashes.reset();
  }
}

const LETTERS = /[A-Za-z]/;

/**
 * A new account number that differs from a known one, or from an earlier row's, only in the case
 * of its letters (qa80 against QA80): one bank system writes it in capitals, another not, and as
 * two accounts the debtor would be collected twice. Refused, naming the other, rather than
 * applied to it (a file does not decide which account a row is). Known ones are looked up in
 * capitals and in small letters (how systems write them); the file's own, in any mix.
 */
function otherCaseOf(accountNo: string, known: KnownAccounts, newLettered: KeySet, rowNo: number): RowError | null {
  const upper = accountNo.toUpperCase();
  for (const other of known.size === 0 ? [] : [upper, accountNo.toLowerCase()]) {
    if (other === accountNo || known.find(other) === -1) continue;
    return {
      column: 'account_no',
      zh: `账号 ${accountNo} 与已有账户 ${other} 只有字母大小写不同，应是同一账户：本行未导入（以免同一笔欠款成为两个账户）；请按 ${other} 的写法重新发送本行`,
      en: `account number ${accountNo} differs from the account on file ${other} only in the case of its letters, so it is taken to be the same account: this row was not imported (the same debt would otherwise be two accounts); send the row again with the account number written ${other}`,
    };
  }
  const first = newLettered.getOrAdd(upper, rowNo);
  if (first === undefined) return null;
  return {
    column: 'account_no',
    zh: `账号 ${accountNo} 与第 ${first} 行的账号只有字母大小写不同，应是同一账户：只导入了第 ${first} 行，本行未导入；请统一账号的写法`,
    en: `account number ${accountNo} differs from row ${first}'s only in the case of its letters, so it is taken to be the same account: row ${first} was read and this row was not; write the account number the same way in both`,
  };
}

/** A blank cell keeps the value; any other differs when it is not the same number of fen. */
const differs = (given: number | null, current: number) => given !== null && given !== current;

export const placementHandler: KindHandler<PlacementRow, PlacementState> = {
  kind: 'placements',
  async begin(client, prepared) {
    await createPlacementStaging(client);
    await lockDebtorMatching(client);
    await writeReportFactsHere(client);
    const known = new KnownAccounts();
    await streamKnownAccounts(client, prepared.creditor.id, known.add, { idPrints: prepared.columns.index.id_number !== undefined });
    return {
      known, debtors: undefined, setWiseKeys: await maySkipRowForeignKeyChecks(client), rowDigest: new RowDigest(prepared.columns), digest: NaN, digestRow: -1,
      newLettered: new KeySet(),
      contactSuffix: Buffer.from(new BinaryRows().text('debtor').text(`placement:${prepared.batchId}`).data()),
      debtorRows: new BinaryRows(), accountRows: new BinaryRows(), contactRows: new BinaryRows(), matchedContacts: new BinaryRows(), factRows: new BinaryRows(),
    };
  },
  sameAsLast(cells, { state, pii, prepared }) {
    const digest = state.rowDigest.of(cells, pii);
    state.digest = digest;
    state.digestRow = cells.n;
    if (Number.isNaN(digest) || state.known.size === 0) return undefined;
    const accountNo = accountNoOf(prepared.columns, cells);
    const entry = state.known.find(accountNo);
    return entry !== -1 && !state.known.recalled(entry) && state.known.rowDigest(entry) === digest ? accountNo : undefined;
  },
  check: (columns, cells, options) => checkPlacementRow(columns, cells, options),
  keyColumn: 'account_no',
  key: (row) => row.accountNo,
  signature: (row) => fingerprintOf([row.debtorName, row.idNumber, row.phones.join(','), row.address, row.region?.code, row.product, row.principal,
    row.interest, row.fees, row.firstDelinquencyDate, row.placementDate, row.email, row.language, row.chargeOff?.date, row.chargeOff?.balance,
    row.chargeOff?.interest, row.chargeOff?.fees, row.chargeOff?.paid]),

  refuse(row, { state: { known, newLettered }, pii }, rowNumber) {
    const entry = known.size === 0 ? -1 : known.find(row.accountNo);
    if (entry === -1) return LETTERS.test(row.accountNo) ? otherCaseOf(row.accountNo, known, newLettered, rowNumber) : null;
    // A known account's row naming another person's ID number (a bank's mix-up of accounts, or a
    // row shifted in the file) is not applied: neither its balance nor its phones reach the debtor on file.
    if (row.idNumber !== null && !Number.isNaN(known.idPrint(entry))) {
      pii.hashInto(row.idNumber, scratchHash, 0);
      if (idPrintOf(scratchHash) !== known.idPrint(entry)) {
        // The same person's other form of the number (15 digits on file, 18 in the row, or the other way) is no other person.
        const other = otherIdNumberForm(row.idNumber);
        if (other !== null) pii.hashInto(other, scratchHash, 0);
        if (other === null || idPrintOf(scratchHash) !== known.idPrint(entry)) return REJECTIONS.account_other_id_number!;
      }
    }
    if (known.recalled(entry)) return null;
    // A file older than the balance the account already has (a bank's file sent again, a row fixed
    // from an old file) does not take the balance back; one of the same day or later restates it.
    if (!differs(row.principal, known.principal(entry)) && !differs(row.interest, known.interest(entry)) && !differs(row.fees, known.fees(entry))) return null;
    const statedOn = known.statedOn(entry);
    if (statedOn === '' || row.placementDate >= statedOn) return null;
    return {
      column: 'placement_date',
      zh: `本行的日期 ${row.placementDate} 早于该账户现有欠款的日期 ${statedOn}：旧文件不会覆盖较新的欠款；如金额确需更正，请用 ${statedOn} 或之后的日期重新发送`,
      en: `the row's date ${row.placementDate} is before the date of the balance the account already has (${statedOn}): an older file does not replace a newer balance; to correct it, send the row dated ${statedOn} or later`,
    };
  },

  stage(row, rowNumber, chunk, run) {
    const { state: { known }, pii } = run;
    const entry = known.find(row.accountNo);
    const rowDigest = run.state.digestRow === rowNumber ? run.state.digest : NaN;
    if (row.chargeOff !== null) {
      const { date, balance, interest, fees, paid } = row.chargeOff;
      chunk.chargeOffs.push({ rowNo: rowNumber, accountNo: row.accountNo, date, balance, interest, fees, paid, known: entry !== -1 });
    }
    if (entry !== -1) {
      // The language the row gives is kept for a debtor who has none recorded yet (setDebtorLanguages).
      if (row.language !== null) {
        chunk.languageDebtors.push(known.debtorId(entry));
        chunk.languages.push(row.language);
      }
      // A known account: staged only when its balance parts change or it comes back after a recall;
      // its phones and addresses are checked by keyed hash when they are not what its last row
      // said, and encrypted only if new.
      const digest = digester.start();
      for (const phone of row.phones) {
        pii.hashInto(phone, scratchHash, 0);
        digest.bytes('phone', scratchHash, 0);
      }
      if (row.address !== null) {
        pii.hashInto(row.address, scratchHash, 0);
        digest.bytes('address', scratchHash, 0);
      }
      if (row.email !== null) {
        pii.hashInto(row.email, scratchHash, 0);
        digest.bytes('email', scratchHash, 0);
      }
      const contactDigest = digest.value();
      // The row's digests go with its new balance parts, or on their own when this row is not the
      // account's last (NaN is never equal: such a row is checked each time).
      if (known.recalled(entry) || differs(row.principal, known.principal(entry)) || differs(row.interest, known.interest(entry)) ||
        differs(row.fees, known.fees(entry))) {
        chunk.lines.add(`${rowNumber}\t${copyText(row.accountNo)}\t${copyNumber(row.principal)}\t${copyNumber(row.interest)}\t` +
          `${copyNumber(row.fees)}\t${row.placementDate}\t${contactDigest}\t${copyNumber(Number.isNaN(rowDigest) ? null : rowDigest)}\n`);
        chunk.placementDates.add(row.placementDate);
      } else if (rowDigest !== known.rowDigest(entry) || contactDigest !== known.contactDigest(entry)) {
        chunk.digestAccounts.push(row.accountNo);
        chunk.digests.push(contactDigest);
        chunk.rowDigests.push(rowDigest);
      }
      // The same phones and address as the account's last row: nothing to look up.
      if (contactDigest === known.contactDigest(entry)) return false;
      const debtorId = known.debtorId(entry);
      row.phones.forEach((phone, seq) => chunk.checkLines.add(`${rowNumber}\t${seq}\t${debtorId}\tphone\t${copyBytea(pii.hash('phone', phone))}\n`));
      if (row.address !== null) chunk.checkLines.add(`${rowNumber}\t0\t${debtorId}\taddress\t${copyBytea(pii.hash('address', row.address))}\n`);
      if (row.email !== null) chunk.checkLines.add(`${rowNumber}\t0\t${debtorId}\temail\t${copyBytea(pii.hash('email', row.email))}\n`);
      if (row.phones.length || row.address !== null || row.email !== null) {
        chunk.knownContacts.set(rowNumber, { debtorId, phones: row.phones, address: row.address, addressZones: row.addressZones, email: row.email });
      }
      return false;
    }
    // A new account: made ready a slice at a time (its personal data sealed with the slice's), and
    // written at merge time straight into the tables.
    if (chunk.freshRows++ === 0) freshOf(chunk).reset();
    freshOf(chunk).pendingDigests.push(rowDigest);
    chunk.fresh.push(row);
    chunk.freshNumbers.push(rowNumber);
    chunk.placementDates.add(row.placementDate);
    if (chunk.fresh.length === PREPARE_SLICE) prepareFresh(chunk, run);
    // Kept: a new account may still be refused while merging (its ID number on file under another
    // name), and its errors line then gives the row as sent. The cells are the chunk's own text.
    return true;
  },

  prepare(chunk, run) {
    if (chunk.fresh.length) prepareFresh(chunk, run);
  },

  async merge(client, chunk, run) {
    const { prepared, pii, state } = run;
    const { creditor, batchId } = prepared;
    if (chunk.lines.lines === 0 && chunk.checkLines.lines === 0 && chunk.freshRows === 0 && chunk.digests.length === 0 && chunk.languages.length === 0 &&
      chunk.chargeOffs.length === 0) {
      return { inserted: 0, updated: 0, rejected: [], contactsAdded: 0 };
    }
    const placements = chunk.placementDates.size
      ? await ensurePlacements(client, creditor.id, batchId, prepared.facts.sha256, [...chunk.placementDates], prepared.placementEnd, creditor.placement_days)
      : new Map<string, number>();
    if (chunk.lines.lines) await copyInto(client, 'import_placement_rows', PLACEMENT_STAGE_COLUMNS, chunk.lines.bytes());
    if (chunk.checkLines.lines) await copyInto(client, 'import_contact_checks', CONTACT_CHECK_COLUMNS, chunk.checkLines.bytes());
    const known = await mergeKnownAccounts(client, { creditorId: creditor.id, batchId, setWiseKeys: state.setWiseKeys });
    const fresh = chunk.freshRows ? await writeFreshAccounts(client, freshOf(chunk), placements, chunk, run) : undefined;
    const finished = await finishPlacementChunk(client, {
      batchId, setWiseKeys: state.setWiseKeys, matchedContacts: state.matchedContacts.rows > 0 && fresh !== undefined,
    });
    // A restated balance the payments since already cover (a bank's file saying nothing is owed): paid in full (已结清). After the
    // chunk's statements restored the session's triggers (the audit chain's among them).
    if (known.restatedAccounts.length) {
      await finishPaidInFull(client, { creditorId: creditor.id, accountIds: known.restatedAccounts, reopenIds: [], at: run.now(), actor: run.actor,
        currency: currencyOfPack(prepared.country) });
    }
    // Phones and addresses new to a known debtor: encrypted now, and the row counts as updated.
    const points: NewContactPoint[] = known.newContacts.map(({ row_no: rowNo, seq, kind }) => {
      const contacts = chunk.knownContacts.get(rowNo)!;
      const plain = kind === 'phone' ? contacts.phones[seq]! : kind === 'address' ? contacts.address! : contacts.email!;
      const stored = pii.encode(kind, plain);
      known.updatedRows.add(rowNo);
      return { debtorId: contacts.debtorId, kind, hash: stored.hash, enc: stored.enc, mask: maskContact(kind, plain),
        timeZones: kind === 'phone' ? phoneTimeZones(plain) : kind === 'address' ? contacts.addressZones : null };
    });
    const added = await insertContactPoints(client, points, batchId);
    if (chunk.digests.length) await saveRowDigests(client, creditor.id, chunk.digestAccounts, chunk.digests, chunk.rowDigests);
    if (chunk.languages.length) await setDebtorLanguages(client, chunk.languageDebtors, chunk.languages);
    if (chunk.chargeOffs.length) {
      // New figures for an account already on file make its row an update; a new account's row is counted inserted.
      const ofKnown = new Set(chunk.chargeOffs.filter((c) => c.known).map((c) => c.rowNo));
      for (const rowNo of await saveChargeOffs(client, creditor.id, batchId, chunk.chargeOffs)) if (ofKnown.has(rowNo)) known.updatedRows.add(rowNo);
    }
    return {
      // A chunk object is reused: what `prepared` holds is this chunk's only when it had new accounts.
      inserted: fresh?.inserted ?? 0, updated: known.updatedRows.size, rejected: chunk.freshRows ? freshOf(chunk).rejected : [],
      contactsAdded: (fresh?.contactsAdded ?? 0) + finished.contactsAdded + added,
    };
  },

  rejection(code) {
    const earlier = /^id_number_other_name_in_file:(\d+)$/.exec(code);
    if (earlier) {
      return {
        column: 'id_number; debtor_name', zh: `本文件第 ${earlier[1]} 行的身份证号与本行相同，但姓名不同：同一证件号只能属于一个人；请向银行核对证件号和姓名，更正后重新发送本行`,
        en: `row ${earlier[1]} of this file gives the same ID number under another name: one ID number is one person's; check the ID number and the name with the bank and send this row again corrected`,
      };
    }
    return REJECTIONS[code] ?? { column: '', zh: `无法导入（${code}）`, en: `cannot be imported (${code})` };
  },
};

/**
 * New accounts are made ready this many at a time: enough for sealing them together to pay, few
 * enough that their rows die young (the collector's cheap case) and that the database's
 * replies are not kept waiting.
 */
const PREPARE_SLICE = 250;

function freshOf(chunk: StagedChunk): FreshAccounts {
  return (chunk.prepared ??= new FreshAccounts()) as FreshAccounts;
}

/** Seals and writes the chunk's new accounts not yet made ready, and lets go of their rows. */
function prepareFresh(chunk: StagedChunk, { prepared, pii }: ImportRun<PlacementState>): void {
  const f = freshOf(chunk);
  // Placed before this day, a placement of the contract's term is over already (its end, placed_on + placement_days, before today).
  const placedFrom = prepared.placementEnd === null ? addDays(prepared.businessDate, -prepared.creditor.placement_days) : null;
  prepareSlice(f, chunk.fresh as PlacementRow[], chunk.freshNumbers, f.pendingDigests, prepared.creditor.id, pii, placedFrom);
  f.pendingDigests.length = 0;
  chunk.fresh.length = 0;
  chunk.freshNumbers.length = 0;
}

function prepareSlice(f: FreshAccounts, rows: readonly PlacementRow[], rowNos: readonly number[], rowDigests: readonly number[], creditor: number,
  pii: PiiEncoder, placedFrom: string | null): void {
  const accepted: PlacementRow[] = [];
  const acceptedDigests: number[] = [];
  const acceptedNos: number[] = [];
  const ids: string[] = [];
  const phones: string[] = [];
  const addresses: string[] = [];
  const emails: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const missing = missingForNew(row, placedFrom);
    if (missing !== null) {
      f.rejected.push({ row_no: rowNos[i]!, reason: missing });
      continue;
    }
    accepted.push(row);
    acceptedDigests.push(rowDigests[i]!);
    acceptedNos.push(rowNos[i]!);
    if (row.idNumber !== null) ids.push(row.idNumber);
    for (const phone of row.phones) phones.push(phone);
    if (row.address !== null) addresses.push(row.address);
    if (row.email !== null) emails.push(row.email);
  }
  const id = pii.sealMany(ids);
  const phone = pii.sealMany(phones);
  const address = pii.sealMany(addresses);
  const email = emails.length ? pii.sealMany(emails) : null;   // most files carry none
  let nextId = 0;
  let nextPhone = 0;
  let nextAddress = 0;
  let nextEmail = 0;
  const { debtors, accounts, contacts } = f;
  for (let a = 0; a < accepted.length; a++) {
    const row = accepted[a]!;
    const k = f.idHashes.length;
    let date = f.sameDate.get(row.placementDate);
    if (date === undefined) f.sameDate.set(row.placementDate, date = row.placementDate);
    f.dates.push(date);
    f.languages.push(row.language);
    f.rowNos.push(acceptedNos[a]!);
    f.names.push(row.debtorName!);
    const prefix = reportRegion(row.region?.code ?? null);
    let prefixId = f.prefixIndex.get(prefix);
    if (prefixId === undefined) f.prefixIndex.set(prefix, prefixId = f.prefixNames.push(prefix) - 1);
    f.prefixes.push(prefixId);
    f.buckets.push(BUCKETS.indexOf(placementBucket(row.firstDelinquencyDate! as LocalDate, row.placementDate as LocalDate)));
    f.placedFen.push((row.principal ?? 0) + (row.interest ?? 0) + (row.fees ?? 0));
    // debtors: name, id_number_enc, id_number_hash, id_number_mask, birth_date, region_code, region_source, time_zone, preferred_language (after id)
    debtors.text(row.debtorName!);
    if (row.idNumber === null) {
      f.idHashes.push(null);
      debtors.null().null().null();
    } else {
      const i = nextId++;
      f.idHashes.push(id.hashHex(i));
      debtors.bytea(id.data, id.offsets[i]!, id.offsets[i + 1]!).bytea(id.hashes, 32 * i, 32 * i + 32).text(maskIdNumber(row.idNumber));
    }
    debtors.dateOrNull(row.birthDate).textOrNull(row.region?.code ?? null).textOrNull(row.region?.source ?? null).text(row.timeZone ?? DEFAULT_DEBTOR_ZONE)
      .textOrNull(row.language);
    f.debtorEnds.push(debtors.length);
    // contact_points: kind, value_enc, value_hash, value_mask, time_zones (after debtor_id): a phone's area's, a US address's, an e-mail's none
    const digest = digester.start();
    for (const value of row.phones) {
      const j = nextPhone++;
      digest.bytes('phone', phone.hashes, 32 * j);
      contacts.text('phone').bytea(phone.data, phone.offsets[j]!, phone.offsets[j + 1]!).bytea(phone.hashes, 32 * j, 32 * j + 32).text(maskPhone(value))
        .textArrayOrNull(phoneTimeZones(value));
      f.contactEnds.push(contacts.length);
      f.contactOf.push(k);
      f.contactKinds.push('p');
      f.contactHashes.bytes(phone.hashes, 32 * j, 32 * j + 32);
    }
    if (row.address !== null) {
      const j = nextAddress++;
      digest.bytes('address', address.hashes, 32 * j);
      contacts.text('address').bytea(address.data, address.offsets[j]!, address.offsets[j + 1]!).bytea(address.hashes, 32 * j, 32 * j + 32)
        .text(maskAddress(row.address)).textArrayOrNull(row.addressZones);
      f.contactEnds.push(contacts.length);
      f.contactOf.push(k);
      f.contactKinds.push('a');
      f.contactHashes.bytes(address.hashes, 32 * j, 32 * j + 32);
    }
    if (row.email !== null && email !== null) {
      const j = nextEmail++;
      digest.bytes('email', email.hashes, 32 * j);
      contacts.text('email').bytea(email.data, email.offsets[j]!, email.offsets[j + 1]!).bytea(email.hashes, 32 * j, 32 * j + 32)
        .text(maskEmail(row.email)).null();
      f.contactEnds.push(contacts.length);
      f.contactOf.push(k);
      f.contactKinds.push('e');
      f.contactHashes.bytes(email.hashes, 32 * j, 32 * j + 32);
    }
    // accounts: creditor_id, account_no, account_no_mask, product, principal_fen, interest_fen, fees_fen,
    // first_delinquency_date, region_code, status, contact_digest, row_digest (after debtor_id, placement_id)
    accounts.int8(creditor).text(row.accountNo).text(maskAccountNo(row.accountNo)).text(row.product ?? 'credit_card')
      .int8(row.principal ?? 0).int8(row.interest ?? 0).int8(row.fees ?? 0).date(row.firstDelinquencyDate!)
      .textOrNull(row.region?.code ?? null).text('placed').int8(digest.value());
    const rowDigest = acceptedDigests[a]!;
    if (Number.isNaN(rowDigest)) accounts.null();
    else accounts.int8(rowDigest);
    f.accountEnds.push(accounts.length);
  }
}

/**
 * The filter of debtors' ID numbers for an import of a file of `fileBytes`: every debtor's, when
 * reading them all costs less than looking up the file's rows one by one (a debtor's hash streams
 * in for a fraction of one lookup's cost; a row is taken as 200 bytes); else one that knows nothing
 * (each row looked up, as a small daily file in a large agency should be).
 */
async function debtorFilter(client: PoolClient, fileBytes: number): Promise<DebtorFilter> {
  const rows = Math.max(1, fileBytes / 200);
  const debtors = await debtorCountEstimate(client);
  if (debtors > 5 * rows) return DebtorFilter.everything();
  const filter = new DebtorFilter(debtors + rows);
  await streamDebtorIdHashes(client, (hex) => filter.add(hex));
  return filter;
}

/** One digest under way at a time (this process is single-threaded), and a known row's hashes one at a time. */
const digester = new ContactDigest();
const scratchHash = Buffer.alloc(32);

/**
 * The chunk's new accounts, straight into their tables: each row's debtor is the one already
 * there with its ID number (matched across accounts and creditors), or one an earlier row of
 * this chunk created, or a new one; then three COPYs (debtors, accounts, the new debtors'
 * phones and addresses, each once), and the matched debtors' phones and addresses staged for
 * finishPlacementChunk (which leaves out those they have).
 */
async function writeFreshAccounts(client: PoolClient, f: FreshAccounts, placements: Map<string, number>, chunk: StagedChunk,
  { state, prepared }: ImportRun<PlacementState>): Promise<{ inserted: number; contactsAdded: number }> {
  const creditorId = prepared.creditor.id;
  const { debtorRows, accountRows, contactRows, matchedContacts, factRows } = state;
  debtorRows.reset();
  accountRows.reset();
  contactRows.reset();
  matchedContacts.reset();
  factRows.reset();
  const count = f.dates.length;
  if (count === 0) return { inserted: 0, contactsAdded: 0 };
  // Only ID numbers the filter cannot rule out are looked up (for a file of new debtors, next to none).
  const filter = state.debtors ??= await debtorFilter(client, prepared.facts.size);
  const asked = [...new Set(f.idHashes.filter((h): h is string => h !== null && filter.mayHave(h)))];
  const matched = asked.length ? await findDebtorsByIdHash(client, asked) : new Map<string, { id: number; name: string }>();
  // Each row's debtor: matched (found), created by an earlier row of the chunk (its first row in
  // `firstOf`; both rows marked `shared`), or new. A row whose ID number is on file, or on an
  // earlier row, under another name is refused (`skipped`): the account is not put on a person
  // it may not be (a wrong ID number would have a stranger called about the debt).
  const found = new Uint8Array(count);
  const shared = new Uint8Array(count);
  const skipped = new Uint8Array(count);
  const firstOf = new Int32Array(count).fill(-1);
  const firstRowOf = new Map<string, number>();
  let fresh = 0;
  let refused = 0;
  for (let k = 0; k < count; k++) {
    const hash = f.idHashes[k]!;
    const onFile = hash === null ? undefined : matched.get(hash);
    if (onFile !== undefined) {
      if (sameDebtorName(onFile.name, f.names[k]!)) found[k] = 1;
      else { skipped[k] = 1; refused++; f.rejected.push({ row_no: f.rowNos[k]!, reason: 'id_number_other_name' }); }
      continue;
    }
    if (hash !== null) {
      const first = firstRowOf.get(hash);
      if (first !== undefined && !sameDebtorName(f.names[first]!, f.names[k]!)) {
        skipped[k] = 1;
        refused++;
        f.rejected.push({ row_no: f.rowNos[k]!, reason: `id_number_other_name_in_file:${f.rowNos[first]!}` });
        continue;
      }
      if (first !== undefined) { firstOf[k] = first; shared[k] = shared[first] = 1; continue; }
      firstRowOf.set(hash, k);
      filter.add(hash);   // a later chunk's row with this ID number is looked up, and finds it
    }
    fresh++;
  }
  const firstId = fresh ? await reserveIds(client, 'debtors', fresh) : 0;
  const firstAccountId = await reserveIds(client, 'accounts', count);
  // The accounts' report rows (the trigger leaves them to this import: writeReportFactsHere), and their sums per report cell.
  const cells = new Map<number, { month: string; prefix: string; bucket: string; accounts: number; placedFen: number }>();
  const months = new Map<string, { month: LocalDate; index: number }>();
  const debtorOf = new Array<number>(count);
  let nextId = 0;
  const debtors = f.debtors.data();
  const accounts = f.accounts.data();
  for (let k = 0; k < count; k++) {
    if (skipped[k]) continue;
    if (found[k]) {
      debtorOf[k] = matched.get(f.idHashes[k]!)!.id;
      const language = f.languages[k];
      if (language) { chunk.languageDebtors.push(debtorOf[k]!); chunk.languages.push(language); }
    }
    else if (firstOf[k] !== -1) debtorOf[k] = debtorOf[firstOf[k]!]!;
    else {
      debtorOf[k] = firstId + nextId++;
      debtorRows.row(DEBTOR_COLUMNS.length).int8(debtorOf[k]!).bytes(debtors, k === 0 ? 0 : f.debtorEnds[k - 1]!, f.debtorEnds[k]!);
    }
    const placementId = placements.get(f.dates[k]!);
    if (placementId === undefined) throw new Error(`no placement for ${f.dates[k]!}`);
    accountRows.row(ACCOUNT_COLUMNS.length).int8(firstAccountId + k).int8(debtorOf[k]!).int8(placementId)
      .bytes(accounts, k === 0 ? 0 : f.accountEnds[k - 1]!, f.accountEnds[k]!);
    let month = months.get(f.dates[k]!);
    if (month === undefined) months.set(f.dates[k]!, month = { month: `${f.dates[k]!.slice(0, 7)}-01` as LocalDate, index: months.size });
    const prefix = f.prefixNames[f.prefixes[k]!]!;
    const bucket = BUCKETS[f.buckets[k]!]!;
    factRows.row(REPORT_FACT_COLUMNS.length).int8(creditorId).int8(firstAccountId + k).int8(placementId).date(month.month)
      .text(prefix).text(bucket).int8(f.placedFen[k]!).int8(0);
    // The report cell as one number: the placement date's, the prefix's and the bucket's indexes.
    const key = (month.index * f.prefixNames.length + f.prefixes[k]!) * BUCKETS.length + f.buckets[k]!;
    const cell = cells.get(key);
    if (cell) { cell.accounts++; cell.placedFen += f.placedFen[k]!; }
    else cells.set(key, { month: month.month, prefix, bucket, accounts: 1, placedFen: f.placedFen[k]! });
  }
  // A debtor's phones and addresses once each (two accounts of one person often repeat them).
  const written = new Set<string>();
  const contacts = f.contacts.data();
  const hashes = f.contactHashes.data();
  for (let j = 0; j < f.contactOf.length; j++) {
    const k = f.contactOf[j]!;
    if (skipped[k]) continue;
    const start = j === 0 ? 0 : f.contactEnds[j - 1]!;
    const end = f.contactEnds[j]!;
    if (found[k]) {
      matchedContacts.row(CONTACT_STAGE_COLUMNS.length).int8(debtorOf[k]!).bytes(contacts, start, end);
      continue;
    }
    if (shared[k]) {
      const key = `${debtorOf[k]!}${f.contactKinds[j]!}${hashes.toString('latin1', 32 * j, 32 * j + 32)}`;
      if (written.has(key)) continue;
      written.add(key);
    }
    contactRows.row(CONTACT_POINT_COLUMNS.length).int8(debtorOf[k]!).bytes(contacts, start, end).bytes(state.contactSuffix);
  }
  if (debtorRows.rows) await copyBinaryInto(client, 'debtors', DEBTOR_COLUMNS, debtorRows.data());
  await copyBinaryInto(client, 'accounts', ACCOUNT_COLUMNS, accountRows.data());
  await copyBinaryInto(client, 'report_account_facts', REPORT_FACT_COLUMNS, factRows.data());
  await addPlacedReport(client, creditorId, [...cells.values()]);
  if (contactRows.rows) await copyBinaryInto(client, 'contact_points', CONTACT_POINT_COLUMNS, contactRows.data());
  if (matchedContacts.rows) await copyBinaryInto(client, 'import_contacts', CONTACT_STAGE_COLUMNS, matchedContacts.data());
  return { inserted: count - refused, contactsAdded: contactRows.rows };
}

export async function importPlacements(ctx: AppContext, actor: Actor, request: ImportRequest,
  onProgress?: (progress: ImportProgress) => void): Promise<{ summary: ImportSummary; details: ImportDetails }> {
  const prepared = await prepareImport(ctx, actor, 'placements', request);
  return runImport(ctx, actor, placementHandler, prepared, onProgress);
}
