import { z } from 'zod';
import { businessDate } from '../app/business-date.ts';
import { userCurrencies } from '../app/currency.ts';
import { creditorCodeOf } from '../db/creditors-repository.ts';
import type { AppContext } from '../app/context.ts';
import { isLocalDate } from '../domain/calendar.ts';
import { CURRENCIES } from '../domain/money.ts';

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), message_zh: z.string().optional(), field: z.string().optional(), details: z.record(z.string(), z.unknown()).optional() }),
});

const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/** A calendar date, YYYY-MM-DD, that is on the calendar (2026-02-30 is refused, naming the field, rather than reaching the database). */
export const localDateSchema = z.string().regex(DATE_PATTERN, 'expected a date YYYY-MM-DD')
  .refine((text) => !DATE_PATTERN.test(text) || isLocalDate(text),
    { message: 'must be a day on the calendar, like 2026-03-02', params: { zh: '须为日历上存在的日期，如 2026-03-02' } });

export const roleSchema = z.enum(['admin', 'supervisor', 'collector', 'creditor_user']);
export const localeSchema = z.enum(['zh-CN', 'en']);
/** The currency amounts are in (minor units: fen, cents, pence). */
export const currencySchema = z.enum(CURRENCIES);

export const userSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  display_name: z.string(),
  role: roleSchema,
  locale: localeSchema,
  team_id: z.number().int().nullable(),
  creditor_id: z.number().int().nullable(),
  /** A bank's user: their bank's code (what its placements and reports are asked for by); null for agency staff. */
  creditor_code: z.string().nullable(),
  /** The agency's business date now (its zone, its clock): what the screens default their dates to. */
  business_date: z.string(),
  /** The agency's zone (LEEWAY_ZONE): the screens show instants on its clock. */
  agency_zone: z.string(),
  /** The call centre's recording player (LEEWAY_RECORDING_URL): `{ref}` stands for a call's recording reference; null, none. */
  recording_url: z.string().nullable(),
  /** The password is one an admin set (a new account's, or a reset): the screens ask the user to change it. */
  password_temporary: z.boolean(),
  /** The currency of the agency's totals: its creditors' one currency, CNY when none or mixed. */
  agency_currency: currencySchema,
  /** The currency of the accounts the user works (their own, their team's, their bank's), when one; else the agency's. */
  desk_currency: currencySchema,
});

export async function publicUser(u: Omit<z.infer<typeof userSchema>, 'business_date' | 'agency_zone' | 'recording_url' | 'agency_currency' | 'desk_currency' | 'creditor_code'>, ctx: AppContext):
  Promise<z.infer<typeof userSchema>> {
  const today = businessDate(ctx);
  const creditorCode = u.creditor_id === null ? null : await creditorCodeOf(ctx.pool, u.creditor_id);
  const { agency, desk } = await userCurrencies(ctx.pool, today, u);
  return { id: u.id, username: u.username, display_name: u.display_name, role: u.role, locale: u.locale, team_id: u.team_id, creditor_id: u.creditor_id,
    creditor_code: creditorCode,
    business_date: today, agency_zone: ctx.agencyZone, recording_url: ctx.recordingUrl ?? null, password_temporary: u.password_temporary,
    agency_currency: agency, desk_currency: desk };
}
