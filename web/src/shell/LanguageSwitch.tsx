import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/index.ts';
import { LOCALES } from '../i18n/locale.ts';
import type { Locale } from '../lib/types.ts';

/** Each language is named in itself, so a user lost in the wrong one can still find theirs. */
const NATIVE_NAMES: Record<Locale, string> = { 'zh-CN': '中文', en: 'English' };

/**
 * `confirmsActive`: a click on the language already shown counts as a choice too (the sign-in
 * page, which shows this browser's language: clicking it says "sign me in in this one").
 */
export function LanguageSwitch({ onChange, tone = 'light', confirmsActive = false }: { onChange(locale: Locale): void; tone?: 'light' | 'dark'; confirmsActive?: boolean }) {
  const { t } = useTranslation();
  const active = currentLocale();
  return (
    <div className={`language-switch language-switch--${tone}`} role="group" aria-label={t('language.label')}>
      {LOCALES.map((locale) => (
        <button
          key={locale}
          type="button"
          lang={locale}
          aria-pressed={locale === active}
          data-testid={`language-${locale}`}
          onClick={() => {
            if (locale !== active || confirmsActive) onChange(locale);
          }}
        >
          {NATIVE_NAMES[locale]}
        </button>
      ))}
    </div>
  );
}
