import { listAuditActions, listAuditEntries } from '../../db/audit-repository.ts';
import { isLocalDate } from '../../domain/calendar.ts';
import { invalidInput } from '../../domain/errors.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';

export interface AuditQuery {
  action?: string | undefined; actor?: string | undefined; entity?: string | undefined; entityId?: string | undefined;
  creditor?: string | undefined; from?: string | undefined; to?: string | undefined; before?: number | undefined; limit?: number | undefined;
}

export interface AuditItem {
  id: number; at: string; actor: string; action: string; entity: string; entity_id: string | null; creditor_code: string | null;
  detail: Record<string, unknown>;
}

/**
 * The audit log (审计日志), newest first, a page at a time (keyset: `before` the last id seen),
 * for the admins who answer for it: who did what to which record, and who read whose personal
 * data. Dates are the agency's, inclusive. Reading the log is not itself logged.
 */
export async function listAudit(ctx: AppContext, actor: Actor, q: AuditQuery): Promise<{ items: AuditItem[]; next_before: number | null }> {
  authorize(actor, 'audit.read');
  for (const [field, value] of [['from', q.from], ['to', q.to]] as const) {
    if (value !== undefined && !isLocalDate(value)) {
      throw invalidInput({ en: `${field} must be a date written YYYY-MM-DD, got "${value}"`, zh: `${field} 须为 YYYY-MM-DD 格式的日期，实际为“${value}”` }, field);
    }
  }
  // Dates the wrong way round would find nothing, which reads as nothing having happened: refused, as the exports refuse them.
  if (q.from !== undefined && q.to !== undefined && q.to < q.from) {
    throw invalidInput({ en: `to (${q.to}) is before from (${q.from})`, zh: `结束日期（${q.to}）早于开始日期（${q.from}）` }, 'to');
  }
  const limit = Math.min(200, Math.max(1, q.limit ?? 50));
  const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());
  const rows = await listAuditEntries(ctx.pool, {
    action: blank(q.action), actor: blank(q.actor)?.toLowerCase(), entity: blank(q.entity), entityId: blank(q.entityId),
    creditorCode: blank(q.creditor)?.toUpperCase(), from: q.from, to: q.to, zone: ctx.agencyZone, before: q.before, limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({ ...r, at: r.at.toISOString() })),
    next_before: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}

export async function listActions(ctx: AppContext, actor: Actor): Promise<string[]> {
  authorize(actor, 'audit.read');
  return listAuditActions(ctx.pool);
}
