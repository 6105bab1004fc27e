import { describe, expect, it } from 'vitest';
import type { LocalDate } from '../calendar.ts';
import { maskIdNumber, maskPhone } from '../masking.ts';
import { resolveColumns } from './mapping.ts';
import { normalizePhone, normalizePhoneFor } from './person.ts';
import { checkNino, checkUkPhones, ukPhone } from './person-uk.ts';
import { buildRegionIndex } from './region.ts';
import { checkPlacementRow } from './rows.ts';

describe('a UK creditor\'s personal fields', () => {
  it('reads a National Insurance number in any spacing, refuses prefixes never issued, and masks it to its last three', () => {
    expect(checkNino('ab 12 34 56 c')).toEqual({ ok: true, value: 'AB123456C', resident: false, birthDate: null });
    expect(checkNino('AB-123456-C')).toMatchObject({ ok: true, value: 'AB123456C' });
    for (const bad of ['QQ123456C', 'DA123456C', 'GB123456A', 'AB12345C', 'AB123456E']) expect(checkNino(bad), bad).toMatchObject({ ok: false });
    expect(maskIdNumber('AB123456C')).toBe('******56C');
  });
  it('stores a UK phone as +44 and the national number, however it was written', () => {
    for (const text of ['07700 900123', '+44 7700 900123', '0044 7700 900123', '+44 (0)7700 900123']) expect(ukPhone(text), text).toBe('+447700900123');
    expect(ukPhone('020 7946 0018')).toBe('+442079460018');
    expect(ukPhone('7700 900123')).toBeNull();   // no trunk 0 nor country code: not a UK number as written
    expect(checkUkPhones('07700 900123; 020 7946 0018')).toEqual({ ok: true, phones: ['+447700900123', '+442079460018'] });
    expect(normalizePhone('+44 7700 900123')).toBe('+447700900123');
    expect(maskPhone('+447700900123')).toBe('+44******0123');
  });
  it("reads a number typed for a debtor as dialled in the contract's country; another country's needs its country code", () => {
    // Without the pack, 07700 900123 passes for a Chinese landline; under a UK contract it is the UK mobile.
    expect(normalizePhone('07700 900123')).not.toBe('+447700900123');
    expect(normalizePhoneFor('07700 900123', 'UK')).toBe('+447700900123');
    expect(normalizePhoneFor('+44 7700 900123', 'UK')).toBe('+447700900123');
    expect(normalizePhoneFor('13800138000', 'UK')).toBeNull();
    expect(normalizePhoneFor('+86 138 0013 8000', 'UK')).toBe('13800138000');
    expect(normalizePhoneFor('(217) 555-0100', 'US')).toBe('+12175550100');
    expect(normalizePhoneFor('07700 900123', 'US')).toBeNull();
    expect(normalizePhoneFor('0044 7700 900123', 'US')).toBe('+447700900123');
    // Under a Chinese contract (or none), as normalizePhone reads it.
    for (const text of ['13800138000', '010-8888 6666', '+1 217 555 0100']) {
      expect(normalizePhoneFor(text, 'CN')).toBe(normalizePhone(text));
      expect(normalizePhoneFor(text, null)).toBe(normalizePhone(text));
    }
  });
  it('a UK placement row: the NINO, UK phones, no Chinese region, London time', () => {
    const columns = resolveColumns(['account_no', 'debtor_name', 'id_number', 'phone', 'address', 'principal', 'first_delinquency_date'], 'placements');
    const checked = checkPlacementRow(columns, { fields: ['5500000000001234', 'Sam Smith', 'AB 12 34 56 C', '07700 900123', '1 High St, Leeds LS1 1AA', '950.00', '2025-11-15'] },
      { businessDate: '2026-03-02' as LocalDate, regions: buildRegionIndex([]), country: 'UK' });
    expect(checked).toMatchObject({ ok: true, row: { idNumber: 'AB123456C', phones: ['+447700900123'], region: null, timeZone: 'Europe/London' } });
  });
});
