import fs from 'node:fs/promises';
import type { Command } from 'commander';
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
