/**
 * What an account search looks for. Names as typed and in both Chinese scripts: a name read off a
 * Hong Kong or Taiwan ID card (陳大文) finds the debtor the bank's file wrote in simplified characters
 * (陈大文), and back. Character by character (OpenCC's character tables, not its phrase tables: a
 * name is not a phrase), so a character with two traditional forms (发: 發, 髮) is looked for in
 * its common one. Account numbers as typed, in capitals (banks write letters in them so) and
 * without the spaces or dashes people group a card number with (6222 0212 3456 7890).
 */
import { ConverterFactory } from 'opencc-js/core';
import STCharacters from 'opencc-js/dict/STCharacters';
import TSCharacters from 'opencc-js/dict/TSCharacters';

const toSimplified = ConverterFactory([TSCharacters]);
const toTraditional = ConverterFactory([STCharacters]);

/** Text with traditional characters in their simplified forms, character by character (陳大文 -> 陈大文). */
export function simplifiedChars(text: string): string {
  return /\p{Script=Han}/u.test(text) ? toSimplified(text) : text;
}

export interface SearchForms {
  /** The name forms: as typed first, then simplified, then traditional; each once. */
  names: string[];
  /** The account number forms. */
  accountNos: string[];
}

export function searchForms(query: string): SearchForms {
  const q = query.trim();
  const names = /\p{Script=Han}/u.test(q) ? [q, toSimplified(q), toTraditional(q)] : [q];
  const upper = q.toUpperCase();
  return { names: [...new Set(names)], accountNos: [...new Set([q, upper, upper.replace(/[\s-]+/g, '')])] };
}
