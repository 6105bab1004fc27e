import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import en from './en.json' with { type: 'json' };
import zhCN from './zh-CN.json' with { type: 'json' };
import { FEATURE_MESSAGES, mergeMessages } from './features.ts';

const english = FEATURE_MESSAGES.reduce((all, f) => mergeMessages(all, f.en), en as Record<string, unknown>);
const chinese = FEATURE_MESSAGES.reduce((all, f) => mergeMessages(all, f['zh-CN']), zhCN as Record<string, unknown>);

function leaves(messages: Record<string, unknown>, at = ''): [string, string][] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'string' ? [[`${at}${key}`, value] as [string, string]] : leaves(value as Record<string, unknown>, `${at}${key}.`));
}

/** Messages whose count is never 1: an uneven plan has a different last instalment, so at least two. */
const NEVER_ONE = new Set(['hardship.quoteLineUneven', 'hardship.plan.lineUneven']);

describe('English counts agree with their nouns', () => {
  it('gives every plural message a singular form', () => {
    const keys = new Set(leaves(english).map(([key]) => key));
    const missing = [...keys].filter((key) => key.endsWith('_other') && !keys.has(key.replace(/_other$/, '_one')));
    expect(missing).toEqual([]);
  });

  it('puts no count before a plural noun in a message without plural forms', () => {
    const slips = leaves(english).filter(([key, text]) =>
      !/_(one|other)$/.test(key) && !NEVER_ONE.has(key) && /\{\{count\}\} (?:new |more )?[a-z]+s\b/.test(text));
    expect(slips).toEqual([]);
  });

  it('says "1 new account" and "2 new accounts" after an import, and the same sentence in Chinese', async () => {
    const t = i18next.createInstance();
    await t.init({ resources: { en: { translation: english }, 'zh-CN': { translation: chinese } }, lng: 'en', interpolation: { escapeValue: false } });
    expect(t.t('imports.summary.toDeal', { count: 1 })).toMatch(/^1 new account belongs to no collector yet: deal it /);
    expect(t.t('imports.summary.toDeal', { count: 2 })).toMatch(/^2 new accounts belong to no collector yet: deal them /);
    expect(t.t('imports.summary.toDeal', { count: 1, lng: 'zh-CN' })).toMatch(/^1 个新账户尚未分给催收员/);
  });
});
