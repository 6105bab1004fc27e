import { once } from 'node:events';
import fs from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import type { Command } from 'commander';
import { evaluateSituationJson } from '../../domain/compliance/index.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { CLI_ACTOR } from '../../app/context.ts';
import { printJson, unreadableInput } from '../print.ts';

const HELP_AFTER = `
The situation and the decision are the JSON of docs/compliance.md. Exit status: 0 whether the
contact is allowed or not; 2 with a message for malformed input (unknown pack, bad instant,
unknown zone, missing field). With --jsonl a malformed line gives {"error": "..."} on its own
output line and the other lines are still judged (exit 0); blank lines are skipped.

Example:
  echo '{"pack":"CN","at":"2026-03-02T21:30:00+08:00","channel":"call","party":"debtor",
         "purpose":"collect","debtor":{"id":"D1","time_zones":["Asia/Shanghai"]},
         "account":{"id":"A1","creditor":"BANK1"}}' | leeway compliance evaluate`;

export function registerComplianceCommands(program: Command): void {
  const compliance = program.command('compliance').description('contact compliance: may this contact happen now, and if not, why and when');

  compliance
    .command('evaluate')
    .description('judge a contact situation (JSON on standard input or --input) and print the decision (JSON)')
    .option('--input <FILE>', 'read from FILE instead of standard input')
    .option('--jsonl', 'one situation per line in, one decision per line out, in order')
    .addHelpText('after', HELP_AFTER)
    .action(async (opts: { input?: string; jsonl?: boolean }) => {
      if (opts.jsonl === true) await evaluateLines(await openInput(opts.input));
      else printJson(evaluateSituationJson(parseSituationText(await readAll(await openInput(opts.input)), opts.input)));
    });

  compliance
    .command('review')
    .description("the rules and texts for the compliance officer (合规确认): each U item (not yet verified against the official text) and the officer's word on it")
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const [{ withRuntime }, { complianceReview }] = await Promise.all([import('../runtime.ts'), import('../../app/compliance/review.ts')]);
      const review = await withRuntime(command, ({ ctx }) => complianceReview(ctx, CLI_ACTOR));
      if (opts.json) { printJson(review); return; }
      const word = (c: { status: string; current: boolean; by: string } | null) =>
        c === null ? 'to check' : `${c.status}${c.current ? '' : ' (on an earlier reading: check again)'} by ${c.by}`;
      for (const r of review.rules.filter((x) => x.unverified !== null || x.confirmation !== null)) process.stdout.write(`${r.item}: ${word(r.confirmation)}\n`);
      for (const t of review.texts) process.stdout.write(`${t.item}: ${word(t.confirmation)}\n`);
      process.stdout.write(`${review.open} item(s) still to check\n`);
    });

  for (const [name, status, what] of [['confirm', 'confirmed', 'confirm the product\'s reading of'], ['question', 'questioned', 'question']] as const) {
    compliance
      .command(`${name} <ITEM>`)
      .description(`${what} a rule (US.massachusetts_calls) or text (US.text.rosenthal), saying what was checked; audited`)
      .requiredOption('--note <TEXT>', 'what was checked: the official text, its date, where it was read')
      .option('--json', 'print JSON')
      .action(async (item: string, opts: { note: string; json?: boolean }, command: Command) => {
        const [{ withRuntime }, { decideReviewItem }] = await Promise.all([import('../runtime.ts'), import('../../app/compliance/review.ts')]);
        const saved = await withRuntime(command, ({ ctx }) => decideReviewItem(ctx, CLI_ACTOR, item, { status, note: opts.note }));
        if (opts.json) printJson(saved);
        else process.stdout.write(`${item}: ${saved.status}\n`);
      });
  }
}

async function openInput(file: string | undefined): Promise<Readable> {
  if (file !== undefined && file !== '-') {
    let handle: Awaited<ReturnType<typeof fs.open>> | undefined;
    try {
      handle = await fs.open(file, 'r');
      // A directory opens, and fails only when read: said as any unreadable file is.
      if ((await handle.stat()).isDirectory()) throw Object.assign(new Error(`${file} is a directory`), { code: 'EISDIR' });
      return handle.createReadStream({ encoding: 'utf8' });
    } catch (error) {
      await handle?.close();
      throw unreadableInput(file, error);
    }
  }
  // Waiting on a terminal would look like a hang: say what the command expects instead.
  if (process.stdin.isTTY) {
    throw invalidInput({
      en: 'compliance evaluate reads a JSON situation on standard input; pipe one in or pass --input FILE',
      zh: 'compliance evaluate 从标准输入读取一个 JSON 联系情形；请用管道传入，或用 --input FILE 指定文件',
    }, 'input');
  }
  process.stdin.setEncoding('utf8');
  return process.stdin;
}

async function readAll(input: Readable): Promise<string> {
  let text = '';
  for await (const chunk of input) text += String(chunk);
  return text;
}

function parseSituationText(text: string, file: string | undefined): unknown {
  const source = file === undefined || file === '-' ? { en: 'standard input', zh: '标准输入' } : { en: file, zh: `文件 ${file} ` };
  if (text.trim() === '') {
    throw invalidInput({
      en: `The situation on ${source.en} is empty; send one JSON situation (see docs/compliance.md)`,
      zh: `${source.zh}中的联系情形为空；请发送一个 JSON 联系情形（见 docs/compliance.md）`,
    }, 'input');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const why = (error as Error).message;
    throw invalidInput({ en: `The situation on ${source.en} is not valid JSON: ${why}`, zh: `${source.zh}中的联系情形不是有效的 JSON：${why}` }, 'input');
  }
}

/** One decision line per situation line, streamed in order; a bad line reports itself and the rest go on. */
async function evaluateLines(input: Readable): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let pending: string[] = [];
  let size = 0;
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber++;
    if (line.trim() === '') continue;
    const out = judgeLine(line, lineNumber);
    pending.push(out);
    size += out.length;
    if (size >= 64 * 1024) {
      await write(pending.join(''));
      pending = [];
      size = 0;
    }
  }
  await write(pending.join(''));
}

function judgeLine(line: string, lineNumber: number): string {
  let situation: unknown;
  try {
    situation = JSON.parse(line) as unknown;
  } catch (error) {
    return JSON.stringify({ error: `line ${lineNumber}: not valid JSON (${(error as Error).message})` }) + '\n';
  }
  try {
    return JSON.stringify(evaluateSituationJson(situation)) + '\n';
  } catch (error) {
    const message = error instanceof AppError ? error.message : `internal error: ${error instanceof Error ? error.message : String(error)}`;
    return JSON.stringify({ error: `line ${lineNumber}: ${message}` }) + '\n';
  }
}

async function write(text: string): Promise<void> {
  if (text !== '' && !process.stdout.write(text)) await once(process.stdout, 'drain');
}
