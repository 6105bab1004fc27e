import { useLayoutEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { guardLeaving } from '../lib/location.ts';
import { placeHold } from '../supervisor/api.ts';
import { Problem } from './Problem.tsx';
import { isFinishedStatus, type AccountPageView } from './types.ts';
import { useSubmit } from './useSubmit.ts';

/**
 * What a logged outcome asks of the collector next: a dispute to record or a death to hold the
 * debtor's accounts for (what stops collection); a promise's amount and date, or the time of the
 * call back the debtor asked for (what keeps the debtor's word on record, so its reminder goes and
 * a missed date is followed up).
 */
export type FollowUpNeed = { kind: 'dispute' | 'deceased' | 'promise' | 'callback'; note: string };

const KINDS: Partial<Record<string, FollowUpNeed['kind']>> = { dispute_hold: 'dispute', deceased_hold: 'deceased', promise: 'promise', callback: 'callback' };

/** The follow-up an outcome code names (outcomes.ts `followUp`), when the page has one to ask. */
export function followUpOf(page: AccountPageView, outcome: string, note: string): FollowUpNeed | null {
  const kind = KINDS[page.outcome_codes.find((o) => o.code === outcome)?.follow_up ?? ''];
  return kind === undefined ? null : { kind, note };
}

interface Props { page: AccountPageView; need: FollowUpNeed; onDone(): void; onReload(): void; onSessionExpired(): void }

/**
 * Right after the call: the page says what the outcome asks for, at once.
 * - A dispute stops collection on the account as it is logged (a `dispute` hold); it is then
 *   recorded in the cases below (its reason and the debtor's words: the note is carried there),
 *   which asks the creditor to verify it, and takes that hold as its own.
 * - A death stops collection as it is logged (a `deceased` hold on every account of the debtor),
 *   which the page says; the button remains for a page that has not yet seen that hold.
 * - A dispute, a promise to pay, or a call back asked for, is written in its form below (the button goes
 *   there). Until it is, leaving the account asks first: an outcome saying "promised" with no
 *   promise behind it sends no reminder and is never counted kept or broken; a dispute not recorded is never verified.
 */
export function FollowUp({ page, need, onDone, onReload, onSessionExpired }: Props) {
  const { t } = useTranslation();
  const submit = useSubmit(onSessionExpired);
  if (need.kind !== 'deceased') return <RecordWhatWasAgreed page={page} kind={need.kind} />;
  // Logging the death placed the hold (log-contact.ts): the page says collection stopped, for whom, and why.
  if (page.holds.some((h) => h.kind === 'deceased')) {
    return <div className="banner banner--info" role="status" data-testid="deceased-held"><p>{t('workstation.followUp.deceasedHeld')}</p></div>;
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

/** Each follow-up recorded in a form below: the form, and the field the button goes to. */
const FORMS = {
  promise: { form: 'promise-form', field: 'input', to: 'toPromise' },
  callback: { form: 'callback-form', field: 'input', to: 'toCallback' },
  dispute: { form: 'dispute-form', field: 'select', to: 'toDispute' },
} as const;

/**
 * "The debtor promised" / "asked for a call back" / "disputes the debt", logged: the amount and
 * date, the time, or the dispute's reason go in their form below. Said only while that form is
 * there to fill (for a promise: no open promise already, not on a plan; for a dispute: none
 * already holding the account; none once the account is finished); the page drops it once the form is sent.
 */
function RecordWhatWasAgreed({ page, kind }: { page: AccountPageView; kind: keyof typeof FORMS }) {
  const { t } = useTranslation();
  const { form, field, to } = FORMS[kind];
  const canRecord = !isFinishedStatus(page.account.status) && (kind === 'callback'
    || (kind === 'dispute' && !page.holds.some((h) => h.case_kind === 'dispute'))
    || (kind === 'promise' && page.account.status !== 'in_plan' && !page.promises.some((p) => p.status === 'open')));
  useLayoutEffect(() => {
    if (!canRecord) return;
    return guardLeaving(() => window.confirm(t(`workstation.followUp.${kind}Unsaved`)));
  }, [canRecord, kind, t]);
  if (!canRecord) return null;
  return (
    <div className="banner banner--warning" role="alert" data-testid={`${kind}-offer`}>
      <p>{t(`workstation.followUp.${kind}`)}</p>
      <button type="button" className="button button--primary" onClick={() => document.querySelector<HTMLElement>(`[data-testid="${form}"] ${field}`)?.focus()}>
        {t(`workstation.followUp.${to}`)}
      </button>
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
