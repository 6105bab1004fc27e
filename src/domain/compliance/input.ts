import { invalidInput } from '../errors.ts';
import { parseInstant, parseLocalDate } from './time/civil.ts';
import type { EpochDay, Instant } from './time/civil.ts';

/**
 * Small readers for untrusted JSON: each names the offending field in its error, so a caller
 * reading "debtor.time_zones[1]: ..." knows exactly what to fix. A field is named by its
 * parent path and key, joined only when there is an error to report (parsing long histories
 * would otherwise build a path string for every value read).
 */
export type JsonObject = Readonly<Record<string, unknown>>;

/** The field names an object may have, as a set (checked for every object read). */
export type FieldNames = ReadonlySet<string>;

export function readObject(value: unknown, field: string, allowed: FieldNames): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw invalidInput(field === '' ? 'the situation must be a JSON object' : `${field}: expected an object`, field === '' ? undefined : field);
  }
  const obj = value as JsonObject;
  for (const key of Object.keys(obj)) {
    if (!allowed.has(key)) {
      const where = field === '' ? key : `${field}.${key}`;
      throw invalidInput(`${where}: unknown field (expected one of ${[...allowed].join(', ')})`, where);
    }
  }
  return obj;
}

export function join(parent: string, key: string): string {
  return key === '' ? parent : parent === '' ? key : `${parent}.${key}`;
}

export function required(obj: JsonObject, key: string, parent: string): unknown {
  const value = obj[key];
  if (value === undefined) throw invalidInput(`missing field: ${join(parent, key)}`, join(parent, key));
  return value;
}

export function readString(value: unknown, parent: string, key = ''): string {
  if (typeof value !== 'string' || value.length === 0) {
    const field = join(parent, key);
    throw invalidInput(`${field}: expected a non-empty string, got ${JSON.stringify(value)}`, field);
  }
  return value;
}

export function readOptionalString(value: unknown, parent: string, key = ''): string | null {
  return value === undefined || value === null ? null : readString(value, parent, key);
}

export function readEnum<T extends string>(value: unknown, allowed: readonly T[], parent: string, key = ''): T {
  for (const a of allowed) if (a === value) return a;
  const field = join(parent, key);
  throw invalidInput(`${field}: expected one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`, field);
}

export function readArray(value: unknown, field: string): readonly unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidInput(`${field}: expected an array`, field);
  return value;
}

/** An ISO 8601 instant with offset; a Date is accepted too (timestamptz from a repository). */
export function readInstant(value: unknown, parent: string, key = ''): Instant {
  if (value instanceof Date) {
    const t = value.getTime();
    if (Number.isNaN(t)) throw invalidInput(`${join(parent, key)}: invalid date`, join(parent, key));
    return t;
  }
  const t = typeof value === 'string' ? parseInstant(value) : null;
  if (t === null) {
    const field = join(parent, key);
    throw invalidInput(
      `${field}: ${JSON.stringify(value)} is not an ISO 8601 instant with an offset, e.g. "2026-03-02T21:30:00+08:00" (years 1900-2199)`,
      field,
    );
  }
  return t;
}

export function readLocalDate(value: unknown, field: string): EpochDay {
  const day = typeof value === 'string' ? parseLocalDate(value) : null;
  if (day === null) throw invalidInput(`${field}: ${JSON.stringify(value)} is not a date 'YYYY-MM-DD'`, field);
  return day;
}

export function readBoolean(value: unknown, field: string): boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'boolean') throw invalidInput(`${field}: expected true or false`, field);
  return value;
}
