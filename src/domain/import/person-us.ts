/**
 * The personal fields of a US creditor's file (a creditor whose contract is under the US pack):
 * Social Security numbers (or ITINs), US phone numbers, and the time zone an address's state
 * is in. Error texts never repeat the value: it is personal data.
 */
import type { IdNumberCheck, PhonesCheck } from './person.ts';

/**
 * An SSN or ITIN: nine digits, written 123-45-6789 or 123456789. Area 000 and 666, group 00
 * and serial 0000 are never issued (a typo, or a made-up number), so they are refused. No
 * birth date or region is read from it (the SSA has assigned them at random since 2011).
 */
export function checkSsn(text: string): IdNumberCheck {
  const value = text.replace(/[\s-]/g, '');
  if (!/^\d{9}$/.test(value)) {
    return { ok: false, zh: '美国社会安全号（SSN/ITIN）应为 9 位数字，如 123-45-6789', en: 'an SSN or ITIN has 9 digits, written like 123-45-6789' };
  }
  if (value.startsWith('000') || value.startsWith('666') || value.slice(3, 5) === '00' || value.slice(5) === '0000') {
    return { ok: false, zh: '该社会安全号不可能被签发（区号 000/666、组号 00 或序号 0000），请核对', en: 'that SSN is never issued (area 000 or 666, group 00 or serial 0000); check the number' };
  }
  return { ok: true, value, resident: false, birthDate: null };
}

/** A US (NANP) number as stored and matched: +1 and its ten digits; null when it is not one. */
export function usPhone(text: string): string | null {
  let digits = text.replace(/[\s\-().]/g, '');
  if (digits.startsWith('+1')) digits = digits.slice(2);
  else if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
  return /^[2-9]\d{2}[2-9]\d{6}$/.test(digits) ? `+1${digits}` : null;
}

/** One or more US phone numbers in a cell ("(217) 555-0100", "+1 217 555 0100; 217-555-0199"), each as +1 and ten digits. */
export function checkUsPhones(text: string): PhonesCheck {
  return phonesInCell(text, usPhone, { zh: '电话号码不是美国号码（10 位，如 (217) 555-0100）', en: 'a phone number is not a US number (10 digits, like (217) 555-0100)' });
}

/** The numbers of a cell (separated by , ; / or |), each read by `read`, once each, at most five; `wrong` when one is not a number. */
export function phonesInCell(text: string, read: (part: string) => string | null, wrong: { zh: string; en: string }): PhonesCheck {
  const phones: string[] = [];
  for (const part of text.split(/[,;/|]+/)) {
    if (part.trim() === '') continue;
    const phone = read(part.trim());
    if (phone === null) return { ok: false, ...wrong };
    if (!phones.includes(phone)) phones.push(phone);
  }
  if (phones.length > 5) return { ok: false, zh: '一个单元格中的电话号码超过 5 个', en: 'more than 5 phone numbers in one cell' };
  return { ok: true, phones };
}

const EASTERN = 'America/New_York';
const CENTRAL = 'America/Chicago';
const MOUNTAIN = 'America/Denver';
const PACIFIC = 'America/Los_Angeles';

/** A state's zones, and where known the zones of its ZIP codes' first three digits (`zip3`: ['320-323', [EASTERN]]). */
interface StateZones { zones: readonly string[]; zip3?: ReadonlyArray<readonly [string, readonly string[]]> }

/**
 * The zones each state's people may live in. A state in one zone has that one. A state split
 * between zones has every zone it spans, narrowed by the first three digits of the ZIP code
 * only where every ZIP code starting with them lies in one zone (Florida's 325, Pensacola, is
 * all Central; its 324, Panama City, also holds Port St. Joe on Eastern time, so it keeps both).
 * Places that keep another zone's clock unofficially count too (Phenix City, AL on Eastern time;
 * Kenton, OK and Jackpot, NV on Mountain time), and the Navajo Nation's summer time in Arizona.
 * Not verified against an official ZIP-to-zone list (docs/compliance.md): a prefix not listed
 * keeps all of its state's zones, the strict reading.
 */
const STATES: Readonly<Record<string, StateZones>> = {
  ...Object.fromEntries('CT DC DE GA MA MD ME NC NH NJ NY OH PA RI SC VA VT WV'.split(' ').map((s) => [s, { zones: [EASTERN] }])),
  ...Object.fromEntries('AR IA IL LA MN MO MS WI'.split(' ').map((s) => [s, { zones: [CENTRAL] }])),
  ...Object.fromEntries('CO MT NM UT WY'.split(' ').map((s) => [s, { zones: [MOUNTAIN] }])),
  ...Object.fromEntries('CA WA'.split(' ').map((s) => [s, { zones: [PACIFIC] }])),
  HI: { zones: ['Pacific/Honolulu'] },
  AL: { zones: [CENTRAL, EASTERN], zip3: [['350-367', [CENTRAL]], ['369', [CENTRAL]]] },
  OK: { zones: [CENTRAL, MOUNTAIN], zip3: [['730-738', [CENTRAL]], ['740-749', [CENTRAL]]] },
  FL: { zones: [EASTERN, CENTRAL], zip3: [['320-323', [EASTERN]], ['325', [CENTRAL]], ['326-349', [EASTERN]]] },
  TX: { zones: [CENTRAL, MOUNTAIN], zip3: [['750-797', [CENTRAL]], ['799', [MOUNTAIN]], ['885', [MOUNTAIN]]] },
  IN: { zones: ['America/Indiana/Indianapolis', CENTRAL],
    zip3: [['460-462', ['America/Indiana/Indianapolis']], ['463-464', [CENTRAL]], ['466-474', ['America/Indiana/Indianapolis']], ['478', ['America/Indiana/Indianapolis']]] },
  KY: { zones: ['America/Kentucky/Louisville', CENTRAL],
    zip3: [['400', ['America/Kentucky/Louisville']], ['402-406', ['America/Kentucky/Louisville']], ['410-418', ['America/Kentucky/Louisville']], ['420-424', [CENTRAL]]] },
  TN: { zones: [CENTRAL, EASTERN], zip3: [['370-372', [CENTRAL]], ['374', [EASTERN]], ['375', [CENTRAL]], ['376', [EASTERN]], ['379', [EASTERN]], ['380-385', [CENTRAL]]] },
  MI: { zones: ['America/Detroit', 'America/Menominee'], zip3: [['480-497', ['America/Detroit']]] },
  AZ: { zones: ['America/Phoenix', MOUNTAIN], zip3: [['850-859', ['America/Phoenix']], ['863-864', ['America/Phoenix']]] },
  ID: { zones: ['America/Boise', PACIFIC], zip3: [['832-834', ['America/Boise']], ['836-837', ['America/Boise']], ['838', [PACIFIC]]] },
  OR: { zones: [PACIFIC, 'America/Boise'], zip3: [['970-978', [PACIFIC]]] },
  NV: { zones: [PACIFIC, MOUNTAIN], zip3: [['889-897', [PACIFIC]]] },
  KS: { zones: [CENTRAL, MOUNTAIN], zip3: [['660-676', [CENTRAL]], ['679', [CENTRAL]]] },
  NE: { zones: [CENTRAL, MOUNTAIN], zip3: [['680-689', [CENTRAL]], ['693', [MOUNTAIN]]] },
  ND: { zones: [CENTRAL, MOUNTAIN], zip3: [['580-584', [CENTRAL]], ['587', [CENTRAL]]] },
  SD: { zones: [CENTRAL, MOUNTAIN], zip3: [['570-574', [CENTRAL]], ['577', [MOUNTAIN]]] },
  AK: { zones: ['America/Anchorage', 'America/Adak'], zip3: [['996-999', ['America/Anchorage']]] },
};

const STATE_NAMES: Readonly<Record<string, string>> = {
  alabama: 'AL', alaska: 'AK', arizona: 'AZ', arkansas: 'AR', california: 'CA', colorado: 'CO', connecticut: 'CT', delaware: 'DE',
  'district of columbia': 'DC', florida: 'FL', georgia: 'GA', hawaii: 'HI', idaho: 'ID', illinois: 'IL', indiana: 'IN', iowa: 'IA',
  kansas: 'KS', kentucky: 'KY', louisiana: 'LA', maine: 'ME', maryland: 'MD', massachusetts: 'MA', michigan: 'MI', minnesota: 'MN',
  mississippi: 'MS', missouri: 'MO', montana: 'MT', nebraska: 'NE', nevada: 'NV', 'new hampshire': 'NH', 'new jersey': 'NJ',
  'new mexico': 'NM', 'new york': 'NY', 'north carolina': 'NC', 'north dakota': 'ND', ohio: 'OH', oklahoma: 'OK', oregon: 'OR',
  pennsylvania: 'PA', 'rhode island': 'RI', 'south carolina': 'SC', 'south dakota': 'SD', tennessee: 'TN', texas: 'TX', utah: 'UT',
  vermont: 'VT', virginia: 'VA', washington: 'WA', 'west virginia': 'WV', wisconsin: 'WI', wyoming: 'WY',
};

const NAMES_BY_CODE: ReadonlyMap<string, string> = new Map(Object.entries(STATE_NAMES).map(([name, code]) =>
  [code, name.replace(/\b[a-z]/g, (c) => c.toUpperCase()).replace(' Of ', ' of ')]));

/** A state's name from its postal code ("MA" -> "Massachusetts"); null for a code that is not a state's (or DC's). */
export function usStateName(code: string): string | null {
  return NAMES_BY_CODE.get(code) ?? null;
}

/** A region's name where it is a US state's (`US-MA` -> "Massachusetts"); null for any other code. */
export function usRegionName(regionCode: string | null): string | null {
  return regionCode?.startsWith('US-') ? usStateName(regionCode.slice(3)) : null;
}

/** A state column's text as its postal code ("Illinois", "il", "IL" -> "IL"); the text as it is when it is neither. */
export function usStateCode(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  if (/^[A-Za-z]{2}$/.test(t)) return t.toUpperCase();
  return STATE_NAMES[t.toLowerCase().replace(/\.$/, '')] ?? t;
}

/**
 * The state (its postal code) and ZIP code of a US address, read from its end: the state before
 * the ZIP code ("12 Oak Ave, Peoria, IL 61602", "..., IL, 61602"), or ending the address
 * ("..., Peoria, IL"), written as its code or its name ("..., Peoria, Illinois 61602"); a
 * country at the very end ("USA", "United States") is passed over. Null when no state of the 50
 * (or DC) is found there.
 */
export function usAddressState(address: string | null): { state: string; zip: string | null } | null {
  if (!address) return null;
  const text = address.trim().replace(/[\s,]+(?:U\.?S\.?A?\.?|United States(?: of America)?)$/i, '');
  const coded = /\b([A-Z]{2})[\s,]+(\d{5})(?:-\d{4})?$/.exec(text) ?? /,\s*([A-Z]{2})$/.exec(text);
  if (coded && STATES[coded[1]!]) return { state: coded[1]!, zip: coded[2] ?? null };
  const named = /,\s*([A-Za-z][A-Za-z .]*?)[\s,]+(\d{5})(?:-\d{4})?$/.exec(text) ?? /,\s*([A-Za-z][A-Za-z .]*?)$/.exec(text);
  const state = named ? usStateCode(named[1]!) : null;
  return state && STATES[state] ? { state, zip: named![2] ?? null } : null;
}

/** Each split state's ZIP prefixes as [from, to, zones], read once from the table above. */
const ZIP3_RANGES: ReadonlyMap<string, ReadonlyArray<readonly [string, string, readonly string[]]>> = new Map(
  Object.entries(STATES).flatMap(([code, { zip3 }]) => (zip3 ? [[code, zip3.map(([range, zones]) => {
    const [from, to = from] = range.split('-') as [string, string?];
    return [from, to, zones] as const;
  })] as const] : [])));

/**
 * The time zones of a place a US address names: its state's, narrowed by the ZIP code where the
 * state spans zones: one zone for most addresses, two where the ZIP code does not tell (Panama
 * City, FL: Eastern and Central).
 */
export function usPlaceZones(place: { state: string; zip: string | null }): readonly string[] {
  const zones = STATES[place.state]!.zones;
  const zip3 = place.zip?.slice(0, 3);
  if (zip3 === undefined) return zones;
  for (const [from, to, narrowed] of ZIP3_RANGES.get(place.state) ?? []) if (zip3 >= from && zip3 <= to) return narrowed;
  return zones;
}

/** The time zones a US address may be in (usAddressState, usPlaceZones); null when no state is found. */
export function usAddressZones(address: string | null): readonly string[] | null {
  const place = usAddressState(address);
  return place ? usPlaceZones(place) : null;
}
