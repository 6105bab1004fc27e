import { appendAudit } from '../../db/audit-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { deleteArticleRow, listAllArticles, listPages, upsertArticle, upsertPage, type ArticleRow, type SitePageRow } from '../../db/site-repository.ts';
import { checkArticle, SITE_LOCALES, SITE_PAGE_KEYS, type ArticleInput } from '../../domain/site/articles.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';

/** Fields a page may carry besides title and body (the agency's name on the home page; the contact page's phone, address, hours, complaint channel). */
export const PAGE_FIELDS = ['agency_name', 'phone', 'address', 'hours', 'complaint_phone', 'complaint_email'] as const;

export async function listSiteContent(ctx: AppContext, actor: Actor): Promise<{ pages: SitePageRow[]; articles: ArticleRow[] }> {
  authorize(actor, 'site.manage');
  const [pages, articles] = await Promise.all([listPages(ctx.pool), listAllArticles(ctx.pool)]);
  return { pages, articles };
}

export async function saveSitePage(ctx: AppContext, actor: Actor, key: string, locale: string,
  input: { title: string; bodyMd: string; fields: Record<string, string> }): Promise<void> {
  authorize(actor, 'site.manage');
  if (!(SITE_PAGE_KEYS as readonly string[]).includes(key)) throw invalidInput(`page must be one of ${SITE_PAGE_KEYS.join(', ')}`, 'key');
  if (!(SITE_LOCALES as readonly string[]).includes(locale)) throw invalidInput(`locale must be one of ${SITE_LOCALES.join(', ')}`, 'locale');
  if (!input.title.trim()) throw invalidInput('title must not be empty', 'title');
  for (const [k, v] of Object.entries(input.fields)) {
    if (!(PAGE_FIELDS as readonly string[]).includes(k)) throw invalidInput(`fields.${k} is not one of ${PAGE_FIELDS.join(', ')}`, `fields.${k}`);
    if (typeof v !== 'string' || v.length > 300) throw invalidInput(`fields.${k} must be text of at most 300 characters`, `fields.${k}`);
  }
  await inTransaction(ctx.pool, async (db) => {
    await upsertPage(db, { key, locale, title: input.title.trim(), bodyMd: input.bodyMd, fields: input.fields, by: actor.userId });
    await appendAudit(db, actor, { action: 'site.page.save', entity: 'site_page', entityId: `${key}/${locale}`, detail: { title: input.title.trim() } });
  });
}

export async function saveArticle(ctx: AppContext, actor: Actor, input: ArticleInput): Promise<{ id: number }> {
  authorize(actor, 'site.manage');
  const a = checkArticle(input);
  return inTransaction(ctx.pool, async (db) => {
    const id = (await upsertArticle(db, { ...a, by: actor.userId }))!;
    await appendAudit(db, actor, { action: 'site.article.save', entity: 'site_article', entityId: id,
      detail: { slug: a.slug, locale: a.locale, category: a.category, published_at: a.publishedAt?.toISOString() ?? null } });
    return { id };
  });
}

/** Deletes a help article: gone from the public site and the editor at once, audited with what it was. */
export async function deleteArticle(ctx: AppContext, actor: Actor, id: number): Promise<void> {
  authorize(actor, 'site.manage');
  await inTransaction(ctx.pool, async (db) => {
    const gone = await deleteArticleRow(db, id, actor.userId);
    if (!gone) throw new AppError('NOT_FOUND', `Article ${id} does not exist or was already deleted`);
    await appendAudit(db, actor, { action: 'site.article.delete', entity: 'site_article', entityId: id, detail: gone });
  });
}
