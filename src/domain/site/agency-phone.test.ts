import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { agencyPhoneFor, checkCountryPhone } from './agency-phone.ts';

// The starter English contact page: the agency's Chinese 400 line, and its numbers abroad.
const PAGE = { phone: '400-800-1234', complaint_phone: '400-800-5678', address: 'Wuhan', phone_us: '(312) 555-0148', phone_uk: '020 7946 0018' };

describe('agencyPhoneFor: the number a debtor is given is their country\'s', () => {
  it('a US contract\'s debtor the US number, a UK one\'s the UK number, a Chinese one\'s the page\'s phone', () => {
    expect(agencyPhoneFor('US', PAGE)).toBe('(312) 555-0148');
    expect(agencyPhoneFor('UK', PAGE)).toBe('020 7946 0018');
    expect(agencyPhoneFor('CN', PAGE)).toBe('400-800-1234');
  });
  it('none set (or blank): none, never the Chinese line in its place', () => {
    expect(agencyPhoneFor('US', { phone: '400-800-1234' })).toBeNull();
    expect(agencyPhoneFor('UK', { phone: '400-800-1234', phone_uk: '  ' })).toBeNull();
  });
});

describe('checkCountryPhone: a country\'s number is one a debtor there can dial', () => {
  const refusal = (field: 'phone_us' | 'phone_uk', value: string) => {
    try { checkCountryPhone(field, value); } catch (e) { return e as AppError; }
    return null;
  };
  it('takes a US number as written, with or without +1, and toll-free 800', () => {
    for (const n of ['(312) 555-0148', '+1 312 555 0148', '1-312-555-0148', '800-555-0199']) expect(checkCountryPhone('phone_us', n)).toBe(n);
    expect(checkCountryPhone('phone_us', '  ')).toBe('');
  });
  it('refuses a Chinese number in the US field, and codes no one calls back (N00 but 800, N11), saying which field and how to write it', () => {
    for (const n of ['400-800-1234', '+86 400 800 1234', '13800138000', '900-555-0100', '411-555-0100', '(212) 555-01']) {
      const e = refusal('phone_us', n);
      expect(e?.code, n).toBe('INVALID_INPUT');
      expect(e?.field).toBe('fields.phone_us');
      expect(e?.message).toBe(`fields.phone_us "${n}" is not a US number a debtor there can call back: give its 10 digits with the area code, e.g. (312) 555-0148 or +1 312 555 0148`);
    }
  });
  it('takes a UK number with 0 or +44 in front; refuses a Chinese or US one', () => {
    for (const n of ['020 7946 0018', '+44 20 7946 0018', '+44 (0)20 7946 0018', '0800 123 4567']) expect(checkCountryPhone('phone_uk', n)).toBe(n);
    for (const n of ['400-800-1234', '+1 312 555 0148']) expect(refusal('phone_uk', n)?.field, n).toBe('fields.phone_uk');
  });
  it('refuses a UK number dearer to call than a geographic one (premium 09, special 084 and 087, personal 070): CONC 7.9.5R', () => {
    for (const n of ['0906 123 4567', '0845 123 4567', '+44 871 123 4567', '070 1234 5678']) {
      expect(refusal('phone_uk', n)?.message, n).toBe(`fields.phone_uk "${n}" is a premium- or special-rate number, which a debtor may not be asked to call (CONC 7.9.5R): `
        + 'give a geographic (01, 02, 03) or free (0800, 0808) number');
    }
    for (const n of ['0118 496 0000', '0333 123 4567', '0808 157 0000', '07700 900123']) expect(checkCountryPhone('phone_uk', n)).toBe(n);
  });
});
