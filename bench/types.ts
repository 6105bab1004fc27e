import type pg from 'pg';

/** One line of `npm run bench` output. */
export interface BenchResult {
  bench: string;
  rows: number;
  seconds: number;
  rows_per_s: number;
  peak_rss_mb?: number;
  /** The physical limit measured in the same run (e.g. a raw COPY of the same rows). */
  baseline_seconds?: number;
  /** seconds / baseline_seconds: 1.0 means as fast as the limit. */
  ratio?: number;
  [extra: string]: unknown;
}

export interface BenchContext {
  /** --rows N from the command line, if given. */
  rows: number | undefined;
  /** A throwaway, migrated database (only for benches with needsDatabase). */
  pool: pg.Pool | undefined;
}

export interface Bench {
  name: string;
  needsDatabase: boolean;
  run(ctx: BenchContext): Promise<BenchResult[]>;
}
