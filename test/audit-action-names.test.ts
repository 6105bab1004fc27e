import fs from 'node:fs/promises';
import path from 'node:path';
import { expect, it } from 'vitest';
import { DISPUTE_OUTCOMES } from '../src/domain/cases/complaint.ts';
import { REFERENCE_PREFIX } from '../src/domain/portal/reference.ts';
import { ACTION_NAMES, actionName, groupName } from '../web/src/audit/action-names.ts';
import { ENTITY_NAMES, entityName } from '../web/src/audit/entity-names.ts';

/**
 * The audit log screen names each action in the reader's words: every action code the server
 * writes (read from the sources, as `action: '...'` or a template's family) has an English and
 * a Chinese name, so an auditor never meets a bare code the screen could have explained.
 */
async function sources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...await sources(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

it('every audit action the server writes has a name in English and in Chinese', async () => {
  const written = new Set<string>();
  const families = new Set<string>();
  for (const file of await sources(path.resolve('src'))) {
    const text = await fs.readFile(file, 'utf8');
    for (const m of text.matchAll(/action: (?:[^,}'`]*\? )?'([a-z_]+\.[a-z_.]+)'(?: : '([a-z_]+\.[a-z_.]+)')?/g)) {
      written.add(m[1]!);
      if (m[2] !== undefined) written.add(m[2]);
    }
    for (const m of text.matchAll(/action: `([a-z_]*)\.?\$\{/g)) families.add(m[1]!);
    for (const m of text.matchAll(/VALUES \('cli', '([a-z_]+\.[a-z_]+)'/g)) written.add(m[1]!);
  }
  expect(written.size).toBeGreaterThan(90);
  // The template families, from the values they are made of.
  for (const outcome of DISPUTE_OUTCOMES) written.add(`dispute.${outcome}`);
  for (const kind of Object.keys(REFERENCE_PREFIX)) written.add(`portal.${kind}`);
  for (const kind of ['placements', 'payments', 'recalls', 'contacts']) written.add(`import.${kind}`);
  for (const code of ['sms.queue', 'email.queue', 'outbox.cancel', 'outbox.retry', 'settlement.approve', 'settlement.reject', 'settlement.settled', 'settlement.lapsed']) written.add(code);
  expect([...families].sort()).toEqual(['', 'dispute', 'import', 'outbox', 'portal', 'settlement']);
  const missing = [...written].filter((code) => ACTION_NAMES[code] === undefined);
  expect(missing).toEqual([]);
  for (const [code, names] of Object.entries(ACTION_NAMES)) {
    expect(names.en.length, code).toBeGreaterThan(3);
    expect(names.zh, code).toMatch(/[\u4e00-\u9fff]/);
  }
  expect(actionName('user.sign_in', 'zh-CN')).toBe('登录');
  expect(actionName('user.sign_in', 'en')).toBe('Signed in');
  expect(actionName('something.new', 'en')).toBe('something.new');
  // Every group of actions the filter offers (the part before the dot) is named too.
  for (const prefix of new Set([...written].map((code) => code.slice(0, code.indexOf('.') + 1)))) {
    expect(groupName(prefix, 'zh-CN'), prefix).toMatch(/^[\u4e00-\u9fff].*（全部，[a-z_]+\.\*）$/);
  }
  expect(groupName('user.', 'en')).toBe('Users (all, user.*)');
});

it('every object an audit entry names has a name in English and in Chinese', async () => {
  const written = new Set<string>(['portfolio']); // the demo's load, written in SQL
  for (const file of await sources(path.resolve('src'))) {
    for (const m of (await fs.readFile(file, 'utf8')).matchAll(/entity: '([a-z_]+)'/g)) written.add(m[1]!);
  }
  expect(written.size).toBeGreaterThan(30);
  expect([...written].filter((code) => ENTITY_NAMES[code] === undefined)).toEqual([]);
  for (const [code, names] of Object.entries(ENTITY_NAMES)) {
    expect(names.en, code).not.toMatch(/_/);
    expect(names.zh, code).toMatch(/^[\u4e00-\u9fff]+$/);
  }
  expect(entityName('import_batch', 'zh-CN')).toBe('导入批次');
  expect(entityName('import_batch', 'en')).toBe('import batch');
  expect(entityName('something_new', 'en')).toBe('something_new');
});
