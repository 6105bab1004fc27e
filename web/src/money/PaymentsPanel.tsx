import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/index.ts';
import { fetchMe } from '../lib/api.ts';
import { currencyUnit, formatFen, parseYuanToFen, useCurrency } from '../lib/money.ts';
import { useAction } from '../supervisor/useAction.ts';
import { useLoad } from '../supervisor/useLoad.ts';
import { request } from '../workstation/request.ts';
import { rateText } from './api.ts';

interface Payment {
  id: number; txn_id: string; amount_fen: number; paid_on: string; source: string; reverses_id: number | null; reversed_by: number | null;
  to_fees_fen: number | null; to_interest_fen: number | null; to_principal_fen: number | null; collector_name: string | null;
  rate_bp: number | null; commission_fen: number | null;
  /** Why a reversal was made (bounced, refunded), and why a payment earned nothing (before the placement, after the recall, no contract). */
  reversal_reason: string | null; no_commission_reason: string | null;
}

/**
 * An account's payments: how each was allocated, who it counts for, the commission it earned.
 * Supervisors and admins record a payment here and reverse a bounced or refunded one.
 */
export function PaymentsPanel({ accountId, dates, onChanged = () => {}, onSessionExpired }: {
  accountId: number;
  /** The days a payment recorded here may bear: from the bank's figures for the account (they count what was paid before) to today. */
  dates?: { from: string; to: string };
  /** A payment recorded or reversed: the page's balance and status change with it. */ onChanged?(): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const currency = useCurrency();
  const me = useLoad((signal) => fetchMe(signal), onSessionExpired);
  const { state, reload } = useLoad((signal) => request<{ items: Payment[] }>('GET', `/api/accounts/${accountId}/payments`, undefined, signal), onSessionExpired, [accountId]);
  const action = useAction(onSessionExpired);
  const [amount, setAmount] = useState('');
  const [paidOn, setPaidOn] = useState('');
  const staff = me.state.kind === 'ready' && (me.state.data.role === 'admin' || me.state.data.role === 'supervisor');
  if (state.kind !== 'ready' || (state.data.items.length === 0 && !staff)) return null;
  const m = (fen: number | null) => (fen === null ? '—' : formatFen(fen, locale, currency));
  const record = () => {
    const fen = parseYuanToFen(amount);
    if (fen === null) { action.setProblem(t('money.payments.badAmount')); return; }
    if (fen <= 0) { action.setProblem(t('money.payments.zeroAmount')); return; }
    void action.run(async () => {
      await request('POST', '/api/payments', { account_id: accountId, amount_fen: fen, ...(paidOn ? { paid_on: paidOn } : {}) });
      setAmount('');
      reload();
      onChanged();
    });
  };
  // A reversal takes back the payment's allocation and commission and cannot itself be reversed: said and confirmed first.
  const reverse = (p: Payment, reason: 'bounced' | 'refunded') => {
    if (!window.confirm(t('money.payments.confirmReverse', { amount: m(p.amount_fen), date: p.paid_on, reason: t(`money.payments.${reason}`) }))) return;
    void action.run(async () => { await request('POST', `/api/payments/${p.id}/reverse`, { reason }); reload(); onChanged(); });
  };
  return (
    <section className="ws-section" aria-labelledby="money-payments-title" data-testid="payments-panel">
      <h2 id="money-payments-title">{t('money.payments.title')}</h2>
      {state.data.items.length ? (
        <div className="table-scroll">
          <table className="data-table">
            <thead><tr>
              <th scope="col">{t('money.statement.paidOn')}</th><th scope="col" className="num">{t('money.statement.amount')}</th>
              <th scope="col" className="num">{t('money.payments.fees')}</th><th scope="col" className="num">{t('money.payments.interest')}</th>
              <th scope="col" className="num">{t('money.payments.principal')}</th><th scope="col">{t('money.statement.collector')}</th>
              <th scope="col" className="num">{t('money.statement.rate')}</th><th scope="col" className="num">{t('money.statement.commission')}</th>
              {staff ? <th scope="col"><span className="visually-hidden">{t('money.payments.reverse')}</span></th> : null}
            </tr></thead>
            <tbody>{state.data.items.map((p) => (
              <tr key={p.id} data-testid="payment-row">
                <td>{p.paid_on}{p.reverses_id !== null ? ` · ${t('money.payments.reversal')}${p.reversal_reason ? (locale === 'zh-CN' ? `（${t(`money.payments.${p.reversal_reason}`, { defaultValue: p.reversal_reason })}）` : ` (${t(`money.payments.${p.reversal_reason}`, { defaultValue: p.reversal_reason })})`) : ''}`
                  : p.reversed_by !== null ? ` · ${t('money.payments.reversed')}` : ''}</td>
                <td className="num">{m(p.amount_fen)}</td><td className="num">{m(p.to_fees_fen)}</td><td className="num">{m(p.to_interest_fen)}</td>
                <td className="num">{m(p.to_principal_fen)}</td><td>{p.collector_name ?? '—'}</td>
                <td className="num">{p.rate_bp === null ? '—' : rateText(p.rate_bp)}
                  {p.no_commission_reason ? <span className="muted" data-testid="no-commission"><br />{t(`money.payments.noCommission.${p.no_commission_reason}`, { defaultValue: p.no_commission_reason })}</span> : null}</td>
                <td className="num">{m(p.commission_fen)}</td>
                {staff ? (
                  <td>{p.amount_fen > 0 && p.reversed_by === null ? (
                    <span className="sv-inline">
                      <button type="button" className="button" disabled={action.busy} onClick={() => reverse(p, 'bounced')} data-testid="payment-bounced">{t('money.payments.bounced')}</button>
                      <button type="button" className="button" disabled={action.busy} onClick={() => reverse(p, 'refunded')}>{t('money.payments.refunded')}</button>
                    </span>
                  ) : null}</td>
                ) : null}
              </tr>
            ))}</tbody>
          </table>
        </div>
      ) : null}
      {staff ? (
        <form className="sv-inline" onSubmit={(e) => { e.preventDefault(); record(); }} data-testid="payment-form">
          <label className="sv-inline">{t('money.payments.amountYuan', { unit: currencyUnit(currency, locale) })}
            <input type="text" inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required data-testid="payment-amount" />
          </label>
          <label className="sv-inline">{t('money.statement.paidOn')}
            <input type="date" value={paidOn} onChange={(e) => setPaidOn(e.target.value)} min={dates?.from} max={dates?.to} data-testid="payment-date" />
          </label>
          <button type="submit" className="button button--primary" disabled={action.busy} data-testid="payment-record">{t('money.payments.record')}</button>
        </form>
      ) : null}
      {action.problem ? <p role="alert" className="sv-field-error">{action.problem}</p> : null}
    </section>
  );
}
