/**
 * The night's work, in its order: what `leeway start` schedules at 01:30 (src/jobs) and what
 * `leeway nightly` runs by hand (a night the server was down, or an agency that schedules it
 * itself). Each step reports as it ends, to the job's log or the command's output.
 */
import type { Actor, AppContext } from './context.ts';
import { businessDate } from './business-date.ts';
import { EXPORT_ENCODINGS, oneOf, type ExportEncoding } from './exports/files.ts';
import { nightsToKeep } from './backup/backup.ts';

export interface NightlyOptions {
  /** The business date the run is for (default: today in the agency's zone). */
  date?: string;
  /** Where the files for the banks go (LEEWAY_EXPORT_DIR); null: none written. */
  exportDir: string | null;
  exportEncoding: ExportEncoding;
  /** Where the nightly backup goes (LEEWAY_BACKUP_DIR), and how many nights it keeps; null: none made. */
  backupDir: string | null;
  backupKeep: number;
}

/** Where the night's files and backup go, as the server's environment says (README, "Configuration"). */
export function nightlyOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): Omit<NightlyOptions, 'date'> {
  return {
    exportDir: env.LEEWAY_EXPORT_DIR || null,
    exportEncoding: oneOf(env.LEEWAY_EXPORT_ENCODING || undefined, EXPORT_ENCODINGS, 'utf8', 'LEEWAY_EXPORT_ENCODING'),
    backupDir: env.LEEWAY_BACKUP_DIR || null,
    backupKeep: nightsToKeep(env.LEEWAY_BACKUP_KEEP),
  };
}

/** One step done: its name (as the docs and the summary name it), what it did, and the log's words for it. */
export interface NightlyStep { step: string; detail: Record<string, unknown>; message: string }

/**
 * Runs the night: contact zones; recalls of placements whose term ended (before anything is judged);
 * hardship plans (a plan that defaulted puts its account back in tonight's run); settlements (an
 * account settled by last night's payments drops out); the strategy run; the collectors' queues;
 * the month-end snapshot; the files for the banks; personal data erasure; the backup (after the
 * erasure, so it holds no one erased tonight). `onStep` hears each as it ends.
 */
export async function runNightly(ctx: AppContext, actor: Actor, options: NightlyOptions, onStep: (step: NightlyStep) => void = () => {}): Promise<NightlyStep[]> {
  const steps: NightlyStep[] = [];
  const done = (step: string, detail: object, message: string) => {
    const s = { step, detail: { ...detail } as Record<string, unknown>, message };
    steps.push(s);
    onStep(s);
  };
  const { date } = options;
  const onDate = date === undefined ? {} : { date };
  // Phones and US addresses kept before their zones were get them, so tonight's run judges their debtors' hours by them.
  done('zones', await (await import('./compliance/fill-zones.ts')).fillContactZones(ctx), 'contact zones filled');
  // Placements whose term ended: their accounts still in collection are recalled (到期退案) before anything else is judged.
  const ended = await (await import('./placements/placements.ts')).recallEndedPlacements(ctx, actor, onDate);
  done('recalls', { date: ended.date, placements: ended.placements.length, recalled: ended.recalled }, 'placements at term end recalled (docs/import.md)');
  done('plans', await (await import('./hardship/evaluate-plans.ts')).evaluatePlans(ctx, date, actor), 'hardship evaluation done');
  const settlements = await (await import('./cases/evaluate-settlements.ts')).evaluateSettlements(ctx, actor, onDate);
  done('settlements', { date: settlements.date, settled: settlements.settled, lapsed: settlements.lapsed }, 'settlements judged');
  const { summary, smsBlockedByRule } = await (await import('./strategy/run-strategy.ts')).runStrategy(ctx, actor, onDate);
  done('strategy', { ...summary, sms_blocked_by_rule: smsBlockedByRule }, 'strategy run done');
  // The run marked every queue stale: build them now, not on each collector's first request.
  done('queues', await (await import('./workstation/prepare-queues.ts')).prepareQueues(ctx), 'collector queues built');
  done('month_end', await (await import('./reports/take-month-end.ts')).takeMonthEndSnapshot(ctx, actor, date === undefined ? {} : { month: date.slice(0, 7) }),
    'month-end buckets taken (docs/reports.md)');
  if (options.exportDir !== null) {
    const run = await (await import('./exports/bank-files.ts')).writeBankFiles(ctx, actor, options.exportDir, { encoding: options.exportEncoding });
    done('bank_files', { ...run, files: run.files.length }, 'files for the banks written (docs/exports.md)');
  }
  // Personal data of debtors whose entrustment ended longer ago than the retention period, judged on the
  // run's date, or today for a run for a day to come (erasure is for good: never ahead of the clock).
  const erasedOn = date === undefined || date > businessDate(ctx) ? {} : { date };
  done('erasure', await (await import('./privacy/erase-personal-data.ts')).erasePersonalData(ctx, actor, erasedOn), 'personal data erased (docs/privacy.md)');
  if (options.backupDir !== null) {
    const run = await (await import('./backup/backup.ts')).nightlyBackup(ctx, actor, { root: options.backupDir, date: date ?? businessDate(ctx), keep: options.backupKeep });
    done('backup', { ...run }, 'nightly backup (README, "Data safety")');
  }
  return steps;
}
