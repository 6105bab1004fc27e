import { invalidInput } from '../errors.ts';
import { CN_PACK } from './packs/cn.ts';
import type { BoundRule, PackDefinition } from './packs/define.ts';
import { UK_PACK } from './packs/uk.ts';
import { US_PACK } from './packs/us.ts';
import { PACK_IDS } from './types.ts';
import type { PackId } from './types.ts';

export const PACKS: Readonly<Record<PackId, PackDefinition>> = { CN: CN_PACK, US: US_PACK, UK: UK_PACK };

/** A pack bound to one contract's parameters: what the engine runs for a situation. */
export interface Policy {
  readonly pack: PackId;
  readonly rules: readonly BoundRule[];
  readonly fallbackZones: readonly [string, ...string[]];
  readonly countryZones: readonly string[];
  readonly regionZones: ReadonlyArray<readonly [string, string]>;
}

/**
 * The zones a debtor is judged in, from the one zone on file (the placement address's) and the
 * zones of the debtor's own contact points (their phones' areas; their addresses', where a state
 * spans zones or another address is known): the zone on file, when it is in the pack's country,
 * with every point's zone in the country after it (a New York address with a Seattle mobile is
 * called only when it is allowed in both; 12 CFR 1006.6(b)(1)(i)); else every zone of the
 * country (the strict reading, as with no zone at all). The product files every debtor under the agency's
 * zone unless it knows better, so a US creditor's debtor whose state is not known is called only
 * when it is allowed from Hawaii to the East Coast; no contact point narrows that. A region the
 * pack names (`regionZones`: Xinjiang under CN) adds its zone in every case.
 */
export function debtorZones(policy: Policy, zoneOnFile: string, pointZones: readonly string[] = [], regionCode: string | null = null): readonly [string, ...string[]] {
  const believed = policy.countryZones.includes(zoneOnFile);
  // The fallback list is shared: copied only when a zone is added to it.
  let zones: readonly [string, ...string[]] = believed ? [zoneOnFile] : policy.fallbackZones;
  if (believed) for (const zone of pointZones) zones = withZone(policy, zones, zone);
  // A region that lives by a second clock adds it, whatever is on file (China: Xinjiang, Ürümqi time).
  for (const [prefix, zone] of policy.regionZones) if (regionCode?.startsWith(prefix)) zones = withZone(policy, zones, zone);
  return zones;
}

/** The zones with one more, when it is of the pack's country and not among them yet (the same list otherwise). */
function withZone(policy: Policy, zones: readonly [string, ...string[]], zone: string): readonly [string, ...string[]] {
  return zones.includes(zone) || !policy.countryZones.includes(zone) ? zones : [...zones, zone];
}

export function isPackId(value: unknown): value is PackId {
  return typeof value === 'string' && (PACK_IDS as readonly string[]).includes(value);
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function bindPack(pack: PackDefinition, overrides: Readonly<Record<string, unknown>>): Policy {
  for (const name of Object.keys(overrides)) {
    if (!pack.rules.some((r) => r.id === name)) {
      const rules = pack.rules.map((r) => r.id).join(', ');
      throw invalidInput({ en: `params.${name}: pack ${pack.id} has no rule '${name}' (its rules: ${rules})`, zh: `params.${name}：规则包${pack.id}没有规则'${name}'（其规则为：${rules}）` }, `params.${name}`);
    }
  }
  const rules = pack.rules.map((rule) => {
    const own = overrides[rule.id];
    if (own !== undefined && !isRecord(own)) throw invalidInput({ en: `params.${rule.id}: expected an object of parameters`, zh: `params.${rule.id}：应为参数对象` }, `params.${rule.id}`);
    return rule.bind(pack.id, own ?? null);
  });
  return { pack: pack.id, rules, fallbackZones: pack.fallbackZones, countryZones: pack.countryZones, regionZones: pack.regionZones ?? [] };
}

const defaults = new Map<PackId, Policy>();
const contracts = new Map<string, Policy>();
const CONTRACT_CACHE_SIZE = 1000;

/**
 * The pack with a contract's overrides applied ({ "hours": { "end": "20:00" } }); cached, so
 * a repository can pass the same contract params for every account without re-validating.
 * Throws invalidInput (naming the rule) for an unknown pack, rule or parameter, or for an
 * override that loosens a legal floor.
 */
export function resolvePolicy(pack: PackId, params: unknown = {}): Policy {
  if (!isRecord(params)) throw invalidInput({ en: 'params: expected an object of rule parameters', zh: 'params：应为规则参数对象' }, 'params');
  if (Object.keys(params).length === 0) {
    let policy = defaults.get(pack);
    if (policy === undefined) {
      policy = bindPack(PACKS[pack], {});
      defaults.set(pack, policy);
    }
    return policy;
  }
  const key = pack + JSON.stringify(params);
  const known = contracts.get(key);
  if (known !== undefined) return known;
  const policy = bindPack(PACKS[pack], params);
  if (contracts.size >= CONTRACT_CACHE_SIZE) contracts.clear();
  contracts.set(key, policy);
  return policy;
}

/** Rule ids, citations and parameters of a pack with their defaults: for settings screens and docs. */
export function describePack(pack: PackId): {
  id: PackId;
  title: string;
  rules: { rule: string; citation: string; legal_floor: boolean; params: Record<string, { default: number; kind: string; tighter: string }>;
    /** What is not yet verified against the official text (U: for the compliance officer to confirm); null when nothing is. */
    unverified: string | null }[];
} {
  const def = PACKS[pack];
  return {
    id: def.id,
    title: def.title,
    rules: def.rules.map((r) => ({
      rule: `${def.id}.${r.id}`,
      citation: r.citation,
      legal_floor: r.legalFloor,
      params: Object.fromEntries(Object.entries(r.params).map(([name, spec]) => [name, { default: spec.default, kind: spec.kind, tighter: spec.tighter }])),
      unverified: r.unverified ?? null,
    })),
  };
}
