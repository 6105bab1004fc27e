import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/index.ts';
import { ruleName } from '../lib/rule-names.ts';
import type { Decision } from './types.ts';

/** "2026-03-03T08:00:00+08:00" -> "2026-03-03 08:00 (UTC+08:00)": the debtor's own clock. */
export function formatOffsetInstant(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.exec(iso);
  if (!m) return iso;
  return `${m[1]} ${m[2]} (UTC${m[3] === 'Z' ? '' : m[3]})`;
}

/** The rules of holds and suspensions: lifted by someone, or at their end. */
const HOLD_RULE = /\.(holds|suspension|dispute|cease|attorney|breathing_space|mental_health_crisis|plan_pending)$/;

/** The compliance engine's refusal, explained in the current language, with the next allowed time. */
export function Refusal({ decision, testId = 'contact-refusal', titleKey = 'workstation.refusal.title' }: { decision: Decision; testId?: string; titleKey?: string }) {
  const { t } = useTranslation();
  const zh = currentLocale() === 'zh-CN';
  return (
    <div className="banner banner--error ws-refusal" role="alert" data-testid={testId}>
      <strong>{t(titleKey)}</strong>
      <ul>
        {decision.reasons.map((r) => (
          <li key={r.rule + r.message}>
            {zh ? r.message_zh : r.message} <span className="muted" title={r.rule}>({ruleName(r.rule, zh ? 'zh-CN' : 'en')})</span>
          </li>
        ))}
      </ul>
      <p data-testid="next-allowed">
        {decision.next_allowed_at !== null
          ? t('workstation.refusal.nextAllowed', { at: formatOffsetInstant(decision.next_allowed_at) })
          // No time at all: a hold's end, or whatever the reasons above name (a validation notice to send, the mandate's end, ...).
          : t(decision.reasons.some((r) => HOLD_RULE.test(r.rule)) ? 'workstation.refusal.noNextTime' : 'workstation.refusal.noNextTimeOther')}
      </p>
    </div>
  );
}
