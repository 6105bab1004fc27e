/**
 * Time-barred debt (超过诉讼时效的债务) under a US contract. Each state limits how long a creditor
 * may sue on a debt; once that time has passed the debt is time-barred: it may still be collected,
 * but no one may sue or threaten to sue for it (12 CFR 1006.26(b)), and several states require
 * the first written communication to say so in set words. Leeway says so in every state (a
 * debtor anywhere is better off knowing), on the validation notice, in the portal, and tells the
 * collector on the account page.
 *
 * The periods are those commonly given for credit card and other open-ended consumer accounts;
 * like every rule parameter not checked against the official text, each is marked U (unverified)
 * in its citation, for the agency's compliance officer to confirm. The period is counted from the
 * account's first delinquency date (when the creditor could first sue) and is never treated as
 * restarted by a later payment: some states restart it, New York does not (CPLR 214-i), and
 * counting from the earliest date can only tell the debtor too early, never too late. A debtor
 * whose state is not on file is held to the shortest period of any state (the strictest reading).
 */
import { addDays, addMonths, compareDates, type LocalDate } from './calendar.ts';
import { usRegionName } from './import/person-us.ts';

/** Years a creditor may sue on an open-ended consumer account (a credit card), by state (U: to be confirmed per state). */
const YEARS: Readonly<Record<string, number>> = {
  AL: 3, AK: 3, AZ: 6, AR: 5, CA: 4, CO: 6, CT: 6, DE: 3, DC: 3, FL: 5, GA: 6, HI: 6, ID: 5, IL: 5, IN: 6, IA: 5, KS: 3, KY: 5,
  LA: 3, ME: 6, MD: 3, MA: 6, MI: 6, MN: 6, MS: 3, MO: 5, MT: 5, NE: 4, NV: 4, NH: 3, NJ: 6, NM: 4, NY: 3, NC: 3, ND: 6, OH: 6,
  OK: 3, OR: 6, PA: 4, RI: 10, SC: 3, SD: 6, TN: 6, TX: 4, UT: 4, VT: 6, VA: 3, WA: 3, WV: 5, WI: 6, WY: 8,
};

/** States whose law sets the words a collector must write about a time-barred debt (U). Elsewhere Leeway writes them as its policy. */
const DISCLOSURE_LAW: Readonly<Record<string, string>> = {
  CA: 'Cal. Civ. Code 1788.14(d)',
  MA: '940 CMR 7.07(24)',
  NM: 'N.M. Admin. Code 12.2.12.9',
  NY: '23 NYCRR 1.3',
  TX: 'Tex. Fin. Code 392.307',
  WV: 'W. Va. Code 46A-2-128(f)',
};

/** The shortest period of any state: the one a debtor of unknown state is held to. */
export const SHORTEST_YEARS = Math.min(...Object.values(YEARS));

export interface Limitation {
  /** The state's postal code, or null when the debtor's state is not on file. */
  state: string | null;
  years: number;
  /** Where the period and the disclosure come from, with U where not verified against the official text. */
  citation: string;
}

/** The period that applies to a debtor on file in `regionCode` (`US-CA`); the shortest when the state is unknown. */
export function usLimitation(regionCode: string | null): Limitation {
  const state = regionCode !== null && usRegionName(regionCode) !== null ? regionCode.slice(3) : null;
  if (state === null) {
    return { state: null, years: SHORTEST_YEARS, citation: `state unknown: the shortest period of any state (${SHORTEST_YEARS} years, U)` };
  }
  const disclosure = DISCLOSURE_LAW[state];
  return {
    state, years: YEARS[state]!,
    citation: `${usRegionName(regionCode)}: ${YEARS[state]} years from the first delinquency (U)`
      + (disclosure ? `; disclosure: ${disclosure} (U)` : '; disclosure: Leeway policy'),
  };
}

export interface TimeBar extends Limitation {
  /** The first day the debt is time-barred. */
  since: LocalDate;
  /**
   * Whether a credit reporting agency may no longer report it (15 USC 1681c(a)(4), (c)(1): seven
   * years from 180 days after the delinquency began); the disclosure's second sentence depends on it.
   */
  obsolete: boolean;
}

/** The day a debt first delinquent on `firstDelinquency` is time-barred under `limitation`. */
export function timeBarredFrom(firstDelinquency: LocalDate, limitation: Limitation): LocalDate {
  return addMonths(firstDelinquency, 12 * limitation.years);
}

/** The day a credit reporting agency may no longer report the delinquency. */
export function obsoleteFrom(firstDelinquency: LocalDate): LocalDate {
  return addMonths(addDays(firstDelinquency, 180), 12 * 7);
}

/** Whether the debt is time-barred on `on`, and since when; null when it is not (yet). */
export function timeBar(regionCode: string | null, firstDelinquency: LocalDate, on: LocalDate): TimeBar | null {
  const limitation = usLimitation(regionCode);
  const since = timeBarredFrom(firstDelinquency, limitation);
  if (compareDates(on, since) < 0) return null;
  return { ...limitation, since, obsolete: compareDates(on, obsoleteFrom(firstDelinquency)) >= 0 };
}

/**
 * What the debtor is told in writing (the words California's law sets, Cal. Civ. Code
 * 1788.14(d)(1)): that the creditor cannot sue, and whether the debt may still be reported.
 */
export function timeBarredDisclosure(bar: TimeBar, creditorName: string): string {
  return bar.obsolete
    ? `The law limits how long you can be sued on a debt. Because of the age of your debt, ${creditorName} cannot sue you for it, `
      + `and ${creditorName} cannot report it to any credit reporting agency.`
    : `The law limits how long you can be sued on a debt. Because of the age of your debt, ${creditorName} cannot sue you for it. `
      + `If you do not pay the debt, ${creditorName} may report or continue to report it to the credit reporting agencies as unpaid.`;
}

/** The same in Spanish, for the Spanish validation notice (validationNoticeEs). */
export function timeBarredDisclosureEs(bar: TimeBar, creditorName: string): string {
  return bar.obsolete
    ? `La ley limita el tiempo durante el cual se le puede demandar por una deuda. Debido a la antigüedad de su deuda, ${creditorName} no puede demandarle por ella `
      + `y ${creditorName} no puede informarla a ninguna agencia de informes de crédito.`
    : `La ley limita el tiempo durante el cual se le puede demandar por una deuda. Debido a la antigüedad de su deuda, ${creditorName} no puede demandarle por ella. `
      + `Si usted no paga la deuda, ${creditorName} puede informarla o seguir informándola a las agencias de informes de crédito como no pagada.`;
}

/** The same in Chinese, for a debtor reading the portal in Chinese (the letter itself is in English). */
export function timeBarredDisclosureZh(bar: TimeBar, creditorName: string): string {
  return bar.obsolete
    ? `法律对债务可被起诉的期限有所限制。由于您的债务年代已久，${creditorName}不能就此起诉您，也不能将其报告给任何征信机构。`
    : `法律对债务可被起诉的期限有所限制。由于您的债务年代已久，${creditorName}不能就此起诉您。如您不还款，${creditorName}可能将其作为未还债务报告（或继续报告）给征信机构。`;
}

/** What the collector is told on the account page. */
export function timeBarredGuidance(bar: TimeBar): { en: string; zh: string } {
  const where = bar.state ?? 'state unknown';
  return {
    en: `Time-barred since ${bar.since} (${where}, ${bar.years} years from the first delinquency). You may ask for payment, but never say or suggest `
      + 'that the debtor will be sued; if asked, say the debt is too old to be sued on (12 CFR 1006.26(b)).',
    zh: `本债务自${bar.since}起已超过诉讼时效（${bar.state ?? '州别未知'}，自首次逾期日起${bar.years}年）。可以请求还款，但绝不能说或暗示会起诉；`
      + '债务人问起时，告知其此债务已过诉讼时效，不能据此起诉（12 CFR 1006.26(b)）。',
  };
}

/**
 * Under a UK contract: a debt may be statute-barred after 6 years from the default in England,
 * Wales and Northern Ireland (Limitation Act 1980 s5; Limitation (Northern Ireland) Order 1989),
 * and is extinguished after 5 in Scotland (Prescription and Limitation (Scotland) Act 1973 s6). A
 * UK account carries no region, so the strict reading holds: 5 years from the first delinquency.
 * The collector is told not to threaten court action and to stop asking for payment once the
 * customer says the debt is statute-barred (CONC 7.15, U). Null when not (yet).
 */
export function ukStatuteBar(firstDelinquency: LocalDate, on: LocalDate): { since: LocalDate; years: number; citation: string; en: string; zh: string } | null {
  const since = addMonths(firstDelinquency, 12 * UK_STRICT_YEARS);
  if (compareDates(on, since) < 0) return null;
  return {
    since, years: UK_STRICT_YEARS,
    citation: 'Scotland: 5 years, the debt extinguished (Prescription and Limitation (Scotland) Act 1973 s6); England, Wales and Northern Ireland: 6 years '
      + '(Limitation Act 1980 s5); the region is not on file, so 5 (U); CONC 7.15 (U)',
    en: `May be statute-barred since ${since} (5 years from the first delinquency in Scotland, where the debt is then extinguished; 6 elsewhere in the UK). `
      + 'Never say or suggest court action; if the customer says the debt is statute-barred, stop asking for payment and place a statute-barred hold (CONC 7.15).',
    zh: `本债务自${since}起可能已超过诉讼时效（苏格兰自首次逾期起5年，债务随之消灭；英国其他地区6年）。绝不能说或暗示会起诉；`
      + '客户表示债务已过时效的，应停止要求还款，并设置“客户称已过诉讼时效”停催（CONC 7.15）。',
  };
}

const UK_STRICT_YEARS = 5;

/** What the collector's account page says of a debt too old to be sued on, under the contract's pack; null when not (yet), or under a Chinese contract. */
export interface CollectorTimeBar { since: LocalDate; state: string | null; years: number; citation: string; en: string; zh: string }

export function collectorTimeBar(pack: string | null | undefined, regionCode: string | null, firstDelinquency: LocalDate, on: LocalDate): CollectorTimeBar | null {
  if (pack === 'UK') {
    const bar = ukStatuteBar(firstDelinquency, on);
    return bar ? { ...bar, state: null } : null;
  }
  if (pack !== 'US') return null;
  const bar = timeBar(regionCode, firstDelinquency, on);
  return bar ? { since: bar.since, state: bar.state, years: bar.years, citation: bar.citation, ...timeBarredGuidance(bar) } : null;
}

/** What a US debtor is told of a time-barred debt (a letter, the portal), in English, Chinese and Spanish; null under other packs or when it is not (yet). */
export function debtorTimeBarNotice(pack: string | null | undefined, regionCode: string | null, firstDelinquency: LocalDate, on: LocalDate,
  creditorName: string): { en: string; zh: string; es: string } | null {
  if (pack !== 'US') return null;
  const bar = timeBar(regionCode, firstDelinquency, on);
  return bar ? { en: timeBarredDisclosure(bar, creditorName), zh: timeBarredDisclosureZh(bar, creditorName), es: timeBarredDisclosureEs(bar, creditorName) } : null;
}

/**
 * New York's notice before a payment on a debt that may be time-barred is taken (23 NYCRR 1.3(b),
 * U): given in the medium the payment (or the promise of one) is taken in: read out on the
 * call before a collector takes a promise, shown on the portal's page where the debtor makes one.
 * It says the five things 1.3(b) lists, the last as New York's Department of Financial Services
 * told collectors to after CPLR 214-i (in force 2022-04-07) stopped a payment or a promise from
 * restarting the time limit on a consumer credit debt (industry letter of 2022-04-07, U). For a
 * debtor in New York, or of unknown state (the strict reading, as for New York's other rules);
 * null when the debt is not time-barred, or not under a US contract.
 */
export function newYorkTimeBarNotice(pack: string | null | undefined, regionCode: string | null, firstDelinquency: LocalDate, on: LocalDate,
  creditorName: string): { en: string; zh: string; es: string; citation: string } | null {
  if (pack !== 'US') return null;
  const bar = timeBar(regionCode, firstDelinquency, on);
  if (bar === null || (bar.state !== null && bar.state !== 'NY')) return null;
  return {
    citation: '23 NYCRR 1.3(b) (U); CPLR 214-i; DFS industry letter of 2022-04-07 (U)',
    en: 'New York State regulations require us to tell you the following; it is not legal advice. We believe the legal time limit '
      + '(statute of limitations) for suing you to collect this debt may have expired. Suing to collect a debt whose time limit has expired '
      + 'violates the Fair Debt Collection Practices Act, 15 U.S.C. 1692 et seq. If you are sued on this debt anyway, you may be able to stop '
      + 'the lawsuit by telling the court that the time limit has expired. You do not have to admit or acknowledge this debt, promise to pay it, '
      + 'or give up the time limit. We must also tell you that for some debts a payment, a promise to pay or an admission that you owe the debt '
      + `may restart the time limit; for this debt New York law (CPLR 214-i) does not allow that, and whether or not you pay, promise to pay or `
      + `admit it, ${creditorName} will not sue you for it.`,
    zh: '纽约州法规要求我们告知您以下内容（这不是法律意见）：我们认为，就这笔债务起诉您的法定期限（诉讼时效）可能已经届满。'
      + '就诉讼时效已届满的债务提起诉讼，违反《公平债务催收行为法》（15 U.S.C. 1692 及以下）。如果您仍因这笔债务被起诉，'
      + '您可以向法院说明诉讼时效已届满，从而可能阻止该诉讼。您不必承认这笔债务、承诺还款或放弃诉讼时效。'
      + '我们还须告知您：对某些债务，还款、承诺还款或承认欠款可能使诉讼时效重新起算；就这笔债务，纽约州法律（CPLR 214-i）不允许这样，'
      + `无论您是否还款、承诺还款或承认欠款，${creditorName}都不会就此起诉您。`,
    es: 'Las normas del Estado de Nueva York nos obligan a informarle lo siguiente; no es asesoría legal. Creemos que el plazo legal '
      + '(prescripción) para demandarle por esta deuda puede haber vencido. Demandar para cobrar una deuda cuyo plazo venció viola la Ley de '
      + 'Prácticas Justas en el Cobro de Deudas (Fair Debt Collection Practices Act), 15 U.S.C. 1692 y siguientes. Si aun así le demandan por '
      + 'esta deuda, es posible que pueda detener la demanda informando al tribunal que el plazo venció. Usted no está obligado a admitir ni '
      + 'reconocer esta deuda, prometer pagarla ni renunciar al plazo. También debemos informarle que, para algunas deudas, un pago, una '
      + 'promesa de pago o la admisión de que la debe pueden reiniciar el plazo; para esta deuda la ley de Nueva York (CPLR 214-i) no lo '
      + `permite, y pague o no, prometa pagar o no, o la admita o no, ${creditorName} no le demandará por ella.`,
  };
}
