import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Builds the web app into web/dist with Vite (a dev dependency, present after npm install). */
export async function buildWeb(): Promise<void> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'web/vite.config.ts'), logLevel: 'warn' });
}
