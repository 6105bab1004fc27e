import { describe, expect, it } from 'vitest';
import { searchForms } from './account-search.ts';

describe('what an account search looks for', () => {
  it('a Chinese name in both scripts, as typed first', () => {
    expect(searchForms('陳大文').names).toEqual(['陳大文', '陈大文']);
    expect(searchForms('陈大文').names).toEqual(['陈大文', '陳大文']);
    expect(searchForms('李麗华').names).toEqual(['李麗华', '李丽华', '李麗華']);
    expect(searchForms('王芳').names).toEqual(['王芳']);   // the same in both
  });

  it('a name in letters as typed, in whatever case (the database compares it without case)', () => {
    expect(searchForms(' George Wilson ').names).toEqual(['George Wilson']);
  });

  it('an account number as typed, in capitals, and without the spaces or dashes that group it', () => {
    expect(searchForms('cc-2024-0001').accountNos).toEqual(['cc-2024-0001', 'CC-2024-0001', 'CC20240001']);
    expect(searchForms('6222 0212 3456 7890').accountNos).toEqual(['6222 0212 3456 7890', '6222021234567890']);
    expect(searchForms('6222021234567890').accountNos).toEqual(['6222021234567890']);
  });
});
