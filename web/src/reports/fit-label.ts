/**
 * A chart's row label cut to fit its column, with an ellipsis, so it never runs under the bar
 * beside it (the full label stays in the row's tooltip). Widths are estimated per character, on
 * the wide side, at the given font size: a Chinese character one em, capitals and digits 0.8 em,
 * an ellipsis one em, anything else 0.62 em, a space 0.3 em.
 */
export function fitLabel(text: string, maxWidth: number, fontSize: number): string {
  const width = (s: string) => [...s].reduce((sum, ch) => sum + fontSize * charEm(ch), 0);
  if (width(text) <= maxWidth) return text;
  const chars = [...text];
  while (chars.length > 0 && width(`${chars.join('').trimEnd()}…`) > maxWidth) chars.pop();
  return `${chars.join('').trimEnd()}…`;
}

function charEm(ch: string): number {
  if (/[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(ch)) return 1;
  if (ch === ' ') return 0.3;
  if (/[A-Z0-9]/.test(ch)) return 0.8;
  if (ch === '…') return 1;
  return 0.62;
}
