import type { ContactStateRows } from '../../db/contact-state-repository.ts';
import {
  debtorZones, FLAGS, isPackId, LEGALLY_DATED_HOLDS, parseLocalDate, resolvePolicy, zoneClock,
  type Channel, type ContactAttempt, type ContactPoint, type EpochDay, type Flag, type Initiator, type Party, type Purpose,
  type Situation, type Suspension, type ZoneClock,
} from '../../domain/compliance/index.ts';
import { formatLocalDate, parseClock } from '../../domain/compliance/time/civil.ts';
import { countryOfRegion } from '../../domain/country.ts';
import { startOfLocalDay, type LocalDate } from '../../domain/calendar.ts';
import { AppError } from '../../domain/errors.ts';
import { engineOutcome } from '../../domain/workstation/index.ts';

export interface ContactIntent {
  channel: Channel;
  party: Party;
  purpose: Purpose;
  /** The contact point for a third party (its id is the third party's identity). */
  contactPointId?: number | null;
  at: Date;
  /** A call: whether it is (was) recorded; null when Leeway cannot tell (a call dialled by hand, no call centre). */
  callRecorded?: boolean | null;
  /** When the reasons are read, if not at `at` (a callback judged for its time): "today" and "tomorrow" count from it. */
  readAt?: Date;
}

export interface HoldFact { kind: string; starts_on: string; ends_on: string | null }

/** The parts of a situation that come from the database, already in the engine's types where cheap. */
export interface SituationParts {
  pack: string | null;
  compliance: Record<string, unknown>;
  timeZone: string;
  /** The zones of the debtor's own phones' areas and addresses (contact_points.time_zones), when any are known. */
  pointZones?: readonly string[] | null;
  debtorId: number;
  regionCode: string | null;
  holds: readonly HoldFact[];
  optOuts: readonly string[];
  /** The debtor's preferred hours ('HH:MM' local, from the portal), if they gave any. */
  preferredHours?: { from: string | null; to: string | null } | null;
  accountId: number;
  creditorCode: string;
  /** The account's state: a recalled, paid, settled or closed account is not collected (the mandate rule). */
  accountStatus?: string | null;
  /** The US validation notice's date, null when none was sent (US.validation_notice); undefined: not stated. */
  validationNoticeSentOn?: string | null;
  history: readonly ContactAttempt[];
  suspensions: readonly Suspension[];
  contactPoint: ContactPoint | null;
  /**
   * The agency's zone: a hold that has started by the agency's calendar at the contact's instant
   * is in force for the debtor then, even where their local date is still the day before (a
   * dispute opened at 10:00 in Shanghai stops a call to Chicago, where it is 20:00 the evening
   * before). Absent: holds start on the debtor's local date, as dated.
   */
  agencyZone?: string;
}

/** Holds dated by the Insolvency Service's notice (the UK moratoria): in force from that date as the debtor counts it, their ends counted from it. */
const LEGALLY_DATED: ReadonlySet<string> = new Set(LEGALLY_DATED_HOLDS);

/**
 * The validation notice's date as the engine is to read it at `at`: its date is the agency's, so a
 * contact before that day began on the agency's clock came before any notice (null: none sent yet),
 * as the engine, which reads dates on the debtor's calendar, cannot tell within a day.
 */
function noticeSentBy(sentOn: string | null, at: Date, agencyZone: string | undefined): string | null {
  if (sentOn === null || agencyZone === undefined) return sentOn;
  return at.getTime() < startOfLocalDay(sentOn as LocalDate, agencyZone) ? null : sentOn;
}

/** Builds the engine's situation from the database's view of the debtor: holds, history, suspensions, contract. */
export function buildSituation(parts: SituationParts, intent: ContactIntent): Situation {
  const pack = parts.pack !== null && isPackId(parts.pack) ? parts.pack : 'CN';
  const policy = resolvePolicy(pack, parts.compliance);
  const zones = debtorZones(policy, parts.timeZone, parts.pointZones ?? [], parts.regionCode).map((name) => {
    const zone = zoneClock(name);
    if (!zone) throw new AppError('INTERNAL', { en: `Unknown time zone ${name}`, zh: `未知时区${name}` });
    return zone;
  });
  const flags = new Set<Flag>();
  const since = new Map<Flag, EpochDay>();
  // Read only when there are holds or suspensions (the call plan builds a situation per account).
  const agencyClock = (parts.holds.length > 0 || parts.suspensions.length > 0) && parts.agencyZone !== undefined ? zoneClock(parts.agencyZone) : null;
  const agencyDay = agencyClock === null ? null : agencyClock.localDay(intent.at.getTime());
  // The earliest local date among the debtor's zones at the contact's instant: a started hold is in force from it.
  const debtorDay = agencyDay === null ? 0 : Math.min(...zones.map((z) => z.localDay(intent.at.getTime())));
  const until = new Map<Flag, EpochDay>();
  const openEnded = new Set<Flag>();
  // A UK moratorium's end is counted from its own start: of several of one kind, the latest begun is the one that runs (an
  // earlier one, ended by law and never released, must not date the new one back to its start).
  // (Begun by the contact's local day, in the latest of the debtor's zones; one yet to begin counts only while none has.)
  const latestLegal = new Map<string, HoldFact>();
  if (parts.holds.some((h) => LEGALLY_DATED.has(h.kind))) {
    const day = formatLocalDate(Math.max(...zones.map((z) => z.localDay(intent.at.getTime()))));
    // Begun beats yet to begin; of two begun the later start, of two yet to begin the sooner.
    const runsBefore = (a: HoldFact, b: HoldFact) => {
      const [aBegun, bBegun] = [a.starts_on <= day, b.starts_on <= day];
      if (aBegun !== bBegun) return aBegun;
      return aBegun ? a.starts_on > b.starts_on : a.starts_on < b.starts_on;
    };
    for (const hold of parts.holds) {
      if (!LEGALLY_DATED.has(hold.kind)) continue;
      const known = latestLegal.get(hold.kind);
      if (known === undefined || runsBefore(hold, known)) latestLegal.set(hold.kind, hold);
    }
  }
  for (const hold of parts.holds) {
    if (!(FLAGS as readonly string[]).includes(hold.kind)) continue;
    if (LEGALLY_DATED.has(hold.kind) && latestLegal.get(hold.kind) !== hold) continue;
    const flag = hold.kind as Flag;
    flags.add(flag);
    const dated = epochDay(hold.starts_on);
    const from = agencyDay !== null && dated <= agencyDay && !LEGALLY_DATED.has(hold.kind) ? Math.min(dated, debtorDay) : dated;
    since.set(flag, Math.min(since.get(flag) ?? from, from));
    // Two holds of one kind: in force from the earliest start to the latest end (or open).
    if (hold.ends_on === null) openEnded.add(flag);
    else until.set(flag, Math.max(until.get(flag) ?? epochDay(hold.ends_on), epochDay(hold.ends_on)));
  }
  for (const flag of openEnded) until.delete(flag);
  return {
    policy,
    at: intent.at.getTime(),
    ...(intent.readAt === undefined ? {} : { readAt: intent.readAt.getTime() }),
    channel: intent.channel,
    party: intent.party,
    purpose: intent.purpose,
    // The person reached (their name on file, or the point's own key), so a relative reached at a second number is the same third party.
    thirdPartyId: intent.party === 'third_party' ? parts.contactPoint?.thirdPartyId ?? (intent.contactPointId ? `#${intent.contactPointId}` : null) : null,
    debtor: {
      id: String(parts.debtorId), zones: zones as [ZoneClock, ...ZoneClock[]], regionCode: parts.regionCode, flags, flagSince: since, flagUntil: until,
      optOuts: new Set(parts.optOuts as Channel[]),
      preferredHours: preferredWindow(parts.preferredHours),
    },
    account: { id: String(parts.accountId), creditor: parts.creditorCode, status: parts.accountStatus ?? null,
      ...(parts.validationNoticeSentOn === undefined ? {} : { validationNoticeSentOn: noticeSentBy(parts.validationNoticeSentOn, intent.at, parts.agencyZone) }) },
    history: parts.history,
    suspensions: suspensionsReaching(parts.suspensions, pack, agencyDay, debtorDay),
    contactPoint: parts.contactPoint,
    callRecorded: intent.callRecorded ?? null,
    instalmentMonths: null,
  };
}

/**
 * The suspensions as the engine is to read them for this account: a region suspension names a
 * region of one country, a GB/T 2260 (Chinese) code or a US state (US-FL), and reaches only the
 * accounts of contracts under that country's pack (none under UK); one that
 * has begun by the agency's calendar (`agencyDay`) covers the debtor from their local date
 * (`debtorDay`), as a started hold does. The list itself when nothing changes (the call plan
 * passes one list for every account).
 */
function suspensionsReaching(all: readonly Suspension[], pack: string, agencyDay: EpochDay | null, debtorDay: number): readonly Suspension[] {
  const reaches = (x: Suspension) => x.scope !== 'region' || countryOfRegion(x.code) === pack;
  const reaching = all.every(reaches) ? all : all.filter(reaches);
  const early = (x: Suspension) => agencyDay !== null && x.from <= agencyDay && x.from > debtorDay;
  return reaching.some(early) ? reaching.map((x) => (early(x) ? { ...x, from: debtorDay as EpochDay } : x)) : reaching;
}

/** 'HH:MM'-'HH:MM' as minutes after midnight; anything incomplete or malformed is no preference. */
function preferredWindow(hours: SituationParts['preferredHours']): { start: number; end: number } | null {
  if (!hours?.from || !hours.to) return null;
  const start = parseClock(hours.from);
  const end = parseClock(hours.to);
  return start !== null && end !== null && start < end ? { start, end } : null;
}

/** The zones the engine judges the debtor by (debtorZones): the zone on file, their points' and region's, under the contract's pack. */
export function debtorZonesOf(state: ContactStateRows): readonly [string, ...string[]] {
  const pack = state.contract?.pack ?? null;
  const policy = resolvePolicy(pack !== null && isPackId(pack) ? pack : 'CN', state.contract?.compliance ?? {});
  return debtorZones(policy, state.debtor.time_zone, state.debtor.point_zones ?? [], state.account.region_code);
}

export function situationFromState(state: ContactStateRows, intent: ContactIntent): Situation {
  const point = state.contactPoint;
  return buildSituation({
    pack: state.contract?.pack ?? null,
    compliance: state.contract?.compliance ?? {},
    timeZone: state.debtor.time_zone,
    pointZones: state.debtor.point_zones,
    debtorId: state.account.debtor_id,
    regionCode: state.account.region_code,
    holds: state.holds,
    optOuts: state.debtor.opted_out_channels,
    preferredHours: { from: state.debtor.preferred_from, to: state.debtor.preferred_to },
    accountId: state.account.id,
    creditorCode: state.account.creditor_code,
    accountStatus: state.account.status,
    ...(state.agencyZone === undefined ? {} : { agencyZone: state.agencyZone }),
    validationNoticeSentOn: state.account.validation_notice_sent_on,
    history: state.history.map((h): ContactAttempt => ({
      accountId: String(h.account_id), at: h.at.getTime(), channel: h.channel as Channel, party: h.party as Party,
      thirdPartyId: h.third_party_id, outcome: engineOutcome(h.outcome), initiatedBy: h.initiated_by as Initiator,
    })),
    suspensions: state.suspensions.map(suspensionOf),
    contactPoint: point ? {
      owner: point.owner as Party,
      thirdPartyId: point.owner === 'third_party' ? point.third_party_key ?? `#${point.id}` : null,
      optedOut: point.opted_out.includes(intent.channel),
      employerProvided: point.employer_provided,
      consented: point.debtor_consented,
      creditorNoticeOn: point.creditor_notice_on === null ? null : epochDay(point.creditor_notice_on),
    } : null,
  }, intent);
}

export function suspensionOf(s: { scope: string; code: string; from_date: string; to_date: string | null }): Suspension {
  return { scope: s.scope as Suspension['scope'], code: s.code, from: epochDay(s.from_date), to: s.to_date === null ? null : epochDay(s.to_date) };
}

export function epochDay(date: string): EpochDay {
  const d = parseLocalDate(date);
  if (d === null) throw new AppError('INTERNAL', { en: `Bad date ${date} in the database`, zh: `数据库中的日期${date}有误` });
  return d;
}

