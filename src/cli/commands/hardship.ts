import fs from 'node:fs/promises';
import type { Command } from 'commander';
import { CLI_ACTOR } from '../../app/context.ts';
import { isLocalDate } from '../../domain/calendar.ts';
import { invalidInput } from '../../domain/errors.ts';
import { HARDSHIP_REASONS } from '../../domain/hardship/application.ts';
import { parsePlanQuoteRequest, quotePlan } from '../../domain/hardship/plan.ts';
import type { ProgrammeRow } from '../../db/hardship-repository.ts';
import { printJson, unreadableInput } from '../print.ts';
import { positiveInt } from './demo.ts';

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
      if (opts.date !== undefined && !isLocalDate(opts.date)) {
        throw invalidInput({ en: `--date must be a date YYYY-MM-DD; got ${opts.date}`, zh: `--date 必须是 YYYY-MM-DD 格式的日期；实际为 ${opts.date}` }, 'date');
      }
      const [{ withRuntime }, { evaluatePlans }] = await Promise.all([import('../runtime.ts'), import('../../app/hardship/evaluate-plans.ts')]);
      const { refuseDayToCome } = await import('../../app/business-date.ts');
      const summary = await withRuntime(command, ({ ctx }) => {
        refuseDayToCome(ctx, opts.date, { en: 'The hardship evaluation', zh: '评估停息挂账' });
        return evaluatePlans(ctx, opts.date, CLI_ACTOR);
      });
      if (opts.json) { printJson(summary); return; }
      process.stdout.write(`Hardship as of ${summary.date}: ${summary.applications_expired} applications expired; ` +
        `${summary.plans_checked} active plans checked, ${summary.plans_defaulted} defaulted, ${summary.plans_completed} completed\n`);
    });

  const programmes = hardship.command('programmes')
    .description('hardship programmes for suspensions (a region\'s epidemic or disaster): they pre-fill the covered debtors\' applications');
  programmes.command('list')
    .description('open programmes, newest first')
    .option('--all', 'include closed ones')
    .option('--json', 'print a JSON array')
    .action(async (opts: { all?: boolean; json?: boolean }, command: Command) => {
      const [{ withRuntime }, app] = await Promise.all([import('../runtime.ts'), import('../../app/hardship/programmes.ts')]);
      const rows = await withRuntime(command, ({ ctx }) => app.programmes(ctx, CLI_ACTOR, { includeClosed: opts.all ?? false }));
      if (opts.json) { printJson(rows); return; }
      if (!rows.length) { process.stdout.write(opts.all ? 'No hardship programmes\n' : 'No open hardship programmes\n'); return; }
      for (const p of rows) process.stdout.write(`${programmeLine(p)}\n`);
    });
  programmes.command('open')
    .description('open a programme for a suspension that is in force or scheduled')
    .requiredOption('--suspension <ID>', 'the suspension it is for (see `leeway suspensions list`)', positiveInt)
    .requiredOption('--evidence-note <TEXT>', 'what stands as evidence for the debtors it covers, e.g. the official notice')
    .option('--name <TEXT>', 'a name (default: the suspension\'s reason)')
    .option('--reason <REASON>', `the applications' reason: ${HARDSHIP_REASONS.join(', ')} (default disaster)`)
    .option('--json', 'print the programme as JSON')
    .action(async (opts: { suspension: number; evidenceNote: string; name?: string; reason?: string; json?: boolean }, command: Command) => {
      const [{ withRuntime }, app] = await Promise.all([import('../runtime.ts'), import('../../app/hardship/programmes.ts')]);
      const opened = await withRuntime(command, ({ ctx }) => app.openProgramme(ctx, CLI_ACTOR, { suspensionId: opts.suspension,
        name: opts.name ?? null, ...(opts.reason !== undefined ? { reason: opts.reason } : {}), evidenceNote: opts.evidenceNote }));
      if (opts.json) printJson(opened);
      else process.stdout.write(`Opened ${programmeLine(opened)}\n`);
    });
  programmes.command('close <ID>')
    .description('close a programme: new applications can no longer name it')
    .option('--json', 'print the programme as JSON')
    .action(async (id: string, opts: { json?: boolean }, command: Command) => {
      const [{ withRuntime }, app] = await Promise.all([import('../runtime.ts'), import('../../app/hardship/programmes.ts')]);
      const closed = await withRuntime(command, ({ ctx }) => app.closeProgramme(ctx, CLI_ACTOR, positiveInt(id)));
      if (opts.json) printJson(closed);
      else process.stdout.write(`Closed ${programmeLine(closed)}\n`);
    });
}

function programmeLine(p: ProgrammeRow): string {
  return `programme ${p.id}  ${p.closed_at ? 'closed' : 'open'}  ${p.name}  (${p.reason}; suspension ${p.suspension_id}: ${p.scope} ${p.code} ` +
    `${p.from_date} .. ${p.to_date ?? 'open'})  evidence: ${p.evidence_note}`;
}

async function readRequestText(file: string | undefined): Promise<string> {
  if (file !== undefined && file !== '-') {
    try {
      return await fs.readFile(file, 'utf8');
    } catch (error) {
      throw unreadableInput(file, error);
    }
  }
  // Waiting on a terminal would look like a hang: say what the command expects instead.
  if (process.stdin.isTTY) {
    throw invalidInput({
      en: 'hardship quote reads a JSON request on standard input; pipe one in or pass --input FILE',
      zh: 'hardship quote 从标准输入读取一个 JSON 分期计划请求；请用管道传入，或用 --input FILE 指定文件',
    }, 'input');
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string, file: string | undefined): unknown {
  const source = file === undefined || file === '-' ? { en: 'standard input', zh: '标准输入' } : { en: file, zh: `文件 ${file} ` };
  if (text.trim() === '') {
    throw invalidInput({
      en: `The plan request on ${source.en} is empty; send a JSON object like {"pack":"CN","principal_fen":5000000,...}`,
      zh: `${source.zh}中的分期计划请求为空；请发送一个 JSON 对象，如 {"pack":"CN","principal_fen":5000000,...}`,
    }, 'input');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const why = (error as Error).message;
    throw invalidInput({ en: `The plan request on ${source.en} is not valid JSON: ${why}`, zh: `${source.zh}中的分期计划请求不是有效的 JSON：${why}` }, 'input');
  }
}
