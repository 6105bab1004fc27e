// `npm test`: type-check, build the web app from the current sources, then every test
// project (unit, integration on a real PostgreSQL, browser). Extra arguments go to vitest.
import { spawnSync } from 'node:child_process';

function run(label, command, args) {
  process.stdout.write(`\n== ${label}\n`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const extra = process.argv.slice(2);
run('type-check', process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', 'tsconfig.json']);
run('build web app', process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']);
run('tests', process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...extra]);
