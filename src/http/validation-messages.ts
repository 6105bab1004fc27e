/**
 * What a zod issue says, in English and in Chinese, for the API's INVALID_INPUT answer
 * (errors.ts). Built from the issue's code and params (zod 4's $ZodIssue), never from zod's
 * English text, so a Chinese reader gets Chinese. The value sent is never echoed (it may be
 * personal data): only its kind. An author's own message goes to the language it is written in.
 */
import { locales, type core } from 'zod';

export type ValidationIssue = core.$ZodIssue;
export interface Bilingual { en: string; zh: string }

/** Fastify's validation context: where in the request the field is. */
const PLACE_ZH: Record<string, string> = { body: '请求内容', querystring: '查询参数', params: '路径参数', headers: '请求头' };

/**
 * The whole message: `body.reason: must have at least 2 characters` and
 * `请求内容中的 reason：至少需要 2 个字符`. `field` is the issue's path ('' for the whole part).
 * Set the issue's `input` to the value found at its path (undefined when absent) to say what
 * was received; without `input` the message says only what is expected.
 */
export function validationMessage(issue: ValidationIssue, where: string, field: string | undefined): Bilingual {
  const place = PLACE_ZH[where] ?? '请求';
  if (!field && issue.code === 'invalid_type' && 'input' in issue && issue.input === undefined) {
    return { en: `The request's ${where} is missing`, zh: `缺少${place}` };
  }
  const problem = describeIssue(issue);
  return { en: `${where}${field ? `.${field}` : ''}: ${problem.en}`, zh: `${place}${field ? `中的 ${field}` : ''}：${problem.zh}` };
}

/** The problem alone, without the field: `must have at least 2 characters` / `至少需要 2 个字符`. */
export function describeIssue(issue: ValidationIssue): Bilingual {
  const built = fromParams(issue);
  const own = issue.message && !isZodDefault(issue) ? issue.message : undefined;
  if (own === undefined) return built;
  return CHINESE.test(own) ? { en: built.en, zh: own } : { en: own, zh: built.zh };
}

const CHINESE = /[\u4e00-\u9fff]/;
const zodEnglish = locales.en().localeError;

/** True when the message is zod's own English (no author wrote one). */
function isZodDefault(issue: ValidationIssue): boolean {
  if (issue.code === 'invalid_type') return issue.message.startsWith('Invalid input: expected ');
  const standard = zodEnglish(issue as core.$ZodRawIssue);
  return issue.message === (typeof standard === 'string' ? standard : standard?.message);
}

function fromParams(issue: ValidationIssue): Bilingual {
  switch (issue.code) {
    case 'invalid_type': return invalidType(issue);
    case 'too_small': return tooSmall(issue);
    case 'too_big': return tooBig(issue);
    case 'invalid_value': return oneOf(issue.values);
    case 'invalid_format': return invalidFormat(issue);
    case 'not_multiple_of': return { en: `must be a multiple of ${issue.divisor}`, zh: `须为 ${issue.divisor} 的倍数` };
    case 'unrecognized_keys': return { en: `has ${issue.keys.length === 1 ? 'a field' : 'fields'} not accepted here: ${issue.keys.join(', ')}; remove ${issue.keys.length === 1 ? 'it' : 'them'}`,
      zh: `含有不接受的字段 ${issue.keys.join('、')}，请去掉` };
    case 'invalid_union': return invalidUnion(issue);
    case 'invalid_key': return { en: `has a key that is not valid in this ${issue.origin}`, zh: '含有不符合要求的键' };
    case 'invalid_element': return { en: `has a value that is not valid in this ${issue.origin}`, zh: '含有不符合要求的值' };
    case 'custom': {
      const zh = issue.params?.['zh'];
      return { en: 'is not valid', zh: typeof zh === 'string' ? zh : '不符合要求' };
    }
    default: return { en: 'is not valid', zh: '不符合要求' };
  }
}

const TYPES: Record<string, Bilingual> = {
  string: { en: 'text (a string)', zh: '文本' }, number: { en: 'a number', zh: '数字' }, int: { en: 'a whole number', zh: '整数' },
  bigint: { en: 'a whole number', zh: '整数' }, boolean: { en: 'true or false', zh: '布尔值（是或否）' }, date: { en: 'a date', zh: '日期' },
  array: { en: 'a list', zh: '列表' }, tuple: { en: 'a list', zh: '列表' }, set: { en: 'a set', zh: '集合' },
  object: { en: 'an object', zh: '对象' }, record: { en: 'an object', zh: '对象' }, map: { en: 'a map', zh: '映射' },
  file: { en: 'a file', zh: '文件' }, null: { en: 'null', zh: '空值' }, nan: { en: 'NaN', zh: '非数字' },
  symbol: { en: 'a symbol', zh: '符号' }, function: { en: 'a function', zh: '函数' },
};

/** The kind of value received, never the value. */
function receivedKind(value: unknown): Bilingual {
  if (value === null) return TYPES['null']!;
  if (Array.isArray(value)) return TYPES['array']!;
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return TYPES['nan']!;
    return Number.isInteger(value) ? { en: 'a number', zh: '数字' } : { en: 'a number with a fraction', zh: '小数' };
  }
  return TYPES[typeof value] ?? { en: 'something else', zh: '其他类型的值' };
}

function invalidType(issue: core.$ZodIssueInvalidType): Bilingual {
  const known = 'input' in issue;
  if ((known && issue.input === undefined) || issue.expected === 'nonoptional') {
    return { en: 'is required but missing', zh: '缺少该字段，请填写' };
  }
  if (issue.expected === 'undefined' || issue.expected === 'never' || issue.expected === 'void') {
    return { en: 'must not be given here; remove it', zh: '此处不应提供该字段，请去掉' };
  }
  const expected = TYPES[issue.expected] ?? { en: `of type ${issue.expected}`, zh: '其他类型' };
  if (!known) return { en: `must be ${expected.en}`, zh: `须为${expected.zh}` };
  if ((issue.expected === 'int' || issue.expected === 'bigint') && typeof issue.input === 'number' && Number.isInteger(issue.input)) {
    return { en: 'must be a whole number within ±9007199254740991', zh: '须为整数，且不超过 ±9007199254740991' };
  }
  const got = receivedKind(issue.input);
  return { en: `must be ${expected.en}, got ${got.en}`, zh: `须为${expected.zh}，收到的是${got.zh}` };
}

/** Sizes counted in units (a string's characters, a list's items); the rest compare values. */
const UNITS: Record<string, { en: [string, string]; zh: string }> = {
  string: { en: ['character', 'characters'], zh: '个字符' }, array: { en: ['item', 'items'], zh: '项' },
  set: { en: ['item', 'items'], zh: '项' }, map: { en: ['entry', 'entries'], zh: '项' }, file: { en: ['byte', 'bytes'], zh: '字节' },
};

function bound(value: number | bigint | Date, origin: string): string {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (origin === 'date' && typeof value === 'number') return new Date(value).toISOString().slice(0, 10);
  return value.toString();
}

function tooSmall(issue: core.$ZodIssueTooSmall): Bilingual {
  const n = bound(issue.minimum, issue.origin);
  const inclusive = issue.inclusive !== false;
  const unit = UNITS[issue.origin];
  if (unit) {
    const en = `${n} ${unit.en[Number(issue.minimum) === 1 ? 0 : 1]}`;
    if (issue.exact) return { en: `must have exactly ${en}`, zh: `须为 ${n} ${unit.zh}` };
    if (issue.origin === 'string' && inclusive && Number(issue.minimum) === 1) return { en: 'must not be empty', zh: '不能为空' };
    return inclusive ? { en: `must have at least ${en}`, zh: `至少需要 ${n} ${unit.zh}` } : { en: `must have more than ${en}`, zh: `须多于 ${n} ${unit.zh}` };
  }
  if (issue.exact) return { en: `must be ${n}`, zh: `须等于 ${n}` };
  if (issue.origin === 'date') return inclusive ? { en: `must be on or after ${n}`, zh: `须不早于 ${n}` } : { en: `must be after ${n}`, zh: `须晚于 ${n}` };
  return inclusive ? { en: `must be at least ${n}`, zh: `须不小于 ${n}` } : { en: `must be greater than ${n}`, zh: `须大于 ${n}` };
}

function tooBig(issue: core.$ZodIssueTooBig): Bilingual {
  const n = bound(issue.maximum, issue.origin);
  const inclusive = issue.inclusive !== false;
  const unit = UNITS[issue.origin];
  if (unit) {
    const en = `${n} ${unit.en[Number(issue.maximum) === 1 ? 0 : 1]}`;
    if (issue.exact) return { en: `must have exactly ${en}`, zh: `须为 ${n} ${unit.zh}` };
    return inclusive ? { en: `must have at most ${en}`, zh: `最多 ${n} ${unit.zh}` } : { en: `must have fewer than ${en}`, zh: `须少于 ${n} ${unit.zh}` };
  }
  if (issue.exact) return { en: `must be ${n}`, zh: `须等于 ${n}` };
  if (issue.origin === 'date') return inclusive ? { en: `must be on or before ${n}`, zh: `须不晚于 ${n}` } : { en: `must be before ${n}`, zh: `须早于 ${n}` };
  return inclusive ? { en: `must be at most ${n}`, zh: `须不大于 ${n}` } : { en: `must be less than ${n}`, zh: `须小于 ${n}` };
}

function oneOf(values: readonly unknown[]): Bilingual {
  const shown = values.map((v) => (typeof v === 'string' ? `"${v}"` : String(v)));
  if (shown.length === 1) return { en: `must be ${shown[0]}`, zh: `须为 ${shown[0]}` };
  return { en: `must be one of ${shown.slice(0, -1).join(', ')} or ${shown.at(-1)}`, zh: `须为以下之一：${shown.join('、')}` };
}

/** zod's string formats (core.$ZodStringFormats) a reader may meet. */
const FORMATS: Record<string, Bilingual> = {
  email: { en: 'an email address', zh: '有效的电子邮件地址' }, url: { en: 'a URL', zh: '有效的网址' },
  uuid: { en: 'a UUID', zh: '有效的 UUID' }, guid: { en: 'a GUID', zh: '有效的 GUID' },
  date: { en: 'a date YYYY-MM-DD, like 2026-03-02', zh: '日期，如 2026-03-02' },
  datetime: { en: 'a date and time like 2026-03-02T09:30:00Z', zh: '日期和时间，如 2026-03-02T09:30:00Z' },
  time: { en: 'a time like 09:30:00', zh: '时间，如 09:30:00' }, duration: { en: 'an ISO 8601 duration like P3D', zh: '时长，如 P3D（ISO 8601）' },
  ipv4: { en: 'an IPv4 address', zh: 'IPv4 地址' }, ipv6: { en: 'an IPv6 address', zh: 'IPv6 地址' },
  cidrv4: { en: 'an IPv4 range', zh: 'IPv4 网段' }, cidrv6: { en: 'an IPv6 range', zh: 'IPv6 网段' },
  base64: { en: 'base64 text', zh: 'Base64 编码的文本' }, base64url: { en: 'base64url text', zh: 'Base64URL 编码的文本' },
  json_string: { en: 'JSON text', zh: 'JSON 文本' }, e164: { en: 'a phone number in international form like +8613800000000', zh: '国际格式的电话号码，如 +8613800000000' },
  credit_card: { en: 'a card number', zh: '有效的卡号' }, iban: { en: 'an IBAN', zh: '有效的国际银行账号（IBAN）' },
  lowercase: { en: 'all lower case', zh: '全部小写' }, uppercase: { en: 'all upper case', zh: '全部大写' },
};

/** The patterns our routes use (z.string().regex), as zod reports them. */
const PATTERNS: Record<string, Bilingual> = {
  '/^\\d{4}-\\d{2}-\\d{2}$/': FORMATS['date']!,
  '/^\\d{4}-\\d{2}$/': { en: 'a month YYYY-MM, like 2026-03', zh: '月份，如 2026-03' },
  '/^\\d{2}:\\d{2}$/': { en: 'a time HH:MM, like 09:30', zh: '时间，如 09:30' },
  // A territory's region (routes/assignment.ts).
  '/^([0-9]{2,6}|[Uu][Ss]-[A-Za-z]{2}|\\*)$/': { en: '2 to 6 digits of a region code (42, 4201), a US state as US-MA, or * for all regions',
    zh: '2 到 6 位行政区划代码（如 42、4201）、美国州代码（如 US-MA），或 *（全部地区）' },
  '/^\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}$/': { en: 'a date and time YYYY-MM-DDTHH:MM, like 2026-03-02T09:30', zh: '日期和时间，如 2026-03-02T09:30' },
};

function invalidFormat(issue: core.$ZodIssueInvalidStringFormat): Bilingual {
  const p = issue as core.$ZodStringFormatIssues;
  switch (p.format) {
    case 'starts_with': return { en: `must start with "${p.prefix}"`, zh: `须以“${p.prefix}”开头` };
    case 'ends_with': return { en: `must end with "${p.suffix}"`, zh: `须以“${p.suffix}”结尾` };
    case 'includes': return { en: `must include "${p.includes}"`, zh: `须包含“${p.includes}”` };
    case 'regex': {
      const known = PATTERNS[p.pattern];
      return known ? { en: `must be ${known.en}`, zh: `须为${known.zh}` } : { en: `must match the pattern ${p.pattern}`, zh: '格式不正确，请按要求的格式填写' };
    }
    default: {
      const known = FORMATS[p.format];
      return known ? { en: `must be ${known.en}`, zh: `须为${known.zh}` } : { en: `must be in the ${p.format} format`, zh: '格式不正确，请按要求的格式填写' };
    }
  }
}

function invalidUnion(issue: core.$ZodIssueInvalidUnion): Bilingual {
  if ('input' in issue && issue.input === undefined) return { en: 'is required but missing', zh: '缺少该字段，请填写' };
  if (issue.inclusive === false) return { en: 'matches more than one allowed form; make it match exactly one', zh: '同时符合多种形式，无法确定，请只按一种填写' };
  if (issue.options && issue.options.length > 0) return oneOf(issue.options);
  // Each option wants another type (z.union([z.string(), z.number()])): say which.
  const types = issue.errors.map((branch) => branch.find((i) => i.code === 'invalid_type' && i.path.length === 0));
  if (types.length > 0 && types.every((t) => t !== undefined)) {
    const names = [...new Set(types.map((t) => TYPES[(t as core.$ZodIssueInvalidType).expected]).filter((t) => t !== undefined))];
    if (names.length > 0) {
      return { en: `must be ${names.map((t) => t.en).join(' or ')}`, zh: `须为${names.map((t) => t.zh).join('或')}` };
    }
  }
  return { en: 'does not match any of the allowed forms', zh: '不符合任何一种允许的形式' };
}
