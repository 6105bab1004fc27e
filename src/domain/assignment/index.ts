export { TerritoryMap, parseRegionPrefix, resolveTerritory, type Territory } from './territory.ts';
export { dealAccounts, debtorKey, type DealAccount, type DealCollector, type DealInput, type Dealt } from './deal.ts';
export { DEFAULT_CREDIT_DAYS, MAX_CREDIT_DAYS, creditUntil, creditedCollector, parseCreditDays,
  type CreditBasis, type CreditDecision, type PaymentFact, type PromiseCredit } from './credit.ts';
