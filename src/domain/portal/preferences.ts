/**
 * Contact preferences a debtor sets in the portal. Preferred hours must lie inside the rule
 * pack's legal calling window: a debtor may narrow when we call, never widen it (the window is
 * a legal floor, COMPLIANCE.md). Channel opt-outs are the engine's `debtor.opt_outs`.
 */
import { invalidInput } from '../errors.ts';

export const OPT_OUT_CHANNELS = ['call', 'sms', 'email', 'letter', 'visit'] as const;
export type OptOutChannel = (typeof OPT_OUT_CHANNELS)[number];

export interface PreferencesInput {
  preferredFrom: string | null;
  preferredTo: string | null;
  optOuts: readonly string[];
  adviserName: string | null;
  adviserPhone: string | null;
}

export interface Preferences {
  preferredFrom: string | null;
  preferredTo: string | null;
  optOuts: OptOutChannel[];
  adviser: { name: string; phone: string } | null;
}

/** Minutes after midnight of "HH:MM", or null. */
export function clockMinutes(text: string): number | null {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Checks the preferences against the legal window [windowStart, windowEnd) in minutes. */
export function checkPreferences(input: PreferencesInput, window: { start: number; end: number }): Preferences {
  const from = input.preferredFrom?.trim() || null;
  const to = input.preferredTo?.trim() || null;
  if ((from === null) !== (to === null)) throw invalidInput('Give both the start and the end of your preferred hours, or neither', from === null ? 'preferred_from' : 'preferred_to');
  if (from !== null && to !== null) {
    const a = clockMinutes(from);
    const b = clockMinutes(to);
    if (a === null) throw invalidInput(`preferred_from "${from}" is not a time HH:MM`, 'preferred_from');
    if (b === null) throw invalidInput(`preferred_to "${to}" is not a time HH:MM`, 'preferred_to');
    if (a >= b) throw invalidInput('The preferred hours must end after they start', 'preferred_to');
    if (a < window.start || b > window.end) {
      throw invalidInput(`Preferred hours must lie inside the legal calling window ${formatClock(window.start)}-${formatClock(window.end)}`,
        a < window.start ? 'preferred_from' : 'preferred_to');
    }
  }
  const optOuts: OptOutChannel[] = [];
  for (const c of input.optOuts) {
    if (!(OPT_OUT_CHANNELS as readonly string[]).includes(c)) throw invalidInput(`opt_outs: "${c}" is not one of ${OPT_OUT_CHANNELS.join(', ')}`, 'opt_outs');
    if (!optOuts.includes(c as OptOutChannel)) optOuts.push(c as OptOutChannel);
  }
  // Someone must still be able to write to the debtor: letters carry legal notices.
  if (optOuts.length === OPT_OUT_CHANNELS.length) throw invalidInput('Keep at least one way for us to reach you (letters carry legal notices)', 'opt_outs');
  const name = input.adviserName?.trim() || null;
  const phone = input.adviserPhone?.replace(/[\s-]/g, '') || null;
  if ((name === null) !== (phone === null)) throw invalidInput('Give both your adviser\'s name and phone number, or neither', name === null ? 'adviser_name' : 'adviser_phone');
  if (phone !== null && !/^\+?\d{5,20}$/.test(phone)) throw invalidInput(`adviser_phone "${phone}" is not a phone number`, 'adviser_phone');
  if (name !== null && name.length > 100) throw invalidInput('adviser_name is longer than 100 characters', 'adviser_name');
  return { preferredFrom: from, preferredTo: to, optOuts, adviser: name !== null && phone !== null ? { name, phone } : null };
}
