import { addChineseBusinessDays, type LocalDate } from './calendar.ts';
import { addUkBusinessDays } from './holidays-uk.ts';
import { addUsBusinessDays } from './holidays-us.ts';

/**
 * The country a creditor's contract is under, by its compliance pack: what decides how its files
 * are read, which language its debtors are written to, and (money.ts, currencyOfPack) its currency.
 */
export type Country = 'CN' | 'US' | 'UK';

/** The country a region code on file is of: a US state's (ISO 3166-2, `US-FL`), else a GB/T 2260 code, China's. */
export function countryOfRegion(code: string): 'CN' | 'US' {
  return code.startsWith('US-') ? 'US' : 'CN';
}

/** The contract's country; a creditor without a contract (or an unknown pack) is Chinese. */
export function countryOfPack(pack: string | null | undefined): Country {
  return pack === 'US' || pack === 'UK' ? pack : 'CN';
}

/** The English-speaking country of a US or UK contract, whose debtors are written to in English only; null otherwise. */
export function englishCountry(pack: string | null | undefined): 'US' | 'UK' | null {
  const country = countryOfPack(pack);
  return country === 'CN' ? null : country;
}

/**
 * The date n (n >= 0) business days after `date` in the contract's country, counting from the
 * next day: China's working days (State Council holidays and adjusted working Saturdays), US
 * federal business days, or England and Wales's. A deadline the agency owes a UK bank's debtor is
 * not moved by the Spring Festival, nor one owed a Chinese bank's by Christmas.
 */
export function addBusinessDays(country: Country, date: LocalDate, n: number): LocalDate {
  return country === 'US' ? addUsBusinessDays(date, n) : country === 'UK' ? addUkBusinessDays(date, n) : addChineseBusinessDays(date, n);
}
