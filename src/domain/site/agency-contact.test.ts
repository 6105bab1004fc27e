import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { agencyContactFor, checkCountryField, contactFieldsFor, type CountryContactField } from './agency-contact.ts';

// The starter English contact page (a Chinese line, an office in Wuhan, China's hours) and the agency's details abroad.
const CHINESE = { phone: '400-800-1234', complaint_phone: '400-800-5678', address: 'Wuhan', hours: 'Mon-Sat 9:00-20:00' };
const PAGE = { ...CHINESE, complaint_email: 'complaints@example.com',
  phone_us: '(312) 555-0148', address_us: '100 Main St, Suite 400, Chicago, IL 60601', hours_us: 'Mon-Fri 8am-8pm ET',
  phone_uk: '020 7946 0018', address_uk: '10 Market Street, Manchester M1 1AA', hours_uk: 'Mon-Fri 9am-5pm' };

describe('agencyContactFor: a debtor is given their own country\'s number, address and hours', () => {
  it('a US contract\'s debtor the US ones, a UK one\'s the UK ones, a Chinese one\'s the page\'s own', () => {
    expect(agencyContactFor('US', PAGE)).toEqual({ phone: '(312) 555-0148', address: '100 Main St, Suite 400, Chicago, IL 60601', hours: 'Mon-Fri 8am-8pm ET' });
    expect(agencyContactFor('UK', PAGE)).toEqual({ phone: '020 7946 0018', address: '10 Market Street, Manchester M1 1AA', hours: 'Mon-Fri 9am-5pm' });
    expect(agencyContactFor('CN', PAGE)).toEqual({ phone: '400-800-1234', address: 'Wuhan', hours: 'Mon-Sat 9:00-20:00' });
  });
  it('none set (or blank): none, never the Wuhan office or China\'s hours in their place', () => {
    expect(agencyContactFor('US', CHINESE)).toEqual({ phone: null, address: null, hours: null });
    expect(agencyContactFor('UK', { ...PAGE, address_uk: ' ', hours_uk: '' })).toEqual({ phone: '020 7946 0018', address: null, hours: null });
  });
});

describe('checkCountryField: an address a debtor there can write to, hours on their clock', () => {
  const refusal = (field: CountryContactField, value: string) => {
    try { checkCountryField(field, value); } catch (e) { return e as AppError; }
    return null;
  };
  it('takes a US mailing address ending with the state and ZIP code, as written', () => {
    for (const a of ['100 Main St, Suite 400, Chicago, IL 60601', 'PO Box 1234, Springfield IL 62701-1234', '1 Oak Ave, Albany, New York 12207, USA']) {
      expect(checkCountryField('address_us', a)).toBe(a);
    }
    expect(checkCountryField('address_us', ' ')).toBe('');
  });
  it('refuses the Wuhan office, one with no ZIP code or no state, saying which field and how to write it', () => {
    for (const a of ['8th floor, 1000 Zhongshan Avenue, Wuhan, Hubei', '武汉市江岸区中山大道1000号', '100 Main St, Chicago, IL', '100 Main St, Chicago 60601']) {
      const e = refusal('address_us', a);
      expect(e?.code, a).toBe('INVALID_INPUT');
      expect(e?.field).toBe('fields.address_us');
      expect(e?.message).toBe(`fields.address_us "${a}" is not a US mailing address, where a debtor in the US can write to the agency (disputes by mail): `
        + 'end it with the state\'s two-letter code and the ZIP code, e.g. 100 Main St, Suite 400, Chicago, IL 60601');
    }
  });
  it('takes a UK address ending with its postcode (the country after it passed over); refuses one without', () => {
    for (const a of ['10 Market Street, Manchester M1 1AA', '1 High St, London SW1A 1AA, United Kingdom', '2 Low Rd, Glasgow G1 1XQ']) expect(checkCountryField('address_uk', a)).toBe(a);
    for (const a of ['10 Market Street, Manchester', '100 Main St, Chicago, IL 60601', 'Wuhan, Hubei 430014']) {
      expect(refusal('address_uk', a)?.message, a).toMatch(/^fields\.address_uk ".*" is not a UK postal address, where a debtor in the UK can write to the agency: end it with the postcode, e\.g\. /);
    }
  });
  it('US hours name a US time zone (a debtor may be in any of six); neither country\'s are on China\'s clock or in Chinese', () => {
    for (const h of ['Mon-Fri 8am-8pm ET', 'Monday to Friday 9-5 Central time', 'Mon-Fri 8:00-17:00 PST']) expect(checkCountryField('hours_us', h)).toBe(h);
    expect(refusal('hours_us', 'Mon-Fri 9am-5pm')?.message).toBe('fields.hours_us "Mon-Fri 9am-5pm" does not say in which US time zone: a debtor may be in any of six, '
      + 'so name it (ET, CT, MT, PT, AKT, HT, or Eastern ... Hawaii), e.g. Monday to Friday 8am-8pm ET');
    expect(checkCountryField('hours_uk', 'Monday to Friday 9am-5pm')).toBe('Monday to Friday 9am-5pm');
    // In Spanish too: by its letters or its Spanish name.
    for (const h of ['de lunes a viernes, de 8am a 8pm ET', 'lunes a viernes 9-5, hora del Pacífico']) expect(checkCountryField('hours_us_es', h)).toBe(h);
    expect(refusal('hours_us_es', 'de lunes a viernes, de 9am a 5pm')?.message).toMatch(/^fields\.hours_us_es ".*" does not say in which US time zone/);
    expect(refusal('hours_us_es', '周一至周五')?.message).toMatch(/write the hours in Spanish, on the clock of a debtor in the US/);
    for (const [field, h] of [['hours_us', '9:00-20:00 Beijing time ET'], ['hours_uk', '周一至周五 9:00-17:00'], ['hours_uk', '9-5 (GMT+8)']] as const) {
      expect(refusal(field, h)?.message, h).toMatch(new RegExp(`^fields\\.${field} ".*" is in Chinese or on China's clock: write the hours in English, on the clock of a debtor in the U[SK], e\\.g\\. `));
    }
  });
});

describe('contactFieldsFor: the portal shows a debtor what their own countries\' debtors are given', () => {
  it('a US debtor: the US number, address and hours, not the Chinese lines, office or hours; a UK debtor likewise', () => {
    expect(contactFieldsFor(new Set(['US']), PAGE)).toEqual({ complaint_email: 'complaints@example.com',
      phone_us: '(312) 555-0148', address_us: '100 Main St, Suite 400, Chicago, IL 60601', hours_us: 'Mon-Fri 8am-8pm ET' });
    expect(contactFieldsFor(new Set(['UK']), PAGE)).toEqual({ complaint_email: 'complaints@example.com',
      phone_uk: '020 7946 0018', address_uk: '10 Market Street, Manchester M1 1AA', hours_uk: 'Mon-Fri 9am-5pm' });
  });
  it('a Chinese debtor: the Chinese ones only; one with accounts in both: both; none known: the page as it is', () => {
    expect(contactFieldsFor(new Set(['CN']), PAGE)).toEqual({ ...CHINESE, complaint_email: 'complaints@example.com' });
    expect(contactFieldsFor(new Set(['CN', 'US']), PAGE)).toMatchObject({ address: 'Wuhan', address_us: '100 Main St, Suite 400, Chicago, IL 60601', phone: '400-800-1234' });
    expect(contactFieldsFor(new Set(), PAGE)).toEqual(PAGE);
  });
  it('a US debtor reading the Chinese page: the US ones from the English page; none set there, none at all', () => {
    const zh = { phone: '400-800-1234', complaint_phone: '400-800-5678', address: '武汉', hours: '周一至周六 9:00-20:00' };
    expect(contactFieldsFor(new Set(['US']), zh, PAGE)).toEqual({ phone_us: '(312) 555-0148', address_us: '100 Main St, Suite 400, Chicago, IL 60601', hours_us: 'Mon-Fri 8am-8pm ET' });
    expect(contactFieldsFor(new Set(['US']), zh, CHINESE)).toEqual({});
  });
  it('a US debtor reading Spanish: the hours in Spanish when the agency gave them, else as written', () => {
    const spanish = { ...PAGE, hours_us_es: 'de lunes a viernes, de 8am a 8pm ET' };
    expect(contactFieldsFor(new Set(['US']), spanish, spanish, true)).toMatchObject({ hours_us: 'de lunes a viernes, de 8am a 8pm ET' });
    expect(contactFieldsFor(new Set(['US']), spanish, spanish)).toMatchObject({ hours_us: 'Mon-Fri 8am-8pm ET' });
    expect(contactFieldsFor(new Set(['US']), PAGE, PAGE, true)).toMatchObject({ hours_us: 'Mon-Fri 8am-8pm ET' });
    expect(contactFieldsFor(new Set(['US']), spanish, spanish, true)).not.toHaveProperty('hours_us_es');
  });
});
