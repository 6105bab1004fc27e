import type { Locale } from './types.ts';

/**
 * The compliance rules by name, in the reader's words, for the screens that count or list them
 * (the compliance report, the strategy run's blocked messages): a rule's id (`US.validation_notice`)
 * names it for the audit and the code; people read what it is. Unknown ids show as they are.
 */
const TOPICS: Record<string, { 'zh-CN': string; en: string }> = {
  hours: { 'zh-CN': '联系时段', en: 'calling hours' },
  daily_calls: { 'zh-CN': '每日致电次数', en: 'calls a day' },
  daily_texts: { 'zh-CN': '每日短信条数', en: 'texts a day' },
  third_party: { 'zh-CN': '第三方联系', en: 'third parties' },
  instalment_max: { 'zh-CN': '分期期数上限', en: 'longest plan' },
  recording: { 'zh-CN': '通话录音', en: 'call recording' },
  holds: { 'zh-CN': '停催', en: 'hold' },
  suspension: { 'zh-CN': '区域停催', en: 'suspension' },
  consent: { 'zh-CN': '联系方式归属与退订', en: 'contact point and opt-outs' },
  mandate: { 'zh-CN': '委托范围（已结清/退案）', en: 'mandate (finished or recalled)' },
  in_plan: { 'zh-CN': '分期中（只可提醒）', en: 'on an instalment plan (reminders only)' },
  seven_in_seven: { 'zh-CN': '7 天 7 次', en: '7 calls in 7 days' },
  cool_down: { 'zh-CN': '通话后冷静期', en: 'pause after a conversation' },
  medium_opt_out: { 'zh-CN': '拒绝的联系渠道', en: 'medium opted out of' },
  cease: { 'zh-CN': '要求停止联系', en: 'cease request' },
  dispute: { 'zh-CN': '债务异议', en: 'dispute' },
  attorney: { 'zh-CN': '委托律师', en: 'attorney' },
  validation_notice: { 'zh-CN': '债务确认通知未寄出', en: 'validation notice not yet sent' },
  email_safe_harbor: { 'zh-CN': '电子邮件安全港', en: 'e-mail safe harbor' },
  work_email: { 'zh-CN': '工作邮箱', en: 'work e-mail' },
  massachusetts_calls: { 'zh-CN': '马萨诸塞州通话次数', en: 'Massachusetts call limit' },
  nyc_communications: { 'zh-CN': '纽约市联系次数', en: 'New York City contact limit' },
  nyc_electronic_consent: { 'zh-CN': '纽约市短信/邮件同意', en: 'New York City consent to texts and e-mails' },
  washington_communications: { 'zh-CN': '华盛顿州联系次数', en: 'Washington contact limit' },
  breathing_space: { 'zh-CN': '喘息期', en: 'breathing space' },
  plan_pending: { 'zh-CN': '还款计划协商中', en: 'plan being arranged' },
  statute_barred: { 'zh-CN': '超过诉讼时效', en: 'statute-barred' },
};

/** "US.validation_notice" -> "US · 债务确认通知未寄出" (or the id as it is when unknown). */
export function ruleName(rule: string, locale: Locale): string {
  const [pack, topic] = rule.split('.', 2);
  const words = topic === undefined ? undefined : TOPICS[topic];
  return words === undefined ? rule : `${pack} · ${words[locale]}`;
}
