import { appendAudit } from '../../db/audit-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { bumpAccount, findContactPoint, insertContactPoint, isAnotherPersons, lockDebtor, setContactPointConsent, setContactPointState, setNoCalls } from '../../db/workstation-repository.ts';
import { isEmailAddress } from '../../domain/email-address.ts';
import { normalizePhoneFor } from '../../domain/import/person.ts';
import { usAddressZones } from '../../domain/import/person-us.ts';
import { maskContact } from '../../domain/masking.ts';
import { phoneTimeZones } from '../phone-zones.ts';
import { AppError } from '../../domain/errors.ts';
import type { Reliability } from '../../domain/workstation/index.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';
import { lockAccountForChange } from './account-lock.ts';
import { refreshLostContact } from './lost-contact.ts';

export interface NewContactPoint {
  kind: 'phone' | 'address' | 'email';
  value: string;
  owner: 'debtor' | 'third_party';
  thirdPartyName?: string | null;
  relation?: string | null;
  /** Where it came from: skip_trace vendor, debtor, collector research, ... */
  source: string;
  reliability: Reliability;
  expectedVersion?: number | null;
  /** An e-mail address: the debtor's employer gave it to them (a work address), and whether the debtor asked us to use it. */
  employerProvided?: boolean;
  debtorConsented?: boolean;
  /** The collector checked a number or address on file as another person's and it is this debtor's own (without it, refused). */
  confirmedShared?: boolean;
}

/**
 * A contact point found by skip-tracing (失联修复), stored encrypted with its provenance
 * (source, reliability, who added it and when). A working point of the debtor's own brings
 * a lost-contact debtor's accounts back to active.
 */
export async function addContactPoint(ctx: AppContext, actor: Actor, accountId: number, input: NewContactPoint):
  Promise<{ contact_point_id: number; lost_contact: boolean; version: number }> {
  authorize(actor, 'contact_points.manage');
  if (input.owner === 'third_party' && !input.thirdPartyName?.trim()) {
    throw new AppError('INVALID_INPUT', { en: 'A third party contact point needs the name of the person it belongs to', zh: '第三方联系方式需要填写所属人的姓名' },
      { field: 'third_party_name' });
  }
  if (input.kind === 'email' && !isEmailAddress(input.value.trim())) throw new AppError('INVALID_INPUT', { en: `"${input.value}" is not an e-mail address`, zh: `“${input.value}”不是有效的电子邮件地址` }, { field: 'value' });
  return inTransaction(ctx.pool, async (client) => {
    const account = await lockAccountForChange(ctx, client, actor, accountId, input.expectedVersion);
    // A number as dialled in the account's country (a UK debtor's 07700 900123 is +447700900123, as their bank's file gives it).
    const value = input.kind === 'phone' ? normalizePhoneFor(input.value, account.pack) ?? '' : input.value.trim();
    if (input.kind === 'phone' && value === '') {
      const country = account.pack === 'UK' ? { en: 'a UK', zh: '英国' } : account.pack === 'US' ? { en: 'a US', zh: '美国' } : null;
      throw new AppError('INVALID_INPUT', country === null ? { en: `"${input.value}" is not a phone number`, zh: `“${input.value}”不是有效的电话号码` } : {
        en: `"${input.value}" is not ${country.en} phone number: type a number from another country with its country code (+86 138 0013 8000)`,
        zh: `“${input.value}”不是${country.zh}电话号码：其他国家的号码请带国家代码填写（如 +86 138 0013 8000）`,
      }, { field: 'value' });
    }
    // Erased at the end of the retention period: no new personal data is kept about them (the erasure would not find it).
    if ((await lockDebtor(client, account.debtor_id)).erased) {
      throw new AppError('CONFLICT', { en: 'This debtor\'s personal data was erased at the end of the retention period: no contact point is added to it',
        zh: '该债务人的个人信息已按数据保留期删除，不能再添加联系方式' });
    }
    const hash = ctx.cipher.matchHash(value);
    // A number or address on file as another person's (another debtor's own, or a third party of another debtor's) is not taken as
    // this debtor's own without the collector saying they checked it: a wrong one would have collectors call a stranger about the debt.
    const shared = input.owner === 'debtor' && await isAnotherPersons(client, account.debtor_id, input.kind, hash);
    if (shared && input.confirmedShared !== true) {
      throw new AppError('CONFLICT', {
        en: `This ${input.kind === 'phone' ? 'number' : input.kind === 'email' ? 'e-mail address' : 'address'} is on file as another person's (another debtor's, or another debtor's contact). Add it as this debtor's own only after checking it is theirs (they said so on a call, or the bank confirmed it); else add it as a third party's`,
        zh: `该${input.kind === 'phone' ? '号码' : input.kind === 'email' ? '邮箱' : '地址'}已登记为另一人（其他债务人或其他债务人的联系人）的。只有核实确为本债务人本人的（本人在通话中确认，或银行确认）才可作为本人的添加；否则请作为第三方添加`,
      }, { field: 'value', details: { shared: true } });
    }
    const id = await insertContactPoint(client, {
      debtorId: account.debtor_id, kind: input.kind, valueEnc: ctx.cipher.encrypt(value), valueHash: hash,
      valueMask: maskContact(input.kind, value),
      timeZones: zonesOf(input.kind, value), owner: input.owner, thirdPartyName: input.owner === 'third_party' ? input.thirdPartyName!.trim() : null,
      relation: input.relation?.trim() || null, source: input.source,
      provenance: { source: input.source, reliability: input.reliability, added_by: actor.username, added_at: ctx.now().toISOString(), account_id: accountId,
        ...(shared ? { also_another_persons: true } : {}) },
      employerProvided: input.kind === 'email' && input.employerProvided === true, debtorConsented: input.kind === 'email' && input.debtorConsented === true,
    });
    if (id === undefined) throw new AppError('CONFLICT', { en: 'The debtor already has this contact point', zh: '债务人已有这个联系方式' }, { field: 'value' });
    const { lost } = await refreshLostContact(client, account.debtor_id);
    const version = await bumpAccount(client, accountId);
    await appendAudit(client, actor, { action: 'contact_point.add', entity: 'contact_point', entityId: id, creditorId: account.creditor_id,
      detail: { account_id: accountId, kind: input.kind, owner: input.owner, source: input.source, reliability: input.reliability, ...(shared ? { also_another_persons: true } : {}),
        ...(input.kind === 'email' ? { employer_provided: input.employerProvided === true, debtor_consented: input.debtorConsented === true } : {}) } });
    return { contact_point_id: id, lost_contact: lost, version };
  });
}

/**
 * The zones a new contact point places its owner in: a phone's area's; a US address's state's,
 * narrowed by its ZIP code (any other address gives none: the engine keeps only zones of the
 * contract's country, so a Chinese debtor's address is never read as a US one).
 */
function zonesOf(kind: NewContactPoint['kind'], value: string): readonly string[] | null {
  return kind === 'phone' ? phoneTimeZones(value) : kind === 'address' ? usAddressZones(value) : null;
}

export type PointMark = 'invalid' | 'verified' | 'unverified';

/** The account, locked for a change at the version the collector's screen showed, and one of its debtor's contact points (NOT_FOUND for another's). */
async function lockPointForChange(ctx: AppContext, client: Parameters<typeof findContactPoint>[0], actor: Actor, pointId: number,
  input: { accountId: number; expectedVersion?: number | null | undefined }) {
  const account = await lockAccountForChange(ctx, client, actor, input.accountId, input.expectedVersion);
  const point = await findContactPoint(client, pointId);
  if (!point || point.debtor_id !== account.debtor_id) throw new AppError('NOT_FOUND', { en: `Contact point ${pointId} is not one of this account's debtor`, zh: `联系方式${pointId}不属于本案件的债务人` });
  // Erased at the end of the retention period: nothing is left to verify, consent to or call.
  if (point.erased) {
    throw new AppError('CONFLICT', { en: `Contact point ${pointId} was erased at the end of the retention period; it cannot be marked or used again`,
      zh: `联系方式${pointId}已按数据保留期删除，不能再标记或使用` });
  }
  return { account, point };
}

/** Marks a contact point wrong/invalid (or verified); the debtor's lost-contact state follows. */
export async function markContactPoint(ctx: AppContext, actor: Actor, pointId: number, input: { accountId: number; state: PointMark; reason: string; expectedVersion?: number | null }):
  Promise<{ lost_contact: boolean; moved_accounts: number[]; version: number }> {
  authorize(actor, 'contact_points.manage');
  return inTransaction(ctx.pool, async (client) => {
    const { account } = await lockPointForChange(ctx, client, actor, pointId, input);
    await lockDebtor(client, account.debtor_id);
    return markPointInTransaction(client, actor, { pointId, accountId: input.accountId, creditorId: account.creditor_id, debtorId: account.debtor_id,
      state: input.state, reason: input.reason, at: ctx.now() });
  });
}

export async function markPointInTransaction(client: Parameters<typeof setContactPointState>[0], actor: Actor, m: {
  pointId: number; accountId: number; creditorId: number; debtorId: number; state: PointMark; reason: string; at: Date }):
  Promise<{ lost_contact: boolean; moved_accounts: number[]; version: number }> {
  await setContactPointState(client, m.pointId, m.state, { state: m.state, reason: m.reason, by: actor.username, at: m.at.toISOString() });
  const { lost, moved } = await refreshLostContact(client, m.debtorId);
  const version = await bumpAccount(client, m.accountId);
  await appendAudit(client, actor, { action: 'contact_point.mark', entity: 'contact_point', entityId: m.pointId, creditorId: m.creditorId,
    detail: { account_id: m.accountId, state: m.state, reason: m.reason, lost_contact: lost, moved_accounts: moved } });
  return { lost_contact: lost, moved_accounts: moved, version };
}

/**
 * Records that the debtor agreed (on a call, in a letter) to be texted or e-mailed at one of their
 * own numbers or addresses, or that they withdrew it: what New York City's rules ask before any
 * text or e-mail (US.nyc_electronic_consent), and what makes an address one the debtor gave us
 * (US.email_safe_harbor). Audited with the collector's note.
 */
export async function recordContactConsent(ctx: AppContext, actor: Actor, pointId: number,
  input: { accountId: number; consented: boolean; note: string; expectedVersion?: number | null }): Promise<{ version: number }> {
  authorize(actor, 'contact_points.manage');
  return inTransaction(ctx.pool, async (client) => {
    const { account, point } = await lockPointForChange(ctx, client, actor, pointId, input);
    if (point.owner !== 'debtor' || (point.kind !== 'phone' && point.kind !== 'email')) {
      throw new AppError('INVALID_INPUT', { en: "Only the debtor's own phone numbers and e-mail addresses take their agreement to texts or e-mails",
        zh: '只有债务人本人的手机号码和电子邮箱才能记录其同意接收短信或邮件' }, { field: 'contact_point_id' });
    }
    await setContactPointConsent(client, pointId, input.consented, { consented: input.consented, note: input.note, by: actor.username, at: ctx.now().toISOString() });
    const version = await bumpAccount(client, input.accountId);
    await appendAudit(client, actor, { action: 'contact_point.consent', entity: 'contact_point', entityId: pointId, creditorId: account.creditor_id,
      detail: { account_id: input.accountId, kind: point.kind, consented: input.consented, note: input.note } });
    return { version };
  });
}

/**
 * Records that the debtor asked not to be called at one of their numbers (a work phone, say), or
 * that they asked for calls there again: the number's own opt-out of calls, which the compliance
 * engine reads as any opt-out of a contact point (calls to it are refused; the call plan takes the
 * debtor's next number). A person may ask a collector not to use a given number (12 CFR
 * 1006.14(h), comment 14(h)(1)-2); Massachusetts gives the right to stop calls at work (209 CMR
 * 18.16(1)). Audited with the collector's note. Texts and e-mails have their own opt-outs (STOP,
 * the e-mail's link), which a collector does not lift.
 */
export async function recordNoCalls(ctx: AppContext, actor: Actor, pointId: number,
  input: { accountId: number; noCalls: boolean; note: string; expectedVersion?: number | null }): Promise<{ version: number }> {
  authorize(actor, 'contact_points.manage');
  return inTransaction(ctx.pool, async (client) => {
    const { account, point } = await lockPointForChange(ctx, client, actor, pointId, input);
    if (point.kind !== 'phone') {
      throw new AppError('INVALID_INPUT', { en: 'Only a phone number can be marked not to be called', zh: '只有电话号码可以标记为不拨打' }, { field: 'contact_point_id' });
    }
    await setNoCalls(client, pointId, input.noCalls, { no_calls: input.noCalls, note: input.note, by: actor.username, at: ctx.now().toISOString() });
    const version = await bumpAccount(client, input.accountId);
    await appendAudit(client, actor, { action: 'contact_point.no_calls', entity: 'contact_point', entityId: pointId, creditorId: account.creditor_id,
      detail: { account_id: input.accountId, no_calls: input.noCalls, note: input.note } });
    return { version };
  });
}
