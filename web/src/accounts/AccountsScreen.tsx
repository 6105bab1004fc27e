import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/index.ts';
import { ApiError, NETWORK_ERROR, type AccountQuery, fetchAccounts } from '../lib/api.ts';
import { navigate } from '../lib/location.ts';
import { ACCOUNT_STATUSES, type AccountPage, type User } from '../lib/types.ts';
import { navItemsFor } from '../shell/navigation.ts';
import { AccountsTable } from './AccountsTable.tsx';
import { Pager } from './Pager.tsx';
import { listQueryHref, readListQuery } from './listQuery.ts';

type ListState =
  | { kind: 'loading'; previous: AccountPage | null }
  | { kind: 'loaded'; page: AccountPage }
  | { kind: 'failed'; error: unknown };

interface AccountsScreenProps {
  user: User;
  location: URL;
  onSessionExpired(): void;
}

export function AccountsScreen({ user, location, onSessionExpired }: AccountsScreenProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const searchId = useId();
  const query = readListQuery(location.searchParams);
  const { limit, offset, q, placement, status } = query;
  const [state, setState] = useState<ListState>({ kind: 'loading', previous: null });
  const [draft, setDraft] = useState(q);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => setDraft(q), [q]);

  useEffect(() => {
    const controller = new AbortController();
    setState((current) => ({ kind: 'loading', previous: current.kind === 'loaded' ? current.page : current.kind === 'loading' ? current.previous : null }));
    fetchAccounts({ limit, offset, q, placement, status }, controller.signal).then(
      (page) => {
        // A stale link past the end (the list shrank): show the last page instead of nothing.
        if (page.items.length === 0 && offset > 0 && page.total > 0) {
          go({ limit, q, placement, status, offset: Math.floor((page.total - 1) / limit) * limit }, true);
          return;
        }
        setState({ kind: 'loaded', page });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) onSessionExpired();
        else setState({ kind: 'failed', error });
      },
    );
    return () => controller.abort();
  }, [limit, offset, q, placement, status, attempt, onSessionExpired]);

  function go(next: AccountQuery, replace = false): void {
    navigate(listQueryHref(location.pathname, next), { replace });
  }

  function search(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    go({ limit, offset: 0, q: draft.trim(), placement, status });
  }

  const title = t(navItemsFor(user.role).find((item) => item.screen === 'accounts')?.labelKey ?? 'nav.accounts.admin');
  const page = state.kind === 'loaded' ? state.page : state.kind === 'loading' ? state.previous : null;
  const numbers = new Intl.NumberFormat(locale);

  return (
    <section className="screen" aria-labelledby={`${searchId}-title`}>
      <div className="screen-head">
        <h1 id={`${searchId}-title`}>{title}</h1>
        {page !== null ? (
          <span className="count" data-testid="accounts-total">
            {t('accounts.total', { total: numbers.format(page.total) })}
          </span>
        ) : null}
        <form className="search" role="search" onSubmit={search}>
          <label htmlFor={`${searchId}-q`}>{t('accounts.searchLabel')}</label>
          <input
            id={`${searchId}-q`}
            type="search"
            name="q"
            value={draft}
            placeholder={t('accounts.searchPlaceholder')}
            onChange={(event) => setDraft(event.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
          <button type="submit" className="button">
            {t('accounts.searchSubmit')}
          </button>
          {q !== '' ? (
            <button type="button" className="button button--quiet" onClick={() => go({ limit, offset: 0, q: '', placement, status })}>
              {t('accounts.searchClear')}
            </button>
          ) : null}
        </form>
        <label className="sv-inline">{t('accounts.statusFilter')}{' '}
          <select value={status} onChange={(e) => go({ limit, offset: 0, q, placement, status: e.target.value })} data-testid="accounts-status">
            <option value="">{t('accounts.statusAll')}</option>
            {ACCOUNT_STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
          </select>
        </label>
      </div>
      {placement !== '' ? (
        <p className="muted" data-testid="accounts-placement">
          {t('accounts.placementFilter', { placement })}{' '}
          <button type="button" className="button button--quiet" onClick={() => go({ limit, offset: 0, q, placement: '', status })}>{t('accounts.searchClear')}</button>
        </p>
      ) : null}

      {state.kind === 'failed' ? (
        <div className="state-panel state-panel--error" role="alert" data-testid="accounts-error">
          <p>
            <strong>{state.error instanceof ApiError && state.error.code === NETWORK_ERROR ? t('app.unreachable') : t('accounts.error', { message: errorText(state.error) })}</strong>
          </p>
          <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('accounts.retry')}
          </button>
        </div>
      ) : page === null ? (
        <div className="state-panel" role="status" data-testid="accounts-loading">
          <span className="spinner" aria-hidden="true" />
          {t('accounts.loading')}
        </div>
      ) : page.items.length === 0 ? (
        <div className="state-panel" role="status" data-testid="accounts-empty">
          <p>
            <strong>{q !== '' ? t('accounts.emptySearch', { q }) : status !== '' ? t('accounts.emptyStatus', { status: t(`status.${status}`) })
              : t('accounts.empty')}</strong>
          </p>
          {/* Why the list is empty: the search, the status chosen, or nothing here yet (for a bank, nothing placed). */}
          <p className="muted">{q !== '' ? t('accounts.emptySearchHint') : status !== '' ? t('accounts.emptyStatusHint')
            : t(user.role === 'creditor_user' ? 'accounts.emptyHintBank' : 'accounts.emptyHint')}</p>
        </div>
      ) : (
        <>
          <AccountsTable items={page.items} busy={state.kind === 'loading'} showCollector={user.role === 'admin' || user.role === 'supervisor'}
            linkAccounts={user.role !== 'creditor_user'} />
          <Pager
            total={page.total}
            limit={limit}
            offset={offset}
            onPage={(nextOffset) => go({ limit, q, placement, status, offset: nextOffset })}
            onPageSize={(nextLimit) => go({ limit: nextLimit, q, placement, status, offset: 0 })}
          />
        </>
      )}
      {state.kind === 'loading' && page !== null ? (
        <p className="visually-hidden" role="status">
          {t('accounts.loading')}
        </p>
      ) : null}
    </section>
  );
}

function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.message !== '' ? error.message : error.code;
  return error instanceof Error ? error.message : String(error);
}
