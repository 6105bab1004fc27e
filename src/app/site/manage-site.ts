import { appendAudit } from '../../db/audit-repository.ts';
import { inTransaction } from '../../db/pool.ts';
import { deleteArticleRow, listAllArticles, listPages, upsertArticle, upsertPage, type ArticleRow, type SitePageRow } from '../../db/site-repository.ts';
import { checkArticle, SITE_LOCALES, SITE_PAGE_KEYS, type ArticleInput } from '../../domain/site/articles.ts';
import { checkCountryField, COUNTRY_CONTACT_FIELDS, type CountryContactField } from '../../domain/site/agency-contact.ts';
import { AppError, invalidInput } from '../../domain/errors.ts';
import { authorize } from '../authorization.ts';
import type { Actor, AppContext } from '../context.ts';

/**
 * Fields a page may carry besides title and body (the agency's name on the home page; the contact
 * page's phone, address, hours, complaint channel; and on the English contact page only, the
 * number, address and hours a US and a UK debtor are given, src/domain/site/agency-contact.ts).
 */
export const PAGE_FIELDS = ['agency_name', 'phone', 'address', 'hours', 'complaint_phone', 'complaint_email', ...COUNTRY_CONTACT_FIELDS] as const;

export async function listSiteContent(ctx: AppContext, actor: Actor): Promise<{ pages: SitePageRow[]; articles: ArticleRow[] }> {
  authorize(actor, 'site.manage');
  const [pages, articles] = await Promise.all([listPages(ctx.pool), listAllArticles(ctx.pool)]);
  return { pages, articles };
}

export async function saveSitePage(ctx: AppContext, actor: Actor, key: string, locale: string,
  input: { title: string; bodyMd: string; fields: Record<string, string> }): Promise<void> {
  authorize(actor, 'site.manage');
  if (!(SITE_PAGE_KEYS as readonly string[]).includes(key)) {
    throw invalidInput({ en: `page must be one of ${SITE_PAGE_KEYS.join(', ')}`, zh: `页面（page）必须是 ${SITE_PAGE_KEYS.join('、')} 之一` }, 'key');
  }
  if (!(SITE_LOCALES as readonly string[]).includes(locale)) {
    throw invalidInput({ en: `locale must be one of ${SITE_LOCALES.join(', ')}`, zh: `语言（locale）必须是 ${SITE_LOCALES.join('、')} 之一` }, 'locale');
  }
  if (!input.title.trim()) throw invalidInput({ en: 'title must not be empty', zh: '标题不能为空' }, 'title');
  for (const [k, v] of Object.entries(input.fields)) {
    if (!(PAGE_FIELDS as readonly string[]).includes(k)) {
      throw invalidInput({ en: `fields.${k} is not one of ${PAGE_FIELDS.join(', ')}`, zh: `fields.${k} 不是可用的字段；可用字段为 ${PAGE_FIELDS.join('、')}` }, `fields.${k}`);
    }
    if (typeof v !== 'string' || v.length > 300) {
      throw invalidInput({ en: `fields.${k} must be text of at most 300 characters`, zh: `fields.${k} 必须是不超过 300 个字符的文本` }, `fields.${k}`);
    }
    // The public pages link these (tel:, mailto:): a number must dial, an address must be one.
    if ((k === 'phone' || k === 'complaint_phone') && v.trim() !== '' && !/^\+?[\d\s()\-./]{5,30}$/.test(v.trim())) {
      throw invalidInput({ en: `fields.${k} "${v}" is not a phone number (digits, spaces, + ( ) - allowed)`, zh: `fields.${k}“${v}”不是电话号码（可含数字、空格和 + ( ) -）` }, `fields.${k}`);
    }
    if ((COUNTRY_CONTACT_FIELDS as readonly string[]).includes(k)) {
      // Read from there only (the US and UK debtors' letters and scripts are English): elsewhere it would be kept and never used.
      if (v.trim() !== '' && (key !== 'contact' || locale !== 'en')) {
        throw invalidInput({ en: `fields.${k} belongs on the English contact page (contact, en), where what US and UK debtors are given is read from`,
          zh: `fields.${k} 只能填在英文“联系我们”页面（contact, en）：告知美国、英国债务人的联系方式从那里读取` }, `fields.${k}`);
      }
      checkCountryField(k as CountryContactField, v);
    }
    if (k === 'complaint_email' && v.trim() !== '' && !/^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(v.trim())) {
      throw invalidInput({ en: `fields.complaint_email "${v}" is not an e-mail address`, zh: `fields.complaint_email“${v}”不是电子邮箱地址` }, `fields.${k}`);
    }
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
    if (!gone) throw new AppError('NOT_FOUND', { en: `Article ${id} does not exist or was already deleted`, zh: `文章 ${id} 不存在或已被删除` });
    await appendAudit(db, actor, { action: 'site.article.delete', entity: 'site_article', entityId: id, detail: gone });
  });
}
