import { describe, expect, it } from 'vitest';
import { ruleName } from './rule-names.ts';

describe("a rule's name", () => {
  it('is said in the reader\'s words, with its pack; an unknown one as it is', () => {
    expect(ruleName('US.validation_notice', 'zh-CN')).toBe('US · 债务确认通知未寄出');
    expect(ruleName('US.email_safe_harbor', 'en')).toBe('US · e-mail safe harbor');
    expect(ruleName('CN.daily_calls', 'zh-CN')).toBe('CN · 每日致电次数');
    expect(ruleName('XX.something_new', 'en')).toBe('XX.something_new');
  });
});

describe('every rule the engine has', () => {
  it('has a name on the screens, in both languages', async () => {
    const { describePack } = await import('../../../src/domain/compliance/policy.ts');
    const ids = (['CN', 'US', 'UK'] as const).flatMap((pack) => describePack(pack).rules.map((r) => r.rule));
    expect(ids.length).toBeGreaterThan(30);
    expect(ids.filter((id) => ruleName(id, 'zh-CN') === id || ruleName(id, 'en') === id)).toEqual([]);
  });
});
