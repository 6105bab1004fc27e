import type { Command } from 'commander';
import { resolveDataDir } from '../../config.ts';
import { printJson } from '../print.ts';

export function registerMigrateCommand(program: Command): void {
  program.command('migrate')
    .description('apply pending database migrations (checks the applied ones are unchanged)')
    .option('--json', 'print {"applied": [...], "current": N}')
    .action(async (opts: { json?: boolean }, command: Command) => {
      const [{ openDatabase }, { migrate }] = await Promise.all([import('../../db/database.ts'), import('../../db/migrate.ts')]);
      const db = await openDatabase({ dataDir: resolveDataDir((command.optsWithGlobals() as { dataDir?: string }).dataDir) });
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
