import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/support/cli.ts';

// `compliance evaluate` is pure: no database is opened, so these run as unit tests.
const SITUATION = {
  pack: 'CN',
  at: '2026-03-02T21:30:00+08:00',
  channel: 'call',
  party: 'debtor',
  purpose: 'collect',
  third_party_id: null,
  debtor: { id: 'D1', time_zones: ['Asia/Shanghai'], region_code: '420102', flags: [], flag_since: {}, opt_outs: [] },
  account: { id: 'A1', creditor: 'BANK1' },
  history: [{ account_id: 'A1', at: '2026-03-02T09:10:00+08:00', channel: 'call', party: 'debtor', third_party_id: null, outcome: 'no_answer', initiated_by: 'agency' }],
  suspensions: [{ scope: 'region', code: '420000', from: '2020-01-23', to: '2020-04-08' }],
  params: {},
};
const ALLOWED = { ...SITUATION, at: '2026-03-02T10:00:00+08:00' };

const evaluate = (input: string, args: string[] = []) => runCli(['compliance', 'evaluate', ...args], { input });

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'leeway-compliance-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

// Each case spawns the real CLI (about a second to start), so allow more than the default 5 s.
describe('leeway compliance evaluate', { timeout: 60_000 }, () => {
  it('reads a situation on stdin and prints the decision, exit 0 when not allowed', async () => {
    const result = await evaluate(JSON.stringify(SITUATION));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const decision = JSON.parse(result.stdout) as { allowed: boolean; reasons: { rule: string; message: string }[]; next_allowed_at: string };
    expect(Object.keys(decision)).toEqual(['allowed', 'reasons', 'next_allowed_at']);
    expect(decision.allowed).toBe(false);
    expect(decision.reasons.map((r) => r.rule)).toEqual(['CN.hours']);
    expect(decision.reasons[0]?.message).toBe("21:30 is past the 21:00 limit in the debtor's time zone (Asia/Shanghai); next allowed 08:00 tomorrow.");
    expect(decision.next_allowed_at).toBe('2026-03-03T08:00:00+08:00');
  });

  it('reads --input FILE, exit 0 when allowed', async () => {
    const file = path.join(dir, 'situation.json');
    await fs.writeFile(file, JSON.stringify(ALLOWED, null, 2));
    const result = await evaluate('', ['--input', file]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ allowed: true, reasons: [], next_allowed_at: '2026-03-02T10:00:00+08:00' });
  });

  it.each([
    ['an unknown pack', { ...SITUATION, pack: 'FR' }, 'leeway: pack: "FR" is not a known pack (CN, US, UK)'],
    ['a bad instant', { ...SITUATION, at: '2026-03-02 21:30' }, 'leeway: at: "2026-03-02 21:30" is not an ISO 8601 instant with an offset'],
    ['an unknown zone', { ...SITUATION, debtor: { ...SITUATION.debtor, time_zones: ['Asia/Atlantis'] } }, 'leeway: debtor.time_zones[0]: "Asia/Atlantis" is not a known IANA time zone'],
    ['a missing field', { ...SITUATION, account: { id: 'A1' } }, 'leeway: missing field: account.creditor'],
    ['a loosened legal floor', { ...SITUATION, params: { hours: { end: '22:00' } } }, 'leeway: params.hours.end: 22:00 loosens CN.hours'],
  ])('refuses %s with exit 2 and a clear message', async (_name, situation, message) => {
    const result = await evaluate(JSON.stringify(situation));
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.startsWith(message), result.stderr).toBe(true);
  });

  it('refuses text that is not JSON, an empty input and a missing file with exit 2', async () => {
    const notJson = await evaluate('{"pack": ');
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/^leeway: The situation on standard input is not valid JSON/);
    const empty = await evaluate('');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^leeway: The situation on standard input is empty/);
    const missing = await evaluate('', ['--input', path.join(dir, 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the file \(no such file\)/);
  });

  it('--jsonl: one decision per line in order; a malformed line reports itself and the rest go on', async () => {
    const lines = [JSON.stringify(SITUATION), 'not json', '', JSON.stringify({ ...SITUATION, pack: 'XX' }), JSON.stringify(ALLOWED)];
    const result = await evaluate(lines.join('\n') + '\n', ['--jsonl']);
    expect(result.code, result.stderr).toBe(0);
    const out = result.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(out).toHaveLength(4);
    expect(out[0]?.['next_allowed_at']).toBe('2026-03-03T08:00:00+08:00');
    expect(out[1]).toEqual({ error: expect.stringMatching(/^line 2: not valid JSON/) as unknown });
    expect(out[2]).toEqual({ error: 'line 4: pack: "XX" is not a known pack (CN, US, UK)' });
    expect(out[3]).toEqual({ allowed: true, reasons: [], next_allowed_at: '2026-03-02T10:00:00+08:00' });
  });

  it('--jsonl with --input FILE keeps the order over many lines', async () => {
    const file = path.join(dir, 'many.jsonl');
    const hours = Array.from({ length: 500 }, (_, i) => i % 24);
    await fs.writeFile(file, hours.map((h) => JSON.stringify({ ...SITUATION, history: [], at: `2026-03-02T${String(h).padStart(2, '0')}:00:00+08:00` })).join('\n'));
    const result = await evaluate('', ['--jsonl', '--input', file]);
    expect(result.code, result.stderr).toBe(0);
    const allowed = result.stdout.trimEnd().split('\n').map((l) => (JSON.parse(l) as { allowed: boolean }).allowed);
    expect(allowed).toEqual(hours.map((h) => h >= 8 && h < 21));
  });

  it('--help explains the contract', async () => {
    const result = await runCli(['compliance', 'evaluate', '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('--jsonl');
    expect(result.stdout).toContain('--input <FILE>');
    expect(result.stdout).toContain('Exit status: 0 whether the');
  });
});
