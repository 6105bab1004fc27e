import { describe, expect, it } from 'vitest';
import en from '../web/src/cases/messages.en.json' with { type: 'json' };
import zhCN from '../web/src/cases/messages.zh-CN.json' with { type: 'json' };

/** Every cases screen exists in zh-CN and en: the two message files have the same keys, none empty. */
function keys(value: unknown, at = ''): string[] {
  if (typeof value !== 'object' || value === null) return [at];
  return Object.entries(value).flatMap(([k, v]) => keys(v, at ? `${at}.${k}` : k));
}
function leaves(value: unknown): unknown[] {
  return typeof value === 'object' && value !== null ? Object.values(value).flatMap(leaves) : [value];
}

describe('cases messages', () => {
  it('have the same keys in both languages', () => {
    expect(keys(zhCN).sort()).toEqual(keys(en).sort());
  });
  it('have no empty text and keep the same placeholders', () => {
    for (const text of [...leaves(en), ...leaves(zhCN)]) expect(String(text).trim()).not.toBe('');
    const placeholders = (v: unknown, k: string) => (String(k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], v)).match(/{{\w+}}/g) ?? []).sort();
    for (const k of keys(en)) expect(placeholders(zhCN, k), k).toEqual(placeholders(en, k));
  });
});
