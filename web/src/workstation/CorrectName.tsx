import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { correctDebtorName } from './api.ts';
import { Problem } from './Problem.tsx';
import type { AccountPageView } from './types.ts';
import { useSubmit } from './useSubmit.ts';

/**
 * 姓名更正, beside the debtor's name: a team lead or admin writes the name as the bank's letter or
 * the debtor's document gives it, and says on what evidence. It is the debtor's, on all their
 * accounts; a later placement under the new name then finds them by ID number.
 */
export function CorrectName({ page, onReload, onSessionExpired }: { page: AccountPageView; onReload(): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(page.debtor.name);
  const [reason, setReason] = useState('');
  const submit = useSubmit(onSessionExpired);
  if (!page.may_correct_name) return null;
  if (!open) {
    return <button type="button" className="button button--quiet" data-testid="correct-name" onClick={() => { setName(page.debtor.name); setOpen(true); }}>
      {t('workstation.correctName.open')}</button>;
  }
  const save = async () => {
    if (await submit.run(() => correctDebtorName(page.account.id, { name, reason, expected_version: page.account.version }))) {
      setOpen(false);
      setReason('');
      onReload();
    }
  };
  const field = submit.problem?.kind === 'error' ? submit.problem.field : undefined;
  return (
    <form className="ws-correct" onInvalidCapture={submit.clear} data-testid="correct-name-form" aria-label={t('workstation.correctName.title')} onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <label>{t('workstation.correctName.name')}
        <input value={name} required maxLength={100} aria-invalid={field === 'name' || undefined} onChange={(e) => setName(e.target.value)} />
      </label>
      <label>{t('workstation.correctName.reason')}
        <input value={reason} required maxLength={300} placeholder={t('workstation.correctName.reasonHint')} aria-invalid={field === 'reason' || undefined}
          onChange={(e) => setReason(e.target.value)} />
      </label>
      <p className="muted">{t('workstation.correctName.note')}</p>
      <Problem problem={submit.problem} onReload={onReload} />
      <button type="submit" className="button" disabled={submit.busy || !name.trim() || !reason.trim()}>{t('workstation.correctName.save')}</button>{' '}
      <button type="button" className="button button--quiet" onClick={() => { setOpen(false); submit.clear(); }}>{t('workstation.correctName.cancel')}</button>
    </form>
  );
}
