import path from 'node:path';
import { invalidInput } from './domain/errors.ts';

/** Where Leeway keeps its embedded database, data key and uploads. */
export function resolveDataDir(flag?: string): string {
  return path.resolve(flag ?? process.env.LEEWAY_DATA_DIR ?? './data');
}

export interface DatabaseConfig {
  /** An external server; when set, nothing embedded is started. */
  databaseUrl: string | undefined;
  dataDir: string;
}

export function databaseConfig(dataDirFlag?: string): DatabaseConfig {
  const url = process.env.DATABASE_URL;
  return { databaseUrl: url && url.length > 0 ? url : undefined, dataDir: resolveDataDir(dataDirFlag) };
}

export const DEFAULT_AGENCY_ZONE = 'Asia/Shanghai';

/**
 * The agency's zone (LEEWAY_ZONE): business dates are calendar dates there, in this process and
 * in what the database derives (each connection carries it, see createPool). An unknown name is
 * refused here, before anything is dated in it.
 */
export function agencyZone(value = process.env.LEEWAY_ZONE): string {
  if (value === undefined || value.trim() === '') return DEFAULT_AGENCY_ZONE;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: value.trim() }).resolvedOptions().timeZone;
  } catch {
    throw invalidInput({
      en: `LEEWAY_ZONE must be an IANA time zone name such as Asia/Shanghai, America/New_York or Europe/London, not "${value}"`,
      zh: `LEEWAY_ZONE 须是 IANA 时区名称，例如 Asia/Shanghai、America/New_York、Europe/London，而不是“${value}”`,
    }, 'LEEWAY_ZONE');
  }
}

/**
 * LEEWAY_PUBLIC_URL: the address debtors reach this server at (e.g. `https://pay.agency.example`),
 * for the links e-mails carry (the opt-out link); the nightly run e-mails reminders only when it
 * is set. Unset, a collector's e-mail links to the address the collector's browser used.
 */
export function publicUrl(value = process.env.LEEWAY_PUBLIC_URL): string | null {
  if (value === undefined || value.trim() === '') return null;
  let url: URL | null = null;
  try { url = new URL(value.trim()); } catch { url = null; }
  if (url === null || !['http:', 'https:'].includes(url.protocol) || url.search !== '' || url.hash !== '') {
    throw invalidInput({
      en: `LEEWAY_PUBLIC_URL must be the http(s) address debtors reach this server at, e.g. https://pay.agency.example, not "${value}"`,
      zh: `LEEWAY_PUBLIC_URL 须是债务人访问本服务器的 http(s) 地址，例如 https://pay.agency.example，而不是“${value}”`,
    }, 'LEEWAY_PUBLIC_URL');
  }
  return value.trim().replace(/\/+$/, '');
}

/**
 * LEEWAY_RECORDING_URL: the call centre's player for a call's recording, `{ref}` standing for
 * the recording reference (e.g. `https://cti.example.cn/recordings/{ref}`); the screens link
 * every reference to it. Unset, references are shown as text.
 */
export function recordingUrlTemplate(value = process.env.LEEWAY_RECORDING_URL): string | null {
  if (value === undefined || value.trim() === '') return null;
  const template = value.trim();
  let url: URL | null = null;
  try { url = new URL(template.replaceAll('{ref}', 'ref')); } catch { url = null; }
  if (!template.includes('{ref}') || url === null || !['http:', 'https:'].includes(url.protocol)) {
    throw invalidInput({
      en: `LEEWAY_RECORDING_URL must be an http(s) address with {ref} where the recording reference goes, e.g. https://cti.example.cn/recordings/{ref}, not "${value}"`,
      zh: `LEEWAY_RECORDING_URL 须是 http(s) 地址，并以 {ref} 标出录音编号的位置，例如 https://cti.example.cn/recordings/{ref}，而不是“${value}”`,
    }, 'LEEWAY_RECORDING_URL');
  }
  return template;
}
