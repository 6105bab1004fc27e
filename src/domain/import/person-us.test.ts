import { describe, expect, it } from 'vitest';
import type { LocalDate } from '../calendar.ts';
import { maskIdNumber, maskPhone } from '../masking.ts';
import { resolveColumns } from './mapping.ts';
import { normalizePhone } from './person.ts';
import { checkSsn, checkUsPhones, usAddressState, usAddressZones, usPhone } from './person-us.ts';
import { resolvePolicy } from '../compliance/policy.ts';
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
  it('finds the zones an address may be in: its state\'s, narrowed by the ZIP code where the state spans zones', () => {
    expect(usAddressZones('12 Oak Ave, Peoria, IL 61602')).toEqual(['America/Chicago']);
    expect(usAddressZones('1 Main St, Boston, MA 02108-1234')).toEqual(['America/New_York']);
    expect(usAddressZones('5 Pine Rd, Denver, CO')).toEqual(['America/Denver']);
    // Split states: the ZIP code's first three digits, where all of them lie in one zone.
    expect(usAddressZones('9 Bay St, Pensacola, FL 32501')).toEqual(['America/Chicago']);
    expect(usAddressZones('1 Ocean Dr, Miami, FL 33139')).toEqual(['America/New_York']);
    expect(usAddressZones('1 Harbor Rd, Port St Joe, FL 32456')).toEqual(['America/New_York', 'America/Chicago']); // 324: both
    expect(usAddressZones('1 Mesa St, El Paso, TX 79901')).toEqual(['America/Denver']);
    expect(usAddressZones('1 Main St, Houston, TX 77002')).toEqual(['America/Chicago']);
    expect(usAddressZones('1 Broadway, Van Horn, TX 79855')).toEqual(['America/Chicago', 'America/Denver']);
    expect(usAddressZones('1 Market St, Gary, IN 46402')).toEqual(['America/Chicago']);
    expect(usAddressZones('1 Monument Cir, Indianapolis, IN 46204')).toEqual(['America/Indiana/Indianapolis']);
    expect(usAddressZones('1 Central Ave, Phoenix, AZ 85004')).toEqual(['America/Phoenix']);
    expect(usAddressZones('1 Hwy 264, Window Rock, AZ 86515')).toEqual(['America/Phoenix', 'America/Denver']); // the Navajo Nation keeps summer time
    expect(usAddressZones('1 Main St, Ironwood, MI 49938')).toEqual(['America/Detroit', 'America/Menominee']);
    expect(usAddressZones('1 Sherman Ave, Coeur d\'Alene, ID 83814')).toEqual(['America/Los_Angeles']);
    expect(usAddressZones('1 Main St, Phenix City, AL 36867')).toEqual(['America/Chicago', 'America/New_York']); // keeps Columbus, GA's clock
    // A split state with no ZIP code, or a prefix not known to lie in one zone: every zone of the state.
    expect(usAddressZones('1 Main St, Knoxville, TN')).toEqual(['America/Chicago', 'America/New_York']);
    expect(usAddressZones('1 Main St, Crossville, TN 37723')).toEqual(['America/Chicago', 'America/New_York']);
    expect(usAddressZones('9 Bay St, Springfield')).toBeNull();
    // As banks also write them: a comma before the ZIP code, the state's name, the country at the end.
    expect(usAddressState('12 Oak Ave, Peoria, IL, 61602')).toEqual({ state: 'IL', zip: '61602' });
    expect(usAddressState('12 Oak Ave, Peoria, Illinois 61602')).toEqual({ state: 'IL', zip: '61602' });
    expect(usAddressState('1 Ocean Dr, Miami, Florida')).toEqual({ state: 'FL', zip: null });
    expect(usAddressState('1 Harbor Rd, Port St Joe, FL 32456-1234, USA')).toEqual({ state: 'FL', zip: '32456' });
    expect(usAddressState('8 Mesa St, El Paso, TX 79901 United States')).toEqual({ state: 'TX', zip: '79901' });
    expect(usAddressState('1 Main St, Washington, DC 20001')).toEqual({ state: 'DC', zip: '20001' });
    expect(usAddressState('5 Pine Rd, Springfield, Narnia 12345')).toBeNull();
    expect(usAddressState('PO Box 12345')).toBeNull();
    expect(usAddressZones('1 Calle Sol, San Juan, PR 00901')).toBeNull();
    expect(usAddressZones(null)).toBeNull();
  });
  it('gives every split state only zones the US pack knows, the state\'s first (the one most of it keeps) first', () => {
    const us = resolvePolicy('US', {});
    for (const state of ['AK', 'AL', 'AZ', 'FL', 'ID', 'IN', 'KS', 'KY', 'MI', 'ND', 'NE', 'NV', 'OK', 'OR', 'SD', 'TN', 'TX']) {
      const zones = usAddressZones(`1 Main St, Somewhere, ${state}`)!;
      expect(zones.length, state).toBe(2);
      for (const zone of zones) expect(us.countryZones, `${state}: ${zone}`).toContain(zone);
    }
  });
});

describe('a US creditor\'s placement and skip-trace rows', () => {
  const columns = resolveColumns(['account_no', 'debtor_name', 'id_number', 'phone', 'address', 'principal', 'first_delinquency_date'], 'placements');
  const options = { businessDate: '2026-03-02' as LocalDate, regions: buildRegionIndex([]), country: 'US' as const };
  it('reads the SSN, US phones, the zone and the state (as the region, US-IL), and derives no Chinese region', () => {
    const checked = checkPlacementRow(columns, { fields: ['4111000000001234', 'Jane Doe', '123-45-6789', '(217) 555-0100', '12 Oak Ave, Peoria, IL 61602', '2,234.56', '2025-11-15'] }, options);
    expect(checked).toMatchObject({ ok: true, row: { idNumber: '123456789', birthDate: null, phones: ['+12175550100'], region: { code: 'US-IL', source: 'address' },
      timeZone: 'America/Chicago', principal: 223_456 } });
    // No state in the address (nor a Chinese region from a 6-digit code column): no region.
    const noState = checkPlacementRow(columns, { fields: ['4111000000001234', 'Jane Doe', '123-45-6789', '(217) 555-0100', '12 Oak Ave, Peoria', '2,234.56', '2025-11-15'] }, options);
    expect(noState).toMatchObject({ ok: true, row: { region: null, timeZone: null } });
  });
  it('refuses a Chinese ID number or phone in a US file, naming the column', () => {
    const checked = checkPlacementRow(columns, { fields: ['4111000000001234', 'Jane Doe', '42010219900307123X', '13800138000', '', '1', '2025-11-15'] }, options);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.errors.map((e) => e.column)).toEqual(['id_number', 'phone']);
    const contact = checkContactRow(resolveColumns(['account_no', 'phone'], 'contacts'), { fields: ['4111000000001234', '217-555-0199'] }, { country: 'US' });
    expect(contact).toMatchObject({ ok: true, row: { phones: ['+12175550199'] } });
  });
});
