import { type FormEvent, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n/index.ts';
import { guardLeaving, navigate } from '../lib/location.ts';
import { formatTimeIn } from '../lib/time.ts';
import { dial, logContact, recordCallResult } from './api.ts';
import { Problem } from './Problem.tsx';
import type { AccountPageView } from './types.ts';
import { shortcutKeys } from './shortcuts.ts';
import { useSubmit } from './useSubmit.ts';

/** An inbound call being answered (来电), with the contact point the caller lookup matched. */
export interface Inbound { contactPointId: number | null }

interface Props { page: AccountPageView; inbound?: Inbound | null; onDone(attemptId: number, outcome: string, note: string): void; onReload(): void; onSessionExpired(): void }

/**
 * 催记: who started it (we, or the caller), channel, contact point, party, outcome code, reason
 * for delinquency, note. An outbound attempt the rules refuse shows the refusal inline; an
 * inbound one is recorded as it happened and counts towards no calling limit.
 */
export function LogContactForm(props: Props) {
  const pending = props.page.pending_dial;
  return pending !== null && pending.account_id === props.page.account.id
    ? <CallResultForm {...props} attemptId={pending.attempt_id} pointMask={pending.contact_point_mask} at={pending.at} />
    : <ContactForm {...props} />;
}

/** The kind of contact point each channel goes to. */
const POINT_KIND: Record<string, string> = { call: 'phone', sms: 'phone', email: 'email', letter: 'address', visit: 'address' };

function ContactForm({ page, inbound = null, onDone, onReload, onSessionExpired }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const [direction, setDirection] = useState<'outbound' | 'inbound'>(inbound ? 'inbound' : 'outbound');
  const [channel, setChannel] = useState('call');
  // The points the channel goes to: a call or a text to a phone, an e-mail to an address of that kind, a letter or a visit to an address.
  const usable = page.contact_points.filter((p) => p.verified !== 'invalid' && p.kind === POINT_KIND[channel]);
  const matched = page.contact_points.find((p) => p.id === inbound?.contactPointId && p.verified !== 'invalid');
  // 'auto': the channel's first point; '': none chosen. A call in found by ID number came from no number on file.
  const [pointId, setPointId] = useState<string>(inbound ? (matched ? String(matched.id) : '') : 'auto');
  const [outcome, setOutcome] = useState('');
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [recordingRef, setRecordingRef] = useState('');
  const [language, setLanguage] = useSpokenLanguage(page);
  const [disclosure, setDisclosure] = useState<Disclosure>('');
  /** The contact just logged (its outcome's words): said beside the form, which starts afresh so the same call is not logged twice. */
  const [logged, setLogged] = useState<string | null>(null);
  const submit = useSubmit(onSessionExpired);
  // An outcome chosen or a note typed and not saved: leaving the account asks first (a call not logged is a call not on record).
  const unsaved = outcome !== '' || note.trim() !== '';
  useLayoutEffect(() => {
    if (!unsaved) return;
    return guardLeaving(() => window.confirm(t('workstation.log.unsaved')));
  }, [unsaved, t]);
  const incoming = direction === 'inbound';
  // A call, text or e-mail we make goes to a number or address on file (the server refuses one that names none).
  const needsPoint = !incoming && (channel === 'call' || channel === 'sms' || channel === 'email');
  // The point chosen while it is one of the channel's usable ones; else (marked invalid since, another channel) the first of them.
  const chosenId = usable.some((p) => String(p.id) === pointId) ? pointId
    : pointId === '' && !needsPoint ? '' : !incoming && usable[0] ? String(usable[0].id) : '';
  const point = usable.find((p) => String(p.id) === chosenId);
  const party = point?.owner === 'third_party' ? 'third_party' : 'debtor';
  // A caller was reached by definition: "no answer" and the like are outbound outcomes.
  // A third party's number cannot end in a conversation with the debtor (the server refuses those outcomes): they are not offered.
  const outcomes = page.outcome_codes.filter((o) => o.code !== 'dialed' && o.channels.includes(channel) && (!incoming || o.reached || o.code === 'other')
    && !(party === 'third_party' && o.right_party));
  // 一键外呼: the debtor's own phones, when a telephony gateway is configured.
  const canDial = page.dialer && !incoming && channel === 'call' && point?.kind === 'phone' && point.owner === 'debtor';
  // With a call centre, a call made another way is logged with its recording's reference.
  const asksRecording = page.dialer && !incoming && channel === 'call';
  const elsewhere = page.pending_dial;

  async function placeCall(): Promise<void> {
    if (!point) return;
    const ok = await submit.run(() => dial(page.account.id, { contact_point_id: point.id, expected_version: page.account.version }));
    if (ok) onReload();
  }

  async function send(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    let attemptId = 0;
    const ok = await submit.run(async () => {
      ({ attempt_id: attemptId } = await logContact(page.account.id, {
        channel, party, purpose: party === 'third_party' ? 'location' : 'collect', outcome, expected_version: page.account.version,
        initiated_by: incoming ? party : 'agency',
        ...(point ? { contact_point_id: point.id } : {}), ...(reason ? { delinquency_reason: reason } : {}), ...(note.trim() ? { note: note.trim() } : {}),
        ...(asksRecording && recordingRef.trim() ? { recording_ref: recordingRef.trim() } : {}),
        ...(asksLanguage(page, channel) && language ? { language } : {}),
        ...(asksDisclosure(page, channel, outcome) ? { disclosure_given: disclosure === 'yes' } : {}),
      }));
    });
    if (ok) {
      const o = page.outcome_codes.find((x) => x.code === outcome);
      const words = o ? (currentLocale() === 'zh-CN' ? o.zh : o.en) : outcome;
      setLogged(t('workstation.log.logged', { outcome: words }));
      setNote('');
      setRecordingRef('');
      setOutcome('');
      setReason('');
      setDisclosure('');
      onDone(attemptId, outcome, note.trim());
    }
  }

  return (
    <form className="ws-form" onInvalidCapture={submit.clear} onSubmit={(e) => void send(e)} aria-labelledby={`${id}-h`} data-testid="log-contact-form">
      <h3 id={`${id}-h`}>{t('workstation.log.title')}</h3>
      <div className="ws-grid ws-grid--fit">
        <label>
          {t('workstation.log.direction')}
          <select value={direction} onChange={(e) => { setDirection(e.target.value as 'outbound' | 'inbound'); setOutcome(''); }} data-testid="log-direction">
            <option value="outbound">{t('workstation.log.outbound')}</option>
            <option value="inbound">{t('workstation.log.inbound')}</option>
          </select>
        </label>
        <label>
          {t('workstation.log.channel')}
          <select value={channel} onChange={(e) => { setChannel(e.target.value); setOutcome(''); }}>
            {['call', 'sms', 'email', 'letter', 'visit'].map((c) => <option key={c} value={c}>{t(`workstation.channels.${c}`)}</option>)}
          </select>
        </label>
        <label>
          {t('workstation.log.contactPoint')}
          <select value={chosenId} onChange={(e) => setPointId(e.target.value)} data-testid="log-point">
            {usable.map((p) => (
              <option key={p.id} value={p.id}>
                {p.value_mask} · {p.owner === 'debtor' ? t('workstation.points.debtor') : `${p.third_party_name ?? ''}${p.relation ? ` (${p.relation})` : ''}`}
              </option>
            ))}
            {needsPoint ? null : <option value="">{t('workstation.log.noPoint')}</option>}
          </select>
        </label>
        <OutcomeFields outcomes={outcomes} reasons={page.delinquency_reasons} outcome={outcome} reason={reason}
          onOutcome={(o) => { setOutcome(o); setLogged(null); }} onReason={setReason} />
        {asksLanguage(page, channel) ? <LanguageField language={language} onLanguage={setLanguage} /> : null}
      </div>
      {asksDisclosure(page, channel, outcome) ? <DisclosureField value={disclosure} onChange={setDisclosure} /> : null}
      <p className="muted">{t('workstation.log.party', { party: t(`workstation.parties.${party}`) })}</p>
      {incoming ? (
        <p className={`banner ${party === 'third_party' ? 'banner--warning' : 'banner--info'}`} data-testid="inbound-note">
          {t(party === 'third_party' ? 'workstation.log.inboundThirdParty' : 'workstation.log.inboundNote')}
        </p>
      ) : null}
      {needsPoint && !point ? <p className="banner banner--warning" data-testid="needs-point">{t('workstation.log.needsPoint')}</p> : null}
      <NoteField note={note} onNote={setNote} />
      {asksRecording ? (
        <label className="ws-wide">
          {t('workstation.log.recordingRef')}
          <input value={recordingRef} onChange={(e) => setRecordingRef(e.target.value)} maxLength={200} placeholder={t('workstation.log.recordingHint')} />
        </label>
      ) : null}
      <Problem problem={submit.problem} onReload={onReload} />
      {logged !== null && submit.problem === null ? <p className="banner banner--info" role="status" data-testid="contact-logged">{logged}</p> : null}
      {canDial && elsewhere !== null ? (
        <p className="banner banner--warning" data-testid="pending-elsewhere">
          {t('workstation.dial.pendingElsewhere', { account: elsewhere.account_id })}{' '}
          <button type="button" className="button button--quiet" onClick={() => navigate(`/workstation/accounts/${elsewhere.account_id}`)}>{t('workstation.dial.open')}</button>
        </p>
      ) : null}
      <div className="ws-buttons">
        {canDial ? (
          <button type="button" className="button button--primary" disabled={submit.busy || elsewhere !== null} onClick={() => void placeCall()} data-testid="dial">
            {t('workstation.dial.call', { number: point.value_mask })}
          </button>
        ) : null}
        <button type="submit" className={`button ${canDial ? '' : 'button--primary'}`} disabled={submit.busy || outcome === '' || (needsPoint && !point) || (asksDisclosure(page, channel, outcome) && disclosure === '')}>{t('workstation.log.submit')}</button>
      </div>
    </form>
  );
}

const RESULT_POLL_MS = 4_000;

/** After-call work (话后处理): the result of the call just dialled, recorded on its attempt. */
function CallResultForm({ page, onDone, onReload, onSessionExpired, attemptId, pointMask, at }: Props & { attemptId: number; pointMask: string | null; at: string }) {
  const { t } = useTranslation();
  const id = useId();
  const [outcome, setOutcome] = useState('');
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [language, setLanguage] = useSpokenLanguage(page);
  const [disclosure, setDisclosure] = useState<Disclosure>('');
  const submit = useSubmit(onSessionExpired);
  const outcomes = page.outcome_codes.filter((o) => o.code !== 'dialed' && o.channels.includes('call'));
  // The call centre may report that no one answered: look again every few seconds, and an
  // unanswered call gives way to the next one without anything to record.
  const reload = useRef(onReload);
  reload.current = onReload;
  useEffect(() => {
    const timer = setInterval(() => reload.current(), RESULT_POLL_MS);
    return () => clearInterval(timer);
  }, []);

  async function send(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const ok = await submit.run(() => recordCallResult(attemptId, {
      outcome, expected_version: page.account.version, ...(reason ? { delinquency_reason: reason } : {}), ...(note.trim() ? { note: note.trim() } : {}),
      ...(asksLanguage(page, 'call') && language ? { language } : {}),
      ...(asksDisclosure(page, 'call', outcome) ? { disclosure_given: disclosure === 'yes' } : {}),
    }));
    if (ok) onDone(attemptId, outcome, note.trim());
  }

  return (
    <form className="ws-form" onInvalidCapture={submit.clear} onSubmit={(e) => void send(e)} aria-labelledby={`${id}-h`} data-testid="call-result-form">
      <h3 id={`${id}-h`}>{t('workstation.dial.resultTitle')}</h3>
      <p className="banner banner--info" role="status" data-testid="call-in-progress">
        {t('workstation.dial.inProgress', { number: pointMask ?? '', time: formatTimeIn(at, currentLocale()) })}
      </p>
      <div className="ws-grid ws-grid--fit">
        <OutcomeFields outcomes={outcomes} reasons={page.delinquency_reasons} outcome={outcome} reason={reason}
          onOutcome={setOutcome} onReason={setReason} />
        {asksLanguage(page, 'call') ? <LanguageField language={language} onLanguage={setLanguage} /> : null}
      </div>
      {asksDisclosure(page, 'call', outcome) ? <DisclosureField value={disclosure} onChange={setDisclosure} /> : null}
      <NoteField note={note} onNote={setNote} />
      <Problem problem={submit.problem} onReload={onReload} />
      <button type="submit" className="button button--primary" disabled={submit.busy || outcome === '' || (asksDisclosure(page, 'call', outcome) && disclosure === '')}>{t('workstation.dial.saveResult')}</button>
    </form>
  );
}

/** The outcome code (the channel's, in the reader's words) and the reason for delinquency, as every contact form asks them. */
function OutcomeFields({ outcomes, reasons, outcome, reason, onOutcome, onReason }: {
  outcomes: AccountPageView['outcome_codes']; reasons: readonly string[]; outcome: string; reason: string; onOutcome(code: string): void; onReason(reason: string): void;
}) {
  const { t } = useTranslation();
  const zh = currentLocale() === 'zh-CN';
  return (
    <>
      <label>
        {t('workstation.log.outcome')}
        <select value={outcome} onChange={(e) => onOutcome(e.target.value)} required data-shortcut="log" aria-keyshortcuts={shortcutKeys('log')}>
          <option value="">{t('workstation.log.choose')}</option>
          {outcomes.map((o) => <option key={o.code} value={o.code}>{zh ? o.zh : o.en}</option>)}
        </select>
      </label>
      <label>
        {t('workstation.log.reason')}
        <select value={reason} onChange={(e) => onReason(e.target.value)}>
          <option value="">{t('workstation.log.reasonUnknown')}</option>
          {reasons.map((r) => <option key={r} value={r}>{t(`workstation.reasons.${r}`)}</option>)}
        </select>
      </label>
    </>
  );
}

/** Whether the debt collector disclosure was given: not yet answered, yes or no. */
type Disclosure = '' | 'yes' | 'no';

/**
 * Under a US contract a conversation with the debtor themself (a call or visit whose outcome is a
 * right-party one) is recorded with whether the debt collector disclosure was given (12 CFR
 * 1006.18(e)); the server refuses the record without it. US: the contract has a validation notice.
 */
function asksDisclosure(page: AccountPageView, channel: string, outcome: string): boolean {
  return page.validation_notice !== null && (channel === 'call' || channel === 'visit')
    && page.outcome_codes.some((o) => o.code === outcome && o.right_party);
}

/** Yes or no, asked every time and never taken as said: a "no" is recorded as it happened. */
function DisclosureField({ value, onChange }: { value: Disclosure; onChange(value: Disclosure): void }) {
  const { t } = useTranslation();
  const name = useId();
  return (
    <fieldset className="ws-wide" data-testid="disclosure-field">
      <legend>{t('workstation.disclosure.question')}</legend>
      <label className="check"><input type="radio" name={name} value="yes" checked={value === 'yes'} onChange={() => onChange('yes')} required /> {t('workstation.disclosure.yes')}</label>{' '}
      <label className="check"><input type="radio" name={name} value="no" checked={value === 'no'} onChange={() => onChange('no')} /> {t('workstation.disclosure.no')}</label>
      {value === 'no' ? <p className="banner banner--warning">{t('workstation.disclosure.noWarning')}</p> : null}
    </fieldset>
  );
}

const SPOKEN = ['en', 'es', 'zh'] as const;

/**
 * Under a US contract a call or visit is recorded with the language it was held in (New York
 * City's language access rules count accounts and collectors by language).
 */
function asksLanguage(page: AccountPageView, channel: string): boolean {
  return page.validation_notice !== null && (channel === 'call' || channel === 'visit');
}

/**
 * The language the conversation was held in: the collector's choice, else the page's default
 * (spokenDefault), which follows a language recorded on the page meanwhile (the debtor says they
 * read Spanish mid-call: the form says Spanish without a reload).
 */
function useSpokenLanguage(page: AccountPageView): [string, (language: string) => void] {
  const [chosen, setChosen] = useState<string | null>(null);
  return [chosen ?? spokenDefault(page), setChosen];
}

/** The language a conversation is first taken to be in: the one the debtor asked for, else English. */
function spokenDefault(page: AccountPageView): string {
  const asked = page.debtor.preferred_language;
  return asked !== null && (SPOKEN as readonly string[]).includes(asked) ? asked : 'en';
}

function LanguageField({ language, onLanguage }: { language: string; onLanguage(language: string): void }) {
  const { t } = useTranslation();
  return (
    <label>
      {t('workstation.log.language')}
      <select value={language} onChange={(e) => onLanguage(e.target.value)} data-testid="log-language">
        {SPOKEN.map((l) => <option key={l} value={l}>{t(`workstation.language.${l}`)}</option>)}
        <option value="">{t('workstation.language.unstated')}</option>
      </select>
    </label>
  );
}

function NoteField({ note, onNote }: { note: string; onNote(note: string): void }) {
  const { t } = useTranslation();
  return (
    <label className="ws-wide">
      {t('workstation.log.note')}
      <textarea value={note} onChange={(e) => onNote(e.target.value)} rows={2} maxLength={2000} />
    </label>
  );
}
