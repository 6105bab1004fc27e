/**
 * Masked forms of personal data, shown wherever the viewer's role may not reveal it.
 * Chinese practice keeps the region prefix and the last four characters of an ID number
 * and the carrier prefix and last four digits of a mobile number.
 */
export function maskIdNumber(idNumber: string): string {
  const s = idNumber.trim();
  // A US SSN or ITIN shows its last four only, as Americans are used to: ***-**-6789.
  if (/^\d{9}$/.test(s)) return `***-**-${s.slice(-4)}`;
  // A UK National Insurance number shows its last three: ******56C.
  if (/^[A-Z]{2}\d{6}[A-D]$/.test(s)) return `******${s.slice(-3)}`;
  if (s.length <= 8) return '*'.repeat(s.length);
  return s.slice(0, 4) + '*'.repeat(s.length - 8) + s.slice(-4);
}

export function maskPhone(phone: string): string {
  const digits = phone.replace(/[^0-9+]/g, '');
  // A US number (+1 and ten digits): (***) ***-0100.
  if (/^\+1\d{10}$/.test(digits)) return `(***) ***-${digits.slice(-4)}`;
  if (digits.length <= 7) return '*'.repeat(digits.length);
  return digits.slice(0, 3) + '*'.repeat(digits.length - 7) + digits.slice(-4);
}

export function maskEmail(email: string): string {
  const at = email.indexOf('@');
  if (at <= 0) return '***';
  return email[0] + '***' + email.slice(at);
}

/** Addresses keep the province/city text (the first 6 characters) and hide the rest. */
export function maskAddress(address: string): string {
  const s = address.trim();
  return s.length <= 6 ? s : s.slice(0, 6) + '****';
}

/** Creditor account numbers: last four visible. */
export function maskAccountNo(accountNo: string): string {
  const s = accountNo.trim();
  return s.length <= 4 ? s : '*'.repeat(Math.min(s.length - 4, 8)) + s.slice(-4);
}

export function maskContact(kind: 'phone' | 'address' | 'email', value: string): string {
  return kind === 'phone' ? maskPhone(value) : kind === 'email' ? maskEmail(value) : maskAddress(value);
}

/** The last four digits of a masked account number ("6222********1234" -> "1234"): how messages name an account. */
export function lastFour(accountNoMask: string): string {
  return accountNoMask.replace(/[^0-9]/g, '').slice(-4);
}

/**
 * Free text a person typed (a collector's note) with the personal numbers in it masked: an ID
 * number (17 digits and a check character) as maskIdNumber does; any other run of 7 or more
 * digits (spaces, dashes, dots and brackets between them, a leading +: a phone number, a bank
 * card) down to its last four, and its first three too when it has 11 or more (a Chinese mobile
 * reads 139****5678, as on the screens). Dates (2026-03-10), amounts (1,500.00, 1234567.89) and shorter
 * numbers are left as they are.
 */
export function maskNumbersInText(text: string): string {
  return text
    .replace(/(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g, (id) => maskIdNumber(id))
    .replace(/(?<!\d)\+?\(?\d[\d \-().]{5,}\d(?!\d)/g, (run) => {
      const digits = run.replace(/\D/g, '');
      // A date, or an amount with its decimals (1234567.89), is not a number to hide.
      if (digits.length < 7 || /^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$/.test(run) || /^\d{1,9}\.\d{1,2}$/.test(run)) return run;
      const head = digits.length >= 11 ? digits.slice(0, 3) : '';
      return `${head}${'*'.repeat(digits.length - head.length - 4)}${digits.slice(-4)}`;
    });
}
