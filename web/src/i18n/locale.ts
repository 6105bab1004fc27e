import type { Locale } from '../lib/types.ts';

/**
 * Which language to show. Signed in, the user's saved locale on the server wins; before
 * sign-in, the last choice made in this browser, else the browser's own language. The agency
 * works in China, so anything that is not English falls back to Chinese.
 */
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
export const STORAGE_KEY = 'leeway.locale';

export function isLocale(value: unknown): value is Locale {
  return value === 'zh-CN' || value === 'en';
}

export function storedLocale(): Locale | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null; // storage disabled (privacy mode): fall through to the browser language
  }
}

export function rememberLocale(locale: Locale): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Not remembered in this browser; the server copy still holds it once signed in.
  }
}

export function browserLocale(languages: readonly string[] = navigator.languages ?? [navigator.language]): Locale {
  for (const tag of languages) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}

export function initialLocale(): Locale {
  return storedLocale() ?? browserLocale();
}
