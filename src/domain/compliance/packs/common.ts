import type { Flag } from '../types.ts';

/** The holds of the "all" row of the rule table. */
export const COMMON_HOLDS: readonly Flag[] = [
  'dispute',
  'cease',
  'deceased',
  'bankrupt',
  'attorney',
  'capacity',
  'complaint_review',
  'hardship_review',
];

/** A source in both languages, spread into a rule's definition. */
interface Citation { readonly citation: string; readonly citationZh: string }

export const holdsCitation: Citation = {
  citation: 'Leeway rule (all packs): dispute, cease, deceased, bankrupt, attorney, capacity-in-doubt, complaint-under-review and hardship-under-review holds block collection contact',
  citationZh: 'Leeway 规则（所有规则包）：异议、要求停止联系、已故、破产、委托律师、行为能力存疑、投诉处理中和困难申请审核中的停催均阻止催收联系',
};
export const suspensionCitation: Citation = {
  // The English citations are read on English screens (a US or UK desk): the Chinese terms are in citationZh.
  citation: "the agency's own policy: suspensions by region, creditor or account",
  citationZh: '本机构自身的政策：按地区、委托方或账户停催（区域停催）',
};
export const consentCitation: Citation = {
  citation: 'Leeway rule (all packs): a contact point must belong to the person addressed and not be opted out',
  citationZh: 'Leeway 规则（所有规则包）：联系方式必须属于被联系的人，且未被退订',
};
export const mandateCitation: Citation = {
  citation: "the agency's mandate: it collects what a creditor placed with it and is still owed; a recalled, paid, settled or closed account is not collected",
  citationZh: '本机构的委托（委托合同）：只催收委托方委托给本机构且尚未清偿的欠款；已退案、已还清、已减免结清或已结案的账户不再催收',
};
export const inPlanCitation: Citation = {
  citation: "Leeway rule (all packs: for an account \"In plan\", contact is limited to reminders) and the creditor's approval of the plan: "
    + 'no collection calls or visits while an approved instalment plan runs',
  citationZh: 'Leeway 规则（所有规则包：“分期还款中”的账户只可发送还款提醒）及委托方对分期计划的批准：已批准的分期计划执行期间，不得催收致电或上门',
};
