/**
 * Writes `text` as UTF-8 into `target` at `at`, which has room for it (3 bytes per UTF-16 code
 * unit); the number of bytes written. Short ASCII text (phone numbers, masks, codes, most of an
 * import's fields) is copied byte by byte: Buffer#write is a call into the runtime that costs
 * more than copying a dozen bytes, and an import writes tens of millions of such fields.
 */
export function writeUtf8(target: Buffer, text: string, at: number): number {
  const length = text.length;
  if (length > 32) return target.write(text, at, 'utf8');
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) return target.write(text, at, 'utf8');
    target[at + i] = code;
  }
  return length;
}
