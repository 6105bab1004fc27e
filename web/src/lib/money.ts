import type { Locale } from './types.ts';

/**
 * Display of CNY amounts held as integer fen (1 yuan = 100 fen). Integer arithmetic only:
 * the yuan and fen parts are split with BigInt division, never by dividing a float by 100,
 * so 0.1 + 0.2 style errors cannot reach the screen.
 */
const GROUP = /\B(?=(\d{3})+(?!\d))/g;

export function formatFen(fen: number, locale: Locale): string {
  if (!Number.isSafeInteger(fen)) return '—';
  const prefix = locale === 'zh-CN' ? '¥' : 'CNY ';
  return fen < 0 ? `-${prefix}${yuanText(-fen)}` : `${prefix}${yuanText(fen)}`;
}

/** A non-negative amount as yuan text without a currency mark ("1,234.56"): what an amount field shows and parses back. */
export function yuanText(fen: number): string {
  const magnitude = BigInt(fen);
  return `${(magnitude / 100n).toString().replace(GROUP, ',')}.${(magnitude % 100n).toString().padStart(2, '0')}`;
}
