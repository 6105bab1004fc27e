import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { DEFAULT_WAIVER_LIMITS, waiverLimitsFrom } from '../cases/settlement.ts';
import { commissionTiersOf, contractFromStored, parseContract, termsOf, tierRate } from './contract.ts';

const GOOD = {
  creditor: 'BANK1', name: 'Bank One', pack: 'CN', placement_days: 90,
  commission: { tiers: [{ from: 'M1', to: 'M3', rate_bp: 800 }, { from: 'M4', to: 'M6', rate_bp: 1500 }, { from: 'M7+', rate_bp: 2500 }] },
  allocation_order: ['fees', 'interest', 'principal'],
  promise_grace_days: 3, plan_grace_days: 5, hardship_decision_days: 10,
  waiver_limits: { collector: { interest_bp: 1000 }, supervisor: { fees_bp: 10000, interest_bp: 10000 } },
};

function refusal(change: (c: any) => void): AppError {
  const c = structuredClone(GOOD) as any;
  change(c);
  try { parseContract(c); } catch (error) { if (error instanceof AppError) return error; throw error; }
  throw new Error('expected the contract to be refused');
}

describe('parseContract', () => {
  it("accepts the issue's example and keeps the operational keys for contracts.terms", () => {
    const c = parseContract(GOOD);
    expect(termsOf(c)).toEqual({ promise_grace_days: 3, plan_grace_days: 5, hardship_decision_days: 10, waiver_limits: GOOD.waiver_limits,
      allocation_order: ['fees', 'interest', 'principal'], placement_days: 90 });
  });

  it("keeps a US creditor's e-mail notice (12 CFR 1006.6(d)(4)(ii)) in the terms, and gives it back; only true or false", () => {
    const c = parseContract({ ...GOOD, pack: 'US', creditor_email_notice: true });
    expect(termsOf(c)).toMatchObject({ creditor_email_notice: true });
    expect(contractFromStored({ creditor: 'BANK1', name: 'Bank One', pack: 'US', placement_days: 90, commission: GOOD.commission, terms: termsOf(c) }))
      .toMatchObject({ creditor_email_notice: true });
    expect(termsOf(parseContract(GOOD))).not.toHaveProperty('creditor_email_notice');
    expect(refusal((x) => { x.creditor_email_notice = 'yes'; }).field).toBe('creditor_email_notice');
  });

  it('gives a version stored without waiver limits back with the default ones it runs under, so the screen re-saves it unchanged', () => {
    const { waiver_limits: _, ...stored } = termsOf(parseContract(GOOD));
    const shown = contractFromStored({ creditor: 'BANK1', name: 'Bank One', pack: 'US', placement_days: 90, commission: GOOD.commission, terms: stored });
    expect(shown.waiver_limits).toEqual(DEFAULT_WAIVER_LIMITS);
    expect(waiverLimitsFrom(termsOf(parseContract(shown)))).toEqual(waiverLimitsFrom(stored));
  });

  it('refuses unknown keys, naming them', () => {
    const e = refusal((c) => { c.grace_days = 3; });
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.field).toBe('grace_days');
    expect(refusal((c) => { c.commission.tiers[1].rate = 1; }).field).toBe('commission.tiers.1.rate');
  });

  it('refuses rates outside 0..10000 and names the tier', () => {
    expect(refusal((c) => { c.commission.tiers[2].rate_bp = 10001; }).field).toBe('commission.tiers.2.rate_bp');
    expect(refusal((c) => { c.commission.tiers[0].rate_bp = -1; }).field).toBe('commission.tiers.0.rate_bp');
    expect(refusal((c) => { c.commission.tiers[0].rate_bp = 12.5; }).field).toBe('commission.tiers.0.rate_bp');
  });

  it('refuses overlapping, missing and unclosed tiers', () => {
    const overlap = refusal((c) => { c.commission.tiers[1].from = 'M3'; });
    expect(overlap.field).toBe('commission.tiers.1.from');
    expect(overlap.message).toMatch(/overlap/);
    const gap = refusal((c) => { c.commission.tiers[1].from = 'M5'; });
    expect(gap.field).toBe('commission.tiers.1.from');
    expect(gap.message).toMatch(/M4 without a tier/);
    expect(refusal((c) => { c.commission.tiers[0].from = 'M2'; }).field).toBe('commission.tiers.0.from');
    expect(refusal((c) => { c.commission.tiers.pop(); }).field).toBe('commission.tiers');
    expect(refusal((c) => { delete c.commission.tiers[0].to; }).field).toBe('commission.tiers.0.to');
    expect(refusal((c) => { c.commission.tiers = []; }).field).toBe('commission.tiers');
  });

  it('refuses an allocation order that is not fees, interest and principal once each', () => {
    expect(refusal((c) => { c.allocation_order = ['fees', 'fees', 'principal']; }).field).toBe('allocation_order');
    expect(refusal((c) => { c.allocation_order = ['fees', 'principal']; }).field).toBe('allocation_order');
    expect(refusal((c) => { c.allocation_order = ['fees', 'interest', 'penalty']; }).field).toBe('allocation_order.2');
  });

  it('refuses missing keys and bad values with the field named', () => {
    expect(refusal((c) => { delete c.promise_grace_days; }).field).toBe('promise_grace_days');
    expect(refusal((c) => { c.pack = 'JP'; }).field).toBe('pack');
    expect(refusal((c) => { c.waiver_limits.collector.interest_bp = 20000; }).field).toBe('waiver_limits.collector.interest_bp');
  });
});

describe('tierRate', () => {
  const tiers = parseContract(GOOD).commission.tiers;
  it('picks the tier of the bucket at placement', () => {
    expect(tierRate(tiers, 'M1')).toBe(800);
    expect(tierRate(tiers, 'M3')).toBe(800);
    expect(tierRate(tiers, 'M4')).toBe(1500);
    expect(tierRate(tiers, 'M6')).toBe(1500);
    expect(tierRate(tiers, 'M7+')).toBe(2500);
    expect(tierRate(tiers, 'M0')).toBe(800);
  });
  it('reads the older stored shape too', () => {
    const old = commissionTiersOf([{ bucket_from: 'M1', bucket_to: 'M3', rate_bp: 1200 }, { bucket_from: 'M4', bucket_to: 'M6', rate_bp: 2200 },
      { bucket_from: 'M7+', bucket_to: 'M7+', rate_bp: 3500 }]);
    expect(tierRate(old, 'M5')).toBe(2200);
    expect(tierRate(old, 'M7+')).toBe(3500);
  });
});
