import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/index.ts';
import type { Role } from '../lib/types.ts';
import { formatCount } from '../supervisor/format.ts';
import { useLoad } from '../supervisor/useLoad.ts';
import { type Checklist, fetchChecklist, fetchSummary, type SummaryRow } from './api.ts';
import { QueueTab } from './QueueTab.tsx';
import { ReviewList } from './ReviewList.tsx';
import './quality.css';

const TABS = ['queue', 'reviews', 'summary'] as const;
type Tab = (typeof TABS)[number];

/**
 * Call quality review (质检). Team leads and admins review a sample of collectors' calls and
 * visits (every complaint-linked one, plus a share of the rest) against the checklist (待质检),
 * read and decide appeals on the reviews (质检记录) and compare collectors (质检汇总). A collector
 * reads their own reviews (我的质检) with the comments, and appeals a failed one.
 */
export function QualityScreen({ role, onSessionExpired }: { role: Role; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const staff = role === 'admin' || role === 'supervisor';
  const [tab, setTab] = useState<Tab>(staff ? 'queue' : 'reviews');
  const checklist = useLoad((signal) => fetchChecklist(signal), onSessionExpired);
  const list: Checklist | null = checklist.state.kind === 'ready' ? checklist.state.data : null;
  // Bumped when a review changes (an appeal made or decided), so the summary above it is read again.
  const [changes, setChanges] = useState(0);
  const reviewChanged = () => setChanges((n) => n + 1);

  return (
    <section className="qa-screen" aria-labelledby="qa-title" data-testid="quality-screen">
      <div className="screen-head"><h1 id="qa-title">{t(staff ? 'quality.title' : 'quality.titleCollector')}</h1></div>
      {list !== null ? (
        <p className="muted qa-intro">{t(staff ? 'quality.intro' : 'quality.introCollector', { passMark: list.pass_mark, days: list.appeal_days })}</p>
      ) : null}
      {checklist.state.kind === 'error' ? <p className="banner banner--error" role="alert">{checklist.state.message}</p> : null}

      {staff ? (
        <>
          <div className="qa-tabs" role="tablist" aria-label={t('quality.tabs.label')}>
            {TABS.map((k) => (
              <button key={k} type="button" role="tab" aria-selected={tab === k} className={`button${tab === k ? ' button--primary' : ''}`}
                data-testid={`quality-tab-${k}`} onClick={() => setTab(k)}>{t(`quality.tabs.${k}`)}</button>
            ))}
          </div>
          <div role="tabpanel" aria-label={t(`quality.tabs.${tab}`)}>
            {tab === 'queue' ? <QueueTab checklist={list} onSessionExpired={onSessionExpired} /> : null}
            {tab === 'reviews' ? <ReviewList checklist={list} onReviewChanged={reviewChanged} onSessionExpired={onSessionExpired} /> : null}
            {tab === 'summary' ? <SummaryTab onSessionExpired={onSessionExpired} /> : null}
          </div>
        </>
      ) : (
        <>
          <SummaryTab mine changes={changes} onSessionExpired={onSessionExpired} />
          <ReviewList checklist={list} onReviewChanged={reviewChanged} onSessionExpired={onSessionExpired} />
        </>
      )}
    </section>
  );
}

/** An average score with one decimal, or — when nothing counts. */
function formatAverage(score: number | null): string {
  if (score === null) return '—';
  return new Intl.NumberFormat(currentLocale(), { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(score);
}

const SUMMARY_COLUMNS = ['reviews', 'average', 'passed', 'failed', 'redLines', 'appealsOpen', 'overturned'] as const;

/** 质检汇总: per collector over a date range (the server's default: the 30 days to today); a collector's own row only. */
function SummaryTab({ mine = false, changes = 0, onSessionExpired }: { mine?: boolean; changes?: number; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState({ from: '', to: '' });
  const [query, setQuery] = useState({ from: '', to: '' });
  const [rangeProblem, setRangeProblem] = useState<string | null>(null);
  const { state } = useLoad((signal) => fetchSummary(query.from, query.to, signal), onSessionExpired, [query.from, query.to, changes]);
  // The inputs show the range the server chose when none was asked for.
  const filled = useRef(false);
  useEffect(() => {
    if (state.kind !== 'ready' || filled.current) return;
    filled.current = true;
    setDraft((d) => (d.from === '' && d.to === '' ? { from: state.data.from, to: state.data.to } : d));
  }, [state]);

  function apply(event: FormEvent): void {
    event.preventDefault();
    if (draft.from !== '' && draft.to !== '' && draft.from > draft.to) { setRangeProblem(t('quality.summary.badRange')); return; }
    setRangeProblem(null);
    setQuery({ ...draft });
  }

  return (
    <div className="qa-summary" data-testid="quality-summary">
      {mine ? <h2 className="qa-subtitle">{t('quality.summary.mine')}</h2> : null}
      <form className="qa-filters" onSubmit={apply} data-testid="summary-range">
        <label>{t('quality.summary.from')}
          <input type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} /></label>
        <label>{t('quality.summary.to')}
          <input type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })}
            aria-invalid={rangeProblem !== null ? true : undefined} /></label>
        <button type="submit" className="button">{t('quality.summary.apply')}</button>
      </form>
      {rangeProblem !== null ? <p className="banner banner--error" role="alert">{rangeProblem}</p> : null}
      {state.kind === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {state.kind === 'error' ? <p className="banner banner--error" role="alert" data-testid="summary-problem">{state.message}</p> : null}
      {state.kind === 'ready' ? (
        <>
          <p className="muted" data-testid="summary-range-shown">
            {t('quality.summary.range', { from: state.data.from, to: state.data.to, passMark: state.data.pass_mark })}</p>
          {state.data.collectors.length === 0 ? <p className="muted" data-testid="summary-empty">{t('quality.summary.empty')}</p> : (
            <div className="qa-table-wrap">
              <table className="data-table qa-table" data-testid="summary-table">
                <caption className="visually-hidden">{t('quality.summary.caption')}</caption>
                <thead><tr>
                  <th scope="col">{t('quality.summary.columns.collector')}</th>
                  {SUMMARY_COLUMNS.map((c) => <th key={c} scope="col" className="num">{t(`quality.summary.columns.${c}`)}</th>)}
                </tr></thead>
                <tbody>{state.data.collectors.map((row) => <SummaryLine key={row.collector_id} row={row} passMark={state.data.pass_mark} />)}</tbody>
              </table>
            </div>
          )}
        </>
      ) : null}
    </div>
  );
}

function SummaryLine({ row, passMark }: { row: SummaryRow; passMark: number }) {
  const below = row.average_score !== null && row.average_score < passMark;
  return (
    <tr data-testid="summary-row" data-collector-id={row.collector_id}>
      <th scope="row">{row.collector_name}</th>
      <td className="num" data-testid="summary-reviews">{formatCount(row.reviews)}</td>
      <td className={`num${below ? ' qa-below' : ''}`} data-testid="summary-average">{formatAverage(row.average_score)}</td>
      <td className="num">{formatCount(row.passed)}</td>
      <td className="num">{formatCount(row.failed)}</td>
      <td className="num">{formatCount(row.red_lines)}</td>
      <td className="num" data-testid="summary-appeals-open">{formatCount(row.appeals_open)}</td>
      <td className="num" data-testid="summary-overturned">{formatCount(row.overturned)}</td>
    </tr>
  );
}
