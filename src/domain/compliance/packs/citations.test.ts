import { describe, expect, it } from 'vitest';
import { decide } from '../test-support/situations.ts';
import { PACKS } from '../policy.ts';
import { PACK_IDS } from '../types.ts';

/** Every rule's source, as the compliance review screen shows it: in English and in Chinese. */
const rules = PACK_IDS.flatMap((pack) => PACKS[pack].rules.map((rule) => ({ item: `${pack}.${rule.id}`, rule })));
const HAN = /[\u4e00-\u9fff]/;

describe('citations', () => {
  it('every rule of every pack has a Chinese citation, in Chinese', () => {
    expect(rules.length).toBeGreaterThan(30);
    for (const { item, rule } of rules) {
      expect(rule.citationZh.trim(), item).not.toBe('');
      expect(rule.citationZh, item).toMatch(HAN);
    }
  });

  it('a U rule says what is open in Chinese too', () => {
    const open = rules.filter(({ rule }) => rule.unverified !== undefined);
    expect(open.length).toBe(10);
    for (const { item, rule } of open) {
      expect(rule.citation, item).toContain('(U: not yet verified against the official text; ');
      expect(rule.citationZh, item).toMatch(/（U：尚未对照官方文本核实；[^；]*\p{Script=Han}.*；待本机构合规负责人确认）$/u);
    }
    for (const { item, rule } of rules.filter(({ rule }) => rule.unverified === undefined)) {
      expect(rule.citationZh, item).not.toContain('U：');
    }
    expect(PACKS.CN.rules.find((r) => r.id === 'instalment_max')!.citationZh)
      .toBe('《商业银行信用卡业务监督管理办法》第七十条（U：尚未对照官方文本核实；5 年（60 个月）的期限；待本机构合规负责人确认）');
  });

  it('keep statute names and numbers: Chinese statutes by their Chinese names, US and UK law in English', () => {
    const zh = (pack: 'CN' | 'US' | 'UK', id: string) => PACKS[pack].rules.find((r) => r.id === id)!.citationZh;
    expect(zh('CN', 'recording')).toMatch(/^《商业银行信用卡业务监督管理办法》第六十八条、第六十九条/);
    expect(zh('CN', 'hours')).toMatch(/^《互联网金融逾期债务催收自律公约（试行）》/);
    expect(zh('US', 'seven_in_seven')).toBe('12 CFR 1006.14(b)(2)(i)(A)、(b)(3)（FDCPA 条例 F）');
    expect(zh('US', 'attorney')).toContain('15 USC 1692b(6)');
    expect(zh('UK', 'breathing_space')).toContain('SI 2020/1311');
    expect(zh('UK', 'statute_barred')).toContain('Limitation Act 1980');
  });

  it('name no internal file (COMPLIANCE.md, DOMAIN.md) in either language', () => {
    for (const { item, rule } of rules) {
      expect(rule.citation, item).not.toMatch(/\.md\b/);
      expect(rule.citationZh, item).not.toMatch(/\.md\b/);
    }
  });

  it('stay off the decision: a reason cites in English only, as the evaluate contract has it', () => {
    const reason = decide({ pack: 'CN', at: '2026-03-02T21:30:00+08:00' }).reasons[0]!;
    expect(Object.keys(reason)).toEqual(['rule', 'message', 'message_zh', 'citation']);
    expect(reason.citation).toBe(PACKS.CN.rules[0]!.citation);
  });
});
