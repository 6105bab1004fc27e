import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { evaluateContact, evaluateSituationJson, resolvePolicy, zoneClock } from '../src/domain/compliance/index.ts';
import type { Channel, ContactAttempt, Flag, Policy, Situation, Suspension, ZoneClock, ZoneList } from '../src/domain/compliance/index.ts';
import type { Bench, BenchContext, BenchResult } from './types.ts';

/**
 * `npm run bench -- compliance`: decisions per second of evaluateContact on one core, over a
 * million generated situations with histories of 0-20 attempts, against a bare hours-and-count
 * check over typed arrays in the same run. A second line gives the JSON path (parse + judge).
 * Alone: node --import tsx bench/run-compliance.ts [--rows N]
 */
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

/**
 * Situations are generated and judged in small chunks, the way the product streams them: a
 * repository builds a batch of situations from rows and judges them while they are fresh.
 * A million situations generated up front would be judged from cold memory instead.
 */
const CHUNK = 1_000;
/** A full collection every this many chunks, outside the timed region. */
const COLLECT_EVERY = 200;
const DEFAULT_ROWS = 1_000_000;
const WARM_UP_ROWS = 100_000;
const JSON_ROWS = 100_000;

/*
 * Generated situations: a call centre's mix of packs, zones, channels and histories of 0-20
 * earlier attempts over the last two weeks. Seeded, so every run judges the same situations.
 */

/** mulberry32: small, fast, seeded. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function zone(name: string): ZoneClock {
  const z = zoneClock(name);
  if (z === null) throw new Error(`unknown zone ${name}`);
  return z;
}

const SHANGHAI: ZoneList = [zone('Asia/Shanghai')];
const URUMQI: ZoneList = [zone('Asia/Urumqi')];
const LONDON: ZoneList = [zone('Europe/London')];
const US_ZONES = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles'].map(zone);
const POLICIES: Record<'CN' | 'US' | 'UK', Policy> = { CN: resolvePolicy('CN'), US: resolvePolicy('US'), UK: resolvePolicy('UK') };
const NO_FLAGS: ReadonlySet<Flag> = new Set();
const NO_DATES: ReadonlyMap<Flag, number> = new Map();
const NO_CHANNELS: ReadonlySet<Channel> = new Set();
const SMS_OPT_OUT: ReadonlySet<Channel> = new Set(['sms']);
const NO_SUSPENSIONS: readonly Suspension[] = [];
const FIRST_DAY = Math.floor(Date.UTC(2026, 0, 1) / DAY_MS);

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T;
}

/** An instant at a local day and minute (the offset at that day's noon is close enough here). */
function localInstant(z: ZoneClock, day: number, minute: number): number {
  const noon = day * DAY_MS + 12 * 3_600_000;
  return day * DAY_MS + minute * MINUTE_MS - z.offsetAt(noon);
}

const CALL_OUTCOMES = ['no_answer', 'no_answer', 'no_answer', 'no_answer', 'busy', 'network_error', 'voicemail', 'voicemail', 'connected', 'right_party', 'right_party', 'wrong_party'];

function generateSituation(rand: () => number, index: number): Situation {
  const r = rand();
  const pack = r < 0.6 ? 'CN' : r < 0.85 ? 'US' : 'UK';
  let zones: ZoneList;
  if (pack === 'CN') zones = rand() < 0.95 ? SHANGHAI : URUMQI;
  else if (pack === 'UK') zones = LONDON;
  else zones = rand() < 0.7 ? [pick(rand, US_ZONES)] : [pick(rand, US_ZONES), pick(rand, US_ZONES)];
  const home = zones[0];
  const day = FIRST_DAY + 14 + Math.floor(rand() * 340);
  // Planned attempts cluster in working hours, some spill before 08:00 or after 21:00.
  const at = localInstant(home, day, 7 * 60 + Math.floor(rand() * 15 * 60));
  const accounts = 1 + Math.floor(rand() * 3);
  const accountIds = ['A' + index, 'B' + index, 'C' + index].slice(0, accounts);
  const history: ContactAttempt[] = [];
  const attempts = Math.floor(rand() * 21);
  for (let i = 0; i < attempts; i++) {
    const sms = rand() < 0.2;
    const toThirdParty = rand() < 0.05;
    history.push({
      accountId: pick(rand, accountIds),
      at: localInstant(home, day - Math.floor(rand() * 14), 8 * 60 + Math.floor(rand() * 13 * 60)),
      channel: sms ? 'sms' : 'call',
      party: toThirdParty ? 'third_party' : 'debtor',
      thirdPartyId: toThirdParty ? 'T' + Math.floor(rand() * 3) : null,
      outcome: sms ? 'sms_sent' : pick(rand, CALL_OUTCOMES),
      initiatedBy: rand() < 0.05 ? 'debtor' : 'agency',
    });
  }
  const c = rand();
  const channel: Channel = c < 0.7 ? 'call' : c < 0.9 ? 'sms' : c < 0.95 ? 'email' : c < 0.98 ? 'letter' : 'visit';
  const thirdParty = rand() < 0.05;
  const f = rand();
  const flags: ReadonlySet<Flag> =
    f < 0.02 ? new Set<Flag>(['complaint_review']) : f < 0.03 ? new Set<Flag>(['dispute']) : f < 0.04 && pack === 'UK' ? new Set<Flag>(['breathing_space']) : NO_FLAGS;
  const flagSince = flags.has('breathing_space') ? new Map<Flag, number>([['breathing_space', day - Math.floor(rand() * 90)]]) : NO_DATES;
  const suspended = rand() < 0.1;
  return {
    policy: POLICIES[pack],
    at,
    channel,
    party: thirdParty ? 'third_party' : 'debtor',
    purpose: thirdParty ? (rand() < 0.9 ? 'location' : 'collect') : rand() < 0.93 ? 'collect' : 'notice',
    thirdPartyId: thirdParty ? 'T' + Math.floor(rand() * 3) : null,
    debtor: {
      id: 'D' + index,
      zones,
      regionCode: String(110000 + Math.floor(rand() * 540000)),
      flags,
      flagSince,
      flagUntil: NO_DATES,
      optOuts: rand() < 0.02 ? SMS_OPT_OUT : NO_CHANNELS,
    },
    account: { id: accountIds[0] ?? 'A', creditor: 'BANK' + Math.floor(rand() * 5) },
    history,
    suspensions: suspended
      ? [
          { scope: 'region', code: String(Math.floor(rand() * 60 + 11) * 10000), from: day - 30, to: day + Math.floor(rand() * 10) - 5 },
          { scope: 'creditor', code: 'BANK0', from: day - 3, to: null },
        ]
      : NO_SUSPENSIONS,
    contactPoint: null,
    callRecorded: null,
    instalmentMonths: null,
  };
}

/** The same situation as the JSON of COMPLIANCE.md, for the parse-and-evaluate figure. */
function toJson(s: Situation): unknown {
  const z = s.debtor.zones[0];
  const date = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
  return {
    pack: s.policy.pack,
    at: z.format(s.at),
    channel: s.channel,
    party: s.party,
    purpose: s.purpose,
    third_party_id: s.thirdPartyId,
    debtor: {
      id: s.debtor.id,
      time_zones: s.debtor.zones.map((x) => x.name),
      region_code: s.debtor.regionCode,
      flags: [...s.debtor.flags],
      flag_since: Object.fromEntries([...s.debtor.flagSince].map(([k, v]) => [k, date(v)])),
      opt_outs: [...s.debtor.optOuts],
    },
    account: s.account,
    history: s.history.map((a) => ({
      account_id: a.accountId,
      at: z.format(a.at),
      channel: a.channel,
      party: a.party,
      third_party_id: a.thirdPartyId,
      outcome: a.outcome,
      initiated_by: a.initiatedBy,
    })),
    suspensions: s.suspensions.map((x) => ({ scope: x.scope, code: x.code, from: date(x.from), to: x.to === null ? null : date(x.to) })),
    params: {},
  };
}

/**
 * The floor we compare against: the bare CN check (08:00-21:00 and fewer than 3 calls on the
 * local day) over typed arrays, offsets precomputed, no explanations. Same situations, same run.
 */
interface Flat {
  at: Float64Array;
  offset: Float64Array;
  historyStart: Int32Array;
  historyAt: Float64Array;
  historyCounts: Uint8Array;
}

function flatten(situations: readonly Situation[]): Flat {
  const total = situations.reduce((n, s) => n + s.history.length, 0);
  const flat: Flat = {
    at: new Float64Array(situations.length),
    offset: new Float64Array(situations.length),
    historyStart: new Int32Array(situations.length + 1),
    historyAt: new Float64Array(total),
    historyCounts: new Uint8Array(total),
  };
  let h = 0;
  situations.forEach((s, i) => {
    flat.at[i] = s.at;
    flat.offset[i] = s.debtor.zones[0].offsetAt(s.at);
    flat.historyStart[i] = h;
    for (const a of s.history) {
      flat.historyAt[h] = a.at;
      flat.historyCounts[h] = a.channel === 'call' && a.initiatedBy === 'agency' && a.outcome !== 'network_error' ? 1 : 0;
      h++;
    }
  });
  flat.historyStart[situations.length] = h;
  return flat;
}

function bareCheck(flat: Flat, n: number): number {
  const { at, offset, historyStart, historyAt, historyCounts } = flat;
  let allowed = 0;
  for (let i = 0; i < n; i++) {
    const t = at[i]!;
    const local = t + offset[i]!;
    const ofDay = local - Math.floor(local / DAY_MS) * DAY_MS;
    if (ofDay < 8 * HOUR_MS || ofDay >= 21 * HOUR_MS) continue;
    const from = t - ofDay;
    const to = from + DAY_MS;
    let calls = 0;
    for (let h = historyStart[i]!, end = historyStart[i + 1]!; h < end; h++) {
      const a = historyAt[h]!;
      if (a >= from && a < to) calls += historyCounts[h]!;
    }
    if (calls < 3) allowed++;
  }
  return allowed;
}

/**
 * Collections outside the timed region, so the garbage of generating a chunk is not billed
 * to judging it: a minor one after each chunk (the nursery then holds only the fresh chunk,
 * already promoted), a full one now and then. The engine's own garbage is still allocated
 * while timed; it is collected here, where it costs little, since dead objects are not copied.
 */
setFlagsFromString('--expose-gc');
const gcFunction: unknown = runInNewContext('gc');

function collectGarbage(type: 'minor' | 'major'): void {
  if (typeof gcFunction === 'function') gcFunction({ type });
}

function generate(rand: () => number, from: number, count: number): Situation[] {
  const out: Situation[] = [];
  for (let i = 0; i < count; i++) out.push(generateSituation(rand, from + i));
  return out;
}

export const bench: Bench = {
  name: 'compliance',
  needsDatabase: false,
  async run(ctx: BenchContext): Promise<BenchResult[]> {
    const rows = ctx.rows ?? DEFAULT_ROWS;
    const rand = random(20260302);
    // Warm-up on other situations: builds the zones' offset tables and lets the JIT settle; not timed.
    const warmUp = random(1);
    for (let done = 0; done < WARM_UP_ROWS; done += CHUNK) for (const s of generate(warmUp, done, CHUNK)) evaluateContact(s);

    let seconds = 0;
    let baselineSeconds = 0;
    let allowed = 0;
    let reasons = 0;
    let attempts = 0;
    let baselineAllowed = 0;
    for (let done = 0; done < rows; done += CHUNK) {
      const n = Math.min(CHUNK, rows - done);
      const chunk = generate(rand, done, n);
      const flat = flatten(chunk);
      for (const s of chunk) attempts += s.history.length;
      collectGarbage((done / CHUNK) % COLLECT_EVERY === 0 ? 'major' : 'minor');

      const t0 = performance.now();
      for (let i = 0; i < n; i++) {
        const d = evaluateContact(chunk[i]!);
        if (d.allowed) allowed++;
        reasons += d.reasons.length;
      }
      const t1 = performance.now();
      baselineAllowed += bareCheck(flat, n);
      const t2 = performance.now();
      seconds += (t1 - t0) / 1000;
      baselineSeconds += (t2 - t1) / 1000;
    }

    const jsonInputs = generate(random(7), 0, Math.min(JSON_ROWS, rows)).map(toJson);
    collectGarbage('major');
    const j0 = performance.now();
    for (const input of jsonInputs) evaluateSituationJson(input);
    const jsonSeconds = (performance.now() - j0) / 1000;

    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    return [
      {
        bench: 'compliance',
        rows,
        seconds: round(seconds),
        rows_per_s: Math.round(rows / seconds),
        peak_rss_mb: peakRssMb,
        baseline_seconds: round(baselineSeconds),
        baseline_rows_per_s: Math.round(rows / baselineSeconds),
        ratio: round(seconds / baselineSeconds),
        allowed_share: round(allowed / rows),
        baseline_allowed_share: round(baselineAllowed / rows),
        reasons_per_decision: round(reasons / rows),
        mean_history: round(attempts / rows),
        note: 'evaluateContact on prepared situations (one core, generation not timed); baseline = bare CN hours + daily-count check over typed arrays',
      },
      {
        bench: 'compliance_json',
        rows: jsonInputs.length,
        seconds: round(jsonSeconds),
        rows_per_s: Math.round(jsonInputs.length / jsonSeconds),
        peak_rss_mb: peakRssMb,
        note: 'parseSituation + evaluateContact from the JSON of COMPLIANCE.md (the CLI and API path)',
      },
    ];
  },
};

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
