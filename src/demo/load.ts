import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { PiiCipher } from '../db/pii.ts';
import { AppError } from '../domain/errors.ts';
import { maskAccountNo, maskContact, maskIdNumber } from '../domain/masking.ts';
import { demoSetup, generatePortfolio, validateDemoOptions, type DemoBatch, type DemoRole, type DemoSetup, type RegionRow } from './generate.ts';

/**
 * Loads the demo portfolio inside the caller's transaction.
 *
 * Small tables (banks, contracts, teams, territories, users, placements) go in with plain
 * INSERT ... RETURNING. The bulk tables stream through COPY FROM STDIN: rows are generated in
 * small batches (so objects die young), rendered straight into COPY text (PII encrypted,
 * hashed and masked on the way) and sent in groups of about 20,000 accounts. While PostgreSQL
 * ingests one group, this process generates and encrypts the next, so both cores work.
 *
 * Ids without a query per row: the bulk tables' ids are GENERATED ALWAYS AS IDENTITY, and
 * COPY cannot override them, but COPY draws them from the sequence one row at a time in
 * input order. So we lock the tables against other writers, rewind each sequence to its next
 * value (setval(seq, nextval(seq), false)) and know that row k of the stream gets base + k;
 * foreign keys (accounts.debtor_id, assignments.account_id, ...) are computed from that.
 * At the end each sequence must stand exactly at base + count - 1, or something else drew
 * from it and the load fails (the caller rolls back). The alternatives cost more: staging
 * tables copy every row twice, and ALTERing the identity is DDL on live tables.
 *
 * Foreign keys, checked once per constraint instead of once per row: a row-by-row RI check
 * is an index probe through SPI, and those probes were half of the server's work. When we
 * may (superuser), a bulk table with no trigger of its own goes in with
 * session_replication_role = replica, which leaves out the trigger-based FK checks and
 * nothing else (unique, check and not-null constraints hold as always); tables with triggers
 * of their own (defaults filled by the schema) keep the usual per-row path. Afterwards one
 * anti-join per foreign key of those tables (read from pg_constraint, so a new key is
 * covered) proves every reference, and the load fails and rolls back on a dangling one. No
 * referenced row can vanish meanwhile: every row the bulk tables point at was created by
 * this same transaction, invisible to others until it commits. Without the privilege,
 * PostgreSQL checks row by row as usual.
 */

export const DEMO_PASSWORD = 'leeway-demo';

export interface DemoLogin { username: string; password: string; role: DemoRole; display_name: string }

export interface DemoSummary {
  creditors: number;
  teams: number;
  users: number;
  debtors: number;
  accounts: number;
  /** Every demo user, all with DEMO_PASSWORD: first one of each role (admin, supervisor, collector, bank), then the rest. */
  logins: DemoLogin[];
}

export interface LoadDemoOptions { accounts: number; seed: number; businessDate: string; passwordHash: string }

/** Accounts per COPY group: big enough that per-statement costs vanish, small enough to stay a few MB. */
const GROUP_ACCOUNTS = 20_000;
/** Accounts per generated batch: small, so row objects are garbage before they age. */
const BATCH_ACCOUNTS = 1_000;

export async function loadDemo(client: pg.PoolClient, cipher: PiiCipher,
  options: LoadDemoOptions): Promise<DemoSummary> {
  validateDemoOptions(options);
  const setup = demoSetup(options);
  const { rowCount } = await client.query('SELECT 1 FROM creditors WHERE code = ANY($1)', [setup.creditors.map((c) => c.code)]);
  if (rowCount) throw new AppError('CONFLICT', { en: 'The demo portfolio is already loaded here; load it into a fresh database', zh: '演示数据已经加载到这个数据库；请加载到一个新的数据库' });
  const regions = (await client.query<RegionRow>('SELECT code, name, level, parent_code FROM regions ORDER BY code')).rows;
  const ids = await insertSetup(client, setup, options.passwordHash);

  await client.query('LOCK TABLE debtors, accounts, hardship_applications, instalment_plans IN SHARE ROW EXCLUSIVE MODE');
  const sequences = { debtors: 0, accounts: 0, applications: 0, plans: 0 };
  const bases = {
    debtors: await rewindIdentity(client, 'debtors'),
    accounts: await rewindIdentity(client, 'accounts'),
    applications: await rewindIdentity(client, 'hardship_applications'),
    plans: await rewindIdentity(client, 'instalment_plans'),
  };
  const schema = await readSchema(client);
  const checks = await ForeignKeyChecks.begin(client);
  const render = new Renderer(cipher, { ...ids, bases }, schema);
  const sender = new GroupSender(client, checks);
  let group = new CopyGroup(schema);
  for (const batch of generatePortfolio(options, regions, setup, BATCH_ACCOUNTS)) {
    render.batch(batch, group);
    sequences.debtors += batch.debtors.length;
    sequences.accounts += batch.accounts.length;
    sequences.applications += batch.hardshipApplications.length;
    sequences.plans += batch.plans.length;
    if (group.accounts.rows >= GROUP_ACCOUNTS) {
      await sender.send(group);
      group = new CopyGroup(schema);
    }
    // Let the group in flight drain to the server while we generate the next one.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  await sender.send(group);
  await sender.finished();

  await checks.finish(client);
  // Each complaint and dispute holds the account by its own hold, as the product opens them: closing or resolving it releases that hold.
  await client.query(
    `UPDATE complaints c SET hold_id = h.id FROM holds h
      WHERE c.hold_id IS NULL AND h.account_id = c.account_id AND h.set_at = c.created_at
        AND h.kind = CASE c.kind WHEN 'dispute' THEN 'dispute' ELSE 'complaint_review' END`);
  await checkIdentity(client, 'debtors', bases.debtors, sequences.debtors);
  await checkIdentity(client, 'accounts', bases.accounts, sequences.accounts);
  await checkIdentity(client, 'hardship_applications', bases.applications, sequences.applications);
  await checkIdentity(client, 'instalment_plans', bases.plans, sequences.plans);
  await addContactHistory(client, options);
  await client.query(`INSERT INTO audit_log (actor, action, entity, detail) VALUES ('cli', 'demo.load', 'portfolio', $1)`,
    [JSON.stringify({ accounts: options.accounts, seed: options.seed })]);

  const firstOfRole = new Set((['admin', 'supervisor', 'collector', 'creditor_user'] as const)
    .map((role) => setup.users.find((u) => u.role === role)!));
  const ordered = [...firstOfRole, ...setup.users.filter((u) => !firstOfRole.has(u))];
  return {
    creditors: setup.creditors.length, teams: setup.teams.length, users: setup.users.length,
    debtors: sequences.debtors, accounts: sequences.accounts,
    logins: ordered.map((u) => ({ username: u.username, password: DEMO_PASSWORD, role: u.role, display_name: u.displayName })),
  };
}

/**
 * Two weeks of calls before the business date, so the screens a new agency opens first (an
 * account's history, the contact funnel, the quality review's queue, the files for the banks)
 * have something in them: 0 to 3 calls to the debtor's own phone per account being worked, by
 * its collector, on days before today (today's caps stay whole), 09:00 to 20:00 in Shanghai,
 * with the usual mix of outcomes. Only the debtor is called: no third party is contacted in
 * the demo's past. One set-based statement; the same seed gives the same calls. The report
 * triggers (ENABLE ALWAYS) count them as for any call.
 */
async function addContactHistory(client: pg.PoolClient, options: LoadDemoOptions): Promise<void> {
  // Every row is made from rows that exist (the account, its debtor, their phone, the collector):
  // where the role may, the per-row foreign key checks are left out, as for the bulk tables.
  const { rows: [role] } = await client.query<{ allowed: boolean }>(
    `SELECT current_setting('is_superuser') = 'on' AND current_setting('session_replication_role') = 'origin' AS allowed`);
  if (role!.allowed) await client.query(`SELECT set_config('session_replication_role', 'replica', true)`);
  await client.query(
    `WITH phones AS (
       SELECT DISTINCT ON (debtor_id) debtor_id, id FROM contact_points
        WHERE kind = 'phone' AND owner = 'debtor' AND verified <> 'invalid' ORDER BY debtor_id, id),
     worked AS (
       SELECT a.creditor_id, a.id, a.debtor_id, s.collector_id, p.id AS phone
         FROM accounts a
         JOIN assignments s ON s.creditor_id = a.creditor_id AND s.account_id = a.id AND s.ended_at IS NULL
         JOIN phones p ON p.debtor_id = a.debtor_id
        WHERE a.status IN ('active', 'promised', 'in_plan')),
     calls AS (
       SELECT w.*, g, (w.id * 2654435761 + g * 40503 + $2::bigint * 69069) % 1000003 AS h
         FROM worked w CROSS JOIN LATERAL generate_series(1, ((w.id * 2654435761 + $2::bigint) % 4)::int) g),
     shaped AS (
       SELECT c.*, (ARRAY['no_answer', 'no_answer', 'no_answer', 'no_answer', 'no_answer', 'no_answer', 'no_answer', 'busy', 'busy',
                          'powered_off', 'powered_off', 'voicemail', 'right_party', 'right_party', 'right_party', 'promise', 'promise',
                          'callback_requested', 'refuses', 'hardship'])[1 + c.h % 20] AS outcome
         FROM calls c)
     INSERT INTO contact_attempts (creditor_id, account_id, debtor_id, contact_point_id, channel, party, purpose, outcome, initiated_by, at,
                                   collector_id, note, delinquency_reason, recording_ref)
     SELECT creditor_id, id, debtor_id, phone, 'call', 'debtor', 'collect', outcome, 'agency',
            (($1::date - (1 + (h / 7) % 14)::int) + time '09:00' + ((h / 101) % 660) * interval '1 minute') AT TIME ZONE 'Asia/Shanghai',
            collector_id,
            CASE outcome WHEN 'right_party' THEN '本人接听，核实身份后告知逾期金额' WHEN 'promise' THEN '本人承诺近期还款'
                         WHEN 'callback_requested' THEN '本人在忙，约好改天再打' WHEN 'refuses' THEN '本人表示暂时无力还款'
                         WHEN 'hardship' THEN '本人称失业，收入中断，了解停息挂账' END,
            CASE WHEN outcome = 'hardship' THEN 'unemployment' END,
            CASE WHEN outcome IN ('right_party', 'promise', 'callback_requested', 'refuses', 'hardship') THEN 'REC-' || id || '-' || g END
       FROM shaped`, [options.businessDate, options.seed]);
  if (role!.allowed) await client.query(`SELECT set_config('session_replication_role', 'origin', true)`);
}

/** Database ids by ordinal; `usernames` by user ordinal too (the hardship timeline names who acted). */
interface SetupIds { creditors: number[]; teams: number[]; users: number[]; usernames: string[]; placements: number[] }

async function insertSetup(client: pg.PoolClient, setup: DemoSetup, passwordHash: string): Promise<SetupIds> {
  const creditorRows = await client.query<{ id: number; code: string }>(
    'INSERT INTO creditors (code, name, name_en) SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) RETURNING id, code',
    [setup.creditors.map((c) => c.code), setup.creditors.map((c) => c.name), setup.creditors.map((c) => c.nameEn)]);
  const creditors = setup.creditors.map((c) => creditorRows.rows.find((r) => r.code === c.code)!.id);
  await client.query(
    `INSERT INTO contracts (creditor_id, version, name, pack, effective_from, placement_days, commission, terms)
     SELECT c, 1, n, 'CN', f, d, m, t FROM unnest($1::bigint[], $2::text[], $3::date[], $4::int[], $5::jsonb[], $6::jsonb[]) AS x(c, n, f, d, m, t)`,
    [creditors, ...columns(setup.creditors.map((c) => [c.contract.name, c.contract.effectiveFrom, c.contract.placementDays,
      JSON.stringify(c.contract.commission), JSON.stringify(c.contract.terms)]), 5)]);
  const teamRows = await client.query<{ id: number; name: string }>(
    'INSERT INTO teams (name) SELECT unnest($1::text[]) RETURNING id, name', [setup.teams.map((t) => t.name)]);
  const teams = setup.teams.map((t) => teamRows.rows.find((r) => r.name === t.name)!.id);
  await client.query(
    'INSERT INTO territories (creditor_id, region_prefix, team_id) SELECT * FROM unnest($1::bigint[], $2::text[], $3::bigint[])',
    [setup.territories.map((t) => creditors[t.creditor]!), setup.territories.map((t) => t.regionPrefix), setup.territories.map((t) => teams[t.team]!)]);
  const userRows = await client.query<{ id: number; username: string }>(
    `INSERT INTO users (username, display_name, password_hash, role, team_id, creditor_id, locale)
     SELECT u, d, $3, r, t, c, 'zh-CN' FROM unnest($1::text[], $2::text[], $4::text[], $5::bigint[], $6::bigint[]) AS x(u, d, r, t, c)
     RETURNING id, username`,
    [setup.users.map((u) => u.username), setup.users.map((u) => u.displayName), passwordHash, setup.users.map((u) => u.role),
      setup.users.map((u) => (u.team === null ? null : teams[u.team]!)), setup.users.map((u) => (u.creditor === null ? null : creditors[u.creditor]!))]);
  const userIds = new Map(userRows.rows.map((r) => [r.username, r.id]));
  const placementRows = await client.query<{ id: number; batch_ref: string }>(
    `INSERT INTO placements (creditor_id, batch_ref, placed_on, ends_on)
     SELECT * FROM unnest($1::bigint[], $2::text[], $3::date[], $4::date[]) RETURNING id, batch_ref`,
    [setup.placements.map((p) => creditors[p.creditor]!), ...columns(setup.placements.map((p) => [p.batchRef, p.placedOn, p.endsOn]), 3)]);
  return {
    creditors, teams, users: setup.users.map((u) => userIds.get(u.username)!), usernames: setup.users.map((u) => u.username),
    placements: setup.placements.map((p) => placementRows.rows.find((r) => r.batch_ref === p.batchRef)!.id),
  };
}

/** Rows to column arrays, for INSERT ... SELECT FROM unnest(...). */
function columns(rows: unknown[][], width: number): unknown[][] {
  return Array.from({ length: width }, (_, i) => rows.map((r) => r[i]));
}

/** The id the next row of `table` will get; see the header for why this is safe. */
async function rewindIdentity(client: pg.PoolClient, table: string): Promise<number> {
  const { rows } = await client.query<{ base: string }>(
    `SELECT setval(pg_get_serial_sequence($1, 'id'), nextval(pg_get_serial_sequence($1, 'id')), false) AS base`, [table]);
  return Number(rows[0]!.base);
}

async function checkIdentity(client: pg.PoolClient, table: string, base: number, count: number): Promise<void> {
  const { rows } = await client.query<{ last: string | null }>(
    `SELECT pg_sequence_last_value(pg_get_serial_sequence($1, 'id')::regclass) AS last`, [table]);
  const last = rows[0]!.last === null ? null : Number(rows[0]!.last);
  if (last !== (count === 0 ? null : base + count - 1)) {
    throw new AppError('DEMO_IDS', {
      en: `Another writer drew ids from ${table} during the demo load; run it again on an idle database`,
      zh: `加载演示数据期间，另有写入方从 ${table} 取用了 id；请在没有其他写入的数据库上重新运行`,
    });
  }
}

const BULK_TABLES = ['debtors', 'contact_points', 'accounts', 'assignments', 'promises', 'holds', 'complaints',
  'hardship_applications', 'instalment_plans', 'plan_instalments', 'hardship_events'];

/** Columns that newer migrations add and the demo fills when they are there. */
interface Schema { assignmentKind: boolean }

async function readSchema(client: pg.PoolClient): Promise<Schema> {
  const { rows: [row] } = await client.query<{ assignment_kind: boolean }>(`SELECT EXISTS (SELECT 1 FROM pg_attribute
    WHERE attrelid = 'assignments'::regclass AND attname = 'kind' AND NOT attisdropped) AS assignment_kind`);
  return { assignmentKind: row!.assignment_kind };
}

/** Which bulk tables skip per-row FK triggers, and the set-wise proof for them; see the header. */
class ForeignKeyChecks {
  readonly #setWise: ReadonlySet<string>;
  #replica = false;

  private constructor(setWise: ReadonlySet<string>) { this.#setWise = setWise; }

  static async begin(client: pg.PoolClient): Promise<ForeignKeyChecks> {
    const { rows: [state] } = await client.query<{ allowed: boolean; triggered: string[] }>(
      `SELECT current_setting('is_superuser') = 'on' AND current_setting('session_replication_role') = 'origin' AS allowed,
         ARRAY(SELECT DISTINCT tgrelid::regclass::text FROM pg_trigger
           WHERE tgrelid = ANY($1::regclass[]) AND NOT tgisinternal)::text[] AS triggered`, [BULK_TABLES]);
    return new ForeignKeyChecks(new Set(state!.allowed ? BULK_TABLES.filter((t) => !state!.triggered.includes(t)) : []));
  }

  /** Before each COPY: per-row triggers off for a set-wise table, on for the others. */
  async prepare(client: pg.PoolClient, table: string): Promise<void> {
    const replica = this.#setWise.has(table);
    if (replica === this.#replica) return;
    await client.query(`SELECT set_config('session_replication_role', $1, true)`, [replica ? 'replica' : 'origin']);
    this.#replica = replica;
  }

  /** Triggers back on, then one anti-join per foreign key of the set-wise tables. */
  async finish(client: pg.PoolClient): Promise<void> {
    await this.prepare(client, '');
    if (this.#setWise.size === 0) return;
    const { rows: keys } = await client.query<{ name: string; child: string; parent: string; columns: string[]; referenced: string[] }>(
      `SELECT c.conname AS name, c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
         ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(num, i)
           JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.num ORDER BY k.i)::text[] AS columns,
         ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(num, i)
           JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.num ORDER BY k.i)::text[] AS referenced
       FROM pg_constraint c WHERE c.contype = 'f' AND c.conrelid = ANY($1::regclass[]) ORDER BY c.conname`, [[...this.#setWise]]);
    const column = (name: string): string => client.escapeIdentifier(name);
    for (const key of keys) {
      // MATCH SIMPLE, PostgreSQL's default: a reference with a NULL column is not checked.
      const { rowCount } = await client.query(`SELECT 1 FROM ${key.child} c
        WHERE ${key.columns.map((name) => `c.${column(name)} IS NOT NULL`).join(' AND ')}
          AND NOT EXISTS (SELECT 1 FROM ${key.parent} p
            WHERE ${key.columns.map((name, i) => `p.${column(key.referenced[i]!)} = c.${column(name)}`).join(' AND ')})
        LIMIT 1`);
      if (rowCount) {
        throw new AppError('DEMO_INTEGRITY', {
          en: `The demo rows break foreign key ${key.name} on ${key.child}; nothing was loaded`,
          zh: `演示数据违反了 ${key.child} 上的外键 ${key.name}；没有加载任何数据`,
        });
      }
    }
  }
}

/** COPY text of one table, accumulated in one growing buffer (no per-row objects survive). */
class CopyBuffer {
  rows = 0;
  #bytes = Buffer.allocUnsafe(1 << 16);
  #length = 0;

  readonly sql: string;

  constructor(readonly table: string, columns: string) {
    this.sql = `COPY ${table} (${columns}) FROM STDIN`;
  }

  push(line: string): void {
    const worst = line.length * 3;
    if (this.#length + worst > this.#bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.#bytes.length * 2, this.#length + worst));
      this.#bytes.copy(grown, 0, 0, this.#length);
      this.#bytes = grown;
    }
    this.#length += this.#bytes.write(line, this.#length);
    this.rows++;
  }

  contents(): Buffer { return this.#bytes.subarray(0, this.#length); }
}

/** One group of COPY text, in foreign-key order. */
class CopyGroup {
  readonly debtors = new CopyBuffer('debtors', 'name, id_number_enc, id_number_hash, id_number_mask, birth_date, region_code, region_source');
  readonly contactPoints = new CopyBuffer('contact_points',
    'debtor_id, kind, value_enc, value_hash, value_mask, owner, third_party_name, relation, source, provenance, verified');
  readonly accounts = new CopyBuffer('accounts', 'creditor_id, account_no, account_no_mask, debtor_id, placement_id, product, ' +
    'principal_fen, interest_fen, fees_fen, first_delinquency_date, region_code, status');
  readonly assignments: CopyBuffer;
  readonly promises = new CopyBuffer('promises', 'creditor_id, account_id, amount_fen, due_date, status, taken_by, created_at');
  readonly holds = new CopyBuffer('holds', 'debtor_id, creditor_id, account_id, kind, reason, set_by, set_at, starts_on, ends_on, placed_from_creditor_id');
  readonly complaints = new CopyBuffer('complaints', 'creditor_id, account_id, kind, channel, description, collector_id, status, created_at, due_on');
  readonly applications = new CopyBuffer('hardship_applications', 'creditor_id, account_id, reason, debtor_statement, monthly_income_fen, ' +
    'monthly_essentials_fen, requested_plan, status, submitted_on, decision_due_on, decided_by, decided_at, decision_note, decided_terms, ' +
    'created_by, created_at, updated_at');
  readonly plans = new CopyBuffer('instalment_plans', 'creditor_id, account_id, application_id, status, total_fen, start_date, months, terms, created_at, updated_at');
  readonly instalments = new CopyBuffer('plan_instalments', 'creditor_id, plan_id, n, due_date, principal_fen, fee_fen, amount_fen');
  readonly hardshipEvents = new CopyBuffer('hardship_events', 'creditor_id, account_id, application_id, plan_id, kind, actor, actor_user_id, note, detail, at');

  constructor(schema: Schema) {
    this.assignments = new CopyBuffer('assignments',
      'creditor_id, account_id, collector_id, team_id, assigned_at, reason' + (schema.assignmentKind ? ', kind' : ''));
  }

  inOrder(): CopyBuffer[] {
    return [this.debtors, this.contactPoints, this.accounts, this.assignments, this.promises, this.holds, this.complaints,
      this.applications, this.plans, this.instalments, this.hardshipEvents];
  }
}

/** Sends one group at a time; the next send waits for the previous group to be in. */
class GroupSender {
  readonly #client: pg.PoolClient;
  readonly #checks: ForeignKeyChecks;
  #inFlight: Promise<void> = Promise.resolve();

  constructor(client: pg.PoolClient, checks: ForeignKeyChecks) {
    this.#client = client;
    this.#checks = checks;
  }

  async send(group: CopyGroup): Promise<void> {
    await this.#inFlight;
    this.#inFlight = this.#copy(group);
    this.#inFlight.catch(() => {}); // reported by the next send() or finished()
  }

  finished(): Promise<void> { return this.#inFlight; }

  async #copy(group: CopyGroup): Promise<void> {
    for (const table of group.inOrder()) {
      if (table.rows === 0) continue;
      await this.#checks.prepare(this.#client, table.table);
      await pipeline(Readable.from([table.contents()]), this.#client.query(copyFrom(table.sql)));
    }
  }
}

interface Ids extends SetupIds { bases: { debtors: number; accounts: number; applications: number; plans: number } }

/** COPY text format: backslash, tab, newline and carriage return escaped; \N is NULL. */
function text(value: string): string {
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c]!) : value;
}
function nullable(value: string | null): string { return value === null ? '\\N' : text(value); }
/** bytea in hex, its backslash escaped for COPY. */
function bytea(value: Buffer): string { return '\\\\x' + value.toString('hex'); }

class Renderer {
  readonly #provenance = new Map<string, string>();
  readonly #cipher: PiiCipher;
  readonly #ids: Ids;
  /** assignments.kind: 'deal', an assignment by territory (when the column exists). */
  readonly #dealt: string;

  constructor(cipher: PiiCipher, ids: Ids, schema: Schema) {
    this.#cipher = cipher;
    this.#ids = ids;
    this.#dealt = schema.assignmentKind ? '\tdeal\n' : '\n';
  }

  batch(b: DemoBatch, g: CopyGroup): void {
    const cipher = this.#cipher;
    const { bases, creditors, users, usernames, teams, placements } = this.#ids;
    // Each batch's personal data sealed at once (one AES call for its keystream).
    const ids = cipher.sealMany(b.debtors.map((d) => d.idNumber));
    b.debtors.forEach((d, i) => {
      g.debtors.push(`${text(d.name)}\t${bytea(ids.stored(i))}\t${bytea(ids.hash(i))}\t` +
        `${maskIdNumber(d.idNumber)}\t${d.birthDate}\t${d.regionCode}\tid_number\n`);
    });
    const values = cipher.sealMany(b.contactPoints.map((p) => p.value));
    for (const [i, p] of b.contactPoints.entries()) {
      g.contactPoints.push(`${bases.debtors + p.debtor}\t${p.kind}\t${bytea(values.stored(i))}\t${bytea(values.hash(i))}\t` +
        `${text(maskContact(p.kind, p.value))}\t${p.owner}\t${nullable(p.thirdPartyName)}\t${nullable(p.relation)}\tplacement\t` +
        `${this.#provenanceOf(p.batchRef)}\t${p.verified}\n`);
    }
    for (const a of b.accounts) {
      g.accounts.push(`${creditors[a.creditor]}\t${a.accountNo}\t${maskAccountNo(a.accountNo)}\t${bases.debtors + a.debtor}\t` +
        `${placements[a.placement]}\t${a.product}\t${a.principalFen}\t${a.interestFen}\t${a.feesFen}\t${a.firstDelinquencyDate}\t` +
        `${a.regionCode}\t${a.status}\n`);
    }
    for (const s of b.assignments) {
      g.assignments.push(`${creditors[s.creditor]}\t${bases.accounts + s.account}\t${users[s.collector]}\t${teams[s.team]}\t` +
        `${s.assignedAt}\t分案${this.#dealt}`);
    }
    for (const p of b.promises) {
      g.promises.push(`${creditors[p.creditor]}\t${bases.accounts + p.account}\t${p.amountFen}\t${p.dueDate}\topen\t${users[p.takenBy]}\t${p.createdAt}\n`);
    }
    for (const h of b.holds) {
      g.holds.push(`${bases.debtors + h.debtor}\t${creditors[h.creditor]}\t${bases.accounts + h.account}\t${h.kind}\t${text(h.reason)}\t` +
        `${users[h.setBy]}\t${h.setAt}\t${h.startsOn}\t${h.endsOn ?? '\\N'}\t${creditors[h.creditor]}\n`);
    }
    for (const c of b.complaints) {
      g.complaints.push(`${creditors[c.creditor]}\t${bases.accounts + c.account}\t${c.kind}\t${c.channel}\t${text(c.description)}\t` +
        `${users[c.collector]}\tinvestigating\t${c.createdAt}\t${c.dueOn ?? '\\N'}\n`);
    }
    for (const h of b.hardshipApplications) {
      g.applications.push(`${creditors[h.creditor]}\t${bases.accounts + h.account}\t${h.reason}\t${text(h.debtorStatement)}\t` +
        `${h.monthlyIncomeFen}\t${h.monthlyEssentialsFen}\t${text(JSON.stringify(h.requestedPlan))}\tapproved\t${h.submittedOn}\t${h.decisionDueOn}\t` +
        `${users[h.decidedBy]}\t${h.decidedAt}\t${text(h.decisionNote)}\t${text(JSON.stringify(h.decidedTerms))}\t` +
        `${users[h.createdBy]}\t${h.createdAt}\t${h.decidedAt}\n`);
    }
    for (const p of b.plans) {
      g.plans.push(`${creditors[p.creditor]}\t${bases.accounts + p.account}\t${bases.applications + p.application}\tactive\t${p.totalFen}\t` +
        `${p.startDate}\t${p.months}\t${text(JSON.stringify(p.terms))}\t${p.createdAt}\t${p.createdAt}\n`);
    }
    for (const i of b.instalments) {
      g.instalments.push(`${creditors[i.creditor]}\t${bases.plans + i.plan}\t${i.n}\t${i.dueDate}\t${i.principalFen}\t${i.feeFen}\t${i.amountFen}\n`);
    }
    for (const e of b.hardshipEvents) {
      const ids = { account_id: bases.accounts + e.account, application_id: bases.applications + e.application,
        ...(e.plan === null ? {} : { plan_id: bases.plans + e.plan }) };
      g.hardshipEvents.push(`${creditors[e.creditor]}\t${ids.account_id}\t${ids.application_id}\t${e.plan === null ? '\\N' : bases.plans + e.plan}\t` +
        `${e.kind}\t${text(usernames[e.actor]!)}\t${users[e.actor]}\t${text(e.note)}\t${text(JSON.stringify({ ...ids, ...e.detail }))}\t${e.at}\n`);
    }
  }

  #provenanceOf(batchRef: string): string {
    let json = this.#provenance.get(batchRef);
    if (json === undefined) {
      json = text(JSON.stringify({ batch_ref: batchRef }));
      this.#provenance.set(batchRef, json);
    }
    return json;
  }
}
