import { usStateName } from '../import/person-us.ts';
import { invalidInput } from '../errors.ts';
import { ACCOUNT_STATUSES } from '../account-status.ts';
import { formatLocalDate } from './time/civil.ts';
import { isPackId, resolvePolicy } from './policy.ts';
import type { Policy } from './policy.ts';
import { zoneClock } from './time/zone.ts';
import type { ZoneClock } from './time/zone.ts';
import {
  join,
  readArray,
  readBoolean,
  readEnum,
  readInstant,
  readLocalDate,
  readObject,
  readOptionalString,
  readString,
  required,
} from './input.ts';
import type { FieldNames, JsonObject } from './input.ts';
import { CHANNELS, FLAGS, INITIATORS, PACK_IDS, PARTIES, PURPOSES, SUSPENSION_SCOPES } from './types.ts';
import type { ContactAttempt, ContactPoint, DebtorState, EpochDay, Flag, Situation, Suspension, ZoneList } from './types.ts';

const SITUATION_FIELDS: FieldNames = new Set([
  'pack', 'at', 'channel', 'party', 'purpose', 'third_party_id', 'debtor', 'account', 'history', 'suspensions', 'params',
  'contact_point', 'call_recorded', 'instalment_months',
]);
const DEBTOR_FIELDS: FieldNames = new Set(['id', 'time_zones', 'region_code', 'flags', 'flag_since', 'flag_until', 'opt_outs']);
const ACCOUNT_FIELDS: FieldNames = new Set(['id', 'creditor', 'status', 'validation_notice_sent_on']);
const ATTEMPT_FIELDS: FieldNames = new Set(['id', 'account_id', 'at', 'channel', 'party', 'third_party_id', 'outcome', 'initiated_by']);
const SUSPENSION_FIELDS: FieldNames = new Set(['id', 'scope', 'code', 'from', 'to', 'reason']);
const CONTACT_POINT_FIELDS: FieldNames = new Set(['owner', 'third_party_id', 'opted_out', 'employer_provided', 'consented', 'creditor_notice_on']);
const FLAG_FIELDS: FieldNames = new Set(FLAGS);

/**
 * The situation JSON of COMPLIANCE.md, checked field by field: unknown fields are refused (a
 * misspelt "histroy" must not silently empty the history), and so are unknown packs, zones,
 * flags and malformed instants. Throws invalidInput naming the field.
 */
export function parseSituation(input: unknown): Situation {
  const root = readObject(input, '', SITUATION_FIELDS);
  const packValue = required(root, 'pack', '');
  if (!isPackId(packValue)) throw invalidInput({ en: `pack: ${JSON.stringify(packValue)} is not a known pack (${PACK_IDS.join(', ')})`, zh: `pack：${JSON.stringify(packValue)}不是已知的规则包（${PACK_IDS.join(', ')}）` }, 'pack');
  const policy = resolvePolicy(packValue, root['params'] ?? {});
  const party = readEnum(required(root, 'party', ''), PARTIES, 'party');
  const thirdPartyId = readOptionalString(root['third_party_id'], 'third_party_id');
  if (party === 'third_party' && thirdPartyId === null) throw invalidInput({ en: 'third_party_id: required when party is third_party', zh: 'third_party_id：party为third_party时必填' }, 'third_party_id');
  const months = root['instalment_months'];
  if (months !== undefined && months !== null && (typeof months !== 'number' || !Number.isInteger(months) || months < 1)) {
    throw invalidInput({ en: 'instalment_months: expected a whole number of months (1 or more)', zh: 'instalment_months：应为整数月数（至少为1）' }, 'instalment_months');
  }
  const account = readObject(required(root, 'account', ''), 'account', ACCOUNT_FIELDS);
  return {
    policy,
    at: readInstant(required(root, 'at', ''), 'at'),
    channel: readEnum(required(root, 'channel', ''), CHANNELS, 'channel'),
    party,
    purpose: readEnum(required(root, 'purpose', ''), PURPOSES, 'purpose'),
    thirdPartyId: party === 'third_party' ? thirdPartyId : null,
    debtor: readDebtor(required(root, 'debtor', ''), policy),
    account: {
      id: readString(required(account, 'id', 'account'), 'account.id'),
      creditor: readString(required(account, 'creditor', 'account'), 'account.creditor'),
      // A status the engine does not know is refused: a mistyped "Recalled" must not let a recalled account be collected.
      ...(account['status'] === undefined || account['status'] === null ? {} : { status: readAccountStatus(account['status']) }),
      ...(account['validation_notice_sent_on'] === undefined ? {}
        : { validationNoticeSentOn: readNoticeDate(account['validation_notice_sent_on']) }),
    },
    history: readArray(root['history'], 'history').map((item, i) => readAttempt(item, `history[${i}]`)),
    suspensions: readArray(root['suspensions'], 'suspensions').map((item, i) => readSuspension(item, `suspensions[${i}]`)),
    contactPoint: readContactPoint(root['contact_point']),
    callRecorded: readBoolean(root['call_recorded'], 'call_recorded'),
    instalmentMonths: typeof months === 'number' ? months : null,
  };
}

/**
 * account.status, one of the stored statuses. `on_hold` is refused by name: a hold is not a status
 * (src/domain/account-status.ts) but a flag with its dates, and a status the rules read as nothing
 * would let a held account be collected.
 */
function readAccountStatus(value: unknown): string {
  if (value === 'on_hold') {
    throw invalidInput({
      en: 'account.status: on_hold is not an account status; send the hold as a flag (debtor.flags, with debtor.flag_since) and the account\'s own status (active, promised, ...)',
      zh: 'account.status：on_hold（停催）不是账户状态；请把停催作为标记放入 debtor.flags（及 debtor.flag_since），account.status 填账户本身的状态（active、promised 等）',
    }, 'account.status');
  }
  return readEnum(value, ACCOUNT_STATUSES, 'account.status');
}

/** A date 'YYYY-MM-DD' (checked), or null: no notice has been sent. */
function readNoticeDate(value: unknown): string | null {
  if (value === null) return null;
  readLocalDate(value, 'account.validation_notice_sent_on');
  return value as string;
}

function readZone(value: unknown, field: string): ZoneClock {
  const name = readString(value, field);
  const zone = zoneClock(name);
  if (zone === null) throw invalidInput({
    en: `${field}: ${JSON.stringify(name)} is not a known IANA time zone (e.g. "Asia/Shanghai")`,
    zh: `${field}：${JSON.stringify(name)}不是已知的IANA时区（例如"Asia/Shanghai"）`,
  }, field);
  return zone;
}

/** The debtor's zones; none on file means every zone of the pack's country (the strict reading). */
function readZones(value: unknown, policy: Policy): ZoneList {
  if (!Array.isArray(value)) throw invalidInput({ en: 'debtor.time_zones: expected an array of IANA zone names', zh: 'debtor.time_zones：应为IANA时区名称数组' }, 'debtor.time_zones');
  const names: readonly unknown[] = value.length === 0 ? policy.fallbackZones : value;
  const zones = names.map((name, i) => readZone(name, `debtor.time_zones[${i}]`));
  const unique = zones.filter((zone, i) => zones.indexOf(zone) === i);
  const [first, ...rest] = unique;
  if (first === undefined) throw invalidInput({ en: 'debtor.time_zones: no zone', zh: 'debtor.time_zones：没有时区' }, 'debtor.time_zones');
  return [first, ...rest];
}

function readFlagDates(value: unknown, field: string): Map<Flag, EpochDay> {
  const dates = new Map<Flag, EpochDay>();
  if (value === undefined || value === null) return dates;
  const obj = readObject(value, field, FLAG_FIELDS);
  for (const [flag, date] of Object.entries(obj)) {
    dates.set(readEnum(flag, FLAGS, field), readLocalDate(date, `${field}.${flag}`));
  }
  return dates;
}

/**
 * Under the US pack a region is a state as ISO 3166-2 (`US-MA`, in any case) or, for a debtor
 * abroad, another country's code (a GB/T 2260 `420102`). One the engine cannot read as either
 * ("MA", "Massachusetts", a state that does not exist: "US-ZZ") is not taken for "somewhere else", whose state rules would then be
 * skipped, but for an unknown region (null): the strict reading, under which every state's rules apply.
 */
function regionUnderPack(policy: Policy, region: string | null): string | null {
  if (region === null || policy.pack !== 'US') return region;
  const code = region.trim().toUpperCase();
  // A state that is one (US-ZZ is not: read so, it would skip Massachusetts' and New York's rules).
  const state = /^US-([A-Z]{2})(-[A-Z0-9]+)*$/.exec(code);
  return (state !== null && usStateName(state[1]!) !== null) || /^\d{6}$/.test(code) ? code : null;
}

function readDebtor(value: unknown, policy: Policy): DebtorState {
  const d = readObject(value, 'debtor', DEBTOR_FIELDS);
  const flagSince = readFlagDates(d['flag_since'], 'debtor.flag_since');
  const flagUntil = readFlagDates(d['flag_until'], 'debtor.flag_until');
  // A hold that ends before it starts is a mistake in the input, not a hold never in force (as a suspension's is refused).
  for (const [flag, until] of flagUntil) {
    const since = flagSince.get(flag);
    if (since !== undefined && until < since) {
      throw invalidInput({ en: `debtor.flag_until.${flag}: ends before it starts (flag_since ${formatLocalDate(since)})`,
        zh: `debtor.flag_until.${flag}：结束日期早于开始日期（flag_since ${formatLocalDate(since)}）` }, `debtor.flag_until.${flag}`);
    }
  }
  return {
    id: readString(required(d, 'id', 'debtor'), 'debtor.id'),
    zones: readZones(required(d, 'time_zones', 'debtor'), policy),
    regionCode: regionUnderPack(policy, readOptionalString(d['region_code'], 'debtor.region_code')),
    flags: new Set(readArray(d['flags'], 'debtor.flags').map((f, i) => readEnum(f, FLAGS, `debtor.flags[${i}]`))),
    flagSince,
    flagUntil,
    optOuts: new Set(readArray(d['opt_outs'], 'debtor.opt_outs').map((c, i) => readEnum(c, CHANNELS, `debtor.opt_outs[${i}]`))),
  };
}

function readAttempt(value: unknown, field: string): ContactAttempt {
  const a: JsonObject = readObject(value, field, ATTEMPT_FIELDS);
  const party = a['party'] === undefined ? 'debtor' : readEnum(a['party'], PARTIES, field, 'party');
  const thirdPartyId = readOptionalString(a['third_party_id'], field, 'third_party_id');
  // A third-party attempt names whom: unnamed, it could count against no one (the per-person limits need it).
  if (party === 'third_party' && thirdPartyId === null) {
    throw invalidInput({ en: `${join(field, 'third_party_id')}: required when party is third_party`, zh: `${join(field, 'third_party_id')}：party为third_party时必填` },
      join(field, 'third_party_id'));
  }
  return {
    accountId: readString(required(a, 'account_id', field), field, 'account_id'),
    at: readInstant(required(a, 'at', field), field, 'at'),
    channel: readEnum(required(a, 'channel', field), CHANNELS, field, 'channel'),
    party,
    thirdPartyId,
    outcome: readString(required(a, 'outcome', field), field, 'outcome'),
    initiatedBy: a['initiated_by'] === undefined ? 'agency' : readEnum(a['initiated_by'], INITIATORS, field, 'initiated_by'),
  };
}

function readSuspension(value: unknown, field: string): Suspension {
  const s = readObject(value, field, SUSPENSION_FIELDS);
  const from = readLocalDate(required(s, 'from', field), join(field, 'from'));
  const toValue = s['to'];
  const to = toValue === undefined || toValue === null ? null : readLocalDate(toValue, join(field, 'to'));
  if (to !== null && to < from) throw invalidInput({ en: `${join(field, 'to')}: ends before it starts`, zh: `${join(field, 'to')}：结束日期早于开始日期` }, join(field, 'to'));
  return {
    scope: readEnum(required(s, 'scope', field), SUSPENSION_SCOPES, field, 'scope'),
    code: readString(required(s, 'code', field), field, 'code'),
    from,
    to,
  };
}

function readContactPoint(value: unknown): ContactPoint | null {
  if (value === undefined || value === null) return null;
  const p = readObject(value, 'contact_point', CONTACT_POINT_FIELDS);
  return {
    owner: readEnum(required(p, 'owner', 'contact_point'), PARTIES, 'contact_point.owner'),
    thirdPartyId: readOptionalString(p['third_party_id'], 'contact_point.third_party_id'),
    optedOut: readBoolean(p['opted_out'], 'contact_point.opted_out') ?? false,
    employerProvided: readBoolean(p['employer_provided'], 'contact_point.employer_provided') ?? false,
    consented: readBoolean(p['consented'], 'contact_point.consented') ?? false,
    creditorNoticeOn: p['creditor_notice_on'] === undefined || p['creditor_notice_on'] === null ? null
      : readLocalDate(p['creditor_notice_on'], 'contact_point.creditor_notice_on'),
  };
}
