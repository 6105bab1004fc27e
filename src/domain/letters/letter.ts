/**
 * The collection letter (还款提醒函) the strategy's `letter` action sends: one page, addressed to
 * the debtor by name at their own address, in a sealed envelope. Unlike an SMS it states what is
 * owed (the debtor opens it, not whoever holds a phone). It says how to pay or talk, that a
 * hardship plan (停息挂账) can be asked for, and that a dispute stops collection while it is
 * looked into: a letter that frightens helps nobody; one that shows the way out gets paid.
 */
import { englishLongDate, spanishLongDate, type LocalDate } from '../calendar.ts';
import { englishCountry } from '../country.ts';
import { readsSpanish } from '../language.ts';
import { licenceNotice, type Licence } from '../licences.ts';
import { currencyOfPack, formatMoney, formatYuan, type Fen } from '../money.ts';
import { lastFour } from '../masking.ts';
import { debtorTimeBarNotice, newYorkTimeBarNotice, timeBar, timeBarredDisclosureEs } from '../time-barred.ts';

export interface LetterFacts {
  debtorName: string;
  address: string;
  creditorName: string;
  accountNoMask: string;
  balanceFen: Fen;
  date: LocalDate;
  /** 还款方式: where to pay the creditor, as the agency's admin wrote it for this language; null: the general advice. */
  repayment?: string | null;
  /** The pack of the account's contract; absent or null: CN. */
  pack?: string | null;
  /** US: the debtor's state as on file and the first delinquency date, for the time-barred disclosure (src/domain/time-barred.ts). */
  regionCode?: string | null;
  firstDelinquencyDate?: LocalDate | null;
  /** US: the agency's licences; those of the debtor's state and city close the letter (src/domain/licences.ts). */
  licences?: readonly Licence[];
  /** Who writes and how to reach them (the help centre's pages in the letter's language); absent or blank: not said. */
  agency?: { name: string | null; phone: string | null; address: string | null; hours: string | null;
    /** The hours on the Spanish letter (`hours_us_es`); absent or null: `hours` as written. */
    hoursEs?: string | null };
}

/** The agency's lines under a letter: its name, and how to reach it (the debtor is asked to get in touch). */
function agencyLines(f: LetterFacts, locale: 'zh-CN' | 'en' | 'es'): string[] {
  const a = f.agency;
  if (!a) return [];
  const w = { 'zh-CN': { phone: '联系电话：', address: '地址：', open: '（', close: '）' }, en: { phone: 'Phone: ', address: 'Address: ', open: ' (', close: ')' },
    es: { phone: 'Teléfono: ', address: 'Dirección: ', open: ' (', close: ')' } }[locale];
  const hours = locale === 'es' ? a.hoursEs ?? a.hours : a.hours;
  return [
    ...(a.name ? [a.name] : []),
    ...(a.phone ? [`${w.phone}${a.phone}${hours ? `${w.open}${hours}${w.close}` : ''}`] : []),
    ...(a.address ? [`${w.address}${a.address}`] : []),
  ];
}

/** Under a US contract, a time-barred debt's letter says so (as its validation notice did); null otherwise. */
function timeBarredLine(f: LetterFacts): string | null {
  if (!f.firstDelinquencyDate) return null;
  return debtorTimeBarNotice(f.pack, f.regionCode ?? null, f.firstDelinquencyDate, f.date, f.creditorName)?.en ?? null;
}

export interface Letter {
  address: string[]; title: string; greeting: string; paragraphs: string[]; closing: string[];
  /** A US letter about a time-barred debt, which says so. */
  timeBarred?: boolean;
  /**
   * The paragraph set off from the rest (one of `paragraphs`): New York's notice on a debt that may
   * be time-barred, which New York City's rules ask for beside the amount, in type of at least 12
   * points and a sharply contrasting colour (6 RCNY 5-77, U).
   */
  setOff?: string;
}

/** New York's notice on a time-barred debt for a debtor under New York City's rules (src/domain/time-barred.ts); null when it does not apply. */
function newYorkNotice(f: LetterFacts): { en: string; es: string } | null {
  if (!f.firstDelinquencyDate) return null;
  return newYorkTimeBarNotice(f.pack, f.regionCode ?? null, f.firstDelinquencyDate, f.date, f.creditorName);
}

export type LetterLocale = 'zh-CN' | 'en';

/**
 * The letter under a US or UK contract: English only, in the contract's currency, a date in words.
 * A US one says it is from a debt collector (12 CFR 1006.18(e)); both offer a payment plan (the
 * Chinese 停息挂账 is a bank's programme there is no US or UK word for) and say a dispute stops
 * collection while it is looked into. A US one about a time-barred debt says the creditor cannot sue.
 */
function englishLetter(f: LetterFacts, pack: 'US' | 'UK'): Letter {
  const last4 = lastFour(f.accountNoMask);
  const amount = formatMoney(f.balanceFen, currencyOfPack(pack), 'en');
  const date = englishLongDate(f.date, pack);
  // Under New York City's rules the New York notice stands beside the amount, set off (it says what the general disclosure does, and more).
  const ny = newYorkNotice(f);
  const barred = ny ? null : timeBarredLine(f);
  const licences = pack === 'US' ? licenceNotice(f.licences ?? [], f.regionCode ?? null, 'en') : { lines: [], paragraph: null };
  return {
    address: [f.debtorName, f.address],
    title: 'Payment reminder',
    greeting: `Dear ${f.debtorName},`,
    paragraphs: [
      ...(pack === 'US' ? ['This communication is from a debt collector.'] : []),
      ...(barred ? [barred] : []),
      `Your ${f.creditorName} account ending ${last4} is overdue. As of ${date} the amount owed is ${amount}.`,
      ...(ny ? [ny.en] : []),
      'Please pay as soon as you can, or contact us to agree a way to pay that you can manage.',
      `How to pay: ${f.repayment ?? `through ${f.creditorName}'s official channels (its website, app, branches or official phone line)`}. We never take payments ourselves and will never ask you to pay into a personal account.`,
      `If you cannot pay for now because of unemployment, illness or another hardship, tell us: we will help you ask ${f.creditorName} for a payment plan you can afford.`,
      'If you believe this amount is wrong, tell us in writing or by phone; collection stops while we look into it.',
      ...(licences.paragraph ? [licences.paragraph] : []),
    ],
    closing: [...agencyLines(f, 'en'), `On behalf of ${f.creditorName}`, date, ...licences.lines, 'This letter is for the addressee only.'],
    ...(barred || ny ? { timeBarred: true } : {}),
    ...(ny ? { setOff: ny.en } : {}),
  };
}

/**
 * A US letter in Spanish, for a debtor who reads Spanish (debtors.preferred_language 'es'): the
 * same facts as the English letter, which goes with it (collectionLetters).
 */
function spanishLetter(f: LetterFacts): Letter {
  const last4 = lastFour(f.accountNoMask);
  const amount = formatMoney(f.balanceFen, 'USD', 'en');
  const date = spanishLongDate(f.date);
  const bar = f.firstDelinquencyDate ? timeBar(f.regionCode ?? null, f.firstDelinquencyDate, f.date) : null;
  const ny = newYorkNotice(f);
  const licences = licenceNotice(f.licences ?? [], f.regionCode ?? null, 'es');
  return {
    address: [f.debtorName, f.address],
    title: 'Recordatorio de pago',
    greeting: `Estimado/a ${f.debtorName}:`,
    paragraphs: [
      'Esta comunicación proviene de un cobrador de deudas.',
      ...(bar && !ny ? [timeBarredDisclosureEs(bar, f.creditorName)] : []),
      `Su cuenta de ${f.creditorName} que termina en ${last4} está vencida. Al ${date}, la cantidad adeudada es ${amount}.`,
      ...(ny ? [ny.es] : []),
      'Por favor, pague lo antes posible o comuníquese con nosotros para acordar una forma de pago que pueda cumplir.',
      `Cómo pagar: ${f.repayment ?? `por los canales oficiales de ${f.creditorName} (su sitio web, su aplicación, sus sucursales o su línea telefónica oficial)`}. `
        + 'Nunca aceptamos pagos nosotros mismos y nunca le pediremos que pague a una cuenta personal.',
      `Si por ahora no puede pagar por desempleo, enfermedad u otra dificultad, díganoslo: le ayudaremos a pedir a ${f.creditorName} un plan de pagos que pueda pagar.`,
      'Si cree que esta cantidad es incorrecta, díganoslo por escrito o por teléfono; dejaremos de cobrar mientras lo revisamos.',
      ...(licences.paragraph ? [licences.paragraph] : []),
    ],
    closing: [...agencyLines(f, 'es'), `En nombre de ${f.creditorName}`, date, ...licences.lines, 'Esta carta es solo para el destinatario.'],
    ...(bar ? { timeBarred: true } : {}),
    ...(ny ? { setOff: ny.es } : {}),
  };
}

/**
 * The pages a debtor's letter takes: the letter in its language, and under a US contract for a
 * debtor who reads Spanish (`language` 'es') its Spanish translation after the English one.
 */
export function collectionLetters(f: LetterFacts, locale: LetterLocale, language: string | null): Letter[] {
  const letter = collectionLetter(f, locale);
  return readsSpanish(f.pack, language) ? [letter, spanishLetter(f)] : [letter];
}

export function collectionLetter(f: LetterFacts, locale: LetterLocale): Letter {
  const english = englishCountry(f.pack);
  if (english) return englishLetter(f, english);
  const last4 = lastFour(f.accountNoMask);
  const amount = formatYuan(f.balanceFen, locale);
  if (locale === 'en') {
    return {
      address: [f.debtorName, f.address],
      title: 'Payment reminder',
      greeting: `Dear ${f.debtorName},`,
      paragraphs: [
        `Your ${f.creditorName} account ending ${last4} is overdue. As of ${f.date} the amount owed is ${amount}.`,
        'Please pay as soon as you can, or contact us to agree a way to pay that you can manage.',
        `How to pay: ${f.repayment ?? `through ${f.creditorName}'s official channels (its official app, branches or official service line)`}. We never take payments ourselves and will never ask you to pay into a personal account.`,
        `If you cannot pay for now because of unemployment, illness or another hardship, you may ask for a personal instalment plan (interest stopped); we will help you apply to ${f.creditorName}.`,
        'If you believe this amount is wrong, tell us in writing or by phone after receiving this letter; collection stops while we look into it.',
      ],
      closing: [...agencyLines(f, 'en'), `On behalf of ${f.creditorName}`, f.date, 'This letter is for the addressee only.'],
    };
  }
  return {
    address: [f.debtorName, f.address],
    title: '还款提醒函',
    greeting: `${f.debtorName}：您好！`,
    paragraphs: [
      `您在${f.creditorName}尾号${last4}的账户已逾期。截至${f.date}，欠款金额为${amount}。`,
      '请您尽快还款，或与我们联系，商量您能够承担的还款安排。',
      `还款方式：${f.repayment ?? `请通过${f.creditorName}的官方渠道（官方App、营业网点或官方客服电话）还款`}。我们不代收任何款项，也绝不会要求您转账到个人账户。`,
      `如您因失业、疾病等原因暂时无法还款，可以申请个性化分期（停息挂账），我们将协助您向${f.creditorName}提出申请。`,
      '如您对欠款有异议，请在收到本函后以书面或电话方式告知我们；核实期间我们将暂停催收。',
    ],
    closing: [...agencyLines(f, 'zh-CN'), `受${f.creditorName}委托`, f.date, '本函仅限收件人本人阅读。'],
  };
}

/** The pages of a US letter: the English one, then its Spanish translation for a debtor who reads Spanish. */
export function withSpanish<F>(english: (f: F) => Letter, spanish: (f: F) => Letter, f: F, language: string | null): Letter[] {
  return readsSpanish('US', language) ? [english(f), spanish(f)] : [english(f)];
}

