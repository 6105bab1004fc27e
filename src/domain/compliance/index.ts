/**
 * Contact compliance: situation in, decision out. See docs/compliance.md.
 *
 *   const decision = evaluateSituationJson(JSON.parse(text));
 *   // or, from repository rows: evaluateContact({ policy: resolvePolicy('CN', contract.params), ... })
 */
export { evaluateContact, evaluateSituationJson, isContactAllowed } from './evaluate.ts';
export { parseSituation } from './situation.ts';
export { PACKS, debtorZones, describePack, isPackId, resolvePolicy } from './policy.ts';
export type { Policy } from './policy.ts';
export { zoneClock } from './time/zone.ts';
export type { ZoneClock } from './time/zone.ts';
export { parseInstant, parseLocalDate, formatLocalDate } from './time/civil.ts';
export { regionCovers } from './rules/suspension.ts';
export { FINISHED_STATUSES, FINISHED_ZH, type FinishedStatus } from './rules/mandate.ts';
export { FLAG_NAMES } from './explain/phrases.ts';
export { holdKindsStoppingUnder, holdLastDay, LEGALLY_DATED_HOLDS, ukMoratoriumDays, type HoldDates } from './hold-end.ts';
export * from './types.ts';
