import type { Command } from 'commander';
import { CLI_ACTOR } from '../../app/context.ts';
import { printJson } from '../print.ts';

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('the append-only, hash-chained audit log');
  audit.command('verify')
    .description('recompute the hash chain; exits 1 and names the rows when any was tampered with')
    .option('--json', 'print {"ok", "rows", "breaks": [{"id", "problem"}]}')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const [{ withRuntime }, { verifyAuditLog }] = await Promise.all([import('../runtime.ts'), import('../../app/audit/verify-audit.ts')]);
      const result = await withRuntime(command, ({ ctx }) => verifyAuditLog(ctx, CLI_ACTOR));
      if (opts.json) printJson(result);
      else if (result.ok) process.stdout.write(`Audit log intact: ${result.rows} rows, chain verified\n`);
      else {
        process.stdout.write(`Audit log TAMPERED: ${result.breaks.length} of ${result.rows} rows fail the chain\n`);
        for (const b of result.breaks.slice(0, 20)) process.stdout.write(`  row ${b.id}: ${b.problem.replace(/_/g, ' ')}\n`);
      }
      if (!result.ok) process.exitCode = 1;
    });

  audit.command('list')
    .description('the newest entries first, e.g. leeway audit list --action pii.reveal --from 2026-03-01')
    .option('--action <ACTION>', 'an action, or every action under a prefix ending in "." (user.)')
    .option('--actor <USERNAME>', 'who did it')
    .option('--from <DATE>', 'from this local date (YYYY-MM-DD)')
    .option('--to <DATE>', 'to this local date, inclusive')
    .option('--before <ID>', 'only entries older than this id (the page before ends with it)')
    .option('--limit <N>', 'how many (1-200)', '50')
    .option('--json', 'print {"items", "next_before"}')
    .action(async (opts: { action?: string; actor?: string; from?: string; to?: string; before?: string; limit: string; json?: boolean },
      command: Command) => {
      const [{ withRuntime }, { listAudit }] = await Promise.all([import('../runtime.ts'), import('../../app/audit/list-audit.ts')]);
      const page = await withRuntime(command, ({ ctx }) => listAudit(ctx, CLI_ACTOR,
        { action: opts.action, actor: opts.actor, from: opts.from, to: opts.to, limit: Number(opts.limit) || 50,
          before: opts.before === undefined ? undefined : Number(opts.before) || undefined }));
      if (opts.json) { printJson(page); return; }
      for (const e of page.items) {
        process.stdout.write(`${String(e.id).padStart(7)}  ${e.at}  ${e.actor.padEnd(14)}  ${e.action.padEnd(24)}  ${e.entity}${e.entity_id ? ` ${e.entity_id}` : ''}` +
          `  ${JSON.stringify(e.detail)}\n`);
      }
      if (page.next_before !== null) process.stdout.write(`(older entries: --before ${page.next_before})\n`);
    });
}
