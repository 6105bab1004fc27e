import { describe, expect, it } from 'vitest';
import { inReaderLanguage, personalText, regionName } from './bilingual.ts';

describe('inReaderLanguage: a reason the system wrote in both languages', () => {
  it("gives the reader's half", () => {
    const text = '停息挂账申请 28 待委托方决定（2026-03-16 前） / Hardship application 28 awaiting the creditor\'s decision (due 2026-03-16)';
    expect(inReaderLanguage(text, 'zh-CN')).toBe('停息挂账申请 28 待委托方决定（2026-03-16 前）');
    expect(inReaderLanguage(text, 'en')).toBe("Hardship application 28 awaiting the creditor's decision (due 2026-03-16)");
  });
  it('gives text in one language, or a person\'s with a slash in it, as it is', () => {
    for (const text of ['债务人书面异议', 'Debtor disputes the fees', '称已还清 / 需核实', 'paid 50/50 with spouse']) {
      expect(inReaderLanguage(text, 'zh-CN')).toBe(text);
      expect(inReaderLanguage(text, 'en')).toBe(text);
    }
  });
});

describe('personalText: erased personal data in the reader\'s words', () => {
  it('shows the erased marker as the word given, and any other text (a name containing it too) as it is', () => {
    expect(personalText('已删除', 'Erased')).toBe('Erased');
    for (const text of ['张伟', '138****1234', '已删除的号码', 'John Smith']) expect(personalText(text, 'Erased')).toBe(text);
  });
});

describe("regionName: a region in the reader's language", () => {
  it('gives the Chinese name in Chinese and the English one in English, or the Chinese where there is no English', () => {
    const nanshan = { region_name: '南山区', region_name_en: 'Nanshan District' };
    expect(regionName(nanshan, 'zh-CN')).toBe('南山区');
    expect(regionName(nanshan, 'en')).toBe('Nanshan District');
    expect(regionName({ region_name: '南山区', region_name_en: null }, 'en')).toBe('南山区');
    expect(regionName({ region_name: null, region_name_en: null }, 'en')).toBeNull();
  });
});
