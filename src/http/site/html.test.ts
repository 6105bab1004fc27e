import { describe, expect, it } from 'vitest';
import { browserLocale, day } from './html.ts';

describe('a day on the portal', () => {
  it('is written as the account\'s letters write it: US and UK English, Spanish, and as it is in Chinese', () => {
    expect(day('2026-04-08', 'en', 'US')).toBe('April 8, 2026');
    expect(day('2026-04-08', 'en', 'UK')).toBe('8 April 2026');
    expect(day('2026-04-08', 'es', 'US')).toBe('8 de abril de 2026');
    expect(day('2026-04-08', 'zh-CN', 'US')).toBe('2026-04-08');
    expect(day('2026-04-08', 'en', 'CN')).toBe('2026-04-08');
    expect(day('2026-04-08', 'en')).toBe('2026-04-08');
  });

  it('leaves text that is not a day as it is', () => {
    expect(day('', 'en', 'US')).toBe('');
    expect(day('2026-4-8', 'en', 'US')).toBe('2026-4-8');
  });
});

describe("the portal's language from the browser (Accept-Language)", () => {
  it('is the first of its languages the browser asks for, by weight, not only the first one named', () => {
    expect(browserLocale('pl-PL,pl;q=0.9,en-GB;q=0.8,en;q=0.7')).toBe('en');
    expect(browserLocale('fr-FR, es;q=0.5, en;q=0.4')).toBe('es');
    expect(browserLocale('en;q=0.3, zh-TW;q=0.8')).toBe('zh-CN');
    expect(browserLocale('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    // A language turned down (q=0) is not chosen; none of ours, or no header: Chinese.
    expect(browserLocale('en;q=0, es;q=0.2')).toBe('es');
    expect(browserLocale('pl, de;q=0.5')).toBe('zh-CN');
    expect(browserLocale(undefined)).toBe('zh-CN');
  });
});
