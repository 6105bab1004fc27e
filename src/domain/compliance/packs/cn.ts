import { dailyCallsRule, dailyTextsRule } from '../rules/attempt-caps.ts';
import { consentRule } from '../rules/consent.ts';
import { holdsRule } from '../rules/flag-holds.ts';
import { hoursRule } from '../rules/hours.ts';
import { instalmentMaxRule, recordingRule } from '../rules/plan-and-recording.ts';
import { inPlanRule, mandateRule } from '../rules/mandate.ts';
import { suspensionRule } from '../rules/suspension.ts';
import { cnThirdPartyRule } from '../rules/third-party.ts';
import { clockParam, countParam, defineRule, validateWindow } from './define.ts';
import type { PackDefinition } from './define.ts';
import { COMMON_HOLDS, consentCitation, holdsCitation, inPlanCitation, mandateCitation, suspensionCitation } from './common.ts';

/**
 * China. Rules whose source is not yet verified (U) are still legal floors: until the agency's
 * compliance officer confirms a looser reading, the stricter one stands.
 */
export const CN_PACK: PackDefinition = {
  id: 'CN',
  title: 'China (mainland)',
  fallbackZones: ['Asia/Shanghai'],
  // Beijing time is the legal time everywhere; Xinjiang's local Ürümqi time is believed when on file.
  countryZones: ['Asia/Shanghai', 'Asia/Urumqi'],
  // Much of Xinjiang lives by Ürümqi time (two hours behind): a debtor there is judged in both,
  // so 08:00 is never 06:00 where they are.
  regionZones: [['65', 'Asia/Urumqi']],
  rules: [
    defineRule({
      id: 'hours',
      citation: '互联网金融逾期债务催收自律公约(试行) 2018',
      citationZh: '《互联网金融逾期债务催收自律公约（试行）》（2018 年）',
      unverified: 'sources disagree on 21:00 vs 22:00, the earlier end is used',
      unverifiedZh: '各来源对结束时间是 21:00 还是 22:00 说法不一，按较早的结束时间执行',
      legalFloor: true,
      params: { start: clockParam('08:00', 'higher'), end: clockParam('21:00', 'lower') },
      validate: validateWindow,
      build: (p) => hoursRule(p),
    }),
    defineRule({
      id: 'daily_calls',
      citation: 'industry practice: at most 3 agency-initiated call attempts per debtor per local day, all accounts',
      citationZh: '行业惯例：每个债务人每个当地自然日最多 3 次由本机构发起的致电尝试，所有账户合并计算',
      unverified: 'no official text located',
      unverifiedZh: '未找到官方文本',
      legalFloor: true,
      params: { max: countParam(3, 'lower') },
      build: (p) => dailyCallsRule(p),
    }),
    defineRule({
      id: 'daily_texts',
      citation: 'Leeway policy: at most 3 collection texts per debtor per local day, all accounts (notices such as a portal link are not limited)',
      citationZh: 'Leeway 自身的政策：每个债务人每个当地自然日最多 3 条催收短信，所有账户合并计算（门户链接等通知不受此限）',
      legalFloor: false,
      params: { max: countParam(3, 'lower') },
      build: (p) => dailyTextsRule(p),
    }),
    defineRule({
      id: 'third_party',
      citation: '消费金融公司管理办法 (2024): no collection from unrelated third parties; the limit of one attempt per third party per 7 days is Leeway policy',
      citationZh: '《消费金融公司管理办法》（2024 年）：不得向无关第三方催收；每个第三方每 7 天最多联系一次的限制为 Leeway 自身的政策',
      legalFloor: false,
      params: { max: countParam(1, 'lower'), days: countParam(7, 'higher', 3660) },
      build: (p) => cnThirdPartyRule(p),
    }),
    defineRule({
      id: 'instalment_max',
      citation: '商业银行信用卡业务监督管理办法 Art. 70',
      citationZh: '《商业银行信用卡业务监督管理办法》第七十条',
      unverified: 'the 5-year (60-month) limit',
      unverifiedZh: '5 年（60 个月）的期限',
      legalFloor: true,
      params: { months: countParam(60, 'lower') },
      build: (p) => instalmentMaxRule(p),
    }),
    defineRule({
      id: 'recording',
      citation: '商业银行信用卡业务监督管理办法 Art. 68/69',
      citationZh: '《商业银行信用卡业务监督管理办法》第六十八条、第六十九条',
      unverified: 'recording of every call and the 2-year retention',
      unverifiedZh: '每次通话均须录音，以及录音保存 2 年',
      legalFloor: true,
      params: { retention_years: countParam(2, 'higher', 100) },
      build: (p) => recordingRule(p),
    }),
    defineRule({ id: 'holds', ...holdsCitation, legalFloor: false, params: {}, build: () => holdsRule(COMMON_HOLDS) }),
    defineRule({ id: 'suspension', ...suspensionCitation, legalFloor: false, params: {}, build: () => suspensionRule() }),
    defineRule({ id: 'mandate', ...mandateCitation, legalFloor: false, params: {}, build: () => mandateRule() }),
    defineRule({ id: 'in_plan', ...inPlanCitation, legalFloor: false, params: {}, build: () => inPlanRule() }),
    defineRule({ id: 'consent', ...consentCitation, legalFloor: false, params: {}, build: () => consentRule(true) }),
  ],
};
