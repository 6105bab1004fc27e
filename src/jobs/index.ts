/**
 * Scheduled work on pg-boss, on the server's own database (no other broker): the night's work
 * (runNightly: the strategy run, docs/strategy.md, after the zones of phones kept before migration
 * 0040 and the recall of placements whose term ended, then the files for the banks when LEEWAY_EXPORT_DIR is set (docs/exports.md), ending with
 * personal data erasure (docs/privacy.md) and, when LEEWAY_BACKUP_DIR is set, the nightly backup); and message dispatch (docs/messages.md), every minute and
 * whenever a message is queued. The server starts them with `startJobs` and stops them on
 * shutdown with the function it returns.
 */
import PgBoss from 'pg-boss';
import { channelFromEnv, type ChannelAdapter } from '../channels/index.ts';
import type { PoolClient } from '../db/pool.ts';
import { dispatchOutbox } from '../app/messages/dispatch-outbox.ts';
import type { Actor, AppContext } from '../app/context.ts';
import { nightlyOptionsFromEnv, runNightly } from '../app/nightly.ts';

export const STRATEGY_QUEUE = 'strategy-run';
/** 01:30 in the agency's zone: after midnight's payment files, before the collectors' day. */
export const STRATEGY_CRON = '30 1 * * *';

export const DISPATCH_QUEUE = 'outbox-dispatch';
/** Every minute: deferred messages and those queued for a later time become due. */
export const DISPATCH_CRON = '* * * * *';
/** Messages one dispatch job sends before it hands over to the next job (jobs stay short). */
const DISPATCH_BATCH = 2_000;

/** Who the scheduled run acts as, in the audit log. */
export const JOBS_ACTOR: Actor = { userId: null, username: 'system', role: 'admin', teamId: null, creditorId: null };

export interface JobsLog {
  info(detail: object, message: string): void;
  error(detail: object, message: string): void;
}

export interface Jobs { boss: PgBoss; stop(): Promise<void> }

/** Creates the queues and schedules and starts the workers. */
export async function createJobs(ctx: AppContext, log: JobsLog,
  options: { pollingIntervalSeconds?: number; channel?: ChannelAdapter; exportDir?: string | null; backupDir?: string | null } = {}): Promise<Jobs> {
  const channel = options.channel ?? channelFromEnv();
  // The files for the banks (docs/exports.md) and the backup, each night when the agency names where.
  const fromEnv = nightlyOptionsFromEnv();
  const night = { ...fromEnv, ...(options.exportDir === undefined ? {} : { exportDir: options.exportDir }),
    ...(options.backupDir === undefined ? {} : { backupDir: options.backupDir }) };
  const boss = new PgBoss({ db: { executeSql: (text, values) => ctx.pool.query(text, values) }, schema: 'pgboss' });
  boss.on('error', (error) => log.error({ err: error }, 'job queue error'));
  await boss.start();
  // singleton: a run that is still going when the next one is due is not joined by a second.
  await boss.createQueue(STRATEGY_QUEUE, { name: STRATEGY_QUEUE, policy: 'singleton', retryLimit: 2, retryDelay: 300, expireInSeconds: 3 * 3600 });
  await boss.schedule(STRATEGY_QUEUE, STRATEGY_CRON, {}, { tz: ctx.agencyZone });
  await boss.work<{ date?: string }>(STRATEGY_QUEUE, { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 10 }, async (jobs) => {
    for (const job of jobs) {
      await runNightly(ctx, JOBS_ACTOR, { ...night, ...(job.data?.date === undefined ? {} : { date: job.data.date }) },
        (step) => log.info({ job: job.id, ...step.detail }, step.message));
    }
  });

  // stately: at most one dispatch waiting and one running, however many messages wake it.
  await boss.createQueue(DISPATCH_QUEUE, { name: DISPATCH_QUEUE, policy: 'stately', retryLimit: 0, expireInSeconds: 3600 });
  await boss.schedule(DISPATCH_QUEUE, DISPATCH_CRON, {}, { tz: ctx.agencyZone });
  await boss.work(DISPATCH_QUEUE, { pollingIntervalSeconds: Math.min(1, options.pollingIntervalSeconds ?? 1) }, async (jobs) => {
    for (const job of jobs) {
      const summary = await dispatchOutbox(ctx, channel, { max: DISPATCH_BATCH });
      if (Object.values(summary).some((v) => v > 0)) log.info({ job: job.id, adapter: channel.name, ...summary }, 'outbox dispatched');
      if (Object.values(summary).reduce((a, b) => a + b, 0) >= DISPATCH_BATCH) await boss.send(DISPATCH_QUEUE, {});   // more are due
    }
  });
  // A queued message notifies 'leeway_outbox' at commit (migration 0024): dispatch at once.
  // A lost connection (the database restarted) is listened on again; meanwhile the minute's run covers.
  let listener: { client: PoolClient; drop(error?: Error): void } | undefined;
  let stopped = false;
  const listen = async (): Promise<void> => {
    try {
      const client = await ctx.pool.connect();
      let dropped = false;
      // The connection is never handed back to the pool with these handlers on it: it is closed.
      const drop = (error?: Error): void => {
        if (dropped) return;
        dropped = true;
        client.removeAllListeners('notification');
        client.removeAllListeners('error');
        client.on('error', () => {});   // a late error of the closed connection is nobody's
        client.release(error ?? true);
      };
      client.on('notification', () => { boss.send(DISPATCH_QUEUE, {}).catch((error: unknown) => log.error({ err: error }, 'could not wake the dispatcher')); });
      client.on('error', (error) => {
        log.error({ err: error }, 'lost the outbox listener; listening again in 5 s');
        drop(error);
        if (listener?.client === client) listener = undefined;
        if (!stopped) setTimeout(() => void listen(), 5_000).unref();
      });
      if (stopped) { drop(); return; }
      await client.query('LISTEN leeway_outbox');
      listener = { client, drop };
    } catch (error) {
      log.error({ err: error }, 'could not listen for queued messages; trying again in 5 s');
      if (!stopped) setTimeout(() => void listen(), 5_000).unref();
    }
  };
  await listen();

  return {
    boss,
    stop: async () => {
      stopped = true;
      const current = listener;
      listener = undefined;
      if (current) {
        await current.client.query('UNLISTEN leeway_outbox').catch(() => {});
        current.drop();
      }
      await boss.stop({ graceful: true, wait: true, timeout: 60_000 });
    },
  };
}

/** Starts the scheduled jobs; returns the function that stops them. */
export async function startJobs(ctx: AppContext, log: JobsLog, channel?: ChannelAdapter): Promise<() => Promise<void>> {
  const jobs = await createJobs(ctx, log, channel === undefined ? {} : { channel });
  log.info({ queue: STRATEGY_QUEUE, cron: STRATEGY_CRON, zone: ctx.agencyZone }, 'nightly strategy run scheduled');
  const adapter = channel ?? channelFromEnv();
  log.info({ queue: DISPATCH_QUEUE, adapter: adapter.name, email_adapter: adapter.emailName ?? 'local' }, 'message dispatch started');
  return jobs.stop;
}
