/**
 * Where JSON typed into an editor stops being JSON, as a person finds it: the line and column
 * (1-based) of the position the parser names ("... in JSON at position 45"), or the end of the
 * text when it ran out ("Unexpected end of JSON input"); null when the message names neither.
 */
export function jsonErrorAt(text: string, message: string): { line: number; column: number } | null {
  const position = /at position (\d+)/.exec(message)?.[1];
  const at = position !== undefined ? Number(position) : /end of (JSON )?(input|data)/i.test(message) ? text.length : null;
  if (at === null || at > text.length) return null;
  const before = text.slice(0, at).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}
