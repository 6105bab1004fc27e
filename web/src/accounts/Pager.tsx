import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/index.ts';
import { PAGE_SIZES } from './listQuery.ts';

interface PagerProps {
  total: number;
  limit: number;
  offset: number;
  onPage(offset: number): void;
  onPageSize(limit: number): void;
}

export function Pager({ total, limit, offset, onPage, onPageSize }: PagerProps) {
  const { t } = useTranslation();
  const id = useId();
  const numbers = new Intl.NumberFormat(currentLocale());
  const from = total === 0 ? 0 : offset + 1;
  const to = Math.min(offset + limit, total);
  const pages = Math.max(1, Math.ceil(total / limit));
  const page = Math.min(pages, Math.floor(offset / limit) + 1);
  return (
    <nav className="pager" aria-label={t('accounts.paging.label')}>
      <span className="pager-range" data-testid="accounts-range">
        {t('accounts.paging.range', { from: numbers.format(from), to: numbers.format(to), total: numbers.format(total) })}
      </span>
      <span className="pager-size">
        <label htmlFor={`${id}-size`}>{t('accounts.paging.pageSize')}</label>
        <select id={`${id}-size`} value={limit} onChange={(event) => onPageSize(Number(event.target.value))}>
          {PAGE_SIZES.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </select>
      </span>
      <span className="pager-buttons">
        <button type="button" className="button" disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - limit))}>
          ‹ {t('accounts.paging.previous')}
        </button>
        <span className="pager-page">{t('accounts.paging.page', { page, pages })}</span>
        <button type="button" className="button" disabled={offset + limit >= total} onClick={() => onPage(offset + limit)}>
          {t('accounts.paging.next')} ›
        </button>
      </span>
    </nav>
  );
}
