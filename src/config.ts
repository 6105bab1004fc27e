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
