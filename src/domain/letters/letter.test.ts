import { describe, expect, it } from 'vitest';
import { localDate } from '../calendar.ts';
import { fen } from '../money.ts';
import { collectionLetter } from './letter.ts';

describe('collectionLetter', () => {
  const facts = { debtorName: '王伟', address: '湖北省武汉市江岸区解放大道1号', creditorName: '华裕银行', accountNoMask: '6222********1234',
    balanceFen: fen(1_234_56), date: localDate(2026, 3, 2) };
  it('addresses the debtor, names the account by its last four digits and states the amount owed', () => {
    const zh = collectionLetter(facts, 'zh-CN');
    expect(zh.address).toEqual(['王伟', '湖北省武汉市江岸区解放大道1号']);
    expect(zh.paragraphs[0]).toBe('您在华裕银行尾号1234的账户已逾期。截至2026-03-02，欠款金额为¥1,234.56。');
    expect(JSON.stringify(zh)).not.toContain('6222');
  });
  it('tells the debtor of a hardship plan and that a dispute stops collection, in both languages', () => {
    expect(collectionLetter(facts, 'zh-CN').paragraphs.join('')).toMatch(/停息挂账.*异议.*暂停催收/);
    const en = collectionLetter(facts, 'en');
    expect(en.paragraphs[0]).toContain('CNY 1,234.56');
    expect(en.paragraphs.join(' ')).toMatch(/instalment plan.*collection stops/);
  });
});
