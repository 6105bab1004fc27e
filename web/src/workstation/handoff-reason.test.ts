import { describe, expect, it } from 'vitest';
import en from '../i18n/en.json' with { type: 'json' };
import zh from '../i18n/zh-CN.json' with { type: 'json' };
import { handoffReasonWords } from './handoff-reason.ts';

// The words of one language, as i18next fills them in.
const translator = (messages: unknown) => (key: string, options: Record<string, unknown> = {}) => {
  const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
  return typeof text === 'string' ? text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(options[name])) : String(options.defaultValue ?? key);
};

describe("a hand-off's reason", () => {
  it("is said in the reader's language, whatever the language of the collector who handed it off", () => {
    expect(handoffReasonWords({ reason_code: 'abusive', reason: null }, translator(zh))).toBe('辱骂通话');
    expect(handoffReasonWords({ reason_code: 'abusive', reason: null }, translator(en))).toBe('Abusive call');
  });
  it("gives the collector's own words as they wrote them", () => {
    expect(handoffReasonWords({ reason_code: 'abusive', reason: '辱骂催收员' }, translator(en))).toBe('Abusive call: “辱骂催收员”');
    expect(handoffReasonWords({ reason_code: 'abusive', reason: '辱骂催收员' }, translator(zh))).toBe('辱骂通话：“辱骂催收员”');
  });
});
