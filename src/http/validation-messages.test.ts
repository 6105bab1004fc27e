import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { requestErrorMessage } from './errors.ts';
import { describeIssue, validationMessage, type ValidationIssue } from './validation-messages.ts';

/** The first issue zod raises for `value`, with the value found at its path as `input` (what errors.ts looks up). */
function issueOf(schema: z.ZodType, value: unknown): ValidationIssue {
  const issue = schema.safeParse(value).error!.issues[0]!;
  let input: unknown = value;
  for (const key of issue.path) input = input === undefined || input === null ? undefined : (input as Record<PropertyKey, unknown>)[key];
  return { ...issue, input } as ValidationIssue;
}

const body = (shape: z.ZodRawShape) => z.object(shape);
/** Latin words left once identifiers the API defines (field names, codes) are taken out: none in Chinese prose. */
const latinWords = (zh: string, ...identifiers: string[]) => identifiers.reduce((s, id) => s.replaceAll(id, ''), zh).match(/[A-Za-z]{2,}/g) ?? [];

describe('validationMessage: a zod issue in English and in Chinese', () => {
  it('too_small and too_big: a string\'s characters, a list\'s items, a number\'s bounds', () => {
    expect(validationMessage(issueOf(body({ reason: z.string().min(2) }), { reason: 'x' }), 'body', 'reason'))
      .toEqual({ en: 'body.reason: must have at least 2 characters', zh: '请求内容中的 reason：至少需要 2 个字符' });
    expect(describeIssue(issueOf(z.string().min(1), ''))).toEqual({ en: 'must not be empty', zh: '不能为空' });
    expect(describeIssue(issueOf(z.string().length(4), 'abc'))).toEqual({ en: 'must have exactly 4 characters', zh: '须为 4 个字符' });
    expect(describeIssue(issueOf(z.string().max(500), 'x'.repeat(501)))).toEqual({ en: 'must have at most 500 characters', zh: '最多 500 个字符' });
    expect(describeIssue(issueOf(z.array(z.number()).min(1), []))).toEqual({ en: 'must have at least 1 item', zh: '至少需要 1 项' });
    expect(describeIssue(issueOf(z.array(z.number()).max(3), [1, 2, 3, 4]))).toEqual({ en: 'must have at most 3 items', zh: '最多 3 项' });
    expect(describeIssue(issueOf(z.number().int().min(1), 0))).toEqual({ en: 'must be at least 1', zh: '须不小于 1' });
    expect(describeIssue(issueOf(z.number().positive(), 0))).toEqual({ en: 'must be greater than 0', zh: '须大于 0' });
    expect(describeIssue(issueOf(z.number().max(36), 48))).toEqual({ en: 'must be at most 36', zh: '须不大于 36' });
    expect(describeIssue(issueOf(z.number().lt(10), 10))).toEqual({ en: 'must be less than 10', zh: '须小于 10' });
  });

  it('invalid_type: what was expected and the kind received (never the value); absent is missing', () => {
    expect(validationMessage(issueOf(body({ reason: z.string() }), {}), 'body', 'reason'))
      .toEqual({ en: 'body.reason: is required but missing', zh: '请求内容中的 reason：缺少该字段，请填写' });
    expect(describeIssue(issueOf(z.string(), 13800000001))).toEqual({ en: 'must be text (a string), got a number', zh: '须为文本，收到的是数字' });
    expect(describeIssue(issueOf(z.number(), '12'))).toEqual({ en: 'must be a number, got text (a string)', zh: '须为数字，收到的是文本' });
    expect(describeIssue(issueOf(z.number().int(), 1.5))).toEqual({ en: 'must be a whole number, got a number with a fraction', zh: '须为整数，收到的是小数' });
    expect(describeIssue(issueOf(z.boolean(), null))).toEqual({ en: 'must be true or false, got null', zh: '须为布尔值（是或否），收到的是空值' });
    expect(describeIssue(issueOf(z.array(z.string()), {}))).toEqual({ en: 'must be a list, got an object', zh: '须为列表，收到的是对象' });
    // Without the input (not looked up) it says only what is expected.
    const { input: _, ...bare } = issueOf(z.string(), 1) as ValidationIssue & { input?: unknown };
    expect(describeIssue(bare as ValidationIssue)).toEqual({ en: 'must be text (a string)', zh: '须为文本' });
    // The whole body missing.
    expect(validationMessage(issueOf(body({ a: z.string() }), undefined), 'body', undefined)).toEqual({ en: 'The request\'s body is missing', zh: '缺少请求内容' });
  });

  it('invalid_value: the one value or the options allowed', () => {
    expect(validationMessage(issueOf(body({ priority: z.enum(['high', 'medium', 'low']) }), { priority: 'urgent' }), 'body', 'priority'))
      .toEqual({ en: 'body.priority: must be one of "high", "medium" or "low"', zh: '请求内容中的 priority：须为以下之一："high"、"medium"、"low"' });
    expect(describeIssue(issueOf(z.literal('CN'), 'US'))).toEqual({ en: 'must be "CN"', zh: '须为 "CN"' });
    expect(describeIssue(issueOf(z.union([z.literal(1), z.literal(2)]), 3))).toMatchObject({ zh: '不符合任何一种允许的形式' });
  });

  it('invalid_format: dates, emails, our regexes by name, prefixes; an author\'s English message is kept in English only', () => {
    expect(describeIssue(issueOf(z.iso.date(), '2026-13-01'))).toEqual({ en: 'must be a date YYYY-MM-DD, like 2026-03-02', zh: '须为日期，如 2026-03-02' });
    expect(describeIssue(issueOf(z.email(), 'wang@'))).toEqual({ en: 'must be an email address', zh: '须为有效的电子邮件地址' });
    expect(describeIssue(issueOf(z.string().regex(/^\d{4}-\d{2}$/), '2026-3'))).toEqual({ en: 'must be a month YYYY-MM, like 2026-03', zh: '须为月份，如 2026-03' });
    expect(describeIssue(issueOf(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD'), 'tomorrow')))
      .toEqual({ en: 'expected a date YYYY-MM-DD', zh: '须为日期，如 2026-03-02' });
    expect(describeIssue(issueOf(z.string().regex(/^[A-Z]{3}$/), 'cny'))).toEqual({ en: 'must match the pattern /^[A-Z]{3}$/', zh: '格式不正确，请按要求的格式填写' });
    expect(describeIssue(issueOf(z.string().startsWith('P-'), 'X-1'))).toEqual({ en: 'must start with "P-"', zh: '须以“P-”开头' });
    expect(describeIssue(issueOf(z.number().multipleOf(5), 7))).toEqual({ en: 'must be a multiple of 5', zh: '须为 5 的倍数' });
  });

  it('unrecognized_keys: names the fields not accepted', () => {
    expect(validationMessage(issueOf(z.strictObject({ a: z.string() }), { a: 'x', colour: 'red' }), 'body', undefined))
      .toEqual({ en: 'body: has a field not accepted here: colour; remove it', zh: '请求内容：含有不接受的字段 colour，请去掉' });
  });

  it('custom: the author\'s message in its language, a Chinese one from params.zh', () => {
    const either = body({ phone: z.string().optional(), id_number: z.string().optional() })
      .refine((b) => (b.phone === undefined) !== (b.id_number === undefined), { message: 'give either phone or id_number' });
    expect(validationMessage(issueOf(either, {}), 'body', undefined)).toEqual({ en: 'body: give either phone or id_number', zh: '请求内容：不符合要求' });
    const withZh = z.string().refine(() => false, { message: 'give a reason', params: { zh: '请说明原因' } });
    expect(describeIssue(issueOf(withZh, 'x'))).toEqual({ en: 'give a reason', zh: '请说明原因' });
    expect(describeIssue(issueOf(z.string().refine(() => false, '金额须为正数'), 'x'))).toEqual({ en: 'is not valid', zh: '金额须为正数' });
    expect(describeIssue(issueOf(z.string().refine(() => false), 'x'))).toEqual({ en: 'is not valid', zh: '不符合要求' });
  });

  it('says the place of a query string or path parameter in Chinese', () => {
    expect(validationMessage(issueOf(z.object({ page: z.coerce.number().int().min(1) }), { page: '0' }), 'querystring', 'page').zh).toBe('查询参数中的 page：须不小于 1');
    expect(validationMessage(issueOf(z.object({ id: z.coerce.number().int() }), { id: 'x' }), 'params', 'id').zh).toMatch(/^路径参数中的 id：须为/);
  });

  it('leaves no English word in the Chinese message beyond the API\'s own names', () => {
    const cases: Array<[z.ZodType, unknown, string[]]> = [
      [body({ reason: z.string().min(2) }), { reason: 'x' }, ['reason']],
      [body({ reason: z.string() }), {}, ['reason']],
      [body({ n: z.number().int() }), { n: 'x' }, []],
      [body({ d: z.string().regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}$/, 'expected YYYY-MM-DDTHH:MM') }), { d: 'soon' }, []],
      [body({ l: z.array(z.string()).nonempty() }), { l: [] }, []],
      [z.strictObject({}), { extra: 1 }, ['extra']],
    ];
    for (const [schema, value, ids] of cases) {
      const issue = issueOf(schema, value);
      const { zh } = validationMessage(issue, 'body', issue.path.join('.') || undefined);
      expect(latinWords(zh, ...ids, ...issue.path.map(String)), zh).toEqual([]);
    }
  });
});

describe('requestErrorMessage: Fastify\'s refusals of a body or address', () => {
  it('says a malformed, empty or unsupported body in Chinese', () => {
    expect(requestErrorMessage({ code: 'FST_ERR_CTP_INVALID_JSON_BODY', statusCode: 400, message: 'Body is not valid JSON but content-type is set to \'application/json\'' }))
      .toEqual({ en: 'The request body is not valid JSON; check its brackets, quotes and commas', zh: '请求内容不是有效的 JSON，请检查括号、引号和逗号' });
    expect(requestErrorMessage({ code: 'FST_ERR_CTP_EMPTY_JSON_BODY', statusCode: 400, message: '' }).zh).toBe('请求内容为空，但声明为 JSON；请提供内容，或不要声明内容类型');
    expect(requestErrorMessage({ code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', statusCode: 415, message: 'Unsupported Media Type' }, { headers: { 'content-type': 'text/xml' } }))
      .toEqual({ en: 'This address does not accept a body of type text/xml; send JSON', zh: '此地址不接受这种类型的请求内容（text/xml），请以 JSON 发送' });
    expect(requestErrorMessage({ code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413, message: 'Request body is too large' }).zh).toBe('请求内容过大，请缩小后再发送');
  });

  it('says any other refusal by its status, without the English text', () => {
    expect(requestErrorMessage({ code: 'FST_ERR_SOMETHING', statusCode: 405, message: 'Method Not Allowed' }))
      .toEqual({ en: 'Method Not Allowed', zh: '请求未被接受（405）：不支持该请求方法' });
  });
});
