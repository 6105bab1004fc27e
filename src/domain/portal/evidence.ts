/**
 * Evidence a debtor uploads (a layoff letter, a hospital bill): PDF, JPEG or PNG only, at most
 * 5 MB, recognised by the file's first bytes, not by its name or the browser's claim, so an
 * HTML page renamed .pdf is refused.
 */
import { invalidInput } from '../errors.ts';

export const EVIDENCE_MAX_BYTES = 5 * 1024 * 1024;
export type EvidenceType = 'application/pdf' | 'image/jpeg' | 'image/png';

export function sniffEvidenceType(bytes: Uint8Array): EvidenceType | null {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return 'application/pdf';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  return null;
}

export function checkEvidence(fileName: string, bytes: Uint8Array): { type: EvidenceType; fileName: string } {
  if (bytes.length === 0) throw invalidInput({ en: 'The evidence file is empty', zh: '证明材料文件是空的', es: 'El archivo de prueba está vacío' }, 'evidence');
  if (bytes.length > EVIDENCE_MAX_BYTES) throw invalidInput({ en: 'The evidence file is larger than 5 MB', zh: '证明材料文件超过了5MB', es: 'El archivo de prueba pesa más de 5 MB' }, 'evidence');
  const type = sniffEvidenceType(bytes);
  if (!type) throw invalidInput({ en: 'Evidence must be a PDF, JPEG or PNG file', zh: '证明材料必须是PDF、JPEG或PNG文件', es: 'La prueba debe ser un archivo PDF, JPEG o PNG' }, 'evidence');
  const safeName = fileName.replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(-100) || 'evidence';
  return { type, fileName: safeName };
}
