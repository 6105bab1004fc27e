/**
 * The validation notice (债务确认通知) a US debt collector must give the consumer: in the first
 * communication about a debt or within five days after it (Regulation F, 12 CFR 1006.34), with
 * the content and order of the CFPB's model form B-1. Leeway sends it before any collection
 * contact (the `US.validation_notice` rule): the debtor learns who is collecting what, and for
 * whom, what the amount is made of, and how to dispute it, before the first call asks for money.
 *
 * A time-barred debt's notice says so first (src/domain/time-barred.ts).
 *
 * In Spanish too (validationNoticeEs), for a debtor who asked for Spanish: a translated notice may
 * only go with the English one in the same communication, or after it (1006.34(d)(3)(vi)(B)), so
 * such a debtor gets both (validationNotices). Every English notice carries the form's optional
 * Spanish line offering the Spanish copy (1006.34(d)(3)(vi)(A)). The translation is the agency's
 * own (U: the compliance officer compares it with the CFPB's Spanish model notice; only the CFPB's
 * own text has the safe harbour for a "complete and accurate" translation).
 *
 * The agency takes no payments (the debtor pays the creditor), so the form's "I enclosed this
 * amount" line is left out (1006.34(c)(4)(iii) asks for it only from collectors that take
 * payments by mail) and the notice says where to pay instead.
 */
import { addDays, englishLongDate, spanishLongDate, type LocalDate } from '../calendar.ts';
import { addUsBusinessDays } from '../holidays-us.ts';
import { lastFour } from '../masking.ts';
import { LANGUAGE_ACCESS, underNewYorkCityRules } from '../language.ts';
import { COLORADO_NOTICE, licenceNotice, underColoradoRules, type Licence } from '../licences.ts';
import { stateNoticeTexts, type StateNotice } from '../state-notices.ts';
import { fen, formatMoney, type Currency, type Fen } from '../money.ts';
import { newYorkTimeBarNotice, timeBar, timeBarredDisclosure, timeBarredDisclosureEs } from '../time-barred.ts';

/**
 * The last day of the validation period for a notice sent on `sentOn`: the consumer may be taken
 * to have received it five days after it was sent, not counting Saturdays, Sundays and legal
 * public holidays (1006.34(b)(5)), and the period ends 30 days after that receipt.
 */
export function validationPeriodEnd(sentOn: LocalDate): LocalDate {
  return addDays(addUsBusinessDays(sentOn, 5), 30);
}

export interface ValidationNoticeFacts {
  /**
   * The debt collector: the agency's name, the mailing address it takes disputes at, its phone and
   * hours, and the licences it holds (those of the debtor's state and city go under its name).
   */
  agency: { name: string; address: string; phone: string; hours: string | null;
    /** The hours on the Spanish notice (`hours_us_es`); absent or null: `hours` as written. */
    hoursEs?: string | null; licences?: readonly Licence[]; stateNotices?: readonly StateNotice[] };
  debtorName: string;
  address: string;
  creditorName: string;
  accountNoMask: string;
  product: string;
  /** The itemization date (1006.34(b)(3)) and the amount owed on it. */
  itemizationDate: LocalDate;
  itemization: Fen;
  /**
   * Whether the itemization date is the day the creditor charged the debt off (the bank's file gave
   * its figures): the notice says so, and so gives New York's itemization as of charge-off (23 NYCRR 1.2(b)).
   */
  chargedOff?: boolean;
  /** Since the itemization date: interest and fees charged, payments and credits. */
  interest: Fen;
  fees: Fen;
  paid: Fen;
  sentOn: LocalDate;
  currency: Currency;
  /** 还款方式 in English, as the agency's admin wrote it; null: the creditor's official channels. */
  repayment: string | null;
  /** The debtor's state as on file (`US-CA`; null: unknown) and the account's first delinquency date: is the debt time-barred? */
  regionCode: string | null;
  firstDelinquencyDate: LocalDate;
  /**
   * Where the debtor can dispute online (the portal), when the agency has a public address: a
   * notice delivered electronically must give one (12 CFR 1006.34(c)(4)(v)); a printed one may.
   */
  disputeUrl?: string | null;
}

/** The languages a validation notice is written in. */
export type NoticeLanguage = 'en' | 'es';

export interface ValidationNotice {
  language: NoticeLanguage;
  sender: string[];
  recipient: string[];
  reference: string;
  intro: string;
  /** "Our information shows": the itemization, label and amount, the last line the total now. */
  itemization: Array<{ label: string; amount: string }>;
  /** `debtSize`: set in the type of the debt's figures (a state asks for it: California's notice, Cal. Civ. Code 1812.701(b)). */
  sections: Array<{ heading: string; paragraphs: string[]; debtSize?: boolean }>;
  /** The tear-off response form, and the line under it that says until when the debtor may dispute. */
  form: { heading: string; mailTo: string[]; lines: string[]; until: string };
  validationEndsOn: LocalDate;
  amountNow: Fen;
  /** Whether the notice tells the debtor the debt is time-barred (the "Time-barred debt" section, or `setOff`). */
  timeBarred: boolean;
  /**
   * New York's notice on a debt that may be time-barred, for a debtor under New York City's rules
   * (in New York, or of unknown state): right after the amount, in type of at least 12 points set
   * off in a sharply contrasting colour (6 RCNY 5-77, U; the City accepts the State's words,
   * 23 NYCRR 1.3). Null: no such debtor, or a debt not time-barred.
   */
  setOff: string | null;
  /**
   * The agency's licences in one sentence when there are more than fit under its name (an agency
   * licensed in many states writing to a debtor whose state is not known): on the back of the sheet.
   */
  licences: string | null;
}

/** A date as an American reader writes it: "April 8, 2026". */
function usLongDate(date: LocalDate): string {
  return englishLongDate(date, 'US');
}

/**
 * California's notice of the debtor's rights (Cal. Civ. Code 1812.700(a): its words), which a
 * third-party collector puts in its first written notice to a debtor at a California address, in
 * the type of the debt's figures (1812.701(b)); in Spanish for one who reads it (1812.700(c) asks
 * for the debtor's language when the first conversation was in it; the translation is ours, U).
 */
export const ROSENTHAL_NOTICE = {
  en: 'The state Rosenthal Fair Debt Collection Practices Act and the federal Fair Debt Collection Practices Act require that, except under unusual '
    + 'circumstances, collectors may not contact you before 8 a.m. or after 9 p.m. They may not harass you by using threats of violence or arrest or by '
    + 'using obscene language. Collectors may not use false or misleading statements or call you at work if they know or have reason to know that you may '
    + 'not receive personal calls at work. For the most part, collectors may not tell another person, other than your attorney or spouse, about your debt. '
    + 'Collectors may contact another person to confirm your location or enforce a judgment. For more information about debt collection activities, you '
    + 'may contact the Federal Trade Commission at 1-877-FTC-HELP or www.ftc.gov.',
  es: 'La Ley estatal Rosenthal de Prácticas Justas de Cobro de Deudas y la Ley federal de Prácticas Justas de Cobro de Deudas exigen que, salvo en '
    + 'circunstancias inusuales, los cobradores no se comuniquen con usted antes de las 8 a.m. ni después de las 9 p.m. No pueden acosarle con amenazas '
    + 'de violencia o de arresto ni con lenguaje obsceno. Los cobradores no pueden hacer declaraciones falsas o engañosas ni llamarle al trabajo si saben '
    + 'o tienen motivos para saber que usted no puede recibir llamadas personales en el trabajo. En general, los cobradores no pueden hablar de su deuda '
    + 'con otra persona que no sea su abogado o su cónyuge. Los cobradores pueden comunicarse con otra persona para confirmar su paradero o para hacer '
    + 'cumplir una sentencia. Para obtener más información sobre las actividades de cobro de deudas, puede comunicarse con la Comisión Federal de '
    + 'Comercio al 1-877-FTC-HELP o en www.ftc.gov.',
} as const;

/**
 * Massachusetts's notice of important rights (209 CMR 18.16(1): its words; U on where the rule asks
 * for it): calls at work stop at the debtor's request. In Spanish for one who reads it (ours, U).
 */
export const MASSACHUSETTS_NOTICE = {
  en: 'NOTICE OF IMPORTANT RIGHTS: You have the right to make a written or oral request that telephone calls regarding your debt not be made to you at '
    + 'your place of employment. Any such oral request will be valid for only ten days, unless you provide written confirmation of the request postmarked '
    + 'or delivered within seven days of such request. You may terminate this request by writing to the debt collector.',
  es: 'AVISO DE DERECHOS IMPORTANTES: Usted tiene derecho a pedir, por escrito o de palabra, que no se le hagan llamadas telefónicas sobre su deuda a su '
    + 'lugar de trabajo. Una petición de palabra vale solo diez días, a menos que usted la confirme por escrito con matasellos o entrega dentro de los siete '
    + 'días siguientes a la petición. Puede dejar sin efecto esta petición escribiendo al cobrador.',
} as const;

/**
 * New York State's initial disclosures (23 NYCRR 1.2(a)(1) and (2): the second in its words), which
 * a debt collector gives a New York debtor in writing within five days of the first communication:
 * what the FDCPA forbids, and the income a money judgment may not take. In Spanish for one who
 * reads it (ours, U).
 */
export const NEW_YORK_NOTICE = {
  en: [
    'Debt collectors, in accordance with the Fair Debt Collection Practices Act, 15 U.S.C. section 1692 et seq., are prohibited from engaging in abusive, '
      + 'deceptive, and unfair debt collection efforts, including but not limited to: (i) the use or threat of violence; (ii) the use of obscene or profane '
      + 'language; and (iii) repeated phone calls made with the intent to annoy, abuse, or harass.',
    'If a creditor or debt collector receives a money judgment against you in court, state and federal laws may prevent the following types of income from '
      + 'being taken to pay the debt: 1. Supplemental security income, (SSI); 2. Social security; 3. Public assistance (welfare); 4. Spousal support, maintenance '
      + '(alimony) or child support; 5. Unemployment benefits; 6. Disability benefits; 7. Workers\' compensation benefits; 8. Public or private pensions; '
      + '9. Veterans\' benefits; 10. Federal student loans, federal student grants, and federal work study funds; and 11. Ninety percent of your wages or salary '
      + 'earned in the last sixty days.',
  ],
  es: [
    'De acuerdo con la Ley de Prácticas Justas de Cobro de Deudas (15 U.S.C. sección 1692 y siguientes), los cobradores de deudas tienen prohibido cobrar '
      + 'de manera abusiva, engañosa o injusta, lo que incluye, entre otras cosas: (i) usar o amenazar con usar la violencia; (ii) usar lenguaje obsceno o '
      + 'grosero; y (iii) hacer llamadas telefónicas repetidas con la intención de molestar, abusar o acosar.',
    'Si un acreedor o un cobrador de deudas obtiene una sentencia de pago en su contra en un tribunal, las leyes estatales y federales pueden impedir que '
      + 'los siguientes tipos de ingresos se tomen para pagar la deuda: 1. Seguridad de Ingreso Suplementario (SSI); 2. Seguro Social; 3. Asistencia pública; '
      + '4. Manutención del cónyuge, pensión alimenticia o manutención de los hijos; 5. Beneficios de desempleo; 6. Beneficios por discapacidad; '
      + '7. Beneficios de compensación laboral; 8. Pensiones públicas o privadas; 9. Beneficios para veteranos; 10. Préstamos federales para estudiantes, '
      + 'subvenciones federales para estudiantes y fondos federales de estudio y trabajo; y 11. El noventa por ciento de su sueldo o salario ganado en los '
      + 'últimos sesenta días.',
  ],
} as const;

/**
 * What state and city law add to a notice, after the model form's sections: California's notice of
 * rights (a debtor in California), Colorado's statement (in Colorado), Massachusetts's notice of
 * important rights (in Massachusetts), New York State's disclosures and New York City's language
 * services (in New York); all of them for a debtor whose state is not known (the strict reading
 * the engine takes too); none elsewhere. After them, the notices the agency recorded for the
 * debtor's state or city (src/domain/state-notices.ts).
 */
function stateLawSections(regionCode: string | null, language: NoticeLanguage, own: readonly StateNotice[]): ValidationNotice['sections'] {
  const paragraphs = [
    ...(regionCode === null || regionCode === 'US-CA' ? [ROSENTHAL_NOTICE[language]] : []),
    ...(underColoradoRules(regionCode) ? [COLORADO_NOTICE[language]] : []),
    ...(regionCode === null || regionCode === 'US-MA' ? [MASSACHUSETTS_NOTICE[language]] : []),
    ...(underNewYorkCityRules('US', regionCode) ? NEW_YORK_NOTICE[language] : []),
    ...(underNewYorkCityRules('US', regionCode) ? [LANGUAGE_ACCESS[language]] : []),
    // Those the agency's compliance officer recorded (src/domain/state-notices.ts).
    ...stateNoticeTexts(own, regionCode, language),
  ];
  if (paragraphs.length === 0) return [];
  return [{ heading: language === 'en' ? 'Notices under state and local law' : 'Avisos según las leyes estatales y locales', paragraphs, debtSize: true }];
}

/** The form's optional line on an English notice offering the Spanish one (1006.34(d)(3)(vi)(A)). */
export const SPANISH_OFFER = 'Póngase en contacto con nosotros para solicitar una copia de este formulario en español.';

/**
 * The notices a debtor gets, in the order they go: the English one, then, when the debtor asked
 * for Spanish (`language` 'es'), its Spanish translation, in the same letter or e-mail.
 */
export function validationNotices(f: ValidationNoticeFacts, language: string | null): ValidationNotice[] {
  const en = validationNotice(f);
  return language === 'es' ? [en, validationNoticeEs(f, en)] : [en];
}

/** The notice's text in English, in the model form's order; the amounts add up by construction. */
export function validationNotice(f: ValidationNoticeFacts): ValidationNotice {
  const money = (amount: Fen) => formatMoney(amount, f.currency, 'en');
  const amountNow = fen(f.itemization + f.interest + f.fees - f.paid);
  const endsOn = validationPeriodEnd(f.sentOn);
  const ends = usLongDate(endsOn);
  const itemized = usLongDate(f.itemizationDate);
  const last4 = lastFour(f.accountNoMask);
  const ref = `${f.creditorName} account ending ${last4}`;
  const bar = timeBar(f.regionCode, f.firstDelinquencyDate, f.sentOn);
  const ny = newYorkTimeBarNotice('US', f.regionCode, f.firstDelinquencyDate, f.sentOn, f.creditorName);
  const general = bar ? generalTimeBarPlace(f.regionCode, ny) : null;
  const licences = licenceNotice(f.agency.licences ?? [], f.regionCode, 'en');
  return {
    language: 'en',
    sender: [f.agency.name, f.agency.address, `Phone: ${f.agency.phone}${f.agency.hours ? ` (${f.agency.hours})` : ''}`, ...licences.lines],
    recipient: [f.debtorName, f.address],
    reference: `Reference: ${ref}. Date of this notice: ${usLongDate(f.sentOn)}.`,
    intro: `${f.agency.name} is a debt collector. We are trying to collect a debt that you owe to ${f.creditorName}. `
      + 'We will use any information you give us to help collect the debt.',
    itemization: [
      { label: `Our information shows: you had a ${f.product} from ${f.creditorName} with account number ending ${last4}. As of ${itemized}${f.chargedOff ? `, the day ${f.creditorName} charged off the debt` : ''}, you owed:`, amount: money(f.itemization) },
      { label: `Between ${itemized} and today, you were charged this amount in interest:`, amount: `+ ${money(f.interest)}` },
      { label: 'You were charged this amount in fees:', amount: `+ ${money(f.fees)}` },
      { label: 'You paid or were credited this amount toward the debt:', amount: `- ${money(f.paid)}` },
      { label: 'Total amount of the debt now:', amount: money(amountNow) },
    ],
    sections: [
      ...(bar && general ? [{ heading: 'Time-barred debt', paragraphs: [timeBarredDisclosure(bar, f.creditorName)], ...(general === 'back' ? { debtSize: true } : {}) }] : []),
      {
        heading: 'How can you dispute the debt?',
        paragraphs: [
          `Call or write to us by ${ends} to dispute all or part of the debt. If you do not, we will assume that our information is correct.`,
          `If you write to us by ${ends}, we must stop collection on any amount you dispute until we send you information that shows you owe the debt. `
            + 'You may use the form below or write to us without the form. You may also include supporting documents.'
            + (f.disputeUrl ? ` We accept disputes electronically at ${f.disputeUrl} (you will be asked to confirm who you are).` : ''),
        ],
      },
      {
        heading: 'What else can you do?',
        paragraphs: [
          `Write to ask for the name and address of the original creditor, if different from the current creditor. If you write by ${ends}, `
            + 'we must stop collection until we send you that information. You may use the form below or write to us without the form.',
          'Go to www.cfpb.gov/debt-collection to learn more about your rights under federal law. For instance, you have the right to stop or limit how we contact you.',
          'Contact us about your payment options. If you cannot pay because of unemployment, illness or another hardship, tell us: we will help you ask '
            + `${f.creditorName} for a plan you can manage.`,
          `How to pay: ${f.repayment ?? `through ${f.creditorName}'s official channels`}. We do not take payments ourselves and will never ask you to pay into a personal account.`,
          SPANISH_OFFER,
        ],
      },
      ...stateLawSections(f.regionCode, 'en', f.agency.stateNotices ?? []),
    ],
    form: {
      heading: 'How do you want to respond? Check all that apply.',
      mailTo: ['Mail this form to:', f.agency.name, f.agency.address],
      lines: [
        `${f.debtorName}, ${ref}`,
        'I want to dispute the debt because I think:',
        '[  ] This is not my debt.',
        '[  ] The amount is wrong.',
        '[  ] Other (please describe on reverse or attach additional information).',
        '[  ] I want you to send me the name and address of the original creditor.',
      ],
      until: `You may dispute until ${ends}.`,
    },
    validationEndsOn: endsOn,
    amountNow,
    timeBarred: bar !== null,
    setOff: ny?.en ?? null,
    licences: licences.paragraph,
  };
}

/**
 * Where a time-barred debt's notice gives the general words (California's, Cal. Civ. Code
 * 1788.14(d)(1)), beside New York's set-off notice: a debtor outside New York City's rules gets them
 * first on the front, as before; a New York debtor New York's alone (it says the creditor will not
 * sue, and more); one of unknown state both, the general words on the back with California's other
 * notice (the front has no room beside the 12-point block). Null: not given.
 */
function generalTimeBarPlace(regionCode: string | null, ny: { en: string } | null): 'front' | 'back' | null {
  if (ny === null) return 'front';
  return regionCode === null ? 'back' : null;
}

/** The products the notice names, in Spanish with their article; anything else as the file says. */
function productEs(product: string): string {
  return ({ 'credit card': 'una tarjeta de crédito', 'personal loan': 'un préstamo personal' } as Record<string, string>)[product] ?? `una cuenta (${product})`;
}

/** The same notice in Spanish: the same facts, figures, dates and order as the English one (`en`, validationNotice's for the same facts). */
export function validationNoticeEs(f: ValidationNoticeFacts, en: ValidationNotice = validationNotice(f)): ValidationNotice {
  const money = (amount: Fen) => formatMoney(amount, f.currency, 'en');
  const ends = spanishLongDate(en.validationEndsOn);
  const itemized = spanishLongDate(f.itemizationDate);
  const last4 = lastFour(f.accountNoMask);
  const ref = `cuenta de ${f.creditorName} que termina en ${last4}`;
  const bar = timeBar(f.regionCode, f.firstDelinquencyDate, f.sentOn);
  const ny = newYorkTimeBarNotice('US', f.regionCode, f.firstDelinquencyDate, f.sentOn, f.creditorName);
  const general = bar ? generalTimeBarPlace(f.regionCode, ny) : null;
  const licences = licenceNotice(f.agency.licences ?? [], f.regionCode, 'es');
  return {
    language: 'es',
    sender: [f.agency.name, f.agency.address, `Teléfono: ${f.agency.phone}${(f.agency.hoursEs ?? f.agency.hours) ? ` (${f.agency.hoursEs ?? f.agency.hours})` : ''}`, ...licences.lines],
    recipient: en.recipient,
    reference: `Referencia: ${ref}. Fecha de este aviso: ${spanishLongDate(f.sentOn)}.`,
    intro: `${f.agency.name} es un cobrador de deudas. Estamos tratando de cobrar una deuda que usted le debe a ${f.creditorName}. `
      + 'Usaremos cualquier información que usted nos dé para ayudar a cobrar la deuda.',
    itemization: [
      { label: `Nuestra información indica que: usted tenía ${productEs(f.product)} de ${f.creditorName} con número de cuenta que termina en ${last4}. Al ${itemized}${f.chargedOff ? `, el día en que ${f.creditorName} dio de baja la deuda como pérdida (charge-off)` : ''}, usted debía:`,
        amount: money(f.itemization) },
      { label: `Entre el ${itemized} y hoy, se le cobró esta cantidad en intereses:`, amount: `+ ${money(f.interest)}` },
      { label: 'Se le cobró esta cantidad en cargos:', amount: `+ ${money(f.fees)}` },
      { label: 'Usted pagó o se le acreditó esta cantidad a la deuda:', amount: `- ${money(f.paid)}` },
      { label: 'Cantidad total de la deuda ahora:', amount: money(en.amountNow) },
    ],
    sections: [
      ...(bar && general ? [{ heading: 'Deuda prescrita', paragraphs: [timeBarredDisclosureEs(bar, f.creditorName)], ...(general === 'back' ? { debtSize: true } : {}) }] : []),
      {
        heading: '¿Cómo puede disputar la deuda?',
        paragraphs: [
          `Llámenos o escríbanos a más tardar el ${ends} para disputar toda la deuda o parte de ella. Si no lo hace, asumiremos que nuestra información es correcta.`,
          `Si nos escribe a más tardar el ${ends}, debemos dejar de cobrar cualquier cantidad que usted dispute hasta que le enviemos información que demuestre que usted debe la deuda. `
            + 'Puede usar el formulario de abajo o escribirnos sin el formulario. También puede incluir documentos de respaldo.'
            + (f.disputeUrl ? ` Aceptamos disputas por vía electrónica en ${f.disputeUrl} (se le pedirá que confirme su identidad).` : ''),
        ],
      },
      {
        heading: '¿Qué más puede hacer?',
        paragraphs: [
          'Escríbanos para pedir el nombre y la dirección del acreedor original, si es diferente del acreedor actual. '
            + `Si nos escribe a más tardar el ${ends}, debemos dejar de cobrar hasta que le enviemos esa información. Puede usar el formulario de abajo o escribirnos sin el formulario.`,
          'Visite www.cfpb.gov/debt-collection para obtener más información sobre sus derechos según la ley federal. '
            + 'Por ejemplo, usted tiene derecho a detener o limitar la forma en que nos comunicamos con usted.',
          'Comuníquese con nosotros sobre sus opciones de pago. Si no puede pagar por desempleo, enfermedad u otra dificultad, díganoslo: '
            + `le ayudaremos a pedir a ${f.creditorName} un plan que pueda cumplir.`,
          `Cómo pagar: ${f.repayment ?? `por los canales oficiales de ${f.creditorName}`}. No aceptamos pagos nosotros mismos y nunca le pediremos que pague a una cuenta personal.`,
        ],
      },
      ...stateLawSections(f.regionCode, 'es', f.agency.stateNotices ?? []),
    ],
    form: {
      heading: '¿Cómo desea responder? Marque todas las opciones que correspondan.',
      mailTo: ['Envíe este formulario por correo a:', f.agency.name, f.agency.address],
      lines: [
        `${f.debtorName}, ${ref}`,
        'Quiero disputar la deuda porque creo que:',
        '[  ] Esta deuda no es mía.',
        '[  ] La cantidad está equivocada.',
        '[  ] Otro (describa al dorso o adjunte información adicional).',
        '[  ] Quiero que me envíen el nombre y la dirección del acreedor original.',
      ],
      until: `Puede disputar hasta el ${ends}.`,
    },
    validationEndsOn: en.validationEndsOn,
    amountNow: en.amountNow,
    timeBarred: en.timeBarred,
    setOff: ny?.es ?? null,
    licences: licences.paragraph,
  };
}

/**
 * The notice as an e-mail (12 CFR 1006.42: delivered electronically, in the body, so the debtor
 * can keep it): the same text in the same order as the letter (the English notice, then the
 * Spanish one when the debtor asked for it), then the opt-out link every e-mail ends with
 * (1006.6(e)). The subject names only the last four digits of the account.
 */
export function validationNoticeEmail(notices: readonly ValidationNotice[], accountNoMask: string, unsubscribeUrl: string): { subject: string; body: string } {
  const text = (n: ValidationNotice) => {
    const width = Math.max(...n.itemization.map((line) => line.label.length));
    return [
      ...n.sender, '', ...n.recipient, '', n.reference, '', n.intro, '',
      ...n.itemization.map((line) => `${line.label.padEnd(width)}  ${line.amount}`),
      ...(n.setOff ? ['', n.setOff] : []),
      ...n.sections.flatMap((section) => ['', section.heading, ...section.paragraphs.map((p) => `- ${p}`)]),
      ...(n.licences ? ['', n.licences] : []),
      '', '------------------------------------------------------------', n.form.heading,
      `${n.form.mailTo[0]} ${n.form.mailTo.slice(1).join(', ')}`, ...n.form.lines, n.form.until,
    ];
  };
  const spanish = notices.some((n) => n.language === 'es');
  const last4 = lastFour(accountNoMask);
  const lines = [
    ...notices.flatMap((n, i) => [...(i > 0 ? ['', '============================================================', ''] : []), ...text(n)]),
    '', `To stop e-mails from us to this address: ${unsubscribeUrl}`,
    ...(spanish ? [`Para dejar de recibir nuestros correos electrónicos en esta dirección: ${unsubscribeUrl}`] : []),
  ];
  return {
    subject: `Validation notice about your account ending ${last4}${spanish ? ` / Aviso de validación sobre su cuenta que termina en ${last4}` : ''}`,
    body: `${lines.join('\n')}\n`,
  };
}
