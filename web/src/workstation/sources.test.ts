import { describe, expect, it } from 'vitest';
import zh from '../i18n/zh-CN.json' with { type: 'json' };
import { sourceWords } from './sources.ts';

// The zh-CN words, as i18next fills them in.
const t = (key: string, options: Record<string, unknown> = {}) => {
  const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], zh) as string;
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options[name]));
};

describe("a contact point's source", () => {
  it('is said in words: the placement file and its import, the skip-trace vendor, the debtor or the bank', () => {
    expect(['placement', 'placement:12', 'skip_trace', 'skip_trace:号码修复A', 'debtor', 'creditor'].map((s) => sourceWords(s, t)))
      .toEqual(['委案文件', '委案文件（导入批次 #12）', '失联修复', '失联修复（号码修复A）', '债务人提供', '委托方提供']);
  });
  it('is shown as written when it is none of those', () => {
    expect(sourceWords('银行短信回执', t)).toBe('银行短信回执');
  });
});
