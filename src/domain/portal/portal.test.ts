import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { afterWrongAnswer, expectedBirthDate, identityMatches, MAX_FAILED_ATTEMPTS, normaliseBirthDate, sessionStatus } from './access.ts';
import { checkEvidence, EVIDENCE_MAX_BYTES, sniffEvidenceType } from './evidence.ts';
import { checkPreferences, formatClockUs } from './preferences.ts';
import { formatReference, isReference } from './reference.ts';
import { rightsFor } from './rights.ts';

const SECRETS = { idNumber: '42010219900307123X', birthDate: null };

describe('the identity check', () => {
  it('reads the birth date inside 18- and 15-digit ID numbers, preferring the one on file', () => {
    expect(expectedBirthDate(SECRETS)).toBe('1990-03-07');
    expect(expectedBirthDate({ idNumber: '420102900307123', birthDate: null })).toBe('1990-03-07');
    expect(expectedBirthDate({ idNumber: '42010219900307123X', birthDate: '1990-03-08' })).toBe('1990-03-08');
    expect(expectedBirthDate({ idNumber: '42010219901307123X', birthDate: null })).toBeNull(); // month 13
    expect(expectedBirthDate({ idNumber: 'E12345678', birthDate: null })).toBeNull();
  });

  it('accepts the ways people write a date', () => {
    for (const text of ['1990-03-07', '19900307', '1990/3/7', '1990.03.07', '1990年3月7日', ' 1990-3-7 ']) expect(normaliseBirthDate(text)).toBe('1990-03-07');
    for (const text of ['07/03/1990', '1990', '', 'abc']) expect(normaliseBirthDate(text)).toBeNull();
  });

  it('passes only when both halves match (the X of an ID number in either case)', () => {
    expect(identityMatches(SECRETS, { idLast4: '123x', birthDate: '1990-03-07' })).toBe(true);
    expect(identityMatches(SECRETS, { idLast4: '123X', birthDate: '1990-03-08' })).toBe(false);
    expect(identityMatches(SECRETS, { idLast4: '1234', birthDate: '1990-03-07' })).toBe(false);
    expect(identityMatches(null, { idLast4: '123X', birthDate: '1990-03-07' })).toBe(false);
    expect(identityMatches({ idNumber: null, birthDate: '1990-03-07' }, { idLast4: '', birthDate: '1990-03-07' })).toBe(false);
  });

  it('no answer but the right one passes (property)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 6 }), fc.string({ maxLength: 12 }), (last4, date) => {
      const right = last4.trim().toUpperCase() === '123X' && normaliseBirthDate(date) === '1990-03-07';
      expect(identityMatches(SECRETS, { idLast4: last4, birthDate: date })).toBe(right);
    }));
  });

  it('locks on the fifth wrong answer, and a locked session stays locked even when it has not expired', () => {
    let failed = 0;
    const seen: boolean[] = [];
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) { const r = afterWrongAnswer(failed); failed = r.failedAttempts; seen.push(r.locked); }
    expect(seen).toEqual([false, false, false, false, true]);
    const now = new Date('2026-03-02T02:00:00Z');
    const later = new Date(now.getTime() + 60_000);
    expect(sessionStatus({ debtorId: 1, expiresAt: later, verifiedAt: now, failedAttempts: 5, lockedAt: now }, now)).toBe('locked');
    expect(sessionStatus({ debtorId: 1, expiresAt: now, verifiedAt: now, failedAttempts: 0, lockedAt: null }, now)).toBe('expired');
    expect(sessionStatus({ debtorId: null, expiresAt: later, verifiedAt: now, failedAttempts: 0, lockedAt: null }, now)).toBe('unverified');
    expect(sessionStatus({ debtorId: 1, expiresAt: later, verifiedAt: now, failedAttempts: 0, lockedAt: null }, now)).toBe('verified');
  });
});

describe('contact preferences', () => {
  const window = { start: 8 * 60, end: 21 * 60 };
  const base = { preferredFrom: null, preferredTo: null, optOuts: [], adviserName: null, adviserPhone: null };
  it('keeps preferred hours inside the legal window, boundaries included', () => {
    expect(checkPreferences({ ...base, preferredFrom: '08:00', preferredTo: '21:00' }, window)).toMatchObject({ preferredFrom: '08:00', preferredTo: '21:00' });
    expect(() => checkPreferences({ ...base, preferredFrom: '07:59', preferredTo: '12:00' }, window)).toThrow(/08:00-21:00/);
    expect(() => checkPreferences({ ...base, preferredFrom: '18:00', preferredTo: '21:01' }, window)).toThrow(/08:00-21:00/);
    try {
      checkPreferences({ ...base, preferredFrom: '07:59', preferredTo: '12:00' }, window);
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).messageZh).toBe('希望联系时段必须在法定可联系时间08:00-21:00之内');
    }
    expect(() => checkPreferences({ ...base, preferredFrom: '12:00', preferredTo: '12:00' }, window)).toThrow(/end after/);
    expect(() => checkPreferences({ ...base, preferredFrom: '12:00' }, window)).toThrow(/both/);
    expect(() => checkPreferences({ ...base, preferredFrom: '25:00', preferredTo: '26:00' }, window)).toThrow('The start time "25:00" is not a time written like 09:30');
  });
  it('takes known channels once, and keeps at least one way to reach the debtor', () => {
    expect(checkPreferences({ ...base, optOuts: ['sms', 'sms', 'visit'] }, window).optOuts).toEqual(['sms', 'visit']);
    expect(() => checkPreferences({ ...base, optOuts: ['fax'] }, window)).toThrow(/opt_outs/);
    expect(() => checkPreferences({ ...base, optOuts: ['call', 'sms', 'email', 'letter', 'visit'] }, window)).toThrow(/at least one/);
    // A US debtor may ask in writing that contact stop altogether: the refusal says how, not only no.
    expect(() => checkPreferences({ ...base, optOuts: ['call', 'sms', 'email', 'letter', 'visit'] }, window, { us: true }))
      .toThrow(/To ask us to stop contacting you altogether, write to us at the address on our Contact page/);
  });
  it('needs both the adviser\'s name and a phone number', () => {
    expect(checkPreferences({ ...base, adviserName: '王律师', adviserPhone: '139-1234-5678' }, window).adviser).toEqual({ name: '王律师', phone: '13912345678' });
    expect(() => checkPreferences({ ...base, adviserName: '王律师' }, window)).toThrow(/both/);
    expect(() => checkPreferences({ ...base, adviserName: 'x', adviserPhone: 'call me' }, window)).toThrow(/phone/);
    // As people write a US number: brackets and dots; a refused one is said as it was typed.
    expect(checkPreferences({ ...base, adviserName: 'Ann Lee', adviserPhone: '+1 (212) 555-0199' }, window).adviser).toEqual({ name: 'Ann Lee', phone: '+12125550199' });
    expect(checkPreferences({ ...base, adviserName: 'Ann Lee', adviserPhone: '212.555.0199' }, window).adviser).toEqual({ name: 'Ann Lee', phone: '2125550199' });
    expect(() => checkPreferences({ ...base, adviserName: 'x', adviserPhone: '(212) 555-01x9' }, window)).toThrow('The adviser\'s phone "(212) 555-01x9" is not a phone number');
  });
});

describe('reference numbers', () => {
  it('name the kind and the date and read unambiguously (property)', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 6, maxLength: 6 }), fc.constantFrom('promise', 'hardship', 'dispute', 'complaint', 'preferences' as const), (bytes, kind) => {
      const ref = formatReference(kind, '2026-03-02', bytes);
      expect(isReference(ref)).toBe(true);
      expect(ref).toMatch(/^[PHDCS]-20260302-/);
      expect(ref.slice(-6)).not.toMatch(/[01IO]/);
    }));
  });
});

describe('evidence files', () => {
  it('are recognised by their first bytes, not their name, and limited to 5 MB', () => {
    expect(sniffEvidenceType(Buffer.from('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffEvidenceType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(() => checkEvidence('proof.pdf', Buffer.from('<html><script>x</script>'))).toThrow(/PDF, JPEG or PNG/);
    expect(() => checkEvidence('a.pdf', Buffer.alloc(0))).toThrow(/empty/);
    const big = Buffer.alloc(EVIDENCE_MAX_BYTES + 1); big.write('%PDF-');
    expect(() => checkEvidence('a.pdf', big)).toThrow(/5 MB/);
    expect(checkEvidence('../../etc/<passwd>.pdf', Buffer.from('%PDF-1.4')).fileName).not.toMatch(/[/<>]/);
  });
});

describe('what the agency may and may not do', () => {
  it('follows the pack and a contract that tightens the hours', () => {
    const cn = rightsFor('CN', { hours: { start: 540, end: 1200 } });
    expect(cn.find((l) => l.rule === 'CN.hours')!.zh).toContain('09:00 至 20:00');
    expect(cn.some((l) => l.rule === 'CN.daily_calls' && !l.may)).toBe(true);
    expect(rightsFor('US', {}).some((l) => l.rule === 'US.seven_in_seven')).toBe(true);
    // A US debtor reads the hours as written there in English and Spanish; in Chinese, and under other contracts, 08:00.
    const usHours = rightsFor('US', {}).find((l) => l.rule === 'US.hours')!;
    expect([usHours.en, usHours.es, usHours.zh]).toEqual(['Contact you only between 8 a.m. and 9 p.m. your local time (letters aside).',
      'Comunicarnos con usted solo entre las 8 a.m. y las 9 p.m., hora local (salvo por carta).', '只在您当地时间 08:00 至 21:00 之间联系您（信件除外）。']);
    expect(rightsFor('UK', {}).find((l) => l.rule === 'UK.hours')?.en).toBe('Contact you only between 08:00 and 21:00 your local time (letters aside).');
    // Massachusetts's cap is named to a debtor there, or in no known state (the engine holds them to it), not to one in Illinois.
    expect(rightsFor('US', {}, 'US-MA').find((l) => l.rule === 'US.massachusetts_calls')?.en).toBe('Call or text you about a debt more than twice in 7 days (Massachusetts law).');
    expect(rightsFor('US', { massachusetts_calls: { max: 1 } }, null).find((l) => l.rule === 'US.massachusetts_calls')?.en).toContain('more than once in 7 days');
    expect(rightsFor('US', {}, 'US-IL').some((l) => l.rule === 'US.massachusetts_calls')).toBe(false);
    // New York City's rule on texts and e-mails, for a New Yorker or a debtor of unknown state, in the portal's three languages.
    const ny = rightsFor('US', {}, 'US-NY').find((l) => l.rule === 'US.nyc_electronic_consent');
    expect(ny).toMatchObject({ may: false, en: "Text or e-mail you at a number or address you have not agreed to (New York City's rules)." });
    expect(ny?.es).toContain('normas de la Ciudad de Nueva York');
    expect(rightsFor('US', {}, null).some((l) => l.rule === 'US.nyc_electronic_consent')).toBe(true);
    expect(rightsFor('US', {}, 'US-IL').some((l) => l.rule === 'US.nyc_electronic_consent')).toBe(false);
    // And its cap on contacts by any medium, with the contract's figure.
    expect(rightsFor('US', {}, 'US-NY').find((l) => l.rule === 'US.nyc_communications')?.en)
      .toBe("Call, text, e-mail or visit you about a debt more than 3 times in 7 days (New York City's rules).");
    expect(rightsFor('US', { nyc_communications: { max: 2 } }, null).find((l) => l.rule === 'US.nyc_communications')?.es).toContain('más de dos veces en 7 días');
    // Washington's three communications in 7 days, all debts together, for a Washington debtor or one of unknown state.
    expect(rightsFor('US', {}, 'US-WA').find((l) => l.rule === 'US.washington_communications')?.en)
      .toBe('Call, text, e-mail, visit or write to you more than 3 times in 7 days, all your debts together (Washington law).');
    expect(rightsFor('US', {}, null).some((l) => l.rule === 'US.washington_communications')).toBe(true);
    expect(rightsFor('US', {}, 'US-OR').some((l) => l.rule === 'US.washington_communications')).toBe(false);
    expect(rightsFor('US', {}, 'US-IL').some((l) => l.rule === 'US.nyc_communications')).toBe(false);
    for (const pack of ['CN', 'US', 'UK'] as const) expect(rightsFor(pack, {}, null).every((l) => l.en && l.zh && l.es)).toBe(true);
    expect(rightsFor('UK', {}).every((l) => l.en.length > 0 && l.zh.length > 0)).toBe(true);
  });
});

describe('a time of day for a US reader', () => {
  it('is written on the 12-hour clock, minutes only when there are some', () => {
    expect([0, 480, 510, 720, 765, 1260, 1439].map(formatClockUs)).toEqual(['12 a.m.', '8 a.m.', '8:30 a.m.', '12 p.m.', '12:45 p.m.', '9 p.m.', '11:59 p.m.']);
  });
});
