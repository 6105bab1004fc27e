import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/index.ts';
import { creditorNameOf, personalText, regionName } from '../lib/bilingual.ts';
import { navigate } from '../lib/location.ts';
import { formatFen } from '../lib/money.ts';
import { ACCOUNT_STATUSES, type AccountListItem } from '../lib/types.ts';

interface AccountsTableProps {
  items: AccountListItem[];
  busy: boolean;
  showCollector: boolean;
  /** The account number opens the account's page (the workstation's): not for a bank's users, who have none. */
  linkAccounts: boolean;
}

function isKnownStatus(status: string): boolean {
  return (ACCOUNT_STATUSES as readonly string[]).includes(status);
}

/** Product codes the product knows are translated; a bank's own product text is shown as sent. */
const KNOWN_PRODUCTS: readonly string[] = ['credit_card', 'consumer_loan'];

/**
 * The work list. Personal data is shown exactly as the server masked it; the web app never
 * receives the full ID number or phone number for this screen.
 */
export function AccountsTable({ items, busy, showCollector, linkAccounts }: AccountsTableProps) {
  const { t } = useTranslation();
  const locale = currentLocale();
  return (
    // Focusable so keyboard users can scroll it; it scrolls on its own so the header stays put.
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t('accounts.tableLabel')}>
      <table className="data-table" aria-label={t('accounts.tableLabel')} aria-busy={busy} data-testid="accounts-table">
        <thead>
          <tr>
            <th scope="col">{t('accounts.columns.creditor')}</th>
            <th scope="col">{t('accounts.columns.accountNo')}</th>
            <th scope="col">{t('accounts.columns.debtor')}</th>
            <th scope="col">{t('accounts.columns.idNumber')}</th>
            <th scope="col">{t('accounts.columns.phone')}</th>
            <th scope="col">{t('accounts.columns.region')}</th>
            <th scope="col" className="num">
              {t('accounts.columns.balance')}
            </th>
            <th scope="col" className="num">
              {t('accounts.columns.dpd')}
            </th>
            <th scope="col">{t('accounts.columns.bucket')}</th>
            <th scope="col">{t('accounts.columns.status')}</th>
            {showCollector ? <th scope="col">{t('accounts.columns.collector')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {items.map((account) => (
            <tr key={account.id} data-testid="account-row" data-account-id={account.id}>
              <td className="cell-short" title={account.creditor_code}>{creditorNameOf(account, locale)}</td>
              {/* The product is on the account's page (and here on hover): a column for it left the status off a 1366px screen. */}
              <td className="mono" title={KNOWN_PRODUCTS.includes(account.product) ? t(`products.${account.product}`) : account.product}>
                {/* The account's page: every action on it (the workstation's, for those who work accounts). */}
                {linkAccounts ? (
                  <a href={`/workstation/accounts/${account.id}`} data-testid="account-link"
                    onClick={(e) => { if (e.button === 0 && !e.metaKey && !e.ctrlKey) { e.preventDefault(); navigate(`/workstation/accounts/${account.id}`); } }}>
                    {account.account_no_mask}
                  </a>
                ) : <span data-testid="account-no">{account.account_no_mask}</span>}
              </td>
              <th scope="row" className="debtor cell-short">
                {personalText(account.debtor_name, t('app.erased'))}
              </th>
              <td className="mono">{account.id_number_mask ?? <Missing label={t('accounts.missing')} />}</td>
              <td className="mono">{account.phone_mask !== null ? personalText(account.phone_mask, t('app.erased')) : <Missing label={t('accounts.missing')} />}</td>
              <td className="cell-short" title={account.region_code ?? undefined}>{regionName(account, locale) ?? <Missing label={t('accounts.missing')} />}</td>
              <td
                className="num"
                title={t('accounts.balanceParts', {
                  principal: formatFen(account.principal_fen, locale, account.currency),
                  interest: formatFen(account.interest_fen, locale, account.currency),
                  fees: formatFen(account.fees_fen, locale, account.currency),
                })}
              >
                {formatFen(account.balance_fen, locale, account.currency)}
              </td>
              <td className="num">{account.dpd}</td>
              <td>
                <span className={`bucket bucket--${bucketLevel(account.bucket)}`}>{account.bucket}</span>
              </td>
              <td>
                <span className={`status status--${isKnownStatus(account.status) ? account.status : 'other'}`}>
                  {isKnownStatus(account.status) ? t(`status.${account.status}`) : account.status}
                </span>
              </td>
              {showCollector ? <td>{account.collector_name ?? <Missing label={t('accounts.unassigned')} />}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A dash for the eye, a word for screen readers. */
function Missing({ label }: { label: string }) {
  return (
    <span className="muted" title={label}>
      <span aria-hidden="true">—</span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

/** M1..M2 early, M3..M6 late, M7+ written-off territory: a shade to scan by, the text says it. */
function bucketLevel(bucket: string): 'early' | 'late' | 'severe' {
  const month = /^M(\d+)/.exec(bucket)?.[1];
  const n = month === undefined ? 0 : Number(month);
  return n >= 7 ? 'severe' : n >= 3 ? 'late' : 'early';
}
