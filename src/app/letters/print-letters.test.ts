import { describe, expect, it } from 'vitest';
import { localDate } from '../../domain/calendar.ts';
import { collectionLetter } from '../../domain/letters/letter.ts';
import { fen } from '../../domain/money.ts';
import { pdfDrawing as contentOf } from '../../../test/support/pdf.ts';
import { lettersPdf } from './print-letters.ts';

describe('collection letters as one PDF', () => {
  const facts = { debtorName: 'Jane Doe', address: '12 Oak Ave, Albany, NY 12207', creditorName: 'First Prairie Bank', accountNoMask: '4111********1234',
    balanceFen: fen(223_456), date: localDate(2026, 3, 2), pack: 'US', regionCode: 'US-NY' };
  it("sets New York's notice on a time-barred debt off from the rest: 12-point type in dark red, whatever the page's scale; other letters are all black", async () => {
    const barred = collectionLetter({ ...facts, firstDelinquencyDate: localDate(2022, 6, 1) }, 'en');
    expect(barred.setOff).toBeDefined();
    const drawn = contentOf(await lettersPdf([barred], 'test', 'LETTER'));
    // pdfkit writes a fill colour as its RGB fractions: #B00020 is 176/255, 0, 32/255; the notice's lines follow in 12 points, then black again.
    const red = drawn.indexOf('0.6901960784313725 0 0.12549019607843137 scn');
    expect(red).toBeGreaterThan(0);
    const twelve = drawn.slice(red).search(/\/F\d+ 12 Tf/);
    const black = drawn.indexOf('0 0 0 scn', red);
    expect(twelve).toBeGreaterThan(0);
    expect(black).toBeGreaterThan(red + twelve);
    const plain = contentOf(await lettersPdf([collectionLetter({ ...facts, firstDelinquencyDate: localDate(2025, 6, 1) }, 'en')], 'test', 'LETTER'));
    expect(plain).not.toContain('0.6901960784313725 0 0.12549019607843137 scn');
    expect(plain).not.toMatch(/\/F\d+ 12 Tf/);
  });
});
