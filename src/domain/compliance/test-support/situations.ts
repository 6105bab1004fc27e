import { evaluateSituationJson } from '../evaluate.ts';
import type { Decision } from '../types.ts';

/**
 * Builders for tests: a situation JSON (the COMPLIANCE.md contract) with sensible defaults,
 * so each test states only what it is about.
 */
export type Json = Record<string, unknown>;

const HOME_ZONE: Record<string, string> = { CN: 'Asia/Shanghai', US: 'America/New_York', UK: 'Europe/London' };

export interface SituationOptions {
  pack?: 'CN' | 'US' | 'UK';
  at: string;
  channel?: string;
  party?: string;
  purpose?: string;
  third_party_id?: string | null;
  debtor?: Json;
  account?: Json;
  history?: Json[];
  suspensions?: Json[];
  params?: Json;
  [extra: string]: unknown;
}

export function situation(options: SituationOptions): Json {
  const { pack = 'CN', debtor = {}, account = {}, ...rest } = options;
  return {
    pack,
    channel: 'call',
    party: 'debtor',
    purpose: 'collect',
    third_party_id: null,
    history: [],
    suspensions: [],
    params: {},
    ...rest,
    debtor: { id: 'D1', time_zones: [HOME_ZONE[pack]], region_code: '420102', flags: [], flag_since: {}, opt_outs: [], ...debtor },
    account: { id: 'A1', creditor: 'BANK1', ...account },
  };
}

/** An earlier attempt; defaults: an agency call to the debtor about A1 that was not answered. */
export function attempt(at: string, fields: Json = {}): Json {
  return { account_id: 'A1', at, channel: 'call', party: 'debtor', third_party_id: null, outcome: 'no_answer', initiated_by: 'agency', ...fields };
}

export function decide(options: SituationOptions): Decision {
  return evaluateSituationJson(situation(options));
}

/** Rule ids of the reasons, e.g. ['CN.hours']. */
export function blockedBy(options: SituationOptions): string[] {
  return decide(options).reasons.map((r) => r.rule);
}
