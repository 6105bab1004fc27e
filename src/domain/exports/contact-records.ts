/**
 * Contact records for the bank (催记回传): the file an agency sends its creditor, usually every
 * day for the day before, with every contact attempt on the creditor's accounts. Banks supervise
 * their collection agencies through it (who was contacted, when, how, by whom, with what
 * result), and match it to their own records by their account number.
 *
 * One row per attempt, oldest first. Words in zh-CN or en; the contact point masked as on the
 * screens; instants as the agency's wall clock. The collector's note goes with the numbers in it
 * masked (maskNumbersInText), and not at all for a contact with a third party: such a note names
 * the person and what they are to the debtor, which is not the bank's to hold. In a CSV, free
 * text that a spreadsheet would read as a formula (= + - @ at the start) is kept as text.
 */
import { addDays, type LocalDate } from '../calendar.ts';
import { invalidInput } from '../errors.ts';
import { csvLine } from '../import/csv.ts';
import { maskNumbersInText } from '../masking.ts';
import { outcomeCode } from '../workstation/outcomes.ts';

export type ExportLocale = 'zh-CN' | 'en';

/** At most this many days in one file: a month, what a bank asks for again after an outage. */
export const MAX_EXPORT_DAYS = 31;

export interface ContactRecord {
  account_no: string;
  /** The agency's wall clock, "2026-03-02 10:15:07". */
  at_local: string;
  channel: string;
  party: string;
  contact_point_mask: string | null;
  outcome: string;
  delinquency_reason: string | null;
  note: string | null;
  collector_name: string | null;
  initiated_by: string;
  recording_ref: string | null;
}

export const CONTACT_RECORD_HEADERS: Record<ExportLocale, readonly string[]> = {
  'zh-CN': ['账号', '催收时间', '方式', '对象', '联系方式', '结果代码', '结果', '逾期原因', '备注', '催收员', '发起方', '录音编号'],
  en: ['account_no', 'contacted_at', 'channel', 'party', 'contact_point', 'outcome_code', 'outcome', 'delinquency_reason', 'note', 'collector', 'initiated_by', 'recording_ref'],
};

const WORDS: Record<ExportLocale, {
  channels: Record<string, string>; parties: Record<string, string>; initiated: Record<string, string>; reasons: Record<string, string>; system: string;
  /** In place of a third-party contact's note. */
  withheld: string;
}> = {
  'zh-CN': {
    channels: { call: '电话', sms: '短信', email: '邮件', letter: '信函', visit: '外访' },
    parties: { debtor: '本人', third_party: '第三方' },
    initiated: { agency: '我方', debtor: '债务人来电' },
    reasons: { unemployment: '失业', illness: '疾病', business_failure: '经营失败', disaster: '灾害', income_drop: '收入下降', other: '其他' },
    system: '系统',
    withheld: '（第三方联系，备注不回传）',
  },
  en: {
    channels: { call: 'Call', sms: 'SMS', email: 'E-mail', letter: 'Letter', visit: 'Visit' },
    parties: { debtor: 'Debtor', third_party: 'Third party' },
    initiated: { agency: 'Agency', debtor: 'Debtor called in' },
    reasons: { unemployment: 'Unemployment', illness: 'Illness', business_failure: 'Business failure', disaster: 'Disaster', income_drop: 'Income drop', other: 'Other' },
    system: 'System',
    withheld: '(third-party contact: note not sent)',
  },
};

/** A cell a spreadsheet must show as text, not evaluate (CSV injection). */
export function asText(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** The cells of one record, in the header's order (an XLSX row: its strings are never formulas). */
export function contactRecordCells(r: ContactRecord, locale: ExportLocale): string[] {
  const w = WORDS[locale];
  const outcome = outcomeCode(r.outcome);
  return [
    r.account_no, r.at_local, w.channels[r.channel] ?? r.channel, w.parties[r.party] ?? r.party, r.contact_point_mask ?? '',
    r.outcome, outcome ? (locale === 'zh-CN' ? outcome.zh : outcome.en) : r.outcome,
    r.delinquency_reason === null ? '' : (w.reasons[r.delinquency_reason] ?? r.delinquency_reason),
    r.note === null || r.note === '' ? '' : r.party === 'third_party' ? w.withheld : maskNumbersInText(r.note), r.collector_name ?? (r.initiated_by === 'agency' ? w.system : ''),
    w.initiated[r.initiated_by] ?? r.initiated_by, r.recording_ref ?? '',
  ];
}

/** The CSV header line, with a byte order mark so Excel and WPS read the Chinese (UTF-8 files). */
export function contactRecordsCsvHeader(locale: ExportLocale, bom: boolean): string {
  return (bom ? '\uFEFF' : '') + csvLine(CONTACT_RECORD_HEADERS[locale]);
}

/** One CSV line: every cell kept as text for a spreadsheet that opens the file. */
export function contactRecordCsvLine(r: ContactRecord, locale: ExportLocale): string {
  return csvLine(contactRecordCells(r, locale).map(asText));
}

/**
 * The days a file covers: `from` to `to` inclusive; one day when only one is given; by default
 * the day before `today` (the usual T+1 file). Refused: `to` before `from`, a day after today, more than MAX_EXPORT_DAYS.
 */
export function exportPeriod(today: LocalDate, from: LocalDate | null, to: LocalDate | null): { from: LocalDate; to: LocalDate } {
  const end = to ?? from ?? addDays(today, -1);
  const start = from ?? end;
  if (end < start) throw invalidInput({ en: `to (${end}) is before from (${start})`, zh: `结束日期（${end}）早于开始日期（${start}）` }, 'to');
  if (end > today) {
    // Named as the reader gave it: `from` alone is the one day asked for.
    if (to === null) throw invalidInput({ en: `from (${end}) is after today (${today})`, zh: `开始日期（${end}）晚于今天（${today}）` }, 'from');
    throw invalidInput({ en: `to (${end}) is after today (${today})`, zh: `结束日期（${end}）晚于今天（${today}）` }, 'to');
  }
  if (addDays(start, MAX_EXPORT_DAYS - 1) < end) {
    throw invalidInput({ en: `A file covers at most ${MAX_EXPORT_DAYS} days (${start} to ${end} is more)`, zh: `一个文件最多包含 ${MAX_EXPORT_DAYS} 天（${start} 至 ${end} 超出）` }, 'from');
  }
  return { from: start, to: end };
}
