import { createContext, useContext } from 'react';
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

/** The currency of the agency's totals, from the signed-in user (`agency_currency`): what an amount is in when nothing says otherwise. */
let agencyCurrency: Currency = 'CNY';
/** The currency of the accounts the signed-in user works (`desk_currency`): what a screen's examples follow, never a total. */
let deskCurrency: Currency = 'CNY';
export function setAgencyCurrency(currency: Currency, desk: Currency = currency): void { agencyCurrency = currency; deskCurrency = desk; }
export const deskCurrencyNow = (): Currency => deskCurrency;

/**
 * The currency of the account a screen is about: the account page provides its contract's, and
 * the panels inside it (promises, settlements, hardship, payments) read it; elsewhere the agency's.
 */
export const CurrencyContext = createContext<Currency | null>(null);
export const useCurrency = (): Currency => useContext(CurrencyContext) ?? agencyCurrency;

const UNITS: Record<Currency, Record<Locale, string>> = {
  CNY: { 'zh-CN': '元', en: 'CNY' }, USD: { 'zh-CN': '美元', en: 'USD' }, GBP: { 'zh-CN': '英镑', en: 'GBP' },
};

/** The unit an amount field is written in: "元", "美元"; "CNY", "USD". */
export function currencyUnit(currency: Currency, locale: Locale): string {
  return UNITS[currency][locale];
}

export function formatFen(fen: number, locale: Locale, currency: Currency = agencyCurrency): string {
  if (!Number.isSafeInteger(fen)) return '—';
  const prefix = MARKS[currency][locale];
  return fen < 0 ? `-${prefix}${yuanText(-fen)}` : `${prefix}${yuanText(fen)}`;
}

/** A non-negative amount as yuan text without a currency mark ("1,234.56"): what an amount field shows and parses back. */
export function yuanText(fen: number): string {
  const magnitude = BigInt(fen);
  return `${(magnitude / 100n).toString().replace(GROUP, ',')}.${(magnitude % 100n).toString().padStart(2, '0')}`;
}

/**
 * "1,234.5" -> 123450 minor units, by text (never through a float); null when not an amount. The
 * account's currency mark may lead ("¥100", "$50", "US$50", "£20") and 元 may follow: the amount is
 * in the account's currency whichever mark was typed.
 */
export function parseYuanToFen(text: string): number | null {
  // As typed, or as the screens show amounts (`CNY 1,234.56` in English): a sign or the currency's code before it.
  // A Chinese input method in full-width mode types "１，２００．５０": read as the same amount (the server's parseYuan does too).
  const m = /^\s*(?:[¥￥$£]|US\$|(?:CNY|RMB|USD|GBP)\s?)?\s*(\d{1,3}(?:,\d{3})*|\d+)(?:\.(\d{1,2}))?\s*元?\s*$/i.exec(halfWidth(text));
  if (!m) return null;
  const fen = Number(m[1]!.replace(/,/g, '')) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return Number.isSafeInteger(fen) ? fen : null;
}

/** Full-width digits, comma, point and space (U+FF10-FF19, ，．, U+3000) as their ASCII forms. */
function halfWidth(text: string): string {
  return text.replace(/[\uFF10-\uFF19，．\u3000]/g, (c) => {
    const code = c.charCodeAt(0);
    return code >= 0xff10 ? String.fromCharCode(code - 0xff10 + 0x30) : c === '，' ? ',' : c === '．' ? '.' : ' ';
  });
}
