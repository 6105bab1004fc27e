/**
 * Where a debtor lives, as a GB/T 2260 code: from the file's region code column, else from
 * the province/city/address text, else from the first six digits of a resident ID number
 * (where the number was issued), in that order; the source is recorded with the code.
 * Codes that GB/T 2260 has since retired (common in old ID numbers) fall back to their city
 * (first four digits) or province (first two).
 *
 * The region names come from the `regions` table; the app layer loads them and builds the
 * index once per import.
 */
import { toSimplified } from './traditional.ts';

export type RegionSource = 'code' | 'address' | 'id_number';
export interface Region { code: string; source: RegionSource }
export interface RegionRecord { code: string; name: string; level: 'province' | 'city' | 'county'; parent_code: string | null }

interface Named { code: string; names: string[] }

export interface RegionIndex {
  codes: ReadonlySet<string>;
  provinces: readonly Named[];
  /** Cities of a province, counties of a city. */
  children: ReadonlyMap<string, readonly Named[]>;
  /** City names that are unique in the country, for addresses that start with the city. */
  citiesByName: ReadonlyMap<string, string>;
  /** Counties listed under a placeholder city (municipalities' 市辖区, 省直辖县级行政区划), by province. */
  directCounties: ReadonlyMap<string, readonly Named[]>;
}

const PROVINCE_SUFFIX = /(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/;
const LOCAL_SUFFIX = /(市|地区|盟|县|区|旗|林区|新区)$/;
// GB/T 2260 placeholders under municipalities: not names anyone writes in an address.
const PLACEHOLDER = /(市辖区|直辖县级行政区划|^..市县)$/;

function namesOf(name: string, suffix: RegExp): string[] {
  const short = name.replace(suffix, '');
  return short.length >= 2 && short !== name ? [name, short] : [name];
}

export function buildRegionIndex(records: readonly RegionRecord[]): RegionIndex {
  const codes = new Set<string>();
  const provinces: Named[] = [];
  const children = new Map<string, Named[]>();
  const cityCount = new Map<string, string | null>();
  const placeholderParent = new Map<string, string>();
  for (const r of records) {
    codes.add(r.code);
    if (r.level === 'city' && PLACEHOLDER.test(r.name)) { if (r.parent_code) placeholderParent.set(r.code, r.parent_code); continue; }
    if (r.level === 'province') { provinces.push({ code: r.code, names: namesOf(r.name, PROVINCE_SUFFIX) }); continue; }
    const named = { code: r.code, names: namesOf(r.name, LOCAL_SUFFIX) };
    const parent = r.parent_code ?? '';
    children.set(parent, [...(children.get(parent) ?? []), named]);
    if (r.level === 'city') for (const n of named.names) cityCount.set(n, cityCount.has(n) ? null : r.code);
  }
  const citiesByName = new Map<string, string>();
  for (const [name, code] of cityCount) if (code) citiesByName.set(name, code);
  const directCounties = new Map<string, Named[]>();
  for (const [placeholder, province] of placeholderParent) {
    directCounties.set(province, [...(directCounties.get(province) ?? []), ...(children.get(placeholder) ?? [])]);
  }
  // Longest names first, so "吉林省" is tried before "吉林" and 张家口 before 张家.
  const longestFirst = (a: Named, b: Named) => Math.max(...b.names.map((n) => n.length)) - Math.max(...a.names.map((n) => n.length));
  provinces.sort(longestFirst);
  for (const list of children.values()) list.sort(longestFirst);
  for (const list of directCounties.values()) list.sort(longestFirst);
  return { codes, provinces, children, citiesByName, directCounties };
}

/** The code itself, or its city, or its province, whichever GB/T 2260 still lists. */
function knownCode(code: string, index: RegionIndex): string | null {
  if (!/^\d{6}$/.test(code)) return null;
  for (const candidate of [code, code.slice(0, 4) + '00', code.slice(0, 2) + '0000']) {
    if (index.codes.has(candidate)) return candidate;
  }
  return null;
}

/**
 * After a place's short name (朝阳 for 朝阳市), what makes it another place or a street: 朝阳区 is a
 * district of Beijing, 中山路 and 南京路 are streets, not 中山市 or 南京市.
 */
const NOT_THIS_PLACE = /^(区|县|旗|路|街|大街|大道|道|巷|弄|里|村|镇|乡|桥|号|胡同)/;

/** Whether text starts with the place's name `name` (`short`: its name without 市, 省...) as that place. */
function namesPlace(text: string, name: string, short: boolean): boolean {
  return text.startsWith(name) && !(short && NOT_THIS_PLACE.test(text.slice(name.length)));
}

function startsWithName(text: string, list: readonly Named[] | undefined): { code: string; rest: string } | null {
  if (!list) return null;
  for (const item of list) {
    for (const name of item.names) if (namesPlace(text, name, name !== item.names[0])) return { code: item.code, rest: text.slice(name.length) };
  }
  return null;
}

/** The most specific region an address names (province, then city, then county). */
export function regionFromAddress(address: string, index: RegionIndex): string | null {
  const text = toSimplified(address).replace(/[\s\u3000,，]/g, '');
  if (!text) return null;
  const province = startsWithName(text, index.provinces);
  let cityCode: string | null = null;
  let rest = text;
  if (province) {
    rest = province.rest;
    const city = startsWithName(rest, index.children.get(province.code));
    if (city) { cityCode = city.code; rest = city.rest; } else {
      // Municipalities list their districts under a placeholder city.
      const county = startsWithName(rest, index.directCounties.get(province.code));
      return county ? county.code : province.code;
    }
  } else {
    for (const [name, code] of index.citiesByName) {
      if (namesPlace(text, name, !LOCAL_SUFFIX.test(name))) { cityCode = code; rest = text.slice(name.length); break; }
    }
    if (!cityCode) return null;
  }
  const county = startsWithName(rest, index.children.get(cityCode));
  return county ? county.code : cityCode;
}

export interface RegionInputs {
  regionCode: string | null;
  /** Province, city and address text, joined in that order. */
  placeText: string | null;
  /** A resident ID number (validated). */
  residentId: string | null;
}

/** Whether a region code column's value names a region (itself, its city or its province) GB/T 2260 lists. */
export function regionCodeKnown(text: string, index: RegionIndex): boolean {
  const digits = text.replace(/\s/g, '');
  return knownCode(/^\d{12}$/.test(digits) ? digits.slice(0, 6) : digits, index) !== null;
}

export function deriveRegion(inputs: RegionInputs, index: RegionIndex): Region | null {
  if (inputs.regionCode) {
    const digits = inputs.regionCode.replace(/\s/g, '');
    const code = knownCode(/^\d{12}$/.test(digits) ? digits.slice(0, 6) : digits, index);
    if (code) return { code, source: 'code' };
  }
  if (inputs.placeText) {
    const code = regionFromAddress(inputs.placeText, index);
    if (code) return { code, source: 'address' };
  }
  if (inputs.residentId) {
    const code = knownCode(inputs.residentId.slice(0, 6), index);
    if (code) return { code, source: 'id_number' };
  }
  return null;
}
