/**
 * What the agency's compliance officer reviews (合规确认): every rule the compliance engine
 * enforces, and the texts the product writes to debtors on the strength of a law or translates
 * itself. The ones marked U (not yet verified against the official text) say what is open; the
 * officer confirms the product's reading, or questions it, with what they checked
 * (../shared design: "let the agency's compliance officer confirm it"). A confirmation holds for
 * the reading it was given on: when a release changes a rule's citation or a text, the item asks
 * again (`reading`).
 *
 * Confirming changes no decision: a U reading is already the strict one, and it stands either way.
 */
import { describePack, PACKS } from './compliance/index.ts';
import type { PackId } from './compliance/types.ts';
import { localDate } from './calendar.ts';
import { LANGUAGE_ACCESS } from './language.ts';
import { MASSACHUSETTS_NOTICE, NEW_YORK_NOTICE, ROSENTHAL_NOTICE, validationNotice, validationNoticeEs, type ValidationNotice } from './letters/validation-notice.ts';
import { arrangementConfirmation, arrangementConfirmationEs, type ArrangementFacts } from './letters/arrangement-confirmation.ts';
import type { Letter } from './letters/letter.ts';
import { verificationLetter, verificationLetterEs, type VerificationFacts } from './letters/verification.ts';
import { COLORADO_NOTICE } from './licences.ts';
import { fen } from './money.ts';
import { newYorkTimeBarNotice } from './time-barred.ts';

export interface ReviewText {
  /** `US.text.rosenthal`: the pack, then what the text is. */
  item: string;
  title: { en: string; zh: string };
  /** What the officer checks (U), in both languages the staff app speaks. */
  unverified: { en: string; zh: string };
  /** The text as the product writes it, each part labelled (the English and the Spanish, say). */
  parts: Array<{ label: string; text: string }>;
}

export interface ReviewRule {
  item: string;
  pack: PackId;
  /** The source in English, as the engine's decisions cite it: what a confirmation is given on. */
  citation: string;
  /** The same source in Chinese, for the 中文 screen (the U note in Chinese too). */
  citation_zh: string;
  legal_floor: boolean;
  params: Record<string, { default: number; kind: string; tighter: string }>;
  unverified: string | null;
}

/** A validation notice as plain text, for reading on a screen. */
function noticeText(n: ValidationNotice): string {
  return [
    ...n.sender, '', ...n.recipient, '', n.reference, '', n.intro, '',
    ...n.itemization.map((l) => `${l.label} ${l.amount}`), ...(n.setOff ? ['', n.setOff] : []),
    ...n.sections.flatMap((s) => ['', s.heading, ...s.paragraphs]), ...(n.licences ? ['', n.licences] : []),
    '', n.form.heading, ...n.form.lines, n.form.until,
  ].join('\n');
}

/** A letter as plain text. */
function letterText(l: Letter): string {
  return [...l.address, '', l.title, '', l.greeting, ...l.paragraphs, '', ...l.closing].join('\n');
}

/** A sample debtor for the Spanish notice: state unknown and time-barred, so every section shows. */
const SAMPLE = {
  agency: { name: 'Agency name', address: '100 Main St, Springfield, IL 62701', phone: '(217) 555-0100', hours: null },
  debtorName: 'Jane Doe', address: '12 Oak Ave, Peoria, IL 61602', creditorName: 'First Prairie Bank', accountNoMask: '****1234',
  product: 'credit card', itemizationDate: localDate(2026, 9, 30), itemization: fen(2_234_56), interest: fen(0), fees: fen(25_00), paid: fen(50_00),
  sentOn: localDate(2026, 11, 23), currency: 'USD' as const, repayment: null, regionCode: null, firstDelinquencyDate: localDate(2016, 4, 15),
};

/** A sample settlement in two payments, for the arrangement confirmation. */
const SAMPLE_ARRANGEMENT: ArrangementFacts = {
  agency: SAMPLE.agency, debtorName: SAMPLE.debtorName, address: SAMPLE.address, creditorName: SAMPLE.creditorName, accountNoMask: SAMPLE.accountNoMask,
  agreedOn: localDate(2026, 11, 20), sentOn: SAMPLE.sentOn, repayment: null, regionCode: 'US-NY',
  terms: { kind: 'settlement', balance: fen(2_209_56), settle: fen(1_500_00),
    schedule: [{ dueDate: localDate(2026, 12, 15), amount: fen(750_00) }, { dueDate: localDate(2027, 1, 15), amount: fen(750_00) }] },
};

/** A sample verified dispute, for the verification letter. */
const SAMPLE_VERIFICATION: VerificationFacts = {
  agency: SAMPLE.agency, debtorName: SAMPLE.debtorName, address: SAMPLE.address, creditorName: SAMPLE.creditorName, accountNoMask: SAMPLE.accountNoMask,
  disputedOn: localDate(2026, 11, 2), reason: 'wrong_amount', creditorNote: '(what the creditor found, in its own words)', amount: fen(2_209_56), currency: 'USD',
  sentOn: SAMPLE.sentOn, regionCode: null,
};

/** The texts under review, in the order the officer reads them. */
export function reviewTexts(): ReviewText[] {
  return [
    {
      item: 'US.text.validation_notice_es',
      title: { en: 'The validation notice in Spanish (12 CFR 1006.34(d)(3)(vi))', zh: '西班牙文债务确认通知（12 CFR 1006.34(d)(3)(vi)）' },
      unverified: {
        en: "the agency's own translation: compare it with the CFPB's Spanish model notice, whose exact text alone has the safe harbour for a complete and accurate translation",
        zh: '本机构自行翻译：请与 CFPB 的西班牙文示范通知核对；只有原样使用示范通知的文字，才享有“完整、准确的翻译”的安全港',
      },
      parts: [{ label: 'es', text: noticeText(validationNoticeEs(SAMPLE)) }, { label: 'en', text: noticeText(validationNotice(SAMPLE)) }],
    },
    {
      item: 'US.text.verification_es',
      title: { en: 'The dispute verification letter in Spanish (12 CFR 1006.38(d)(2))', zh: '西班牙文债务核实函（12 CFR 1006.38(d)(2)）' },
      unverified: { en: "the agency's own translation", zh: '本机构自行翻译' },
      parts: [{ label: 'es', text: letterText(verificationLetterEs(SAMPLE_VERIFICATION)) }, { label: 'en', text: letterText(verificationLetter(SAMPLE_VERIFICATION)) }],
    },
    {
      item: 'US.text.rosenthal',
      title: { en: "California's notice of rights (Cal. Civ. Code 1812.700)", zh: '加利福尼亚州权利告知（Cal. Civ. Code 1812.700）' },
      unverified: { en: 'the Spanish is our translation (1812.700(c))', zh: '西班牙文为本系统自译（1812.700(c)）' },
      parts: [{ label: 'en', text: ROSENTHAL_NOTICE.en }, { label: 'es', text: ROSENTHAL_NOTICE.es }],
    },
    {
      item: 'US.text.colorado',
      title: { en: "Colorado's statement (C.R.S. 5-16-109)", zh: '科罗拉多州声明（C.R.S. 5-16-109）' },
      unverified: {
        en: "the Attorney General's address, as HB 20-1402 set it (the statute has it follow the site); the Spanish is ours",
        zh: '州总检察长的网址，按 HB 20-1402 所定（法条规定以其网站为准）；西班牙文为本系统自译',
      },
      parts: [{ label: 'en', text: COLORADO_NOTICE.en }, { label: 'es', text: COLORADO_NOTICE.es }],
    },
    {
      item: 'US.text.massachusetts',
      title: { en: "Massachusetts's notice of important rights (209 CMR 18.16(1))", zh: '马萨诸塞州重要权利告知（209 CMR 18.16(1)）' },
      unverified: { en: 'where the rule asks for it (here: the first written notice); the Spanish is ours', zh: '规则要求在何处给出（此处：首次书面通知）；西班牙文为本系统自译' },
      parts: [{ label: 'en', text: MASSACHUSETTS_NOTICE.en }, { label: 'es', text: MASSACHUSETTS_NOTICE.es }],
    },
    {
      item: 'US.text.new_york',
      title: { en: "New York State's initial disclosures (23 NYCRR 1.2(a))", zh: '纽约州初次告知（23 NYCRR 1.2(a)）' },
      unverified: {
        en: 'the Spanish is ours; the itemization as of charge-off (1.2(b)) is on the validation notice only when the bank\'s file gives the charge-off figures, saying "the day ... charged off the debt" beside the date (ours)',
        zh: '西班牙文为本系统自译；核销时的明细（1.2(b)）只在银行文件给出核销数据时才列入债务确认通知，并在日期旁写明“the day ... charged off the debt”（本系统的措辞）',
      },
      parts: [{ label: 'en', text: NEW_YORK_NOTICE.en.join('\n\n') }, { label: 'es', text: NEW_YORK_NOTICE.es.join('\n\n') }],
    },
    {
      item: 'US.text.substantiation',
      title: { en: "New York's substantiation of a charged-off debt (23 NYCRR 1.4)", zh: '纽约州已核销债务的证明（23 NYCRR 1.4）' },
      unverified: {
        en: "the dispute taken as the request for substantiation (1.4(a) allows it); applied to a debt whose bank file gave charge-off figures; the chain of title "
          + "(a bank placing its own debt: none); the settlements listed are those agreed with the agency; the bank's documents are enclosed by the agency; the Spanish is ours",
        zh: '异议即视为证明请求（1.4(a) 允许）；适用于银行文件给出核销数据的债务；权属链（银行委托自己的债务：无）；所列和解为与本机构达成的和解；'
          + '银行的文件由本机构随函附上；西班牙文为本系统自译',
      },
      parts: (['en', 'es'] as const).map((label) => ({ label, text: letterText((label === 'en' ? verificationLetter : verificationLetterEs)({ ...SAMPLE_VERIFICATION, regionCode: 'US-NY',
        substantiation: { chargedOffOn: localDate(2026, 3, 31), chargeOffBalance: fen(2_100_00), settlements: [] } })) })),
    },
    {
      item: 'US.text.ny_time_bar',
      title: { en: "New York's notice on a debt that may be time-barred, before a promise (23 NYCRR 1.3(b)) and in every communication (New York City)",
        zh: '纽约州时效通知（记录承诺前，23 NYCRR 1.3(b)；纽约市：每次联系）' },
      unverified: {
        en: "our words for the five points 1.3(b) lists (not 1.3(c)'s safe-harbour text), the fifth as the Department's letter of 2022-04-07 on CPLR 214-i "
          + 'asks; given before a promise (the agency takes no payment itself), on the call and in the portal, to debtors in New York or of unknown state; the Spanish is ours. '
          + "The same words serve New York City's notice on a time-barred debt in every communication (Admin. Code 20-493.2(b), 6 RCNY 5-77; the City accepted "
          + "the State's wording in 2015): read on every call, in every text and e-mail, and set off beside the amount in a letter and in the validation "
          + "notice (12 points, dark red; the notice's other type fitted around it, down to 7.6 points)",
        zh: '1.3(b) 所列五点用本系统的措辞（不是 1.3(c) 的安全港文本），第五点按纽约州金融服务局 2022-04-07 关于 CPLR 214-i 的函件要求；'
          + '在记录承诺前告知（本机构自己不收款），于通话中和自助门户中，对象为在纽约州或所在州不明的债务人；西班牙文为本系统自译。'
          + '同一文字也用作纽约市在每次联系中对已过时效债务的告知（Admin. Code 20-493.2(b)、6 RCNY 5-77；纽约市于 2015 年接受了纽约州的措辞）：'
          + '每次通话时宣读，写入每条短信和每封电子邮件，并在信函和债务确认通知中于金额旁醒目单列（12 磅、深红色；通知的其余文字随之调整，最小至 7.6 磅）',
      },
      parts: (() => {
        const notice = newYorkTimeBarNotice('US', 'US-NY', SAMPLE.firstDelinquencyDate, SAMPLE.sentOn, SAMPLE.creditorName)!;
        return [{ label: 'en', text: notice.en }, { label: 'es', text: notice.es }, { label: 'zh', text: notice.zh }];
      })(),
    },
    {
      item: 'US.text.arrangement_confirmation',
      title: { en: "New York's written confirmation of a payment arrangement (23 NYCRR 1.5(b))", zh: '纽约州还款安排书面确认函（23 NYCRR 1.5(b)）' },
      unverified: {
        en: 'whether a one-off promise to pay is a debt payment schedule (confirmed here, the strict reading), whether the five days are calendar days (here), and the paragraph of the three-monthly statement; the Spanish is ours',
        zh: '一次性还款承诺是否属于还款计划（此处从严理解，视为属于）、五天是否为自然日（此处按自然日），以及每三个月对账单的那一段；西班牙文为本系统自译',
      },
      parts: (['en', 'es'] as const).map((label) => ({ label, text: letterText((label === 'en' ? arrangementConfirmation : arrangementConfirmationEs)(SAMPLE_ARRANGEMENT)) })),
    },
    {
      item: 'US.text.language_access',
      title: { en: "New York City's language access statement (6 RCNY 5-77, 2-193)", zh: '纽约市语言服务说明（6 RCNY 5-77、2-193）' },
      unverified: { en: 'the paragraphs; the Spanish and Chinese are ours', zh: '各段内容；西班牙文和中文为本系统自译' },
      parts: [{ label: 'en', text: LANGUAGE_ACCESS.en }, { label: 'es', text: LANGUAGE_ACCESS.es }, { label: 'zh', text: LANGUAGE_ACCESS.zh }],
    },
  ];
}

/** Every rule of every pack, U or not. */
export function reviewRules(): ReviewRule[] {
  return (['CN', 'US', 'UK'] as const).flatMap((pack) => describePack(pack).rules.map((r) => ({
    item: r.rule, pack, citation: r.citation, citation_zh: citationZh(pack, r.rule), legal_floor: r.legal_floor, params: r.params, unverified: r.unverified,
  })));
}

function citationZh(pack: PackId, item: string): string {
  const rule = PACKS[pack].rules.find((r) => `${pack}.${r.id}` === item);
  if (rule === undefined) throw new Error(`${item} is not a rule of the ${pack} pack`);
  return rule.citationZh;
}

/** The reading a rule is confirmed on: its citation, its U note included (the English: the Chinese is its translation). */
export const ruleReading = (r: ReviewRule): string => r.citation;

/** The reading a text is confirmed on: its words, every part. */
export const textReading = (t: ReviewText): string => JSON.stringify(t.parts);

/**
 * The reading an item is confirmed on (ruleReading, textReading): a confirmation given on
 * another reading has lapsed. Null: no such item.
 */
export function currentReading(item: string): string | null {
  const rule = reviewRules().find((r) => r.item === item);
  if (rule) return ruleReading(rule);
  const text = reviewTexts().find((t) => t.item === item);
  return text ? textReading(text) : null;
}
