import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CLI_ACTOR } from '../../app/context.ts';
import { resolveDataDir } from '../../config.ts';
import { nonNegativeInt, positiveInt } from './demo.ts';

export function registerStartCommand(program: Command): void {
  program.command('start')
    .description('start the server: database (embedded unless DATABASE_URL), migrations, demo portfolio the first time, API and web app')
    .option('--port <PORT>', 'HTTP port (default: $PORT or 3000)', positiveInt)
    .option('--host <HOST>', 'address to listen on (default: $HOST or 127.0.0.1)')
    .option('--no-demo', 'do not load the demo portfolio into an empty database')
    .option('--demo-accounts <N>', 'accounts in the first-time demo portfolio', positiveInt, 2000)
    .option('--demo-seed <S>', 'seed of the first-time demo portfolio', positiveInt, 1)
    .option('--demo-us-accounts <N>', "accounts of the demo's US bank, placed through its first file (0: none)", nonNegativeInt, 0)
    .option('--demo-payments <N>', "payments in the demo's Chinese banks' payment files, imported as the banks send them (0: none)", nonNegativeInt, 0)
    .action(async (opts: { port?: number; host?: string; demo: boolean; demoAccounts: number; demoSeed: number; demoUsAccounts: number; demoPayments: number },
      command: Command) => {
      const [{ default: pino }, { DEMO_PASSWORD, demoLogins, hasPortfolio, loadDemoPortfolio }, { buildServer, WEB_DIST }, { buildWeb }, { openRuntime }] =
        await Promise.all([import('pino'), import('../../app/demo/load-demo.ts'), import('../../http/server.ts'),
          import('../../http/build-web.ts'), import('../runtime.ts')]);
      const log = pino({ level: process.env.LOG_LEVEL ?? 'info' });
      const dataDir = resolveDataDir((command.optsWithGlobals() as { dataDir?: string }).dataDir);
      const port = opts.port ?? (process.env.PORT ? positiveInt(process.env.PORT) : 3000);
      const host = opts.host ?? process.env.HOST ?? '127.0.0.1';

      const rt = await openRuntime(dataDir, 'server', (line) => log.debug({ postgres: line }));
      log.info({ database: rt.db.kind, dataDir }, 'database ready, schema up to date');
      if (opts.demo && !(await hasPortfolio(rt.ctx))) {
        const summary = await loadDemoPortfolio(rt.ctx, CLI_ACTOR, { accounts: opts.demoAccounts, seed: opts.demoSeed });
        log.info({ accounts: summary.accounts, debtors: summary.debtors }, 'loaded the demo portfolio');
        if (opts.demoUsAccounts > 0) {
          const us = await (await import('../../app/demo/load-us-demo.ts')).loadUsDemo(rt.ctx, CLI_ACTOR, { accounts: opts.demoUsAccounts, seed: opts.demoSeed });
          log.info(us, "loaded the demo's US bank");
        }
        if (opts.demoPayments > 0) {
          const paid = await (await import('../../app/demo/load-demo-payments.ts')).loadDemoPayments(rt.ctx, CLI_ACTOR, { payments: opts.demoPayments, seed: opts.demoSeed });
          log.info(paid, "imported the demo banks' payment files");
        }
      }
      if (!existsSync(path.join(WEB_DIST, 'index.html'))) {
        log.info('building the web app (first start)');
        await buildWeb();
      }
      const channel = (await import('../../channels/index.ts')).channelFromEnv();
      const app = await buildServer(rt.ctx, { logger: { level: process.env.LOG_LEVEL ?? 'info', redact: ['req.headers.cookie'] }, channel });
      app.addHook('onClose', await (await import('../../jobs/index.ts')).startJobs(rt.ctx, log, channel));

      let stopping = false;
      const stop = async (signal: string) => {
        if (stopping) return;
        stopping = true;
        log.info({ signal }, 'shutting down');
        await app.close();
        await rt.db.close();
        process.stdout.write('Stopped: server and database shut down cleanly.\n');
        process.exit(0);
      };
      process.on('SIGINT', () => void stop('SIGINT'));
      process.on('SIGTERM', () => void stop('SIGTERM'));

      await app.listen({ port, host });
      const url = `http://${host === '0.0.0.0' ? 'localhost' : host}:${port}`;
      const logins = await demoLogins(rt.ctx);
      process.stdout.write(`\nLeeway is running at ${url}\n`);
      if (logins.length) {
        process.stdout.write(`Demo logins (password: ${DEMO_PASSWORD}):\n`);
        for (const l of logins) process.stdout.write(`  ${l.username.padEnd(20)} ${l.role}\n`);
      }
      process.stdout.write('Press Ctrl-C to stop.\n\n');
    });
}
