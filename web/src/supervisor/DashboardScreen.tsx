import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CurrencyPicker } from '../lib/CurrencyPicker.tsx';
import type { Currency } from '../lib/money.ts';
import { fetchDashboard, type DashboardCollector, type TeamDashboard } from './api.ts';
import { formatCount, formatMoney, percent } from './format.ts';
import { useLoad } from './useLoad.ts';

const METRICS = ['attempts', 'right_party', 'promises_taken'] as const;
type Metric = (typeof METRICS)[number];
/** Each metric has its own fill and its own pattern, and every bar carries its number: colour is never the only cue. */
const FILL: Record<Metric, string> = { attempts: '#2f6fb3', right_party: '#1e7a4c', promises_taken: '#8a5a00' };

const BAR_H = 14;
const LABEL_W = 130;
const CHART_W = 560;

function ActivityChart({ collectors }: { collectors: DashboardCollector[] }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...collectors.flatMap((c) => METRICS.map((m) => c[m])));
  const groupH = METRICS.length * (BAR_H + 2) + 10;
  const height = collectors.length * groupH + 30;
  const plotW = CHART_W - LABEL_W - 60;
  return (
    <figure className="sv-figure">
      <figcaption>{t('supervisor.dashboard.activityChart')}</figcaption>
      <ul className="sv-legend" aria-hidden="true">
        {METRICS.map((m) => (
          <li key={m}><svg width="14" height="14"><rect width="14" height="14" fill={FILL[m]} /></svg>{t(`supervisor.metrics.${m}`)}</li>
        ))}
      </ul>
      <svg role="img" aria-label={t('supervisor.dashboard.activityChart')} width={CHART_W} height={height} viewBox={`0 0 ${CHART_W} ${height}`}
        data-testid="activity-chart">
        {collectors.map((c, i) => {
          const y0 = i * groupH + 4;
          return (
            <g key={c.user_id}>
              <text x={0} y={y0 + groupH / 2} fontSize="12" dominantBaseline="middle">{c.display_name}</text>
              {METRICS.map((m, j) => {
                const y = y0 + j * (BAR_H + 2);
                const w = Math.round((c[m] / max) * plotW);
                return (
                  <g key={m}>
                    <title>{`${c.display_name} · ${t(`supervisor.metrics.${m}`)}: ${formatCount(c[m])}`}</title>
                    <rect x={LABEL_W} y={y} width={Math.max(w, 1)} height={BAR_H} fill={FILL[m]} />
                    <text x={LABEL_W + Math.max(w, 1) + 4} y={y + BAR_H / 2} fontSize="11" dominantBaseline="middle">
                      {`${t(`supervisor.metrics.short.${m}`)} ${formatCount(c[m])}`}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </svg>
    </figure>
  );
}

function CollectedChart({ collectors, currency }: { collectors: DashboardCollector[]; currency: Currency }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...collectors.flatMap((c) => [c.collected_fen, c.target_fen ?? 0]));
  const target = collectors.find((c) => c.target_fen !== null)?.target_fen;
  const rowH = 26;
  const height = collectors.length * rowH + 10;
  const plotW = CHART_W - LABEL_W - 150;
  return (
    <figure className="sv-figure">
      <figcaption>{t('supervisor.dashboard.collectedChart')}</figcaption>
      <svg role="img" aria-label={t('supervisor.dashboard.collectedChart')} width={CHART_W} height={height} viewBox={`0 0 ${CHART_W} ${height}`}
        data-testid="collected-chart">
        {collectors.map((c, i) => {
          const y = i * rowH + 4;
          const w = Math.round((Math.min(c.collected_fen, max) / max) * plotW);
          const targetX = c.target_fen === null ? null : LABEL_W + Math.round((c.target_fen / max) * plotW);
          const pct = c.target_fen === null ? null : percent(c.collected_fen, c.target_fen);
          return (
            <g key={c.user_id}>
              <title>{c.target_fen === null ? formatMoney(c.collected_fen, currency)
                : t('supervisor.dashboard.collectedOf', { collected: formatMoney(c.collected_fen, currency), target: formatMoney(c.target_fen, currency) })}</title>
              <text x={0} y={y + 9} fontSize="12" dominantBaseline="middle">{c.display_name}</text>
              <rect x={LABEL_W} y={y} width={plotW} height={18} fill="#eef1f4" />
              <rect x={LABEL_W} y={y} width={Math.max(w, 1)} height={18} fill="#1e7a4c" />
              {targetX === null ? null : <line x1={targetX} x2={targetX} y1={y - 2} y2={y + 20} stroke="#222" strokeWidth="2" strokeDasharray="3 2" />}
              <text x={LABEL_W + plotW + 6} y={y + 9} fontSize="11" dominantBaseline="middle">
                {pct === null ? formatMoney(c.collected_fen, currency) : `${formatMoney(c.collected_fen, currency)} (${pct}%)`}
              </text>
            </g>
          );
        })}
      </svg>
      {target !== undefined && target !== null ? <p className="muted sv-note" data-testid="target-note">{t('supervisor.dashboard.targetNote', { amount: formatMoney(target, currency) })}</p> : null}
    </figure>
  );
}

function DashboardTable({ data }: { data: TeamDashboard }) {
  const currency = data.currency;
  const { t } = useTranslation();
  const cols = ['attempts', 'right_party', 'promises_taken', 'promises_kept', 'paid_off', 'abusive'] as const;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t('supervisor.dashboard.tableLabel', { date: data.date })}>
      <table className="data-table sv-dashboard-table" data-testid="dashboard-table">
        <caption className="visually-hidden">{t('supervisor.dashboard.tableLabel', { date: data.date })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('supervisor.columns.collector')}</th>
            {cols.map((c) => <th key={c} scope="col" className="num">{t(`supervisor.metrics.${c}`)}</th>)}
            <th scope="col" className="num">{t('supervisor.metrics.collected')}</th>
            <th scope="col" className="num">{t('supervisor.metrics.target')}</th>
          </tr>
        </thead>
        <tbody>
          {data.collectors.map((c) => (
            <tr key={c.user_id} data-testid="dashboard-row" data-user-id={c.user_id}>
              <th scope="row">{c.display_name} <span className="muted">{c.username}</span>
                {c.active ? null : <span className="muted" data-testid="collector-left"> {t('supervisor.dashboard.left')}</span>}</th>
              {cols.map((k) => <td key={k} className="num">{formatCount(c[k])}</td>)}
              <td className="num">{formatMoney(c.collected_fen, currency)}</td>
              <td className="num" title={c.target_fen === null ? t('supervisor.dashboard.noTarget') : undefined}>
                {c.target_fen === null ? '—' : formatMoney(c.target_fen, currency)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid="dashboard-totals">
            <th scope="row">{t('supervisor.dashboard.totals', { count: data.totals.collectors })}</th>
            {cols.map((k) => <td key={k} className="num">{formatCount(data.totals[k])}</td>)}
            <td className="num">{formatMoney(data.totals.collected_fen, currency)}</td>
            <td className="num">{formatMoney(data.totals.target_fen, currency)}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

export function DashboardScreen({ onSessionExpired }: { onSessionExpired(): void }) {
  const { t } = useTranslation();
  const [date, setDate] = useState<string | null>(null);
  const [currency, setCurrency] = useState<Currency | undefined>();
  const { state, reload } = useLoad((signal) => fetchDashboard(date, currency, signal), onSessionExpired, [date, currency]);
  return (
    <section className="sv-screen" aria-labelledby="sv-dashboard-title" data-testid="team-dashboard">
      <div className="screen-head">
        <h1 id="sv-dashboard-title">{t('supervisor.dashboard.title')}</h1>
        <label className="sv-inline">
          {t('supervisor.dashboard.date')}
          <input type="date" value={date ?? (state.kind === 'ready' ? state.data.date : '')}
            onChange={(e) => setDate(e.target.value === '' ? null : e.target.value)} />
        </label>
        {state.kind === 'ready' ? (
          <CurrencyPicker value={state.data.currency} options={state.data.currencies} onChange={setCurrency} testId="dashboard-currency" />
        ) : null}
        <button type="button" className="button button--quiet" onClick={reload}>{t('supervisor.refresh')}</button>
      </div>
      {state.kind === 'loading' ? <p role="status">{t('supervisor.loading')}</p> : null}
      {state.kind === 'error' ? <p className="banner banner--error" role="alert">{t('supervisor.loadFailed', { message: state.message })}</p> : null}
      {state.kind === 'ready' ? (
        state.data.collectors.length === 0 ? (
          // With creditors in several currencies, a day lists the collectors with something in the one shown: none is no empty team.
          state.data.currencies.length > 1 ? <p data-testid="dashboard-none">{t('supervisor.dashboard.noneInCurrency')}</p> : <p>{t('supervisor.noCollectors')}</p>
        ) : (
          <>
            <dl className="sv-kpis" data-testid="dashboard-kpis">
              <div><dt>{t('supervisor.metrics.attempts')}</dt><dd>{formatCount(state.data.totals.attempts)}</dd></div>
              <div><dt>{t('supervisor.metrics.right_party')}</dt><dd>{formatCount(state.data.totals.right_party)}</dd></div>
              <div><dt>{t('supervisor.metrics.promises_taken')}</dt><dd>{formatCount(state.data.totals.promises_taken)}</dd></div>
              <div><dt>{t('supervisor.metrics.promises_kept')}</dt><dd>{formatCount(state.data.totals.promises_kept)}</dd></div>
              <div><dt>{t('supervisor.metrics.collected')}</dt>
                <dd>{t('supervisor.dashboard.collectedOf', { collected: formatMoney(state.data.totals.collected_fen, state.data.currency), target: formatMoney(state.data.totals.target_fen, state.data.currency) })}</dd></div>
              <div><dt>{t('supervisor.metrics.paid_off')}</dt><dd data-testid="kpi-paid-off">{formatCount(state.data.totals.paid_off)}</dd></div>
              <div><dt>{t('supervisor.metrics.abusive')}</dt><dd>{formatCount(state.data.totals.abusive)}</dd></div>
            </dl>
            <div className="sv-charts">
              <ActivityChart collectors={state.data.collectors} />
              <CollectedChart collectors={state.data.collectors} currency={state.data.currency} />
            </div>
            <DashboardTable data={state.data} />
          </>
        )
      ) : null}
    </section>
  );
}
