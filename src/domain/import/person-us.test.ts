import { describe, expect, it } from 'vitest';
import type { LocalDate } from '../calendar.ts';
import { maskIdNumber, maskPhone } from '../masking.ts';
import { resolveColumns } from './mapping.ts';
import { normalizePhone } from './person.ts';
import { checkSsn, checkUsPhones, usPhone, usTimeZoneOf } from './person-us.ts';
import { buildRegionIndex } from './region.ts';
import { checkContactRow, checkPlacementRow } from './rows.ts';

describe('a US creditor\'s personal fields', () => {
  it('reads an SSN or ITIN in either form, and refuses numbers never issued, without repeating them', () => {
    expect(checkSsn('123-45-6789')).toEqual({ ok: true, value: '123456789', resident: false, birthDate: null });
    expect(checkSsn('912 70 1234')).toMatchObject({ ok: true, value: '912701234' });   // an ITIN
    for (const bad of ['000-12-3456', '666-12-3456', '123-00-4567', '123-45-0000']) expect(checkSsn(bad), bad).toMatchObject({ ok: false });
    const short = checkSsn('12345678');
    expect(short).toMatchObject({ ok: false, en: 'an SSN or ITIN has 9 digits, written like 123-45-6789' });
    expect(JSON.stringify(short)).not.toContain('12345678');
  });
  it('stores a US phone as +1 and ten digits however it was written, and refuses what is not one', () => {
    for (const text of ['(217) 555-0100', '217-555-0100', '+1 217 555 0100', '12175550100', '217.555.0100']) expect(usPhone(text), text).toBe('+12175550100');
    expect(usPhone('117-555-0100')).toBeNull();   // no area code starts with 1
    expect(checkUsPhones('(217) 555-0100; 217-555-0199, (217) 555-0100')).toEqual({ ok: true, phones: ['+12175550100', '+12175550199'] });
    expect(checkUsPhones('13800138000')).toMatchObject({ ok: false });
    // Caller lookup and SMS replies match the same form, the +1 typed or not; a Chinese number stays as before.
    expect(normalizePhone('(217) 555-0100')).toBe('+12175550100');
    expect(normalizePhone('+86 138-0013-8000')).toBe('13800138000');
  });
  it('masks an SSN and a US phone to their last four', () => {
    expect(maskIdNumber('123456789')).toBe('***-**-6789');
    expect(maskPhone('+12175550100')).toBe('(***) ***-0100');
    expect(maskIdNumber('42010219900307123X')).toBe('4201**********123X');
  });
  it('finds the time zone of an address\'s state, and none for a state that spans zones', () => {
    expect(usTimeZoneOf('12 Oak Ave, Peoria, IL 61602')).toBe('America/Chicago');
    expect(usTimeZoneOf('1 Main St, Boston, MA 02108-1234')).toBe('America/New_York');
    expect(usTimeZoneOf('5 Pine Rd, Denver, CO')).toBe('America/Denver');
    expect(usTimeZoneOf('9 Bay St, Pensacola, FL 32501')).toBeNull();   // Florida's panhandle is Central
    expect(usTimeZoneOf('9 Bay St, Springfield')).toBeNull();
    expect(usTimeZoneOf(null)).toBeNull();
  });
});

describe('a US creditor\'s placement and skip-trace rows', () => {
  const columns = resolveColumns(['account_no', 'debtor_name', 'id_number', 'phone', 'address', 'principal', 'first_delinquency_date'], 'placements');
  const options = { businessDate: '2026-03-02' as LocalDate, regions: buildRegionIndex([]), country: 'US' as const };
  it('reads the SSN, US phones and the zone, and derives no Chinese region', () => {
    const checked = checkPlacementRow(columns, { fields: ['4111000000001234', 'Jane Doe', '123-45-6789', '(217) 555-0100', '12 Oak Ave, Peoria, IL 61602', '2,234.56', '2025-11-15'] }, options);
    expect(checked).toMatchObject({ ok: true, row: { idNumber: '123456789', birthDate: null, phones: ['+12175550100'], region: null, timeZone: 'America/Chicago', principal: 223_456 } });
  });
  it('refuses a Chinese ID number or phone in a US file, naming the column', () => {
    const checked = checkPlacementRow(columns, { fields: ['4111000000001234', 'Jane Doe', '42010219900307123X', '13800138000', '', '1', '2025-11-15'] }, options);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.errors.map((e) => e.column)).toEqual(['id_number', 'phone']);
    const contact = checkContactRow(resolveColumns(['account_no', 'phone'], 'contacts'), { fields: ['4111000000001234', '217-555-0199'] }, { country: 'US' });
    expect(contact).toMatchObject({ ok: true, row: { phones: ['+12175550199'] } });
  });
});
