/**
 * The language a debtor reads, as an ISO 639-1 code ('es'), however a bank's file or a collector
 * writes it. Only Spanish changes what is sent (a US debtor's notices, letters, texts and e-mails:
 * readsSpanish); any other language is recorded for the people who write to the debtor.
 */
import { englishCountry } from './country.ts';

/** Names of languages a file or a person may give instead of the code, lower-cased (English, Chinese, and each language's own name). */
const LANGUAGE_NAMES: Record<string, string> = {
  english: 'en', 英语: 'en', 英文: 'en', inglés: 'en', ingles: 'en',
  spanish: 'es', español: 'es', espanol: 'es', 西班牙语: 'es', 西班牙文: 'es', castellano: 'es',
  chinese: 'zh', mandarin: 'zh', 中文: 'zh', 汉语: 'zh', 普通话: 'zh', 华语: 'zh',
  french: 'fr', français: 'fr', 法语: 'fr', vietnamese: 'vi', 'tiếng việt': 'vi', 越南语: 'vi', korean: 'ko', 한국어: 'ko', 韩语: 'ko',
  tagalog: 'tl', filipino: 'tl', russian: 'ru', русский: 'ru', 俄语: 'ru', arabic: 'ar', العربية: 'ar', portuguese: 'pt', português: 'pt',
  polish: 'pl', polski: 'pl', japanese: 'ja', 日本語: 'ja', 日语: 'ja', german: 'de', deutsch: 'de', italian: 'it', italiano: 'it', haitian: 'ht', 'haitian creole': 'ht',
};

/**
 * A language as an ISO 639-1 code: the code itself ("es", "ES", a tag such as "es-US" or "zh_CN"
 * by its language) or a common name in English, Chinese or the language itself; null when the
 * text is none of those.
 */
export function languageCode(text: string): string | null {
  const t = text.trim().toLowerCase();
  const code = /^([a-z]{2})(?:[-_][a-z0-9]{2,8})*$/.exec(t)?.[1];
  return code ?? LANGUAGE_NAMES[t] ?? null;
}

/** Whether a debtor is written to in Spanish too: one who reads Spanish, under a US contract. */
export function readsSpanish(pack: string | null | undefined, language: string | null | undefined): boolean {
  return englishCountry(pack) === 'US' && language === 'es';
}
