import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { parseSituation } from './situation.ts';
import { situation } from './test-support/situations.ts';
import type { Json } from './test-support/situations.ts';

const good = (): Json => situation({ at: '2026-03-02T10:00:00+08:00' });

function refusal(input: unknown): string {
  try {
    parseSituation(input);
  } catch (error) {
    if (error instanceof AppError && error.code === 'INVALID_INPUT') return error.message;
    throw error;
  }
  throw new Error('expected a refusal');
}

function without(obj: Json, path: string[]): Json {
  const copy = structuredClone(obj);
  let node: Json = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Json;
  delete node[path[path.length - 1] as string];
  return copy;
}

describe('parseSituation', () => {
  it('reads the contract situation', () => {
    const s = parseSituation(good());
    expect(s.policy.pack).toBe('CN');
    expect(s.at).toBe(Date.UTC(2026, 2, 2, 2));
    expect(s.debtor.zones.map((z) => z.name)).toEqual(['Asia/Shanghai']);
  });

  it('names unknown packs, bad instants and unknown zones', () => {
    expect(refusal({ ...good(), pack: 'FR' })).toBe('pack: "FR" is not a known pack (CN, US, UK)');
    expect(refusal({ ...good(), at: '2026-03-02 21:30' })).toMatch(/^at: "2026-03-02 21:30" is not an ISO 8601 instant with an offset/);
    expect(refusal({ ...good(), at: '2026-03-02T21:30:00' })).toMatch(/^at: .* with an offset/);
    expect(refusal(situation({ at: '2026-03-02T10:00:00+08:00', debtor: { time_zones: ['Asia/Shanghai', 'Mars/Olympus'] } }))).toBe(
      'debtor.time_zones[1]: "Mars/Olympus" is not a known IANA time zone (e.g. "Asia/Shanghai")',
    );
  });

  it('names missing fields', () => {
    for (const path of [['pack'], ['at'], ['channel'], ['party'], ['purpose'], ['debtor'], ['debtor', 'id'], ['debtor', 'time_zones'], ['account'], ['account', 'creditor']]) {
      expect(refusal(without(good(), path))).toBe(`missing field: ${path.join('.')}`);
    }
    const history = situation({ at: '2026-03-02T10:00:00+08:00', history: [{ account_id: 'A1', channel: 'call', outcome: 'busy' }] });
    expect(refusal(history)).toBe('missing field: history[0].at');
  });

  it('refuses unknown fields, so a typo cannot empty the history', () => {
    expect(refusal({ ...without(good(), ['history']), histroy: [] })).toMatch(/^histroy: unknown field/);
    expect(refusal(situation({ at: '2026-03-02T10:00:00+08:00', debtor: { flagz: [] } }))).toMatch(/^debtor\.flagz: unknown field/);
  });

  it('refuses unknown enumerations, bad dates and inverted suspensions', () => {
    expect(refusal({ ...good(), channel: 'fax' })).toBe('channel: expected one of call, sms, email, letter, visit, got "fax"');
    expect(refusal(situation({ at: '2026-03-02T10:00:00+08:00', debtor: { flags: ['disputed'] } }))).toMatch(/^debtor\.flags\[0\]: expected one of cease/);
    expect(refusal(situation({ at: '2026-03-02T10:00:00+08:00', debtor: { flag_since: { dispute: '2026-02-30' } } }))).toBe(
      "debtor.flag_since.dispute: \"2026-02-30\" is not a date 'YYYY-MM-DD'",
    );
    expect(refusal(situation({ at: '2026-03-02T10:00:00+08:00', suspensions: [{ scope: 'region', code: '42', from: '2026-03-02', to: '2026-03-01' }] }))).toBe(
      'suspensions[0].to: ends before it starts',
    );
    expect(refusal('not an object')).toBe('the situation must be a JSON object');
  });

  it('takes the pack zones when none is on file, and Date instants from a repository', () => {
    const s = parseSituation(situation({ pack: 'UK', at: '2026-03-02T10:00:00Z', debtor: { time_zones: [] } }));
    expect(s.debtor.zones.map((z) => z.name)).toEqual(['Europe/London']);
    const fromRows = parseSituation({ ...good(), at: new Date(Date.UTC(2026, 2, 2, 2)) });
    expect(fromRows.at).toBe(Date.UTC(2026, 2, 2, 2));
  });
});
