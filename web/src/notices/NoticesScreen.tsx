import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/index.ts';
import { noticeWords } from '../lib/notice-words.ts';
import type { Role } from '../lib/types.ts';
import { formatDateTime } from '../supervisor/format.ts';
import { useAction } from '../supervisor/useAction.ts';
import { useLoad } from '../supervisor/useLoad.ts';
import { announceNoticesChanged, fetchNotices, fetchUnreadCount, markAllRead, markRead, NOTICES_CHANGED, type Notice, type NoticeFilter } from './api.ts';
import './notices.css';

const FILTERS: readonly NoticeFilter[] = ['unread', 'all'];

/**
 * Notices (通知): what the system told this user (or, for a bank's users, their bank) about
 * hardship applications, plans and settlement offers, newest first, each marked read once seen.
 */
export function NoticesScreen({ role, onSessionExpired }: { role: Role; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<NoticeFilter>('unread');
  const { state, reload } = useLoad((signal) => fetchNotices(filter, signal), onSessionExpired, [filter]);
  const action = useAction(onSessionExpired);
  const changed = (result: unknown) => { if (result !== undefined) { reload(); announceNoticesChanged(); } };
  return (
    <section className="nt-screen" aria-labelledby="nt-title" data-testid="notices-screen">
      <div className="screen-head">
        <h1 id="nt-title">{t('notices.title')}</h1>
        {state.kind === 'ready' ? <span className="count" data-testid="notice-unread-count">{t('notices.unreadCount', { count: state.data.unread })}</span> : null}
        <button type="button" className="button" data-testid="notices-mark-all" disabled={action.busy || state.kind !== 'ready' || state.data.unread === 0}
          onClick={() => void action.run(markAllRead).then(changed)}>{t('notices.markAllRead')}</button>
      </div>
      <p className="muted">{t(role === 'creditor_user' ? 'notices.introCreditor' : 'notices.intro')}</p>
      <div className="nt-filter" role="group" aria-label={t('notices.filter')}>
        {FILTERS.map((f) => (
          <button key={f} type="button" className={`button${filter === f ? ' button--primary' : ''}`} aria-pressed={filter === f}
            data-testid={`notices-filter-${f}`} onClick={() => setFilter(f)}>{t(`notices.filters.${f}`)}</button>
        ))}
      </div>
      {action.problem ? <p className="banner banner--error" role="alert">{action.problem}</p> : null}
      {state.kind === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {state.kind === 'error' ? <p className="banner banner--error" role="alert">{state.message}</p> : null}
      {state.kind === 'ready' ? (
        state.data.items.length === 0 ? <p className="muted" data-testid="notices-empty">{t(`notices.empty.${filter}`)}</p> : (
          <ul className="nt-list" data-testid="notice-list">
            {state.data.items.map((n) => (
              <NoticeItem key={n.id} notice={n} linked={role !== 'creditor_user'} busy={action.busy}
                onMarkRead={() => void action.run(() => markRead(n.id)).then(changed)} />
            ))}
          </ul>
        )
      ) : null}
    </section>
  );
}

function NoticeItem({ notice: n, linked, busy, onMarkRead }: { notice: Notice; linked: boolean; busy: boolean; onMarkRead(): void }) {
  const { t } = useTranslation();
  const unread = n.read_at === null;
  return (
    <li className={unread ? 'nt-item nt-item--unread' : 'nt-item'} data-testid="notice-item" data-id={n.id} data-unread={unread}>
      <div className="nt-meta">
        {unread ? <span className="nt-unread" data-testid="notice-unread">{t('notices.unread')}</span> : null}
        <time dateTime={n.created_at}>{formatDateTime(n.created_at)}</time>
        <span>{t('notices.account')} {linked ? <a href={`/workstation/accounts/${n.account_id}`}>{n.account_no_mask}</a> : n.account_no_mask}</span>
      </div>
      <p><strong data-testid="notice-kind">{t(`notices.kinds.${n.kind}`, { defaultValue: n.kind })}</strong>: <span data-testid="notice-message">{noticeWords(n, currentLocale())}</span></p>
      {unread ? <button type="button" className="button" disabled={busy} onClick={onMarkRead}>{t('notices.markRead')}</button> : null}
    </li>
  );
}

/** The unread count beside the navigation's Notices item: counted again on every screen change and when notices are marked read. */
export function UnreadBadge({ pathname }: { pathname: string }) {
  const { t } = useTranslation();
  const [unread, setUnread] = useState(0);
  const [round, setRound] = useState(0);
  useEffect(() => {
    const recount = () => setRound((r) => r + 1);
    window.addEventListener(NOTICES_CHANGED, recount);
    return () => window.removeEventListener(NOTICES_CHANGED, recount);
  }, []);
  useEffect(() => {
    const controller = new AbortController();
    // A count that cannot be fetched shows no badge; the screens report the failure themselves.
    fetchUnreadCount(controller.signal).then((r) => setUnread(r.unread), () => { if (!controller.signal.aborted) setUnread(0); });
    return () => controller.abort();
  }, [pathname, round]);
  if (unread === 0) return null;
  return (
    <span className="nt-badge" data-testid="notices-badge">
      <span aria-hidden="true">{unread}</span>
      <span className="visually-hidden">{` ${t('notices.unreadCount', { count: unread })}`}</span>
    </span>
  );
}
