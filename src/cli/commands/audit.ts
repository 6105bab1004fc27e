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
}
