import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/index.ts';
import { currencyUnit, type Currency } from './money.ts';

/**
 * Which currency a screen's totals are in, where the agency's creditors' contracts are in
 * several: totals are never added across currencies, so the screen shows one at a time. Nothing
 * is shown when there is one.
 */
export function CurrencyPicker({ value, options, onChange, testId }: { value: Currency; options: readonly Currency[]; onChange(currency: Currency): void; testId: string }) {
  const { t } = useTranslation();
  if (options.length < 2) return null;
  return (
    <label className="sv-inline">{t('app.currency')}
      <select value={value} onChange={(e) => onChange(e.target.value as Currency)} data-testid={testId}>
        {options.map((c) => <option key={c} value={c}>{currencyUnit(c, currentLocale())}</option>)}
      </select>
    </label>
  );
}
