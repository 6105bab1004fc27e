import { describe, expect, it } from 'vitest';
import { day } from './html.ts';

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
