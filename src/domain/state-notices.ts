/**
 * Notices a state or New York City asks for in a collection agency's first written communication
 * that Leeway does not write itself (Minnesota's, Tennessee's, North Carolina's ...): the agency's
 * compliance officer records the text (in English, and in Spanish for a debtor who reads it), and
 * the validation notice of a debtor there carries it on the back of its sheet, after the notices
 * the product writes (California's, Colorado's, Massachusetts's, New York's). A debtor whose state
 * is not known gets every one, as they get every built-in one (the strict reading).
 */
import { invalidInput } from './errors.ts';
import { checkJurisdiction, forDebtorIn } from './licences.ts';

export interface StateNotice {
  /** `US-MN`, or New York City's `US-NY-NYC`. */
  jurisdiction: string;
  en: string;
  /** The Spanish text for a Spanish notice; null: the English text goes there too. */
  es: string | null;
}

export const STATE_NOTICE_MAX = 3000;

/** A notice as the admin gives it, checked: a state's or the city's code, an English text, an optional Spanish one. */
export function checkStateNotice(jurisdiction: string, en: string, es: string | null): StateNotice {
  const j = checkJurisdiction(jurisdiction);
  const text = (t: string, field: 'en' | 'es') => {
    const clean = t.trim().replace(/\r\n?/g, '\n');
    if (clean.length === 0) throw invalidInput({ en: 'Write the notice as the law words it', zh: '请按法律规定的措辞填写告知内容' }, field);
    if (clean.length > STATE_NOTICE_MAX) {
      throw invalidInput({ en: `The notice is ${clean.length} characters; at most ${STATE_NOTICE_MAX}`, zh: `告知内容共 ${clean.length} 字，最多 ${STATE_NOTICE_MAX} 字` }, field);
    }
    return clean;
  };
  return { jurisdiction: j, en: text(en, 'en'), es: es === null || es.trim() === '' ? null : text(es, 'es') };
}

/** The recorded notices a debtor's validation notice carries, in the language of the notice. */
export function stateNoticeTexts(notices: readonly StateNotice[], regionCode: string | null, language: 'en' | 'es'): string[] {
  return forDebtorIn(notices, regionCode).map((n) => (language === 'es' ? n.es ?? n.en : n.en));
}
