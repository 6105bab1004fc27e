/**
 * The personal fields of a bank file: resident ID numbers (GB 11643-1999), phone numbers
 * and names, normalized so that the same person or number always gives the same keyed
 * hash. Error texts never repeat the value: it is personal data.
 */
import { simplifiedChars } from '../account-search.ts';
import { localDate, type LocalDate } from '../calendar.ts';
import { checkNino, ukPhone } from './person-uk.ts';
import { checkSsn, usPhone } from './person-us.ts';

const FULL_WIDTH = /[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g;
const halfWidth = (text: string) => text.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

// GB 11643-1999: weights 2^(17-i) mod 11 over the first 17 digits; the remainder picks the check character.
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const ID_CHECK = '10X98765432';

export type IdNumberCheck =
  | { ok: true; value: string; resident: boolean; birthDate: LocalDate | null }
  | { ok: false; zh: string; en: string };

/**
 * A resident ID number (18 characters with a valid check character, or the old 15-digit
 * form), or another document number (passport, Hong Kong/Macau/Taiwan permit: letters and
 * digits). All-digit values must be valid resident numbers: a typo would match the wrong
 * person or none.
 */
export function checkIdNumber(text: string): IdNumberCheck {
  const value = halfWidth(text).replace(/[\s-]/g, '').toUpperCase();
  if (/^\d{17}[\dX]$/.test(value)) {
    let sum = 0;
    for (let i = 0; i < 17; i++) sum += (value.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
    if (ID_CHECK[sum % 11] !== value[17]) {
      return { ok: false, zh: '身份证号校验位不对，请核对号码', en: 'the ID number\'s check character is wrong; check the number' };
    }
    const birthDate = birthDateOf(value.slice(6, 10), value.slice(10, 12), value.slice(12, 14));
    if (!birthDate) return { ok: false, zh: '身份证号中的出生日期无效', en: 'the ID number holds no valid birth date' };
    return { ok: true, value, resident: true, birthDate };
  }
  if (/^\d{15}$/.test(value)) {
    const birthDate = birthDateOf('19' + value.slice(6, 8), value.slice(8, 10), value.slice(10, 12));
    if (!birthDate) return { ok: false, zh: '身份证号中的出生日期无效', en: 'the ID number holds no valid birth date' };
    return { ok: true, value, resident: true, birthDate };
  }
  // Seventeen digits and a letter other than X is a resident ID number mistyped, not another document.
  if (/^\d{17}[A-Z]$/.test(value)) {
    return { ok: false, zh: '身份证号最后一位只能是数字或 X，请核对号码', en: 'an ID number\'s last character is a digit or X; check the number' };
  }
  if (/^\d+X?$/.test(value)) {
    return { ok: false, zh: '身份证号应为 18 位（或旧版 15 位）', en: 'an ID number has 18 characters (or 15 digits in the old form)' };
  }
  if (/^[A-Z0-9]{5,20}$/.test(value) && /[A-Z]/.test(value)) return { ok: true, value, resident: false, birthDate: null };
  return { ok: false, zh: '证件号码格式无法识别', en: 'the document number is not an ID number, passport or permit number' };
}

/**
 * A resident ID number's other form: the 18-character one of an old 15-digit number (the century
 * 19 put in, the check character worked out, as GB 11643 converted them), or the 15-digit one of
 * an 18-character number of someone born in the 1900s. One person's two forms: what is on file
 * may be either. Null for any other number.
 */
export function otherIdNumberForm(value: string): string | null {
  if (/^\d{15}$/.test(value)) {
    const body = `${value.slice(0, 6)}19${value.slice(6)}`;
    let sum = 0;
    for (let i = 0; i < 17; i++) sum += (body.charCodeAt(i) - 48) * ID_WEIGHTS[i]!;
    return body + ID_CHECK[sum % 11]!;
  }
  if (/^\d{6}19\d{9}[\dX]$/.test(value)) return value.slice(0, 6) + value.slice(8, 17);
  return null;
}

function birthDateOf(year: string, month: string, day: string): LocalDate | null {
  try {
    return localDate(Number(year), Number(month), Number(day));
  } catch {
    return null;
  }
}

export type PhonesCheck = { ok: true; phones: string[] } | { ok: false; zh: string; en: string };

/**
 * One or more phone numbers in a cell ("138 0013 8000", "+86 13800138000",
 * "027-85551234", several separated by , ; / or 、). Mobile numbers keep their 11 digits,
 * landlines their area code and number, all as digits only.
 */
export function checkPhones(text: string): PhonesCheck {
  const phones: string[] = [];
  for (const part of halfWidth(text).split(/[,，;；/、|]+/)) {
    let digits = part.replace(/[\s\-().（）]/g, '');
    if (digits === '') continue;
    digits = digits.replace(/^(\+86|0086)/, '');
    if (/^86 ?1[3-9]\d{9}$/.test(digits)) digits = digits.slice(2);
    if (!/^(1[3-9]\d{9}|0\d{9,11})$/.test(digits)) {
      return { ok: false, zh: '电话号码不是手机号（1 开头 11 位）或带区号的固定电话', en: 'a phone number is neither a mobile number (11 digits starting with 1) nor a landline with its area code' };
    }
    if (!phones.includes(digits)) phones.push(digits);
  }
  if (phones.length > 5) return { ok: false, zh: '一个单元格中的电话号码超过 5 个', en: 'more than 5 phone numbers in one cell' };
  return { ok: true, phones };
}

/**
 * The one form a single phone number is stored and matched in, whoever typed it: a Chinese
 * number as `checkPhones` gives it ("+86 138-0013-8000" is 13800138000, as the banks' files
 * give it), a US or UK one as the creditors' files do, any other in its international form (+ and
 * at most 15 digits). Null when it is not one number (139123456789999 is no number anywhere).
 */
export function normalizePhone(text: string): string | null {
  const cn = checkPhones(text);
  if (cn.ok && cn.phones.length === 1) return cn.phones[0]!;
  // Not a Chinese number: a US one is stored as +1 and ten digits (a US creditor's file), whether or not the +1 was typed.
  const us = usPhone(halfWidth(text));
  if (us !== null) return us;
  // A UK number with its country code (+44 or 0044): +44 and the national number (without a leading 0 typed after it).
  if (/^\s*(\+|00)44/.test(halfWidth(text))) {
    const uk = ukPhone(halfWidth(text));
    if (uk !== null) return uk;
  }
  // Any other country's number in its international form (+ or 00, the country code, at most 15
  // digits in all: E.164); digits alone that are none of the above are no number we can dial.
  const international = /^(?:\+|00)(\d{7,15})$/.exec(halfWidth(text).replace(/[\s\-().（）]/g, ''));
  return international === null ? null : `+${international[1]}`;
}

/**
 * A number typed for a debtor under a contract's pack, as normalizePhone stores it; without a
 * country code (+ or 00) it is read as dialled in that country (07700 900123 under a UK contract
 * is +447700900123, not a Chinese landline; 217 555 0100 under a US one is +12175550100), and
 * null when it is no number there: another country's number is typed with its country code.
 */
export function normalizePhoneFor(text: string, pack: string | null | undefined): string | null {
  const typed = halfWidth(text);
  if (/^\s*(\+|00)/.test(typed)) return normalizePhone(text);
  if (pack === 'UK') return ukPhone(typed);
  if (pack === 'US') return usPhone(typed);
  return normalizePhone(text);
}

/**
 * The ways a number typed from a phone's display may be stored, most likely first: as
 * normalizePhone reads it and, typed with a single trunk 0 as UK numbers are at home
 * (07700 900123, which normalizePhone takes for a Chinese landline), as a UK number too, and
 * dialled with a US 1 first (13125550128, also a Chinese mobile's form), as a US number too.
 */
export function phoneReadings(typed: string): string[] {
  const readings: string[] = [];
  const read = normalizePhone(typed);
  if (read !== null) readings.push(read);
  if (/^\s*0(?!0)/.test(halfWidth(typed))) {
    const uk = ukPhone(halfWidth(typed));
    if (uk !== null && !readings.includes(uk)) readings.push(uk);
  }
  // A US number dialled with its 1 (1 (312) 555-0128, 13125550128, which normalizePhone takes for a Chinese mobile): as a US number too.
  const us = usPhone(halfWidth(typed));
  if (us !== null && !readings.includes(us)) readings.push(us);
  return readings;
}

/**
 * The ways an ID number a caller gives may be stored: a Chinese ID number (or another document's
 * number), a US SSN or ITIN (123-45-6789 is stored as its nine digits), a UK National Insurance
 * number; each valid reading once. Empty when it is none of them.
 */
export function idNumberReadings(typed: string): string[] {
  const readings: string[] = [];
  for (const check of [checkIdNumber(typed), checkSsn(typed), checkNino(typed)]) {
    if (check.ok && !readings.includes(check.value)) readings.push(check.value);
  }
  return readings;
}

/** A name or an address: whitespace collapsed, full-width spaces too. */
export function cleanText(text: string): string {
  return text.replace(/[\s\u3000]+/g, ' ').trim();
}

/** A name as compared: width, case and script folded (NFKC, 黃藥師 as 黄药师), the marks and spaces between its parts left out, as its parts. */
function nameParts(name: string): string[] {
  return simplifiedChars(name.normalize('NFKC')).toLowerCase().replace(/[.,'’‘`·•・\-‐]/g, ' ').split(/\s+/).filter((p) => p !== '');
}

/**
 * Whether two names a bank gave for one ID number can be the same person's: the same after
 * width, case, script, spaces and marks (`张 三`, `黃藥師`, `ＺＨＡＮＧ　San`, `O'Brien`), or, for a name of several
 * parts, the same first and last part in either order with middle names or initials said or left
 * out (`Jane Q. Doe`, `DOE, JANE`). A different given name or surname is another person, or a
 * wrong ID number: the import does not put the account on the debtor already on file.
 */
export function sameDebtorName(a: string, b: string): boolean {
  const x = nameParts(a);
  const y = nameParts(b);
  if (x.join('') === y.join('')) return true;
  if (x.length < 2 || y.length < 2) return false;
  const [xFirst, xLast] = [x[0]!, x[x.length - 1]!];
  const [yFirst, yLast] = [y[0]!, y[y.length - 1]!];
  return (xFirst === yFirst && xLast === yLast) || (xFirst === yLast && xLast === yFirst);
}
