import { describe, expect, it } from 'vitest';
import { HARDSHIP_CREDITOR_NOTICE_KINDS, HARDSHIP_NOTICE_KINDS } from '../src/db/hardship-repository.ts';
import en from '../web/src/hardship/messages.en.json' with { type: 'json' };
import zhCN from '../web/src/hardship/messages.zh-CN.json' with { type: 'json' };

/** The hardship screens in zh-CN and en: the same keys in both, and a label for every notice they list (never a raw key on screen). */
function keys(value: unknown, at = ''): string[] {
  if (typeof value !== 'object' || value === null) return [at];
  return Object.entries(value).flatMap(([k, v]) => keys(v, at ? `${at}.${k}` : k));
}

describe('hardship messages', () => {
  it('have the same keys in both languages', () => {
    expect(keys(zhCN).sort()).toEqual(keys(en).sort());
  });

  it.each([...HARDSHIP_NOTICE_KINDS, ...HARDSHIP_CREDITOR_NOTICE_KINDS])('name the notice kind %s on the account page and in the inbox', (kind) => {
    for (const messages of [en, zhCN]) {
      const label = (messages.hardship.notices as Record<string, string>)[kind];
      expect(label?.trim(), kind).toBeTruthy();
    }
  });
});
