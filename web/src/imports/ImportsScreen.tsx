import { navigate } from '../lib/location.ts';
import { SCREEN_PATHS } from '../shell/navigation.ts';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../lib/api.ts';
import { creditorName } from '../lib/bilingual.ts';
import { currentLocale } from '../i18n/index.ts';
import type { Role } from '../lib/types.ts';
import { formatCount, formatDateTime } from '../supervisor/format.ts';
import { useLoad } from '../supervisor/useLoad.ts';
import {
  base64Of, ENCODINGS, errorsFileUrl, fetchCreditors, fetchImports, fetchImportStatus, IMPORT_KINDS, MAX_UPLOAD_BYTES, startImport,
  type Encoding, type ImportBatch, type ImportKind, type ImportStatus, type UploadRequest,
} from './api.ts';
import './imports.css';

/**
 * Imports (导入): an agency admin brings in a bank's file (placements, payments or recalls) from
 * the browser, follows it while it runs, and reads what it did: rows new, updated, unchanged and
 * rejected, with the rejected rows to download and fix. Below, the imports that committed.
 * Supervisors see the list only. A malformed file is refused before anything is written, with
 * the server's reason in the screen's language.
 */
export function ImportsScreen({ role, onSessionExpired }: { role: Role; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const history = useLoad((signal) => fetchImports(signal), onSessionExpired);
  const admin = role === 'admin';
  return (
    <section className="im-screen" aria-labelledby="im-title" data-testid="imports-screen">
      <div className="screen-head"><h1 id="im-title">{t('imports.title')}</h1></div>
      <p className="muted">{t(admin ? 'imports.intro' : 'imports.introReadOnly')}</p>
      {admin ? <UploadForm onSessionExpired={onSessionExpired} onFinished={history.reload}
        batches={history.state.kind === 'ready' ? history.state.data.items : []} /> : null}
      <h2>{t('imports.history.title')}</h2>
      {history.state.kind === 'loading' ? <p role="status">{t('app.loading')}</p> : null}
      {history.state.kind === 'error' ? <p className="banner banner--error" role="alert">{history.state.message}</p> : null}
      {history.state.kind === 'ready' ? <History batches={history.state.data.items} total={history.state.data.total} admin={admin} /> : null}
    </section>
  );
}

type Upload =
  | { kind: 'idle' }
  | { kind: 'sending' }
  | { kind: 'running'; status: ImportStatus | null; id: number }
  | { kind: 'done'; status: ImportStatus }
  | { kind: 'failed'; message: string };

const POLL_MS = 400;

function UploadForm({ onSessionExpired, onFinished, batches }: { onSessionExpired(): void; onFinished(): void; batches: ImportBatch[] }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const creditors = useLoad((signal) => fetchCreditors(signal), onSessionExpired);
  const [kind, setKind] = useState<ImportKind>('placements');
  const [creditor, setCreditor] = useState('');
  const [encoding, setEncoding] = useState<Encoding>('auto');
  const [placementEnd, setPlacementEnd] = useState('');
  const [sheet, setSheet] = useState('');
  const [problem, setProblem] = useState<{ message: string; field: string | null } | null>(null);
  const [upload, setUpload] = useState<Upload>({ kind: 'idle' });
  const fileInput = useRef<HTMLInputElement>(null);
  const mappingInput = useRef<HTMLInputElement>(null);
  /** The last file was sent with a placement end or a worksheet named: options that do nothing when it turns out imported before. */
  const sentOptions = useRef(false);

  const creditorItems = creditors.state.kind === 'ready' ? creditors.state.data.items : [];
  // Until one is picked, the first creditor is the choice, so the form can be sent as it stands (derived, not set by an effect,
  // which could overwrite a pick made between the list's render and the effect).
  const chosenCreditor = creditor || (creditorItems[0]?.code ?? '');

  // While an import runs: its progress, until it is done or failed.
  const runningId = upload.kind === 'running' ? upload.id : null;
  useEffect(() => {
    if (runningId === null) return undefined;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const status = await fetchImportStatus(runningId, controller.signal);
        if (status.status === 'running') {
          setUpload({ kind: 'running', id: runningId, status });
          timer = setTimeout(() => void poll(), POLL_MS);
        } else if (status.status === 'done') {
          setUpload({ kind: 'done', status });
          onFinished();
        } else {
          setUpload({ kind: 'failed', message: (i18n.language === 'en' ? status.error : status.error_zh ?? status.error) ?? '' });
        }
      } catch (error) {
        if (controller.signal.aborted) return;
        if (error instanceof ApiError && error.status === 401) { onSessionExpired(); return; }
        setUpload({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
      }
    };
    void poll();
    return () => { controller.abort(); if (timer) clearTimeout(timer); };
  }, [runningId, onFinished, onSessionExpired, i18n.language]);

  async function send(event: FormEvent): Promise<void> {
    event.preventDefault();
    setProblem(null);
    const file = fileInput.current?.files?.[0];
    if (!file) { setProblem({ message: t('imports.form.noFile'), field: 'file' }); return; }
    if (file.size === 0) { setProblem({ message: t('imports.form.empty', { name: file.name }), field: 'file' }); return; }
    if (file.size > MAX_UPLOAD_BYTES) {
      setProblem({ message: t('imports.form.tooBig', { mb: Math.ceil(file.size / 1048576), max: MAX_UPLOAD_BYTES / 1048576 }), field: 'file' });
      return;
    }
    const body: UploadRequest = { kind, creditor: chosenCreditor, file_name: file.name, content_base64: '', encoding };
    const mappingFile = mappingInput.current?.files?.[0];
    if (mappingFile) {
      try {
        const parsed: unknown = JSON.parse((await mappingFile.text()).replace(/^\uFEFF/, ''));
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error(t('imports.form.mappingNotObject'));
        body.mapping = parsed as Record<string, unknown>;
      } catch (error) {
        setProblem({ message: t('imports.form.mappingNotJson', { name: mappingFile.name, message: error instanceof Error ? error.message : String(error) }), field: 'mapping' });
        return;
      }
    }
    if (kind === 'placements' && placementEnd !== '') body.placement_end = placementEnd;
    if (sheet.trim() !== '') body.sheet = sheet.trim();
    sentOptions.current = body.placement_end !== undefined || body.sheet !== undefined;
    setUpload({ kind: 'sending' });
    try {
      body.content_base64 = await base64Of(file);
      const started = await startImport(body);
      setUpload({ kind: 'running', id: started.id, status: null });
    } catch (error) {
      setUpload({ kind: 'idle' });
      if (error instanceof ApiError && error.status === 401) { onSessionExpired(); return; }
      setProblem({ message: error instanceof Error ? error.message : String(error), field: error instanceof ApiError ? error.field ?? null : null });
    }
  }

  const busy = upload.kind === 'sending' || upload.kind === 'running';
  const problemId = `${id}-problem`;
  const invalid = (...fields: string[]) => (problem !== null && problem.field !== null && fields.includes(problem.field)
    ? { 'aria-invalid': true, 'aria-describedby': problemId } : {});
  return (
    <section aria-labelledby={`${id}-h`} data-testid="import-upload">
      <h2 id={`${id}-h`}>{t('imports.form.title')}</h2>
      {creditors.state.kind === 'error' ? <p className="banner banner--error" role="alert">{creditors.state.message}</p> : null}
      {creditors.state.kind === 'ready' && creditorItems.length === 0 ? <p className="banner banner--warning">{t('imports.form.noCreditors')}</p> : null}
      <form className="im-form" onSubmit={(e) => void send(e)} data-testid="import-form">
        <label>{t('imports.form.kind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as ImportKind)} disabled={busy}>
            {IMPORT_KINDS.map((k) => <option key={k} value={k}>{t(`imports.kinds.${k}`)}</option>)}
          </select></label>
        <label>{t('imports.form.creditor')}
          <select value={chosenCreditor} onChange={(e) => setCreditor(e.target.value)} disabled={busy} required {...invalid('creditor')}>
            {creditorItems.map((c) => <option key={c.code} value={c.code}>{`${c.code} · ${creditorName(c, currentLocale())}`}</option>)}
          </select></label>
        <label className="im-wide">{t('imports.form.file')}
          <input ref={fileInput} type="file" accept=".csv,.txt,.tsv,.xlsx,text/csv" disabled={busy} required {...invalid('file', 'encoding', 'sheet')} />
          <span className="muted">{t('imports.form.fileHint', { max: MAX_UPLOAD_BYTES / 1048576 })}</span></label>
        <label>{t('imports.form.encoding')}
          <select value={encoding} onChange={(e) => setEncoding(e.target.value as Encoding)} disabled={busy} {...invalid('encoding')}>
            {ENCODINGS.map((e) => <option key={e} value={e}>{t(`imports.encodings.${e}`)}</option>)}
          </select></label>
        {kind === 'placements' ? (
          <label>{t('imports.form.placementEnd')}
            <input type="date" value={placementEnd} onChange={(e) => setPlacementEnd(e.target.value)} disabled={busy} {...invalid('placement_end')} /></label>
        ) : null}
        <label>{t('imports.form.sheet')}
          <input value={sheet} onChange={(e) => setSheet(e.target.value)} disabled={busy} maxLength={100} placeholder={t('imports.form.sheetHint')}
            {...invalid('sheet')} /></label>
        <label>{t('imports.form.mapping')}
          <input ref={mappingInput} type="file" accept=".json,application/json" disabled={busy} {...invalid('mapping')} />
          <span className="muted">{t('imports.form.mappingHint')}</span></label>
        {problem ? <p id={problemId} className="banner banner--error" role="alert" data-testid="import-problem">{problem.message}</p> : null}
        <button type="submit" className="button button--primary" disabled={busy || creditorItems.length === 0}>
          {t(busy ? 'imports.form.running' : 'imports.form.submit')}</button>
      </form>
      <Progress upload={upload} batches={batches} optionsSent={sentOptions.current} />
    </section>
  );
}

function Progress({ upload, batches, optionsSent }: { upload: Upload; batches: ImportBatch[]; optionsSent: boolean }) {
  const { t, i18n } = useTranslation();
  if (upload.kind === 'idle') return null;
  if (upload.kind === 'sending') return <p role="status" data-testid="import-progress">{t('imports.progress.sending')}</p>;
  if (upload.kind === 'failed') return <p className="banner banner--error" role="alert" data-testid="import-failed">{upload.message}</p>;
  if (upload.kind === 'running') {
    const p = upload.status?.progress;
    return (
      <div className="im-progress" data-testid="import-progress">
        <progress max={100} value={p?.percent ?? undefined} aria-label={t('imports.progress.label')} />
        <p role="status">{p?.phase === 'committing' ? t('imports.progress.committing', { rows: formatCount(p.rows) })
          : t('imports.progress.reading', { rows: formatCount(p?.rows ?? 0), percent: p?.percent ?? 0 })}</p>
      </div>
    );
  }
  const s = upload.status.summary;
  if (!s) return null;
  const batch = batches.find((b) => b.id === upload.status.id);
  return (
    <div className="banner banner--info im-summary" role="status" data-testid="import-summary">
      <p><strong>{t('imports.summary.done', { file: upload.status.file_name })}</strong></p>
      {batch?.duplicate_of ? <p data-testid="import-duplicate">{t('imports.summary.duplicate', { id: batch.duplicate_of })}
        {optionsSent ? ` ${t('imports.summary.optionsIgnored')}` : ''}</p> : null}
      <dl className="im-counts">
        {(['rows', 'inserted', 'updated', 'unchanged', 'rejected'] as const).map((k) => (
          <div key={k} data-testid={`import-count-${k}`}><dt>{t(`imports.counts.${k}`)}</dt><dd>{formatCount(s[k])}</dd></div>
        ))}
        <div><dt>{t('imports.counts.seconds')}</dt><dd>{s.seconds.toFixed(1)}</dd></div>
      </dl>
      {s.rows === 0 && !batch?.duplicate_of ? <p data-testid="import-no-rows">{t('imports.summary.noRows')}</p> : null}
      {batch?.encoding ? <p data-testid="import-encoding">{t('imports.summary.encoding', { encoding: encodingIn(batch, i18n.language) })}</p> : null}
      {batch && batch.unused_headers.length > 0 ? (
        <p data-testid="import-unused">{t('imports.summary.unused', { columns: batch.unused_headers.join(t('imports.summary.listSeparator')) })}</p>
      ) : null}
      {upload.status.kind === 'placements' && s.inserted > 0 ? (
        // New accounts belong to no collector until they are dealt to the teams of their territories.
        <p data-testid="import-to-deal">{t('imports.summary.toDeal', { count: s.inserted })}{' '}
          <a href={SCREEN_PATHS.territories} onClick={(event) => {
            if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
            event.preventDefault();
            navigate(SCREEN_PATHS.territories);
          }}>{t('imports.summary.dealLink')}</a></p>
      ) : null}
      {s.rejected > 0 ? (
        <p>{t('imports.summary.rejectedHint')} <a href={errorsFileUrl(s.batch_id)} download data-testid="import-errors-link">{t('imports.summary.errorsFile')}</a></p>
      ) : null}
    </div>
  );
}

function History({ batches, total, admin }: { batches: ImportBatch[]; total: number; admin: boolean }) {
  const { t, i18n } = useTranslation();
  if (batches.length === 0) return <p className="muted" data-testid="imports-empty">{t('imports.history.empty')}</p>;
  return (
    <>
      <p className="muted">{t('imports.history.count', { shown: batches.length, total })}</p>
      <div className="im-table-wrap">
        <table className="data-table" data-testid="imports-table">
          <thead><tr>
            {(['when', 'creditor', 'kind', 'file', 'rows', 'inserted', 'updated', 'unchanged', 'rejected', 'by'] as const).map((c) => (
              <th key={c} scope="col">{t(`imports.history.columns.${c}`)}</th>))}
          </tr></thead>
          <tbody>
            {batches.map((b) => (
              <tr key={b.id} data-testid="import-row" data-id={b.id}>
                <td><time dateTime={b.created_at}>{formatDateTime(b.created_at)}</time></td>
                <td>{b.creditor_code}</td>
                <td>{t(`imports.kinds.${b.kind}`, { defaultValue: b.kind })}</td>
                <td className="im-file">{b.file_name}{b.duplicate_of ? <span className="muted"> {t('imports.history.sameAs', { id: b.duplicate_of })}</span> : null}
                  {b.encoding ? <span className="muted im-encoding" data-testid="import-row-encoding">{t('imports.history.encoding', { encoding: encodingIn(b, i18n.language) })}</span> : null}</td>
                <td className="num">{formatCount(b.rows)}</td>
                <td className="num">{formatCount(b.inserted)}</td>
                <td className="num">{formatCount(b.updated)}</td>
                <td className="num">{formatCount(b.unchanged)}</td>
                <td className="num">{b.rejected > 0 && admin && b.has_errors_file
                  ? <a href={errorsFileUrl(b.id)} download title={t('imports.summary.errorsFile')}>{formatCount(b.rejected)}</a> : formatCount(b.rejected)}</td>
                <td>{b.created_by}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** How the batch's encoding was chosen, in the reader's language. */
function encodingIn(batch: ImportBatch, language: string): string {
  return (language.startsWith('zh') ? batch.encoding_zh : batch.encoding) ?? batch.encoding ?? '';
}
