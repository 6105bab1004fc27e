import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/index.ts';
import { CurrencyPicker } from '../lib/CurrencyPicker.tsx';
import { formatFen, type Currency } from '../lib/money.ts';
import { useLoad } from '../supervisor/useLoad.ts';
import { fetchIncentives, previousMonth, type IncentiveRow } from './api.ts';

/** Recovered and commission per collector as horizontal bars (inline SVG). */
function Bars({ rows, label, currency }: { rows: IncentiveRow[]; label: string; currency: Currency }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const max = Math.max(1, ...rows.map((r) => Math.abs(r.recovered_fen)));
  const height = 22 * rows.length + 8;
  return (
    <figure className="sv-figure">
      <figcaption>{label}</figcaption>
      {rows.length === 0 ? <p className="muted" data-testid="incentives-none">{t('money.incentives.noneRecovered')}</p> : null}
      <svg width={560} height={height} role="img" aria-label={label}>
        {rows.map((r, i) => {
          const w = Math.round((Math.abs(r.recovered_fen) / max) * 300);
          const c = Math.round((Math.abs(r.commission_fen) / max) * 300);
          return (
            <g key={r.collector_id} transform={`translate(0 ${4 + i * 22})`}>
              <text x={0} y={14} fontSize={12}>{r.display_name}</text>
              <rect x={130} y={2} width={w} height={14} fill="#4a7bd0" />
              <rect x={130} y={8} width={c} height={8} fill="#e0a030" />
              <text x={136 + w} y={14} fontSize={11}>{formatFen(r.recovered_fen, locale, currency)}</text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

/** The collector incentive report: recovered, commission earned for the agency, promises kept, accounts paid off, upheld complaints. */
export function IncentivesScreen({ today, onSessionExpired }: { today: string; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [month, setMonth] = useState(previousMonth(today));
  const [currency, setCurrency] = useState<Currency | undefined>();
  const { state } = useLoad((signal) => fetchIncentives(month, currency, signal), onSessionExpired, [month, currency]);
  return (
    <section className="sv-screen" aria-labelledby="money-incentives-title" data-testid="incentives-screen">
      <div className="screen-head">
        <h1 id="money-incentives-title">{t('money.incentives.title')}</h1>
        <label className="sv-inline">{t('money.month')}
          <input type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} data-testid="incentives-month" />
        </label>
        {state.kind === 'ready' ? (
          <CurrencyPicker value={state.data.currency} options={state.data.currencies} onChange={setCurrency} testId="incentives-currency" />
        ) : null}
      </div>
      {state.kind === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {state.kind === 'error' ? <p role="alert" className="banner banner--error">{state.message}</p> : null}
      {state.kind === 'ready' ? (
        <>
          <Bars rows={state.data.rows.filter((r) => r.recovered_fen !== 0).slice(0, 20)} label={t('money.incentives.chart')} currency={state.data.currency} />
          <div className="table-scroll">
            <table className="data-table" data-testid="incentives-table">
              <thead><tr>
                <th scope="col">{t('money.incentives.collector')}</th><th scope="col" className="num">{t('money.incentives.recovered')}</th>
                <th scope="col" className="num">{t('money.incentives.commission')}</th><th scope="col" className="num">{t('money.incentives.payments')}</th>
                <th scope="col" className="num">{t('money.incentives.kept')}</th><th scope="col" className="num">{t('money.incentives.paidOff')}</th>
                <th scope="col" className="num">{t('money.incentives.upheld')}</th>
              </tr></thead>
              <tbody>{state.data.rows.map((r) => (
                <tr key={r.collector_id}>
                  <th scope="row">{r.display_name} <span className="muted">{r.username}</span></th>
                  <td className="num">{formatFen(r.recovered_fen, locale, state.data.currency)}</td><td className="num">{formatFen(r.commission_fen, locale, state.data.currency)}</td>
                  <td className="num">{r.payments}</td><td className="num">{r.promises_kept}</td><td className="num" data-testid="paid-off">{r.paid_off}</td>
                  <td className="num">{r.upheld_complaints}</td>
                </tr>
              ))}</tbody>
              <tfoot><tr>
                <th scope="row">{t('money.incentives.total')}</th><td className="num">{formatFen(state.data.totals.recovered_fen, locale, state.data.currency)}</td>
                <td className="num">{formatFen(state.data.totals.commission_fen, locale, state.data.currency)}</td><td className="num">{state.data.totals.payments}</td>
                <td className="num">{state.data.totals.promises_kept}</td><td className="num">{state.data.totals.paid_off}</td>
                <td className="num">{state.data.totals.upheld_complaints}</td>
              </tr></tfoot>
            </table>
          </div>
        </>
      ) : null}
    </section>
  );
}
