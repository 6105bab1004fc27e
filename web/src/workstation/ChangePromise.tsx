import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currencyUnit, formatFen, parseYuanToFen, yuanText } from '../lib/money.ts';
import { currentLocale } from '../i18n/index.ts';
import { inReaderLanguage } from '../lib/bilingual.ts';
import { cancelPromise, reschedulePromise } from './api.ts';
import { Problem } from './Problem.tsx';
import { TimeBarNoticeCheck } from './TimeBarNotice.tsx';
import type { AccountPageView } from './types.ts';
import { useSubmit } from './useSubmit.ts';

type PromiseView = AccountPageView['promises'][number];

/**
 * An open promise's two changes, in its row: 改约 (a new date or amount; the old one is cancelled
 * and the new one names it) and 取消 (withdrawn or taken by mistake), each with the reason.
 */
export function ChangePromise({ page, promise, onReload, onSessionExpired }: { page: AccountPageView; promise: PromiseView; onReload(): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const [mode, setMode] = useState<'none' | 'reschedule' | 'cancel'>('none');
  const [amount, setAmount] = useState(() => yuanText(promise.amount_fen));
  const [date, setDate] = useState(promise.due_date);
  const [reason, setReason] = useState('');
  const [noticeRead, setNoticeRead] = useState(false);
  const submit = useSubmit(onSessionExpired);
  if (promise.status !== 'open') return null;
  if (mode === 'none') {
    return (
      <span className="ws-promise-actions">
        <button type="button" className="button button--quiet" onClick={() => setMode('reschedule')}>{t('workstation.promiseChange.reschedule')}</button>
        <button type="button" className="button button--quiet" onClick={() => setMode('cancel')}>{t('workstation.promiseChange.cancel')}</button>
      </span>
    );
  }
  const save = async () => {
    const ok = await submit.run(async () => {
      if (mode === 'cancel') {
        await cancelPromise(promise.id, { reason, expected_version: page.account.version });
        return;
      }
      const fen = parseYuanToFen(amount);
      if (fen === null) throw new Error(t('workstation.promise.badAmount'));
      await reschedulePromise(promise.id, { amount_fen: fen, due_date: date, reason, expected_version: page.account.version,
        ...(page.time_bar_notice ? { time_bar_notice_read: noticeRead } : {}) });
    });
    if (ok) { setMode('none'); setReason(''); setNoticeRead(false); onReload(); }
  };
  return (
    <form className="ws-correct" onInvalidCapture={submit.clear} data-testid={`promise-${mode}-form`} onSubmit={(e) => { e.preventDefault(); void save(); }}>
      {mode === 'reschedule' ? (
        <>
          <label>{t('workstation.promise.amount', { unit: currencyUnit(page.currency, locale) })}
            <input inputMode="decimal" value={amount} required onChange={(e) => setAmount(e.target.value)} placeholder={formatFen(promise.amount_fen, locale, page.currency)} />
          </label>
          <label>{t('workstation.promise.date')}
            <input type="date" value={date} min={page.account.promise_earliest_date} max={page.account.promise_latest_date} required onChange={(e) => setDate(e.target.value)} />
          </label>
          <TimeBarNoticeCheck page={page} read={noticeRead} onRead={setNoticeRead} compact />
        </>
      ) : null}
      <label>{t('workstation.promiseChange.reason')}
        <input value={reason} required maxLength={500} onChange={(e) => setReason(e.target.value)} />
      </label>
      <Problem problem={submit.problem} onReload={onReload} />
      <button type="submit" className="button" disabled={submit.busy || !reason.trim()}>
        {t(mode === 'cancel' ? 'workstation.promiseChange.confirmCancel' : 'workstation.promiseChange.confirmReschedule')}
      </button>{' '}
      <button type="button" className="button button--quiet" onClick={() => { setMode('none'); submit.clear(); }}>{t('workstation.correct.cancel')}</button>
    </form>
  );
}

/** Why a promise ended without being kept or broken: moved, withdrawn, a hold, a suspension or the account paid in full (in the reader's language). */
export function promiseEnding(p: PromiseView, t: (key: string, options?: Record<string, unknown>) => string): string | null {
  if (p.status !== 'cancelled' || p.cancel_reason === null) return null;
  if (p.cancelled_by_hold_kind) return t('workstation.promiseChange.byHold', { kind: t(`workstation.holdKinds.${p.cancelled_by_hold_kind}`, { defaultValue: p.cancelled_by_hold_kind }) });
  if (p.cancel_reason.startsWith('suspension:')) return t('workstation.promiseChange.bySuspension');
  if (p.cancel_reason === 'paid_in_full') return t('workstation.promiseChange.byPaidInFull');
  if (p.cancel_reason.startsWith('rescheduled: ')) {
    return t('workstation.promiseChange.rescheduled', { reason: inReaderLanguage(p.cancel_reason.slice('rescheduled: '.length), currentLocale()) });
  }
  return inReaderLanguage(p.cancel_reason, currentLocale());
}
