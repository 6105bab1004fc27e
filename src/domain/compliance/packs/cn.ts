import { dailyCallsRule } from '../rules/attempt-caps.ts';
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
      unverified: 'sources disagree on 21:00 vs 22:00, the earlier end is used',
      legalFloor: true,
      params: { start: clockParam('08:00', 'higher'), end: clockParam('21:00', 'lower') },
      validate: validateWindow,
      build: (p) => hoursRule(p),
    }),
    defineRule({
      id: 'daily_calls',
      citation: 'industry practice: at most 3 agency-initiated call attempts per debtor per local day, all accounts',
      unverified: 'no official text located',
      legalFloor: true,
      params: { max: countParam(3, 'lower') },
      build: (p) => dailyCallsRule(p),
    }),
    defineRule({
      id: 'third_party',
      citation: '消费金融公司管理办法 (2024): no collection from unrelated third parties; the limit of one attempt per third party per 7 days is Leeway policy',
      legalFloor: false,
      params: { max: countParam(1, 'lower'), days: countParam(7, 'higher', 3660) },
      build: (p) => cnThirdPartyRule(p),
    }),
    defineRule({
      id: 'instalment_max',
      citation: '商业银行信用卡业务监督管理办法 Art. 70',
      unverified: 'the 5-year (60-month) limit',
      legalFloor: true,
      params: { months: countParam(60, 'lower') },
      build: (p) => instalmentMaxRule(p),
    }),
    defineRule({
      id: 'recording',
      citation: '商业银行信用卡业务监督管理办法 Art. 68/69',
      unverified: 'recording of every call and the 2-year retention',
      legalFloor: true,
      params: { retention_years: countParam(2, 'higher', 100) },
      build: (p) => recordingRule(p),
    }),
    defineRule({ id: 'holds', citation: holdsCitation, legalFloor: false, params: {}, build: () => holdsRule(COMMON_HOLDS) }),
    defineRule({ id: 'suspension', citation: suspensionCitation, legalFloor: false, params: {}, build: () => suspensionRule() }),
    defineRule({ id: 'mandate', citation: mandateCitation, legalFloor: false, params: {}, build: () => mandateRule() }),
    defineRule({ id: 'in_plan', citation: inPlanCitation, legalFloor: false, params: {}, build: () => inPlanRule() }),
    defineRule({ id: 'consent', citation: consentCitation, legalFloor: false, params: {}, build: () => consentRule(true) }),
  ],
};
