import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { CLI_ACTOR } from '../../app/context.ts';
import type { ImportDetails, ImportProgress, ImportRequest, ImportSummary } from '../../app/import/engine.ts';
import { localDateTimeIn } from '../../domain/calendar.ts';
import { importPayments } from '../../app/import/import-payments.ts';
import { importPlacements } from '../../app/import/import-placements.ts';
import { importRecalls } from '../../app/import/import-recalls.ts';
import { importContacts } from '../../app/import/import-contacts.ts';
import { invalidInput } from '../../domain/errors.ts';
import { printJson, withRuntime } from '../runtime.ts';

interface ImportOptions {
  creditor: string; mapping?: string; encoding: 'auto' | 'utf8' | 'gbk' | 'gb18030'; placementEnd?: string; sheet?: string;
  errors?: string; json?: boolean;
}

type ImportUseCase = typeof importPlacements;

const KINDS: Array<[name: string, what: string, useCase: ImportUseCase]> = [
  ['placements', 'new accounts and balance updates (委案)', importPlacements],
  ['payments', 'payments debtors made to the bank (还款)', importPayments],
  ['recalls', 'accounts the bank takes back (退案)', importRecalls],
  ['contacts', 'skip-trace results: numbers found for debtors (失联修复结果)', importContacts],
];

export function registerImportCommands(program: Command): void {
  const command = program.command('import').description('import a file: placements, payments, recalls or skip-trace results (CSV or XLSX; see docs/import.md)');
  for (const [kind, what, useCase] of KINDS) {
    command.command(`${kind} <FILE>`)
      .description(`import ${what}, e.g. leeway import ${kind} ${kind}.csv --creditor BANK1`)
      .requiredOption('--creditor <CODE>', 'the creditor bank the file comes from (see `leeway creditors list`)')
      .option('--mapping <MAPPING.json>', 'JSON from your bank\'s header names to ours, e.g. {"卡号": "account_no"}; stored on the creditor')
      .addOption(new Option('--encoding <ENCODING>', 'text encoding of a CSV file').choices(['auto', 'utf8', 'gbk', 'gb18030']).default('auto'))
      .option('--placement-end <YYYY-MM-DD>', 'when the placement ends (default: placement date + the contract\'s placement days, or 180)')
      .option('--sheet <NAME>', 'the worksheet of an XLSX file (default: the first)')
      .option('--errors <FILE>', 'where to write the rejected rows (default: FILE.errors.csv beside the file)')
      .option('--json', 'print one JSON summary: batch_id, file_sha256, rows, inserted, updated, unchanged, rejected, errors_file, seconds')
      .action(async (file: string, opts: ImportOptions, cmd: Command) => {
        const request: ImportRequest = {
          filePath: path.resolve(file), creditor: opts.creditor, encoding: opts.encoding,
          mappingJson: opts.mapping === undefined ? undefined : await readMapping(opts.mapping),
          placementEnd: opts.placementEnd, sheet: opts.sheet, errorsPath: opts.errors === undefined ? undefined : path.resolve(opts.errors),
        };
        const bar = !opts.json && process.stderr.isTTY ? progressBar() : undefined;
        const result = await withRuntime(cmd, async ({ ctx }) => ({ ...await useCase(ctx, CLI_ACTOR, request, bar?.update), zone: ctx.agencyZone }))
          .finally(() => bar?.done());
        if (opts.json) printJson(result.summary);
        else process.stdout.write(describe(result.summary, result.details, opts, result.zone));
      });
  }
}

async function readMapping(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    throw invalidInput({ en: `Cannot read the mapping file ${file}: check the path`, zh: `无法读取列映射文件 ${file}：请检查路径` }, 'mapping');
  }
}

const number = (n: number) => n.toLocaleString('en-US');

/** The summary in words; `zone`: the agency's, whose day an earlier import of the same file is dated by. */
function describe(s: ImportSummary, d: ImportDetails, opts: Pick<ImportOptions, 'placementEnd' | 'sheet'>, zone: string): string {
  const lines = [`${d.kind} from ${d.fileName} for ${d.creditor}: batch ${s.batch_id}, ${d.format.toUpperCase()}` +
    (d.format === 'csv' ? `, ${d.encodingNote}` : '')];
  if (d.duplicateOf) {
    lines.push(`This file was already imported as batch ${d.duplicateOf.id} on ${localDateTimeIn(d.duplicateOf.at.getTime(), zone).date}: nothing changed.`);
    // Options that act while the rows are read did nothing, the file not being read again: said, not left to be believed.
    const unused = [opts.placementEnd !== undefined ? '--placement-end' : null, opts.sheet !== undefined ? '--sheet' : null].filter((o) => o !== null);
    if (unused.length) {
      lines.push(`${unused.join(' and ')} had no effect: the file was not read again` +
        (opts.placementEnd !== undefined ? ' (to move a placement\'s last day: leeway placements extend).' : '.'));
    }
  }
  const width = Math.max(...[s.rows, s.inserted, s.updated, s.unchanged, s.rejected].map((n) => number(n).length));
  const row = (label: string, n: number, note = '') => `  ${label.padEnd(10)} ${number(n).padStart(width)}${note}`;
  lines.push(row('rows', s.rows), row('inserted', s.inserted), row('updated', s.updated), row('unchanged', s.unchanged),
    row('rejected', s.rejected, !s.errors_file ? ''
      // A file imported before through the web: its rejected rows are kept with that batch, not in a file here.
      : d.duplicateOf && !existsSync(s.errors_file) ? `  -> kept with batch ${d.duplicateOf.id} (the Imports screen, or GET /api/imports/${d.duplicateOf.id}/errors)`
      : `  -> ${s.errors_file} (each with row_number, column, reason)`));
  if (s.rows === 0 && !d.duplicateOf) {
    lines.push("  The file has a header but no rows: there was nothing to import (a bank's file for a day with no payments or recalls looks like this; if rows were expected, export it again).");
  }
  if (d.contactsAdded) lines.push(`  ${number(d.contactsAdded)} new contact ${d.contactsAdded === 1 ? 'point' : 'points'}`);
  if (d.unusedHeaders.length) lines.push(`  ignored columns: ${d.unusedHeaders.join(', ')}`);
  lines.push(`  ${s.seconds.toFixed(2)} s`);
  return lines.join('\n') + '\n';
}

/** rows, rows/s and ETA on the terminal (stderr), redrawn at most ten times a second. */
function progressBar(): { update: (p: ImportProgress) => void; done: () => void } {
  const start = Date.now();
  let last = 0;
  let drawn = false;
  return {
    update(p) {
      const now = Date.now();
      if (now - last < 100 && p.phase === 'reading') return;
      last = now;
      const elapsed = Math.max((now - start) / 1000, 0.001);
      const rate = p.rows / elapsed;
      const fraction = p.totalBytes && p.bytesRead ? Math.min(1, p.bytesRead / p.totalBytes) : undefined;
      const width = 30;
      const bar = fraction === undefined ? '' : `[${'#'.repeat(Math.round(fraction * width)).padEnd(width, '.')}] ${Math.floor(fraction * 100)}% `;
      const eta = fraction && fraction < 1 ? ` ETA ${Math.ceil(elapsed * (1 - fraction) / fraction)}s` : '';
      const phase = p.phase === 'committing' ? ' committing...' : '';
      process.stderr.write(`\r${bar}${number(p.rows)} rows ${number(Math.round(rate))} rows/s${eta}${phase}\x1b[K`);
      drawn = true;
    },
    done() {
      if (drawn) process.stderr.write('\r\x1b[K');
    },
  };
}
