import type { Command } from 'commander';
import { openDatabase } from '../../db/database.ts';
import { migrate } from '../../db/migrate.ts';
import { dataDirOf, printJson } from '../runtime.ts';

export function registerMigrateCommand(program: Command): void {
  program.command('migrate')
    .description('apply pending database migrations (checks the applied ones are unchanged)')
    .option('--json', 'print {"applied": [...], "current": N}')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const db = await openDatabase({ dataDir: dataDirOf(command) });
      try {
        const client = await db.pool.connect();
        try {
          const result = await migrate(client);
          if (opts.json) printJson(result);
          else process.stdout.write(result.applied.length
            ? `Applied ${result.applied.join(', ')}; schema at version ${result.current}\n`
            : `Schema is up to date (version ${result.current})\n`);
        } finally { client.release(); }
      } finally {
        await db.close();
      }
    });
}
