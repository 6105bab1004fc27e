/**
 * "What the agency may and may not do", for the debtor, in plain words, built from the rule
 * pack's rules and parameters (so a contract that tightens the hours shows the tighter hours).
 */
import type { PackId } from '../compliance/index.ts';
import { underNewYorkCityRules } from '../language.ts';
import { clockFor, formatClock } from './preferences.ts';

/** `es`: the line in Spanish, for a US debtor who reads it (the portal in Spanish). */
export interface RightsLine { rule: string; may: boolean; zh: string; en: string; es: string }

type Params = Record<string, Record<string, number>>;

/** "twice", "3 times": how often, as the sentence says it. */
const timesEn = (n: number) => (n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`);
const timesEs = (n: number) => (n === 1 ? 'una vez' : n === 2 ? 'dos veces' : `${n} veces`);

/**
 * `regionCode`: where the debtor is on file; a US debtor in Massachusetts, or in no known state
 * (whom the engine holds to Massachusetts's cap), is told of that state's cap too, and one in New
 * York, or in no known state, of New York City's rule on texts and e-mails; one in Washington, or
 * in no known state, of that state's cap on communications.
 */
export function rightsFor(pack: PackId, params: Params, regionCode: string | null = null): RightsLine[] {
  const p = (rule: string, name: string, fallback: number) => params[rule]?.[name] ?? fallback;
  const [from, to] = [p('hours', 'start', 480), p('hours', 'end', 1260)];
  // A US debtor reads the hours in English and Spanish as they are written there (8 a.m., 9 p.m.).
  const clock = clockFor(pack, false);
  const lines: RightsLine[] = [
    { rule: `${pack}.hours`, may: true, zh: `只在您当地时间 ${formatClock(from)} 至 ${formatClock(to)} 之间联系您（信件除外）。`,
      en: `Contact you only between ${clock(from)} and ${clock(to)} your local time (letters aside).`,
      es: `Comunicarnos con usted solo entre las ${clock(from)} y las ${clock(to)}, hora local (salvo por carta).` },
  ];
  if (pack === 'CN') {
    lines.push({ rule: 'CN.daily_calls', may: false, zh: `每天给您打电话超过 ${p('daily_calls', 'max', 3)} 次。`, en: `Call you more than ${p('daily_calls', 'max', 3)} times a day.`,
      es: `Llamarle más de ${p('daily_calls', 'max', 3)} veces al día.` });
    lines.push({ rule: 'CN.recording', may: true, zh: '对每一通电话录音，以便核查服务质量和处理投诉。', en: 'Record every call, so that complaints can be checked.', es: 'Grabar cada llamada, para poder revisar las quejas.' });
    lines.push({ rule: 'CN.instalment_max', may: true, zh: `在银行同意时，提供最长 ${p('instalment_max', 'months', 60)} 个月的分期还款计划。`, en: `Offer an instalment plan of up to ${p('instalment_max', 'months', 60)} months when the bank agrees.`,
      es: `Ofrecerle un plan de pagos de hasta ${p('instalment_max', 'months', 60)} meses cuando el banco lo acepte.` });
  }
  if (pack === 'US') {
    lines.push({ rule: 'US.seven_in_seven', may: false, zh: '7 天内就同一笔债务给您打电话超过 7 次。', en: 'Call you about a debt more than 7 times in 7 days.',
      es: 'Llamarle por una deuda más de 7 veces en 7 días.' });
    if (regionCode === null || regionCode === 'US-MA') {
      const max = p('massachusetts_calls', 'max', 2);
      const days = p('massachusetts_calls', 'days', 7);
      lines.push({ rule: 'US.massachusetts_calls', may: false, zh: `${days} 天内就同一笔债务给您打电话或发短信超过 ${max} 次（马萨诸塞州法律）。`,
        en: `Call or text you about a debt more than ${timesEn(max)} in ${days} days (Massachusetts law).`,
        es: `Llamarle o enviarle mensajes de texto por una deuda más de ${timesEs(max)} en ${days} días (ley de Massachusetts).` });
    }
    if (regionCode === null || regionCode === 'US-WA') {
      const max = p('washington_communications', 'max', 3);
      const days = p('washington_communications', 'days', 7);
      lines.push({ rule: 'US.washington_communications', may: false, zh: `${days} 天内通过电话、短信、邮件、上门或信函联系您超过 ${max} 次（华盛顿州法律，所有债务合计）。`,
        en: `Call, text, e-mail, visit or write to you more than ${timesEn(max)} in ${days} days, all your debts together (Washington law).`,
        es: `Llamarle, enviarle mensajes de texto, correos electrónicos o cartas, o visitarle más de ${timesEs(max)} en ${days} días, por todas sus deudas juntas (ley de Washington).` });
    }
    if (underNewYorkCityRules(pack, regionCode)) {
      const max = p('nyc_communications', 'max', 3);
      const days = p('nyc_communications', 'days', 7);
      lines.push({ rule: 'US.nyc_communications', may: false, zh: `${days} 天内就同一笔债务通过电话、短信、邮件或上门联系您超过 ${max} 次（纽约市规定）。`,
        en: `Call, text, e-mail or visit you about a debt more than ${timesEn(max)} in ${days} days (New York City's rules).`,
        es: `Llamarle, enviarle mensajes de texto o correos electrónicos, o visitarle por una deuda más de ${timesEs(max)} en ${days} días (normas de la Ciudad de Nueva York).` });
      lines.push({ rule: 'US.nyc_electronic_consent', may: false, zh: '在您未同意的号码或邮箱上给您发短信或电子邮件（纽约市规定）。',
        en: 'Text or e-mail you at a number or address you have not agreed to (New York City\'s rules).',
        es: 'Enviarle mensajes de texto o correos electrónicos a un número o dirección que usted no haya aceptado (normas de la Ciudad de Nueva York).' });
    }
    lines.push({ rule: 'US.dispute', may: false, zh: '在您提出异议后、核实之前继续催收。', en: 'Keep collecting after you dispute the debt, until it has been verified.',
      es: 'Seguir cobrando después de que usted dispute la deuda, hasta haberla verificado.' });
  }
  if (pack === 'UK') {
    lines.push({ rule: 'UK.breathing_space', may: false, zh: '在“喘息期”内要求您付款。', en: 'Ask you for payment during a Breathing Space.', es: 'Pedirle el pago durante un «Breathing Space».' });
  }
  lines.push(
    { rule: `${pack}.third_party`, may: false, zh: '向您的亲友、同事或其他任何第三方透露您的债务。', en: 'Tell your family, friends, colleagues or anyone else about your debt.',
      es: 'Hablar de su deuda con su familia, amigos, compañeros de trabajo o cualquier otra persona.' },
    { rule: `${pack}.holds`, may: false, zh: '在您的异议、投诉或困难申请处理期间向您催收。', en: 'Press you for payment while your dispute, complaint or hardship application is being handled.',
      es: 'Presionarle para pagar mientras se atiende su disputa, su queja o su solicitud por dificultades económicas.' },
    { rule: `${pack}.consent`, may: false, zh: '通过您已退订的渠道联系您。', en: 'Contact you through a channel you opted out of.', es: 'Comunicarnos con usted por un medio que usted rechazó.' },
    { rule: 'conduct', may: false, zh: '辱骂、威胁、恐吓您，或冒充司法机关、政府工作人员。', en: 'Insult, threaten or frighten you, or pretend to be a court or an official.',
      es: 'Insultarle, amenazarle o intimidarle, ni hacernos pasar por un tribunal o un funcionario.' },
  );
  return lines;
}
