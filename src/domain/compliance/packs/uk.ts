import { consentRule } from '../rules/consent.ts';
import { holdsRule } from '../rules/flag-holds.ts';
import { hoursRule } from '../rules/hours.ts';
import { inPlanRule, mandateRule } from '../rules/mandate.ts';
import { suspensionRule } from '../rules/suspension.ts';
import { disclosureOnlyRule } from '../rules/third-party.ts';
import { breathingSpaceRule, planPendingRule } from '../rules/uk-moratoria.ts';
import { COMMON_HOLDS, consentCitation, holdsCitation, inPlanCitation, mandateCitation, suspensionCitation } from './common.ts';
import { clockParam, countParam, defineRule, validateWindow } from './define.ts';
import type { PackDefinition } from './define.ts';

/** United Kingdom (England and Wales): FCA CONC and the Debt Respite Scheme. */
export const UK_PACK: PackDefinition = {
  id: 'UK',
  title: 'United Kingdom (FCA CONC, Debt Respite Scheme)',
  fallbackZones: ['Europe/London'],
  countryZones: ['Europe/London'],
  rules: [
    defineRule({
      id: 'hours',
      citation: 'CONC 7.9.4R: no contact at unreasonable times; the 08:00-21:00 window is Leeway policy',
      citationZh: 'CONC 7.9.4R（FCA 消费信贷规则）：不得在不合理的时间联系；08:00-21:00 的时段为 Leeway 自身的政策',
      legalFloor: false,
      params: { start: clockParam('08:00', 'higher'), end: clockParam('21:00', 'lower') },
      validate: validateWindow,
      build: (p) => hoursRule(p),
    }),
    defineRule({
      id: 'breathing_space',
      citation: 'SI 2020/1311 (Debt Respite Scheme) regs 7, 26, 32',
      citationZh: 'SI 2020/1311（Debt Respite Scheme，英国债务喘息期计划条例）第 7、26、32 条',
      legalFloor: true,
      params: { days: countParam(60, 'higher', 3660), crisis_extra_days: countParam(30, 'higher', 3660) },
      build: (p) => breathingSpaceRule(p),
    }),
    defineRule({
      id: 'plan_pending',
      citation: 'CONC 7.3.11R, 7.3.12G',
      citationZh: 'CONC 7.3.11R、7.3.12G（FCA 消费信贷规则）',
      legalFloor: true,
      params: { days: countParam(30, 'higher', 3660), extension_days: countParam(30, 'higher', 3660) },
      build: (p) => planPendingRule(p),
    }),
    defineRule({
      id: 'third_party',
      citation: "Leeway policy (all packs: a third party is never told about the debt); Leeway's UK rules set no limit on how often a third party is contacted",
      citationZh: 'Leeway 政策（所有规则包：从不向第三方透露债务）；Leeway 的英国规则不限制联系第三方的次数',
      unverified: 'the UK legal basis (CONC 7, UK GDPR) has not been checked',
      unverifiedZh: '英国的法律依据（CONC 7、UK GDPR 英国通用数据保护条例）尚未核查',
      legalFloor: false,
      params: {},
      build: () => disclosureOnlyRule(),
    }),
    defineRule({ id: 'holds', ...holdsCitation, legalFloor: false, params: {}, build: () => holdsRule(COMMON_HOLDS) }),
    defineRule({
      id: 'statute_barred',
      citation: 'CONC 7.15: a firm must not keep asking for payment of a debt the customer says is statute-barred, nor mislead them about it '
        + '(Limitation Act 1980 s5; Prescription and Limitation (Scotland) Act 1973 s6)',
      citationZh: 'CONC 7.15（FCA 消费信贷规则）：客户表示债务已过诉讼时效的，机构不得继续要求其还款，也不得就此误导客户'
        + '（Limitation Act 1980（英格兰及威尔士 1980 年时效法）s5；Prescription and Limitation (Scotland) Act 1973（1973 年苏格兰时效法）s6）',
      unverified: 'the paragraph numbers of CONC 7.15 have not been checked',
      unverifiedZh: 'CONC 7.15 的具体段落编号尚未核查',
      legalFloor: true,
      params: {},
      build: () => holdsRule(['statute_barred']),
    }),
    defineRule({ id: 'suspension', ...suspensionCitation, legalFloor: false, params: {}, build: () => suspensionRule() }),
    defineRule({ id: 'mandate', ...mandateCitation, legalFloor: false, params: {}, build: () => mandateRule() }),
    defineRule({ id: 'in_plan', ...inPlanCitation, legalFloor: false, params: {}, build: () => inPlanRule() }),
    defineRule({ id: 'consent', ...consentCitation, legalFloor: false, params: {}, build: () => consentRule(true) }),
  ],
};
