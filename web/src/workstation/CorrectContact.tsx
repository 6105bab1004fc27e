import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/index.ts';
import { correctContact } from './api.ts';
import { Problem } from './Problem.tsx';
import type { AccountPageView } from './types.ts';
import { useSubmit } from './useSubmit.ts';

type Contact = AccountPageView['contacts'][number];

/** Channels whose outcome a person records, and so a team lead may correct (an SMS's is the gateway's report). */
const CORRECTABLE = new Set(['call', 'visit', 'letter']);

/**
 * 催记更正, in a row of the contact log: a team lead or admin picks the outcome the contact really
 * had (only those that fit it: its channel; someone was there when the debtor called in; a third
 * party is never the debtor) and says why. The server keeps the old outcome beside the reason.
 */
export function CorrectContact({ page, contact, onReload, onSessionExpired }: { page: AccountPageView; contact: Contact; onReload(): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const zh = currentLocale() === 'zh-CN';
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState('');
  const [reason, setReason] = useState('');
  const submit = useSubmit(onSessionExpired);
  if (!page.may_correct_contacts || !CORRECTABLE.has(contact.channel) || contact.outcome === 'dialed') return null;
  const choices = page.outcome_codes.filter((o) => o.code !== 'dialed' && o.code !== contact.outcome && o.channels.includes(contact.channel)
    && (contact.initiated_by === 'agency' || o.reached)
    && !(contact.party === 'third_party' && o.right_party));
  if (!open) {
    return <button type="button" className="button button--quiet" data-testid="correct-contact" onClick={() => setOpen(true)}>{t('workstation.correct.open')}</button>;
  }
  const save = async () => {
    const ok = await submit.run(() => correctContact(contact.id, { outcome, reason, expected_version: page.account.version }));
    if (ok) { setOpen(false); setOutcome(''); setReason(''); onReload(); }
  };
  return (
    <form className="ws-correct" onInvalidCapture={submit.clear} data-testid="correct-contact-form" onSubmit={(e) => { e.preventDefault(); void save(); }}>
      <label>{t('workstation.correct.outcome')}
        <select value={outcome} required onChange={(e) => setOutcome(e.target.value)}>
          <option value="">{t('workstation.log.choose')}</option>
          {choices.map((o) => <option key={o.code} value={o.code}>{zh ? o.zh : o.en}</option>)}
        </select>
      </label>
      <label>{t('workstation.correct.reason')}
        <input value={reason} required maxLength={500} placeholder={t('workstation.correct.reasonHint')} onChange={(e) => setReason(e.target.value)} />
      </label>
      <Problem problem={submit.problem} onReload={onReload} />
      <button type="submit" className="button" disabled={submit.busy || !outcome || !reason.trim()}>{t('workstation.correct.save')}</button>{' '}
      <button type="button" className="button button--quiet" onClick={() => { setOpen(false); submit.clear(); }}>{t('workstation.correct.cancel')}</button>
    </form>
  );
}
