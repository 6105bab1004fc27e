import { type FormEvent, Fragment, type ReactElement, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/index.ts';
import { creditorName } from '../lib/bilingual.ts';
import { ApiError } from '../lib/api.ts';
import { jsonErrorAt } from '../lib/json-error.ts';
import { messageOf } from '../lib/useKeysetPages.ts';
import { saveFile } from '../lib/printed-pdf.ts';
import type { Locale, Role } from '../lib/types.ts';
import { ruleName } from '../lib/rule-names.ts';
import { formatCount, formatDateTime } from '../supervisor/format.ts';
import { useLoad } from '../supervisor/useLoad.ts';
import {
  fetchRules, fetchStrategy, NEXT_ACTIONS, previewRules, printLetters, runStrategy, saveRules,
  type Counts, type CreditorRules, type CreditorStrategy, type RunResult, type SavedRules, type StrategyPreview, type StrategyRun,
} from './api.ts';
import {
  actionLabel, actionLine, actionsOf, actionSplitParts, bucketPoints, defaultActionOf, defaultSegmentOf, labelled, otherwiseLabel,
  parseRulesText, priorityLines, rulesToText, segmentLabel, segmentLine, segmentsOf, signed, smsSendTimeOf,
} from './rules-text.ts';
import './strategy.css';

/**
 * Strategy (催收策略, admins; supervisors read it): the nightly strategy runs, newest first, and
 * each creditor's strategy rules with the split of its accounts by next action. A creditor's rules
 * are shown in words (segments, priority, next actions, SMS time) with their versions. Admins also
 * run today's strategy on demand and change a creditor's rules: the JSON in a textarea, its effect
 * on today's open accounts previewed, then saved as a new version from a date.
 */
export function StrategyScreen({ role, onSessionExpired }: { role: Role; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const admin = role === 'admin';
  const overview = useLoad((signal) => fetchStrategy(signal), onSessionExpired);
  const [selected, setSelected] = useState<string | null>(null);
  const data = overview.state.kind === 'ready' ? overview.state.data : null;
  const letters = useLetters(onSessionExpired);
  return (
    <section className="st-screen" aria-labelledby="st-title" data-testid="strategy-screen">
      <div className="screen-head"><h1 id="st-title">{t('strategy.title')}</h1></div>
      <p className="muted">{t('strategy.intro')}{admin ? `${currentLocale() === 'en' ? ' ' : ''}${t('strategy.introAdmin')}` : ''}</p>
      {overview.state.kind === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {overview.state.kind === 'error' ? <p className="banner banner--error" role="alert">{overview.state.message}</p> : null}

      <h2 id="st-runs-title">{t('strategy.runs.title')}</h2>
      {admin ? <RunNow onDone={overview.reload} onSessionExpired={onSessionExpired} /> : null}
      {data !== null ? <RunsTable runs={data.runs} /> : null}

      <h2 id="st-creditors-title">{t('strategy.creditors.title')}</h2>
      {data !== null ? (
        <CreditorsTable creditors={data.creditors} latestDate={data.latest_date} selected={selected}
          onView={(code) => setSelected((current) => (current === code ? null : code))}
          onPrint={admin && data.latest_date === data.today ? (code) => void letters.print(code) : undefined} printing={letters.busy} />
      ) : null}
      {letters.banner}
      {selected !== null ? (
        <RulesPanel key={selected} code={selected} admin={admin} today={data?.today ?? null} onSaved={overview.reload}
          onClose={() => setSelected(null)} onSessionExpired={onSessionExpired} />
      ) : null}
    </section>
  );
}

/**
 * 打印今日信函: today's letters of a creditor as a PDF, downloaded, and a banner saying how many
 * went in and which accounts the compliance engine (or a missing address) left out.
 */
function useLetters(onSessionExpired: () => void): { busy: string | null; print(code: string): Promise<void>; banner: ReactElement | null } {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ kind: 'done'; printed: number; already: number; refused: string } | { kind: 'failed'; message: string } | null>(null);
  async function print(code: string): Promise<void> {
    const locale = currentLocale();
    setBusy(code);
    setOutcome(null);
    try {
      const result = await printLetters(code, locale);
      saveFile(result.file, result.fileName);
      setOutcome({ kind: 'done', printed: result.printed, already: result.already, refused: countsByKey(result.refused, locale, (key) => (key === 'no_usable_address' ? t('strategy.letters.noAddress') : key === 'letter_recent' ? t('strategy.letters.recent') : ruleName(key, locale))) });
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) { onSessionExpired(); return; }
      setOutcome({ kind: 'failed', message: messageOf(error) });
    } finally {
      setBusy(null);
    }
  }
  const banner = outcome === null ? null : outcome.kind === 'failed'
    ? <p className="banner banner--error" role="alert" data-testid="letters-result">{outcome.message}</p>
    : (
      <p className="banner banner--info" role="status" data-testid="letters-result">
        {t('strategy.letters.done', { printed: formatCount(outcome.printed), already: formatCount(outcome.already) })}
        {outcome.refused !== '' ? t('strategy.letters.refused', { rules: outcome.refused }) : null}
      </p>
    );
  return { busy, print, banner };
}

/** "CN.hours 3、CN.consent 2": the counts per key, most first. */
export function countsByKey(counts: Counts, locale: Locale, name: (key: string) => string = (key) => key): string {
  return Object.entries(counts)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number' && entry[1] > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([key, n]) => `${name(key)} ${formatCount(n)}`)
    .join(locale === 'en' ? ', ' : '、');
}

type Running = { kind: 'idle' } | { kind: 'running' } | { kind: 'done'; result: RunResult } | { kind: 'failed'; message: string };

/** 立即运行: today's strategy now, then its summary and the overview read again. */
function RunNow({ onDone, onSessionExpired }: { onDone(): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [state, setState] = useState<Running>({ kind: 'idle' });
  async function run(): Promise<void> {
    setState({ kind: 'running' });
    try {
      const result = await runStrategy();
      setState({ kind: 'done', result });
      onDone();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) { onSessionExpired(); return; }
      setState({ kind: 'failed', message: messageOf(error) });
    }
  }
  const locale = currentLocale();
  const summary = state.kind === 'done' ? state.result.summary : null;
  const blockedBy = state.kind === 'done' ? countsByKey(state.result.sms_blocked_by_rule ?? {}, locale, (rule) => ruleName(rule, locale)) : '';
  return (
    <div className="st-run" data-testid="strategy-run">
      <div className="st-run-line">
        <button type="button" className="button button--primary" disabled={state.kind === 'running'} onClick={() => void run()}
          aria-describedby={`${id}-hint`}>
          {t(state.kind === 'running' ? 'strategy.runs.running' : 'strategy.runs.runNow')}</button>
        <span className="muted" id={`${id}-hint`}>{t('strategy.runs.runHint')}</span>
      </div>
      {summary !== null ? (
        <p className="banner banner--info" role="status" data-testid="strategy-run-result">
          {t('strategy.runs.done', {
            date: summary.date, accounts: formatCount(summary.accounts), changed: formatCount(summary.changed),
            queued: formatCount(summary.sms_queued), blocked: formatCount(summary.sms_blocked),
          })}
          {blockedBy !== '' ? t('strategy.runs.doneBlockedBy', { rules: blockedBy }) : null}
          {summary.email_queued > 0 ? t('strategy.runs.doneEmailed', { emailed: formatCount(summary.email_queued) }) : null}
        </p>
      ) : null}
      {state.kind === 'failed' ? <p className="banner banner--error" role="alert" data-testid="strategy-run-result">{state.message}</p> : null}
    </div>
  );
}

const RUN_COLUMNS = ['date', 'at', 'actor', 'accounts', 'changed', 'kept', 'partial', 'broken', 'smsQueued', 'smsBlocked'] as const;
const NUMERIC_RUN_COLUMNS = new Set<string>(['accounts', 'changed', 'kept', 'partial', 'broken', 'smsQueued', 'smsBlocked']);

function RunsTable({ runs }: { runs: StrategyRun[] }) {
  const { t } = useTranslation();
  if (runs.length === 0) return <p className="muted" data-testid="strategy-runs-empty">{t('strategy.runs.empty')}</p>;
  return (
    <div className="st-table-wrap">
      <table className="data-table st-table" data-testid="strategy-runs">
        <caption className="visually-hidden">{t('strategy.runs.caption')}</caption>
        <thead><tr>
          {RUN_COLUMNS.map((c) => (
            <th key={c} scope="col" className={NUMERIC_RUN_COLUMNS.has(c) ? 'num' : undefined}>{t(`strategy.runs.columns.${c}`)}</th>))}
        </tr></thead>
        <tbody>
          {runs.map((run) => <RunRow key={`${run.date}-${run.at}`} run={run} />)}
        </tbody>
      </table>
    </div>
  );
}

function RunRow({ run }: { run: StrategyRun }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const blockedBy = run.sms !== null ? countsByKey(run.sms.blocked_by_rule ?? {}, locale, (rule) => ruleName(rule, locale)) : '';
  const blockedTitle = blockedBy !== '' ? t('strategy.runs.blockedBy', { rules: blockedBy }) : undefined;
  return (
    <tr data-testid="strategy-run-row" data-date={run.date}>
      <th scope="row">{run.date}</th>
      <td><time dateTime={run.at} title={run.at}>{formatDateTime(run.at)}</time></td>
      <td>{run.actor}</td>
      <td className="num">{formatCount(run.accounts)}</td>
      <td className="num">{formatCount(run.changed)}</td>
      <td className="num">{formatCount(run.promises.kept)}</td>
      <td className="num">{formatCount(run.promises.partially_kept)}</td>
      <td className="num">{formatCount(run.promises.broken)}</td>
      {run.sms === null ? (
        <td className="num muted" colSpan={2} title={t('strategy.runs.smsPending')}>
          <span aria-hidden="true">—</span><span className="visually-hidden">{t('strategy.runs.smsPending')}</span></td>
      ) : (
        <>
          <td className="num">{formatCount(run.sms.queued)}
            {run.sms.emailed > 0 ? <span className="st-small" data-testid="strategy-run-emailed">{t('strategy.runs.emailed', { n: formatCount(run.sms.emailed) })}</span> : null}</td>
          <td className="num" title={blockedTitle} data-testid="strategy-run-blocked">
            {formatCount(run.sms.blocked)}
            {blockedTitle !== undefined ? <span className="st-small">{blockedTitle}</span> : null}
          </td>
        </>
      )}
    </tr>
  );
}

function versionName(version: number, t: (key: string, options?: Record<string, unknown>) => string): string {
  return version === 0 ? t('strategy.creditors.defaults') : t('strategy.creditors.version', { version });
}

function CreditorsTable({ creditors, latestDate, selected, onView, onPrint, printing }:
  { creditors: CreditorStrategy[]; latestDate: string | null; selected: string | null; onView(code: string): void;
    onPrint?: ((code: string) => void) | undefined; printing: string | null }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  if (creditors.length === 0) return <p className="muted">{t('strategy.creditors.empty')}</p>;
  return (
    <>
      {latestDate === null ? <p className="muted" data-testid="strategy-no-results">{t('strategy.creditors.noResults')}</p> : null}
      <div className="st-table-wrap">
        <table className="data-table st-table" data-testid="strategy-creditors">
          <caption className="visually-hidden">{t('strategy.creditors.caption')}</caption>
          <thead><tr>
            <th scope="col">{t('strategy.creditors.columns.creditor')}</th>
            <th scope="col">{t('strategy.creditors.columns.rules')}</th>
            <th scope="col">{t('strategy.creditors.columns.from')}</th>
            <th scope="col">{t('strategy.creditors.columns.scheduled')}</th>
            <th scope="col" className="num">
              {latestDate === null ? t('strategy.creditors.columns.accounts') : t('strategy.creditors.columns.accountsOn', { date: latestDate })}</th>
            <th scope="col">{t('strategy.creditors.columns.split')}</th>
            <th scope="col"><span className="visually-hidden">{t('strategy.creditors.columns.view')}</span></th>
          </tr></thead>
          <tbody>
            {creditors.map((c) => (
              <tr key={c.code} data-testid="strategy-creditor-row" data-code={c.code} aria-current={selected === c.code ? 'true' : undefined}>
                <th scope="row" className="st-wrap">{creditorName(c, locale)} <code className="muted">{c.code}</code></th>
                <td data-testid="creditor-rules">{versionName(c.version, t)}</td>
                <td>{c.effective_from ?? '—'}</td>
                <td data-testid="creditor-scheduled">
                  {c.scheduled.length === 0 ? '—' : c.scheduled.map((s) => (
                    <span key={s.version} className="st-scheduled">{t('strategy.creditors.scheduledItem', { version: s.version, date: s.effective_from })}</span>
                  ))}
                </td>
                <td className="num" data-testid="creditor-accounts">{formatCount(c.accounts)}</td>
                <td className="cell-text" data-testid="creditor-split"><SplitText parts={actionSplitParts(c.by_action ?? {}, NEXT_ACTIONS, locale)} /></td>
                <td><div className="st-row-buttons">
                  <button type="button" className="button st-view" onClick={() => onView(c.code)} aria-expanded={selected === c.code}
                    aria-label={t('strategy.creditors.viewLabel', { name: creditorName(c, locale) })}>{t('strategy.creditors.view')}</button>
                  {onPrint !== undefined && (c.by_action?.letter ?? 0) > 0 ? (
                    <button type="button" className="button st-view st-print" data-testid="print-letters" disabled={printing !== null}
                      onClick={() => onPrint(c.code)} aria-label={t('strategy.letters.printLabel', { name: creditorName(c, locale) })}>
                      {t(printing === c.code ? 'strategy.letters.printing' : 'strategy.letters.print')}</button>
                  ) : null}
                </div></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/**
 * "Call 3 · Letter 5 · Wait 1" that may wrap between actions, never inside one (no line starting
 * with "·" or a count torn from its action), so a long split does not widen the table.
 */
function SplitText({ parts }: { parts: string[] }) {
  if (parts.length === 0) return <>—</>;
  // The space between two parts is outside the spans: the only place a line may break.
  return <>{parts.map((part, i) => (i === parts.length - 1
    ? <span key={part} className="st-nowrap">{part}</span>
    : <Fragment key={part}><span className="st-nowrap">{part} ·</span> </Fragment>))}</>;
}

/** One creditor's rules in words, its versions and, for admins, the form to change them. */
function RulesPanel({ code, admin, today, onSaved, onClose, onSessionExpired }:
  { code: string; admin: boolean; today: string | null; onSaved(): void; onClose(): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const rules = useLoad((signal) => fetchRules(code, signal), onSessionExpired);
  const heading = useRef<HTMLHeadingElement>(null);
  const ready = rules.state.kind === 'ready' ? rules.state.data : null;
  // The panel opens below the table: bring it into view and move the focus to its heading.
  const shown = ready !== null;
  useEffect(() => {
    if (!shown) return;
    heading.current?.focus();
    heading.current?.scrollIntoView?.({ block: 'start' });
  }, [shown]);
  return (
    <section className="st-rules" aria-labelledby="st-rules-title" data-testid="strategy-rules" data-code={code}>
      {rules.state.kind === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {rules.state.kind === 'error' ? <p className="banner banner--error" role="alert">{rules.state.message}</p> : null}
      {ready !== null ? (
        <>
          <div className="st-rules-head">
            <h2 id="st-rules-title" ref={heading} tabIndex={-1}>{t('strategy.rules.title', { name: creditorName(ready, currentLocale()), code: ready.creditor })}</h2>
            <button type="button" className="button" onClick={onClose}>{t('strategy.rules.close')}</button>
          </div>
          <p className="st-in-force" data-testid="strategy-rules-in-force">
            {t('strategy.rules.inForce', { rules: versionName(ready.in_force.version, t) })}
            {ready.in_force.effective_from !== null ? t('strategy.rules.since', { date: ready.in_force.effective_from })
              : ready.in_force.version === 0 ? t('strategy.rules.builtIn') : null}
          </p>
          <RulesInWords rules={ready.in_force.rules} />
          <Versions rules={ready} />
          {admin ? (
            <RulesEditor rules={ready} today={today ?? ready.date} onSessionExpired={onSessionExpired}
              onSaved={() => { rules.reload(); onSaved(); }} />
          ) : null}
        </>
      ) : null}
    </section>
  );
}

/** The rules read out: segments, priority, next actions, SMS send time. */
export function RulesInWords({ rules }: { rules: unknown }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const points = bucketPoints(rules);
  return (
    <div className="st-words" data-testid="strategy-rules-words">
      <section className="st-part" aria-labelledby="st-segments-title" data-testid="strategy-segments">
        <h3 id="st-segments-title">{t('strategy.rules.segments')}</h3>
        <p className="muted st-small">{t('strategy.rules.firstMatch')}</p>
        <ol className="st-list">
          {segmentsOf(rules).map((s, i) => <li key={i} data-testid="strategy-segment">{segmentLine(s, locale)}</li>)}
        </ol>
        <p className="st-default" data-testid="strategy-default-segment">{labelled(otherwiseLabel(locale), segmentLabel(defaultSegmentOf(rules), locale), locale)}</p>
      </section>

      <section className="st-part" aria-labelledby="st-priority-title" data-testid="strategy-priority">
        <h3 id="st-priority-title">{t('strategy.rules.priority')}</h3>
        <p className="muted st-small">{t('strategy.rules.priorityHint')}</p>
        <div className="st-table-wrap"><table className="data-table st-points">
          <caption className="visually-hidden">{t('strategy.rules.bucketCaption')}</caption>
          <thead><tr>
            <th scope="row">{t('strategy.rules.bucket')}</th>
            {points.map(([bucket]) => <th key={bucket} scope="col" className="num">{bucket}</th>)}
          </tr></thead>
          <tbody><tr>
            <th scope="row">{t('strategy.rules.points')}</th>
            {points.map(([bucket, value]) => (
              <td key={bucket} className="num">{typeof value === 'number' ? formatCount(value) : JSON.stringify(value)}</td>))}
          </tr></tbody>
        </table></div>
        <ul className="st-lines">
          {priorityLines(rules, locale).map((line) => <li key={line} data-testid="strategy-priority-line">{line}</li>)}
        </ul>
      </section>

      <section className="st-part" aria-labelledby="st-actions-title" data-testid="strategy-actions">
        <h3 id="st-actions-title">{t('strategy.rules.actions')}</h3>
        <p className="muted st-small">{t('strategy.rules.firstMatch')}</p>
        <ol className="st-list">
          {actionsOf(rules).map((a, i) => <li key={i} data-testid="strategy-action">{actionLine(a, locale)}</li>)}
        </ol>
        <p className="st-default" data-testid="strategy-default-action">
          {labelled(otherwiseLabel(locale), actionLabel(defaultActionOf(rules), locale), locale)}</p>
        <p className="muted st-small">{t('strategy.rules.onHoldHint')}</p>
      </section>

      <section className="st-part" aria-labelledby="st-sms-title" data-testid="strategy-sms-time">
        <h3 id="st-sms-title">{t('strategy.rules.smsTime')}</h3>
        <p><strong data-testid="strategy-sms-time-value">{smsSendTimeOf(rules)}</strong> <span className="muted st-small">{t('strategy.rules.smsTimeHint')}</span></p>
      </section>
    </div>
  );
}

function Versions({ rules }: { rules: CreditorRules }) {
  const { t } = useTranslation();
  return (
    <section className="st-part" aria-labelledby="st-versions-title" data-testid="strategy-versions">
      <h3 id="st-versions-title">{t('strategy.rules.versions')}</h3>
      {rules.versions.length === 0 ? <p className="muted" data-testid="strategy-versions-empty">{t('strategy.rules.neverOwn')}</p> : (
        <table className="data-table st-versions">
          <caption className="visually-hidden">{t('strategy.rules.versionsCaption', { name: creditorName(rules, currentLocale()) })}</caption>
          <thead><tr>
            {(['version', 'from', 'at', 'by'] as const).map((c) => <th key={c} scope="col">{t(`strategy.rules.columns.${c}`)}</th>)}
          </tr></thead>
          <tbody>
            {rules.versions.map((v) => (
              <tr key={v.version} data-testid="strategy-version-row" data-version={v.version}>
                <th scope="row">{t('strategy.creditors.version', { version: v.version })}
                  {v.version === rules.in_force.version ? <span className="st-tag st-tag--current">{t('strategy.rules.current')}</span> : null}
                  {v.effective_from > rules.date ? <span className="st-tag st-tag--scheduled">{t('strategy.rules.scheduled')}</span> : null}
                </th>
                <td>{v.effective_from}</td>
                <td><time dateTime={v.created_at} title={v.created_at}>{formatDateTime(v.created_at)}</time></td>
                <td>{v.created_by ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** A refusal, placed beside what it is about: the JSON (client or server), the date, or the form as a whole. */
interface EditProblem { message: string; at: 'rules' | 'effective_from' | 'form' }

/** Where a server refusal belongs, by the field it names. */
function placeOf(field: string | undefined): EditProblem['at'] {
  if (field === 'effective_from') return 'effective_from';
  if (field !== undefined && (field === 'rules' || field.startsWith('rules.') || field.startsWith('rules['))) return 'rules';
  return 'form';
}

function RulesEditor({ rules, today, onSaved, onSessionExpired }:
  { rules: CreditorRules; today: string; onSaved(): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const id = useId();
  const [source, setSource] = useState(() => rulesToText(rules.in_force.rules));
  const [from, setFrom] = useState(today);
  const [busy, setBusy] = useState<'preview' | 'save' | null>(null);
  const [problem, setProblem] = useState<EditProblem | null>(null);
  const [preview, setPreview] = useState<StrategyPreview | null>(null);
  const [saved, setSaved] = useState<SavedRules | null>(null);

  /** The textarea as JSON, or null with the parser's message shown beside it. */
  function parsed(): { value: unknown } | null {
    const result = parseRulesText(source);
    if (!result.ok) {
      const at = result.notObject ? null : jsonErrorAt(source, result.message);
      setProblem({ message: result.notObject ? t('strategy.edit.notObject') : at ? t('strategy.edit.badJsonAt', at) : t('strategy.edit.badJson', { message: result.message }), at: 'rules' });
      return null;
    }
    return { value: result.value };
  }

  async function send<T>(kind: 'preview' | 'save', action: () => Promise<T>): Promise<T | null> {
    setBusy(kind);
    setProblem(null);
    try {
      return await action();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) { onSessionExpired(); return null; }
      const field = error instanceof ApiError ? error.field : undefined;
      let message = messageOf(error);
      if (field !== undefined && !message.includes(field)) message += t('strategy.edit.field', { field });
      setProblem({ message, at: placeOf(field) });
      return null;
    } finally {
      setBusy(null);
    }
  }

  async function runPreview(): Promise<void> {
    setSaved(null);
    setPreview(null);
    const json = parsed();
    if (json === null) return;
    const result = await send('preview', () => previewRules(rules.creditor, json.value));
    if (result !== null) setPreview(result);
  }

  async function save(event: FormEvent): Promise<void> {
    event.preventDefault();
    setSaved(null);
    const json = parsed();
    if (json === null) return;
    const result = await send('save', () => saveRules(rules.creditor, from, json.value));
    if (result !== null) { setSaved(result); onSaved(); }
  }

  function edit(text: string): void {
    setSource(text);
    setPreview(null);   // a preview of other text would mislead
    if (problem?.at === 'rules') setProblem(null);
  }

  const jsonProblemId = `${id}-json-problem`;
  const fromProblemId = `${id}-from-problem`;
  const invalid = (at: EditProblem['at'], problemId: string) =>
    (problem?.at === at ? { 'aria-invalid': true as const, 'aria-describedby': problemId } : {});
  return (
    <section className="st-part st-edit" aria-labelledby={`${id}-h`} data-testid="strategy-edit">
      <h3 id={`${id}-h`}>{t('strategy.edit.title')}</h3>
      <p className="muted st-small">{t('strategy.edit.hint')}</p>
      <form className="st-form" onSubmit={(e) => void save(e)} data-testid="strategy-edit-form">
        <label className="st-json-label">{t('strategy.edit.json')}
          <textarea className="st-json" rows={20} value={source} onChange={(e) => edit(e.target.value)} spellCheck={false}
            autoCapitalize="none" autoComplete="off" {...invalid('rules', jsonProblemId)} data-testid="strategy-json" /></label>
        {problem?.at === 'rules'
          ? <p id={jsonProblemId} className="banner banner--error" role="alert" data-testid="strategy-json-problem">{problem.message}</p> : null}
        <div className="st-fill">
          <button type="button" className="button button--quiet" onClick={() => edit(rulesToText(rules.in_force.rules))}>
            {t('strategy.edit.fillCurrent')}</button>
          <button type="button" className="button button--quiet" onClick={() => edit(rulesToText(rules.defaults))}>
            {t('strategy.edit.fillDefaults')}</button>
        </div>
        <label className="st-from">{t('strategy.edit.from')}
          <input type="date" value={from} onChange={(e) => { setFrom(e.target.value); if (problem?.at === 'effective_from') setProblem(null); }}
            required {...invalid('effective_from', fromProblemId)} data-testid="strategy-from" /></label>
        {problem?.at === 'effective_from'
          ? <p id={fromProblemId} className="banner banner--error" role="alert" data-testid="strategy-from-problem">{problem.message}</p> : null}
        <div className="st-buttons">
          <button type="button" className="button" disabled={busy !== null} onClick={() => void runPreview()}>
            {t(busy === 'preview' ? 'strategy.edit.previewing' : 'strategy.edit.preview')}</button>
          <button type="submit" className="button button--primary" disabled={busy !== null}>
            {t(busy === 'save' ? 'strategy.edit.saving' : 'strategy.edit.save')}</button>
        </div>
        {problem?.at === 'form' ? <p className="banner banner--error" role="alert" data-testid="strategy-edit-problem">{problem.message}</p> : null}
        {saved !== null ? (
          <p className="banner banner--info" role="status" data-testid="strategy-saved">
            {t('strategy.edit.saved', { version: saved.version, date: saved.effective_from })}</p>
        ) : null}
      </form>
      {preview !== null ? <PreviewTables preview={preview} /> : null}
    </section>
  );
}

/** The keys of either count, `order` first (those present), then the others as they come. */
function keysOf(order: readonly string[], ...counts: Counts[]): string[] {
  const present = (k: string) => counts.some((c) => (c[k] ?? 0) > 0);
  const others = [...new Set(counts.flatMap((c) => Object.keys(c)))].filter((k) => !order.includes(k) && present(k));
  return [...order.filter(present), ...others];
}

function PreviewTables({ preview }: { preview: StrategyPreview }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const now = t('strategy.preview.now', { rules: versionName(preview.current.version, t) });
  const segmentOrder: string[] = [];
  const table = (kind: 'action' | 'segment', current: Counts, proposed: Counts, order: readonly string[]) => (
    <table className="data-table st-preview-table" data-testid={`strategy-preview-${kind}s`}>
      <caption className="visually-hidden">{t(`strategy.preview.${kind}sCaption`)}</caption>
      <thead><tr>
        <th scope="col">{t(`strategy.preview.${kind}`)}</th>
        <th scope="col" className="num">{now}</th>
        <th scope="col" className="num">{t('strategy.preview.proposed')}</th>
        <th scope="col" className="num">{t('strategy.preview.change')}</th>
      </tr></thead>
      <tbody>
        {keysOf(order, current, proposed).map((key) => {
          const a = current[key] ?? 0;
          const b = proposed[key] ?? 0;
          return (
            <tr key={key} data-testid="strategy-preview-row" data-kind={kind} data-key={key}>
              <th scope="row">{kind === 'action' ? actionLabel(key, locale) : segmentLabel(key, locale)}</th>
              <td className="num">{formatCount(a)}</td>
              <td className="num">{formatCount(b)}</td>
              <td className={`num ${b > a ? 'st-up' : b < a ? 'st-down' : 'st-same'}`}>{signed(b - a, locale)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
  return (
    <section className="st-preview" aria-labelledby="st-preview-title" data-testid="strategy-preview">
      <h4 id="st-preview-title">{t('strategy.preview.title', { date: preview.date, accounts: formatCount(preview.accounts) })}</h4>
      <p className="muted st-small">{t('strategy.preview.nothingSaved')}</p>
      <div className="st-preview-grid">
        {table('action', preview.current.by_action ?? {}, preview.proposed.by_action ?? {}, NEXT_ACTIONS)}
        {table('segment', preview.current.by_segment ?? {}, preview.proposed.by_segment ?? {}, segmentOrder)}
      </div>
    </section>
  );
}
