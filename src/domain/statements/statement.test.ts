import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatRate, groupedYuan, monthBounds, plainYuan, statementCsv, statementHeaders, statementTotals, type StatementLine } from './statement.ts';

const line = (n: number, amount: number, commission: number, extra: Partial<StatementLine> = {}): StatementLine => ({
  line_no: n, payment_id: n, kind: 'payment', account_id: 1, account_no_mask: '6222********0001', txn_id: `T${n}`, paid_on: '2026-03-05',
  amount_fen: amount, bucket: 'M2', rate_bp: 800, commission_fen: commission, collector_id: 7, collector_name: '王五', reverses_id: null, ...extra,
});

describe('statement', () => {
  it('totals are plain sums of the lines (hand-computed)', () => {
    // 123.45 @ 8 % = 9.876 -> 9.88 ; 0.05 @ 8 % = 0.004 -> 0.00 ; reversal of the first -> -9.88
    const lines = [line(1, 12345, 988), line(2, 5, 0), line(3, -12345, -988, { kind: 'adjustment', reverses_id: 1 })];
    expect(statementTotals(lines)).toEqual({ recovered_fen: 5, commission_fen: 0, net_due_fen: 5, lines: 3 });
    expect(statementTotals([line(1, 100_000, 8000), line(2, 33_333, 2667)])).toEqual({ recovered_fen: 133_333, commission_fen: 10_667, net_due_fen: 122_666, lines: 2 });
  });

  it('CSV starts with a BOM, has the Chinese headers and the totals', () => {
    const csv = statementCsv({ creditor: 'BANK1', month: '2026-03', issued: true, lines: [line(1, 12345, 988)] }, 'zh-CN');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = csv.slice(1).split('\r\n');
    expect(rows[0]).toBe('序号,类型,账号,交易流水号,还款日期,还款金额（元）,委案账龄,佣金比例,佣金（元）,催收员');
    expect(rows[1]).toBe('1,还款,6222********0001,T1,2026-03-05,123.45,M2,8.00%,9.88,王五');
    // A reversal in the same month says so, with its negative amount.
    const reversed = statementCsv({ creditor: 'BANK1', month: '2026-03', issued: true, lines: [line(2, -12345, -988, { reverses_id: 1 })] }, 'zh-CN');
    expect(reversed.slice(1).split('\r\n')[1]).toBe('2,冲正,6222********0001,T2,2026-03-05,-123.45,M2,8.00%,-9.88,王五');
    expect(csv).toContain('应付银行净额,113.57');
    expect(statementCsv({ creditor: 'BANK1', month: '2026-03', issued: false, lines: [] }, 'en')).toContain('Net due to the bank,0.00');
  });

  it('formats and months', () => {
    expect(plainYuan(-5)).toBe('-0.05');
    expect(plainYuan(123456)).toBe('1234.56');
    expect(groupedYuan(-123456789)).toBe('-1,234,567.89');
    expect(groupedYuan(99999)).toBe('999.99');
    expect(groupedYuan(100000)).toBe('1,000.00');
    expect(groupedYuan(-5)).toBe('-0.05');
    // Grouping changes nothing but the commas (property).
    fc.assert(fc.property(fc.integer({ min: -1e13, max: 1e13 }), (n) => {
      const text = groupedYuan(n);
      expect(text.replace(/,/g, '')).toBe(plainYuan(n));
      expect(text).toMatch(/^-?\d{1,3}(,\d{3})*\.\d{2}$/);
    }));
    expect(formatRate(1250)).toBe('12.50%');
    expect(monthBounds('2026-02')).toEqual({ first: '2026-02-01', last: '2026-02-28' });
    expect(monthBounds('2024-02')?.last).toBe('2024-02-29');
    expect(monthBounds('2026-13')).toBeNull();
  });
});

describe('a statement in the currency of the creditor\'s contract', () => {
  it('names the unit in the headers: dollars for a US creditor, yuan by default', () => {
    expect(statementHeaders('en', 'USD')).toContain('Amount (USD)');
    expect(statementHeaders('zh-CN', 'USD')).toContain('佣金（美元）');
    expect(statementHeaders('zh-CN')).toContain('还款金额（元）');
    const csv = statementCsv({ creditor: 'PRAIRIE', month: '2026-03', issued: false, lines: [], currency: 'GBP' }, 'en');
    expect(csv.split('\r\n')[0]).toBe('\uFEFFNo.,Kind,Account,Transaction,Payment date,Amount (GBP),Bucket at placement,Rate,Commission (GBP),Collector');
  });
});
