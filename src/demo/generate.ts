import { addDays, addMonths, daysBetween, isLocalDate, parseLocalDate, type LocalDate } from '../domain/calendar.ts';
import { bucketRange, type Bucket } from '../domain/delinquency.ts';
import { complaintDeadline } from '../domain/cases/complaint.ts';
import { invalidInput } from '../domain/errors.ts';
import { affordability, decisionDays, decisionDeadline } from '../domain/hardship/application.ts';
import { quotePlan, type PlanQuoteRequest, type PlanSchedule } from '../domain/hardship/plan.ts';
import { fen, roundHalfUp } from '../domain/money.ts';
import { address, givenName, IdNumberAllocator, hashString, mobileNumber, personName, RELATIONS, surname, type RegionNames } from './people.ts';
import { Random, WeightedPicker } from './random.ts';

/**
 * The deterministic demo portfolio: the agency's set-up (banks, contracts, teams, territories,
 * staff, placements) and a stream of debtors with their contact points, accounts, current
 * assignments, promises, holds and hardship plans. Pure: the same options and region list
 * give the same rows, field for field. Rows refer to each other by ordinal (0-based index in
 * generation order), never by database id: the loader maps ordinals to ids.
 *
 * The file is longer than most because the portfolio's shape lives in one place: the mix of
 * buckets, products, statuses and contactability reads top to bottom.
 */

export interface DemoOptions {
  accounts: number;
  seed: number;
  /** The agency's business date, 'YYYY-MM-DD': DPD and dates are computed back from it. */
  businessDate: string;
}

export interface RegionRow { code: string; name: string; level: string; parent_code: string | null }

export interface DemoCreditor {
  code: string;
  name: string;
  /** Its name in English, for debtors reading the portal in English or Spanish. */
  nameEn: string;
  contract: { name: string; effectiveFrom: string; placementDays: number; commission: { tiers: CommissionTier[] }; terms: Record<string, unknown> };
}
/** The contract's shape (docs/money.md): tiers by bucket at placement, the last one open. */
export interface CommissionTier { from: string; to?: string; rate_bp: number }
export interface DemoTeam { name: string; provinces: readonly string[] }
export interface DemoTerritory { creditor: number; regionPrefix: string; team: number }
export type DemoRole = 'admin' | 'supervisor' | 'collector' | 'creditor_user';
export interface DemoUser { username: string; displayName: string; role: DemoRole; team: number | null; creditor: number | null }
export interface DemoPlacement { creditor: number; batchRef: string; placedOn: LocalDate; endsOn: LocalDate }

export interface DemoSetup {
  creditors: DemoCreditor[];
  teams: DemoTeam[];
  territories: DemoTerritory[];
  users: DemoUser[];
  placements: DemoPlacement[];
  /** User ordinals of each team's collectors, and of its supervisor; the bank user of each creditor. */
  collectorsByTeam: number[][];
  supervisorByTeam: number[];
  bankUserByCreditor: number[];
}

export interface DebtorRow { debtor: number; name: string; idNumber: string; birthDate: string; regionCode: string }
export type Verified = 'unverified' | 'verified' | 'invalid';
export interface ContactPointRow {
  debtor: number; kind: 'phone' | 'address'; value: string; owner: 'debtor' | 'third_party';
  thirdPartyName: string | null; relation: string | null; batchRef: string; verified: Verified;
}
export type AccountStatus = 'active' | 'promised' | 'in_plan' | 'lost_contact';
/**
 * What the demo makes of an account: a status, or `held`: under an open complaint's or dispute's
 * hold, and active, as the product leaves an account it puts on hold (a hold is not a status:
 * src/domain/account-status.ts), so it is back in collection when the case closes.
 */
type Scenario = AccountStatus | 'held';
export interface AccountRow {
  account: number; creditor: number; placement: number; debtor: number; accountNo: string;
  product: 'credit_card' | 'consumer_loan'; principalFen: number; interestFen: number; feesFen: number;
  firstDelinquencyDate: string; regionCode: string; status: AccountStatus;
}
/** 分案 on placement follows the territory rules: the system assigns, so no user is the assigner. */
export interface AssignmentRow { account: number; creditor: number; collector: number; team: number; assignedAt: string }
export interface PromiseRow { account: number; creditor: number; amountFen: number; dueDate: string; takenBy: number; createdAt: string }
export interface HoldRow {
  debtor: number; account: number; creditor: number; kind: 'complaint_review' | 'dispute'; reason: string; setBy: number; setAt: string;
  startsOn: string; endsOn: string | null;
}
export interface ComplaintRow {
  account: number; creditor: number; kind: 'complaint' | 'dispute'; channel: string; description: string; collector: number; createdAt: string;
  /** A complaint's investigation deadline (5 business days from the day it was opened); null for a dispute. */
  dueOn: LocalDate | null;
}
export interface HardshipRow {
  application: number; account: number; creditor: number; reason: string; debtorStatement: string;
  monthlyIncomeFen: number; monthlyEssentialsFen: number;
  /** The plan asked for, as the use case stores it: its terms, their quote's totals and the affordability check. */
  requestedPlan: Record<string, unknown>;
  /** The terms the bank approved, in the same shape (the request's, or longer where it granted more months). */
  decidedTerms: Record<string, unknown>;
  submittedOn: LocalDate; decisionDueOn: LocalDate; decidedBy: number; decidedAt: string; decisionNote: string; createdBy: number; createdAt: string;
}
export interface PlanRow {
  plan: number; application: number; account: number; creditor: number; totalFen: number; startDate: LocalDate; months: number;
  terms: Record<string, unknown>; createdAt: string;
}
export interface InstalmentRow { plan: number; creditor: number; n: number; dueDate: string; principalFen: number; feeFen: number; amountFen: number }
/** A step on the account's hardship timeline: the application submitted by the collector, approved by the bank's user. */
export interface HardshipEventRow {
  creditor: number; account: number; application: number; plan: number | null; kind: 'submitted' | 'approved'; actor: number;
  note: string; detail: Record<string, unknown>; at: string;
}

/** One slice of the portfolio: whole debtors with everything that hangs off them. */
export interface DemoBatch {
  debtors: DebtorRow[]; contactPoints: ContactPointRow[]; accounts: AccountRow[]; assignments: AssignmentRow[];
  promises: PromiseRow[]; holds: HoldRow[]; complaints: ComplaintRow[];
  hardshipApplications: HardshipRow[]; plans: PlanRow[]; instalments: InstalmentRow[]; hardshipEvents: HardshipEventRow[];
}

export const DEMO_MAX_ACCOUNTS = 10_000_000;

export function validateDemoOptions(options: DemoOptions): void {
  if (!Number.isInteger(options.accounts) || options.accounts < 1 || options.accounts > DEMO_MAX_ACCOUNTS) {
    throw invalidInput({
      en: `The demo needs between 1 and ${DEMO_MAX_ACCOUNTS} accounts, got ${options.accounts}`,
      zh: `演示数据的账户数必须在 1 到 ${DEMO_MAX_ACCOUNTS} 之间，实际为 ${options.accounts}`,
    }, 'accounts');
  }
  if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > 0xffffffff) {
    throw invalidInput({ en: `The seed must be an integer from 0 to 4294967295, got ${options.seed}`, zh: `随机种子（seed）必须是 0 到 4294967295 之间的整数，实际为 ${options.seed}` }, 'seed');
  }
  if (!isLocalDate(options.businessDate)) {
    throw invalidInput({
      en: `The business date must be a calendar date YYYY-MM-DD, got ${options.businessDate}`,
      zh: `业务日期必须是 YYYY-MM-DD 格式的日期，实际为 ${options.businessDate}`,
    }, 'businessDate');
  }
}

/** An instant in the agency's zone (China Standard Time has no DST). */
function at(date: string, minuteOfDay: number): string {
  return `${date} ${String(Math.floor(minuteOfDay / 60)).padStart(2, '0')}:${String(minuteOfDay % 60).padStart(2, '0')}:00+08`;
}

// ---- the agency's set-up ----

interface Bank {
  code: string; name: string; nameEn: string; share: number; cardBin: string; loanPrefix: string;
  commission: { tiers: CommissionTier[] }; terms: Record<string, unknown>;
}

const tiers = (early: number, middle: number, late: number): { tiers: CommissionTier[] } => ({ tiers: [
  { from: 'M1', to: 'M3', rate_bp: early },
  { from: 'M4', to: 'M6', rate_bp: middle },
  { from: 'M7+', rate_bp: late },
] });
// The operational terms under the contract's names (docs/money.md), plus the demo's own extras.
const terms = (waiverInterestBp: number, maxMonths: number): Record<string, unknown> => ({
  promise_grace_days: 3, plan_grace_days: 5, hardship_decision_days: 10, allocation_order: ['fees', 'interest', 'principal'], placement_days: 180,
  waiver_limits: { collector: { interest_bp: Math.min(1000, waiverInterestBp) }, supervisor: { fees_bp: 10000, interest_bp: waiverInterestBp } },
  max_instalment_months: maxMonths, recall_notice_days: 15,
});

// Fictitious banks; BINs are in UnionPay's 62 range but chosen for the demo.
const BANKS: readonly Bank[] = [
  { code: 'HUAYU', name: '华裕银行', nameEn: 'Huayu Bank', share: 35, cardBin: '622871', loanPrefix: '8103', commission: tiers(1200, 2200, 3500), terms: terms(10000, 60) },
  { code: 'JINQIAO', name: '金桥银行', nameEn: 'Jinqiao Bank', share: 30, cardBin: '625936', loanPrefix: '8207', commission: tiers(1000, 2000, 3200), terms: terms(8000, 48) },
  { code: 'CHANGCHUAN', name: '长川银行', nameEn: 'Changchuan Bank', share: 20, cardBin: '621483', loanPrefix: '8311', commission: tiers(1300, 2400, 3800), terms: terms(10000, 60) },
  { code: 'NINGHE', name: '宁和银行', nameEn: 'Ninghe Bank', share: 15, cardBin: '628362', loanPrefix: '8419', commission: tiers(1100, 2100, 3000), terms: terms(5000, 36) },
];

const TEAMS: readonly DemoTeam[] = [
  { name: '华中组', provinces: ['42', '43', '41', '36'] },
  { name: '华北组', provinces: ['11', '12', '13', '14', '15'] },
  { name: '华东组', provinces: ['33', '31', '32', '34', '37'] },
  { name: '华南组', provinces: ['44', '35', '45', '46'] },
  { name: '西南组', provinces: ['50', '51', '52', '53', '54'] },
  { name: '西北组', provinces: ['61', '62', '63', '64', '65'] },
  { name: '东北组', provinces: ['21', '22', '23'] },
];

// Where debtors live: roughly population in millions (2020 census), so Guangdong and Shandong
// are many and Tibet few.
const PROVINCE_WEIGHTS: Readonly<Record<string, number>> = {
  11: 22, 12: 14, 13: 74, 14: 35, 15: 24, 21: 42, 22: 24, 23: 31, 31: 25, 32: 85, 33: 65,
  34: 61, 35: 42, 36: 45, 37: 101, 41: 99, 42: 58, 43: 66, 44: 127, 45: 50, 46: 10, 50: 32,
  51: 84, 52: 39, 53: 47, 54: 4, 61: 40, 62: 25, 63: 6, 64: 7, 65: 26,
};

/** Hubei (the 2020 suspension), Beijing and Zhejiang are in every portfolio. */
const ALWAYS_PRESENT = ['42', '11', '33'];

/** About one collector per 2,000 accounts, at least two per team, about 300 at most (rounded per team). */
const ACCOUNTS_PER_COLLECTOR = 2_000;
const MAX_COLLECTORS = 300;

export function demoSetup(options: DemoOptions): DemoSetup {
  const random = new Random(options.seed, 1);
  const businessDate = parseLocalDate(options.businessDate);
  const year = Number(businessDate.slice(0, 4));
  const contractStart = addMonths(parseLocalDate(businessDate.slice(0, 8) + '01'), -12);
  const creditors: DemoCreditor[] = BANKS.map((b) => ({
    code: b.code, name: b.name, nameEn: b.nameEn,
    contract: {
      name: `${b.name}信用卡及消费贷款逾期账款委托催收合同（${year}版）`, effectiveFrom: contractStart,
      placementDays: 180, commission: b.commission, terms: b.terms,
    },
  }));
  const teams = TEAMS.map((t) => ({ ...t }));
  const territories = creditors.flatMap((_, creditor) =>
    teams.flatMap((t, team) => t.provinces.map((regionPrefix) => ({ creditor, regionPrefix, team }))));

  const users: DemoUser[] = [{ username: 'admin', displayName: staffName(random), role: 'admin', team: null, creditor: null }];
  const supervisorByTeam = teams.map((_, team) => users.push({
    username: `supervisor${team + 1}`, displayName: staffName(random), role: 'supervisor', team, creditor: null }) - 1);
  const totalWeight = Object.values(PROVINCE_WEIGHTS).reduce((a, b) => a + b, 0);
  const wanted = Math.min(MAX_COLLECTORS, Math.round(options.accounts / ACCOUNTS_PER_COLLECTOR));
  let numbered = 0;
  const collectorsByTeam = teams.map((t, team) => {
    const share = t.provinces.reduce((s, p) => s + (PROVINCE_WEIGHTS[p] ?? 0), 0) / totalWeight;
    return Array.from({ length: Math.max(2, Math.round(wanted * share)) }, () => users.push({
      username: `collector${++numbered}`, displayName: staffName(random), role: 'collector', team, creditor: null }) - 1);
  });
  const bankUserByCreditor = creditors.map((c, creditor) => users.push({
    username: `bank.${c.code.toLowerCase()}`, displayName: staffName(random), role: 'creditor_user', team: null, creditor }) - 1);

  // Three batches per bank, all within their 180-day term on the business date: a fresh one,
  // one in mid-term and one close to recall.
  const placements = creditors.flatMap((c, creditor) => [2 + creditor * 3, 62 + creditor * 5, 150 + creditor * 6].map((daysAgo) => {
    const placedOn = addDays(businessDate, -daysAgo);
    return { creditor, batchRef: `${c.code}-${placedOn.replaceAll('-', '')}`, placedOn, endsOn: addDays(placedOn, 180) };
  }));
  return { creditors, teams, territories, users, placements, collectorsByTeam, supervisorByTeam, bankUserByCreditor };
}

function staffName(random: Random): string {
  return personName(random, random.chance(0.55));
}

// ---- the portfolio ----

/** Share of accounts per bucket: agencies get many late-stage (M7+, written-off) accounts. */
const BUCKET_SHARES: readonly (readonly [Bucket, number])[] = [
  ['M1', 14], ['M2', 12], ['M3', 10], ['M4', 8], ['M5', 7], ['M6', 6], ['M7+', 43],
];
/** The oldest debt in the demo: two years past due. */
const MAX_DPD = 720;
const DPD_RANGES = BUCKET_SHARES.map(([bucket, share]) => {
  const range = bucketRange(bucket);
  return [[range.minDpd, range.maxDpd ?? MAX_DPD], share] as const;
});
const AGE_BANDS: readonly (readonly [readonly [number, number], number])[] = [[[22, 29], 30], [[30, 39], 35], [[40, 49], 22], [[50, 60], 13]];

const HARDSHIP_REASONS: readonly (readonly [readonly [string, string], number])[] = [
  [['unemployment', '公司裁员后一直没有找到稳定工作，收入中断，申请停息挂账分期还本。'], 30],
  [['illness', '家人住院治疗，医疗开支大，暂时无力按期还款，请求停息分期。'], 20],
  [['business_failure', '经营的门店亏损关闭，库存积压卖不出去，请求给些时间分期偿还。'], 20],
  [['income_drop', '单位降薪，月收入少了一半，只能每月少量还款。'], 20],
  [['disaster', '家乡遭受洪灾，房屋受损，申请延期并分期偿还。'], 5],
  [['other', '家庭变故，短期资金周转困难，愿意分期还清本金。'], 5],
];
const HOLD_REASONS: readonly (readonly [readonly ['complaint_review' | 'dispute', string, string], number])[] = [
  [['complaint_review', '债务人投诉催收员通话态度，质检复核录音中', 'phone'], 35],
  [['complaint_review', '债务人向12378热线投诉联系频次，待复核', 'regulator'], 25],
  [['dispute', '债务人对利息及违约金金额有异议，待银行核实', 'phone'], 20],
  [['dispute', '债务人称已于上月还款，待银行提供流水核实', 'bank'], 12],
  [['dispute', '债务人称该卡非本人申领，待银行核实', 'bank'], 8],
];

interface Place { code: string; province: string; names: RegionNames }

function placesByProvince(regions: readonly RegionRow[]): Map<string, Place[]> {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const result = new Map<string, Place[]>();
  for (const r of [...regions].sort((a, b) => (a.code < b.code ? -1 : 1))) {
    if (r.level !== 'county') continue;
    const city = r.parent_code ? byCode.get(r.parent_code) : undefined;
    const province = byCode.get(r.code.slice(0, 2) + '0000');
    if (!city || !province || PROVINCE_WEIGHTS[r.code.slice(0, 2)] === undefined) continue;
    // Municipalities' "市辖区" and province-administered counties have no city in an address.
    const cityName = /市辖区$|直辖|^重庆市县$/.test(city.name) ? '' : city.name;
    const place = { code: r.code, province: r.code.slice(0, 2), names: { province: province.name, city: cityName, county: r.name } };
    const list = result.get(place.province) ?? [];
    list.push(place);
    result.set(place.province, list);
  }
  return result;
}

/** Luhn check digit, as on every bank card. */
function luhn(digits: string): string {
  let sum = 0;
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) { d *= 2; if (d > 9) d -= 9; }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/**
 * Yields the portfolio in batches of whole debtors (about `batchAccounts` accounts each), so
 * a million accounts never sit in memory at once. Per-run state is small: one counter per
 * (county, birth year) for ID numbers, one per bank for account numbers, one per collector.
 */
export function* generatePortfolio(options: DemoOptions, regions: readonly RegionRow[], setup: DemoSetup = demoSetup(options),
  batchAccounts = 10_000): Generator<DemoBatch> {
  validateDemoOptions(options);
  const generator = new PortfolioGenerator(options, regions, setup);
  while (generator.accounts < options.accounts) {
    const batch = emptyBatch();
    while (generator.accounts < options.accounts && batch.accounts.length < batchAccounts) generator.debtor(batch);
    yield batch;
  }
}

interface PlacementChoice { index: number; daysAgo: number; placedOn: LocalDate }

class PortfolioGenerator {
  accounts = 0;
  #debtors = 0;
  #applications = 0;
  readonly #options: DemoOptions;
  readonly #setup: DemoSetup;
  readonly #random: Random;
  readonly #ids: IdNumberAllocator;
  readonly #places: Map<string, Place[]>;
  readonly #provincePicker: WeightedPicker<string>;
  /** The first debtors live where the demo's stories are set, so even a tiny portfolio has them. */
  readonly #firstProvinces: string[];
  readonly #bankPicker: WeightedPicker<number>;
  readonly #businessDate: LocalDate;
  readonly #businessYear: number;
  /** team ordinal by creditor and province (two-digit prefix as a number). */
  readonly #teamOf: Int16Array[];
  /** accounts assigned so far, by user ordinal: the next group goes to the least loaded. */
  readonly #load: Int32Array;
  /** each bank's placements, newest first. */
  readonly #placementsOf: PlacementChoice[][];
  readonly #cardCounters: number[];
  readonly #loanCounters: number[];

  constructor(options: DemoOptions, regions: readonly RegionRow[], setup: DemoSetup) {
    this.#options = options;
    this.#setup = setup;
    this.#random = new Random(options.seed, 2);
    this.#ids = new IdNumberAllocator(options.seed);
    this.#places = placesByProvince(regions);
    if (this.#places.size === 0) {
      throw invalidInput({ en: 'The region list has no counties: run the migrations that load regions', zh: '地区列表中没有区县：请先运行加载地区数据的迁移' }, 'regions');
    }
    this.#provincePicker = new WeightedPicker([...this.#places.keys()].map((p) => [p, PROVINCE_WEIGHTS[p]!] as const));
    this.#firstProvinces = ALWAYS_PRESENT.filter((p) => this.#places.has(p));
    this.#bankPicker = new WeightedPicker(BANKS.map((b, i) => [i, b.share] as const));
    this.#businessDate = parseLocalDate(options.businessDate);
    this.#businessYear = Number(options.businessDate.slice(0, 4));
    this.#teamOf = setup.creditors.map(() => new Int16Array(100).fill(-1));
    for (const t of setup.territories) this.#teamOf[t.creditor]![Number(t.regionPrefix)] = t.team;
    this.#load = new Int32Array(setup.users.length);
    this.#placementsOf = setup.creditors.map((_, c) => setup.placements
      .map((p, index) => ({ index, daysAgo: daysBetween(p.placedOn, this.#businessDate), placedOn: p.placedOn, creditor: p.creditor }))
      .filter((p) => p.creditor === c)
      .sort((a, b) => a.daysAgo - b.daysAgo));
    this.#cardCounters = setup.creditors.map(() => 0);
    this.#loanCounters = setup.creditors.map(() => 0);
  }

  /** One debtor with their contact points and accounts, appended to the batch. */
  debtor(batch: DemoBatch): void {
    const random = this.#random;
    const province = this.#debtors < this.#firstProvinces.length ? this.#firstProvinces[this.#debtors]! : this.#provincePicker.pick(random);
    const provincePlaces = this.#places.get(province)!;
    const home = random.pick(provincePlaces);
    const [ageFrom, ageTo] = random.weighted(AGE_BANDS);
    const person = this.#ids.allocate(home.code, this.#businessYear - random.int(ageFrom, ageTo));
    const familyName = surname(random);
    const name = familyName + givenName(random, person.male);
    const d = this.#debtors++;
    batch.debtors.push({ debtor: d, name, idNumber: person.idNumber, birthDate: person.birthDate, regionCode: home.code });

    // Which banks this person owes: about one in ten owes two or three.
    const banks = [this.#bankPicker.pick(random)];
    if (random.chance(0.1)) {
      const wantBanks = random.chance(0.8) ? 2 : 3;
      while (banks.length < wantBanks) {
        const b = this.#bankPicker.pick(random);
        if (!banks.includes(b)) banks.push(b);
      }
    }
    const lost = random.chance(0.05);
    const batchRef = this.#setup.placements[this.#placementsOf[banks[0]!]![0]!.index]!.batchRef;
    contactPoints(random, batch, { debtor: d, familyName, male: person.male, home, provincePlaces, lost, batchRef });

    for (const creditor of banks) {
      if (this.accounts >= this.#options.accounts) break;
      const products: AccountRow['product'][] = [random.chance(0.72) ? 'credit_card' : 'consumer_loan'];
      if (random.chance(0.06)) products.push(products[0] === 'credit_card' ? 'consumer_loan' : 'credit_card');
      const team = this.#teamOf[creditor]![Number(province)]!;
      if (team < 0) throw new Error(`No territory for creditor ${creditor} in province ${province}`);
      // A debtor's accounts at one bank go to one collector.
      const collector = this.#leastLoaded(team);
      for (const product of products) {
        if (this.accounts >= this.#options.accounts) break;
        this.#load[collector]!++;
        this.#account(batch, { debtor: d, creditor, product, team, collector, regionCode: home.code, lost });
      }
    }
  }

  #account(batch: DemoBatch, a: { debtor: number; creditor: number; product: AccountRow['product']; team: number; collector: number;
    regionCode: string; lost: boolean }): void {
    const random = this.#random;
    const { creditor, collector, team } = a;
    const account = this.accounts++;
    const [dpdFrom, dpdTo] = random.weighted(DPD_RANGES);
    let dpd = random.int(dpdFrom, dpdTo);
    // An account is placed once it is overdue: one of the bank's batches placed after delinquency.
    const placements = this.#placementsOf[creditor]!;
    let eligible = 0;
    while (eligible < placements.length && placements[eligible]!.daysAgo < dpd) eligible++;
    if (eligible === 0) dpd = placements[0]!.daysAgo + 1;
    const placement = placements[eligible === 0 ? 0 : random.int(0, eligible - 1)]!;
    const money = balances(random, a.product, dpd);
    const scenario: Scenario = a.lost ? 'lost_contact' : random.weighted(SCENARIOS);
    const status: AccountStatus = scenario === 'held' ? 'active' : scenario;
    const businessDate = this.#businessDate;
    batch.accounts.push({
      account, creditor, placement: placement.index, debtor: a.debtor, accountNo: this.#accountNo(creditor, a.product), product: a.product,
      ...money, firstDelinquencyDate: addDays(businessDate, -dpd), regionCode: a.regionCode, status,
    });
    const supervisor = this.#setup.supervisorByTeam[team]!;
    batch.assignments.push({ account, creditor, collector, team, assignedAt: at(placement.placedOn, 600) });
    if (status === 'promised') {
      const balance = money.principalFen + money.interestFen + money.feesFen;
      const share = random.chance(0.3) ? 1 : random.int(10, 50) / 100;
      const amountFen = Math.max(10_000, Math.floor((balance * share) / 10_000) * 10_000);
      batch.promises.push({ account, creditor, amountFen: Math.min(amountFen, balance), takenBy: collector,
        dueDate: addDays(businessDate, random.int(1, 10)),
        // Taken on a call of the days before (the demo has no calls today, so no promise is taken today either).
        createdAt: at(addDays(businessDate, -random.int(1, 3)), random.int(540, 1200)) });
    } else if (scenario === 'held') {
      const [kind, reason, channel] = random.weighted(HOLD_REASONS);
      const setOn = addDays(businessDate, -random.int(1, 10));
      const setAt = at(setOn, random.int(540, 1080));
      // As the product opens them: the hold lasts until the complaint is closed or the dispute resolved (load.ts links the two).
      batch.holds.push({ debtor: a.debtor, account, creditor, kind, reason, setBy: supervisor, setAt, startsOn: setOn, endsOn: null });
      batch.complaints.push({ account, creditor, kind: kind === 'dispute' ? 'dispute' : 'complaint', channel,
        description: reason, collector, createdAt: setAt, dueOn: kind === 'dispute' ? null : complaintDeadline(setOn) });
    } else if (status === 'in_plan') {
      plan(random, batch, businessDate, { application: this.#applications++, account, creditor, collector,
        bankUser: this.#setup.bankUserByCreditor[creditor]! }, BANKS[creditor]!.terms, money);
    }
  }

  #leastLoaded(team: number): number {
    let best = -1;
    let bestLoad = Infinity;
    for (const c of this.#setup.collectorsByTeam[team]!) {
      if (this.#load[c]! < bestLoad) { best = c; bestLoad = this.#load[c]!; }
    }
    return best;
  }

  /** k * A + B modulo 10^n with A coprime to 10 is a bijection: numbers never repeat, yet look random. */
  #accountNo(creditor: number, product: AccountRow['product']): string {
    const bank = BANKS[creditor]!;
    const salt = hashString(bank.code + product, this.#options.seed);
    if (product === 'credit_card') {
      const body = bank.cardBin + String((this.#cardCounters[creditor]!++ * 738_219_673 + salt) % 1e9).padStart(9, '0');
      return body + luhn(body);
    }
    return bank.loanPrefix + String((this.#loanCounters[creditor]!++ * 412_345_679 + salt) % 1e12).padStart(12, '0');
  }
}

const SCENARIOS: readonly (readonly [Scenario, number])[] = [['active', 93.3], ['promised', 4], ['in_plan', 1.5], ['held', 1.2]];

function emptyBatch(): DemoBatch {
  return { debtors: [], contactPoints: [], accounts: [], assignments: [], promises: [], holds: [], complaints: [],
    hardshipApplications: [], plans: [], instalments: [], hardshipEvents: [] };
}

/**
 * Principal skewed towards small balances (most card debts are a few ten thousand yuan,
 * loans larger); interest and fees grow with DPD. Integer fen throughout, rounded by the
 * money module's one rule.
 */
function balances(random: Random, product: AccountRow['product'], dpd: number): Pick<AccountRow, 'principalFen' | 'interestFen' | 'feesFen'> {
  const card = product === 'credit_card';
  const yuan = Math.floor(3_000 * Math.pow(200_000 / 3_000, Math.pow(random.next(), card ? 1.8 : 1.2)));
  const principalFen = yuan * 100 + (card ? random.int(0, 99) : 0);
  const months = Math.ceil(dpd / 30);
  // Cards: 0.05% a day and a late fee of 5% of the 10% minimum payment a month (capped at 12);
  // loans: 18-24% a year and a 0.3% monthly penalty (capped at 24).
  const principal = BigInt(principalFen);
  const interestFen = Number(card
    ? roundHalfUp(principal * BigInt(5 * dpd), 10_000n)
    : roundHalfUp(principal * BigInt(random.int(1800, 2400) * dpd), 10_000n * 365n));
  const feesFen = Number(card
    ? roundHalfUp(principal * BigInt(50 * Math.min(months, 12)), 10_000n)
    : roundHalfUp(principal * BigInt(30 * Math.min(months, 24)), 10_000n));
  return { principalFen, interestFen, feesFen };
}

interface DebtorContext { debtor: number; familyName: string; male: boolean; home: Place; provincePlaces: readonly Place[]; lost: boolean; batchRef: string }

const RELATION_WEIGHTS = RELATIONS.map((r) => [r, r.weight] as const);

function contactPoints(random: Random, batch: DemoBatch, who: DebtorContext): void {
  const mobile = mobileNumber(random);
  addPoint(batch, who, 'phone', mobile, random.chance(0.45) ? 'verified' : 'unverified', null, null);
  let second = '';
  if (random.chance(0.3)) {
    second = differentMobile(random, mobile, mobile);
    addPoint(batch, who, 'phone', second, random.chance(0.25) ? 'invalid' : 'unverified', null, null);
  }
  if (random.chance(0.6)) {
    const where = random.chance(0.8) ? who.home : random.pick(who.provincePlaces);
    addPoint(batch, who, 'address', address(random, where.names), 'unverified', null, null);
  }
  if (random.chance(0.1)) {
    const r = random.weighted(RELATION_WEIGHTS);
    const theirMale = r.male === 'opposite' ? !who.male : r.male ?? random.chance(0.5);
    const theirName = r.sameSurname ? who.familyName + givenName(random, theirMale) : personName(random, theirMale);
    addPoint(batch, who, 'phone', differentMobile(random, mobile, second), 'unverified', theirName, r.relation);
  }
}

/** Contact points are unique per debtor, kind and value. */
function differentMobile(random: Random, a: string, b: string): string {
  let p = mobileNumber(random);
  while (p === a || p === b) p = mobileNumber(random);
  return p;
}

function addPoint(batch: DemoBatch, who: DebtorContext, kind: ContactPointRow['kind'], value: string, verified: Verified,
  thirdPartyName: string | null, relation: string | null): void {
  batch.contactPoints.push({ debtor: who.debtor, kind, value, owner: thirdPartyName === null ? 'debtor' : 'third_party',
    thirdPartyName, relation, batchRef: who.batchRef, verified: who.lost ? 'invalid' : verified });
}

/**
 * 停息挂账: an application the bank approved a few days ago and the plan it produced, quoted
 * by the hardship module (interest waived, principal and fees over 12-36 months, no plan fee),
 * stored as the use cases store them (src/app/hardship/submit-application.ts and
 * approve-application.ts): the requested plan with its totals and affordability, the submission
 * date and deadline, the approved terms, the plan's terms and each instalment's parts, and the
 * two steps on the account's timeline. Every fourth application or so the bank granted twelve
 * months more than asked, where its contract allows. The first instalment falls due a month
 * after approval, so none is due yet on the business date.
 */
function plan(random: Random, batch: DemoBatch, businessDate: LocalDate,
  ids: { application: number; account: number; creditor: number; collector: number; bankUser: number },
  contractTerms: Record<string, unknown>, row: Pick<AccountRow, 'principalFen' | 'interestFen' | 'feesFen'>): void {
  const { application, account, creditor, collector, bankUser } = ids;
  const [reason, statement] = random.weighted(HARDSHIP_REASONS);
  const createdOn = addDays(businessDate, -random.int(12, 25));
  const decidedOn = addDays(createdOn, random.int(3, 9));
  const request: PlanQuoteRequest = {
    pack: 'CN', principal_fen: row.principalFen, interest_fen: row.interestFen, fees_fen: row.feesFen, waive: ['interest'],
    months: random.weighted([[12, 3], [24, 4], [36, 2]] as const), first_due_date: addMonths(decidedOn, 1), monthly_fee_bp: 0,
  };
  const requested = quotePlan(request);
  const incomeYuan = random.int(30, 120) * 100;
  const monthlyIncomeFen = incomeYuan * 100;
  const monthlyEssentialsFen = Math.floor((incomeYuan * random.int(60, 90)) / 100) * 100;
  const decidedAt = at(decidedOn, random.int(540, 1080));
  const createdAt = at(createdOn, random.int(540, 1200));
  // No draw decides the longer term (the portfolio after it stays as it was): the application's ordinal does.
  const maxMonths = typeof contractTerms.max_instalment_months === 'number' ? contractTerms.max_instalment_months : 36;
  const longer = application % 4 === 3 && request.months + 12 <= maxMonths;
  const granted: PlanQuoteRequest = longer ? { ...request, months: request.months + 12 } : request;
  const schedule = longer ? quotePlan(granted) : requested;
  const requestedPlan = { ...planTerms(request, requested), affordability: affordability(fen(monthlyIncomeFen), fen(monthlyEssentialsFen),
    fen(Math.max(...requested.instalments.map((i) => i.amount_fen)))) };
  const decidedTerms = planTerms(granted, schedule);
  const decisionNote = longer ? `同意停息分期，期数调整为 ${granted.months} 期` : '同意停息分期';
  const decisionDueOn = decisionDeadline(createdOn, decisionDays(contractTerms));
  batch.hardshipApplications.push({
    application, account, creditor, reason, debtorStatement: statement, monthlyIncomeFen, monthlyEssentialsFen,
    requestedPlan, decidedTerms, submittedOn: createdOn, decisionDueOn, decidedBy: bankUser, decidedAt, decisionNote, createdBy: collector, createdAt,
  });
  batch.plans.push({ plan: application, application, account, creditor, totalFen: schedule.total_fen, startDate: decidedOn, months: granted.months,
    terms: decidedTerms, createdAt: at(decidedOn, 1140) });
  for (const i of schedule.instalments) {
    batch.instalments.push({ plan: application, creditor, n: i.n, dueDate: i.due_date, principalFen: i.principal_fen, feeFen: i.fee_fen, amountFen: i.amount_fen });
  }
  batch.hardshipEvents.push(
    { creditor, account, application, plan: null, kind: 'submitted', actor: collector, note: statement, at: createdAt,
      detail: { reason, origin: 'staff', decision_due_on: decisionDueOn, requested_plan: requestedPlan, evidence: [], programme_id: null } },
    { creditor, account, application, plan: application, kind: 'approved', actor: bankUser, note: decisionNote, at: decidedAt,
      detail: { terms: decidedTerms, changed_terms: longer, note: decisionNote } },
  );
}

/** A plan's terms and its quote's totals, in the shape the hardship use cases store them (src/app/hardship/shared.ts planSummary). */
function planTerms(request: PlanQuoteRequest, schedule: PlanSchedule): Record<string, unknown> {
  return {
    months: request.months, first_due_date: request.first_due_date, waive: [...(request.waive ?? [])], monthly_fee_bp: request.monthly_fee_bp ?? 0,
    plan_amount_fen: schedule.plan_amount_fen, total_fee_fen: schedule.total_fee_fen, total_fen: schedule.total_fen,
    instalment_fen: schedule.instalments[0]!.amount_fen, last_instalment_fen: schedule.instalments.at(-1)!.amount_fen,
    last_due_date: schedule.instalments.at(-1)!.due_date,
  };
}
