import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../lib/types.ts';
import en from './en.json' with { type: 'json' };
import zhCN from './zh-CN.json' with { type: 'json' };
import { FEATURE_MESSAGES, mergeMessages } from './features.ts';
import { initialLocale, rememberLocale } from './locale.ts';

export const i18n = i18next.createInstance();

/** <html lang> and the window title follow the language, for screen readers and fonts. */
function reflectLanguage(locale: string): void {
  document.documentElement.lang = locale;
  document.title = `Leeway ${i18n.t('app.subtitle')}`;
}

export async function initI18n(): Promise<void> {
  i18n.on('languageChanged', reflectLanguage);
  await i18n.use(initReactI18next).init({
    resources: {
      'zh-CN': { translation: FEATURE_MESSAGES.reduce((all, f) => mergeMessages(all, f['zh-CN']), zhCN as Record<string, unknown>) },
      en: { translation: FEATURE_MESSAGES.reduce((all, f) => mergeMessages(all, f.en), en as Record<string, unknown>) },
    },
    lng: initialLocale(),
    supportedLngs: ['zh-CN', 'en'],
    fallbackLng: 'en',
    load: 'currentOnly',
    interpolation: { escapeValue: false }, // React escapes
  });
  reflectLanguage(i18n.language);
}

export function currentLocale(): Locale {
  return i18n.language === 'en' ? 'en' : 'zh-CN';
}

/** Shows `locale` now and remembers it in this browser. Telling the server is the caller's job. */
export async function applyLocale(locale: Locale): Promise<void> {
  rememberLocale(locale);
  if (i18n.language !== locale) await i18n.changeLanguage(locale);
}
