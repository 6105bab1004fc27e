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

/**
 * The states lying in one time zone, and theirs. A state split between zones (Florida's
 * panhandle, most of the Plains, Idaho, Oregon, Nevada's West Wendover, Arizona's Navajo
 * Nation, Alaska's Aleutians, ...) is left out: its debtor is judged in every US zone.
 */
const STATE_ZONES: Readonly<Record<string, string>> = Object.fromEntries([
  ...'CT DC DE GA MA MD ME NC NH NJ NY OH PA RI SC VA VT WV'.split(' ').map((s) => [s, 'America/New_York']),
  ...'AL AR IA IL LA MN MO MS OK WI'.split(' ').map((s) => [s, 'America/Chicago']),
  ...'CO MT NM UT WY'.split(' ').map((s) => [s, 'America/Denver']),
  ...'CA WA'.split(' ').map((s) => [s, 'America/Los_Angeles']),
  ['HI', 'Pacific/Honolulu'],
]);

const STATE_NAMES: Readonly<Record<string, string>> = {
  alabama: 'AL', alaska: 'AK', arizona: 'AZ', arkansas: 'AR', california: 'CA', colorado: 'CO', connecticut: 'CT', delaware: 'DE',
  'district of columbia': 'DC', florida: 'FL', georgia: 'GA', hawaii: 'HI', idaho: 'ID', illinois: 'IL', indiana: 'IN', iowa: 'IA',
  kansas: 'KS', kentucky: 'KY', louisiana: 'LA', maine: 'ME', maryland: 'MD', massachusetts: 'MA', michigan: 'MI', minnesota: 'MN',
  mississippi: 'MS', missouri: 'MO', montana: 'MT', nebraska: 'NE', nevada: 'NV', 'new hampshire': 'NH', 'new jersey': 'NJ',
  'new mexico': 'NM', 'new york': 'NY', 'north carolina': 'NC', 'north dakota': 'ND', ohio: 'OH', oklahoma: 'OK', oregon: 'OR',
  pennsylvania: 'PA', 'rhode island': 'RI', 'south carolina': 'SC', 'south dakota': 'SD', tennessee: 'TN', texas: 'TX', utah: 'UT',
  vermont: 'VT', virginia: 'VA', washington: 'WA', 'west virginia': 'WV', wisconsin: 'WI', wyoming: 'WY',
};

/** A state column's text as its postal code ("Illinois", "il", "IL" -> "IL"); the text as it is when it is neither. */
export function usStateCode(text: string): string {
  const t = text.trim().replace(/\s+/g, ' ');
  if (/^[A-Za-z]{2}$/.test(t)) return t.toUpperCase();
  return STATE_NAMES[t.toLowerCase().replace(/\.$/, '')] ?? t;
}

/**
 * The time zone of a US address, from its state's postal code before the ZIP code
 * ("12 Oak Ave, Peoria, IL 61602") or ending the address ("..., Peoria, IL"); null when no
 * state is found or the state spans zones.
 */
export function usTimeZoneOf(address: string | null): string | null {
  if (!address) return null;
  const match = /\b([A-Z]{2})\s+\d{5}(?:-\d{4})?\s*$/.exec(address.trim()) ?? /,\s*([A-Z]{2})\s*$/.exec(address.trim());
  return match ? STATE_ZONES[match[1]!] ?? null : null;
}
