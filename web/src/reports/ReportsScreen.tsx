import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CurrencyPicker } from '../lib/CurrencyPicker.tsx';
import { currentLocale } from '../i18n/index.ts';
import type { Currency } from '../lib/money.ts';
import { ruleName } from '../lib/rule-names.ts';
import type { User } from '../lib/types.ts';
import { formatCount, formatMoney } from '../supervisor/format.ts';
import { useLoad } from '../supervisor/useLoad.ts';
import '../supervisor/supervisor.css';
import {
  amountColumn, csvOf, DIMENSIONS, fetchCompliance, fetchFunnel, fetchRecovery, fetchRolls, fetchVintages, formatBp, lineLabel, rollColumns, yuan, type Dimension, type RecoveryReport,
} from './api.ts';
import { FunnelChart, RecoveryChart, VintageChart } from './charts.tsx';
import { BankFiles } from './BankFiles.tsx';

const TABS = ['recovery', 'vintages', 'rolls', 'funnel', 'compliance', 'contacts'] as const;
type Tab = (typeof TABS)[number];

interface Props { user: User; onSessionExpired(): void }

function Status({ state }: { state: { kind: string; message?: string } }) {
  const { t } = useTranslation();
  if (state.kind === 'loading') return <p role="status">{t('reports.loading')}</p>;
  if (state.kind === 'error') return <p className="banner banner--error" role="alert">{t('reports.loadFailed', { message: state.message })}</p>;
  return null;
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([`\uFEFF${text}`], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

function recoveryCsv(r: RecoveryReport, locale: string): string {
  // A bank's or a collector's line is keyed by its id (its code or name is the label): the column says so.
  return csvOf([r.by === 'creditor' || r.by === 'collector' ? `${r.by}_id` : r.by, 'label', 'accounts', amountColumn('placed', r.currency), 'payments', amountColumn('recovered', r.currency), 'recovery_rate_pct'],
    [...r.lines.map((l) => [l.key, lineLabel(l, locale), l.accounts, yuan(l.placed_fen), l.payments, yuan(l.recovered_fen), l.recovery_rate_bp === null ? null : yuan(l.recovery_rate_bp)]),
      ['total', '', r.total.accounts, yuan(r.total.placed_fen), r.total.payments, yuan(r.total.recovered_fen), r.total.recovery_rate_bp === null ? null : yuan(r.total.recovery_rate_bp)]]);
}

function Recovery({ onSessionExpired }: { onSessionExpired(): void }) {
  const { t, i18n } = useTranslation();
  const [by, setBy] = useState<Dimension>('creditor');
  const [currency, setCurrency] = useState<Currency | undefined>();
  const { state } = useLoad((signal) => fetchRecovery(by, currency, signal), onSessionExpired, [by, currency]);
  return (
    <>
      <div className="screen-head">
        <label className="sv-inline">{t('reports.recovery.by')}
          <select value={by} onChange={(e) => setBy(e.target.value as Dimension)} data-testid="recovery-by">
            {DIMENSIONS.map((d) => <option key={d} value={d}>{t(`reports.dimensions.${d}`)}</option>)}
          </select>
        </label>
        {state.kind === 'ready' ? (
          <>
            <CurrencyPicker value={state.data.currency} options={state.data.currencies} onChange={setCurrency} testId="recovery-currency" />
            <button type="button" className="button button--quiet" onClick={() => download(`recovery-${by}.csv`, recoveryCsv(state.data, i18n.language))}>{t('reports.csv')}</button>
          </>
        ) : null}
      </div>
      <Status state={state} />
      {state.kind === 'ready' ? (state.data.lines.length === 0 ? <p>{t('reports.empty')}</p> : (
        <>
          <RecoveryChart lines={state.data.lines} currency={state.data.currency} />
          <div className="table-scroll">
            <table className="data-table" data-testid="recovery-table">
              <thead><tr>
                <th scope="col">{t(`reports.dimensions.${by}`)}</th>
                <th scope="col" className="num">{t('reports.recovery.accounts')}</th>
                <th scope="col" className="num">{t('reports.recovery.placed')}</th>
                <th scope="col" className="num">{t('reports.recovery.recovered')}</th>
                <th scope="col" className="num">{t('reports.recovery.rate')}</th>
              </tr></thead>
              <tbody>
                {state.data.lines.map((l) => (
                  <tr key={l.key} data-testid="recovery-row" data-key={l.key}>
                    <th scope="row">{lineLabel(l, i18n.language)}</th>
                    <td className="num">{formatCount(l.accounts)}</td>
                    <td className="num">{formatMoney(l.placed_fen, state.data.currency)}</td>
                    <td className="num">{formatMoney(l.recovered_fen, state.data.currency)}</td>
                    <td className="num">{formatBp(l.recovery_rate_bp)}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot><tr data-testid="recovery-total">
                <th scope="row">{t('reports.total')}</th>
                <td className="num">{formatCount(state.data.total.accounts)}</td>
                <td className="num">{formatMoney(state.data.total.placed_fen, state.data.currency)}</td>
                <td className="num">{formatMoney(state.data.total.recovered_fen, state.data.currency)}</td>
                <td className="num">{formatBp(state.data.total.recovery_rate_bp)}</td>
              </tr></tfoot>
            </table>
          </div>
          <p className="muted sv-note">{t('reports.recovery.note')}</p>
        </>
      )) : null}
    </>
  );
}

function Vintages({ onSessionExpired }: { onSessionExpired(): void }) {
  const { t } = useTranslation();
  const [currency, setCurrency] = useState<Currency | undefined>();
  const { state } = useLoad((signal) => fetchVintages(currency, signal), onSessionExpired, [currency]);
  return (
    <>
      {state.kind === 'ready' && state.data.currencies.length > 1 ? (
        <div className="screen-head">
          <CurrencyPicker value={state.data.currency} options={state.data.currencies} onChange={setCurrency} testId="vintage-currency" />
        </div>
      ) : null}
      <Status state={state} />
      {state.kind === 'ready' ? (state.data.curves.length === 0 ? <p>{t('reports.empty')}</p> : (
        <>
          <VintageChart report={state.data} />
          <div className="table-scroll">
            <table className="data-table" data-testid="vintage-table">
              <thead><tr>
                <th scope="col">{t('reports.vintages.month')}</th>
                <th scope="col" className="num">{t('reports.recovery.placed')}</th>
                {state.data.curves[0]!.points.map((p) => <th key={p.months_since} scope="col" className="num">{`+${p.months_since}`}</th>)}
              </tr></thead>
              <tbody>
                {state.data.curves.map((c) => (
                  <tr key={c.placement_month}>
                    <th scope="row">{c.placement_month}</th>
                    <td className="num">{formatMoney(c.placed_fen, state.data.currency)}</td>
                    {c.points.map((p) => <td key={p.months_since} className="num">{formatBp(p.cumulative_rate_bp)}</td>)}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )) : null}
    </>
  );
}

function Rolls({ onSessionExpired }: { onSessionExpired(): void }) {
  const { t } = useTranslation();
  const { state } = useLoad((signal) => fetchRolls(signal), onSessionExpired);
  return (
    <>
      <Status state={state} />
      {state.kind === 'ready' ? (state.data.months.length === 0 ? <p>{t('reports.rolls.none')}</p> : state.data.months.map((m) => {
        const tos = rollColumns(m.rows.flatMap((r) => r.cells.map((c) => c.to)));
        const stateName = (st: string) => (st === 'paid' || st === 'out' ? t(`reports.rolls.states.${st}`) : st);
        return (
          <div key={m.month} className="table-scroll">
            <table className="data-table" data-testid="roll-table">
              <caption>{t('reports.rolls.caption', { month: m.month, asOf: m.as_of ?? '?' })}</caption>
              <thead><tr>
                <th scope="col">{t('reports.rolls.from')}</th>
                <th scope="col" className="num">{t('reports.recovery.accounts')}</th>
                {tos.map((to) => <th key={to} scope="col" className="num">{stateName(to)}</th>)}
                <th scope="col" className="num">{t('reports.rolls.forward')}</th>
                <th scope="col" className="num">{t('reports.rolls.cured')}</th>
              </tr></thead>
              <tbody>
                {m.rows.map((r) => (
                  <tr key={r.from}>
                    <th scope="row">{stateName(r.from)}</th>
                    <td className="num">{formatCount(r.accounts)}</td>
                    {tos.map((to) => <td key={to} className="num">{formatBp(r.cells.find((c) => c.to === to)?.share_bp ?? null)}</td>)}
                    <td className="num">{formatBp(r.roll_forward_bp)}</td>
                    <td className="num">{formatBp(r.cured_bp)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })) : null}
    </>
  );
}

/** The report's dates; a last date before the first is said here and not asked of the server (the report shown stays the last good one's). */
function Period({ from, to, onChange }: { from: string; to: string; onChange(from: string, to: string): void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<{ from: string; to: string } | null>(null);
  const shown = draft ?? { from, to };
  const backwards = shown.from !== '' && shown.to !== '' && shown.to < shown.from;
  const change = (next: { from: string; to: string }) => {
    setDraft(next);
    if (!(next.from !== '' && next.to !== '' && next.to < next.from)) onChange(next.from, next.to);
  };
  return (
    <div className="screen-head">
      <label className="sv-inline">{t('reports.from')}<input type="date" value={shown.from} onChange={(e) => change({ ...shown, from: e.target.value })} /></label>
      <label className="sv-inline">{t('reports.to')}<input type="date" value={shown.to} onChange={(e) => change({ ...shown, to: e.target.value })} /></label>
      {backwards ? <p className="banner banner--error" role="alert" data-testid="period-problem">{t('reports.contacts.toBeforeFrom')}</p> : null}
    </div>
  );
}

function Funnel({ onSessionExpired }: { onSessionExpired(): void }) {
  const [range, setRange] = useState({ from: '', to: '' });
  const { state } = useLoad((signal) => fetchFunnel(range.from || undefined, range.to || undefined, signal), onSessionExpired, [range.from, range.to]);
  return (
    <>
      <Period from={range.from || (state.kind === 'ready' ? state.data.from : '')} to={range.to || (state.kind === 'ready' ? state.data.to : '')}
        onChange={(from, to) => setRange({ from, to })} />
      <Status state={state} />
      {state.kind === 'ready' ? <FunnelChart report={state.data} /> : null}
    </>
  );
}

function Compliance({ onSessionExpired }: { onSessionExpired(): void }) {
  const { t } = useTranslation();
  const [range, setRange] = useState({ from: '', to: '' });
  const { state } = useLoad((signal) => fetchCompliance(range.from || undefined, range.to || undefined, signal), onSessionExpired, [range.from, range.to]);
  return (
    <>
      <Period from={range.from || (state.kind === 'ready' ? state.data.from : '')} to={range.to || (state.kind === 'ready' ? state.data.to : '')}
        onChange={(from, to) => setRange({ from, to })} />
      <Status state={state} />
      {state.kind === 'ready' ? (
        <div data-testid="compliance-report">
          <dl className="sv-kpis">
            <div><dt>{t('reports.compliance.refused')}</dt><dd>{formatCount(state.data.refused_attempts)}</dd></div>
            <div><dt>{t('reports.compliance.complaints')}</dt><dd>{`${formatCount(state.data.complaints)} (${state.data.complaints_per_1000 ?? '—'} ‰)`}</dd></div>
            <div><dt>{t('reports.compliance.upheld')}</dt><dd>{`${formatCount(state.data.upheld_complaints)} (${state.data.upheld_per_1000 ?? '—'} ‰)`}</dd></div>
            <div><dt>{t('reports.recovery.accounts')}</dt><dd>{formatCount(state.data.accounts)}</dd></div>
          </dl>
          <table className="data-table">
            <caption>{t('reports.compliance.byRule')}</caption>
            <tbody>{state.data.refused_by_rule.length === 0
              ? <tr><td className="muted" data-testid="refused-none">{t('reports.compliance.noneRefused')}</td></tr>
              : state.data.refused_by_rule.map((r) => <tr key={r.rule}><th scope="row" title={r.rule}>{ruleName(r.rule, currentLocale())}</th><td className="num">{formatCount(r.refused)}</td></tr>)}</tbody>
          </table>
          <table className="data-table">
            <caption>{t('reports.compliance.suspensions')}</caption>
            <tbody>{state.data.suspensions_in_force.length === 0
              ? <tr><td className="muted" data-testid="suspensions-none">{t('reports.compliance.noSuspensions')}</td></tr>
              : state.data.suspensions_in_force.map((s) => (
                <tr key={s.id}><th scope="row">{`${t(`supervisor.suspensions.scopes.${s.scope}`, { defaultValue: s.scope })} ${s.code}`}</th>
                  <td>{`${s.from_date} – ${s.to_date ?? t('supervisor.suspensions.open')}`}</td><td>{s.reason}</td></tr>))}</tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}

/**
 * Reports: recovery, vintages, roll rates, contact funnel, compliance, each in the reader's own scope (the API decides it);
 * for admins and banks' users, the files the bank gets back (回盘文件: contact records, account status).
 */
export function ReportsScreen({ user, onSessionExpired }: Props) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('recovery');
  return (
    <section className="sv-screen" aria-labelledby="reports-title" data-testid="reports-screen">
      <div className="screen-head">
        <h1 id="reports-title">{t('reports.title')}</h1>
        <p className="muted">{t(`reports.scope.${user.role}`)}</p>
      </div>
      <div role="tablist" aria-label={t('reports.title')} className="sv-inline">
        {TABS.filter((k) => k !== 'contacts' || user.role === 'admin' || user.role === 'creditor_user').map((k) => (
          <button key={k} type="button" role="tab" aria-selected={tab === k} className={tab === k ? 'button' : 'button button--quiet'}
            onClick={() => setTab(k)}>{t(`reports.tabs.${k}`)}</button>
        ))}
      </div>
      <div role="tabpanel">
        {tab === 'recovery' ? <Recovery onSessionExpired={onSessionExpired} />
          : tab === 'vintages' ? <Vintages onSessionExpired={onSessionExpired} />
          : tab === 'rolls' ? <Rolls onSessionExpired={onSessionExpired} />
          : tab === 'funnel' ? <Funnel onSessionExpired={onSessionExpired} />
          : tab === 'compliance' ? <Compliance onSessionExpired={onSessionExpired} />
          : <BankFiles user={user} onSessionExpired={onSessionExpired} />}
      </div>
    </section>
  );
}
