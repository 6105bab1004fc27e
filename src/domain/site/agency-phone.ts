/**
 * Which of the agency's numbers a debtor is given (a call-back number, 回电号码). The help
 * centre's contact page has a `phone` for whoever reads the page: for an agency in China, a
 * Chinese line (often a 400 number), which a debtor in the US or the UK cannot call back. So a
 * debtor under a US contract is given only the agency's US number (`phone_us`) and one under a UK
 * contract only its UK number (`phone_uk`), both on the English contact page; a Chinese
 * contract's debtor the page's `phone`. A country without its number gets none: never another
 * country's. The address and hours likewise: agency-contact.ts. Pure.
 */
import type { Country } from '../country.ts';
import { invalidInput } from '../errors.ts';
import { usPhone } from '../import/person-us.ts';
import { ukPhone } from '../import/person-uk.ts';

/** The contact page field that holds the number a debtor under a country's contract is given (agency-contact.ts has the rest). */
export const AGENCY_PHONE_FIELD = { CN: 'phone', US: 'phone_us', UK: 'phone_uk' } as const satisfies Record<Country, string>;

/** The fields only the English contact page holds: the numbers of the countries whose debtors are written to in English. */
export const COUNTRY_PHONE_FIELDS = ['phone_us', 'phone_uk'] as const;

/** The number a debtor under the country's contract is given, from the contact page's fields; null when the agency has none there. */
export function agencyPhoneFor(country: Country, fields: Readonly<Record<string, string | undefined>>): string | null {
  return fields[AGENCY_PHONE_FIELD[country]]?.trim() || null;
}

/**
 * A country's number as an admin gives it, checked: `phone_us` a US number a debtor there can
 * dial (ten digits, with or without +1; not an N11 service code, nor an N00 code other than
 * toll-free 800: 400, 500, 700, 900 are no number to call back, and "400-800-1234" is a Chinese
 * 400 number written the US way), `phone_uk` a UK one (+44 or 0, then the national number) at
 * no more than a geographic call's price: not a premium-rate 09, a special-rate 084 or 087 or a
 * personal 070 number, which a debtor may not be required to call (CONC 7.9.5R).
 * The text is kept as written (the letters print it so); blank is allowed (no number).
 */
export function checkCountryPhone(field: (typeof COUNTRY_PHONE_FIELDS)[number], value: string): string {
  const text = value.trim();
  if (text === '') return '';
  if (field === 'phone_us') {
    const e164 = usPhone(text);
    const area = e164?.slice(2, 5) ?? '';
    if (e164 === null || /^[2-9]11$/.test(area) || (/^[2-9]00$/.test(area) && area !== '800')) {
      throw invalidInput({
        en: `fields.phone_us "${value}" is not a US number a debtor there can call back: give its 10 digits with the area code, e.g. (312) 555-0148 or +1 312 555 0148`,
        zh: `fields.phone_us“${value}”不是美国债务人可回拨的美国号码：请填写含区号的 10 位号码，如 (312) 555-0148 或 +1 312 555 0148`,
      }, 'fields.phone_us');
    }
    return text;
  }
  const uk = ukPhone(text);
  if (uk !== null && /^\+44(?:9|8[47]|70)/.test(uk)) {
    throw invalidInput({
      en: `fields.phone_uk "${value}" is a premium- or special-rate number, which a debtor may not be asked to call (CONC 7.9.5R): give a geographic (01, 02, 03) or free (0800, 0808) number`,
      zh: `fields.phone_uk“${value}”是高费率或特殊费率号码，不得要求债务人拨打（CONC 7.9.5R）：请填写普通座机（01、02、03 开头）或免费（0800、0808）号码`,
    }, 'fields.phone_uk');
  }
  if (uk === null) {
    throw invalidInput({
      en: `fields.phone_uk "${value}" is not a UK number: give it with 0 or +44 in front, e.g. 020 7946 0018 or +44 20 7946 0018`,
      zh: `fields.phone_uk“${value}”不是英国号码：请以 0 或 +44 开头填写，如 020 7946 0018 或 +44 20 7946 0018`,
    }, 'fields.phone_uk');
  }
  return text;
}
