/**
 * Hardship applications (停息挂账 / 个性化分期申请), the pure parts: the reasons, the contract
 * terms that bear on them (decision deadline, plan grace, longest plan), the decision deadline on the
 * Chinese business calendar, affordability, and the evidence file rules. No clock, no I/O.
 */
import { addBusinessDays, type Country } from '../country.ts';
import type { LocalDate } from '../calendar.ts';
import { invalidInput } from '../errors.ts';
import type { Fen } from '../money.ts';
import { PLAN_INSTALMENT_MAX, type PlanLengthLimit, type PlanPack } from './plan.ts';

export const HARDSHIP_REASONS = ['unemployment', 'illness', 'disaster', 'business_failure', 'income_drop', 'other'] as const;
export type HardshipReason = (typeof HARDSHIP_REASONS)[number];

export function isHardshipReason(value: unknown): value is HardshipReason {
  return typeof value === 'string' && (HARDSHIP_REASONS as readonly string[]).includes(value);
}

/** Business days the creditor has to decide when the contract says nothing (terms.hardship_decision_days). */
export const DEFAULT_DECISION_DAYS = 10;
/** Calendar days after an instalment's due date before it counts as missed (terms.plan_grace_days). */
export const DEFAULT_PLAN_GRACE_DAYS = 5;
/** A grace longer than a month would let a plan run a whole instalment behind. */
export const MAX_PLAN_GRACE_DAYS = 30;
export const MAX_DECISION_DAYS = 60;

function termDays(terms: Record<string, unknown> | null | undefined, key: string, fallback: number, max: number): number {
  const value = terms?.[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw invalidInput({
      en: `Contract term ${key} must be a whole number of days from 0 to ${max}; got ${JSON.stringify(value)}`,
      zh: `委托合同条款 ${key} 须为 0 到 ${max} 之间的整数天数；当前为 ${JSON.stringify(value)}`,
    }, key);
  }
  return value;
}

export function decisionDays(terms: Record<string, unknown> | null | undefined): number {
  return termDays(terms, 'hardship_decision_days', DEFAULT_DECISION_DAYS, MAX_DECISION_DAYS);
}

export function planGraceDays(terms: Record<string, unknown> | null | undefined): number {
  return termDays(terms, 'plan_grace_days', DEFAULT_PLAN_GRACE_DAYS, MAX_PLAN_GRACE_DAYS);
}

/**
 * The longest plan the account's contract allows: the pack's maximum (plan.ts PLAN_INSTALMENT_MAX),
 * cut by what the creditor's contract sets, its `max_instalment_months` term (a bank's own policy:
 * e.g. 36 months) and a lower compliance setting for the pack's rule (`compliance.instalment_max.months`,
 * which the compliance engine reads too). A contract may ask for less than the rules, never more.
 */
export function longestPlan(pack: PlanPack, terms: Record<string, unknown> | null | undefined): PlanLengthLimit {
  const rules = PLAN_INSTALMENT_MAX[pack];
  const contract = terms?.max_instalment_months;
  if (contract !== undefined && contract !== null && (typeof contract !== 'number' || !Number.isInteger(contract) || contract < 1)) {
    throw invalidInput({
      en: `This bank's contract gives its longest plan (max_instalment_months) as ${JSON.stringify(contract)}, not a whole number of months; an admin must correct the contract before a plan can be quoted`,
      zh: `该银行委托合同中的最长分期期数（max_instalment_months）为 ${JSON.stringify(contract)}，不是整数月数；须由管理员更正合同后才能试算分期`,
    }, 'max_instalment_months');
  }
  const compliance = (terms?.compliance as Record<string, { months?: unknown } | undefined> | undefined)?.instalment_max?.months;
  const limits = [typeof contract === 'number' ? contract : Infinity, typeof compliance === 'number' && Number.isInteger(compliance) && compliance >= 1 ? compliance : Infinity];
  const byContract = Math.min(...limits);
  return byContract < rules ? { months: byContract, setBy: 'contract' } : { months: rules, setBy: 'rules' };
}

/**
 * The last business date the creditor may decide on: `days` business days after the
 * submission's business date, counting from the next day, in the country of the contract (China:
 * weekends and State Council holidays skipped, adjusted working Saturdays counted; US and UK:
 * their own; country.ts addBusinessDays).
 */
export function decisionDeadline(submittedOn: LocalDate, days: number, country: Country = 'CN'): LocalDate {
  return addBusinessDays(country, submittedOn, days);
}

/** The application has expired once the business date is past its deadline. */
export function isPastDeadline(deadline: LocalDate, businessDate: LocalDate): boolean {
  return businessDate > deadline;
}

export interface Affordability {
  /** Income minus essential spending: what the debtor could put towards the plan each month. */
  disposable_fen: number;
  /** The plan's largest monthly instalment. */
  instalment_fen: number;
  /** The instalment fits in the disposable income. */
  affordable: boolean;
  /** Instalment as basis points of disposable income (null when nothing is left over). */
  share_bp: number | null;
}

/** Affordability of a plan for a debtor's stated monthly income and essential spending. */
export function affordability(incomeFen: Fen, essentialsFen: Fen, instalmentFen: Fen): Affordability {
  const disposable = incomeFen - essentialsFen;
  const share = disposable > 0 ? Number((BigInt(instalmentFen) * 10_000n + BigInt(disposable) - 1n) / BigInt(disposable)) : null;
  return { disposable_fen: disposable, instalment_fen: instalmentFen, affordable: disposable >= instalmentFen, share_bp: share };
}

// ---------------------------------------------------------------------------------------
// Evidence files.

export const EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;
export const EVIDENCE_MAX_FILES = 5;
export const EVIDENCE_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/heic'] as const;
export type EvidenceType = (typeof EVIDENCE_TYPES)[number];

const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);

/**
 * The file's type from its first bytes (never its name or a declared type): PDF `%PDF-`,
 * JPEG `FF D8 FF`, PNG's 8-byte signature, HEIC an ISO-BMFF `ftyp` box with a HEIF brand.
 * Anything else (HTML, scripts, archives) is null and refused.
 */
export function detectEvidenceType(bytes: Uint8Array): EvidenceType | null {
  const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (bytes.length >= 12 && starts([0x66, 0x74, 0x79, 0x70], 4)) {
    const brand = String.fromCharCode(...bytes.subarray(8, 12));
    if (HEIC_BRANDS.has(brand)) return 'image/heic';
  }
  return null;
}

const EXTENSIONS: Record<EvidenceType, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png', 'image/heic': 'heic' };

/** A file name safe to store and to put in a Content-Disposition header: no path, no control characters, the detected type's extension. */
export function safeEvidenceName(name: string, type: EvidenceType): string {
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f"<>|:*?]/g, '').trim().slice(0, 120);
  const stem = base.replace(/\.[A-Za-z0-9]{1,5}$/, '') || 'evidence';
  return `${stem}.${EXTENSIONS[type]}`;
}

/**
 * Checks one evidence file; throws INVALID_INPUT naming `field` (e.g. evidence[0]) for the form,
 * and in its words the file as the user knows it: by its name (`fileName`, without any folder), else by `field`.
 */
export function checkEvidence(bytes: Uint8Array, field: string, fileName?: string): EvidenceType {
  const base = (fileName?.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const file = base ? { en: `The file ${base}`, zh: `文件 ${base} ` } : { en: field, zh: `${field} ` };
  if (bytes.length === 0) throw invalidInput({ en: `${file.en} is empty (0 bytes): check that it is the right file`, zh: `${file.zh}是空文件（0 字节）：请检查是否选对了文件` }, field);
  if (bytes.length > EVIDENCE_MAX_BYTES) {
    const mb = (bytes.length / 1024 / 1024).toFixed(1);
    throw invalidInput({
      en: `${file.en} is ${mb} MB; an evidence file may be at most 10 MB: scan it at a lower resolution or send the pages as separate files`,
      zh: `${file.zh}大小为 ${mb} MB；每个证明材料文件最大 10 MB：请降低扫描分辨率，或分页上传`,
    }, field);
  }
  const type = detectEvidenceType(bytes);
  if (!type) {
    throw invalidInput({
      en: `${file.en} is not a PDF, JPEG, PNG or HEIC file (judged by its content, not its name): save or scan it as one of those`,
      zh: `${file.zh}不是 PDF、JPEG、PNG 或 HEIC 文件（按文件内容判断，而非文件名）：请另存或扫描为其中一种格式`,
    }, field);
  }
  return type;
}
