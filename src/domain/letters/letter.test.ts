import { describe, expect, it } from 'vitest';
import { localDate } from '../calendar.ts';
import { fen } from '../money.ts';
import { collectionLetter, collectionLetters } from './letter.ts';

describe('collectionLetter', () => {
  const facts = { debtorName: '王伟', address: '湖北省武汉市江岸区解放大道1号', creditorName: '华裕银行', accountNoMask: '6222********1234',
    balanceFen: fen(1_234_56), date: localDate(2026, 3, 2) };
  it('addresses the debtor, names the account by its last four digits and states the amount owed', () => {
    const zh = collectionLetter(facts, 'zh-CN');
    expect(zh.address).toEqual(['王伟', '湖北省武汉市江岸区解放大道1号']);
    expect(zh.paragraphs[0]).toBe('您在华裕银行尾号1234的账户已逾期。截至2026-03-02，欠款金额为¥1,234.56。');
    expect(JSON.stringify(zh)).not.toContain('6222');
  });
  it('says who writes and how to reach them, as the help centre gives them; nothing when it gives none', () => {
    const agency = { name: '安和信息服务有限公司', phone: '027-8888 6666', address: '武汉市江汉区建设大道1号', hours: '周一至周六 9:00-20:00' };
    expect(collectionLetter({ ...facts, agency }, 'zh-CN').closing.slice(0, 4))
      .toEqual(['安和信息服务有限公司', '联系电话：027-8888 6666（周一至周六 9:00-20:00）', '地址：武汉市江汉区建设大道1号', '受华裕银行委托']);
    expect(collectionLetter({ ...facts, agency: { ...agency, name: 'Anhe Information Services', hours: null } }, 'en').closing.slice(0, 3))
      .toEqual(['Anhe Information Services', 'Phone: 027-8888 6666', 'Address: 武汉市江汉区建设大道1号']);
    expect(collectionLetter(facts, 'zh-CN').closing[0]).toBe('受华裕银行委托');
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

describe('the collection letter under a US or UK contract', () => {
  const facts = { debtorName: 'Jane Doe', address: '12 Oak Ave, Peoria, IL 61602', creditorName: 'First Prairie Bank', accountNoMask: '4111********1234',
    balanceFen: fen(223_456), date: localDate(2026, 3, 2) };
  it('US: English whatever the screen asked, from a debt collector (1006.18(e)), in dollars, a payment plan rather than 停息挂账', () => {
    const letter = collectionLetter({ ...facts, pack: 'US' }, 'zh-CN');
    expect(letter.paragraphs[0]).toBe('This communication is from a debt collector.');
    expect(letter.paragraphs[1]).toBe('Your First Prairie Bank account ending 1234 is overdue. As of March 2, 2026 the amount owed is $2,234.56.');
    expect(letter.paragraphs.join(' ')).toMatch(/payment plan you can afford.*collection stops while we look into it/);
    expect(JSON.stringify(letter)).not.toMatch(/[\u4e00-\u9fff]|interest stopped|4111/);
  });
  it('US: a time-barred debt\'s letter says the creditor cannot sue, after the debt collector line; a recent one, or a UK one, does not', () => {
    const old = collectionLetter({ ...facts, pack: 'US', regionCode: 'US-IL', firstDelinquencyDate: localDate(2020, 12, 1) }, 'en');
    expect(old.paragraphs[1]).toMatch(/^The law limits how long you can be sued on a debt\. Because of the age of your debt, First Prairie Bank cannot sue you for it\./);
    const recent = collectionLetter({ ...facts, pack: 'US', regionCode: 'US-IL', firstDelinquencyDate: localDate(2025, 12, 1) }, 'en');
    expect(recent.paragraphs.join(' ')).not.toContain('sued');
    const uk = collectionLetter({ ...facts, pack: 'UK', regionCode: null, firstDelinquencyDate: localDate(2015, 1, 1) }, 'en');
    expect(uk.paragraphs.join(' ')).not.toContain('sued');
  });
  it("US, New York City's rules: a time-barred debt's letter sets New York's notice off beside the amount, in English and in Spanish", () => {
    const ny = { ...facts, pack: 'US', regionCode: 'US-NY', firstDelinquencyDate: localDate(2022, 6, 1) };
    const [en, es] = collectionLetters(ny, 'en', 'es');
    expect(en!.paragraphs[1]).toBe('Your First Prairie Bank account ending 1234 is overdue. As of March 2, 2026 the amount owed is $2,234.56.');
    expect(en!.paragraphs[2]).toMatch(/^New York State regulations require us to tell you the following; .* First Prairie Bank will not sue you for it\.$/);
    expect(en!.setOff).toBe(en!.paragraphs[2]);
    expect(en!.timeBarred).toBe(true);
    expect(en!.paragraphs.filter((p) => p.startsWith('The law limits'))).toEqual([]); // the general disclosure gives way to it
    expect(es!.paragraphs[2]).toMatch(/^Las normas del Estado de Nueva York nos obligan a informarle lo siguiente; .* First Prairie Bank no le demandará por ella\.$/);
    expect(es!.setOff).toBe(es!.paragraphs[2]);
    // Elsewhere, or not yet time-barred: nothing set off.
    expect(collectionLetter({ ...ny, regionCode: 'US-IL', firstDelinquencyDate: localDate(2020, 12, 1) }, 'en').setOff).toBeUndefined();
    expect(collectionLetter({ ...ny, firstDelinquencyDate: localDate(2025, 6, 1) }, 'en').setOff).toBeUndefined();
  });
  it('US: a debtor who reads Spanish gets the English letter and then the same in Spanish; no one else does, nor a UK or Chinese debtor', () => {
    const us = { ...facts, pack: 'US', regionCode: 'US-IL', firstDelinquencyDate: localDate(2020, 12, 1) };
    const [en, es] = collectionLetters(us, 'zh-CN', 'es');
    expect(en!.title).toBe('Payment reminder');
    expect(es!.title).toBe('Recordatorio de pago');
    expect(es!.paragraphs[0]).toBe('Esta comunicación proviene de un cobrador de deudas.');
    expect(es!.paragraphs[1]).toMatch(/^La ley limita el tiempo durante el cual se le puede demandar por una deuda\. .*First Prairie Bank no puede demandarle por ella\./);
    expect(es!.timeBarred).toBe(true);
    expect(es!.paragraphs[2]).toBe('Su cuenta de First Prairie Bank que termina en 1234 está vencida. Al 2 de marzo de 2026, la cantidad adeudada es $2,234.56.');
    expect(es!.paragraphs.join(' ')).toMatch(/plan de pagos.*dejaremos de cobrar mientras lo revisamos/);
    expect(es!.closing).toEqual(['En nombre de First Prairie Bank', '2 de marzo de 2026', 'Esta carta es solo para el destinatario.']);
    expect(JSON.stringify(es)).not.toContain('4111');
    expect(collectionLetters(us, 'en', 'en')).toHaveLength(1);
    expect(collectionLetters(us, 'en', null)).toHaveLength(1);
    expect(collectionLetters({ ...facts, pack: 'UK' }, 'en', 'es')).toHaveLength(1);
    expect(collectionLetters({ ...facts, pack: null }, 'zh-CN', 'es')).toHaveLength(1);
  });
  it('UK: pounds and a British date, no US disclosure', () => {
    const letter = collectionLetter({ ...facts, pack: 'UK', creditorName: 'Albion Bank' }, 'en');
    expect(letter.paragraphs[0]).toBe('Your Albion Bank account ending 1234 is overdue. As of 2 March 2026 the amount owed is £2,234.56.');
    expect(letter.closing[1]).toBe('2 March 2026');
  });
});
