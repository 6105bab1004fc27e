import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/index.ts';
import { ApiError } from '../lib/api.ts';
import { mayLeave, navigate } from '../lib/location.ts';
import { AccountView } from './AccountView.tsx';
import { CallerLookup } from './CallerLookup.tsx';
import { fetchAccountPage, fetchNextAccount } from './api.ts';
import { formatDateTimeIn } from '../lib/time.ts';
import { formatOffsetInstant } from './Refusal.tsx';
import { shortcutKeys, useWorkstationShortcuts } from './shortcuts.ts';
import type { AccountPageView, NextAccount } from './types.ts';
import './workstation.css';

export const WORKSTATION_PATH = '/workstation';
const ACCOUNT_PATH = /^\/workstation\/accounts\/(\d+)$/;

export function isWorkstationPath(pathname: string): boolean {
  return pathname === WORKSTATION_PATH || ACCOUNT_PATH.test(pathname);
}

/** An instant on the agency's clock. */
const localTime = formatDateTimeIn;

type PageState = { kind: 'none' } | { kind: 'loading' } | { kind: 'loaded'; page: AccountPageView } | { kind: 'failed'; message: string };

/** The collector's workstation: "Next account", then the account page with every action. */
export function WorkstationScreen({ location, onSessionExpired }: { location: URL; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const accountId = Number(ACCOUNT_PATH.exec(location.pathname)?.[1] ?? 0) || null;
  // Opened from the caller lookup: the contact form starts as an inbound call on the matched number.
  const inboundPoint = location.searchParams.get('inbound');
  const inbound = inboundPoint === null ? null : { contactPointId: Number(inboundPoint) || null };
  const [state, setState] = useState<PageState>({ kind: 'none' });
  const [queueNote, setQueueNote] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);
  const [reloads, setReloads] = useState(0);

  const failed = useCallback((error: unknown): string => {
    if (error instanceof ApiError && error.status === 401) onSessionExpired();
    return error instanceof Error ? error.message : String(error);
  }, [onSessionExpired]);

  useEffect(() => {
    if (accountId === null) { setState({ kind: 'none' }); return; }
    const controller = new AbortController();
    setState((s) => (s.kind === 'loaded' && s.page.account.id === accountId ? s : { kind: 'loading' }));
    fetchAccountPage(accountId, controller.signal).then(
      (page) => setState({ kind: 'loaded', page }),
      (error: unknown) => { if (!controller.signal.aborted) setState({ kind: 'failed', message: failed(error) }); },
    );
    return () => controller.abort();
  }, [accountId, reloads, failed]);

  function explain(next: NextAccount): string {
    if (next.account_id !== null) return '';
    switch (next.reason) {
      case 'on_break': return t('workstation.queue.onBreak', { until: localTime(next.until, currentLocale()) });
      case 'daily_cap_reached': return t('workstation.queue.cap', { cap: next.cap });
      case 'queue_empty': return t('workstation.queue.empty');
      case 'nothing_allowed_now': return next.next_allowed_at
        ? t('workstation.queue.nothingAllowedUntil', { at: formatOffsetInstant(next.next_allowed_at) }) : t('workstation.queue.nothingAllowed');
    }
  }

  async function askNext(): Promise<void> {
    // A call typed and not saved stays unless the collector says to drop it (asking releases this account's claim).
    if (!mayLeave()) return;
    setAsking(true);
    setQueueNote(null);
    try {
      const next = await fetchNextAccount(accountId);
      if (next.account_id === null) setQueueNote(explain(next));
      else {
        if (next.callback_due) setQueueNote(t('workstation.queue.callbackDue'));
        navigate(`${WORKSTATION_PATH}/accounts/${next.account_id}`);
      }
    } catch (error) {
      setQueueNote(failed(error));
    } finally {
      setAsking(false);
    }
  }

  useWorkstationShortcuts(() => { if (!asking) void askNext(); });

  return (
    <section className="screen ws" aria-labelledby="ws-title">
      <div className="screen-head">
        <h1 id="ws-title">{t('workstation.title')}</h1>
        <button type="button" className="button button--primary" onClick={() => void askNext()} disabled={asking} data-testid="next-account"
          aria-keyshortcuts={shortcutKeys('next')} title={shortcutKeys('next')}>
          {t('workstation.next')}
        </button>
      </div>
      <p className="muted ws-shortcuts" data-testid="shortcuts">
        {t('workstation.shortcuts', { next: shortcutKeys('next'), log: shortcutKeys('log'), promise: shortcutKeys('promise'), caller: shortcutKeys('caller') })}
      </p>
      <CallerLookup onSessionExpired={onSessionExpired} />
      {queueNote !== null ? <p className="banner banner--info" role="status" data-testid="queue-note">{queueNote}</p> : null}
      {state.kind === 'none' ? <p className="muted">{t('workstation.intro')}</p> : null}
      {state.kind === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {state.kind === 'failed' ? <p className="banner banner--error" role="alert">{state.message}</p> : null}
      {state.kind === 'loaded' ? (
        <AccountView key={`${state.page.account.id}:${inboundPoint ?? ''}`} page={state.page} inbound={inbound} onChanged={() => setReloads((n) => n + 1)} onSessionExpired={onSessionExpired}
          onBreak={(until) => { setQueueNote(t('workstation.queue.onBreak', { until: localTime(until, currentLocale()) })); navigate(WORKSTATION_PATH); }} />
      ) : null}
    </section>
  );
}
