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
    throw invalidInput(
      field === '' ? { en: 'the situation must be a JSON object', zh: '联系情形必须是JSON对象' } : { en: `${field}: expected an object`, zh: `${field}：应为对象` },
      field === '' ? undefined : field,
    );
  }
  const obj = value as JsonObject;
  for (const key of Object.keys(obj)) {
    if (!allowed.has(key)) {
      const where = field === '' ? key : `${field}.${key}`;
      throw invalidInput({ en: `${where}: unknown field (expected one of ${[...allowed].join(', ')})`, zh: `${where}：未知字段（应为以下之一：${[...allowed].join(', ')}）` }, where);
    }
  }
  return obj;
}

export function join(parent: string, key: string): string {
  return key === '' ? parent : parent === '' ? key : `${parent}.${key}`;
}

export function required(obj: JsonObject, key: string, parent: string): unknown {
  const value = obj[key];
  if (value === undefined) throw invalidInput({ en: `missing field: ${join(parent, key)}`, zh: `缺少字段：${join(parent, key)}` }, join(parent, key));
  return value;
}

export function readString(value: unknown, parent: string, key = ''): string {
  if (typeof value !== 'string' || value.length === 0) {
    const field = join(parent, key);
    throw invalidInput({ en: `${field}: expected a non-empty string, got ${JSON.stringify(value)}`, zh: `${field}：应为非空字符串，实际为${JSON.stringify(value)}` }, field);
  }
  return value;
}

export function readOptionalString(value: unknown, parent: string, key = ''): string | null {
  return value === undefined || value === null ? null : readString(value, parent, key);
}

export function readEnum<T extends string>(value: unknown, allowed: readonly T[], parent: string, key = ''): T {
  for (const a of allowed) if (a === value) return a;
  const field = join(parent, key);
  throw invalidInput({ en: `${field}: expected one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`, zh: `${field}：应为${allowed.join(', ')}之一，实际为${JSON.stringify(value)}` }, field);
}

export function readArray(value: unknown, field: string): readonly unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidInput({ en: `${field}: expected an array`, zh: `${field}：应为数组` }, field);
  return value;
}

/** An ISO 8601 instant with offset; a Date is accepted too (timestamptz from a repository). */
export function readInstant(value: unknown, parent: string, key = ''): Instant {
  if (value instanceof Date) {
    const t = value.getTime();
    if (Number.isNaN(t)) throw invalidInput({ en: `${join(parent, key)}: invalid date`, zh: `${join(parent, key)}：日期无效` }, join(parent, key));
    return t;
  }
  const t = typeof value === 'string' ? parseInstant(value) : null;
  if (t === null) {
    const field = join(parent, key);
    throw invalidInput({
      en: `${field}: ${JSON.stringify(value)} is not an ISO 8601 instant with an offset, e.g. "2026-03-02T21:30:00+08:00" (years 1900-2199)`,
      zh: `${field}：${JSON.stringify(value)}不是带时区偏移的ISO 8601时间，例如"2026-03-02T21:30:00+08:00"（年份1900-2199）`,
    }, field);
  }
  return t;
}

export function readLocalDate(value: unknown, field: string): EpochDay {
  const day = typeof value === 'string' ? parseLocalDate(value) : null;
  if (day === null) throw invalidInput({ en: `${field}: ${JSON.stringify(value)} is not a date 'YYYY-MM-DD'`, zh: `${field}：${JSON.stringify(value)}不是'YYYY-MM-DD'格式的日期` }, field);
  return day;
}

export function readBoolean(value: unknown, field: string): boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'boolean') throw invalidInput({ en: `${field}: expected true or false`, zh: `${field}：应为true或false` }, field);
  return value;
}
