/**
 * What each audit entry's object is, in the reader's words (the log stores the code, e.g.
 * `import_batch`; the screen shows "导入批次 #5" with the code on hover). A code not listed here is
 * shown as it is. test/audit-action-names.test.ts checks every object the server writes is here.
 */
export const ENTITY_NAMES: Readonly<Record<string, { en: string; zh: string }>> = {
  account: { en: 'account', zh: '案件' },
  assignment: { en: 'assignment', zh: '分案' },
  callback: { en: 'callback', zh: '回拨' },
  caller: { en: 'caller', zh: '来电' },
  channel: { en: 'channel', zh: '渠道' },
  complaint: { en: 'complaint', zh: '投诉' },
  compliance_item: { en: 'compliance item', zh: '合规条目' },
  contact_attempt: { en: 'contact', zh: '催记' },
  contact_point: { en: 'contact point', zh: '联系方式' },
  contract: { en: 'contract', zh: '委托合同' },
  creditor: { en: 'creditor', zh: '委托方' },
  database: { en: 'database', zh: '数据库' },
  debtor: { en: 'debtor', zh: '债务人' },
  dispute: { en: 'dispute', zh: '异议' },
  hardship_application: { en: 'hardship application', zh: '停息挂账申请' },
  hardship_evidence: { en: 'hardship evidence', zh: '停息挂账证明材料' },
  hardship_programme: { en: 'hardship programme', zh: '停息挂账项目' },
  hold: { en: 'hold', zh: '停催' },
  import_batch: { en: 'import batch', zh: '导入批次' },
  instalment_plan: { en: 'instalment plan', zh: '分期方案' },
  licence: { en: 'licence', zh: '执照' },
  outbox: { en: 'outbox message', zh: '发件箱消息' },
  payment: { en: 'payment', zh: '还款' },
  placement: { en: 'placement', zh: '委案批次' },
  portal_action: { en: 'portal request', zh: '自助页面请求' },
  portal_link: { en: 'portal link', zh: '自助页面链接' },
  portfolio: { en: 'portfolio', zh: '案件组合' },
  promise: { en: 'promise', zh: '承诺还款' },
  qa_review: { en: 'quality review', zh: '质检' },
  report_month_end: { en: 'month-end report', zh: '月末报表' },
  site_article: { en: 'help article', zh: '帮助文章' },
  site_page: { en: 'help page', zh: '帮助中心页面' },
  state_notice: { en: 'state notice', zh: '州规定告知' },
  statement: { en: 'statement', zh: '结算单' },
  strategy_rules: { en: 'strategy rules', zh: '催收策略规则' },
  strategy_run: { en: 'strategy run', zh: '策略运行' },
  suspension: { en: 'suspension', zh: '区域停催' },
  team: { en: 'team', zh: '小组' },
  territory: { en: 'territory', zh: '片区' },
  user: { en: 'user', zh: '用户' },
  waiver: { en: 'waiver', zh: '减免' },
};

/** The object in the reader's language, or the code itself when it has no name. */
export function entityName(code: string, language: string): string {
  const names = ENTITY_NAMES[code];
  if (names === undefined) return code;
  return language.startsWith('zh') ? names.zh : names.en;
}
