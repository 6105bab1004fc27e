export { conditionHolds, decideStrategy, priorityScore } from './decide.ts';
export type { AccountFacts, AccountStrategy } from './decide.ts';
export { DEFAULT_RULES, DEFAULT_RULES_JSON, DEFAULT_RULES_VERSION, NEXT_ACTIONS, parseStrategyRules } from './rules.ts';
export type { Condition, NextAction, PriorityWeights, StrategyRules } from './rules.ts';
export { isSmsTemplate, portalCodeSms, portalLinkSms, SMS_TEMPLATE_NAMES, SMS_TEMPLATES, smsReminderBody, smsTemplateBody } from './sms-template.ts';
export type { ReminderFacts, SmsTemplate } from './sms-template.ts';
export { emailTemplate, type EmailText } from './email-template.ts';
