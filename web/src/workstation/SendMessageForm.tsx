import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/index.ts';
import { useLoad } from '../supervisor/useLoad.ts';
import { fetchEmailTemplates, fetchSmsTemplates, sendEmail, sendSms } from './api.ts';
import { Problem } from './Problem.tsx';
import type { AccountPageView, ContactPointView } from './types.ts';
import { useSubmit } from './useSubmit.ts';

interface Props { channel: 'sms' | 'email'; page: AccountPageView; onDone(): void; onReload(): void; onSessionExpired(): void }

/** A phone (SMS) or e-mail address of the debtor's own that may take the channel: not marked invalid, not opted out of it. */
export function takes(channel: 'sms' | 'email', p: ContactPointView): boolean {
  return p.owner === 'debtor' && p.kind === (channel === 'sms' ? 'phone' : 'email') && p.verified !== 'invalid' && !p.opted_out.includes(channel);
}

/** What differs between the channels: the API, the words for the address, and the test ids SMS always had. */
const CHANNEL = {
  sms: { load: fetchSmsTemplates, send: sendSms, pointLabel: 'phone', none: 'noPhone', noneId: 'sms-no-phone' },
  email: { load: fetchEmailTemplates, send: sendEmail, pointLabel: 'address', none: 'noAddress', noneId: 'email-no-address' },
} as const;

/** Why a template does not apply now, by template: on a plan; off one; no number to call back (a US or UK e-mail); else no open promise. */
const NOT_NOW: Record<string, string> = { overdue_reminder: 'onPlan', instalment_reminder: 'notOnPlan', call_back: 'noCallBackNumber' };

/**
 * 发送短信 / 发送邮件: one of the fixed templates (never free text) to a phone or e-mail address of
 * the debtor's own, through the outbox. The server judges it (a refusal shows inline, as when
 * logging a contact) and its dispatcher sends it at once; the sent message then appears in the
 * contact log. An e-mail shows its subject too, and ends with the link that stops e-mails.
 */
export function SendMessageForm({ channel, page, onDone, onReload, onSessionExpired }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const zh = currentLocale() === 'zh-CN';
  const accountId = page.account.id;
  const c = CHANNEL[channel];
  const k = (key: string) => `workstation.${channel}.${key}`;
  const points = page.contact_points.filter((p) => takes(channel, p));
  // Most debtors have no e-mail address at all (a Chinese bank's file carries none): then no e-mail form either.
  const shown = channel === 'sms' || page.contact_points.some((p) => p.kind === 'email');
  const [pointId, setPointId] = useState<string>(points[0] ? String(points[0].id) : '');
  const [key, setKey] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const submit = useSubmit(onSessionExpired);

  // The texts depend on the account's facts (an open promise), so they are read again with the page.
  const templates = useLoad((signal) => (shown ? c.load(accountId, signal) : Promise.resolve({ items: [] })), onSessionExpired, [accountId, page, channel]).state;

  const point = points.find((p) => String(p.id) === pointId) ?? points[0];
  const items: ReadonlyArray<{ key: string; name_zh: string; name_en: string; body: string | null; subject?: string | null }> =
    templates.kind === 'ready' ? templates.data.items : [];
  const chosen = items.find((x) => x.key === key && x.body !== null);
  const problem = submit.problem;
  const fieldProblem = (field: string) => (problem?.kind === 'error' && problem.field === field ? problem.message : null);
  const pointProblem = fieldProblem('contact_point_id');
  const templateProblem = fieldProblem('template');
  const otherProblem = pointProblem === null && templateProblem === null ? problem : null;

  async function send(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    if (!point || !chosen) return;
    setSentTo(null);
    let to = '';
    const ok = await submit.run(async () => {
      ({ to } = await c.send(accountId, { template: chosen.key, contact_point_id: point.id }));
    });
    if (ok) {
      setSentTo(to);
      onDone();
    }
  }

  if (!shown) return null;
  if (points.length === 0) {
    return (
      <section className="ws-form" aria-labelledby={`${id}-h`} data-testid={`send-${channel}-form`}>
        <h3 id={`${id}-h`}>{t(k('title'))}</h3>
        <p className="muted" data-testid={c.noneId}>{t(k(c.none))}</p>
      </section>
    );
  }

  return (
    <form className="ws-form" onSubmit={(e) => void send(e)} aria-labelledby={`${id}-h`} data-testid={`send-${channel}-form`}>
      <h3 id={`${id}-h`}>{t(k('title'))}</h3>
      <div className="ws-grid ws-grid--fit">
        <label>
          {t(k(c.pointLabel))}
          <select value={point ? String(point.id) : ''} aria-invalid={pointProblem !== null}
            onChange={(e) => { setPointId(e.target.value); setSentTo(null); submit.clear(); }}>
            {points.map((p) => <option key={p.id} value={p.id}>{p.value_mask} · {t(`workstation.verified.${p.verified}`)}</option>)}
          </select>
          {pointProblem !== null ? <span className="ws-field-error" role="alert" data-testid={`${channel}-point-problem`}>{pointProblem}</span> : null}
          {point?.shared === true ? <span className="ws-field-note" data-testid={`${channel}-shared-point`}>{t('workstation.points.sharedText')}</span> : null}
        </label>
        <label>
          {t(k('template'))}
          <select value={key} aria-invalid={templateProblem !== null} disabled={templates.kind !== 'ready'}
            onChange={(e) => { setKey(e.target.value); setSentTo(null); submit.clear(); }}>
            <option value="">{t(k('choose'))}</option>
            {items.map((x) => (
              <option key={x.key} value={x.key} disabled={x.body === null}>
                {x.body === null ? t(k(NOT_NOW[x.key] ?? 'noOpenPromise'), { name: zh ? x.name_zh : x.name_en }) : zh ? x.name_zh : x.name_en}
              </option>
            ))}
          </select>
          {templateProblem !== null ? <span className="ws-field-error" role="alert" data-testid={`${channel}-template-problem`}>{templateProblem}</span> : null}
        </label>
      </div>
      {templates.kind === 'error'
        ? <p className="banner banner--error" role="alert">{t(k('loadFailed'), { message: templates.message })}</p>
        : null}
      <div className="ws-wide">
        <span id={`${id}-preview`}>{t(k('preview'))}</span>
        {chosen?.subject != null
          ? <p className="ws-sms-preview" data-testid="email-subject">{t(k('subject'))}: {chosen.subject}</p> : null}
        {chosen
          ? <p className="ws-sms-preview" aria-labelledby={`${id}-preview`} data-testid={`${channel}-preview`}>{chosen.body}</p>
          : <p className="ws-sms-preview muted">{t(k('previewEmpty'))}</p>}
      </div>
      <p className="muted">{t(k('fixedOnly'))}</p>
      {sentTo !== null ? <p className="banner banner--info" role="status" data-testid={`${channel}-queued`}>{t(k('queued'), { to: sentTo })}</p> : null}
      <Problem problem={otherProblem} onReload={onReload} refusalTitle="workstation.refusal.messageTitle" />
      <button type="submit" className="button button--primary" disabled={submit.busy || !chosen || !point}>{t(k('submit'))}</button>
    </form>
  );
}
