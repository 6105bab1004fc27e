import type { Locale } from './types.ts';

/**
 * Display of amounts held as integer minor units (fen; cents and pence for an account under a US
 * or UK contract, whose page says its currency). Integer arithmetic only:
 * the yuan and fen parts are split with BigInt division, never by dividing a float by 100,
 * so 0.1 + 0.2 style errors cannot reach the screen.
 */
const GROUP = /\B(?=(\d{3})+(?!\d))/g;

export type Currency = 'CNY' | 'USD' | 'GBP';

const MARKS: Record<Currency, Record<Locale, string>> = {
  CNY: { 'zh-CN': '¥', en: 'CNY ' }, USD: { 'zh-CN': 'US$', en: '$' }, GBP: { 'zh-CN': '£', en: '£' },
};

export function formatFen(fen: number, locale: Locale, currency: Currency = 'CNY'): string {
  if (!Number.isSafeInteger(fen)) return '—';
  const prefix = MARKS[currency][locale];
  return fen < 0 ? `-${prefix}${yuanText(-fen)}` : `${prefix}${yuanText(fen)}`;
}

/** A non-negative amount as yuan text without a currency mark ("1,234.56"): what an amount field shows and parses back. */
export function yuanText(fen: number): string {
  const magnitude = BigInt(fen);
  return `${(magnitude / 100n).toString().replace(GROUP, ',')}.${(magnitude % 100n).toString().padStart(2, '0')}`;
}
