/**
 * Placement files (委案): new accounts and balance updates. Key: (creditor, account_no).
 * A new key inserts an account (status 'placed', unassigned: dealing accounts to teams by
 * territory is a separate step); a known key updates the balance parts and keeps the old
 * values in account_history; identical values are unchanged. Debtors are matched across
 * accounts and creditors by the keyed hash of the ID number; new phones and addresses become
 * contact points with provenance `placement:<batch_id>`.
 */
import {
  CONTACT_CHECK_COLUMNS, CONTACT_POINT_COLUMNS, CONTACT_STAGE_COLUMNS, copyInto, createPlacementStaging, ensurePlacements, finishPlacementChunk,
  insertContactPoints, maySkipRowForeignKeyChecks, mergePlacementChunk, PLACEMENT_STAGE_COLUMNS, streamKnownAccounts, type NewContactPoint,
} from '../../db/import-repository.ts';
import { checkPlacementRow, type PlacementRow, type RowError } from '../../domain/import/rows.ts';
import { maskAccountNo, maskAddress, maskContact, maskIdNumber, maskPhone } from '../../domain/masking.ts';
import type { Actor, AppContext } from '../context.ts';
import { prepareImport, runImport, type ImportDetails, type ImportProgress, type ImportRequest, type ImportSummary, type KindHandler } from './engine.ts';
import { KnownAccounts } from './known-accounts.ts';
import { copyBytea, copyNumber, copyText, CopyBuffer, type StoredPii } from './staging.ts';

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

export interface PlacementState {
  known: KnownAccounts; setWiseKeys: boolean;
  /** COPY columns of a new debtor's contact point after its value: owner, source, provenance. */
  contactSuffix: string;
  /** Reused for each chunk: contact points of new debtors, and of debtors matched by ID number. */
  newDebtorContacts: CopyBuffer; matchedContacts: CopyBuffer;
}

/** A blank cell keeps the value; any other differs when it is not the same number of fen. */
const differs = (given: number | null, current: number) => given !== null && given !== current;

export const placementHandler: KindHandler<PlacementRow, PlacementState> = {
  kind: 'placements',
  async begin(client, prepared) {
    await createPlacementStaging(client);
    const known = new KnownAccounts();
    await streamKnownAccounts(client, prepared.creditor.id, known.add);
    const provenance = JSON.stringify({ batch_id: prepared.batchId, creditor_id: prepared.creditor.id });
    return {
      known, setWiseKeys: await maySkipRowForeignKeyChecks(client),
      contactSuffix: `\tdebtor\t${copyText(`placement:${prepared.batchId}`)}\t${copyText(provenance)}\n`,
      newDebtorContacts: new CopyBuffer(), matchedContacts: new CopyBuffer(),
    };
  },
  check: (columns, cells, options) => checkPlacementRow(columns, cells, options),
  keyColumn: 'account_no',
  key: (row) => row.accountNo,
  signature: (row) => [row.debtorName, row.idNumber, row.phones.join(','), row.address, row.region?.code, row.product, row.principal,
    row.interest, row.fees, row.firstDelinquencyDate, row.placementDate].join('\u001f'),

  stage(row, rowNumber, chunk, { state: { known }, pii }) {
    const entry = known.find(row.accountNo);
    if (entry !== -1) {
      // A known account: staged only when its balance parts change or it comes back after a recall;
      // its phones and addresses are checked by keyed hash, and encrypted only if new.
      if (known.recalled(entry) || differs(row.principal, known.principal(entry)) || differs(row.interest, known.interest(entry)) ||
        differs(row.fees, known.fees(entry))) {
        chunk.lines.add(stagedLine(row, rowNumber, true, null));
        chunk.placementDates.add(row.placementDate);
      }
      const debtorId = known.debtorId(entry);
      row.phones.forEach((phone, seq) => chunk.checkLines.add(`${rowNumber}\t${seq}\t${debtorId}\tphone\t${copyBytea(pii.hash('phone', phone))}\n`));
      if (row.address !== null) chunk.checkLines.add(`${rowNumber}\t0\t${debtorId}\taddress\t${copyBytea(pii.hash('address', row.address))}\n`);
      if (row.phones.length || row.address !== null) chunk.knownContacts.set(rowNumber, { debtorId, phones: row.phones, address: row.address });
      return false;
    }
    const id = row.idNumber === null ? null : pii.encode('id_number', row.idNumber);
    chunk.lines.add(stagedLine(row, rowNumber, false, id));
    for (const phone of row.phones) {
      const stored = pii.encode('phone', phone);
      chunk.contacts.add(`\tphone\t${copyBytea(stored.enc)}\t${copyBytea(stored.hash)}\t${copyText(maskPhone(phone))}`);
      chunk.contactRows.push(rowNumber);
      chunk.contactEnds.push(chunk.contacts.length);
    }
    if (row.address !== null) {
      const stored = pii.encode('address', row.address);
      chunk.contacts.add(`\taddress\t${copyBytea(stored.enc)}\t${copyBytea(stored.hash)}\t${copyText(maskAddress(row.address))}`);
      chunk.contactRows.push(rowNumber);
      chunk.contactEnds.push(chunk.contacts.length);
    }
    chunk.placementDates.add(row.placementDate);
    return row.debtorName === null || row.firstDelinquencyDate === null;
  },

  async merge(client, chunk, { prepared, pii, state }) {
    const { creditor, batchId } = prepared;
    if (chunk.lines.lines === 0 && chunk.checkLines.lines === 0) return { inserted: 0, updated: 0, rejected: [], contactsAdded: 0 };
    if (chunk.placementDates.size) {
      await ensurePlacements(client, creditor.id, batchId, prepared.facts.sha256, [...chunk.placementDates], prepared.placementEnd, creditor.placement_days);
    }
    if (chunk.lines.lines) await copyInto(client, 'import_placement_rows', PLACEMENT_STAGE_COLUMNS, chunk.lines.bytes());
    if (chunk.checkLines.lines) await copyInto(client, 'import_contact_checks', CONTACT_CHECK_COLUMNS, chunk.checkLines.bytes());
    const result = await mergePlacementChunk(client, { creditorId: creditor.id, batchId, setWiseKeys: state.setWiseKeys });
    // The new accounts' phones and addresses, now that their debtors are known (both lists are in row order;
    // a rejected row has no debtor, and its contact points are skipped).
    const fresh = state.newDebtorContacts;
    const matched = state.matchedContacts;
    fresh.reset();
    matched.reset();
    const { contactRows, contactEnds } = chunk;
    const tails = chunk.contacts.bytes();
    let next = 0;
    for (const { row_no: rowNo, debtor_id: debtorId, matched: found } of result.debtors) {
      while (next < contactRows.length && contactRows[next]! < rowNo) next++;
      for (; next < contactRows.length && contactRows[next] === rowNo; next++) {
        const tail = tails.subarray(next === 0 ? 0 : contactEnds[next - 1]!, contactEnds[next]!);
        if (found) matched.addJoined(String(rowNo), tail, '\n');
        else fresh.addJoined(String(debtorId), tail, state.contactSuffix);
      }
    }
    if (fresh.lines) await copyInto(client, 'contact_points', CONTACT_POINT_COLUMNS, fresh.bytes());
    if (matched.lines) await copyInto(client, 'import_contacts', CONTACT_STAGE_COLUMNS, matched.bytes());
    const finished = await finishPlacementChunk(client, { creditorId: creditor.id, batchId, setWiseKeys: state.setWiseKeys, matchedContacts: matched.lines > 0 });
    result.contactsAdded = fresh.lines + finished.contactsAdded;
    // Phones and addresses new to a known debtor: encrypted now, and the row counts as updated.
    const points: NewContactPoint[] = result.newContacts.map(({ row_no: rowNo, seq, kind }) => {
      const contacts = chunk.knownContacts.get(rowNo)!;
      const plain = kind === 'phone' ? contacts.phones[seq]! : contacts.address!;
      const stored = pii.encode(kind, plain);
      result.updatedRows.add(rowNo);
      return { debtorId: contacts.debtorId, kind, hash: stored.hash, enc: stored.enc, mask: maskContact(kind, plain) };
    });
    const added = await insertContactPoints(client, points, batchId, creditor.id);
    return { inserted: result.inserted, updated: result.updatedRows.size, rejected: result.rejected, contactsAdded: result.contactsAdded + added };
  },

  rejection: (code) => REJECTIONS[code] ?? { column: '', zh: `无法导入（${code}）`, en: `cannot be imported (${code})` },
};

function stagedLine(row: PlacementRow, rowNumber: number, known: boolean, id: StoredPii | null): string {
  return [
    String(rowNumber), known ? 't' : 'f', copyText(row.accountNo), copyText(maskAccountNo(row.accountNo)), copyText(row.debtorName),
    copyBytea(id?.hash ?? null), copyBytea(id?.enc ?? null), copyText(row.idNumber === null || known ? null : maskIdNumber(row.idNumber)),
    copyText(row.birthDate), copyText(row.region?.code ?? null), copyText(row.region?.source ?? null), copyText(row.product),
    copyNumber(row.principal), copyNumber(row.interest), copyNumber(row.fees), copyText(row.firstDelinquencyDate), row.placementDate,
  ].join('\t') + '\n';
}

export async function importPlacements(ctx: AppContext, actor: Actor, request: ImportRequest,
  onProgress?: (progress: ImportProgress) => void): Promise<{ summary: ImportSummary; details: ImportDetails }> {
  const prepared = await prepareImport(ctx, actor, 'placements', request);
  return runImport(ctx, actor, placementHandler, prepared, onProgress);
}
