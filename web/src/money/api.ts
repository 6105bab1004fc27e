import type { Currency } from '../lib/money.ts';
import { request } from '../workstation/request.ts';

export interface StatementLine {
  line_no: number; payment_id: number; kind: 'payment' | 'adjustment'; account_no_mask: string; txn_id: string; paid_on: string;
  amount_fen: number; bucket: string | null; rate_bp: number; commission_fen: number; collector_name: string | null;
  /** The payment this line reverses (a bounced or refunded one); null for a payment. */ reverses_id: number | null;
}
export interface Statement {
  creditor: string; creditor_name: string; month: string; status: 'draft' | 'issued'; issued_at: string | null;
  /** The creditor's name in English (creditors.name_en); null: it has none. */
  creditor_name_en: string | null;
  /** The currency of the creditor's contract. */
  currency: Currency;
  totals: { recovered_fen: number; commission_fen: number; net_due_fen: number; lines: number }; lines: StatementLine[];
}
export interface ContractVersion { version: number; effective_from: string; created_at: string; contract: Record<string, unknown> }
export interface IncentiveRow {
  collector_id: number; username: string; display_name: string; recovered_fen: number; commission_fen: number; payments: number;
  promises_kept: number; upheld_complaints: number;
  /** Accounts paid in full or settled by a last payment in the month credited to the collector (结清户数). */
  paid_off: number;
}
export interface IncentiveReport { month: string; currency: Currency; currencies: Currency[]; rows: IncentiveRow[]; totals: { recovered_fen: number; commission_fen: number; payments: number; promises_kept: number; upheld_complaints: number; paid_off: number } }
export interface Creditor { id: number; code: string; name: string;
  /** Its name in English; null: it has none. */
  name_en: string | null;
  /** The signed-in user's team works this bank: the screen's default. */
  team_works?: boolean }

const query = (params: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')).toString();

export const fetchCreditors = (signal?: AbortSignal) => request<{ items: Creditor[] }>('GET', '/api/creditors', undefined, signal);
export const fetchStatement = (creditor: string | undefined, month: string, signal?: AbortSignal) =>
  request<Statement>('GET', `/api/statements?${query({ creditor, month })}`, undefined, signal);
export const issueStatement = (creditor: string, month: string) => request<Statement>('POST', '/api/statements/issue', { creditor, month });
export const exportUrl = (creditor: string | undefined, month: string, format: 'csv' | 'xlsx' | 'pdf', locale: string) =>
  `/api/statements/export?${query({ creditor, month, format, locale })}`;
export const fetchContract = (creditor: string, signal?: AbortSignal) =>
  request<{ creditor: string; earliest_effective_from: string; versions: ContractVersion[] }>('GET', `/api/contracts?${query({ creditor })}`, undefined, signal);
/** A new version of the chosen creditor's contract: refused when the JSON names another creditor. */
export const saveContract = (creditor: string, contract: unknown, effectiveFrom: string) =>
  request<{ creditor: string; version: number; effective_from: string }>('POST', `/api/contracts?${query({ creditor, effective_from: effectiveFrom })}`, contract);
export const fetchIncentives = (month: string, currency: Currency | undefined, signal?: AbortSignal) =>
  request<IncentiveReport>('GET', `/api/incentives?${query({ month, currency })}`, undefined, signal);

/** The month before the one `today` (the agency's business date) falls in: the month a statement is usually built for. */
export function previousMonth(today: string): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/**
 * A rate in basis points as a percentage with two decimals (1500 -> "15.00%", -1 -> "-0.01%"), by
 * integer arithmetic on the magnitude so the sign stays in front. "—" for what is not a whole number
 * of basis points (the contract editor previews whatever JSON was typed; the server refuses it).
 */
export function rateText(bp: number): string {
  if (!Number.isSafeInteger(bp)) return '—';
  const magnitude = Math.abs(bp);
  return `${bp < 0 ? '-' : ''}${Math.trunc(magnitude / 100)}.${String(magnitude % 100).padStart(2, '0')}%`;
}
