import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Recording } from '../lib/Recording.tsx';
import { personalText } from '../lib/bilingual.ts';
import { currentLocale } from '../i18n/index.ts';
import { formatDateTime } from '../supervisor/format.ts';
import { useLoad } from '../supervisor/useLoad.ts';
import { type Checklist, fetchQueue, type QueueItem, type Review } from './api.ts';
import { ReviewForm } from './ReviewForm.tsx';

const COLUMNS = ['at', 'collector', 'account', 'channel', 'party', 'outcome', 'note', 'recording', 'reason', 'actions'] as const;

/**
 * 待质检: the calls and visits waiting for review (complaint-linked first, then newest), by
 * collector; 质检 opens the checklist for one; once saved, it leaves the list and a banner says
 * its score and result.
 */
export function QueueTab({ checklist, onSessionExpired }: { checklist: Checklist | null; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const zh = currentLocale() === 'zh-CN';
  const [collector, setCollector] = useState<number | null>(null);
  const { state } = useLoad((signal) => fetchQueue(collector, signal), onSessionExpired, [collector]);
  // Every collector seen in the queue, so the filter still offers the others once one is chosen.
  const [collectors, setCollectors] = useState<Map<number, string>>(new Map());
  const [reviewed, setReviewed] = useState<ReadonlySet<number>>(new Set());
  const [open, setOpen] = useState<QueueItem | null>(null);
  const [saved, setSaved] = useState<Review | null>(null);
  const formRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (state.kind !== 'ready') return;
    setCollectors((known) => {
      const next = new Map(known);
      for (const item of state.data.items) if (item.collector_id !== null) next.set(item.collector_id, item.collector_name ?? `#${item.collector_id}`);
      return next.size === known.size ? known : next;
    });
  }, [state]);
  useEffect(() => { if (open !== null) formRef.current?.scrollIntoView({ block: 'nearest' }); }, [open]);

  function done(review: Review): void {
    setReviewed((ids) => new Set([...ids, review.attempt_id]));
    setOpen(null);
    setSaved(review);
  }

  const items = state.kind === 'ready' ? state.data.items.filter((item) => !reviewed.has(item.attempt_id)) : [];
  const channel = (c: string) => t(`quality.channel.${c}`, { defaultValue: c });
  const party = (p: string) => t(`quality.party.${p}`, { defaultValue: p });
  return (
    <div className="qa-queue" data-testid="quality-queue">
      {saved !== null ? (
        <p className="banner banner--info" role="status" data-testid="quality-saved">
          {t('quality.form.saved', { score: saved.score, result: t(`quality.result.${saved.result}`) })}</p>
      ) : null}
      {state.kind === 'ready' ? (
        <p className="qa-rule" data-testid="queue-rule">{t('quality.queue.rule', { percent: state.data.sample_percent, days: state.data.window_days })}</p>
      ) : null}
      <div className="qa-filters">
        <label>{t('quality.queue.collector')}
          <select value={collector === null ? '' : String(collector)} data-testid="queue-collector"
            onChange={(e) => { setCollector(e.target.value === '' ? null : Number(e.target.value)); setOpen(null); }}>
            <option value="">{t('quality.queue.allCollectors')}</option>
            {[...collectors].sort((a, b) => a[1].localeCompare(b[1], 'zh-CN')).map(([id, name]) => <option key={id} value={id}>{name}</option>)}
          </select></label>
      </div>

      {open !== null && checklist !== null ? (
        <div ref={formRef}>
          <ReviewForm key={open.attempt_id} item={open} checklist={checklist} onSaved={done} onCancel={() => setOpen(null)}
            onSessionExpired={onSessionExpired} />
        </div>
      ) : null}

      {state.kind === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {state.kind === 'error' ? <p className="banner banner--error" role="alert" data-testid="queue-problem">{state.message}</p> : null}
      {state.kind === 'ready' && items.length === 0 ? <p className="muted" data-testid="queue-empty">{t('quality.queue.empty')}</p> : null}
      {items.length > 0 ? (
        <div className="qa-table-wrap">
          <table className="data-table qa-table" data-testid="queue-table">
            <caption className="visually-hidden">{t('quality.queue.caption')}</caption>
            <thead><tr>{COLUMNS.map((c) => <th key={c} scope="col">{t(`quality.queue.columns.${c}`)}</th>)}</tr></thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.attempt_id} data-testid="queue-row" data-attempt-id={item.attempt_id} data-reason={item.reason}
                  aria-selected={open?.attempt_id === item.attempt_id}>
                  <td><time dateTime={item.at} title={item.at}>{formatDateTime(item.at)}</time></td>
                  <td>{item.collector_name ?? '—'}</td>
                  <td className="qa-account"><span className="qa-debtor">{personalText(item.debtor_name, t('app.erased'))}</span> <span className="qa-mask">{item.account_no_mask}</span>
                    <span className="muted"> · {item.creditor_code}</span></td>
                  <td>{channel(item.channel)}</td>
                  <td>{party(item.party)}</td>
                  <td className="qa-outcome">{zh ? item.outcome_label_zh : item.outcome_label}</td>
                  <td className="qa-note">{item.note ?? '—'}</td>
                  <td><Recording value={item.recording_ref} className="qa-mask" /></td>
                  <td><span className={`status qa-reason qa-reason--${item.reason}`} data-testid="queue-reason">{t(`quality.reason.${item.reason}`)}</span></td>
                  <td>
                    <button type="button" className="button" disabled={checklist === null} onClick={() => { setSaved(null); setOpen(item); }}
                      aria-label={t('quality.queue.reviewLabel', { debtor: personalText(item.debtor_name, t('app.erased')), account: item.account_no_mask, time: formatDateTime(item.at), channel: channel(item.channel) })}>
                      {t('quality.queue.review')}</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
