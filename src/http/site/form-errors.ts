/**
 * A refused form's message tied to the inputs it is about, as GOV.UK's design system does it
 * (its "error summary" and "error message" components): a summary at the top of the page links
 * to the first input; the message stands beside the input, between its label (or a group's
 * legend) and the input; each input it is about is marked `aria-invalid="true"` and described by
 * the message, so a screen reader says what is wrong on reaching the field.
 */
import { esc } from './html.ts';

/**
 * A form the portal refused: the message, and the name of the form's input it is about (as the
 * form names it: 'amount', not the API's 'amount_fen'); null when it is about the form as a whole.
 */
export interface FormError { message: string; field: string | null }

export interface FieldMarks {
  /** Whether `id` is one of the inputs the refusal is about. */
  invalid(id: string): boolean;
  /** The message, where the first input it is about stands (call it between that input's label or legend and the input). */
  message(id: string): string;
  /** An input's attributes: aria-invalid and aria-describedby (the message, after a hint the input already had). */
  attrs(id: string, hint?: string): string;
  /** The summary at the top of the page, linking to the first input it is about when the page has that input. */
  summary(title: string, page: string, testId?: string): string;
}

/** The marks of a refusal about the inputs `ids` (their element ids on the page, in page order); none without a refusal. */
export function fieldMarks(error: { message: string } | null, ids: readonly string[]): FieldMarks {
  const first = ids[0];
  const messageId = first === undefined ? '' : `${first}-error`;
  const invalid = (id: string) => error !== null && ids.includes(id);
  return {
    invalid,
    message: (id) => error !== null && id === first ? `<p class="field-error" id="${esc(messageId)}">${esc(error.message)}</p>` : '',
    attrs: (id, hint) => {
      const describedBy = [hint, invalid(id) ? messageId : undefined].filter((x) => x !== undefined).join(' ');
      return `${invalid(id) ? ' aria-invalid="true"' : ''}${describedBy ? ` aria-describedby="${esc(describedBy)}"` : ''}`;
    },
    summary: (title, page, testId = 'error-summary') => {
      if (error === null) return '';
      // A link only to an input the page shows (a form replaced by a notice, say, has none to go to).
      const linked = first !== undefined && page.includes(`id="${esc(first)}"`) && page.includes(`id="${esc(messageId)}"`);
      const item = linked ? `<a href="#${esc(first)}">${esc(error.message)}</a>` : esc(error.message);
      // Focused on arrival (no script: autofocus), as GOV.UK's summary is, so the keyboard starts from it.
      return `<div class="error error-summary" role="alert" tabindex="-1" autofocus data-testid="${esc(testId)}"><strong>⚠ ${esc(title)}</strong>`
        + `<ul><li>${item}</li></ul></div>`;
    },
  };
}
