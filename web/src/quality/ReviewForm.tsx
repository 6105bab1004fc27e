import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Recording } from '../lib/Recording.tsx';
import { personalText } from '../lib/bilingual.ts';
import { currentLocale } from '../i18n/index.ts';
import { ApiError } from '../lib/api.ts';
import { messageOf } from '../lib/useKeysetPages.ts';
import { formatDateTime } from '../supervisor/format.ts';
import { type Answers, ANSWERS, type Checklist, previewOf, type QueueItem, type Review, submitReview } from './api.ts';

/**
 * The checklist for one call or visit: pass, fail or N/A per item (red lines marked), a comment
 * (the server wants one unless it passes), the score and result as the server will reckon them,
 * and 提交. A refusal (an item missing, no comment, already reviewed) shows its message.
 */
export function ReviewForm({ item, checklist, onSaved, onCancel, onSessionExpired }: {
  item: QueueItem; checklist: Checklist; onSaved(review: Review): void; onCancel(): void; onSessionExpired(): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const zh = currentLocale() === 'zh-CN';
  const [answers, setAnswers] = useState<Partial<Answers>>({});
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ message: string; field: string | null } | null>(null);
  const preview = previewOf(checklist, answers);
  const complete = preview.missing === 0 && preview.score !== null;

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (!complete || busy) return;
    setBusy(true);
    setProblem(null);
    try {
      const { review } = await submitReview(item.attempt_id, answers as Answers, comment);
      onSaved(review);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) { onSessionExpired(); return; }
      setProblem({ message: messageOf(error), field: error instanceof ApiError ? error.field ?? null : null });
      setBusy(false);
    }
  }

  const problemId = `${id}-problem`;
  const channel = t(`quality.channel.${item.channel}`, { defaultValue: item.channel });
  return (
    <form className="qa-form" onSubmit={(e) => void submit(e)} data-testid="review-form" data-attempt-id={item.attempt_id}
      aria-labelledby={`${id}-title`} noValidate>
      <h2 id={`${id}-title`} className="qa-subtitle">{t('quality.form.title', { debtor: personalText(item.debtor_name, t('app.erased')), account: item.account_no_mask })}</h2>
      <p className="muted">{t('quality.form.attempt', {
        time: formatDateTime(item.at), collector: item.collector_name ?? '—', channel,
        party: t(`quality.party.${item.party}`, { defaultValue: item.party }), outcome: zh ? item.outcome_label_zh : item.outcome_label,
      })}{item.recording_ref !== null ? <> · <Recording value={item.recording_ref} className="qa-mask" /></> : null}
        {item.call_seconds ? <> · {t('workstation.log.duration', { minutes: Math.floor(item.call_seconds / 60), seconds: item.call_seconds % 60 })}</> : null}</p>
      {item.note !== null ? <p className="qa-note-quote">{item.note}</p> : null}
      {/* 催记更正: an outcome the recording contradicts is corrected on the account's contact log. */}
      <p className="muted"><a href={`/workstation/accounts/${item.account_id}`} data-testid="correct-on-account">{t('quality.form.correctOutcome')}</a></p>

      <div className="qa-items">
        {checklist.items.map((check) => (
          <fieldset key={check.code} className={`qa-item${check.red_line ? ' qa-item--red' : ''}`} data-testid="review-item" data-code={check.code}
            data-red-line={check.red_line}>
            <legend>
              <span className="qa-item-label">{zh ? check.label_zh : check.label}</span>
              {check.red_line ? <span className="status qa-red-tag">{t('quality.form.redLine')}</span> : null}
            </legend>
            <p className="muted qa-hint">{zh ? check.hint_zh : check.hint}
              {!check.red_line ? <span className="qa-weight"> · {t('quality.form.weight', { weight: check.weight })}</span> : null}</p>
            <div className="qa-choices">
              {ANSWERS.map((answer) => (
                <label key={answer} className={`qa-choice qa-choice--${answer}`}>
                  <input type="radio" name={`${id}-${check.code}`} value={answer} checked={answers[check.code] === answer}
                    onChange={() => setAnswers((current) => ({ ...current, [check.code]: answer }))} />
                  {t(`quality.answer.${answer}`)}
                </label>
              ))}
            </div>
          </fieldset>
        ))}
      </div>

      <label className="qa-comment-field">{t('quality.form.comment')}
        <textarea value={comment} onChange={(e) => setComment(e.target.value)} rows={3} maxLength={2000}
          aria-describedby={`${id}-comment-hint${problem?.field === 'comment' ? ` ${problemId}` : ''}`}
          aria-invalid={problem?.field === 'comment' ? true : undefined} /></label>
      <p id={`${id}-comment-hint`} className="muted qa-hint">{t('quality.form.commentHint')}</p>

      <p className={`qa-preview${preview.result !== null ? ` qa-preview--${preview.result}` : ''}`} data-testid="review-preview"
        data-score={preview.score ?? undefined} data-result={preview.result ?? undefined} aria-live="polite">
        <span>{t('quality.form.previewLabel')}</span>
        {preview.score !== null && preview.result !== null
          ? <strong data-testid="review-preview-score">{t('quality.form.preview', { score: preview.score, result: t(`quality.result.${preview.result}`) })}</strong>
          : null}
        {preview.missing > 0 ? <span className="muted"> {t('quality.form.missing', { count: preview.missing })}</span> : null}
        {preview.missing === 0 && preview.score === null ? <span className="muted">{t('quality.form.noScore')}</span> : null}
      </p>

      {problem !== null ? <p id={problemId} className="banner banner--error" role="alert" data-testid="review-problem">{problem.message}</p> : null}
      <div className="qa-buttons">
        <button type="submit" className="button button--primary" disabled={!complete || busy}>
          {t(busy ? 'quality.form.submitting' : 'quality.form.submit')}</button>
        <button type="button" className="button" onClick={onCancel}>{t('quality.form.cancel')}</button>
      </div>
    </form>
  );
}
