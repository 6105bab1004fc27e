import { describe, expect, it } from 'vitest';
import { actionSplit, actionSplitParts, describeCondition, parseRulesText, priorityLines } from './rules-text.ts';

describe('strategy rules in words: the placement\'s end (委案到期)', () => {
  it('reads the condition in both languages, today as today', () => {
    expect(describeCondition({ placement_ends_within_days: 7, contactable: true }, 'zh-CN')).toBe('有可用手机，委案 7 天内到期');
    expect(describeCondition({ placement_ends_within_days: 0 }, 'en')).toBe('the placement ends today');
    expect(describeCondition({ placement_ends_within_days: 1 }, 'en')).toBe('the placement ends within 1 day');
  });
  it('says the points only when the rules give some', () => {
    const priority = { bucket_points: {}, balance_fen_per_point: 100_000, max_balance_points: 5, contactable_points: 0 };
    expect(priorityLines({ priority }, 'en').join(' | ')).not.toContain('placement');
    expect(priorityLines({ priority: { ...priority, placement_ending_points: 80 } }, 'en').at(-1)).toBe('the placement ending within 14 days +80 points');
    expect(priorityLines({ priority: { ...priority, placement_ending_points: 80, placement_ending_days: 5 } }, 'zh-CN').at(-1)).toBe('委案 5 天内到期 +80 分');
  });
});

describe('strategy rules in words: an instalment due (分期到期)', () => {
  it('reads the condition in both languages, today as today', () => {
    expect(describeCondition({ in_plan: true, instalment_due_within_days: 1 }, 'zh-CN')).toBe('分期还款中，下一期分期 1 天内到期');
    expect(describeCondition({ instalment_due_within_days: 0 }, 'en')).toBe('an instalment due today');
    expect(describeCondition({ instalment_due_within_days: 3 }, 'en')).toBe('the next instalment due within 3 days');
  });
});

describe('the rules as typed', () => {
  it('are a JSON object; a list, a value or broken JSON is said so before the server is asked', () => {
    expect(parseRulesText('{"segments": []}')).toEqual({ ok: true, value: { segments: [] } });
    for (const text of ['[]', '3', 'null', '"x"']) expect(parseRulesText(text), text).toMatchObject({ ok: false, notObject: true });
    expect(parseRulesText('{"segments": ')).toMatchObject({ ok: false });
    expect(parseRulesText('{"segments": ')).not.toHaveProperty('notObject');
  });
});

describe('the accounts split by next action', () => {
  it('are parts the screen may wrap between, and the same parts joined with " · "', () => {
    const order = ['call', 'sms', 'letter', 'wait', 'skip_trace', 'hold'];
    expect(actionSplitParts({ letter: 5, call: 1200, wait: 0 }, order, 'en')).toEqual(['Call 1,200', 'Letter 5']);
    expect(actionSplit({ letter: 5, call: 1200, wait: 0 }, order, 'en')).toBe('Call 1,200 · Letter 5');
    expect(actionSplitParts({ wait: 0 }, order, 'zh-CN')).toEqual([]);
  });
});
