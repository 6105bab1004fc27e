/**
 * The personal fields of a UK creditor's file (a creditor whose contract is under the UK pack):
 * National Insurance numbers and UK phone numbers. Every debtor there is on UK time
 * (Europe/London). Error texts never repeat the value: it is personal data.
 */
import type { IdNumberCheck, PhonesCheck } from './person.ts';
import { phonesInCell } from './person-us.ts';

/**
 * A National Insurance number: two letters, six digits and A, B, C or D ("QQ 12 34 56 C"). The
 * letters D, F, I, Q, U and V never start one, nor do BG, GB, KN, NK, NT, TN or ZZ, which HMRC
 * does not issue; they are refused as typos rather than matched to the wrong person.
 */
export function checkNino(text: string): IdNumberCheck {
  const value = text.replace(/[\s-]/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{6}[A-D]$/.test(value)) {
    return { ok: false, zh: '英国国民保险号应为 2 个字母、6 位数字和 A-D 中的一个字母，如 QQ 12 34 56 C', en: 'a National Insurance number is two letters, six digits and A-D, like QQ 12 34 56 C' };
  }
  if (/[DFIQUV]/.test(value[0]!) || /[DFIQUVO]/.test(value[1]!) || ['BG', 'GB', 'KN', 'NK', 'NT', 'TN', 'ZZ'].includes(value.slice(0, 2))) {
    return { ok: false, zh: '该国民保险号的前缀不会被签发，请核对', en: 'that National Insurance number has a prefix HMRC does not issue; check the number' };
  }
  return { ok: true, value, resident: false, birthDate: null };
}

/** A UK number as stored and matched: +44 and its national number without the leading 0; null when it is not one. */
export function ukPhone(text: string): string | null {
  let digits = text.replace(/[\s\-().]/g, '');
  if (digits.startsWith('+44')) digits = digits.slice(3);
  else if (digits.startsWith('0044')) digits = digits.slice(4);
  else if (digits.startsWith('0')) digits = digits.slice(1);
  else return null;
  if (digits.startsWith('0')) digits = digits.slice(1);   // "+44 (0)20 ..."
  return /^[1-9]\d{8,9}$/.test(digits) ? `+44${digits}` : null;
}

/** One or more UK phone numbers in a cell ("07700 900123", "+44 20 7946 0018"), each as +44 and the national number. */
export function checkUkPhones(text: string): PhonesCheck {
  return phonesInCell(text, ukPhone, { zh: '电话号码不是英国号码（如 07700 900123 或 +44 20 7946 0018）', en: 'a phone number is not a UK number (like 07700 900123 or +44 20 7946 0018)' });
}
