/**
 * Runs the compliance bench alone and prints its JSON lines:
 *   node --import tsx bench/run-compliance.ts [--rows N]
 */
import { bench } from './compliance.ts';

const i = process.argv.indexOf('--rows');
const rows = i >= 0 ? Number(process.argv[i + 1]) : undefined;
for (const result of await bench.run({ rows, pool: undefined })) process.stdout.write(JSON.stringify(result) + '\n');
