import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { hashPassword } from '../../src/app/auth/passwords.ts';
import type { AppContext, Role } from '../../src/app/context.ts';
import { PiiCipher } from '../../src/db/pii.ts';
import { maskAccountNo, maskIdNumber, maskPhone } from '../../src/domain/masking.ts';

/** Small builders for medium tests on a real database. */
export const TEST_PASSWORD = 'correct horse battery';
let passwordHash: Promise<string> | undefined;
let counter = 0;
const next = () => ++counter;

export function testContext(pool: pg.Pool, now = () => new Date('2026-03-02T02:00:00Z')): AppContext {
  return { pool, cipher: new PiiCipher(randomBytes(32)), now, agencyZone: 'Asia/Shanghai' };
}

export async function newCreditor(pool: pg.Pool, code = `BANK${next()}`): Promise<{ id: number; code: string }> {
  const { rows } = await pool.query('INSERT INTO creditors (code, name) VALUES ($1, $2) RETURNING id, code', [code, `${code} 银行`]);
  await pool.query(`INSERT INTO placements (creditor_id, batch_ref, placed_on, ends_on) VALUES ($1, 'P1', '2026-01-01', '2026-06-30')`, [rows[0].id]);
  return rows[0];
}

/** A creditor's first contract, under the US pack from 2026-01-01 (no other terms): its accounts are collected under US rules. */
export async function usContract(pool: pg.Pool, creditorId: number): Promise<void> {
  await pool.query(`INSERT INTO contracts (creditor_id, version, name, pack, effective_from) VALUES ($1, 1, 'US agreement', 'US', '2026-01-01')`, [creditorId]);
}

export async function newTeam(pool: pg.Pool, name = `Team ${next()}`): Promise<{ id: number }> {
  const { rows } = await pool.query('INSERT INTO teams (name) VALUES ($1) RETURNING id', [name]);
  return rows[0];
}

export async function newUser(pool: pg.Pool, role: Role, scope: { teamId?: number; creditorId?: number } = {}):
  Promise<{ id: number; username: string; role: Role; teamId: number | null; creditorId: number | null }> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const username = `${role.replace('_', '')}${next()}`;
  const { rows } = await pool.query(
    `INSERT INTO users (username, display_name, password_hash, role, team_id, creditor_id)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [username, `${role} ${username}`, await passwordHash, role, scope.teamId ?? null, scope.creditorId ?? null]);
  return { id: rows[0].id, username, role, teamId: scope.teamId ?? null, creditorId: scope.creditorId ?? null };
}

export interface DebtorSpec { name?: string; idNumber?: string; phone?: string; regionCode?: string }

export async function newDebtor(ctx: AppContext, spec: DebtorSpec = {}): Promise<{ id: number; idNumber: string; phone: string }> {
  const idNumber = spec.idNumber ?? '42010219900307123X';
  const phone = spec.phone ?? `1380013${String(next()).padStart(4, '0')}`;
  const { rows } = await ctx.pool.query(
    `INSERT INTO debtors (name, id_number_enc, id_number_hash, id_number_mask, region_code, region_source)
     VALUES ($1, $2, $3, $4, $5, 'id_number') RETURNING id`,
    [spec.name ?? '张三', ctx.cipher.encrypt(idNumber), ctx.cipher.matchHash(idNumber + next()), maskIdNumber(idNumber), spec.regionCode ?? '420102']);
  const id = rows[0].id as number;
  await ctx.pool.query(
    `INSERT INTO contact_points (debtor_id, kind, value_enc, value_hash, value_mask, owner, source)
     VALUES ($1, 'phone', $2, $3, $4, 'debtor', 'placement')`, [id, ctx.cipher.encrypt(phone), ctx.cipher.matchHash(phone), maskPhone(phone)]);
  return { id, idNumber, phone };
}

export async function newAccount(pool: pg.Pool, spec: { creditorId: number; debtorId: number; collectorId: number; teamId: number;
  principalFen?: number; firstDelinquencyDate?: string; accountNo?: string }): Promise<{ id: number }> {
  const accountNo = spec.accountNo ?? `6222${String(next()).padStart(12, '0')}`;
  const { rows } = await pool.query(
    `INSERT INTO accounts (creditor_id, account_no, account_no_mask, debtor_id, placement_id, principal_fen, interest_fen, fees_fen,
                           first_delinquency_date, region_code)
     VALUES ($1, $2, $3, $4, (SELECT id FROM placements WHERE creditor_id = $1 LIMIT 1), $5, 1000, 500, $6, '420102') RETURNING id`,
    [spec.creditorId, accountNo, maskAccountNo(accountNo), spec.debtorId, spec.principalFen ?? 1_000_000, spec.firstDelinquencyDate ?? '2026-01-15']);
  const id = rows[0].id as number;
  await pool.query(`INSERT INTO assignments (creditor_id, account_id, collector_id, team_id, reason) VALUES ($1, $2, $3, $4, '分案')`,
    [spec.creditorId, id, spec.collectorId, spec.teamId]);
  return { id };
}

/**
 * An active account, assigned, of a new debtor with one phone of their own: what a collector
 * works. Returns the account's id, the phone's contact point and the debtor.
 */
export async function newActiveAccount(ctx: AppContext, spec: { creditorId: number; collectorId: number; teamId: number; phone?: string }):
  Promise<{ id: number; point: number; debtorId: number; phone: string }> {
  const debtor = await newDebtor(ctx, spec.phone ? { phone: spec.phone } : {});
  const a = await newAccount(ctx.pool, { creditorId: spec.creditorId, debtorId: debtor.id, collectorId: spec.collectorId, teamId: spec.teamId });
  await ctx.pool.query(`UPDATE accounts SET status = 'active' WHERE id = $1`, [a.id]);
  const point = (await ctx.pool.query(`SELECT id FROM contact_points WHERE debtor_id = $1`, [debtor.id])).rows[0].id as number;
  return { id: a.id, point, debtorId: debtor.id, phone: debtor.phone };
}

/**
 * A night's worth of work: a creditor with three accounts being collected, and a fourth in a
 * placement whose term ended on 2026-03-05, which the night recalls before anything else is judged.
 */
export async function nightFixture(ctx: AppContext): Promise<{ bankCode: string; endedAccount: number }> {
  const bank = await newCreditor(ctx.pool);
  const team = await newTeam(ctx.pool);
  const collector = await newUser(ctx.pool, 'collector', { teamId: team.id });
  for (let i = 0; i < 3; i++) await newAccount(ctx.pool, { creditorId: bank.id, debtorId: (await newDebtor(ctx)).id, collectorId: collector.id, teamId: team.id });
  const endedAccount = (await newAccount(ctx.pool, { creditorId: bank.id, debtorId: (await newDebtor(ctx)).id, collectorId: collector.id, teamId: team.id })).id;
  const ended = (await ctx.pool.query(`INSERT INTO placements (creditor_id, batch_ref, placed_on, ends_on) VALUES ($1, 'SHORT', '2026-01-05', '2026-03-05') RETURNING id`, [bank.id])).rows[0].id;
  await ctx.pool.query('UPDATE accounts SET placement_id = $2 WHERE id = $1', [endedAccount, ended]);
  return { bankCode: bank.code, endedAccount };
}
