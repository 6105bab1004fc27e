import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkIdNumber, checkPhones, idNumberReadings, normalizePhone, otherIdNumberForm, phoneReadings, sameDebtorName } from './person.ts';

describe('phoneReadings: the ways a number typed in the caller lookup may be stored', () => {
  it('reads a UK number typed with its trunk 0 as a UK number after the Chinese landline it could also be', () => {
    expect(phoneReadings('07700 900123')).toEqual(['07700900123', '+447700900123']);
    expect(phoneReadings('０２０ ７９４６ ００１８')).toEqual(['02079460018', '+442079460018']);
  });
  it('reads a US number dialled with its 1 as a US number after the Chinese mobile it could also be', () => {
    expect(phoneReadings('13125550128')).toEqual(['13125550128', '+13125550128']);
    expect(phoneReadings('1 (312) 555-0128')).toEqual(['13125550128', '+13125550128']);
  });
  it('has one reading for a mobile, a number with its country code, or 00 dialled abroad', () => {
    expect(phoneReadings('138 0013 8000')).toEqual(['13800138000']);
    expect(phoneReadings('+44 7700 900123')).toEqual(['+447700900123']);
    expect(phoneReadings('(217) 555-0100')).toEqual(['+12175550100']);
    expect(phoneReadings('0044 7700 900123')).toEqual(['+447700900123']);
    expect(phoneReadings('not a number')).toEqual([]);
  });
});

describe('idNumberReadings: the ways an ID number a caller gives may be stored', () => {
  it('reads a Chinese ID number, an SSN or a National Insurance number, each as it is stored', () => {
    expect(idNumberReadings('420102199003071232')).toEqual(['420102199003071232']);
    expect(idNumberReadings('123-45-6789')).toEqual(['123456789']);
    expect(idNumberReadings('ab 12 34 56 c')).toEqual(['AB123456C']);
    expect(idNumberReadings('12-34')).toEqual([]);
  });
});

describe("otherIdNumberForm: one person's 15-digit and 18-character resident ID numbers", () => {
  it('converts the old 15-digit form to the 18-character one with its check character, and back', () => {
    // GB 11643's example: 110101 19800101 444 with check character 1.
    expect(otherIdNumberForm('110101800101444')).toBe('110101198001014441');
    expect(otherIdNumberForm('110101198001014441')).toBe('110101800101444');
    expect(otherIdNumberForm('11010120000101444X')).toBeNull(); // born in the 2000s: never had a 15-digit form
    expect(otherIdNumberForm('E12345678')).toBeNull();
  });
  it('gives a valid 18-character number for every valid 15-digit one, which converts back', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 99 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 999 }),
      (year, month, day, seq) => {
        const old = `420102${String(year).padStart(2, '0')}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
        const full = otherIdNumberForm(old)!;
        expect(checkIdNumber(full)).toMatchObject({ ok: true, value: full });
        expect(otherIdNumberForm(full)).toBe(old);
      }));
  });
});

describe('normalizePhone', () => {
  it('gives a Chinese number the form the banks send it in, however it was typed', () => {
    for (const typed of ['13800138000', '138 0013 8000', '+86 138-0013-8000', '0086 13800138000', '８６１３８００１３８０００', '(138)00138000']) {
      expect(normalizePhone(typed), typed).toBe('13800138000');
    }
    expect(normalizePhone('027-8555 1234')).toBe('02785551234');
  });

  it('keeps a foreign number as its digits and its +', () => {
    expect(normalizePhone('+1 (212) 555-0147')).toBe('+12125550147');
    expect(normalizePhone('+44 20 7946 0958')).toBe('+442079460958');
    expect(normalizePhone('+852 2345 6789')).toBe('+85223456789');
    expect(normalizePhone('00852 2345 6789')).toBe('+85223456789');
  });

  it('refuses what is not one phone number', () => {
    for (const typed of ['', 'abc', '13800138000/13900139000', '12', '+86 138 0013 8000 ext 2', '139123456789999', '95588', '+1234567890123456']) {
      expect(normalizePhone(typed), typed).toBeNull();
    }
  });

  it('agrees with the import: a number the import accepts alone normalizes to what it stores', () => {
    const mobile = fc.tuple(fc.integer({ min: 3, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }))
      .map(([second, rest]) => `1${second}${rest.join('')}`);
    const dressed = fc.tuple(mobile, fc.constantFrom('', '+86 ', '0086', '+86-'), fc.constantFrom('', ' ', '-'))
      .map(([digits, prefix, sep]) => ({ digits, typed: `${prefix}${digits.slice(0, 3)}${sep}${digits.slice(3, 7)}${sep}${digits.slice(7)}` }));
    fc.assert(fc.property(dressed, ({ digits, typed }) => {
      const imported = checkPhones(typed);
      expect(imported).toEqual({ ok: true, phones: [digits] });
      expect(normalizePhone(typed)).toBe(digits);
    }));
  });
});

describe('sameDebtorName: whether a placement row names the debtor already on file under its ID number', () => {
  it('takes the same name written another way as the same person', () => {
    expect(sameDebtorName('张三', '张 三')).toBe(true);
    expect(sameDebtorName('黄药师', '黃藥師')).toBe(true);   // the same name in the other script (a Hong Kong ID card's)
    expect(sameDebtorName('黄药师', '黄药')).toBe(false);
    expect(sameDebtorName('张三', '张三　')).toBe(true);
    expect(sameDebtorName('ＺＨＡＮＧ　San', 'zhang san')).toBe(true);
    expect(sameDebtorName("Mary O'Brien", 'MARY OBRIEN')).toBe(true);
    expect(sameDebtorName('Jane Q. Doe', 'Jane Doe')).toBe(true);
    expect(sameDebtorName('DOE, JANE', 'Jane Doe')).toBe(true);
    expect(sameDebtorName('Anne-Marie Smith', 'Anne Marie Smith')).toBe(true);
  });
  it('takes another given name or surname as another person', () => {
    expect(sameDebtorName('张三', '李四')).toBe(false);
    expect(sameDebtorName('张三', '张三丰')).toBe(false);
    expect(sameDebtorName('Jane Doe', 'John Doe')).toBe(false);
    expect(sameDebtorName('Jane Doe', 'Jane Smith')).toBe(false);
    expect(sameDebtorName('Jane', 'Jane Doe')).toBe(false);
  });
  it('is symmetric and takes every name as its own', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => sameDebtorName(a, b) === sameDebtorName(b, a)));
    fc.assert(fc.property(fc.string(), (a) => sameDebtorName(a, a)));
  });
});
