import { describe, expect, it } from 'vitest';
import { blockedBy, decide } from '../test-support/situations.ts';

/** Each pack with its default zone's summer and winter offsets. */
const PACKS = [
  { pack: 'CN' as const, offset: '+08:00', winter: '+08:00' },
  { pack: 'US' as const, offset: '-04:00', winter: '-05:00' },
  { pack: 'UK' as const, offset: '+01:00', winter: '+00:00' },
];
const HOLDS = ['dispute', 'cease', 'deceased', 'bankrupt', 'attorney', 'capacity', 'complaint_review', 'hardship_review'];
/** The US reports three holds under their own Reg F rules. */
const holdRule = (pack: string, flag: string) => (pack === 'US' && ['dispute', 'cease', 'attorney'].includes(flag) ? `US.${flag}` : `${pack}.holds`);

describe.each(PACKS)('$pack.holds', ({ pack, offset }) => {
  const at = `2026-06-10T10:00:00${offset}`;

  it.each(HOLDS)('%s blocks collection contact with no end in sight', (flag) => {
    const d = decide({ pack, at, debtor: { flags: [flag] } });
    expect(d.reasons.map((r) => r.rule)).toEqual([holdRule(pack, flag)]);
    expect(d.next_allowed_at).toBeNull();
  });

  it('lets notices through (except where a stricter rule says so)', () => {
    expect(blockedBy({ pack, at, purpose: 'notice', channel: 'letter', debtor: { flags: ['complaint_review'] } })).toEqual([]);
  });

  it('a dated hold is in force through its last local day and lifts itself after', () => {
    const debtor = { flags: ['hardship_review'], flag_until: { hardship_review: '2026-06-12' } };
    expect(blockedBy({ pack, at: `2026-06-12T20:59:59${offset}`, debtor })).toEqual([`${pack}.holds`]);
    expect(blockedBy({ pack, at: `2026-06-13T08:00:00${offset}`, debtor })).toEqual([]);
    expect(decide({ pack, at, debtor }).next_allowed_at).toBe(`2026-06-13T08:00:00${offset}`);
  });

  it('a hold starting later does not block today', () => {
    const debtor = { flags: ['complaint_review'], flag_since: { complaint_review: '2026-06-11' } };
    expect(blockedBy({ pack, at: `2026-06-10T20:59:59${offset}`, debtor })).toEqual([]);
    expect(blockedBy({ pack, at: `2026-06-11T08:00:00${offset}`, debtor })).toEqual([`${pack}.holds`]);
  });

  it('explains which holds are in force', () => {
    const d = decide({ pack, at, debtor: { flags: ['complaint_review', 'capacity'] } });
    expect(d.reasons[0]?.message).toBe('Collection is on hold (capacity in doubt and complaint under review); no collection contact, only notices. This lasts until it is lifted.');
    expect(d.reasons[0]?.message_zh).toBe('停催中（民事行为能力存疑、投诉处理中），不得催收联系，只可发送通知。解除前持续有效。');
  });
});

describe.each(PACKS)('$pack.mandate', ({ pack, offset }) => {
  const at = `2026-06-10T10:00:00${offset}`;

  it('stops collection and location contact on an account no longer held, for good; a notice may go', () => {
    for (const status of ['recalled', 'paid', 'settled', 'closed']) {
      for (const [channel, purpose] of [['call', 'collect'], ['sms', 'collect'], ['letter', 'collect'], ['visit', 'collect']] as const) {
        expect(blockedBy({ pack, at, channel, purpose, account: { status } }), `${status} ${channel}`).toEqual([`${pack}.mandate`]);
      }
      expect(blockedBy({ pack, at, channel: 'letter', purpose: 'notice', account: { status } })).toEqual([]);
      expect(decide({ pack, at, account: { status } }).next_allowed_at).toBeNull();
    }
  });

  it('judges nothing for an account being worked, or when the status is not stated', () => {
    for (const status of ['active', 'promised', 'lost_contact', 'placed', null]) {
      expect(blockedBy({ pack, at, account: { status } })).toEqual([]);
    }
    expect(blockedBy({ pack, at })).toEqual([]);
  });
});

describe.each(PACKS)('$pack.in_plan', ({ pack, offset }) => {
  const at = `2026-06-10T10:00:00${offset}`;

  it('on an approved instalment plan: no collection call or visit while it runs; reminders by text, e-mail or letter, notices and location contacts go', () => {
    const account = { status: 'in_plan' };
    for (const channel of ['call', 'visit'] as const) {
      expect(blockedBy({ pack, at, channel, purpose: 'collect', account }), channel).toEqual([`${pack}.in_plan`]);
      expect(blockedBy({ pack, at, channel, purpose: 'location', account }), channel).toEqual([]);
    }
    for (const channel of ['sms', 'email', 'letter'] as const) expect(blockedBy({ pack, at, channel, purpose: 'collect', account }), channel).toEqual([]);
    expect(blockedBy({ pack, at, channel: 'call', purpose: 'notice', account })).toEqual([]);
    const d = decide({ pack, at, channel: 'call', purpose: 'collect', account });
    expect(d.next_allowed_at).toBeNull();
    expect(d.reasons[0]?.message_zh).toBe('债务人正在履行委托方批准的分期还款计划（分期中）：计划期间不得电话或上门催收，可通过短信、邮件或信函提醒分期还款。');
    expect(blockedBy({ pack, at, channel: 'call', purpose: 'collect', account: { status: 'active' } })).toEqual([]);
  });

  it('says why in both languages', () => {
    const d = decide({ pack, at, account: { status: 'recalled' } });
    expect(d.reasons[0]?.message).toBe("The creditor recalled this account: it is no longer the agency's to collect; only notices may be sent.");
    expect(d.reasons[0]?.message_zh).toBe('该账户已被委托方退案，本机构已无权催收；只可发送通知。');
    expect(decide({ pack, at, account: { status: 'paid' } }).reasons[0]?.message).toBe('This account is paid in full: there is nothing to collect; only notices may be sent.');
  });
});

describe.each(PACKS)('$pack.suspension', ({ pack, offset, winter }) => {
  const at = `2020-03-01T10:00:00${offset}`;
  const hubei = { scope: 'region', code: '420000', from: '2020-01-23', to: '2020-04-08' };

  it('covers every code under a region prefix, and nothing else', () => {
    expect(blockedBy({ pack, at, suspensions: [hubei] })).toEqual([`${pack}.suspension`]);
    expect(blockedBy({ pack, at, suspensions: [hubei], debtor: { region_code: '430102' } })).toEqual([]);
    expect(blockedBy({ pack, at, suspensions: [{ ...hubei, code: '420100' }] })).toEqual([`${pack}.suspension`]);
    expect(blockedBy({ pack, at, suspensions: [{ ...hubei, code: '420200' }] })).toEqual([]);
  });

  it('assumes a debtor of unknown or coarser region is covered', () => {
    expect(blockedBy({ pack, at, suspensions: [hubei], debtor: { region_code: null } })).toEqual([`${pack}.suspension`]);
    expect(blockedBy({ pack, at, suspensions: [{ ...hubei, code: '420102' }], debtor: { region_code: '420100' } })).toEqual([`${pack}.suspension`]);
  });

  it('uses inclusive local dates at both ends and resumes by itself', () => {
    const letter = { pack, channel: 'letter', suspensions: [hubei] };
    expect(blockedBy({ ...letter, at: `2020-01-22T23:59:59${winter}` })).toEqual([]);
    expect(blockedBy({ ...letter, at: `2020-01-23T00:00:00${winter}` })).toEqual([`${pack}.suspension`]);
    expect(blockedBy({ ...letter, at: `2020-04-08T23:59:59${offset}` })).toEqual([`${pack}.suspension`]);
    expect(blockedBy({ ...letter, at: `2020-04-09T00:00:00${offset}` })).toEqual([]);
    expect(decide({ pack, at, suspensions: [hubei] }).next_allowed_at).toBe(`2020-04-09T08:00:00${offset}`);
  });

  it('by creditor or account, open-ended or dated', () => {
    expect(blockedBy({ pack, at, suspensions: [{ scope: 'creditor', code: 'BANK1', from: '2020-03-01', to: null }] })).toEqual([`${pack}.suspension`]);
    expect(blockedBy({ pack, at, suspensions: [{ scope: 'creditor', code: 'BANK2', from: '2020-03-01', to: null }] })).toEqual([]);
    expect(blockedBy({ pack, at, suspensions: [{ scope: 'account', code: 'A1', from: '2020-02-01', to: '2020-03-01' }] })).toEqual([`${pack}.suspension`]);
    expect(blockedBy({ pack, at, suspensions: [{ scope: 'account', code: 'A1', from: '2020-02-01', to: '2020-02-29' }] })).toEqual([]);
    expect(decide({ pack, at, suspensions: [{ scope: 'creditor', code: 'BANK1', from: '2020-03-01' }] }).next_allowed_at).toBeNull();
  });

  it('explains the suspension and when it ends', () => {
    const d = decide({ pack, at, suspensions: [hubei] });
    expect(d.reasons[0]?.message).toBe('Collection is suspended for region 420000 from 2020-01-23 to 2020-04-08; allowed again from 2020-04-09.');
    expect(d.reasons[0]?.message_zh).toBe('以下范围暂停催收：地区420000（2020-01-23至2020-04-08）；2020-04-09起可再次联系。');
  });
});

describe('suspension dates are the debtor local dates', () => {
  it('a New York evening is already the next UTC day', () => {
    const suspensions = [{ scope: 'creditor', code: 'BANK1', from: '2026-06-01', to: '2026-06-10' }];
    expect(blockedBy({ pack: 'US', at: '2026-06-11T02:00:00Z', channel: 'letter', suspensions })).toEqual(['US.suspension']);
    expect(blockedBy({ pack: 'US', at: '2026-06-11T04:00:00Z', channel: 'letter', suspensions })).toEqual([]);
  });
});

describe.each(PACKS)('$pack.consent', ({ pack, offset }) => {
  const at = `2026-06-10T10:00:00${offset}`;
  const optOutRule = pack === 'US' ? 'US.medium_opt_out' : `${pack}.consent`;

  it('needs a contact point of the person addressed that is not opted out', () => {
    expect(blockedBy({ pack, at, contact_point: { owner: 'debtor' } })).toEqual([]);
    expect(blockedBy({ pack, at, contact_point: { owner: 'third_party', third_party_id: 'T1' } })).toEqual([`${pack}.consent`]);
    expect(blockedBy({ pack, at, contact_point: { owner: 'debtor', opted_out: true } })).toEqual([`${pack}.consent`]);
    const tp = { party: 'third_party', third_party_id: 'T1', purpose: 'location' };
    expect(blockedBy({ pack, at, ...tp, contact_point: { owner: 'third_party', third_party_id: 'T1' } })).toEqual([]);
    expect(blockedBy({ pack, at, ...tp, contact_point: { owner: 'third_party', third_party_id: 'T2' } })).toEqual([`${pack}.consent`]);
    expect(decide({ pack, at, contact_point: { owner: 'debtor', opted_out: true } }).next_allowed_at).toBeNull();
  });

  it('refuses a channel the debtor opted out of', () => {
    expect(blockedBy({ pack, at, channel: 'sms', debtor: { opt_outs: ['sms'] } })).toEqual([optOutRule]);
    expect(blockedBy({ pack, at, channel: 'email', debtor: { opt_outs: ['sms'] } })).toEqual([]);
    expect(decide({ pack, at, channel: 'sms', debtor: { opt_outs: ['sms'] } }).reasons[0]?.message).toBe('The debtor asked not to be contacted by SMS.');
  });
});
