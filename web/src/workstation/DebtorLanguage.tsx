import { useTranslation } from 'react-i18next';
import { setDebtorLanguage } from './api.ts';
import { Problem } from './Problem.tsx';
import type { AccountPageView } from './types.ts';
import { useSubmit } from './useSubmit.ts';

const LANGUAGES = ['en', 'es', 'zh'] as const;

/**
 * 书面语言: the language the debtor asked to be written to in, recorded as they say it. Under a
 * US contract, Spanish adds the Spanish validation notice to the English one; under New York
 * City's language access rules, the page asks the collector to record it while it is not.
 */
export function DebtorLanguage({ page, onReload, onSessionExpired }: { page: AccountPageView; onReload(): void; onSessionExpired(): void }) {
  const { t, i18n } = useTranslation();
  const submit = useSubmit(onSessionExpired);
  const current = page.debtor.preferred_language;
  const change = async (value: string) => {
    const language = value === '' ? null : value;
    if (await submit.run(() => setDebtorLanguage(page.account.id, { language, expected_version: page.account.version }))) onReload();
  };
  return (
    <>
      <select data-testid="debtor-language" aria-label={t('workstation.summary.language')} value={page.debtor.preferred_language ?? ''}
        style={{ maxWidth: '100%' }} disabled={submit.busy} onChange={(e) => void change(e.target.value)}>
        <option value="">{t('workstation.language.unstated')}</option>
        {LANGUAGES.map((l) => <option key={l} value={l}>{t(`workstation.language.${l}`)}</option>)}
        {/* Another language, as the bank's file gave it (ISO 639-1). */}
        {current && !(LANGUAGES as readonly string[]).includes(current) ? <option value={current}>{current}</option> : null}
      </select>
      {page.debtor.preferred_language === 'es' && page.validation_notice ? <div className="muted" data-testid="debtor-language-note">{t('workstation.language.esNote')}</div> : null}
      {page.language_to_ask ? <div className="banner banner--warning" data-testid="debtor-language-ask">{i18n.language === 'zh-CN' ? page.language_to_ask.zh : page.language_to_ask.en}</div> : null}
      <Problem problem={submit.problem} onReload={onReload} />
    </>
  );
}
