import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { writeUtf8 } from './utf8.ts';

describe('writeUtf8', () => {
  it('writes the same bytes as Buffer#write, ASCII or not, short or long, lone surrogate halves included', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme', maxLength: 40 })), fc.nat(16), (text, at) => {
      const ours = Buffer.alloc(at + text.length * 3 + 1, 0xee);
      const theirs = Buffer.alloc(at + text.length * 3 + 1, 0xee);
      const written = writeUtf8(ours, text, at);
      expect(written).toBe(theirs.write(text, at, 'utf8'));
      expect(ours).toEqual(theirs);
    }), { numRuns: 1000 });
  });
});
