/**
 * Call quality review (质检): the checklist a team lead scores a collector's call or visit
 * against, the score it gives, and which calls are picked for review.
 *
 * Three items are red lines (红线): the debt discussed before the person was known to be the
 * debtor, a threat, insult or false statement, or the debt told to a third party. Failing one
 * fails the review with score 0, whatever else went well: these are the harms the product
 * exists to prevent, and no courtesy makes up for them. The other items carry weights that sum
 * to 100; the score is the passed weight over the weight of the items that applied (a call
 * where no options could be discussed is not marked down for it), rounded half up to a whole
 * point. A review passes at PASS_MARK or more.
 */
import { invalidInput } from '../errors.ts';

export type Answer = 'pass' | 'fail' | 'na';
export const ANSWERS: readonly Answer[] = ['pass', 'fail', 'na'];
export type ReviewResult = 'pass' | 'fail' | 'red_line';

export interface ChecklistItem {
  code: string;
  /** Points when passed; 0 for a red line, which is not scored but fails the review. */
  weight: number;
  redLine: boolean;
  en: string;
  zh: string;
  hintEn: string;
  hintZh: string;
}

const item = (code: string, weight: number, en: string, zh: string, hintEn: string, hintZh: string): ChecklistItem =>
  ({ code, weight, redLine: weight === 0, en, zh, hintEn, hintZh });

export const CHECKLIST: readonly ChecklistItem[] = [
  item('identified', 10, 'Gave own name and the agency, and why they called', '表明身份：报出姓名、机构及来电目的',
    'At the start, before anything else', '通话开始即说明'),
  item('right_party_first', 0, 'Confirmed the person is the debtor before discussing the debt', '核实为债务人本人后才谈及欠款',
    'Red line: talking about the debt to someone not yet confirmed', '红线：未核实身份即谈及欠款'),
  item('no_abuse', 0, 'No threats, insults, shaming or false statements', '无威胁、辱骂、羞辱或虚假陈述',
    'Red line: e.g. threatening arrest, calling family or employer, lying about consequences', '红线：如以拘留相威胁、扬言联系家人或单位、夸大后果'),
  item('no_third_party_disclosure', 0, 'Told no third party about the debt', '未向第三方透露欠款信息',
    'Red line: to a relative, colleague or anyone else who answered', '红线：对接听的亲友、同事或其他人'),
  item('accurate_information', 20, 'Stated the amount, dates and consequences accurately', '欠款金额、日期及后果说明准确',
    'As on the account, nothing exaggerated', '与账户一致，无夸大'),
  item('listened_and_offered_options', 20, 'Asked why the debtor fell behind and offered options, hardship plans included', '了解逾期原因，告知可选方案（含停息挂账）',
    'N/A when the call ended before it could come up', '通话未进行到此即结束的，选“不适用”'),
  item('respected_requests', 20, 'Respected the debtor\'s requests (stop calling, call back later, in writing)', '尊重债务人的要求（停止来电、约定回电、书面联系）',
    'N/A when the debtor made none', '债务人未提出要求的，选“不适用”'),
  item('courteous', 15, 'Courteous and professional throughout, even when the debtor was not', '全程礼貌、专业，即使对方情绪激动',
    'Tone, wording, no interrupting', '语气、用语、不打断对方'),
  item('accurate_record', 15, 'The contact log matches the call (outcome, note, promise)', '催记与通话内容一致（结果、备注、承诺）',
    'What was logged is what happened', '记录即实际发生的内容'),
];

export const PASS_MARK = 80;
/** Days after a review within which the collector may appeal it. */
export const APPEAL_DAYS = 7;
/** Share of reached calls and visits picked for review; every complaint-linked one is reviewed too. */
export const SAMPLE_PERCENT = 5;
/** How far back the review queue looks. */
export const QUEUE_WINDOW_DAYS = 14;

export interface Scored { score: number; result: ReviewResult }

/**
 * The score and result of a complete set of answers. Throws INVALID_INPUT (field `answers`)
 * naming what is missing or unknown, or when no scored item applied (nothing to score).
 */
export function scoreReview(answers: Readonly<Record<string, unknown>>): Scored {
  const known = new Set(CHECKLIST.map((i) => i.code));
  const unknown = Object.keys(answers).filter((code) => !known.has(code));
  if (unknown.length > 0) {
    throw invalidInput({ en: `Unknown checklist items: ${unknown.join(', ')}`, zh: `未知的质检项：${unknown.join('、')}` }, 'answers');
  }
  const missing = CHECKLIST.filter((i) => !(ANSWERS as readonly unknown[]).includes(answers[i.code]));
  if (missing.length > 0) {
    throw invalidInput({
      en: `Answer every checklist item with pass, fail or na; missing: ${missing.map((i) => i.code).join(', ')}`,
      zh: `每个质检项都须选择合格、不合格或不适用；未选：${missing.map((i) => i.zh).join('；')}`,
    }, 'answers');
  }
  if (CHECKLIST.some((i) => i.redLine && answers[i.code] === 'fail')) return { score: 0, result: 'red_line' };
  let applicable = 0;
  let passed = 0;
  for (const i of CHECKLIST) {
    if (i.redLine || answers[i.code] === 'na') continue;
    applicable += i.weight;
    if (answers[i.code] === 'pass') passed += i.weight;
  }
  if (applicable === 0) {
    throw invalidInput({ en: 'Every scored item is N/A: there is nothing to score', zh: '所有计分项都是“不适用”，无法评分' }, 'answers');
  }
  const score = Math.floor((200 * passed + applicable) / (2 * applicable));
  return { score, result: score >= PASS_MARK ? 'pass' : 'fail' };
}

/** The checklist items a set of answers failed, in checklist order. */
export function failedItems(answers: Readonly<Record<string, string>>): ChecklistItem[] {
  return CHECKLIST.filter((i) => answers[i.code] === 'fail');
}

/**
 * Whether a reached call or visit is in the random sample: a fixed function of its id, so the
 * queue is the same on every refresh and a collector cannot steer which of their calls are
 * picked. Knuth's multiplicative hash spreads consecutive ids evenly over the hundred slots.
 */
export function inSample(attemptId: number, percent: number = SAMPLE_PERCENT): boolean {
  return sampleSlot(attemptId) < percent;
}

/** The attempt's slot, 0-99; the SQL of the review queue computes the same. */
export function sampleSlot(attemptId: number): number {
  return Number((BigInt(attemptId) * 2654435761n) % 4294967296n % 100n);
}

/** Whether a review reviewed at `reviewedAt` can still be appealed on `now`. */
export function appealOpen(reviewedAt: Date, now: Date): boolean {
  return now.getTime() - reviewedAt.getTime() <= APPEAL_DAYS * 86_400_000;
}
