import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cancelCallback } from './api.ts';
import { Problem } from './Problem.tsx';
import type { AccountPageView } from './types.ts';
import { useSubmit } from './useSubmit.ts';

/** 取消回拨 beside an open callback: the debtor asked not to be called then, or it is no longer needed; with the reason. */
export function CancelCallback({ page, callback, onReload, onSessionExpired }: {
  page: AccountPageView; callback: AccountPageView['callbacks'][number]; onReload(): void; onSessionExpired(): void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const submit = useSubmit(onSessionExpired);
  if (callback.status !== 'open') return null;
  if (!open) return <button type="button" className="button button--quiet" onClick={() => setOpen(true)}>{t('workstation.callbacks.cancel')}</button>;
  const save = async () => {
    if (await submit.run(() => cancelCallback(callback.id, { reason, expected_version: page.account.version }))) { setOpen(false); onReload(); }
  };
  return (
    <form className="ws-correct" onInvalidCapture={submit.clear} data-testid="callback-cancel-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <label>{t('workstation.callbacks.reason')}<input value={reason} required maxLength={500} onChange={(e) => setReason(e.target.value)} /></label>
      <Problem problem={submit.problem} onReload={onReload} />
      <button type="submit" className="button" disabled={submit.busy || !reason.trim()}>{t('workstation.callbacks.confirmCancel')}</button>{' '}
      <button type="button" className="button button--quiet" onClick={() => { setOpen(false); submit.clear(); }}>{t('workstation.correct.cancel')}</button>
    </form>
  );
}
