import { postForPdf, type PrintedPdf } from '../lib/printed-pdf.ts';
import { request } from '../workstation/request.ts';

export interface Creditor {
  id: number; code: string; name: string;
  /** Its name in English, shown to its debtors reading English or Spanish; null: its name is shown. */
  name_en: string | null;
  accounts: number; repayment_zh: string | null; repayment_en: string | null;
  /** The compliance pack of the contract in force; null before a contract is written. */
  pack: string | null;
  /** Under a US contract: open accounts still waiting for their validation notice. */
  validation_notices_due: number | null;
  /** Under a US contract: open accounts whose debtor has no US state on file. */
  accounts_without_state: number | null;
  notices_without_charge_off: number | null;
  substantiations_due: number | null;
  substantiate_by: string | null;
  /** Under a US contract: verified disputes whose verification letter is still to be mailed (collection waits for it). */
  verifications_due: number | null;
  /** Under a US contract: arrangements of New York debtors (or of unknown state) not yet confirmed in writing, and those past the five days. */
  arrangement_confirmations_due: number | null;
  arrangement_confirmations_late: number | null;
  /** Under a US contract: three-monthly statements due to New York debtors paying under a schedule. */
  arrangement_statements_due: number | null;
  /** The signed-in user's team works this bank (its accounts or territories): the bank a screen opens on. */
  team_works: boolean;
}

export const fetchCreditors = (signal?: AbortSignal) => request<{ items: Creditor[] }>('GET', '/api/creditors', undefined, signal);
export const addCreditor = (code: string, name: string, nameEn: string) =>
  request<{ id: number; code: string; name: string; name_en: string | null }>('POST', '/api/creditors', { code, name, name_en: nameEn.trim() ? nameEn : null });

/** The creditor's name in English (for its debtors reading English or Spanish); empty clears it. */
export const setEnglishName = (code: string, nameEn: string) =>
  request<{ code: string; name: string; name_en: string | null }>('PUT', `/api/creditors/${encodeURIComponent(code)}/name-en`, { name_en: nameEn.trim() ? nameEn : null });

/** 还款方式: how the creditor's debtors pay it, shown on their portal and in letters; both empty clears it. */
export const setRepayment = (code: string, zh: string, en: string) =>
  request<{ repayment_zh: string | null; repayment_en: string | null }>('PUT', `/api/creditors/${encodeURIComponent(code)}/repayment`, { zh, en: en.trim() ? en : null });

/** A US creditor's validation notices (12 CFR 1006.34) as one PDF: each open account that has had none, recorded as sent. */
export const printValidationNotices = (code: string): Promise<PrintedPdf> =>
  postForPdf('/api/letters/validation-notices', { creditor: code }, 'x-notices', `validation-notices-${code}.pdf`);

/**
 * A US creditor's validation notices by e-mail (12 CFR 1006.42): queued for today to addresses the
 * debtor gave us (Reg F's safe harbour); each counts once it goes. What cannot go is left for the post.
 */
export const emailValidationNotices = (code: string) =>
  request<{ date: string; queued: number; refused: Record<string, number> }>('POST', '/api/letters/validation-notices/email', { creditor: code });

/** A US creditor's written confirmations of New York debtors' payment arrangements (23 NYCRR 1.5(b)) as one PDF, each recorded as sent. */
export const printArrangementConfirmations = (code: string): Promise<PrintedPdf> =>
  postForPdf('/api/letters/arrangement-confirmations', { creditor: code }, 'x-notices', `arrangement-confirmations-${code}.pdf`);

/** A US creditor's three-monthly statements to New York debtors paying under a schedule (23 NYCRR 1.5(b)) as one PDF. */
export const printArrangementStatements = (code: string): Promise<PrintedPdf> =>
  postForPdf('/api/letters/arrangement-statements', { creditor: code }, 'x-notices', `arrangement-statements-${code}.pdf`);

/** A US creditor's dispute verifications (12 CFR 1006.38(d)(2)) as one PDF: each recorded as sent, its dispute's hold released. */
/** `documentsEnclosed`: the bank's documents are in the envelopes of the letters that substantiate a New York debt (23 NYCRR 1.4). */
export const printVerifications = (code: string, documentsEnclosed = false): Promise<PrintedPdf> =>
  postForPdf('/api/letters/verifications', { creditor: code, documents_enclosed: documentsEnclosed }, 'x-notices', `verifications-${code}.pdf`);

/** A collection licence (催收执照) of the agency: a US state's (US-CO) or New York City's (US-NY-NYC). */
export interface Licence { jurisdiction: string; name_en: string; name_zh: string; number: string; updated_at: string }
export interface LicencesOverview {
  items: Licence[];
  /** The open US accounts by the debtor's state (null: not known), with the licences their letters carry. */
  us_accounts: Array<{ state: string | null; name: string | null; accounts: number; licences: string[] }>;
}

export const fetchLicences = (signal?: AbortSignal) => request<LicencesOverview>('GET', '/api/licences', undefined, signal);
export const setLicence = (jurisdiction: string, number: string) =>
  request<Licence>('PUT', `/api/licences/${encodeURIComponent(jurisdiction)}`, { number });
export const removeLicence = (jurisdiction: string) =>
  request<{ jurisdiction: string; removed: string }>('DELETE', `/api/licences/${encodeURIComponent(jurisdiction)}`);

/** A notice a state or New York City asks for that the product does not write: the agency's words, on the back of a validation notice there. */
export interface StateNotice { jurisdiction: string; name_en: string; name_zh: string; en: string; es: string | null; updated_at: string }
export const fetchStateNotices = (signal?: AbortSignal) => request<{ items: StateNotice[] }>('GET', '/api/state-notices', undefined, signal);
export const setStateNotice = (jurisdiction: string, en: string, es: string) =>
  request<StateNotice>('PUT', `/api/state-notices/${encodeURIComponent(jurisdiction)}`, { en, es: es.trim() ? es : null });
export const removeStateNotice = (jurisdiction: string) => request<{ jurisdiction: string }>('DELETE', `/api/state-notices/${encodeURIComponent(jurisdiction)}`);

/** A creditor's placement (委案批次): its term and its accounts by where they stand. */
export interface Placement {
  id: number; batch_ref: string; placed_on: string; ends_on: string; days_left: number; state: 'in_term' | 'ending_soon' | 'ended';
  accounts: number; in_collection: number; recalled: number; finished: number; retained: number;
}

export const fetchPlacements = (code: string, signal?: AbortSignal) =>
  request<{ creditor: string; date: string; items: Placement[] }>('GET', `/api/creditors/${encodeURIComponent(code)}/placements`, undefined, signal);

/** Extends a placement's term (延期) to a later last day; audited. */
export const extendPlacement = (code: string, batchRef: string, until: string, reason: string) =>
  request<{ batch_ref: string; ends_on: string; was: string }>('POST', `/api/creditors/${encodeURIComponent(code)}/placements/extend`,
    { batch_ref: batchRef, until, reason: reason.trim() ? reason : null });

/** Keeps accounts past their placement's last day (留案) until a day; audited. */
export const retainAccounts = (code: string, accountNos: string[], until: string, reason: string) =>
  request<{ until: string; retained: Array<{ account_no: string }>; refused: Array<{ account_no: string; reason: string; reason_zh: string }> }>(
    'POST', `/api/creditors/${encodeURIComponent(code)}/placements/retain`, { account_nos: accountNos, until, reason: reason.trim() ? reason : null });
