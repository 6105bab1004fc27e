import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/index.ts';
import { creditorName, creditorNameOf } from '../lib/bilingual.ts';
import { formatFen } from '../lib/money.ts';
import type { User } from '../lib/types.ts';
import { defaultBank } from '../lib/team-banks.ts';
import { formatDateTimeIn } from '../lib/time.ts';
import { useAction } from '../supervisor/useAction.ts';
import { useLoad } from '../supervisor/useLoad.ts';
import { exportUrl, fetchCreditors, fetchStatement, issueStatement, previousMonth, rateText } from './api.ts';

/** Lines drawn on the screen; the exports carry every line. */
const SHOWN_LINES = 500;

/** A creditor's commission statement for a month: totals, lines, exports; an admin issues it. */
export function StatementScreen({ user, onSessionExpired }: { user: User; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const ownOnly = user.role === 'creditor_user';
  const [month, setMonth] = useState(previousMonth(user.business_date));
  const [creditor, setCreditor] = useState<string | undefined>(undefined);
  const creditors = useLoad((signal) => (ownOnly ? Promise.resolve({ items: [] }) : fetchCreditors(signal)), onSessionExpired, [ownOnly]);
  const chosen = ownOnly ? undefined : creditor ?? (creditors.state.kind === 'ready' ? defaultBank(creditors.state.data.items) : undefined);
  const ready = ownOnly || chosen !== undefined;
  const statement = useLoad((signal) => (ready ? fetchStatement(chosen, month, signal) : Promise.resolve(null)), onSessionExpired, [chosen, month, ready]);
  const issue = useAction(onSessionExpired);
  const money = (fen: number) => formatFen(fen, locale, statement.state.kind === 'ready' ? statement.state.data?.currency : 'CNY');
  const exportLocale = locale === 'zh-CN' ? 'zh-CN' : 'en';

  return (
    <section className="sv-screen" aria-labelledby="money-statement-title" data-testid="statement-screen">
      <div className="screen-head">
        <h1 id="money-statement-title">{t('money.statement.title')}</h1>
        {ownOnly ? null : (
          <label className="sv-inline">{t('money.creditor')}
            <select value={chosen ?? ''} onChange={(e) => setCreditor(e.target.value)} data-testid="statement-creditor">
              {creditors.state.kind === 'ready' ? creditors.state.data.items.map((c) => <option key={c.code} value={c.code}>{creditorName(c, locale)} ({c.code})</option>) : null}
            </select>
          </label>
        )}
        <label className="sv-inline">{t('money.month')}
          <input type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} data-testid="statement-month" />
        </label>
      </div>
      {statement.state.kind === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {statement.state.kind === 'error' ? <p role="alert" className="banner banner--error">{statement.state.message}</p> : null}
      {statement.state.kind === 'ready' && statement.state.data ? (() => {
        const s = statement.state.data;
        return (
          <>
            <p data-testid="statement-status">
              {creditorNameOf(s, locale)} ({s.creditor}) · {s.month} · {s.status === 'issued' ? t('money.statement.issued', { at: formatDateTimeIn(s.issued_at!, locale) }) : t('money.statement.draft')}
            </p>
            <dl className="sv-kpis" data-testid="statement-totals">
              <div><dt>{t('money.statement.recovered')}</dt><dd data-testid="total-recovered">{money(s.totals.recovered_fen)}</dd></div>
              <div><dt>{t('money.statement.commission')}</dt><dd data-testid="total-commission">{money(s.totals.commission_fen)}</dd></div>
              <div><dt>{t('money.statement.netDue')}</dt><dd data-testid="total-net">{money(s.totals.net_due_fen)}</dd></div>
              <div><dt>{t('money.statement.lines')}</dt><dd>{s.totals.lines}</dd></div>
            </dl>
            <p className="sv-inline">
              {t('money.statement.export')}:
              {(['csv', 'xlsx', 'pdf'] as const).map((f) => (
                <a key={f} className="button" href={exportUrl(chosen, s.month, f, exportLocale)} download data-testid={`export-${f}`}>{t(`money.statement.formats.${f}`)}</a>
              ))}
              {user.role === 'admin' && s.status === 'draft' ? (
                <button type="button" className="button button--primary" disabled={issue.busy} data-testid="statement-issue"
                  onClick={() => {
                    // Issuing freezes the month for good: said with its totals, and confirmed first.
                    if (!window.confirm(t('money.statement.confirmIssue', { creditor: s.creditor, month: s.month, lines: s.totals.lines,
                      recovered: money(s.totals.recovered_fen), commission: money(s.totals.commission_fen) }))) return;
                    void issue.run(async () => { await issueStatement(s.creditor, s.month); statement.reload(); });
                  }}>
                  {t('money.statement.issue')}
                </button>
              ) : null}
            </p>
            {issue.problem ? <p role="alert" className="banner banner--error">{issue.problem}</p> : null}
            {s.lines.length === 0 ? <p className="muted" data-testid="statement-empty">{t('money.statement.empty')}</p> : (
              <div className="table-scroll">
                <table className="data-table" data-testid="statement-lines">
                  <thead><tr>
                    <th scope="col">#</th><th scope="col">{t('money.statement.kind')}</th><th scope="col">{t('money.statement.account')}</th>
                    <th scope="col">{t('money.statement.paidOn')}</th><th scope="col" className="num">{t('money.statement.amount')}</th>
                    <th scope="col">{t('money.statement.bucket')}</th><th scope="col" className="num">{t('money.statement.rate')}</th>
                    <th scope="col" className="num">{t('money.statement.commission')}</th><th scope="col">{t('money.statement.collector')}</th>
                  </tr></thead>
                  <tbody>{s.lines.slice(0, SHOWN_LINES).map((l) => (
                    <tr key={l.payment_id} data-testid="statement-line">
                      <td>{l.line_no}</td><td>{t(`money.statement.kinds.${l.kind === 'payment' && l.reverses_id !== null ? 'reversal' : l.kind}`)}</td><td>{l.account_no_mask}</td><td>{l.paid_on}</td>
                      <td className="num">{money(l.amount_fen)}</td><td>{l.bucket ?? '—'}</td><td className="num">{rateText(l.rate_bp)}</td>
                      <td className="num">{money(l.commission_fen)}</td><td>{l.collector_name ?? '—'}</td>
                    </tr>
                  ))}</tbody>
                </table>
                {s.lines.length > SHOWN_LINES ? <p className="muted" data-testid="statement-more">{t('money.statement.more', { shown: SHOWN_LINES, total: s.lines.length })}</p> : null}
              </div>
            )}
          </>
        );
      })() : null}
    </section>
  );
}
