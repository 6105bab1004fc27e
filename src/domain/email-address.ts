/**
 * What Leeway takes as one e-mail address (from a bank's file, a collector, the debtor in the
 * portal): a local part, an @, a domain with at least one dot; no spaces and not a list of
 * several; at most 254 characters (RFC 5321's path limit). Not a full RFC 5322 parser: an
 * address that passes may still bounce, and a bounce is what marks it invalid.
 */
const EMAIL = /^[^@\s,;<>"]+@[^@\s,;<>".]+(\.[^@\s,;<>".]+)+$/;

export function isEmailAddress(text: string): boolean {
  return text.length <= 254 && EMAIL.test(text);
}
