import { useTranslation } from 'react-i18next';
import { placeHold } from '../supervisor/api.ts';
import { Problem } from './Problem.tsx';
import type { AccountPageView } from './types.ts';
import { useSubmit } from './useSubmit.ts';

/** What a logged outcome asks of the collector next, when it stops collection: a dispute to record, a death to hold the debtor's accounts for. */
export type FollowUpNeed = { kind: 'dispute' | 'deceased'; note: string };

/** The follow-up an outcome code names (outcomes.ts `followUp`), when it is one that stops collection. */
export function followUpOf(page: AccountPageView, outcome: string, note: string): FollowUpNeed | null {
  const f = page.outcome_codes.find((o) => o.code === outcome)?.follow_up;
  return f === 'dispute_hold' ? { kind: 'dispute', note } : f === 'deceased_hold' ? { kind: 'deceased', note } : null;
}

interface Props { page: AccountPageView; need: FollowUpNeed; onDone(): void; onReload(): void; onSessionExpired(): void }

/**
 * Right after the debtor disputed the debt on a call, or someone said they died: the page says
 * what stops collection, at once. A dispute is recorded in the cases below (its reason and the
 * debtor's words: the note is carried there), and its hold goes on with it; a death stops
 * collection as it is logged (a `deceased` hold on every account of the debtor), which the page
 * says; the button remains for a page that has not yet seen that hold.
 */
export function FollowUp({ page, need, onDone, onReload, onSessionExpired }: Props) {
  const { t } = useTranslation();
  const submit = useSubmit(onSessionExpired);
  const held = page.holds.some((h) => h.kind === (need.kind === 'dispute' ? 'dispute' : 'deceased'));
  // Logging the death placed the hold (log-contact.ts): the page says collection stopped, for whom, and why.
  if (held && need.kind === 'deceased') return <div className="banner banner--info" role="status" data-testid="deceased-held"><p>{t('workstation.followUp.deceasedHeld')}</p></div>;
  if (held) return null;
  if (need.kind === 'dispute') {
    return (
      <div className="banner banner--warning" role="alert" data-testid="dispute-offer">
        <p>{t('workstation.followUp.dispute')}</p>
        <button type="button" className="button button--primary" onClick={() => document.querySelector<HTMLElement>('[data-testid="dispute-form"] select')?.focus()}>
          {t('workstation.followUp.toDispute')}
        </button>
      </div>
    );
  }
  async function hold(): Promise<void> {
    const reason = need.note === '' ? t('workstation.followUp.deceasedReason') : `${t('workstation.followUp.deceasedReason')}: ${need.note}`;
    if (await submit.run(() => placeHold(page.account.id, { kind: 'deceased', scope: 'debtor', reason: reason.slice(0, 500) }))) onDone();
  }
  return (
    <div className="banner banner--warning" role="alert" data-testid="deceased-offer">
      <p>{t('workstation.followUp.deceased')}</p>
      <Problem problem={submit.problem} onReload={onReload} />
      <button type="button" className="button button--primary" disabled={submit.busy} onClick={() => void hold()}>{t('workstation.followUp.holdDeceased')}</button>
    </div>
  );
}

/**
 * A UK debt that may be statute-barred: when the customer says it is, collection stops (CONC 7.15).
 * The account page says so; this places the hold it names, in one click, for whoever works the account.
 */
export function StatuteBarredHold({ page, onDone, onReload, onSessionExpired }: Omit<Props, 'need'>) {
  const { t } = useTranslation();
  const submit = useSubmit(onSessionExpired);
  if (page.holds.some((h) => h.kind === 'statute_barred')) return null;
  async function hold(): Promise<void> {
    if (await submit.run(() => placeHold(page.account.id, { kind: 'statute_barred', scope: 'account', reason: t('workstation.followUp.statuteBarredReason') }))) onDone();
  }
  return (
    <span data-testid="statute-barred-hold">
      <Problem problem={submit.problem} onReload={onReload} />
      <button type="button" className="button button--quiet" disabled={submit.busy} onClick={() => void hold()}>{t('workstation.followUp.holdStatuteBarred')}</button>
    </span>
  );
}
