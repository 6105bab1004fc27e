import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/index.ts';
import { useLoad } from '../supervisor/useLoad.ts';
import { fetchSmsTemplates, sendSms } from './api.ts';
import { Problem } from './Problem.tsx';
import type { AccountPageView, ContactPointView } from './types.ts';
import { useSubmit } from './useSubmit.ts';

interface Props { page: AccountPageView; onDone(): void; onReload(): void; onSessionExpired(): void }

/** A phone of the debtor's own that may take an SMS: not marked invalid, not opted out of SMS. */
export function takesSms(p: ContactPointView): boolean {
  return p.owner === 'debtor' && p.kind === 'phone' && p.verified !== 'invalid' && !p.opted_out.includes('sms');
}

/**
 * 发送短信: one of the fixed templates (never free text) to a phone of the debtor's own, through
 * the outbox. The server judges it (a refusal shows inline, as when logging a contact) and its
 * dispatcher sends it at once; the sent message then appears in the contact log.
 */
export function SendSmsForm({ page, onDone, onReload, onSessionExpired }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const zh = currentLocale() === 'zh-CN';
  const accountId = page.account.id;
  const phones = page.contact_points.filter(takesSms);
  const [pointId, setPointId] = useState<string>(phones[0] ? String(phones[0].id) : '');
  const [key, setKey] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const submit = useSubmit(onSessionExpired);

  // The texts depend on the account's facts (an open promise), so they are read again with the page.
  const templates = useLoad((signal) => fetchSmsTemplates(accountId, signal), onSessionExpired, [accountId, page]).state;

  const point = phones.find((p) => String(p.id) === pointId) ?? phones[0];
  const items = templates.kind === 'ready' ? templates.data.items : [];
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
      ({ to } = await sendSms(accountId, { template: chosen.key, contact_point_id: point.id }));
    });
    if (ok) {
      setSentTo(to);
      onDone();
    }
  }

  if (phones.length === 0) {
    return (
      <section className="ws-form" aria-labelledby={`${id}-h`} data-testid="send-sms-form">
        <h3 id={`${id}-h`}>{t('workstation.sms.title')}</h3>
        <p className="muted" data-testid="sms-no-phone">{t('workstation.sms.noPhone')}</p>
      </section>
    );
  }

  return (
    <form className="ws-form" onSubmit={(e) => void send(e)} aria-labelledby={`${id}-h`} data-testid="send-sms-form">
      <h3 id={`${id}-h`}>{t('workstation.sms.title')}</h3>
      <div className="ws-grid">
        <label>
          {t('workstation.sms.phone')}
          <select value={point ? String(point.id) : ''} aria-invalid={pointProblem !== null}
            onChange={(e) => { setPointId(e.target.value); setSentTo(null); submit.clear(); }}>
            {phones.map((p) => <option key={p.id} value={p.id}>{p.value_mask} · {t(`workstation.verified.${p.verified}`)}</option>)}
          </select>
          {pointProblem !== null ? <span className="ws-field-error" role="alert" data-testid="sms-point-problem">{pointProblem}</span> : null}
        </label>
        <label>
          {t('workstation.sms.template')}
          <select value={key} aria-invalid={templateProblem !== null} disabled={templates.kind !== 'ready'}
            onChange={(e) => { setKey(e.target.value); setSentTo(null); submit.clear(); }}>
            <option value="">{t('workstation.sms.choose')}</option>
            {items.map((x) => (
              <option key={x.key} value={x.key} disabled={x.body === null}>
                {x.body === null ? t('workstation.sms.noOpenPromise', { name: zh ? x.name_zh : x.name_en }) : zh ? x.name_zh : x.name_en}
              </option>
            ))}
          </select>
          {templateProblem !== null ? <span className="ws-field-error" role="alert" data-testid="sms-template-problem">{templateProblem}</span> : null}
        </label>
      </div>
      {templates.kind === 'error'
        ? <p className="banner banner--error" role="alert">{t('workstation.sms.loadFailed', { message: templates.message })}</p>
        : null}
      <div className="ws-wide">
        <span id={`${id}-preview`}>{t('workstation.sms.preview')}</span>
        {chosen
          ? <p className="ws-sms-preview" aria-labelledby={`${id}-preview`} data-testid="sms-preview">{chosen.body}</p>
          : <p className="ws-sms-preview muted">{t('workstation.sms.previewEmpty')}</p>}
      </div>
      <p className="muted">{t('workstation.sms.fixedOnly')}</p>
      {sentTo !== null ? <p className="banner banner--info" role="status" data-testid="sms-queued">{t('workstation.sms.queued', { to: sentTo })}</p> : null}
      <Problem problem={otherProblem} onReload={onReload} />
      <button type="submit" className="button button--primary" disabled={submit.busy || !chosen || !point}>{t('workstation.sms.submit')}</button>
    </form>
  );
}
