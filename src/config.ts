import path from 'node:path';

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
