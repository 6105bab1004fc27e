import { appendAudit } from '../../db/audit-repository.ts';
import { listConfirmations, saveConfirmation, type ConfirmationRow } from '../../db/compliance-review-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { currentReading, reviewRules, reviewTexts, ruleReading, textReading, type ReviewRule, type ReviewText } from '../../domain/compliance-review.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';

/** The officer's word on an item, and whether it still holds (`current`: given on the reading the product has now). */
export interface ConfirmationView { status: 'confirmed' | 'questioned'; note: string; by: string; at: Date; current: boolean }

export interface ComplianceReview {
  rules: Array<ReviewRule & { confirmation: ConfirmationView | null }>;
  texts: Array<ReviewText & { confirmation: ConfirmationView | null }>;
  /** The U items without a current confirmation: what the officer has still to check. */
  open: number;
}

const NOTE_MAX = 2000;

/** Every rule and text under review, with the officer's word on each (合规确认). */
export async function complianceReview(ctx: AppContext, actor: Actor): Promise<ComplianceReview> {
  authorize(actor, 'compliance.read');
  const given = new Map((await listConfirmations(ctx.pool)).map((r) => [r.item, r]));
  const view = (item: string, reading: string): ConfirmationView | null => {
    const r = given.get(item);
    return r ? { status: r.status, note: r.note, by: r.decided_by_name, at: r.decided_at, current: r.reading === reading } : null;
  };
  const rules = reviewRules().map((r) => ({ ...r, confirmation: view(r.item, ruleReading(r)) }));
  const texts = reviewTexts().map((t) => ({ ...t, confirmation: view(t.item, textReading(t)) }));
  const settled = (c: ConfirmationView | null) => c !== null && c.current && c.status === 'confirmed';
  const open = rules.filter((r) => r.unverified !== null && !settled(r.confirmation)).length + texts.filter((t) => !settled(t.confirmation)).length;
  return { rules, texts, open };
}

/**
 * The officer confirms the product's reading of a rule or text, or questions it, saying what they
 * checked (an admin's; audited `compliance.confirmation` with the word before).
 */
export async function decideReviewItem(ctx: AppContext, actor: Actor, item: string, input: { status: string; note: string }): Promise<ConfirmationView> {
  authorize(actor, 'compliance.confirm');
  const reading = currentReading(item);
  if (reading === null) throw new AppError('NOT_FOUND', { en: `No rule or text "${item}" to review`, zh: `没有待确认的规则或文本“${item}”` });
  if (input.status !== 'confirmed' && input.status !== 'questioned') {
    throw invalidInput({ en: `status must be confirmed or questioned, not "${input.status}"`, zh: `status 必须是 confirmed 或 questioned，而不是“${input.status}”` }, 'status');
  }
  const note = input.note.trim();
  if (note.length === 0) {
    throw invalidInput({ en: 'Say what you checked (the official text, its date, where you read it)', zh: '请写明核对了什么（官方文本、日期、出处）' }, 'note');
  }
  if (note.length > NOTE_MAX) throw invalidInput({ en: `The note is ${note.length} characters; at most ${NOTE_MAX}`, zh: `说明共 ${note.length} 字，最多 ${NOTE_MAX} 字` }, 'note');
  const row: ConfirmationRow = { item, status: input.status, note, reading, decided_by_name: actor.username, decided_at: ctx.now() };
  return inTransaction(ctx.pool, async (client) => {
    const before = await saveConfirmation(client, { ...row, decided_by: actor.userId });
    await appendAudit(client, actor, { action: 'compliance.confirmation', entity: 'compliance_item', entityId: item, detail: { status: row.status, note, before } });
    return { status: row.status, note, by: row.decided_by_name, at: row.decided_at, current: true };
  });
}
