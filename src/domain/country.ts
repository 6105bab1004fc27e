/**
 * The country a creditor's contract is under, by its compliance pack: what decides how its files
 * are read, which language its debtors are written to, and (money.ts, currencyOfPack) its currency.
 */
export type Country = 'CN' | 'US' | 'UK';

/** The contract's country; a creditor without a contract (or an unknown pack) is Chinese. */
export function countryOfPack(pack: string | null | undefined): Country {
  return pack === 'US' || pack === 'UK' ? pack : 'CN';
}

/** The English-speaking country of a US or UK contract, whose debtors are written to in English only; null otherwise. */
export function englishCountry(pack: string | null | undefined): 'US' | 'UK' | null {
  const country = countryOfPack(pack);
  return country === 'CN' ? null : country;
}
