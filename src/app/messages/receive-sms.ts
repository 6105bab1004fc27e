import { appendAudit } from '../../db/audit-repository.ts';
import { insertContactAttempt } from '../../db/contact-state-repository.ts';
import { lockAccountInScope } from '../../db/accounts-repository.ts';
import { lastSentTo, lockPhonePoints, lockSentMessages, optOutOfEmail, optOutOfSms, recordReceipt } from '../../db/outbox-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { returnValidationNotice } from '../../db/validation-notices-repository.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { phoneReadings } from '../../domain/import/person.ts';
import { maskPhone } from '../../domain/masking.ts';
import { isOptOutReply } from '../../domain/messages/replies.ts';
import { businessDate } from '../business-date.ts';
import type { AppContext } from '../context.ts';
import { markPointInTransaction } from '../workstation/contact-points.ts';
import { DISPATCH_ACTOR } from './dispatch-outbox.ts';

export interface ReceivedSms {
  /** Phone contact points with the sender's number (any debtor's). */
  matched: number;
  /** The reply asked us to stop: SMS is now opted out on every one of them. */
  opted_out: boolean;
  /** Queued messages to those points that will not go. */
  cancelled: number;
  /** The contact attempt the reply was recorded as (on the account of the latest message sent to the number), if any. */
  attempt_id: number | null;
}

/** A reply answers the message sent to the number within this many days. */
const REPLY_WINDOW_DAYS = 30;

/**
 * A reply the SMS gateway received from a debtor's phone (docs/messages.md, "Replies").
 * - An opt-out ("TD", "退订", "STOP", ...) opts that number out of SMS on every contact point
 *   that holds it, at once, and cancels the messages queued to it: the compliance engine
 *   refuses SMS to an opted-out point from then on.
 * - Any reply to a message we sent within 30 days is recorded on that message's account as a
 *   contact the debtor made (channel sms, outcome sms_reply, the text as its note), so the
 *   collector sees it on the account page and cool-downs count it.
 * Audited (`sms.inbound`, the number masked); the text is kept in the attempt's note only.
 */
export async function receiveSms(ctx: AppContext, input: { from: string; body: string }): Promise<ReceivedSms> {
  // A Chinese number as the gateway gives it, a US or UK one in its international form (+13125550106) or as dialled
  // at home; a form that may be either (13125550106: a Chinese mobile, or a US number with its 1) is read as the one last texted.
  const readings = /[,，;；/、|]/.test(input.from) ? [] : phoneReadings(input.from);
  if (readings.length === 0) {
    throw invalidInput({ en: `"from" must be one phone number, got ${JSON.stringify(input.from)}`, zh: `from 必须是一个电话号码，实际为 ${JSON.stringify(input.from)}` }, 'from');
  }
  const phone = readings[0]!;
  const optOut = isOptOutReply(input.body);
  const at = ctx.now();
  return inTransaction(ctx.pool, async (client) => {
    const hashes = readings.map((reading) => ctx.cipher.matchHash(reading));
    const candidates = await lockPhonePoints(client, hashes);
    // The reply answers the message last sent to any of its readings: that reading is the sender's number (13125550106 sent
    // the STOP to a US number's text, not as a Chinese mobile). Without one, the first reading that is on file.
    const answered = candidates.length ? await lastSentTo(client, candidates.map((p) => p.id), new Date(at.getTime() - REPLY_WINDOW_DAYS * 86_400_000)) : undefined;
    const sender = answered !== undefined ? candidates.find((p) => p.id === answered.contact_point_id)!.value_hash
      : hashes.find((h) => candidates.some((p) => p.value_hash.equals(h)));
    const points = sender === undefined ? [] : candidates.filter((p) => p.value_hash.equals(sender));
    const ids = points.map((p) => p.id);
    const cancelled = optOut && ids.length ? await optOutOfSms(client, ids, 'The recipient replied to stop SMS (opt-out)') : 0;
    const attemptId = answered === undefined ? null : await insertContactAttempt(client, {
      creditorId: answered.creditor_id, accountId: answered.account_id, debtorId: answered.debtor_id, contactPointId: answered.contact_point_id,
      channel: 'sms', party: 'debtor', purpose: 'collect', outcome: 'sms_reply', initiatedBy: 'debtor', at, collectorId: null,
      note: input.body.slice(0, 500), recordingRef: null, decision: null,
    });
    await appendAudit(client, DISPATCH_ACTOR, {
      action: 'sms.inbound', entity: 'contact_point', entityId: ids[0] ?? null, creditorId: answered?.creditor_id ?? null,
      detail: { from: maskPhone(phone), points: ids, opted_out: optOut && ids.length > 0, cancelled, attempt_id: attemptId, reply_to: answered?.id ?? null },
    });
    return { matched: ids.length, opted_out: optOut && ids.length > 0, cancelled, attempt_id: attemptId };
  });
}

export interface ReceiptInput {
  /** Our outbox id, or the gateway's own reference for the message (what it answered when it accepted it). */
  id?: number | undefined; providerRef?: string | undefined;
  status: 'delivered' | 'undelivered'; error?: string | undefined;
  /** The number (or e-mail address) does not exist: its contact point is marked invalid. */
  invalidNumber?: boolean | undefined;
  /** The recipient reported the e-mail as unwanted (a spam complaint): the address is opted out of e-mail. */
  complaint?: boolean | undefined;
}

const RECEIPT_WORDS = {
  sms: { en: 'message', zh: '短信', invalid: 'SMS receipt: the number does not exist' },
  email: { en: 'e-mail', zh: '邮件', invalid: 'E-mail bounced for good: the address does not exist' },
} as const;

/**
 * A delivery receipt the gateway posts for a message it accepted (docs/messages.md, "Receipts"):
 * the message records delivered or undelivered (with the gateway's reason). A number the network
 * reports as not existing (空号: `invalid_number`) marks the contact point invalid, with the
 * receipt as its reason, exactly as a collector's "wrong number" does (and the debtor may become
 * 失联 when no other point is left).
 */
export async function receiveReceipt(ctx: AppContext, input: ReceiptInput, channel: 'sms' | 'email' = 'sms'):
  Promise<{ id: number; delivery: string; contact_point_invalid: boolean; opted_out: boolean }> {
  const at = ctx.now();
  const words = RECEIPT_WORDS[channel];
  return inTransaction(ctx.pool, async (client) => {
    if ((input.id === undefined) === (input.providerRef === undefined)) {
      throw invalidInput({ en: 'Name the message by id or by provider_ref (one of them)', zh: `请用 id 或 provider_ref（二者之一）指明${words.zh}` }, 'id');
    }
    const named = input.id !== undefined ? `${input.id}` : `provider_ref ${input.providerRef}`;
    const found = await lockSentMessages(client, input.id !== undefined ? { id: input.id } : { providerRef: input.providerRef! }, channel);
    if (found.length === 0) throw new AppError('NOT_FOUND', { en: `No ${words.en} ${named} in the outbox`, zh: `发件箱中没有${words.zh} ${named}` });
    if (found.length > 1) {
      throw new AppError('CONFLICT', { en: `More than one ${words.en} carries ${named}: send the receipt by id`, zh: `有多条${words.zh}带有 ${named}：请按 id 发送回执` });
    }
    const message = found[0]!;
    if (message.status !== 'sent') {
      throw new AppError('CONFLICT', { en: `Message ${message.id} is ${message.status}, not sent: no receipt applies`, zh: `第 ${message.id} 条${words.zh}的状态为 ${message.status}，并未发出，不能记录回执` });
    }
    const error = input.status === 'undelivered' ? (input.error ?? (input.invalidNumber ? 'invalid number' : 'undelivered')).slice(0, 200) : null;
    await recordReceipt(client, message.id, { delivery: input.status, at, error });
    let invalid = false;
    if (input.status === 'undelivered' && input.invalidNumber && message.contact_point_id !== null && message.account_id !== null && message.creditor_id !== null) {
      const account = await lockAccountInScope(client, { kind: 'all' }, message.account_id);
      if (account) {
        await markPointInTransaction(client, DISPATCH_ACTOR, { pointId: message.contact_point_id, accountId: account.id, creditorId: account.creditor_id,
          debtorId: account.debtor_id, state: 'invalid', reason: `${words.invalid} (outbox #${message.id}: ${error})`, at });
        invalid = true;
      }
    }
    // A validation notice that did not reach the debtor was not given: the account waits for another (by post, or another address).
    const noticeReturned = input.status === 'undelivered' && message.carries_notice && message.contact_attempt_id !== null && message.creditor_id !== null
      && await returnValidationNotice(client, message.creditor_id, message.contact_attempt_id, businessDate(ctx));
    // A spam complaint is the recipient saying "no more of these": the address leaves e-mail, as by its opt-out link.
    const optedOut = channel === 'email' && input.complaint === true && message.contact_point_id !== null
      && (await optOutOfEmail(client, message.contact_point_id, 'The recipient reported an e-mail as unwanted (complaint)')).found;
    await appendAudit(client, DISPATCH_ACTOR, { action: 'outbox.receipt', entity: 'outbox', entityId: message.id, creditorId: message.creditor_id,
      detail: { channel, delivery: input.status, error, contact_point_invalid: invalid, ...(channel === 'email' ? { complaint: input.complaint === true, opted_out: optedOut } : {}),
        ...(noticeReturned ? { validation_notice_returned: true } : {}) } });
    return { id: message.id, delivery: input.status, contact_point_invalid: invalid, opted_out: optedOut };
  });
}
