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
  it('says where to pay: the creditor\'s own channels when the agency wrote them, else its official ones; never a personal account', () => {
    const general = collectionLetter(facts, 'zh-CN').paragraphs[2]!;
    expect(general).toBe('还款方式：请通过华裕银行的官方渠道（官方App、营业网点或官方客服电话）还款。我们不代收任何款项，也绝不会要求您转账到个人账户。');
    const own = collectionLetter({ ...facts, repayment: '华裕银行手机银行“信用卡还款”，或全国任一营业网点' }, 'zh-CN').paragraphs[2]!;
    expect(own).toBe('还款方式：华裕银行手机银行“信用卡还款”，或全国任一营业网点。我们不代收任何款项，也绝不会要求您转账到个人账户。');
    expect(collectionLetter(facts, 'en').paragraphs[2]).toMatch(/^How to pay: through 华裕银行's official channels .* never ask you to pay into a personal account\.$/);
  });
});
