import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { ANSWERS, CHECKLIST, PASS_MARK, appealOpen, inSample, sampleSlot, scoreReview, type Answer } from './scorecard.ts';

const all = (answer: Answer): Record<string, Answer> => Object.fromEntries(CHECKLIST.map((i) => [i.code, answer]));
const scored = CHECKLIST.filter((i) => !i.redLine);
const redLines = CHECKLIST.filter((i) => i.redLine);
const answersArb = fc.tuple(...CHECKLIST.map(() => fc.constantFrom(...ANSWERS)))
  .map((list) => Object.fromEntries(CHECKLIST.map((i, k) => [i.code, list[k]!])) as Record<string, Answer>);

function refusal(f: () => unknown): AppError {
  try { f(); } catch (e) { if (e instanceof AppError) return e; throw e; }
  throw new Error('expected a refusal');
}

describe('the checklist', () => {
  it('has three red lines and scored items worth 100 in all', () => {
    expect(redLines.map((i) => i.code)).toEqual(['right_party_first', 'no_abuse', 'no_third_party_disclosure']);
    expect(scored.reduce((s, i) => s + i.weight, 0)).toBe(100);
  });
});

describe('scoreReview', () => {
  it('gives 100 and a pass when everything passed', () => {
    expect(scoreReview(all('pass'))).toEqual({ score: 100, result: 'pass' });
  });

  it('fails with 0 on any red line, however well the rest went', () => {
    for (const line of redLines) expect(scoreReview({ ...all('pass'), [line.code]: 'fail' })).toEqual({ score: 0, result: 'red_line' });
  });

  it('leaves N/A items out of the weight: one failed 15-point item of 85 applicable is 82, a pass', () => {
    // listened_and_offered_options (20) N/A, courteous (15) failed: 65 / 80 = 81.25 -> 81.
    expect(scoreReview({ ...all('pass'), listened_and_offered_options: 'na', courteous: 'fail' })).toEqual({ score: 81, result: 'pass' });
    // accurate_information (20) failed: 80 / 100 = 80, exactly the pass mark.
    expect(scoreReview({ ...all('pass'), accurate_information: 'fail' })).toEqual({ score: 80, result: 'pass' });
    // and 15 more failed: 65.
    expect(scoreReview({ ...all('pass'), accurate_information: 'fail', courteous: 'fail' })).toEqual({ score: 65, result: 'fail' });
  });

  it('rounds to the nearest point, a half up: 10 of 45 is 22.2 -> 22; 50 of 80 is 62.5 -> 63; 60 of 85 is 70.6 -> 71', () => {
    const only = (pass: string[], fail: string[]) => Object.fromEntries(CHECKLIST.map((i) =>
      [i.code, pass.includes(i.code) ? 'pass' : fail.includes(i.code) ? 'fail' : i.redLine ? 'pass' : 'na']));
    expect(scoreReview(only(['identified'], ['accurate_information', 'courteous'])).score).toBe(22);
    expect(scoreReview(only(['identified', 'accurate_information', 'respected_requests'], ['courteous', 'accurate_record'])).score).toBe(63);
    expect(scoreReview(only(['accurate_information', 'listened_and_offered_options', 'respected_requests'], ['identified', 'courteous'])).score).toBe(71);
  });

  it('refuses a missing, unknown or misspelt answer, naming it', () => {
    const { courteous: _dropped, ...missing } = all('pass');
    const e = refusal(() => scoreReview(missing));
    expect(e.field).toBe('answers');
    expect(e.message).toContain('courteous');
    expect(e.messageZh).toContain('全程礼貌');
    expect(refusal(() => scoreReview({ ...all('pass'), tone: 'pass' })).message).toContain('tone');
    expect(refusal(() => scoreReview({ ...all('pass'), courteous: 'yes' })).message).toContain('courteous');
  });

  it('refuses a review where every scored item is N/A: there is nothing to score', () => {
    const answers = { ...all('na'), right_party_first: 'pass' };
    expect(refusal(() => scoreReview(answers)).messageZh).toContain('无法评分');
  });

  it('property: the score is a whole number 0-100, and the result follows from it and the red lines', () => {
    fc.assert(fc.property(answersArb, (answers) => {
      let r;
      try { r = scoreReview(answers); } catch (e) {
        expect(scored.every((i) => answers[i.code] === 'na')).toBe(true);
        expect(redLines.some((i) => answers[i.code] === 'fail')).toBe(false);
        return;
      }
      expect(Number.isInteger(r.score) && r.score >= 0 && r.score <= 100).toBe(true);
      const red = redLines.some((i) => answers[i.code] === 'fail');
      expect(r.result).toBe(red ? 'red_line' : r.score >= PASS_MARK ? 'pass' : 'fail');
      if (red) expect(r.score).toBe(0);
    }));
  });

  it('property: turning a failed item into a pass never lowers the score, and turning a pass into a fail never raises it', () => {
    fc.assert(fc.property(answersArb, fc.constantFrom(...CHECKLIST.map((i) => i.code)), (answers, code) => {
      if (answers[code] !== 'fail') return;
      // Both must be scorable: a failed red line scores 0 even when every scored item is N/A,
      // and once it passes there is nothing to score (refused), which is no comparison.
      let before;
      let after;
      try { before = scoreReview(answers); after = scoreReview({ ...answers, [code]: 'pass' }); } catch { return; }
      expect(after.score).toBeGreaterThanOrEqual(before.score);
    }));
  });

  it('property: the score is the exact share of applicable weight, to the nearest point', () => {
    fc.assert(fc.property(answersArb, (answers) => {
      if (redLines.some((i) => answers[i.code] === 'fail')) return;
      const applicable = scored.filter((i) => answers[i.code] !== 'na');
      if (applicable.length === 0) return;
      const share = (100 * applicable.filter((i) => answers[i.code] === 'pass').reduce((s, i) => s + i.weight, 0))
        / applicable.reduce((s, i) => s + i.weight, 0);
      expect(Math.abs(scoreReview(answers).score - share)).toBeLessThanOrEqual(0.5);
    }));
  });
});

describe('the review sample', () => {
  it('picks about the sample share of consecutive ids, the same ones every time', () => {
    const picked = Array.from({ length: 10_000 }, (_, k) => k + 1).filter((id) => inSample(id));
    expect(picked.length).toBeGreaterThan(400);
    expect(picked.length).toBeLessThan(600);
    expect(Array.from({ length: 10_000 }, (_, k) => k + 1).filter((id) => inSample(id))).toEqual(picked);
  });

  it('puts every id in a slot 0-99; 100% picks all, 0% none', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (id) => {
      const slot = sampleSlot(id);
      expect(slot >= 0 && slot < 100).toBe(true);
      expect(inSample(id, 100)).toBe(true);
      expect(inSample(id, 0)).toBe(false);
    }));
  });
});

describe('appeals', () => {
  it('are open for 7 days after the review, to the millisecond', () => {
    const at = new Date('2026-03-02T10:00:00Z');
    expect(appealOpen(at, new Date('2026-03-09T10:00:00Z'))).toBe(true);
    expect(appealOpen(at, new Date('2026-03-09T10:00:00.001Z'))).toBe(false);
  });
});
