import { appendAudit } from '../../db/audit-repository.ts';
import {
  countDebtorsAccountsElsewhere, findDebtorByIdNumber, findDebtorsByAccountNo, findPhoneOwners, listDebtorsAccounts, type CallerPoint,
} from '../../db/accounts-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import type { LocalDate } from '../../domain/calendar.ts';
import { invalidInput } from '../../domain/errors.ts';
import { checkIdNumber, idNumberReadings, phoneReadings } from '../../domain/import/person.ts';
import { maskAccountNo, maskIdNumber, maskPhone } from '../../domain/masking.ts';
import { summarize, type AccountSummary } from '../accounts/list-accounts.ts';
import { accountScope, authorize } from '../authorization.ts';
import { businessDate } from '../business-date.ts';
import { withCurrency } from '../currency.ts';
import type { Actor, AppContext } from '../context.ts';

/** Who is calling: the number on the phone's display, or the ID number or the account (card) number the caller gives. */
export type CallerQuery = { phone: string } | { idNumber: string } | { accountNo: string };

export interface CallerMatch {
  debtor_id: number;
  /** Whose number it is: the debtor's own, or a third party's (never told of the debt). */
  party: 'debtor' | 'third_party';
  contact_point_id: number | null;
  third_party_name: string | null;
  relation: string | null;
  /** The debtor's accounts the actor may work, the ones still being worked first. */
  accounts: AccountSummary[];
  /** The debtor's other accounts (recalled ones left out), by the collector holding them: where to transfer the call. */
  elsewhere: Array<{ collector_name: string | null; accounts: number }>;
}

export interface CallerLookup { matched_by: 'phone' | 'id_number' | 'account_no'; value_mask: string; matches: CallerMatch[] }

/**
 * The ways an account number read out over the phone may be on file: as typed, in capitals, and
 * without the spaces (and then the dashes) a caller groups the digits with.
 */
export function accountNoReadings(typed: string): string[] {
  const trimmed = typed.trim();
  if (trimmed === '') return [];
  const unspaced = trimmed.replace(/\s+/g, '');
  return [...new Set([trimmed, trimmed.toUpperCase(), unspaced, unspaced.toUpperCase(), unspaced.replace(/-/g, ''), unspaced.replace(/-/g, '').toUpperCase()])];
}

/**
 * 来电查找: a debtor (or someone else) calls the agency; the collector finds whose number it is,
 * or whose ID number the caller gives, by its keyed hash, never by decrypting. The answer is
 * masked, limited to the collector's own accounts (with where the others are), and every
 * lookup is audited, matched or not: it ties a number to a debt.
 */
/** The first of the readings a record answers to, with what was found; the first reading when none does. */
async function firstMatch<T>(readings: readonly string[], find: (value: string) => Promise<T>, found: (result: T) => boolean): Promise<{ value: string; result: T }> {
  let first: { value: string; result: T } | undefined;
  for (const value of readings) {
    const result = await find(value);
    if (found(result)) return { value, result };
    first ??= { value, result };
  }
  return first!;
}

export async function findCaller(ctx: AppContext, actor: Actor, query: CallerQuery): Promise<CallerLookup> {
  authorize(actor, 'contacts.log');
  const scope = accountScope(actor);
  return inTransaction(ctx.pool, async (client) => {
    let owners: CallerPoint[];
    let by: CallerLookup['matched_by'];
    let valueMask: string;
    if ('phone' in query) {
      const readings = phoneReadings(query.phone);
      if (readings.length === 0) {
        throw invalidInput({ en: 'Type one phone number, e.g. 13800138000 or +86 138 0013 8000', zh: '请输入一个电话号码，如 13800138000 或 +86 138 0013 8000' }, 'phone');
      }
      by = 'phone';
      // A UK mobile typed 07700 ... is tried as a Chinese landline first.
      const match = await firstMatch(readings, (phone) => findPhoneOwners(client, ctx.cipher.matchHash(phone)), (found) => found.length > 0);
      owners = match.result;
      valueMask = maskPhone(match.value);
    } else if ('accountNo' in query) {
      // The account or card number on the bank's letter or the caller's card, as they read it out: whose account it is, at any bank.
      const readings = accountNoReadings(query.accountNo);
      if (readings.length === 0) {
        throw invalidInput({ en: 'Type the account or card number the caller gives, e.g. 6222 0000 0000 0007', zh: '请输入来电人报出的账号或卡号，如 6222 0000 0000 0007' }, 'account_no');
      }
      by = 'account_no';
      const match = await firstMatch(readings, (value) => findDebtorsByAccountNo(client, value), (found) => found.length > 0);
      valueMask = maskAccountNo(match.value);
      owners = match.result.map((debtorId) => ({ contact_point_id: null, debtor_id: debtorId, owner: 'debtor' as const, third_party_name: null, relation: null }));
    } else {
      // A Chinese ID number, or an SSN or a National Insurance number (a US or UK creditor's debtor).
      const readings = idNumberReadings(query.idNumber);
      const id = checkIdNumber(query.idNumber);
      if (readings.length === 0 && !id.ok) {
        throw invalidInput({ en: `The ID number cannot be used: ${id.en} (or an SSN, 123-45-6789, or a National Insurance number, QQ 12 34 56 C)`,
          zh: `证件号码无法使用：${id.zh}（或美国社会安全号 123-45-6789、英国国民保险号 QQ 12 34 56 C）` }, 'id_number');
      }
      by = 'id_number';
      const match = await firstMatch(readings, (value) => findDebtorByIdNumber(client, ctx.cipher.matchHash(value)), (found) => found !== undefined);
      const debtorId = match.result;
      valueMask = maskIdNumber(match.value);
      owners = debtorId === undefined ? []
        : [{ contact_point_id: null, debtor_id: debtorId, owner: 'debtor', third_party_name: null, relation: null }];
    }
    const debtorIds = [...new Set(owners.map((o) => o.debtor_id))];
    const today = businessDate(ctx) as LocalDate;
    const accounts = await withCurrency(client, debtorIds.length ? await listDebtorsAccounts(client, scope, debtorIds, today) : [], today);
    const elsewhere = debtorIds.length ? await countDebtorsAccountsElsewhere(client, scope, debtorIds) : [];
    const matches: CallerMatch[] = owners.map((o) => ({
      debtor_id: o.debtor_id, party: o.owner, contact_point_id: o.contact_point_id,
      third_party_name: o.third_party_name, relation: o.relation,
      accounts: accounts.filter((a) => a.debtor_id === o.debtor_id).map((a) => summarize(a, today)),
      elsewhere: elsewhere.filter((e) => e.debtor_id === o.debtor_id).map(({ collector_name, accounts: n }) => ({ collector_name, accounts: n })),
    }));
    await appendAudit(client, actor, {
      action: 'caller.lookup', entity: 'caller', entityId: null,
      detail: { by, value: valueMask, debtor_ids: debtorIds, accounts_shown: accounts.map((a) => a.id),
        accounts_elsewhere: elsewhere.reduce((n, e) => n + e.accounts, 0) },
    });
    return { matched_by: by, value_mask: valueMask, matches };
  });
}
