import { describe, expect, it } from 'vitest';
import { pdfPages, pdfPageTexts } from '../../../test/support/pdf.ts';
import { statementTotals, type StatementLine } from '../../domain/statements/statement.ts';
import type { StatementView } from './build-statement.ts';
import { renderStatement } from './export-statement.ts';

const line = (n: number): StatementLine => ({
  line_no: n, payment_id: n, kind: 'payment', account_id: n, account_no_mask: `6222********${String(n).padStart(4, '0')}`, txn_id: `T${n}`,
  paid_on: '2026-02-10', amount_fen: 1_234_567, bucket: 'M2', rate_bp: 1200, commission_fen: 148_148, collector_id: 7, collector_name: '王五', reverses_id: null,
});

function view(lines: StatementLine[]): StatementView {
  return { creditor: 'HUAYU', creditor_name: '华裕银行', creditor_name_en: 'Huayu Bank', month: '2026-02', status: 'draft', issued_at: null, issued_local: null, currency: 'CNY',
    totals: statementTotals(lines), lines };
}

describe('the printed statement (PDF) a bank reads page by page', () => {
  it('repeats the column headings on every page, numbers each page "of N", and ends with the labelled totals, amounts grouped by thousands', async () => {
    const lines = Array.from({ length: 80 }, (_, i) => line(i + 1));
    const pdf = (await renderStatement(view(lines), 'pdf', 'zh-CN')).body;
    const pages = pdfPageTexts(pdf);
    expect(pages.length).toBe(pdfPages(pdf));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]).toContain('佣金结算单 · 华裕银行（HUAYU） · 2026-02');
    pages.forEach((page, i) => {
      expect(page, `page ${i + 1}`).toContain('序号 | 类型 | 账号 | 交易流水号 | 还款日期');
      expect(page, `page ${i + 1}`).toContain(`佣金结算单 · HUAYU · 2026-02    第 ${i + 1} 页，共 ${pages.length} 页`);
    });
    // Every line once, each on one page.
    for (const n of [1, 40, 80]) expect(pages.filter((p) => p.includes(`| T${n} |`)).length).toBe(1);
    expect(pages[0]).toContain('| 12,345.67 | M2 | 12.00% | 1,481.48 | 王五');
    // 80 x 12,345.67 and 80 x 1,481.48.
    expect(pages.at(-1)).toContain('合计 | 987,653.60 | 118,518.40');
  });

  it('in English: the bank by its English name in ordinary brackets, "Page 1 of 1", and a month without payments says so rather than a table of nothing', async () => {
    const [page] = pdfPageTexts((await renderStatement(view([]), 'pdf', 'en')).body);
    expect(page).toContain('Commission statement · Huayu Bank (HUAYU) · 2026-02');
    expect(page).toContain('No payments, reversals or adjustments in 2026-02.');
    expect(page).toContain('Page 1 of 1');
    expect(page).not.toContain('No. | Kind');
    expect(page).not.toContain('Total');
  });
});
