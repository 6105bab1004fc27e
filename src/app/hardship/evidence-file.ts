import { appendAudit } from '../../db/audit-repository.ts';
import { findEvidenceFile } from '../../db/hardship-repository.ts';
import { AppError } from '../../domain/errors.ts';
import { accountScope, authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';

/** One evidence file's bytes, for download; 404 outside the actor's scope. Each download is audited (it is personal data). */
export async function evidenceFile(ctx: AppContext, actor: Actor, evidenceId: number):
  Promise<{ file_name: string; content_type: string; sha256: string; content: Buffer }> {
  authorize(actor, 'hardship.read');
  const file = await findEvidenceFile(ctx.pool, accountScope(actor), evidenceId);
  if (!file) {
    throw new AppError('NOT_FOUND', { en: `Evidence file ${evidenceId} does not exist or is not yours to see`, zh: `证明材料文件 ${evidenceId} 不存在或您无权查看` });
  }
  await appendAudit(ctx.pool, actor, { action: 'hardship.evidence_download', entity: 'hardship_evidence', entityId: evidenceId, creditorId: file.creditor_id,
    detail: { application_id: file.application_id, account_id: file.account_id, sha256: file.sha256 } });
  return { file_name: file.file_name, content_type: file.content_type, sha256: file.sha256, content: file.content };
}
