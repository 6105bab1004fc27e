import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/index.ts';
import { formatInstant } from '../lib/time.ts';
import { formatFen, useCurrency } from '../lib/money.ts';
import { evidenceUrl, type Affordability, type Evidence, type RequestedPlan, type TimelineEvent } from './api.ts';

export function Problem({ text }: { text: string | null }) {
  return text === null ? null : <p className="banner banner--error" role="alert">{text}</p>;
}

export const when = formatInstant;

/** True when the last instalment differs from the others (the remainder of the split goes to it): both amounts are then shown. */
export function unevenPlan(plan: Pick<RequestedPlan, 'months' | 'instalment_fen' | 'last_instalment_fen'>): boolean {
  return plan.months > 1 && plan.last_instalment_fen !== undefined && plan.last_instalment_fen !== plan.instalment_fen;
}

export function PlanTermsLine({ plan }: { plan: RequestedPlan }) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const currency = useCurrency();
  return (
    <span data-testid="plan-terms">
      {t(unevenPlan(plan) ? 'hardship.plan.lineUneven' : 'hardship.plan.line', { count: plan.months, first: plan.first_due_date,
        instalment: formatFen(plan.instalment_fen, locale, currency), last: formatFen(plan.last_instalment_fen ?? plan.instalment_fen, locale, currency),
        total: formatFen(plan.total_fen, locale, currency) })}
      {plan.waive.length ? ` · ${t('hardship.plan.waived', { parts: plan.waive.map((p) => t(`hardship.parts.${p}`)).join(locale === 'zh-CN' ? '、' : ', ') })}` : ''}
    </span>
  );
}

export function AffordabilityLine({ a }: { a: Affordability | null | undefined }) {
  const { t } = useTranslation();
  if (!a) return null;
  const locale = currentLocale();
  const currency = useCurrency();
  return (
    <p className={`banner ${a.affordable ? 'banner--info' : 'banner--warning'}`} data-testid="affordability">
      {t(a.affordable ? 'hardship.affordable' : 'hardship.notAffordable', { disposable: formatFen(a.disposable_fen, locale, currency),
        instalment: formatFen(a.instalment_fen, locale, currency), share: a.share_bp === null ? '—' : `${(a.share_bp / 100).toFixed(0)}%` })}
    </p>
  );
}

export function EvidenceLinks({ files }: { files: Evidence[] | undefined }) {
  const { t } = useTranslation();
  if (!files?.length) return <span className="muted">{t('hardship.noEvidence')}</span>;
  return (
    <ul className="hs-evidence">{files.map((f) => (
      <li key={f.id}><a href={evidenceUrl(f.id)} download={f.file_name}>{f.file_name}</a> <span className="muted">
        ({Math.ceil(f.size_bytes / 1024)} KB · SHA-256 {f.sha256.slice(0, 12)}…)</span></li>
    ))}</ul>
  );
}

/** A note in the reader's language: the Chinese the system keeps beside its own notes, else the note as written (a person's, or an older row's). */
export function noteWords(note: string | null, noteZh: string | null | undefined): string | null {
  return currentLocale() === 'zh-CN' && noteZh ? noteZh : note;
}

/** Who acted, as people know them: the staff member's name, the debtor on the portal, or the nightly run. */
function actorWords(e: TimelineEvent, t: (key: string) => string): string {
  if (e.actor_name) return e.actor_name;
  if (e.actor.startsWith('debtor:')) return t('hardship.byDebtor');
  if (e.actor === 'cli' || e.actor === 'system') return t('hardship.bySystem');
  return e.actor;
}

export function Timeline({ events }: { events: TimelineEvent[] }) {
  const { t } = useTranslation();
  if (!events.length) return null;
  return (
    <ol className="hs-timeline" data-testid="hardship-timeline">{events.map((e) => (
      <li key={e.id}><span className="muted">{when(e.at)}</span> <strong>{t(`hardship.events.${e.kind}`, { defaultValue: e.kind })}</strong> · {actorWords(e, t)}
        {e.note ? ` · ${noteWords(e.note, e.note_zh)}` : ''}</li>
    ))}</ol>
  );
}

