import { describe, expect, it } from 'vitest';
import { jsonErrorAt } from './json-error.ts';

/** The message JSON.parse gives on this machine's engine, as the browser's gives it. */
function parserMessage(text: string): string {
  try { JSON.parse(text); } catch (error) { return (error as Error).message; }
  throw new Error('parsed');
}

describe('jsonErrorAt: where typed JSON goes wrong, by line and column', () => {
  it('finds a missing comma on its line', () => {
    const text = '{\n  "creditor": "BANK1",\n  "name": "x"\n  "pack": "CN"\n}';
    expect(jsonErrorAt(text, parserMessage(text))).toEqual({ line: 4, column: 3 });
  });
  it('points at the end of text cut short', () => {
    const text = '{\n  "a": [1, 2';
    expect(jsonErrorAt(text, parserMessage(text))).toEqual({ line: 2, column: 13 });
  });
  it('says nothing when the message names no place', () => {
    expect(jsonErrorAt('{}', 'not an object')).toBeNull();
    expect(jsonErrorAt('{}', 'Unexpected token in JSON at position 99')).toBeNull();
  });
});
