import { consentRule, emailSafeHarborRule, mediumOptOutRule, nycElectronicConsentRule, workEmailRule } from '../rules/consent.ts';
import { coolDownRule } from '../rules/cool-down.ts';
import { holdsRule, usAttorneyRule, usCeaseRule, usDisputeRule } from '../rules/flag-holds.ts';
import { hoursRule } from '../rules/hours.ts';
import { nycCommunicationsRule, sevenInSevenRule, stateCallsRule, washingtonCommunicationsRule } from '../rules/attempt-caps.ts';
import { inPlanRule, mandateRule } from '../rules/mandate.ts';
import { suspensionRule } from '../rules/suspension.ts';
import { usThirdPartyRule } from '../rules/third-party.ts';
import { usValidationNoticeRule } from '../rules/validation-notice.ts';
import { consentCitation, holdsCitation, inPlanCitation, mandateCitation, suspensionCitation } from './common.ts';
import { clockParam, countParam, defineRule, validateWindow } from './define.ts';
import type { PackDefinition } from './define.ts';

/** United States: Regulation F (12 CFR part 1006) and the FDCPA (15 USC 1692 ff.). */
export const US_PACK: PackDefinition = {
  id: 'US',
  title: 'United States (Regulation F)',
  // A debtor with no zone on file could be anywhere in the 50 states: every one must agree.
  fallbackZones: ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu'],
  // The 50 states' zones (the IANA database's US entries, Adak's Hawaii-Aleutian time included).
  countryZones: ['America/New_York', 'America/Detroit', 'America/Kentucky/Louisville', 'America/Kentucky/Monticello', 'America/Indiana/Indianapolis',
    'America/Indiana/Vincennes', 'America/Indiana/Winamac', 'America/Indiana/Marengo', 'America/Indiana/Petersburg', 'America/Indiana/Vevay',
    'America/Chicago', 'America/Indiana/Tell_City', 'America/Indiana/Knox', 'America/Menominee', 'America/North_Dakota/Center',
    'America/North_Dakota/New_Salem', 'America/North_Dakota/Beulah', 'America/Denver', 'America/Boise', 'America/Phoenix', 'America/Los_Angeles',
    'America/Anchorage', 'America/Juneau', 'America/Sitka', 'America/Metlakatla', 'America/Yakutat', 'America/Nome', 'America/Adak', 'Pacific/Honolulu'],
  rules: [
    defineRule({
      id: 'hours',
      citation: 'Reg F 12 CFR 1006.6(b)(1)(i): before 8 a.m. and after 9 p.m. local time are inconvenient, in every candidate time zone',
      citationZh: 'Reg F 12 CFR 1006.6(b)(1)(i)（FDCPA 条例 F）：当地时间上午 8 点前和晚上 9 点后为不便联系的时间，须在每个可能的时区都满足',
      legalFloor: true,
      params: { start: clockParam('08:00', 'higher'), end: clockParam('21:00', 'lower') },
      validate: validateWindow,
      build: (p) => hoursRule(p),
    }),
    defineRule({
      id: 'seven_in_seven',
      citation: '12 CFR 1006.14(b)(2)(i)(A), (b)(3)',
      citationZh: '12 CFR 1006.14(b)(2)(i)(A)、(b)(3)（FDCPA 条例 F）',
      legalFloor: true,
      params: { max: countParam(7, 'lower'), days: countParam(7, 'higher', 3660) },
      build: (p) => sevenInSevenRule(p),
    }),
    defineRule({
      id: 'massachusetts_calls',
      citation: '940 CMR 7.04(1)(f): no more than two telephone communications (calls, texts, recorded messages) to the debtor\'s own numbers in each seven-day period, for each debt; applied where the debtor\'s state is Massachusetts or not known',
      citationZh: '940 CMR 7.04(1)(f)（马萨诸塞州债务催收条例）：每笔债务在每个七天期间内，对债务人本人号码的电话联系（通话、短信、录音留言）不得超过两次；'
        + '适用于债务人所在州为马萨诸塞州或不明的情形',
      unverified: 'whether a call that reaches no one counts (counted here, as the strict reading; busy signals and network errors are not), and whether the seven days are a calendar week (rolling here)',
      unverifiedZh: '无人接听的呼叫是否计入（此处从严计入；忙音和网络错误不计入），以及七天是否指自然周（此处按任意连续七天滚动计算）',
      legalFloor: true,
      params: { max: countParam(2, 'lower'), days: countParam(7, 'higher', 3660) },
      build: (p) => stateCallsRule(p, { state: 'US-MA', name: 'Massachusetts', nameZh: '马萨诸塞州' }),
    }),
    defineRule({
      id: 'nyc_communications',
      citation: "New York City's debt collection rules as amended (DCWP, 6 RCNY 5-77, in force 2026-09-01): no more than three communications or attempts (calls, texts, e-mails, visits) with the consumer in any seven-day period, for each account; applied where the debtor's state is New York or not known",
      citationZh: '纽约市债务催收规则修订版（DCWP 即纽约市消费者与劳动者保护局，6 RCNY 5-77，2026-09-01 起施行）：每个账户在任意七天内与消费者的联系或联系尝试'
        + '（通话、短信、电子邮件、上门）不得超过三次；适用于债务人所在州为纽约州或不明的情形',
      unverified: 'the paragraph and its exceptions (letters are not counted here; a call that reaches no one is, busy signals and network errors are not), and whether the seven days are rolling (here)',
      unverifiedZh: '具体条款及其例外（此处信函不计入；无人接听的呼叫计入，忙音和网络错误不计入），以及七天是否滚动计算（此处滚动计算）',
      legalFloor: true,
      params: { max: countParam(3, 'lower'), days: countParam(7, 'higher', 3660) },
      build: (p) => nycCommunicationsRule(p),
    }),
    defineRule({
      id: 'washington_communications',
      citation: "RCW 19.16.250(13)(c): a collection agency may not communicate with the debtor more than three times in a single week (calls and letters, as the state's Attorney General reads it), all of the debtor's debts together; applied where the debtor's state is Washington or not known",
      citationZh: 'RCW 19.16.250(13)(c)（华盛顿州修订法典）：催收机构在一周内与债务人联系不得超过三次（按该州总检察长的理解，包括通话和信函），债务人的所有债务合并计算；'
        + '适用于债务人所在州为华盛顿州或不明的情形',
      unverified: 'whether texts, e-mails and visits count (here they do), whether a call that reaches no one counts (here it does; busy signals and network errors do not), whether the week is any seven days (here) or a calendar week; letters the law requires are counted but never held back; the once-a-week limit on calls at work is not applied (the product does not know which number is at work)',
      unverifiedZh: '短信、电子邮件和上门是否计入（此处计入）；无人接听的呼叫是否计入（此处计入；忙音和网络错误不计入）；一周是指任意连续七天（此处）还是自然周；'
        + '法律要求寄送的信函计入次数，但从不因此暂缓寄送；每周最多致电工作单位一次的限制未执行（本系统不知道哪个号码是工作电话）',
      legalFloor: true,
      params: { max: countParam(3, 'lower'), days: countParam(7, 'higher', 3660) },
      build: (p) => washingtonCommunicationsRule(p),
    }),
    defineRule({
      id: 'cool_down',
      citation: '12 CFR 1006.14(b)(2)(i)(B)',
      citationZh: '12 CFR 1006.14(b)(2)(i)(B)（FDCPA 条例 F）',
      legalFloor: true,
      params: { days: countParam(7, 'higher', 3660) },
      build: (p) => coolDownRule(p),
    }),
    defineRule({ id: 'medium_opt_out', citation: '12 CFR 1006.14(h)', citationZh: '12 CFR 1006.14(h)（FDCPA 条例 F）', legalFloor: true, params: {}, build: () => mediumOptOutRule() }),
    defineRule({ id: 'work_email', citation: '12 CFR 1006.22(f)(3)', citationZh: '12 CFR 1006.22(f)(3)（FDCPA 条例 F）', legalFloor: true, params: {}, build: () => workEmailRule() }),
    defineRule({
      id: 'email_safe_harbor',
      citation: "12 CFR 1006.6(d)(3)-(4): e-mail only where Reg F's safe harbour against third-party disclosure holds (the agency's rule; Reg F does not require the safe harbour)",
      citationZh: '12 CFR 1006.6(d)(3)-(4)（FDCPA 条例 F）：仅在符合条例 F 关于防止向第三方披露的安全港时发送电子邮件（本机构的规则；条例 F 并不要求符合该安全港）',
      legalFloor: false,
      params: { notice_days: countParam(35, 'higher', 3660) },
      build: (p) => emailSafeHarborRule(p),
    }),
    defineRule({
      id: 'nyc_electronic_consent',
      citation: "New York City's debt collection rules as amended (DCWP, 6 RCNY 5-77, in force 2026-09-01): e-mail and text messages only to a consumer who agreed to be contacted that way at that address or number; applied where the debtor's state is New York or not known",
      citationZh: '纽约市债务催收规则修订版（DCWP 即纽约市消费者与劳动者保护局，6 RCNY 5-77，2026-09-01 起施行）：电子邮件和短信只发给同意通过该地址或号码以该方式接受联系的消费者；'
        + '适用于债务人所在州为纽约州或不明的情形',
      unverified: 'the paragraph, and what counts as the consumer\'s agreement (here: the address or number was given to us for that, or the debtor told a collector they agree, recorded on the account page)',
      unverifiedZh: '具体条款，以及何为消费者的同意（此处：该地址或号码是为此目的提供给我们的，或债务人向催收员表示同意，并记录在账户页面上）',
      legalFloor: true,
      params: {},
      build: () => nycElectronicConsentRule(),
    }),
    defineRule({ id: 'cease', citation: '12 CFR 1006.6(c)', citationZh: '12 CFR 1006.6(c)（FDCPA 条例 F）', legalFloor: true, params: {}, build: () => usCeaseRule() }),
    defineRule({ id: 'dispute', citation: '12 CFR 1006.38(d)(2)', citationZh: '12 CFR 1006.38(d)(2)（FDCPA 条例 F）', legalFloor: true, params: {}, build: () => usDisputeRule() }),
    defineRule({ id: 'attorney', citation: '12 CFR 1006.6(b)(2); 15 USC 1692b(6)',
      citationZh: '12 CFR 1006.6(b)(2)（FDCPA 条例 F）；15 USC 1692b(6)（FDCPA，美国《公平债务催收作业法》）', legalFloor: true, params: {}, build: () => usAttorneyRule() }),
    defineRule({
      id: 'third_party',
      citation: '15 USC 1692b(2), (3); 12 CFR 1006.10',
      citationZh: '15 USC 1692b(2)、(3)（FDCPA，美国《公平债务催收作业法》）；12 CFR 1006.10（FDCPA 条例 F）',
      legalFloor: true,
      params: { max: countParam(1, 'lower') },
      build: (p) => usThirdPartyRule(p),
    }),
    defineRule({
      id: 'holds',
      ...holdsCitation,
      legalFloor: false,
      params: {},
      // cease, dispute and attorney have their own Reg F rules above.
      build: () => holdsRule(['deceased', 'bankrupt', 'capacity', 'complaint_review', 'hardship_review']),
    }),
    defineRule({ id: 'suspension', ...suspensionCitation, legalFloor: false, params: {}, build: () => suspensionRule() }),
    defineRule({ id: 'mandate', ...mandateCitation, legalFloor: false, params: {}, build: () => mandateRule() }),
    defineRule({ id: 'in_plan', ...inPlanCitation, legalFloor: false, params: {}, build: () => inPlanRule() }),
    defineRule({
      id: 'validation_notice',
      citation: '12 CFR 1006.34(a)(1): the validation notice, sent first (the agency\'s rule; Reg F also allows it within five days after the first communication)',
      citationZh: '12 CFR 1006.34(a)(1)（FDCPA 条例 F）：先寄出债务确认通知（本机构的规则；条例 F 也允许在首次联系后五天内寄出）',
      legalFloor: false,
      params: {},
      build: () => usValidationNoticeRule(),
    }),
    defineRule({ id: 'consent', ...consentCitation, legalFloor: false, params: {}, build: () => consentRule(false) }),
  ],
};
