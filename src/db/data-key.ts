import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The master key for personal data at rest: LEEWAY_DATA_KEY (64 hex characters) when set,
 * otherwise `<dataDir>/data.key`, generated on first use with 0600 permissions. Lose this
 * key and the encrypted ID numbers and phones are gone: back it up with the database.
 */
export function loadDataKey(dataDir: string): Buffer {
  const fromEnv = process.env.LEEWAY_DATA_KEY;
  if (fromEnv) {
    if (!/^[0-9a-fA-F]{64}$/.test(fromEnv)) throw new Error('LEEWAY_DATA_KEY must be 64 hexadecimal characters (32 bytes)');
    return Buffer.from(fromEnv, 'hex');
  }
  const file = path.join(dataDir, 'data.key');
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    fs.writeFileSync(file, randomBytes(32).toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const text = fs.readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-f]{64}$/.test(text)) throw new Error(`${file} is not a valid data key (64 hex characters)`);
  return Buffer.from(text, 'hex');
}
