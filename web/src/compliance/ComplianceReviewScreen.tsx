import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/index.ts';
import { ruleName } from '../lib/rule-names.ts';
import type { Role } from '../lib/types.ts';
import { formatCount, formatDateTime } from '../supervisor/format.ts';
import { useLoad } from '../supervisor/useLoad.ts';
import { useFieldAction } from '../users/UsersScreen.tsx';
import { decideItem, fetchReview, type Confirmation } from './api.ts';
import './compliance.css';

/**
 * Compliance review (合规确认; admins record, supervisors read): the rules of the compliance engine
 * by pack and the texts written on a law's strength, each U item saying what is open, with the
 * compliance officer's word on it (confirmed or questioned, by whom, when, and whether it still
 * holds for the reading the product has now).
 */
export function ComplianceReviewScreen({ role, onSessionExpired }: { role: Role; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const review = useLoad((signal) => fetchReview(signal), onSessionExpired);
  const locale = currentLocale();
  const zh = locale === 'zh-CN';
  const canDecide = role === 'admin';
  const data = review.state.kind === 'ready' ? review.state.data : null;
  return (
    <section className="us-screen" aria-labelledby={`${id}-title`} data-testid="compliance-review-screen">
      <div className="screen-head"><h1 id={`${id}-title`}>{t('compliance.title')}</h1></div>
      <p className="muted">{t('compliance.intro')}</p>
      {review.state.kind === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {review.state.kind === 'error' ? <p className="banner banner--error" role="alert">{review.state.message}</p> : null}
      {data ? <>
        <p className={`banner ${data.open > 0 ? 'banner--warning' : 'banner--info'}`} data-testid="compliance-open">
          {data.open > 0 ? t('compliance.open', { count: data.open, n: formatCount(data.open) }) : t('compliance.allChecked')}</p>
        <h2>{t('compliance.texts')}</h2>
        {data.texts.map((text) => (
          <article key={text.item} className="review-text" data-testid="review-text" data-item={text.item}>
            {/* Named in words; the item's id (US.text.rosenthal: the audit log's) on hover. */}
            <h3 title={text.item} data-testid="review-text-title">{zh ? text.title.zh : text.title.en}</h3>
            <p><strong>{t('compliance.unverifiedLabel')}</strong> {zh ? text.unverified.zh : text.unverified.en}</p>
            <details>
              <summary>{t('compliance.showText')}</summary>
              {text.parts.map((part) => <div key={part.label}><h4>{part.label}</h4><p className="part">{part.text}</p></div>)}
            </details>
            <Word confirmation={text.confirmation} marked />
            {canDecide ? <Decide item={text.item} onSaved={review.reload} onSessionExpired={onSessionExpired} /> : null}
          </article>
        ))}
        <h2>{t('compliance.rules')}</h2>
        <div className="table-wrap"><table className="data-table review-table" data-testid="review-rules">
          <thead><tr>
            <th scope="col">{t('compliance.rule')}</th><th scope="col">{t('compliance.citation')}</th><th scope="col">{t('compliance.floor')}</th>
            <th scope="col">{t('compliance.defaults')}</th><th scope="col">{t('compliance.status')}</th>
          </tr></thead>
          <tbody>
            {data.rules.map((rule) => (
              <tr key={rule.item} data-testid="review-rule" data-item={rule.item}>
                <th scope="row" title={rule.item} data-testid="review-rule-name">{ruleName(rule.item, locale)}</th>
                <td data-testid="review-rule-citation">{zh ? rule.citation_zh : rule.citation}</td>
                <td>{t(rule.legal_floor ? 'compliance.floorYes' : 'compliance.floorNo')}</td>
                <td data-testid="review-rule-defaults">{Object.entries(rule.params).map(([name, p]) =>
                  t(`compliance.params.${name}`, { value: p.kind === 'clock' ? clock(p.default) : p.default, defaultValue: `${name} ${p.default}` })).join(zh ? '，' : ', ') || '—'}</td>
                <td>
                  <Word confirmation={rule.confirmation} marked={rule.unverified !== null} />
                  {canDecide ? <Decide item={rule.item} onSaved={review.reload} onSessionExpired={onSessionExpired} /> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table></div>
      </> : null}
    </section>
  );
}

/** Minutes after midnight as HH:MM. */
function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The officer's word on an item, or what is still to do. */
function Word({ confirmation, marked }: { confirmation: Confirmation | null; marked: boolean }) {
  const { t } = useTranslation();
  if (confirmation === null) {
    return <p className={marked ? 'banner banner--warning' : 'muted'} data-testid="review-word">{t(marked ? 'compliance.toCheck' : 'compliance.notMarked')}</p>;
  }
  const said = t(`compliance.${confirmation.status}`, { by: confirmation.by, at: formatDateTime(confirmation.at) });
  return (
    <div data-testid="review-word" className={confirmation.current && confirmation.status === 'confirmed' ? '' : 'banner banner--warning'}>
      <p>{said}{confirmation.current ? '' : ` (${t('compliance.stale')})`}</p>
      <p className="muted">{confirmation.note}</p>
    </div>
  );
}

/** The form an admin records a word with: a note, then confirm or question. */
function Decide({ item, onSaved, onSessionExpired }: { item: string; onSaved(): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [note, setNote] = useState('');
  const action = useFieldAction(onSessionExpired);
  if (!open) return <button type="button" className="button button--quiet" data-testid="review-record" onClick={() => setOpen(true)}>{t('compliance.record')}</button>;
  async function send(status: 'confirmed' | 'questioned', event?: FormEvent): Promise<void> {
    event?.preventDefault();
    const result = await action.run(() => decideItem(item, status, note));
    if (result.ok) { setOpen(false); setNote(''); onSaved(); }
  }
  return (
    <form className="us-form" onSubmit={(e) => void send('confirmed', e)} data-testid="review-form">
      <label htmlFor={`${id}-note`}>{t('compliance.note')}</label>
      <textarea id={`${id}-note`} value={note} maxLength={2000} rows={3} required onChange={(e) => setNote(e.target.value)}
        {...(action.problem?.field === 'note' ? { 'aria-invalid': true, 'aria-describedby': `${id}-problem` } : {})} />
      {action.problem ? <p id={`${id}-problem`} className="banner banner--error" role="alert">{action.problem.message}</p> : null}
      <button type="submit" className="button button--primary" disabled={action.busy}>{t('compliance.confirm')}</button>{' '}
      <button type="button" className="button" disabled={action.busy} onClick={() => void send('questioned')}>{t('compliance.question')}</button>{' '}
      <button type="button" className="button button--quiet" onClick={() => setOpen(false)}>{t('compliance.cancel')}</button>
    </form>
  );
}
