import type { Locale } from './types.ts';

/**
 * Display of CNY amounts held as integer fen (1 yuan = 100 fen). Integer arithmetic only:
 * the yuan and fen parts are split with BigInt division, never by dividing a float by 100,
 * so 0.1 + 0.2 style errors cannot reach the screen.
 */
const GROUP = /\B(?=(\d{3})+(?!\d))/g;

export function formatFen(fen: number, locale: Locale): string {
  if (!Number.isSafeInteger(fen)) return '—';
  const amount = BigInt(fen);
  const negative = amount < 0n;
  const magnitude = negative ? -amount : amount;
  const yuan = (magnitude / 100n).toString().replace(GROUP, ',');
  const cents = (magnitude % 100n).toString().padStart(2, '0');
  const prefix = locale === 'zh-CN' ? '¥' : 'CNY ';
  return `${negative ? '-' : ''}${prefix}${yuan}.${cents}`;
}
