import { describe, expect, it } from 'vitest';
import { fitLabel } from './fit-label.ts';

describe('a chart row label fitted to its column', () => {
  it('is left whole when it fits, and cut with an ellipsis when it does not', () => {
    expect(fitLabel('CHANGCHUAN 长川银行', 164, 12)).toBe('CHANGCHUAN 长川银行');
    const cut = fitLabel('CHANGCHUAN Changchuan Bank', 164, 12);
    expect(cut.endsWith('…')).toBe(true);
    expect('CHANGCHUAN Changchuan Bank'.startsWith(cut.slice(0, -1))).toBe(true);
    expect(cut.length).toBeLessThan('CHANGCHUAN Changchuan Bank'.length);
    // No space left before the ellipsis, and a column too narrow for anything gives the ellipsis alone.
    expect(fitLabel('AB CDEFGHIJ', 30, 12)).not.toMatch(/ …$/);
    expect(fitLabel('长川银行', 5, 12)).toBe('…');
  });
});
