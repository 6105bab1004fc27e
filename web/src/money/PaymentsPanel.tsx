import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/index.ts';
import { formatFen } from '../lib/money.ts';
import { useLoad } from '../supervisor/useLoad.ts';
import { request } from '../workstation/request.ts';
import { rateText } from './api.ts';

interface Payment {
  id: number; txn_id: string; amount_fen: number; paid_on: string; source: string; reverses_id: number | null; reversed_by: number | null;
  to_fees_fen: number | null; to_interest_fen: number | null; to_principal_fen: number | null; collector_name: string | null;
  rate_bp: number | null; commission_fen: number | null;
}

/** An account's payments: how each was allocated, who it counts for, the commission it earned. */
export function PaymentsPanel({ accountId, onSessionExpired }: { accountId: number; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const { state } = useLoad((signal) => request<{ items: Payment[] }>('GET', `/api/accounts/${accountId}/payments`, undefined, signal), onSessionExpired, [accountId]);
  if (state.kind !== 'ready' || state.data.items.length === 0) return null;
  const m = (fen: number | null) => (fen === null ? '—' : formatFen(fen, locale));
  return (
    <section className="ws-section" aria-labelledby="money-payments-title" data-testid="payments-panel">
      <h2 id="money-payments-title">{t('money.payments.title')}</h2>
      <div className="table-scroll">
        <table className="data-table">
          <thead><tr>
            <th scope="col">{t('money.statement.paidOn')}</th><th scope="col" className="num">{t('money.statement.amount')}</th>
            <th scope="col" className="num">{t('money.payments.fees')}</th><th scope="col" className="num">{t('money.payments.interest')}</th>
            <th scope="col" className="num">{t('money.payments.principal')}</th><th scope="col">{t('money.statement.collector')}</th>
            <th scope="col" className="num">{t('money.statement.rate')}</th><th scope="col" className="num">{t('money.statement.commission')}</th>
          </tr></thead>
          <tbody>{state.data.items.map((p) => (
            <tr key={p.id}>
              <td>{p.paid_on}{p.reverses_id !== null ? ` · ${t('money.payments.reversal')}` : p.reversed_by !== null ? ` · ${t('money.payments.reversed')}` : ''}</td>
              <td className="num">{m(p.amount_fen)}</td><td className="num">{m(p.to_fees_fen)}</td><td className="num">{m(p.to_interest_fen)}</td>
              <td className="num">{m(p.to_principal_fen)}</td><td>{p.collector_name ?? '—'}</td>
              <td className="num">{p.rate_bp === null ? '—' : rateText(p.rate_bp)}</td><td className="num">{m(p.commission_fen)}</td>
            </tr>
          ))}</tbody>
        </table>
      </div>
    </section>
  );
}
