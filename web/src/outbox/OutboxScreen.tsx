import { type ReactElement, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/index.ts';
import { ApiError } from '../lib/api.ts';
import { messageOf, useKeysetPages } from '../lib/useKeysetPages.ts';
import type { Role } from '../lib/types.ts';
import { formatCount, formatDateTime } from '../supervisor/format.ts';
import { displayZone } from '../lib/time.ts';
import {
  cancelMessage, dispatchOutbox, fetchOutbox, OUTBOX_STATUSES, retryMessage, totalOf,
  type DispatchResult, type OutboxCounts, type OutboxItem, type OutboxPage, type StatusFilter,
} from './api.ts';
import './outbox.css';

/** What the first page said about the whole outbox: where messages go and how many are in each status. */
interface Summary { adapter: string; email_adapter: string; counts: OutboxCounts }

const FILTERS: readonly StatusFilter[] = ['', ...OUTBOX_STATUSES];

/**
 * Outbox (发件箱, admins and supervisors): the SMS the product sends (the strategy's payment
 * reminders, portal links, one-time codes), newest first, filtered by status with each status's
 * count; where they go (the local outbox, or the configured SMS gateway); for each message when
 * it goes or went, the gateway's reference, the error, or the compliance engine's reasons for
 * deferring or cancelling it at sending time. Admins send what is due now, cancel a queued
 * message and queue a failed one again.
 */
export function OutboxScreen({ role, onSessionExpired }: { role: Role; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const admin = role === 'admin';
  const [filter, setFilter] = useState<StatusFilter>('');
  const [summary, setSummary] = useState<Summary | null>(null);
  // The first (newest) page whenever the filter changes or the list is read again; each page brings the counts.
  const { listing, loadOlder, reload, replace } = useKeysetPages<OutboxItem, OutboxPage>(
    (before, signal) => fetchOutbox(filter, before, signal), filter, onSessionExpired,
    (page) => setSummary({ adapter: page.adapter, email_adapter: page.email_adapter, counts: page.counts }));

  /** A row cancelled or queued again: the row shows its new state in place, and the counts follow. */
  function replaced(before: OutboxItem, after: OutboxItem): void {
    replace((item) => (item.id === after.id ? after : item));
    if (before.status !== after.status) {
      setSummary((current) => (current === null ? current : {
        ...current,
        counts: { ...current.counts, [before.status]: Math.max(0, (current.counts[before.status] ?? 0) - 1), [after.status]: (current.counts[after.status] ?? 0) + 1 },
      }));
    }
  }

  return (
    <section className="ob-screen" aria-labelledby="ob-title" data-testid="outbox-screen">
      <div className="screen-head">
        <h1 id="ob-title">{t('outbox.title')}</h1>
        <button type="button" className="button" onClick={reload} disabled={listing.kind === 'loading'} data-testid="outbox-refresh">
          {t('outbox.refresh')}</button>
      </div>
      <p className="muted">{t('outbox.intro')}</p>
      {/* A debtor abroad: the reasons say their clock, the times below the agency's. */}
      <p className="muted" data-testid="outbox-zone">{t('outbox.zoneNote', { zone: displayZone() })}</p>
      {summary !== null ? (
        <p className={`banner ob-adapter ob-adapter--${summary.adapter === 'local' ? 'local' : 'gateway'}`} data-testid="outbox-adapter"
          data-adapter={summary.adapter}>
          {t(summary.adapter === 'local' ? 'outbox.adapter.local' : 'outbox.adapter.webhook')}</p>
      ) : null}
      {summary !== null ? (
        <p className={`banner ob-adapter ob-adapter--${summary.email_adapter === 'smtp' ? 'gateway' : 'local'}`} data-testid="outbox-email-adapter"
          data-adapter={summary.email_adapter}>
          {t(summary.email_adapter === 'smtp' ? 'outbox.adapter.emailSmtp' : 'outbox.adapter.emailLocal')}</p>
      ) : null}
      {admin ? <DispatchNow onDone={reload} onSessionExpired={onSessionExpired} /> : null}

      <div className="ob-filter" role="group" aria-label={t('outbox.filter.label')} data-testid="outbox-filter">
        {FILTERS.map((f) => {
          const count = summary === null ? null : f === '' ? totalOf(summary.counts) : summary.counts[f] ?? 0;
          return (
            <button key={f === '' ? 'all' : f} type="button" className={`button${filter === f ? ' button--primary' : ''}`}
              aria-pressed={filter === f} data-testid={`outbox-filter-${f === '' ? 'all' : f}`} data-count={count ?? undefined}
              onClick={() => setFilter(f)}>
              <span>{t(f === '' ? 'outbox.filter.all' : `outbox.status.${f}`)}
                {count !== null ? <span className="ob-filter-count"> {formatCount(count)}</span> : null}</span>
            </button>
          );
        })}
      </div>

      {listing.kind === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {listing.kind === 'error' ? <p className="banner banner--error" role="alert" data-testid="outbox-problem">{listing.message}</p> : null}
      {listing.kind === 'ready' ? (
        <>
          {listing.items.length === 0 ? (
            <p className="muted" data-testid="outbox-empty">{t(filter === '' ? 'outbox.list.empty' : 'outbox.list.emptyStatus')}</p>
          ) : <OutboxTable items={listing.items} admin={admin} onReplaced={replaced} onSessionExpired={onSessionExpired} />}
          {typeof listing.more === 'object' ? <p className="banner banner--error" role="alert">{listing.more.error}</p> : null}
          {listing.nextBefore !== null ? (
            <button type="button" className="button ob-older" disabled={listing.more === 'loading'} onClick={() => void loadOlder()}
              data-testid="outbox-older">
              {t(listing.more === 'loading' ? 'outbox.list.loadingOlder' : 'outbox.list.older')}</button>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

type Dispatching = { kind: 'idle' } | { kind: 'running' } | { kind: 'done'; result: DispatchResult } | { kind: 'failed'; message: string };

/** 立即发送到期短信: what is due sent now, what it did said in a banner, and the list read again. */
function DispatchNow({ onDone, onSessionExpired }: { onDone(): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const [state, setState] = useState<Dispatching>({ kind: 'idle' });
  async function run(): Promise<void> {
    setState({ kind: 'running' });
    try {
      const result = await dispatchOutbox();
      setState({ kind: 'done', result });
      onDone();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) { onSessionExpired(); return; }
      setState({ kind: 'failed', message: messageOf(error) });
    }
  }
  const n = (value: number | undefined) => formatCount(value ?? 0);
  return (
    <div className="ob-dispatch" data-testid="outbox-dispatch">
      <button type="button" className="button button--primary" disabled={state.kind === 'running'} onClick={() => void run()}>
        {t(state.kind === 'running' ? 'outbox.dispatch.running' : 'outbox.dispatch.button')}</button>
      {state.kind === 'done' ? (
        <p className="banner banner--info" role="status" data-testid="outbox-dispatch-result">
          {t('outbox.dispatch.done', {
            sent: n(state.result.sent), failed: n(state.result.failed), deferred: n(state.result.deferred),
            cancelled: n(state.result.cancelled), expired: n(state.result.expired),
          })}</p>
      ) : null}
      {state.kind === 'failed' ? <p className="banner banner--error" role="alert" data-testid="outbox-dispatch-result">{state.message}</p> : null}
    </div>
  );
}

const COLUMNS = ['created', 'to', 'purpose', 'body', 'status', 'detail'] as const;

function OutboxTable({ items, admin, onReplaced, onSessionExpired }:
  { items: OutboxItem[]; admin: boolean; onReplaced(before: OutboxItem, after: OutboxItem): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  return (
    <div className="ob-table-wrap">
      <table className="data-table ob-table" data-testid="outbox-table">
        <caption className="visually-hidden">{t('outbox.list.caption')}</caption>
        <thead><tr>
          {COLUMNS.map((c) => <th key={c} scope="col">{t(`outbox.list.columns.${c}`)}</th>)}
          {admin ? <th scope="col">{t('outbox.list.columns.actions')}</th> : null}
        </tr></thead>
        <tbody>
          {items.map((item) => (
            <OutboxRow key={item.id} item={item} admin={admin} onReplaced={onReplaced} onSessionExpired={onSessionExpired} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function OutboxRow({ item, admin, onReplaced, onSessionExpired }:
  { item: OutboxItem; admin: boolean; onReplaced(before: OutboxItem, after: OutboxItem): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  async function act(action: (id: number) => Promise<{ item: OutboxItem }>): Promise<void> {
    setBusy(true);
    setProblem(null);
    try {
      onReplaced(item, (await action(item.id)).item);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) { onSessionExpired(); return; }
      setProblem(messageOf(error));
    } finally {
      setBusy(false);
    }
  }
  return (
    <tr data-testid="outbox-row" data-id={item.id} data-status={item.status} data-to={item.to}>
      <td><time dateTime={item.created_at} title={item.created_at}>{formatDateTime(item.created_at)}</time></td>
      <td className="ob-to" data-testid="outbox-to">{item.to}</td>
      <td>{t(`outbox.purpose.${item.purpose}`, { defaultValue: item.purpose })}</td>
      <td className="ob-body" data-testid="outbox-body">{item.subject !== null ? <strong className="ob-subject">{item.subject}</strong> : null}{item.body}</td>
      <td><span className={`status ob-status ob-status--${item.status}`} data-testid="outbox-status">
        {t(`outbox.status.${item.status}`, { defaultValue: item.status })}</span></td>
      <td className="ob-detail" data-testid="outbox-detail"><Detail item={item} /></td>
      {admin ? (
        <td><div className="ob-actions">
          {item.status === 'queued' ? (
            <button type="button" className="button" disabled={busy} onClick={() => void act(cancelMessage)}
              aria-label={t('outbox.actions.cancelLabel', { to: item.to, id: item.id })}>{t('outbox.actions.cancel')}</button>
          ) : null}
          {item.status === 'failed' ? (
            <button type="button" className="button" disabled={busy} onClick={() => void act(retryMessage)}
              aria-label={t('outbox.actions.retryLabel', { to: item.to, id: item.id })}>{t('outbox.actions.retry')}</button>
          ) : null}
          {problem !== null ? <span className="banner banner--error ob-row-problem" role="alert" data-testid="outbox-row-problem">{problem}</span> : null}
        </div></td>
      ) : null}
    </tr>
  );
}

/** What is known of the message beyond its status: when it goes or went, the reference, the error, the engine's reasons. */
function Detail({ item }: { item: OutboxItem }) {
  const { t } = useTranslation();
  const en = currentLocale() === 'en';
  /** A line with a time in it: the sentence in the screen's language, the exact time on hover. */
  const timed = (key: string, iso: string, testId?: string) => (
    <time key={key} dateTime={iso} title={iso} data-testid={testId}>{t(`outbox.detail.${key}`, { time: formatDateTime(iso) })}</time>
  );
  const lines: ReactElement[] = [];
  switch (item.status) {
    case 'queued':
      // Its time is the server's (a demo's clock may not be the browser's): a time passed means it goes at the next dispatch.
      if (item.reasons.length > 0) lines.push(<span key="deferred" className="ob-deferred" data-testid="outbox-deferred">{t('outbox.detail.deferred')}</span>);
      else if (item.send_after !== null) lines.push(timed('sendAt', item.send_after, 'outbox-send-after'));
      else lines.push(<span key="due" className="muted">{t('outbox.detail.due')}</span>);
      break;
    case 'sending':
      lines.push(<span key="sending" className="muted">{t('outbox.detail.sending')}</span>);
      break;
    case 'sent':
      if (item.sent_at !== null) lines.push(timed('sentAt', item.sent_at, 'outbox-sent-at'));
      if (item.provider_ref !== null) {
        lines.push(<span key="ref">{t('outbox.detail.providerRef')} <code className="ob-ref" data-testid="outbox-provider-ref">{item.provider_ref}</code></span>);
      }
      if (item.delivery === 'delivered' && item.delivered_at !== null) lines.push(timed('deliveredAt', item.delivered_at, 'outbox-delivered'));
      if (item.delivery === 'undelivered') {
        lines.push(<span key="undelivered" className="ob-error" data-testid="outbox-undelivered">{t('outbox.detail.undelivered', { error: item.delivery_error ?? '' })}</span>);
      }
      break;
    case 'failed':
      lines.push(<span key="error" className="ob-error" data-testid="outbox-error">{item.error ?? t('outbox.detail.noError')}</span>);
      break;
    case 'expired':
      if (item.expires_at !== null) lines.push(timed('expiredAt', item.expires_at, 'outbox-expired-at'));
      break;
    case 'cancelled':
      // The engine's reasons follow; without them, what stopped it (the account gone, the phone no longer the debtor's).
      if (item.reasons.length === 0 && item.error !== null) lines.push(<span key="error" data-testid="outbox-error">{item.error}</span>);
      break;
  }
  const reasons = item.reasons.length > 0 && item.status !== 'sent' ? (
    <ul className="ob-reasons" data-testid="outbox-reasons">
      {item.reasons.map((r, i) => <li key={`${r.rule}-${i}`} data-rule={r.rule}>{en ? r.message : r.message_zh}</li>)}
    </ul>
  ) : null;
  const next = item.next_allowed_at !== null && (item.status === 'queued' || item.status === 'cancelled')
    ? timed('nextAllowed', item.next_allowed_at, 'outbox-next-allowed') : null;
  const where = [
    item.account_id !== null ? t('outbox.detail.account', { id: item.account_id }) : null,
    item.creditor_code,
  ].filter((part): part is string => part !== null && part !== '');
  if (lines.length === 0 && reasons === null && next === null && where.length === 0) return <>—</>;
  return (
    <div className="ob-detail-lines">
      {lines}
      {reasons}
      {next}
      {where.length > 0 ? <span className="muted" data-testid="outbox-account">{where.join(' · ')}</span> : null}
    </div>
  );
}
