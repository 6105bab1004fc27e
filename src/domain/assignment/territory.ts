import { invalidInput } from '../errors.ts';
import { usStateName } from '../import/person-us.ts';

/** A territory (片区): accounts of a creditor whose region code starts with the prefix go to the team. */
export interface Territory {
  creditorId: number;
  /** GB/T 2260 region code prefix: 2 (province) to 6 (county) digits; or a US state, `US-MA`; or `*`, every account no narrower territory covers. */
  regionPrefix: string;
  teamId: number;
}

// A province (2 digits), a city (4) or a county (6): GB/T 2260 codes go by pairs.
const PREFIX = /^(?:[0-9]{2}){1,3}$/;
const US_STATE = /^US-([A-Z]{2})$/;

/** The region prefix of a creditor-wide territory: its accounts no narrower territory covers, and those without a region. */
export const ALL_REGIONS = '*';

/** A territory's region: a GB/T 2260 prefix, a US state as its accounts are filed (`us-ma` -> `US-MA`), or `*` (all regions). */
export function parseRegionPrefix(text: string): string {
  const prefix = text.trim();
  if (prefix === ALL_REGIONS) return prefix;
  const state = US_STATE.exec(prefix.toUpperCase());
  if (state && usStateName(state[1]!) !== null) return prefix.toUpperCase();
  if (!PREFIX.test(prefix)) {
    throw invalidInput({
      en: `Region prefix "${text}" must be 2, 4 or 6 digits of a GB/T 2260 code (a province, a city, a county: 42 for Hubei, 4201 for Wuhan), a US state (e.g. US-MA), or * for all the creditor's accounts`,
      zh: `地区代码前缀“${text}”必须是GB/T 2260行政区划代码的前2、4或6位数字（省、市、县：如42为湖北，4201为武汉）、美国的州（如 US-MA），或 *（该委托方的全部账户）`,
    }, 'region');
  }
  return prefix;
}

/**
 * Resolves territories by the longest region-prefix match: a county's own territory beats its
 * city's, which beats its province's. Build once, resolve many (about five map lookups each).
 */
export class TerritoryMap {
  private readonly byCreditor = new Map<number, Map<string, number>>();

  constructor(territories: readonly Territory[]) {
    for (const t of territories) {
      let prefixes = this.byCreditor.get(t.creditorId);
      if (!prefixes) this.byCreditor.set(t.creditorId, (prefixes = new Map()));
      prefixes.set(t.regionPrefix, t.teamId);
    }
  }

  /** The team for an account of `creditorId` in `regionCode` (null: none on file), or null when no territory covers it. */
  teamFor(creditorId: number, regionCode: string | null): number | null {
    const prefixes = this.byCreditor.get(creditorId);
    if (!prefixes) return null;
    for (let length = Math.min(6, regionCode?.length ?? 0); length >= 2; length--) {
      const team = prefixes.get(regionCode!.slice(0, length));
      if (team !== undefined) return team;
    }
    return prefixes.get(ALL_REGIONS) ?? null;
  }
}

/** One-off form of TerritoryMap#teamFor. */
export function resolveTerritory(territories: readonly Territory[], creditorId: number, regionCode: string | null): number | null {
  return new TerritoryMap(territories).teamFor(creditorId, regionCode);
}
