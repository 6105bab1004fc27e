/**
 * The language a debtor reads, as an ISO 639-1 code ('es'), however a bank's file or a collector
 * writes it. Only Spanish changes what is sent (a US debtor's notices, letters, texts and e-mails:
 * readsSpanish); any other language is recorded for the people who write to the debtor.
 */
import { englishCountry } from './country.ts';
import { invalidInput } from './errors.ts';

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

/**
 * A language as a person gives it (the one a debtor asked to be written to in, the one a call was
 * held in): its ISO 639-1 code (from the code or a name, as languageCode reads it); null when not
 * given; refused (400 naming `language`) when it is no language.
 */
export function givenLanguage(text: string | null | undefined): string | null {
  if (text == null || text.trim() === '') return null;
  const code = languageCode(text);
  if (code === null) {
    throw invalidInput({ en: `"${text}" is not a language; give its ISO 639-1 code (en, es, zh, ...)`, zh: `“${text}”不是有效的语言，请填写 ISO 639-1 代码（en、es、zh 等）` }, 'language');
  }
  return code;
}

/** Whether a debtor is written to in Spanish too: one who reads Spanish, under a US contract. */
export function readsSpanish(pack: string | null | undefined, language: string | null | undefined): boolean {
  return englishCountry(pack) === 'US' && language === 'es';
}

/**
 * Whether New York City's debt collection rules bind a debtor: its language access rules (DCWP, in
 * force since 2020; 6 RCNY 5-77 and 2-193, U on the paragraphs: ask the debtor which language they
 * prefer and record it before collecting; say in the validation notice, and on the collector's
 * public website, which language services there are and that the Department's site explains
 * common debt collection terms in many languages) and its rule on texts and e-mails
 * (US.nyc_electronic_consent).
 *
 * The state is on file, not the city, so the rules are applied to every New York debtor, and (as
 * the engine holds a debtor of unknown state to the strictest state's rules) to one whose state is
 * not known.
 */
export function underNewYorkCityRules(pack: string | null | undefined, regionCode: string | null): boolean {
  return englishCountry(pack) === 'US' && (regionCode === null || regionCode === 'US-NY' || regionCode.startsWith('US-NY-'));
}

/**
 * What the collector's account page asks for a debtor under those rules whose language is not
 * recorded yet: to ask them and record it (书面语言 / Writes in); null when not asked.
 */
export function languageToAsk(pack: string | null | undefined, regionCode: string | null, language: string | null): { en: string; zh: string } | null {
  if (!underNewYorkCityRules(pack, regionCode) || language !== null) return null;
  return {
    en: 'New York City\'s rules: before collecting, ask which language the customer prefers and record it under "Writes in".',
    zh: '纽约市规定：催收前须询问客户希望使用的语言，并在“书面语言”中记录。',
  };
}

/** The language services the agency offers a US debtor, and where the Department explains the terms, as each language says it. */
export const LANGUAGE_ACCESS = {
  en: 'Language access: we can write to you in Spanish (validation notices, letters, texts, e-mails and your online account); tell us which language you prefer. '
    + 'A translation and description of commonly used debt collection terms is available in multiple languages from New York City\'s Department of Consumer '
    + 'and Worker Protection at www.nyc.gov/dcwp.',
  es: 'Servicios de idioma: podemos escribirle en español (avisos de validación, cartas, mensajes de texto, correos electrónicos y su cuenta en línea); díganos qué '
    + 'idioma prefiere. El Departamento de Protección del Consumidor y del Trabajador de la Ciudad de Nueva York ofrece en www.nyc.gov/dcwp una traducción y '
    + 'descripción de términos comunes del cobro de deudas en varios idiomas.',
  zh: '语言服务：我们可以用西班牙语给美国客户写信（债务确认通知、信函、短信、电子邮件和“我的账户”）；请告诉我们您希望使用的语言。'
    + '纽约市消费者与劳工保护局网站 www.nyc.gov/dcwp 以多种语言提供常用催收术语的翻译和说明。',
} as const;
