/**
 * Reference numbers shown to the debtor for each portal action: a letter for the kind, the
 * business date and a random part the caller draws, e.g. `H-20260302-7KQ4M2`. Easy to read
 * out on the phone: no 0/O or 1/I in the random part.
 */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';

export const REFERENCE_PREFIX = { promise: 'P', hardship: 'H', dispute: 'D', complaint: 'C', preferences: 'S' } as const;
export type PortalActionKind = keyof typeof REFERENCE_PREFIX;

/** `randomBytes` must hold at least 6 bytes; each picks one character. */
export function formatReference(kind: PortalActionKind, businessDate: string, randomBytes: Uint8Array): string {
  if (randomBytes.length < 6) throw new Error('formatReference needs 6 random bytes');
  let tail = '';
  for (let i = 0; i < 6; i++) tail += REFERENCE_ALPHABET[randomBytes[i]! % REFERENCE_ALPHABET.length];
  return `${REFERENCE_PREFIX[kind]}-${businessDate.replaceAll('-', '')}-${tail}`;
}

export function isReference(text: string): boolean {
  return /^[PHDCS]-\d{8}-[2-9A-HJ-NP-Z]{6}$/.test(text);
}
