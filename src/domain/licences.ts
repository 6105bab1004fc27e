/**
 * The agency's collection licences (催收执照) in US states and New York City, and what they put
 * on what the agency writes to a debtor there.
 *
 * A collection agency collecting from a debtor in a state that licenses collectors holds that
 * state's licence, and several ask for its number on the written communications (New York City's
 * Department of Consumer and Worker Protection: its licence number on every letter; U on each
 * state's list, which the compliance officer keeps: the agency records the licences it holds and
 * the product prints what is recorded). Colorado adds a statement to the first written
 * communication (C.R.S. 5-16-109, formerly 12-14-105(3)(c); the address as amended by HB 20-1402,
 * U: the statute says the notice follows the address when it changes).
 *
 * Which licences a communication carries follows the debtor's state as on file: that state's, and
 * New York City's for a New York debtor (the product files the state, not the city: the strict
 * reading, as for the city's other rules); every recorded licence for a debtor whose state is not
 * known.
 */
import { invalidInput } from './errors.ts';
import { usStateName } from './import/person-us.ts';
import { underNewYorkCityRules } from './language.ts';

export interface Licence {
  /** `US-CO` (a state's), `US-NY-NYC` (New York City's). */
  jurisdiction: string;
  number: string;
}

export const NEW_YORK_CITY = 'US-NY-NYC';

/** The name of a licence's jurisdiction in the language asked for ("Colorado", "New York City", "纽约市"). */
export function jurisdictionName(jurisdiction: string, language: 'en' | 'es' | 'zh'): string {
  if (jurisdiction === NEW_YORK_CITY) return { en: 'New York City', es: 'la Ciudad de Nueva York', zh: '纽约市' }[language];
  return usStateName(jurisdiction.slice(3)) ?? jurisdiction;
}

/**
 * A licence as an admin gives it, checked: the jurisdiction a US state's code (`US-CO`, `co`, `CO`)
 * or New York City's (`US-NY-NYC`, `NYC`); the number as the licence shows it (letters, digits,
 * spaces and - . / #, at most 40).
 */
export function checkLicence(jurisdiction: string, number: string): Licence {
  const j = checkJurisdiction(jurisdiction);
  const n = number.trim().replace(/\s+/g, ' ');
  if (!/^[A-Za-z0-9][A-Za-z0-9 ./#-]{0,39}$/.test(n)) {
    throw invalidInput({
      en: 'A licence number is 1-40 letters, digits, spaces and - . / #, as the licence shows it',
      zh: '执照号为 1-40 个字母、数字、空格或 - . / #，与执照上的写法一致',
    }, 'number');
  }
  return { jurisdiction: j, number: n };
}

/** A US state's code as an admin gives it (`US-CO`, `CO`, `co`) or New York City's (`US-NY-NYC`, `NYC`), as stored. */
export function checkJurisdiction(jurisdiction: string): string {
  const code = jurisdiction.trim().toUpperCase();
  const j = code === 'NYC' ? NEW_YORK_CITY : /^[A-Z]{2}$/.test(code) ? `US-${code}` : code;
  if (j !== NEW_YORK_CITY && !(/^US-[A-Z]{2}$/.test(j) && usStateName(j.slice(3)) !== null)) {
    throw invalidInput({
      en: `"${jurisdiction}" is not a US state's code (US-CO) or New York City's (US-NY-NYC)`,
      zh: `“${jurisdiction}”不是美国州代码（如 US-CO）或纽约市代码（US-NY-NYC）`,
    }, 'jurisdiction');
  }
  return j;
}

/**
 * The licences a communication to a debtor carries: their state's, New York City's where the
 * city's rules bind (underNewYorkCityRules), every one when the state is not known; in the order
 * given (the repository's: by jurisdiction).
 */
export function licencesFor(licences: readonly Licence[], regionCode: string | null): Licence[] {
  return forDebtorIn(licences, regionCode);
}

/**
 * What of the agency's state and city settings (licences, notices) binds for a debtor: their
 * state's, New York City's where the city's rules bind, all of them when the state is not known.
 */
export function forDebtorIn<T extends { jurisdiction: string }>(items: readonly T[], regionCode: string | null): T[] {
  if (regionCode === null) return [...items];
  const state = regionCode.slice(0, 5);
  return items.filter((l) => l.jurisdiction === state || (l.jurisdiction === NEW_YORK_CITY && underNewYorkCityRules('US', regionCode)));
}

/** One licence as a line of a letter or e-mail. */
export function licenceLine(l: Licence, language: 'en' | 'es'): string {
  if (l.jurisdiction === NEW_YORK_CITY) {
    return language === 'en'
      ? `New York City Department of Consumer and Worker Protection license number ${l.number}`
      : `Número de licencia del Departamento de Protección del Consumidor y del Trabajador de la Ciudad de Nueva York: ${l.number}`;
  }
  const state = jurisdictionName(l.jurisdiction, 'en');
  return language === 'en' ? `${state} collection agency license number ${l.number}` : `Número de licencia de agencia de cobranza en ${state}: ${l.number}`;
}

/** The lines for a debtor: licencesFor, then licenceLine. */
export function licenceLines(licences: readonly Licence[], regionCode: string | null, language: 'en' | 'es'): string[] {
  return licencesFor(licences, regionCode).map((l) => licenceLine(l, language));
}

/** How many licences a communication names on lines of their own; more go in one paragraph (licenceNotice). */
export const LICENCE_LINES_MAX = 2;

/** Every licence in one sentence: "Collection agency license numbers: Alabama 1234567; ...". */
export function licencesSentence(licences: readonly Licence[], language: 'en' | 'es'): string {
  const item = (l: Licence) => (l.jurisdiction === NEW_YORK_CITY
    ? `${language === 'en' ? 'New York City Department of Consumer and Worker Protection' : 'Departamento de Protección del Consumidor y del Trabajador de la Ciudad de Nueva York'} ${l.number}`
    : `${jurisdictionName(l.jurisdiction, 'en')} ${l.number}`);
  return `${language === 'en' ? 'Collection agency license numbers' : 'Números de licencia de agencia de cobranza'}: ${licences.map(item).join('; ')}.`;
}

/**
 * The licences of a communication to a debtor as it sets them: up to LICENCE_LINES_MAX as lines
 * of their own (under the agency's name), more (an agency licensed in many states writing to a
 * debtor whose state is not known) as one paragraph, so a notice or letter keeps its page.
 */
export function licenceNotice(licences: readonly Licence[], regionCode: string | null, language: 'en' | 'es'): { lines: string[]; paragraph: string | null } {
  const chosen = licencesFor(licences, regionCode);
  return chosen.length <= LICENCE_LINES_MAX
    ? { lines: chosen.map((l) => licenceLine(l, language)), paragraph: null }
    : { lines: [], paragraph: licencesSentence(chosen, language) };
}

/**
 * Colorado's statement in a collection agency's first written communication to a debtor there
 * (C.R.S. 5-16-109: its words, capitals included; U on the address, which the statute has follow
 * the Attorney General's site); for a debtor in Colorado, or of unknown state. In Spanish for one
 * who reads it (ours, U).
 */
export const COLORADO_NOTICE = {
  en: 'FOR INFORMATION ABOUT THE COLORADO FAIR DEBT COLLECTION PRACTICES ACT, SEE '
    + 'HTTPS://COAG.GOV/OFFICE-SECTIONS/CONSUMER-PROTECTION/CONSUMER-CREDIT-UNIT/COLLECTION-AGENCY-REGULATION/',
  es: 'PARA OBTENER INFORMACIÓN SOBRE LA LEY DE PRÁCTICAS JUSTAS DE COBRO DE DEUDAS DE COLORADO, CONSULTE '
    + 'HTTPS://COAG.GOV/OFFICE-SECTIONS/CONSUMER-PROTECTION/CONSUMER-CREDIT-UNIT/COLLECTION-AGENCY-REGULATION/',
} as const;

/** Whether a debtor's first written communication carries Colorado's statement: in Colorado, or state unknown. */
export function underColoradoRules(regionCode: string | null): boolean {
  return regionCode === null || regionCode === 'US-CO' || regionCode.startsWith('US-CO-');
}
