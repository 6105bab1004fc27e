import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { agencyPhoneFor, checkCountryPhone, contactFieldsFor } from './agency-phone.ts';

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
});

describe('contactFieldsFor: the portal shows a debtor the numbers of their own countries', () => {
  it('a US debtor: the US number, not the Chinese lines; a UK debtor likewise', () => {
    expect(contactFieldsFor(new Set(['US']), PAGE)).toEqual({ address: 'Wuhan', phone_us: '(312) 555-0148' });
    expect(contactFieldsFor(new Set(['UK']), PAGE)).toEqual({ address: 'Wuhan', phone_uk: '020 7946 0018' });
  });
  it('a Chinese debtor: the Chinese lines only; one with accounts in both: both; none known: the page as it is', () => {
    expect(contactFieldsFor(new Set(['CN']), PAGE)).toEqual({ phone: '400-800-1234', complaint_phone: '400-800-5678', address: 'Wuhan' });
    expect(contactFieldsFor(new Set(['CN', 'US']), PAGE)).toEqual({ phone: '400-800-1234', complaint_phone: '400-800-5678', address: 'Wuhan', phone_us: '(312) 555-0148' });
    expect(contactFieldsFor(new Set(), PAGE)).toEqual(PAGE);
  });
  it('a US debtor reading the Chinese page: its address, and the US number from the English page', () => {
    const zh = { phone: '400-800-1234', complaint_phone: '400-800-5678', address: '武汉' };
    expect(contactFieldsFor(new Set(['US']), zh, PAGE)).toEqual({ address: '武汉', phone_us: '(312) 555-0148' });
    expect(contactFieldsFor(new Set(['US']), zh, { phone: '400-800-1234' })).toEqual({ address: '武汉' });
  });
});
