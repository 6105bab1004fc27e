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
export interface FormError {
  message: string; field: string | null;
  /** The form's other problems found in the same look (a form checked whole says them all at once), each on its own input. */
  more?: ReadonlyArray<{ message: string; field: string | null }>;
}

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
  return fieldMarksAll(error === null ? [] : [{ message: error.message, ids }]);
}

/**
 * The marks of several problems at once, each about its inputs (`ids`, in page order; none: about
 * the form as a whole): each message stands at the first of its inputs, and the summary lists them
 * all, in the order given (the page's), each linking to its input.
 */
export function fieldMarksAll(problems: ReadonlyArray<{ message: string; ids: readonly string[] }>): FieldMarks {
  const messageIdOf = (p: { ids: readonly string[] }) => (p.ids[0] === undefined ? '' : `${p.ids[0]}-error`);
  const about = (id: string) => problems.find((p) => p.ids.includes(id));
  return {
    invalid: (id) => about(id) !== undefined,
    message: (id) => {
      const p = problems.find((q) => q.ids[0] === id);
      return p === undefined ? '' : `<p class="field-error" id="${esc(messageIdOf(p))}">${esc(p.message)}</p>`;
    },
    attrs: (id, hint) => {
      const p = about(id);
      const describedBy = [hint, p === undefined ? undefined : messageIdOf(p)].filter((x) => x !== undefined).join(' ');
      return `${p !== undefined ? ' aria-invalid="true"' : ''}${describedBy ? ` aria-describedby="${esc(describedBy)}"` : ''}`;
    },
    summary: (title, page, testId = 'error-summary') => {
      if (problems.length === 0) return '';
      const items = problems.map((p) => {
        const first = p.ids[0];
        // A link only to an input the page shows (a form replaced by a notice, say, has none to go to).
        const linked = first !== undefined && page.includes(`id="${esc(first)}"`) && page.includes(`id="${esc(messageIdOf(p))}"`);
        return `<li>${linked ? `<a href="#${esc(first!)}">${esc(p.message)}</a>` : esc(p.message)}</li>`;
      }).join('');
      // Focused on arrival (no script: autofocus), as GOV.UK's summary is, so the keyboard starts from it.
      return `<div class="error error-summary" role="alert" tabindex="-1" autofocus data-testid="${esc(testId)}"><strong>⚠ ${esc(title)}</strong>`
        + `<ul>${items}</ul></div>`;
    },
  };
}

/**
 * A refusal's problems (the first and `more`) as fieldMarksAll takes them, in the form's order:
 * `fields`, the form's inputs by name in page order; `idsOf`, the element ids a field's problem
 * marks (a group's boxes; by default its own name). One about no input of the form comes first.
 */
export function formProblems(error: FormError | null, fields: readonly string[], idsOf: (field: string) => readonly string[] | undefined = () => undefined):
  Array<{ message: string; ids: readonly string[] }> {
  if (error === null) return [];
  const rank = (field: string | null) => (field === null ? -1 : fields.indexOf(field));
  return [error, ...(error.more ?? [])]
    .map((e) => ({ field: e.field !== null && fields.includes(e.field) ? e.field : null, message: e.message }))
    .sort((x, y) => rank(x.field) - rank(y.field))
    .map((e) => ({ message: e.message, ids: e.field === null ? [] : idsOf(e.field) ?? [e.field] }));
}
