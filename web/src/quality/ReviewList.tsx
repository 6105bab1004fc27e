import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/index.ts';
import { ApiError } from '../lib/api.ts';
import { personalText } from '../lib/bilingual.ts';
import { messageOf, useKeysetPages } from '../lib/useKeysetPages.ts';
import { formatDateTime } from '../supervisor/format.ts';
import {
  ANY_REVIEW, appealReview, type Checklist, decideAppeal, failedItems, fetchReviews, RESULTS, REVIEW_STATUSES,
  type Review, type ReviewFilter, type ReviewsPage,
} from './api.ts';

const COLUMNS = ['reviewedAt', 'collector', 'account', 'score', 'result', 'status', 'reviewer', 'comment', 'appeal'] as const;

/**
 * 质检记录: the reviews newest first (a collector's own only), by result and status, older ones a
 * page at a time. Each with its score, result, status, reviewer and comment, the items it failed,
 * the appeal and its decision; 申诉 where the viewer may appeal, 维持 / 撤销 where they may decide.
 */
export function ReviewList({ checklist, onReviewChanged = () => {}, onSessionExpired }: { checklist: Checklist | null;
  /** A review appealed or an appeal decided: the summary counts change with it. */ onReviewChanged?(): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<ReviewFilter>(ANY_REVIEW);
  const [notice, setNotice] = useState<string | null>(null);
  const { listing, loadOlder, replace } = useKeysetPages<Review, ReviewsPage>(
    (before, signal) => fetchReviews(filter, before, signal), `${filter.result}|${filter.status}`, onSessionExpired);
  const filtered = filter.result !== '' || filter.status !== '';

  function changed(review: Review, message: string): void {
    replace((current) => (current.id === review.id ? review : current));
    setNotice(message);
    onReviewChanged();
  }

  return (
    <div className="qa-reviews" data-testid="quality-reviews">
      <div className="qa-filters" role="group" aria-label={t('quality.reviews.filters')}>
        <label>{t('quality.reviews.result')}
          <select value={filter.result} data-testid="reviews-result"
            onChange={(e) => { setNotice(null); setFilter({ ...filter, result: e.target.value as ReviewFilter['result'] }); }}>
            <option value="">{t('quality.reviews.any')}</option>
            {RESULTS.map((r) => <option key={r} value={r}>{t(`quality.result.${r}`)}</option>)}
          </select></label>
        <label>{t('quality.reviews.status')}
          <select value={filter.status} data-testid="reviews-status"
            onChange={(e) => { setNotice(null); setFilter({ ...filter, status: e.target.value as ReviewFilter['status'] }); }}>
            <option value="">{t('quality.reviews.any')}</option>
            {REVIEW_STATUSES.map((s) => <option key={s} value={s}>{t(`quality.status.${s}`)}</option>)}
          </select></label>
      </div>
      {notice !== null ? <p className="banner banner--info" role="status" data-testid="reviews-notice">{notice}</p> : null}

      {listing.kind === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {listing.kind === 'error' ? <p className="banner banner--error" role="alert" data-testid="reviews-problem">{listing.message}</p> : null}
      {listing.kind === 'ready' ? (
        <>
          {listing.items.length === 0 ? (
            <p className="muted" data-testid="reviews-empty">{t(filtered ? 'quality.reviews.emptyFiltered' : 'quality.reviews.empty')}</p>
          ) : (
            <div className="qa-table-wrap">
              <table className="data-table qa-table" data-testid="reviews-table">
                <caption className="visually-hidden">{t('quality.reviews.caption')}</caption>
                <thead><tr>{COLUMNS.map((c) => <th key={c} scope="col" className={c === 'score' ? 'num' : undefined}>
                  {t(`quality.reviews.columns.${c}`)}</th>)}</tr></thead>
                <tbody>
                  {listing.items.map((review) => (
                    <ReviewRow key={review.id} review={review} checklist={checklist} onChanged={changed} onSessionExpired={onSessionExpired} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {typeof listing.more === 'object' ? <p className="banner banner--error" role="alert">{listing.more.error}</p> : null}
          {listing.nextBefore !== null ? (
            <button type="button" className="button qa-older" disabled={listing.more === 'loading'} onClick={() => void loadOlder()}
              data-testid="reviews-older">
              {t(listing.more === 'loading' ? 'quality.reviews.loadingOlder' : 'quality.reviews.older')}</button>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

function ReviewRow({ review, checklist, onChanged, onSessionExpired }: {
  review: Review; checklist: Checklist | null; onChanged(review: Review, message: string): void; onSessionExpired(): void;
}) {
  const { t } = useTranslation();
  const zh = currentLocale() === 'zh-CN';
  const failed = failedItems(checklist, review.answers);
  const channel = t(`quality.channel.${review.channel}`, { defaultValue: review.channel });
  return (
    <tr data-testid="review-row" data-review-id={review.id} data-attempt-id={review.attempt_id} data-result={review.result} data-status={review.status}>
      <td><time dateTime={review.reviewed_at} title={review.reviewed_at}>{formatDateTime(review.reviewed_at)}</time></td>
      <td>{review.collector_name ?? '—'}</td>
      <td className="qa-account">
        <span className="qa-debtor">{personalText(review.debtor_name, t('app.erased'))}</span> <span className="qa-mask">{review.account_no_mask}</span>
        <span className="muted"> · {review.creditor_code}</span>
        <span className="muted qa-attempt">{t('quality.reviews.attempt', {
          time: formatDateTime(review.attempt_at), channel, outcome: zh ? review.outcome_label_zh : review.outcome_label })}</span>
        {review.complaint_linked ? <span className="status qa-reason qa-reason--complaint">{t('quality.reviews.complaintLinked')}</span> : null}
      </td>
      <td className="num" data-testid="review-score">{review.score}</td>
      <td><span className={`status qa-result qa-result--${review.result}`} data-testid="review-result">{t(`quality.result.${review.result}`)}</span></td>
      <td><span className={`status qa-status qa-status--${review.status}`} data-testid="review-status">{t(`quality.status.${review.status}`)}</span></td>
      <td>{review.reviewer_name ?? '—'}</td>
      <td className="qa-comment">
        <span data-testid="review-comment">{review.comment ?? t('quality.reviews.noComment')}</span>
        {failed.length > 0 ? (
          <span className="qa-failed" data-testid="review-failed">{t('quality.reviews.failedItems')}
            {failed.map((item, i) => (
              <span key={item.code} data-code={item.code} className={item.red_line ? 'qa-failed-red' : undefined}>
                {i > 0 ? (zh ? '、' : ', ') : ''}{zh ? item.label_zh : item.label}</span>
            ))}
          </span>
        ) : null}
      </td>
      <td className="qa-appeal"><Appeal review={review} onChanged={onChanged} onSessionExpired={onSessionExpired} /></td>
    </tr>
  );
}

/** The appeal as it stands, and what the viewer may do with it: appeal (the collector) or decide (a lead or admin). */
function Appeal({ review, onChanged, onSessionExpired }: { review: Review; onChanged(review: Review, message: string): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const decided = (review.status === 'upheld' || review.status === 'overturned') && review.appeal_decided_at !== null;
  const lines = [
    review.appeal_reason !== null ? (
      <span key="reason" data-testid="appeal-reason">{t('quality.reviews.appealReason', { reason: review.appeal_reason })}</span>
    ) : null,
    review.appealed_at !== null ? (
      <time key="at" className="muted" dateTime={review.appealed_at}>{t('quality.reviews.appealedAt', { time: formatDateTime(review.appealed_at) })}</time>
    ) : null,
    decided ? (
      <span key="decision" data-testid="appeal-decision">{t('quality.reviews.decision', {
        decision: t(review.status === 'upheld' ? 'quality.reviews.uphold' : 'quality.reviews.overturn'),
        by: review.appeal_decided_by_name ?? '—', time: formatDateTime(review.appeal_decided_at!), note: review.appeal_note ?? '' })}</span>
    ) : null,
  ].filter((line) => line !== null);
  return (
    <div className="qa-appeal-lines">
      {lines.length === 0 && !review.can_appeal && !review.can_decide_appeal ? '—' : lines}
      {review.can_appeal ? <AppealForm review={review} onChanged={onChanged} onSessionExpired={onSessionExpired} /> : null}
      {review.can_decide_appeal ? <DecideForm review={review} onChanged={onChanged} onSessionExpired={onSessionExpired} /> : null}
    </div>
  );
}

type Sending = { busy: boolean; problem: string | null };

/** 申诉: a reason, then sent; the row shows 申诉中. */
function AppealForm({ review, onChanged, onSessionExpired }: { review: Review; onChanged(review: Review, message: string): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [sending, setSending] = useState<Sending>({ busy: false, problem: null });

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (reason.trim() === '') { setSending({ busy: false, problem: t('quality.reviews.reasonRequired') }); return; }
    setSending({ busy: true, problem: null });
    try {
      const { review: after } = await appealReview(review.id, reason);
      onChanged(after, t('quality.reviews.appealed'));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) { onSessionExpired(); return; }
      setSending({ busy: false, problem: messageOf(error) });
    }
  }

  if (!open) {
    return (
      <button type="button" className="button" onClick={() => setOpen(true)} aria-label={t('quality.reviews.appealLabel', { id: review.id })}>
        {t('quality.reviews.appeal')}</button>
    );
  }
  return (
    <form className="qa-row-form" onSubmit={(e) => void submit(e)} data-testid="appeal-form" noValidate>
      <label>{t('quality.reviews.appealReasonField')}
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} rows={3} maxLength={2000}
          aria-invalid={sending.problem !== null ? true : undefined} aria-describedby={sending.problem !== null ? `${id}-problem` : undefined} /></label>
      {sending.problem !== null ? <p id={`${id}-problem`} className="banner banner--error" role="alert">{sending.problem}</p> : null}
      <div className="qa-buttons">
        <button type="submit" className="button button--primary" disabled={sending.busy}>{t('quality.reviews.appealSubmit')}</button>
        <button type="button" className="button" onClick={() => { setOpen(false); setSending({ busy: false, problem: null }); }}>
          {t('quality.reviews.appealCancel')}</button>
      </div>
    </form>
  );
}

/** 维持 / 撤销 an appeal, with a note the server keeps. */
function DecideForm({ review, onChanged, onSessionExpired }: { review: Review; onChanged(review: Review, message: string): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [note, setNote] = useState('');
  const [sending, setSending] = useState<Sending>({ busy: false, problem: null });

  async function decide(decision: 'upheld' | 'overturned'): Promise<void> {
    if (note.trim() === '') { setSending({ busy: false, problem: t('quality.reviews.noteRequired') }); return; }
    setSending({ busy: true, problem: null });
    try {
      const { review: after } = await decideAppeal(review.id, decision, note);
      onChanged(after, t(`quality.reviews.decided_${decision}`));
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) { onSessionExpired(); return; }
      setSending({ busy: false, problem: messageOf(error) });
    }
  }

  return (
    <div className="qa-row-form" data-testid="decide-form">
      <label>{t('quality.reviews.decisionNote')}
        <textarea value={note} onChange={(e) => setNote(e.target.value)} rows={2} maxLength={2000} required
          aria-invalid={sending.problem !== null ? true : undefined} aria-describedby={sending.problem !== null ? `${id}-problem` : undefined} /></label>
      {sending.problem !== null ? <p id={`${id}-problem`} className="banner banner--error" role="alert">{sending.problem}</p> : null}
      <div className="qa-buttons">
        <button type="button" className="button" disabled={sending.busy} onClick={() => void decide('upheld')}>{t('quality.reviews.uphold')}</button>
        <button type="button" className="button" disabled={sending.busy} onClick={() => void decide('overturned')}>{t('quality.reviews.overturn')}</button>
      </div>
    </div>
  );
}
