/**
 * Contact preferences a debtor sets in the portal. Preferred hours must lie inside the rule
 * pack's legal calling window: a debtor may narrow when we call, never widen it (the window is
 * a legal floor, COMPLIANCE.md). Channel opt-outs are the engine's `debtor.opt_outs`. An e-mail
 * address the debtor gives is one we may write to (12 CFR 1006.6(d)(4)(i): the consumer gave it).
 */
import { isEmailAddress } from '../email-address.ts';
import { invalidInput, type Bilingual } from '../errors.ts';

export const OPT_OUT_CHANNELS = ['call', 'sms', 'email', 'letter', 'visit'] as const;
export type OptOutChannel = (typeof OPT_OUT_CHANNELS)[number];

export interface PreferencesInput {
  preferredFrom: string | null;
  preferredTo: string | null;
  optOuts: readonly string[];
  adviserName: string | null;
  adviserPhone: string | null;
  /** An e-mail address the debtor wants e-mails at (blank: the addresses on file stay as they are). */
  email?: string | null;
  /**
   * The debtor's own phone numbers (contact point ids) they agree to be texted at, every other one of
   * theirs not; undefined: as they are (the form did not offer them).
   */
  textPhones?: readonly number[];
}

export interface Preferences {
  preferredFrom: string | null;
  preferredTo: string | null;
  optOuts: OptOutChannel[];
  adviser: { name: string; phone: string } | null;
  email: string | null;
  textPhones: readonly number[] | null;
}

/** Minutes after midnight of "HH:MM", or null. */
export function clockMinutes(text: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** How a reader of the portal writes a time of day: 8 a.m. for a US debtor reading English or Spanish, else 08:00. */
export function clockFor(pack: string | null, chinese: boolean): (minutes: number) => string {
  return pack === 'US' && !chinese ? formatClockUs : formatClock;
}

/** A time of day as an American reader writes it: 8 a.m., 8:30 p.m., 12 p.m. (noon), 12 a.m. (midnight). */
export function formatClockUs(minutes: number): string {
  const hour = Math.floor(minutes / 60) % 24;
  const minute = minutes % 60;
  const twelve = hour % 12 === 0 ? 12 : hour % 12;
  return `${twelve}${minute === 0 ? '' : `:${String(minute).padStart(2, '0')}`} ${hour < 12 ? 'a.m.' : 'p.m.'}`;
}

/**
 * Checks the preferences against the legal window [windowStart, windowEnd) in minutes. Every part
 * of the form (the hours, the channels, the adviser, the e-mail, the numbers to text) is checked,
 * and INVALID_INPUT names the first part's problem with the others in `details.more` (each with its
 * field), so the debtor learns of them all at once.
 */
export function checkPreferences(input: PreferencesInput, window: { start: number; end: number }, options: { us?: boolean } = {}): Preferences {
  const problems: Array<Bilingual & { field: string }> = [];
  const problem = (message: Bilingual, field: string) => void problems.push({ ...message, field });
  const from = input.preferredFrom?.trim() || null;
  const to = input.preferredTo?.trim() || null;
  if ((from === null) !== (to === null)) {
    problem({ en: 'Give both the start and the end of your preferred hours, or neither', zh: '请同时填写希望联系时段的开始和结束时间，或者都不填',
      es: 'Indique el inicio y el fin de su horario preferido, o ninguno de los dos' },
      from === null ? 'preferred_from' : 'preferred_to');
  }
  if (from !== null && to !== null) {
    const a = clockMinutes(from);
    const b = clockMinutes(to);
    if (a === null) problem({ en: `The start time "${from}" is not a time written like 09:30`, zh: `希望联系时段的开始时间“${from}”不是时间，请写成 09:30 这样的格式`, es: `La hora de inicio «${from}» no es una hora escrita como 09:30` }, 'preferred_from');
    if (b === null) problem({ en: `The end time "${to}" is not a time written like 17:30`, zh: `希望联系时段的结束时间“${to}”不是时间，请写成 17:30 这样的格式`, es: `La hora de fin «${to}» no es una hora escrita como 17:30` }, 'preferred_to');
    if (a !== null && b !== null) {
      if (a >= b) problem({ en: 'The preferred hours must end after they start', zh: '希望联系时段的结束时间必须晚于开始时间', es: 'El horario preferido debe terminar después de empezar' }, 'preferred_to');
      else if (a < window.start || b > window.end) {
        const legal = `${formatClock(window.start)}-${formatClock(window.end)}`;
        problem({ en: `Preferred hours must lie inside the legal calling window ${legal}`, zh: `希望联系时段必须在法定可联系时间${legal}之内`,
          es: `El horario preferido debe estar dentro del horario legal de llamadas ${legal}` },
          a < window.start ? 'preferred_from' : 'preferred_to');
      }
    }
  }
  const optOuts: OptOutChannel[] = [];
  const unknown = input.optOuts.find((c) => !(OPT_OUT_CHANNELS as readonly string[]).includes(c));
  if (unknown !== undefined) {
    problem({ en: `opt_outs: "${unknown}" is not one of ${OPT_OUT_CHANNELS.join(', ')}`, zh: `“${unknown}”不是可以选择不联系的方式（可选：${OPT_OUT_CHANNELS.join(', ')}）`,
      es: `«${unknown}» no es una de las formas de contacto que puede rechazar` }, 'opt_outs');
  }
  for (const c of input.optOuts) {
    if ((OPT_OUT_CHANNELS as readonly string[]).includes(c) && !optOuts.includes(c as OptOutChannel)) optOuts.push(c as OptOutChannel);
  }
  // Someone must still be able to write to the debtor: letters carry legal notices.
  if (unknown === undefined && optOuts.length === OPT_OUT_CHANNELS.length) {
    // A US debtor may ask a debt collector in writing to stop contacting them (15 U.S.C. 1692c(c)): said how, not refused without a way.
    if (options.us === true) {
      problem({
        en: 'Keep at least one way for us to reach you here (letters carry legal notices). To ask us to stop contacting you altogether, write to us at the address on our Contact page: from then on we send you only the notices the law allows.',
        zh: '请在此至少保留一种我们可以联系您的方式（法定通知需通过信件送达）。如要求我们完全停止联系您，请按“联系我们”页面上的地址给我们写信：此后我们只会寄送法律允许的通知。',
        es: 'Deje aquí al menos una forma de comunicarnos con usted (las cartas llevan los avisos legales). Para pedirnos que dejemos de comunicarnos con usted por completo, escríbanos a la dirección de nuestra página de Contacto: desde entonces solo le enviaremos los avisos que la ley permite.',
      }, 'opt_outs');
    } else problem({ en: 'Keep at least one way for us to reach you (letters carry legal notices)', zh: '请至少保留一种我们可以联系您的方式（法定通知需通过信件送达）',
      es: 'Deje al menos una forma de comunicarnos con usted (las cartas llevan los avisos legales)' }, 'opt_outs');
  }
  const name = input.adviserName?.trim() || null;
  // Written as people write numbers: +1 (212) 555-0199, 212.555.0199, 138 0013 8000.
  const phone = input.adviserPhone?.replace(/[\s\-().]/g, '') || null;
  if ((name === null) !== (phone === null)) {
    problem({ en: 'Give both your adviser\'s name and phone number, or neither', zh: '请同时填写代理人的姓名和电话，或者都不填',
      es: 'Indique el nombre y el teléfono de su representante, o ninguno de los dos' },
      name === null ? 'adviser_name' : 'adviser_phone');
  } else if (phone !== null && !/^\+?\d{5,20}$/.test(phone)) {
    const typed = input.adviserPhone!.trim();
    problem({ en: `The adviser's phone "${typed}" is not a phone number`, zh: `代理人电话“${typed}”不是有效的电话号码`, es: `«${typed}» no es un número de teléfono` }, 'adviser_phone');
  }
  else if (name !== null && name.length > 100) problem({ en: 'adviser_name is longer than 100 characters', zh: '代理人姓名不能超过100个字', es: 'El nombre del representante tiene más de 100 caracteres' }, 'adviser_name');
  const email = input.email?.trim() || null;
  if (email !== null && !isEmailAddress(email)) problem({ en: `"${email}" is not one e-mail address`, zh: `“${email}”不是一个有效的电子邮箱地址`, es: `«${email}» no es una dirección de correo electrónico` }, 'email');
  const textPhones = input.textPhones === undefined ? null : [...new Set(input.textPhones)];
  if (textPhones?.some((id) => !Number.isSafeInteger(id) || id <= 0)) {
    problem({ en: 'Choose phone numbers on file', zh: '请选择已登记的手机号码', es: 'Elija números de teléfono registrados' }, 'text_phones');
  }
  const [first, ...more] = problems;
  if (first !== undefined) throw invalidInput(first, first.field, more.length > 0 ? { more } : undefined);
  return { preferredFrom: from, preferredTo: to, optOuts, adviser: name !== null && phone !== null ? { name, phone } : null, email, textPhones };
}
