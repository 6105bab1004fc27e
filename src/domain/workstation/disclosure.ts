import { readsSpanish } from '../language.ts';

/**
 * What a collector says first on a call under a US contract: a debt collector must say it is one
 * in every communication (12 CFR 1006.18(e)), and must not tell anyone but the debtor about the
 * debt (1006.6(d), 15 USC 1692b), so the script confirms who answered before anything else. Calls
 * are recorded, and a dozen states (California, Florida, Illinois, Massachusetts, Pennsylvania,
 * Washington, ...) let a call be recorded only when everyone on it knows: the script says so on
 * every call, wherever the debtor is (their state is not always known, and saying it costs nothing).
 * `timeBarNotice`: New York's notice on a debt that may be time-barred (newYorkTimeBarNotice), for a
 * debtor under New York City's rules, whose rules ask for it in every communication on such a debt:
 * read on every call, after the words above. Null under other packs (China's and the UK's rules ask
 * for no set words).
 */
export function callDisclosure(pack: string | null | undefined, agencyName: string, debtorName: string, language: string | null = null,
  timeBarNotice: { en: string; es: string } | null = null): { en: string; zh: string; es?: string } | null {
  if (pack !== 'US') return null;
  // A debt that may be past its time limit, of a debtor under New York City's rules: its notice is part of every communication (every call).
  const notice = timeBarNotice
    ? { en: ` Then, because this debt may be past its time limit, read on every call (New York City's rules, 6 RCNY 5-77; wording not yet confirmed by compliance): "${timeBarNotice.en}"`,
        zh: ` 然后，因这笔债务可能已过诉讼时效，每次通话都要宣读（纽约市规定，6 RCNY 5-77；措辞待合规确认）：“${timeBarNotice.en}”`,
        es: ` "${timeBarNotice.es}"` }
    : { en: '', zh: '', es: '' };
  return {
    // For a debtor who reads Spanish, the same words in Spanish, for a collector who speaks it.
    ...(readsSpanish(pack, language) ? { es: `"Le habla ${agencyName}. Esta es una comunicación de un cobrador de deudas. Este es un intento de cobrar una deuda `
      + `y cualquier información que se obtenga se utilizará con ese fin. Esta llamada está siendo grabada."${notice.es}` } : {}),
    en: `First ask for ${debtorName} and confirm it is them; say nothing about the debt to anyone else. Then say: "This is ${agencyName}. `
      + 'This is a communication from a debt collector. This is an attempt to collect a debt, and any information obtained will be used for that purpose. '
      + `This call is being recorded." (12 CFR 1006.18(e), 1006.6(d); the all-party consent states' recording laws, e.g. Cal. Penal Code 632)${notice.en}`,
    zh: `先请${debtorName}本人接听并核实身份，不得向其他任何人提及债务。然后说：“This is ${agencyName}. This is a communication from a debt collector. `
      + 'This is an attempt to collect a debt, and any information obtained will be used for that purpose. This call is being recorded.”'
      + `（12 CFR 1006.18(e)、1006.6(d)；须经通话各方同意方可录音的州的法律，如加州刑法第632条）${notice.zh}`,
  };
}

/** Who is calling whom about what, for a Chinese contract's call script. */
export interface CallParties { agencyName: string; collectorId: string; creditorName: string; accountLast4: string; debtorName: string }

/**
 * What a collector says first on a call under a Chinese contract: confirm who answered and tell no
 * one else of the debt (third parties are never told, DOMAIN.md; 消费金融公司管理办法 2024), then
 * say who is calling, for which bank, about which account (the last four digits only), and that
 * the call is recorded (every call is, `CN.recording`). The self-regulatory convention asks
 * collectors to identify themselves and their authority (互联网金融逾期债务催收自律公约(试行); not
 * yet verified against the official text, like the pack's parameters marked U, and said so in
 * words a collector reads: 待合规确认, to be confirmed by compliance).
 */
export function chineseCallScript(p: CallParties): { en: string; zh: string } {
  return {
    zh: `先请${p.debtorName}本人接听并核实身份，不得向其他任何人透露债务信息。然后说：“您好，我是${p.agencyName}的催收员，工号${p.collectorId}，`
      + `受${p.creditorName}委托，就您尾号${p.accountLast4}的账户逾期还款一事与您联系。本次通话将被录音。”（依据互联网金融逾期债务催收自律公约（试行），待合规确认）`,
    en: `First ask for ${p.debtorName} and confirm it is them; tell no one else about the debt. Then say (in Chinese): "This is ${p.agencyName}, `
      + `collector no. ${p.collectorId}, calling for ${p.creditorName} about your overdue account ending ${p.accountLast4}. This call is recorded." `
      + '(after the Internet finance overdue debt collection self-regulatory convention; to be confirmed by compliance)',
  };
}

/** Words that tell whoever hears a name that its business is collecting debts. */
const COLLECTION_WORDS = /collect|debt|recover|receivable/i;

/**
 * What a collector may leave on a voicemail (or with whoever answers who is not the debtor)
 * under a US contract: a limited-content message (12 CFR 1006.2(j)), which is not a communication
 * about the debt: a business name that does not say it collects debts, a request to call back,
 * a person's name and a number to call, nothing about the debt, the creditor or the account. An
 * agency whose name says it collects debts cannot leave one (the name alone tells the listener).
 * Under a UK contract no words are set (CONC 7), but whoever plays the tape must not learn of the
 * debt (CONC 7.9.7R; 7.9.8G(2): a name that says the firm collects debts is not shown to third
 * parties) and the debtor must not be drawn to call back misled about why (CONC 7.9.2R): so the
 * same message, the agency's name and a number only, under the same conditions (ukVoicemail).
 * `phone`: the agency's number for the contract's country (`phone_us`, `phone_uk`,
 * src/domain/site/agency-phone.ts), never its Chinese line, which a debtor abroad cannot call
 * back. Without one there is no message to leave (a number to reply to is part of it,
 * 1006.2(j)(1)(iv); a UK message asking to be called back without one would be heard and not
 * answered): the collector is told to leave none, and why, rather than read out another number
 * or none. Null under a Chinese contract.
 */
export function voicemailMessage(pack: string | null | undefined, agencyName: string, phone: string | null, language: string | null = null):
  { en: string; zh: string; es?: string } | null {
  if (pack === 'UK') return ukVoicemail(agencyName, phone);
  if (pack !== 'US') return null;
  if (COLLECTION_WORDS.test(agencyName)) {
    return {
      en: `Leave no voicemail: the agency's name ("${agencyName}") says it collects debts, which a limited-content message may not (12 CFR 1006.2(j)).`,
      zh: `不要留言：本机构名称（“${agencyName}”）表明是催收机构，有限内容留言不得如此（12 CFR 1006.2(j)）。`,
    };
  }
  const number = phone?.trim();
  if (!number) {
    return {
      en: 'Leave no voicemail: the agency has no US call-back number set, and a limited-content message must give one (12 CFR 1006.2(j)(1)(iv)); '
        + 'the agency\'s Chinese line is not one a debtor in the US can call. An admin sets it: Public site, page "Contact · en", field "US phone" (phone_us).',
      zh: '不要留言：本机构尚未设置美国回电号码，而有限内容留言必须留下回电号码（12 CFR 1006.2(j)(1)(iv)）；本机构的中国号码美国债务人无法回拨。'
        + '请管理员在“官网管理”的“联系我们 · en”页面填写“美国电话”（phone_us）。',
    };
  }
  const words = `"Hello, this is [your name] calling from ${agencyName}. Please call me back at ${number}. Thank you."`;
  return {
    ...(readsSpanish(pack, language) ? { es: `"Hola, le habla [su nombre] de ${agencyName}. Por favor, devuélvame la llamada al ${number}. Gracias."` } : {}),
    en: `On a voicemail, or to anyone but the debtor, leave only: ${words} Nothing about the debt, the creditor or the account (a limited-content message, 12 CFR 1006.2(j)).`,
    zh: `如接通语音信箱或非本人接听，只可留言：${words}（[your name] 处说你的名字）。不得提及债务、委托方或账户（有限内容留言，12 CFR 1006.2(j)）。`,
  };
}

/** The UK's voicemail (voicemailMessage): the agency's name and its UK number, in British words; none without the number. */
function ukVoicemail(agencyName: string, phone: string | null): { en: string; zh: string } {
  if (COLLECTION_WORDS.test(agencyName)) {
    return {
      en: `Leave no voicemail: the agency's name ("${agencyName}") says it collects debts, which whoever plays the message would learn (CONC 7.9.7R, 7.9.8G).`,
      zh: `不要留言：本机构名称（“${agencyName}”）表明是催收机构，听到留言的任何人都会知道债务（CONC 7.9.7R、7.9.8G）。`,
    };
  }
  const number = phone?.trim();
  if (!number) {
    return {
      en: 'Leave no voicemail: the agency has no UK call-back number set, and a message asking to be called back must give one; '
        + 'the agency\'s Chinese line is not one a debtor in the UK should be asked to call. An admin sets it: Public site, page "Contact · en", field "UK phone" (phone_uk).',
      zh: '不要留言：本机构尚未设置英国回电号码，而请对方回电的留言必须留下号码；不应要求英国债务人拨打本机构的中国号码。'
        + '请管理员在“官网管理”的“联系我们 · en”页面填写“英国电话”（phone_uk）。',
    };
  }
  const words = `"Hello, this is [your name] calling from ${agencyName}. Please call me back on ${number}. Thank you."`;
  return {
    en: `On a voicemail, or to anyone but the debtor, leave only: ${words} Nothing about the debt, the creditor or the account, and no other reason for the call `
      + '(third parties must not learn of the debt, CONC 7.9.7R; the debtor must not be misled about why to call, CONC 7.9.2R).',
    zh: `如接通语音信箱或非本人接听，只可留言：${words}（[your name] 处说你的名字）。不得提及债务、委托方或账户，也不得编造其他来电理由`
      + '（不得让第三方知悉债务，CONC 7.9.7R；不得误导债务人回电的原因，CONC 7.9.2R）。',
  };
}
