import fs from 'node:fs/promises';
import type { Command } from 'commander';
import { CLI_ACTOR } from '../../app/context.ts';
import { isLocalDate } from '../../domain/calendar.ts';
import { invalidInput } from '../../domain/errors.ts';
import { parsePlanQuoteRequest, quotePlan } from '../../domain/hardship/plan.ts';
import { printJson } from '../print.ts';

export function registerHardshipCommands(program: Command): void {
  const hardship = program.command('hardship').description('hardship (停息挂账) instalment plans');

  hardship.command('quote')
    .description('print the instalment schedule for a plan request (JSON in, JSON out; see docs/hardship.md)')
    .option('--input <FILE>', 'read the request from FILE instead of standard input')
    .action(async (opts: { input?: string }) => {
      const text = await readRequestText(opts.input);
      printJson(quotePlan(parsePlanQuoteRequest(parseJson(text, opts.input))));
    });

  hardship.command('evaluate')
    .description('expire applications past their decision deadline and match active plans with payments (default, complete); the nightly job runs the same')
    .option('--date <YYYY-MM-DD>', 'business date to evaluate as of (default: today in the agency zone)')
    .option('--json', 'print the summary as JSON')
    .action(async (opts: { date?: string; json?: boolean }, command: Command) => {
      if (opts.date !== undefined && !isLocalDate(opts.date)) throw invalidInput(`--date must be a date YYYY-MM-DD; got ${opts.date}`, 'date');
      const [{ withRuntime }, { evaluatePlans }] = await Promise.all([import('../runtime.ts'), import('../../app/hardship/evaluate-plans.ts')]);
      const summary = await withRuntime(command, ({ ctx }) => evaluatePlans(ctx, opts.date, CLI_ACTOR));
      if (opts.json) { printJson(summary); return; }
      process.stdout.write(`Hardship as of ${summary.date}: ${summary.applications_expired} applications expired; ` +
        `${summary.plans_checked} active plans checked, ${summary.plans_defaulted} defaulted, ${summary.plans_completed} completed\n`);
    });
}

async function readRequestText(file: string | undefined): Promise<string> {
  if (file !== undefined && file !== '-') {
    try {
      return await fs.readFile(file, 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
      throw invalidInput(`--input ${file}: cannot read the file (${reason})`, 'input');
    }
  }
  // Waiting on a terminal would look like a hang: say what the command expects instead.
  if (process.stdin.isTTY) throw invalidInput('hardship quote reads a JSON request on standard input; pipe one in or pass --input FILE', 'input');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string, file: string | undefined): unknown {
  const source = file === undefined || file === '-' ? 'standard input' : file;
  if (text.trim() === '') throw invalidInput(`The plan request on ${source} is empty; send a JSON object like {"pack":"CN","principal_fen":5000000,...}`, 'input');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw invalidInput(`The plan request on ${source} is not valid JSON: ${(error as Error).message}`, 'input');
  }
}
