import { type FormEvent, Fragment, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api.ts';
import { messageOf, useKeysetPages } from '../lib/useKeysetPages.ts';
import { formatCount, formatDateTime } from '../supervisor/format.ts';
import { useLoad } from '../supervisor/useLoad.ts';
import {
  actionGroups, EMPTY_QUERY, fetchAudit, fetchAuditActions, summarizeDetail, verifyAudit,
  type AuditEntry, type AuditPage, type AuditQuery, type AuditVerification,
} from './api.ts';
import { PrivacyPanel } from './PrivacyPanel.tsx';
import { actionName, groupName } from './action-names.ts';
import { entityName } from './entity-names.ts';
import './audit.css';

/** How many of the chain's breaks the banner names. */
const BREAKS_SHOWN = 5;

/**
 * Audit log (审计日志, admins): the append-only, hash-chained record of every change and every
 * sensitive read, newest first. Filter by action (one, or a group such as user.*), by who did it
 * and by dates; each row's detail on one line, the whole JSON on demand; older entries a page at a
 * time. "Verify integrity" walks the hash chain and says whether anything was altered.
 */
export function AuditScreen({ onSessionExpired }: { onSessionExpired(): void }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const actions = useLoad((signal) => fetchAuditActions(signal), onSessionExpired);
  const [draft, setDraft] = useState<AuditQuery>(EMPTY_QUERY);
  const [query, setQuery] = useState<AuditQuery>(EMPTY_QUERY);
  const [rangeProblem, setRangeProblem] = useState<string | null>(null);
  // The first (newest) page whenever the filters are applied; older pages appended.
  const { listing, loadOlder, reload } = useKeysetPages<AuditEntry, AuditPage>((before, signal) => fetchAudit(query, before, signal), query, onSessionExpired);

  function search(event: FormEvent): void {
    event.preventDefault();
    if (draft.from !== '' && draft.to !== '' && draft.from > draft.to) { setRangeProblem(t('audit.filters.badRange')); return; }
    setRangeProblem(null);
    setQuery({ ...draft, actor: draft.actor.trim() });
    reload();
    actions.reload();
  }

  const actionItems = actions.state.kind === 'ready' ? actions.state.data.items : [];
  // An action chosen before it is listed (a filter kept while the list reloads) stays choosable.
  const listed = draft.action === '' || actionItems.includes(draft.action) || actionGroups(actionItems).includes(draft.action);
  const problemId = `${id}-problem`;
  const fieldProblem = rangeProblem !== null ? 'to' : listing.kind === 'error' ? listing.field : null;
  const invalid = (field: string) => (fieldProblem === field ? { 'aria-invalid': true as const, 'aria-describedby': problemId } : {});
  return (
    <section className="au-screen" aria-labelledby="au-title" data-testid="audit-screen">
      <div className="screen-head"><h1 id="au-title">{t('audit.title')}</h1></div>
      <p className="muted">{t('audit.intro')}</p>
      <Verify onSessionExpired={onSessionExpired} />
      <PrivacyPanel onSessionExpired={onSessionExpired} />

      <form className="au-filters" onSubmit={search} data-testid="audit-filters" role="search" aria-label={t('audit.filters.label')}>
        <label>{t('audit.filters.action')}
          <select value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })} {...invalid('action')}>
            <option value="">{t('audit.filters.allActions')}</option>
            {!listed ? <option value={draft.action}>{draft.action.endsWith('.') ? `${draft.action}*` : draft.action}</option> : null}
            {actionGroups(actionItems).length > 0 ? (
              <optgroup label={t('audit.filters.groups')}>
                {actionGroups(actionItems).map((prefix) => <option key={prefix} value={prefix}>{groupName(prefix, i18n.language)}</option>)}
              </optgroup>
            ) : null}
            {actionItems.length > 0 ? (
              <optgroup label={t('audit.filters.actions')}>
                {actionItems.map((action) => <option key={action} value={action}>{actionName(action, i18n.language) === action ? action : `${actionName(action, i18n.language)} (${action})`}</option>)}
              </optgroup>
            ) : null}
          </select></label>
        <label>{t('audit.filters.actor')}
          <input value={draft.actor} onChange={(e) => setDraft({ ...draft, actor: e.target.value })} maxLength={64} autoComplete="off"
            autoCapitalize="none" spellCheck={false} placeholder={t('audit.filters.actorHint')} {...invalid('actor')} /></label>
        <label>{t('audit.filters.from')}
          <input type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} {...invalid('from')} /></label>
        <label>{t('audit.filters.to')}
          <input type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} {...invalid('to')} /></label>
        <button type="submit" className="button button--primary">{t('audit.filters.search')}</button>
      </form>
      {actions.state.kind === 'error' ? <p className="banner banner--error" role="alert">{actions.state.message}</p> : null}
      {rangeProblem !== null ? <p id={problemId} className="banner banner--error" role="alert" data-testid="audit-problem">{rangeProblem}</p> : null}

      {listing.kind === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {listing.kind === 'error' && rangeProblem === null
        ? <p id={problemId} className="banner banner--error" role="alert" data-testid="audit-problem">{listing.message}</p> : null}
      {listing.kind === 'ready' ? (
        <>
          <AuditTable items={listing.items} />
          {listing.items.length > 0 ? (
            <p className="muted" data-testid="audit-count">
              {t(listing.nextBefore === null ? 'audit.list.countAll' : 'audit.list.countSoFar', { count: listing.items.length, shown: formatCount(listing.items.length) })}
            </p>
          ) : null}
          {typeof listing.more === 'object' ? <p className="banner banner--error" role="alert">{listing.more.error}</p> : null}
          {listing.nextBefore !== null ? (
            <button type="button" className="button au-older" disabled={listing.more === 'loading'} onClick={() => void loadOlder()}
              data-testid="audit-older">
              {t(listing.more === 'loading' ? 'audit.list.loadingOlder' : 'audit.list.older')}</button>
          ) : null}
        </>
      ) : null}
    </section>
  );
}

const COLUMNS = ['at', 'actor', 'action', 'entity', 'creditor', 'detail'] as const;

function AuditTable({ items }: { items: AuditEntry[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return <p className="muted" data-testid="audit-empty">{t('audit.list.empty')}</p>;
  return (
    <div className="au-table-wrap">
      <table className="data-table au-table" data-testid="audit-table">
        <caption className="visually-hidden">{t('audit.list.caption')}</caption>
        <thead><tr>
          {COLUMNS.map((c) => <th key={c} scope="col">{t(`audit.list.columns.${c}`)}</th>)}
        </tr></thead>
        <tbody>
          {items.map((entry) => <AuditRow key={entry.id} entry={entry} />)}
        </tbody>
      </table>
    </div>
  );
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const hasDetail = entry.detail !== null && typeof entry.detail === 'object' && Object.keys(entry.detail).length > 0;
  const summary = hasDetail ? summarizeDetail(entry.detail, 90, i18n.language) : '';
  return (
    <Fragment>
      <tr data-testid="audit-row" data-id={entry.id} data-action={entry.action} data-actor={entry.actor} data-entity={entry.entity}>
        <td><time dateTime={entry.at} title={entry.at}>{formatDateTime(entry.at)}</time></td>
        <td className="au-actor">{entry.actor}</td>
        <td>{actionName(entry.action, i18n.language) === entry.action ? <code className="au-action">{entry.action}</code>
          : <>{actionName(entry.action, i18n.language)}<br /><code className="au-action muted">{entry.action}</code></>}</td>
        <td className="au-entity"><span title={entry.entity}>{entityName(entry.entity, i18n.language)}</span>{entry.entity_id !== null ? <span className="muted"> #{entry.entity_id}</span> : null}</td>
        <td>{entry.creditor_code ?? '—'}</td>
        <td className="au-detail">
          {hasDetail ? (
            <span className="au-detail-line">
              <span className="au-summary" title={summary}>{summary}</span>
              <button type="button" className="button au-toggle" aria-expanded={open} aria-controls={`${id}-json`}
                onClick={() => setOpen((o) => !o)} aria-label={t(open ? 'audit.list.hideDetailsOf' : 'audit.list.detailsOf', { id: entry.id })}>
                {t(open ? 'audit.list.hideDetails' : 'audit.list.details')}</button>
            </span>
          ) : '—'}
        </td>
      </tr>
      {hasDetail && open ? (
        <tr className="au-json-row" data-testid="audit-json-row">
          <td colSpan={COLUMNS.length}>
            <pre id={`${id}-json`} className="au-json" data-testid="audit-json">{JSON.stringify(entry.detail, null, 2)}</pre>
          </td>
        </tr>
      ) : null}
    </Fragment>
  );
}

type Check = { kind: 'idle' } | { kind: 'running' } | { kind: 'done'; result: AuditVerification } | { kind: 'failed'; message: string };

/** 验证完整性: the hash chain walked on the server; intact, or where it breaks. */
function Verify({ onSessionExpired }: { onSessionExpired(): void }) {
  const { t } = useTranslation();
  const [check, setCheck] = useState<Check>({ kind: 'idle' });
  async function run(): Promise<void> {
    setCheck({ kind: 'running' });
    try {
      setCheck({ kind: 'done', result: await verifyAudit() });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) { onSessionExpired(); return; }
      setCheck({ kind: 'failed', message: messageOf(error) });
    }
  }
  return (
    <div className="au-verify" data-testid="audit-verify">
      <button type="button" className="button" disabled={check.kind === 'running'} onClick={() => void run()}>
        {t(check.kind === 'running' ? 'audit.verify.running' : 'audit.verify.button')}</button>
      {check.kind === 'failed' ? <p className="banner banner--error" role="alert" data-testid="audit-verify-result">{check.message}</p> : null}
      {check.kind === 'done' && check.result.ok ? (
        <p className="banner au-intact" role="status" data-testid="audit-verify-result">
          {t('audit.verify.ok', { count: check.result.rows, rows: formatCount(check.result.rows) })}</p>
      ) : null}
      {check.kind === 'done' && !check.result.ok ? (
        <div className="banner banner--error" role="alert" data-testid="audit-verify-result">
          <p>{t('audit.verify.broken', { count: check.result.breaks.length, breaks: formatCount(check.result.breaks.length), rows: formatCount(check.result.rows) })}</p>
          <ul>
            {check.result.breaks.slice(0, BREAKS_SHOWN).map((b) => (
              <li key={`${b.id}-${b.problem}`}>{t('audit.verify.break', { id: b.id, problem: t(`audit.verify.problems.${b.problem}`, { defaultValue: b.problem }) })}</li>
            ))}
          </ul>
          {check.result.breaks.length > BREAKS_SHOWN
            ? <p>{t('audit.verify.moreBreaks', { count: check.result.breaks.length - BREAKS_SHOWN })}</p> : null}
          <p>{t('audit.verify.brokenHint')}</p>
        </div>
      ) : null}
    </div>
  );
}
