import { describe, expect, it } from 'vitest';
import { rateText } from './api.ts';

describe('a rate in basis points, as a percentage', () => {
  it('shows two decimals, exactly', () => {
    expect(rateText(1500)).toBe('15.00%');
    expect(rateText(800)).toBe('8.00%');
    expect(rateText(2525)).toBe('25.25%');
    expect(rateText(10_000)).toBe('100.00%');
    expect(rateText(5)).toBe('0.05%');
  });
  it('shows zero as 0.00%', () => {
    expect(rateText(0)).toBe('0.00%');
    expect(rateText(-0)).toBe('0.00%');
  });
  it('keeps the sign of a negative rate in front (what the contract preview shows before the server refuses it)', () => {
    expect(rateText(-1)).toBe('-0.01%');
    expect(rateText(-99)).toBe('-0.99%');
    expect(rateText(-100)).toBe('-1.00%');
    expect(rateText(-1500)).toBe('-15.00%');
  });
  it('shows a dash for what is not a whole number of basis points (a typo in the contract JSON)', () => {
    expect(rateText(Number.NaN)).toBe('—');
    expect(rateText(12.5)).toBe('—');
    expect(rateText(Number.POSITIVE_INFINITY)).toBe('—');
  });
});
