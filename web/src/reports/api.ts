import type { Currency } from '../lib/money.ts';
import { request } from '../workstation/request.ts';

/** `label` names the line in Chinese, `label_en` in English (a province: regions.name_en; a creditor: its English name). */
export interface RecoveryLine { key: string; label: string; label_en: string; accounts: number; placed_fen: number; payments: number; recovered_fen: number; recovery_rate_bp: number | null }
export interface RecoveryReport { by: string; creditor: string | null; currency: Currency; currencies: Currency[]; as_of: 'live'; lines: RecoveryLine[]; total: Omit<RecoveryLine, 'key' | 'label' | 'label_en'> }

/** A line's name in the reader's language, as the account list names a region (lib/bilingual.ts regionName). */
export function lineLabel(line: Pick<RecoveryLine, 'label' | 'label_en'>, locale: string): string {
  return locale.startsWith('zh') ? line.label : line.label_en;
}
export interface VintagePoint { months_since: number; recovered_fen: number; cumulative_fen: number; cumulative_rate_bp: number | null }
export interface VintageReport { creditor: string | null; currency: Currency; currencies: Currency[]; through: string; curves: { placement_month: string; accounts: number; placed_fen: number; points: VintagePoint[] }[] }
export interface RollReport {
  creditor: string | null;
  months: { month: string; as_of: string | null; taken_at: string | null; source: string | null;
    rows: { from: string; accounts: number; roll_forward_bp: number | null; cured_bp: number | null; cells: { to: string; accounts: number; share_bp: number | null }[] }[] }[];
}
export interface FunnelReport { creditor: string | null; from: string; to: string; steps: { stage: string; count: number; from_previous_bp: number | null; from_attempts_bp: number | null }[] }
export interface ComplianceReport {
  creditor: string | null; from: string; to: string; refused_attempts: number; refused_by_rule: { rule: string; refused: number }[];
  suspensions_in_force: { id: number; scope: string; code: string; from_date: string; to_date: string | null; reason: string }[];
  accounts: number; complaints: number; upheld_complaints: number; complaints_per_1000: number | null; upheld_per_1000: number | null;
}

export const DIMENSIONS = ['creditor', 'region', 'bucket', 'placement_month', 'collector'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

const query = (params: Record<string, string | undefined>) =>
  new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')).toString();

export const fetchRecovery = (by: Dimension, currency: Currency | undefined, signal?: AbortSignal) =>
  request<RecoveryReport>('GET', `/api/reports/recovery?${query({ by, currency })}`, undefined, signal);
export const fetchVintages = (currency: Currency | undefined, signal?: AbortSignal) =>
  request<VintageReport>('GET', `/api/reports/vintages?${query({ currency })}`, undefined, signal);
export const fetchRolls = (signal?: AbortSignal) => request<RollReport>('GET', '/api/reports/roll-rates', undefined, signal);
export const fetchFunnel = (from: string | undefined, to: string | undefined, signal?: AbortSignal) =>
  request<FunnelReport>('GET', `/api/reports/funnel?${query({ from, to })}`, undefined, signal);
export const fetchCompliance = (from: string | undefined, to: string | undefined, signal?: AbortSignal) =>
  request<ComplianceReport>('GET', `/api/reports/compliance?${query({ from, to })}`, undefined, signal);

/** Basis points as a percent with two decimals, by integer arithmetic; "—" when there is no rate. */
export function formatBp(bp: number | null): string {
  if (bp === null) return '—';
  const sign = bp < 0 ? '-' : '';
  const abs = Math.abs(bp);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}%`;
}

/** CSV text (RFC 4180) for a download, money in major units (yuan, dollars, pounds; `amountColumn`). */
export function csvOf(header: string[], rows: (string | number | null)[][]): string {
  const cell = (c: string | number | null) => {
    const s = c === null ? '' : String(c);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** A money column's name in a CSV: `placed_yuan`, `placed_dollars`, `placed_pounds`. */
export function amountColumn(name: string, currency: Currency): string {
  return `${name}_${currency === 'USD' ? 'dollars' : currency === 'GBP' ? 'pounds' : 'yuan'}`;
}

export function yuan(fen: number): string {
  const digits = String(Math.abs(fen)).padStart(3, '0');
  return `${fen < 0 ? '-' : ''}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** Where an account can be at a month's end, in order (src/domain/reports ROLL_STATES). */
const ROLL_STATE_ORDER: readonly string[] = ['M0', 'M1', 'M2', 'M3', 'M4', 'M5', 'M6', 'M7+', 'paid', 'out'];

/** A roll-rate table's columns: the states its rows name, in the states' own order (M0 ... M7+, paid, out), not as first met. */
export function rollColumns(named: Iterable<string>): string[] {
  const seen = new Set(named);
  return [...ROLL_STATE_ORDER.filter((st) => seen.has(st)), ...[...seen].filter((st) => !ROLL_STATE_ORDER.includes(st))];
}
