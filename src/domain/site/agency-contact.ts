/**
 * How a debtor is told to reach the agency: its number (回电号码), the address to write to and its
 * opening hours, as its help centre's contact page gives them. The page's `phone`, `address` and
 * `hours` are for whoever reads it: for an agency in China a Chinese line, an office in Wuhan and
 * China's clock, which a debtor in the US or the UK can neither call, nor usefully write to (a US
 * debtor's dispute by mail, 12 CFR 1006.34(c)(1)), nor read the hours of. So a debtor under a US
 * contract is given only the agency's US number, US mailing address and hours in a US time zone
 * (`phone_us`, `address_us`, `hours_us`), one under a UK contract only the UK ones (`phone_uk`,
 * `address_uk`, `hours_uk`), all on the English contact page; a Chinese contract's debtor the
 * page's own. A country without one of its own is given none: never another country's. A US
 * debtor who reads Spanish is given the hours as `hours_us_es` words them, when set. Pure.
 */
import type { Country } from '../country.ts';
import { invalidInput } from '../errors.ts';
import { usAddressState } from '../import/person-us.ts';
import { agencyPhoneFor, checkCountryPhone, COUNTRY_PHONE_FIELDS } from './agency-phone.ts';

export type ContactPart = 'phone' | 'address' | 'hours';

/** The contact page field that holds what a debtor under a country's contract is given. */
export const AGENCY_CONTACT_FIELDS = {
  CN: { phone: 'phone', address: 'address', hours: 'hours' },
  US: { phone: 'phone_us', address: 'address_us', hours: 'hours_us' },
  UK: { phone: 'phone_uk', address: 'address_uk', hours: 'hours_uk' },
} as const satisfies Record<Country, Record<ContactPart, string>>;

/** The fields only the English contact page holds: those of the countries whose debtors are written to in English. */
export const COUNTRY_CONTACT_FIELDS = [...COUNTRY_PHONE_FIELDS, 'address_us', 'hours_us', 'hours_us_es', 'address_uk', 'hours_uk'] as const;
export type CountryContactField = (typeof COUNTRY_CONTACT_FIELDS)[number];

/**
 * What a debtor under the country's contract is given, from the contact page's fields; null where
 * the agency has none there. `spanish`: the debtor reads Spanish (a US debtor's hours in Spanish, else as written).
 */
export function agencyContactFor(country: Country, fields: Readonly<Record<string, string | undefined>>, spanish = false): Record<ContactPart, string | null> {
  const of = (part: ContactPart) => fields[AGENCY_CONTACT_FIELDS[country][part]]?.trim() || null;
  const hours = (spanish && country === 'US' ? fields.hours_us_es?.trim() : null) || of('hours');
  return { phone: agencyPhoneFor(country, fields), address: of('address'), hours };
}

/** Chinese writing, or China's clock: what the page's own `address` and `hours` are written in, and no debtor abroad reads. */
const CHINESE = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]|\b(?:Beijing|China|Shanghai)\b|\b(?:UTC|GMT)\s*\+\s*0?8\b/i;
/** A US time zone named (six cover the states: a US debtor reads "9am-5pm" in theirs unless told), by its letters or its name. */
const US_ZONE_CODE = /\b(?:[ECMP][SD]?T|AK[SD]?T|H[SD]?T|HAST)\b/;
const US_ZONE_NAME = /\b(?:eastern|central|mountain|pacific|alaska|hawaii)\b/i;
/** The same in Spanish ("hora del este", "hora del Pacífico"). */
const US_ZONE_NAME_ES = /\bhora\s+(?:del?\s+)?(?:este|centro|montaña|pacífico|pacifico|alaska|hawái|hawai)\b/iu;
/** A UK postcode ending the address (a country's name after it passed over), e.g. "SW1A 1AA", "M1 1AA". */
const UK_POSTCODE = /\b(?:GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$/i;
const UK_COUNTRY = /[\s,]+(?:U\.?K\.?|United Kingdom|Great Britain|England|Scotland|Wales|Northern Ireland)$/i;

const EXAMPLES = {
  address_us: { en: 'e.g. 100 Main St, Suite 400, Chicago, IL 60601', zh: '如 100 Main St, Suite 400, Chicago, IL 60601' },
  address_uk: { en: 'e.g. 10 Market Street, Manchester M1 1AA', zh: '如 10 Market Street, Manchester M1 1AA' },
  hours_us: { en: 'e.g. Monday to Friday 8am-8pm ET', zh: '如 Monday to Friday 8am-8pm ET' },
  hours_us_es: { en: 'e.g. de lunes a viernes, de 8am a 8pm ET', zh: '如 de lunes a viernes, de 8am a 8pm ET' },
  hours_uk: { en: 'e.g. Monday to Friday 9am-5pm', zh: '如 Monday to Friday 9am-5pm' },
} as const;

/**
 * A country's field as an admin gives it, checked: the numbers as checkCountryPhone says;
 * `address_us` a US mailing address (it ends with the state's two-letter code and the ZIP code:
 * a US debtor mails disputes there, and a letter without a ZIP code is not delivered),
 * `address_uk` a UK one (it ends with the postcode); `hours_us` and `hours_uk` in English
 * (`hours_us_es` the US hours in Spanish) and not on China's clock, and the US hours name their US time zone. The text is kept as written (the
 * letters print it so); blank is allowed (none).
 */
export function checkCountryField(field: CountryContactField, value: string): string {
  if (field === 'phone_us' || field === 'phone_uk') return checkCountryPhone(field, value);
  const text = value.trim();
  if (text === '') return '';
  const example = EXAMPLES[field];
  const refuse = (en: string, zh: string) => invalidInput({ en: `fields.${field} "${value}" ${en}, ${example.en}`, zh: `fields.${field}“${value}”${zh}，${example.zh}` }, `fields.${field}`);
  if (field === 'address_us') {
    const place = usAddressState(text);
    if (CHINESE.test(text) || place === null || place.zip === null) {
      throw refuse('is not a US mailing address, where a debtor in the US can write to the agency (disputes by mail): end it with the state\'s two-letter code and the ZIP code',
        '不是美国通信地址（美国债务人须能寄信至此，如书面提出异议）：请以州的两字母代码和邮编结尾');
    }
    return text;
  }
  if (field === 'address_uk') {
    if (CHINESE.test(text) || !UK_POSTCODE.test(text.replace(UK_COUNTRY, ''))) {
      throw refuse('is not a UK postal address, where a debtor in the UK can write to the agency: end it with the postcode',
        '不是英国通信地址（英国债务人须能寄信至此）：请以邮编（postcode）结尾');
    }
    return text;
  }
  const country = field === 'hours_uk' ? 'UK' : 'US';
  const spanish = field === 'hours_us_es';
  if (CHINESE.test(text)) {
    throw refuse(`is in Chinese or on China's clock: write the hours in ${spanish ? 'Spanish' : 'English'}, on the clock of a debtor in the ${country}`,
      `为中文或北京时间：请用${spanish ? '西班牙文' : '英文'}填写${country === 'US' ? '美国' : '英国'}债务人当地时间的服务时间`);
  }
  if (country === 'US' && !US_ZONE_CODE.test(text) && !US_ZONE_NAME.test(text) && !(spanish && US_ZONE_NAME_ES.test(text))) {
    throw refuse('does not say in which US time zone: a debtor may be in any of six, so name it (ET, CT, MT, PT, AKT, HT, or Eastern ... Hawaii)',
      '未写明美国时区：美国债务人可能身处六个时区之一，请注明（ET、CT、MT、PT、AKT、HT，或 Eastern … Hawaii）');
  }
  return text;
}

/**
 * The contact page's fields as a debtor with accounts under these countries' contracts is shown
 * them (the portal), from the page in their language and the English one (which alone holds the
 * countries' fields): those of their countries only. `phone`, `complaint_phone`, `address` and
 * `hours` are the Chinese ones, for a Chinese contract's debtor; `phone_us`, `address_us`,
 * `hours_us` a US one's, and the UK's likewise. No country known (no account open): the page's
 * own fields, as any reader sees them.
 */
export function contactFieldsFor(countries: ReadonlySet<Country>, fields: Readonly<Record<string, string>>,
  english: Readonly<Record<string, string>> = fields, spanish = false): Record<string, string> {
  if (countries.size === 0) return { ...fields };
  const kept: Record<string, string> = { ...fields };
  for (const k of COUNTRY_CONTACT_FIELDS) delete kept[k];
  if (!countries.has('CN')) { delete kept.phone; delete kept.complaint_phone; delete kept.address; delete kept.hours; }
  for (const country of ['US', 'UK'] as const) {
    if (!countries.has(country)) continue;
    const given = agencyContactFor(country, english, spanish);
    for (const part of ['phone', 'address', 'hours'] as const) {
      const value = given[part];
      if (value) kept[AGENCY_CONTACT_FIELDS[country][part]] = value;
    }
  }
  return kept;
}
