import type { Currency } from './money.ts';
/** Shapes of the Leeway HTTP API as the web app reads them. */

export type Role = 'admin' | 'supervisor' | 'collector' | 'creditor_user';
export type Locale = 'zh-CN' | 'en';

export interface User {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  locale: Locale;
  team_id: number | null;
  creditor_id: number | null;
  /** A bank's user: their bank's code; null for agency staff. */
  creditor_code: string | null;
  /** The agency's business date when the user was last read from the server: the screens' date defaults. */
  business_date: string;
  /** The agency's zone: instants are shown on its clock (lib/time.ts). */
  agency_zone: string;
  /** The call centre's recording player, `{ref}` for the reference; null, none. */
  recording_url: string | null;
  /** The password is one an admin set: the shell asks the user to change it. */
  password_temporary: boolean;
  /** The currency of the agency's totals (its creditors' one currency; CNY when none or mixed). */
  agency_currency?: Currency;
  /** The currency of the accounts the user works (their own, their team's, their bank's) when one; else the agency's. */
  desk_currency?: Currency;
}

export const ACCOUNT_STATUSES = [
  'placed',
  'active',
  'promised',
  'in_plan',
  'on_hold',
  'lost_contact',
  'paid',
  'settled',
  'recalled',
  'closed',
] as const;
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

/** One row of GET /api/accounts. Personal data arrives already masked by the server. */
export interface AccountListItem {
  id: number;
  creditor_code: string;
  creditor_name: string;
  /** The creditor's name in English (creditors.name_en); null: it has none. */
  creditor_name_en: string | null;
  account_no_mask: string;
  debtor_name: string;
  id_number_mask: string | null;
  phone_mask: string | null;
  region_code: string | null;
  region_name: string | null;
  /** The region in English (Nanshan District). */
  region_name_en: string | null;
  product: string;
  principal_fen: number;
  interest_fen: number;
  fees_fen: number;
  balance_fen: number;
  dpd: number;
  bucket: string;
  status: AccountStatus | string;
  collector_name: string | null;
  /** The currency the account is owed in (its creditor's contract's pack). */
  currency: Currency;
}

export interface AccountPage {
  total: number;
  items: AccountListItem[];
}
