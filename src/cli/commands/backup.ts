import { existsSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '../../domain/errors.ts';
import type { Command } from 'commander';
import { CLI_ACTOR } from '../../app/context.ts';
import { printJson } from '../print.ts';

/** `leeway backup` and `leeway restore` (备份/恢复): the whole database to a directory, and back into an empty one (src/app/backup/backup.ts). */
export function registerBackupCommands(program: Command): void {
  program.command('backup')
    .description('back the whole database up to a new directory (one consistent moment, while Leeway keeps running): a file per table and a manifest; '
      + 'the personal data stays sealed under the data key, which is not in the backup: keep <data dir>/data.key (or LEEWAY_DATA_KEY) apart')
    .requiredOption('--out <DIR>', 'a new (or empty) directory for the backup')
    .option('--json', 'print {"dir", "tables", "rows", "bytes", "seconds"}')
    .action(async (opts: { out: string; json?: boolean }, command: Command) => {
      const [{ withRuntime }, { backupDatabase }] = await Promise.all([import('../runtime.ts'), import('../../app/backup/backup.ts')]);
      const summary = await withRuntime(command, ({ ctx }) => backupDatabase(ctx, CLI_ACTOR, { dir: opts.out }));
      if (opts.json) { printJson(summary); return; }
      process.stdout.write(`Backed up ${summary.tables} tables (${summary.rows} rows, ${(summary.bytes / 1e6).toFixed(1)} MB) to ${summary.dir} in ${summary.seconds} s.\n`
        + 'Keep the data key (data.key in the data directory, or LEEWAY_DATA_KEY) apart from the backup: the personal data in it cannot be read without it.\n');
    });
  program.command('restore')
    .description('restore a backup into a database that holds no Leeway data yet (a new --data-dir, or an empty DATABASE_URL), under the same data key: '
      + "every file is checked first, the database brought to the backup's schema, all of it loaded in one transaction (or nothing), then upgraded to this version's schema")
    .argument('<DIR>', 'the backup directory (made by leeway backup)')
    .option('--json', 'print {"dir", "tables", "rows", "bytes", "seconds"}')
    .action(async (dir: string, opts: { json?: boolean }, command: Command) => {
      const [{ withRuntime, dataDirOf }, { restoreDatabase }] = await Promise.all([import('../runtime.ts'), import('../../app/backup/backup.ts')]);
      // The backed-up installation's key first: opening the data directory without one would make a new key (and a database) the backup is not sealed under.
      const dataDir = dataDirOf(command);
      if (!process.env.LEEWAY_DATA_KEY && !existsSync(path.join(dataDir, 'data.key'))) {
        throw new AppError('INVALID_INPUT', {
          en: `Restoring needs the data key of the installation that made the backup: put it in ${path.join(dataDir, 'data.key')} (or set LEEWAY_DATA_KEY), then run leeway restore again; nothing was created or restored`,
          zh: `恢复需要生成该备份的系统的数据密钥：请把它放到 ${path.join(dataDir, 'data.key')}（或设置 LEEWAY_DATA_KEY），再运行 leeway restore；未创建或恢复任何数据`,
        }, { field: 'key' });
      }
      // Not migrated first: a restore brings the database to its backup's schema, loads it, then upgrades it.
      const summary = await withRuntime(command, ({ ctx }) => restoreDatabase(ctx, CLI_ACTOR, { dir }), { migrate: false });
      if (opts.json) { printJson(summary); return; }
      process.stdout.write(`Restored ${summary.tables} tables (${summary.rows} rows) from ${summary.dir} in ${summary.seconds} s.\n`
        + (summary.upgraded?.length ? `Then brought it to this version's schema: ${summary.upgraded.join(', ')}.\n` : ''));
    });
}
