import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/index.ts';
import { currencyUnit, parseYuanToFen, useCurrency } from '../lib/money.ts';
import { scheduleCallback, takePromise } from './api.ts';
import { Problem } from './Problem.tsx';
import { TimeBarNoticeCheck } from './TimeBarNotice.tsx';
import type { AccountPageView } from './types.ts';
import { useSubmit } from './useSubmit.ts';
import { shortcutKeys } from './shortcuts.ts';

interface Props { page: AccountPageView; onDone(): void; onReload(): void; onSessionExpired(): void }


export function PromiseForm({ page, onDone, onReload, onSessionExpired }: Props) {
  const { t } = useTranslation();
  const currency = useCurrency();
  const id = useId();
  const [amount, setAmount] = useState('');
  const [date, setDate] = useState('');
  const [noticeRead, setNoticeRead] = useState(false);
  const submit = useSubmit(onSessionExpired);
  async function send(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const fen = parseYuanToFen(amount);
    const ok = await submit.run(async () => {
      if (fen === null) throw new Error(t('workstation.promise.badAmount'));
      await takePromise(page.account.id, { amount_fen: fen, due_date: date, expected_version: page.account.version,
        ...(page.time_bar_notice ? { time_bar_notice_read: noticeRead } : {}) });
    });
    if (ok) { setAmount(''); setDate(''); setNoticeRead(false); onDone(); }
  }
  return (
    <form className="ws-form" onInvalidCapture={submit.clear} onSubmit={(e) => void send(e)} aria-labelledby={`${id}-h`} data-testid="promise-form">
      <h3 id={`${id}-h`}>{t('workstation.promise.title')}</h3>
      <div className="ws-grid">
        <label>
          {t('workstation.promise.amount', { unit: currencyUnit(currency, currentLocale()) })}
          <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} required placeholder="1,000.00"
            data-shortcut="promise" aria-keyshortcuts={shortcutKeys('promise')} />
        </label>
        <label>
          {t('workstation.promise.date')}
          <input type="date" value={date} min={page.account.promise_earliest_date} max={page.account.promise_latest_date} onChange={(e) => setDate(e.target.value)} required />
        </label>
      </div>
      <p className="muted">{t('workstation.promise.limit', { latest: page.account.promise_latest_date })}</p>
      <TimeBarNoticeCheck page={page} read={noticeRead} onRead={setNoticeRead} />
      <Problem problem={submit.problem} onReload={onReload} />
      <button type="submit" className="button button--primary" disabled={submit.busy}>{t('workstation.promise.submit')}</button>
    </form>
  );
}

export function CallbackForm({ page, onDone, onReload, onSessionExpired }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [when, setWhen] = useState('');
  const [note, setNote] = useState('');
  const submit = useSubmit(onSessionExpired);
  // Booked, but the call would be refused then on what the record holds now: the reasons, in the reader's language.
  const [warning, setWarning] = useState<string | null>(null);
  async function send(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setWarning(null);
    let refused: Array<{ message: string; message_zh: string }> = [];
    const ok = await submit.run(async () => {
      refused = (await scheduleCallback(page.account.id, { local_time: when, ...(note.trim() ? { note: note.trim() } : {}), expected_version: page.account.version })).would_refuse;
    });
    if (ok) {
      if (refused.length > 0) setWarning(t('workstation.callback.wouldRefuse', { time: when.replace('T', ' '), reasons: refused.map((r) => (currentLocale() === 'zh-CN' ? r.message_zh : r.message)).join(' ') }));
      setWhen(''); setNote(''); onDone();
    }
  }
  return (
    <form className="ws-form" onInvalidCapture={submit.clear} onSubmit={(e) => void send(e)} aria-labelledby={`${id}-h`} data-testid="callback-form">
      <h3 id={`${id}-h`}>{t('workstation.callback.title')}</h3>
      <div className="ws-grid">
        <label>
          {t('workstation.callback.when', { zone: page.callback_zone })}
          <input type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} required />
        </label>
        <label>
          {t('workstation.callback.note')}
          <input value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
        </label>
      </div>
      <Problem problem={submit.problem} onReload={onReload} refusalTitle="workstation.callback.refused" />
      {warning !== null ? <p className="banner banner--warning" role="status" data-testid="callback-would-refuse">{warning}</p> : null}
      <button type="submit" className="button" disabled={submit.busy}>{t('workstation.callback.submit')}</button>
    </form>
  );
}
