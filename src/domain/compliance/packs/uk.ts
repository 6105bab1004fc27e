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
      legalFloor: false,
      params: { start: clockParam('08:00', 'higher'), end: clockParam('21:00', 'lower') },
      validate: validateWindow,
      build: (p) => hoursRule(p),
    }),
    defineRule({
      id: 'breathing_space',
      citation: 'SI 2020/1311 (Debt Respite Scheme) regs 7, 26, 32',
      legalFloor: true,
      params: { days: countParam(60, 'higher', 3660), crisis_extra_days: countParam(30, 'higher', 3660) },
      build: (p) => breathingSpaceRule(p),
    }),
    defineRule({
      id: 'plan_pending',
      citation: 'CONC 7.3.11R, 7.3.12G',
      legalFloor: true,
      params: { days: countParam(30, 'higher', 3660), extension_days: countParam(30, 'higher', 3660) },
      build: (p) => planPendingRule(p),
    }),
    defineRule({
      id: 'third_party',
      citation: 'Leeway policy (DOMAIN.md: a third party is never told about the debt); the UK row of the rule table sets no limit',
      unverified: 'the UK legal basis (CONC 7, UK GDPR) has not been checked',
      legalFloor: false,
      params: {},
      build: () => disclosureOnlyRule(),
    }),
    defineRule({ id: 'holds', citation: holdsCitation, legalFloor: false, params: {}, build: () => holdsRule(COMMON_HOLDS) }),
    defineRule({
      id: 'statute_barred',
      citation: 'CONC 7.15: a firm must not keep asking for payment of a debt the customer says is statute-barred, nor mislead them about it '
        + '(Limitation Act 1980 s5; Prescription and Limitation (Scotland) Act 1973 s6)',
      unverified: 'the paragraph numbers of CONC 7.15 have not been checked',
      legalFloor: true,
      params: {},
      build: () => holdsRule(['statute_barred']),
    }),
    defineRule({ id: 'suspension', citation: suspensionCitation, legalFloor: false, params: {}, build: () => suspensionRule() }),
    defineRule({ id: 'mandate', citation: mandateCitation, legalFloor: false, params: {}, build: () => mandateRule() }),
    defineRule({ id: 'in_plan', citation: inPlanCitation, legalFloor: false, params: {}, build: () => inPlanRule() }),
    defineRule({ id: 'consent', citation: consentCitation, legalFloor: false, params: {}, build: () => consentRule(true) }),
  ],
};
