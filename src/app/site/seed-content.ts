import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { countArticles, upsertArticle, upsertPage } from '../../db/site-repository.ts';
import { checkArticle, SITE_LOCALES, SITE_PAGE_KEYS } from '../../domain/site/articles.ts';
import { splitFrontMatter } from '../../domain/site/front-matter.ts';
import type { AppContext } from '../context.ts';

export const CONTENT_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../content');

/**
 * The starter pages and articles shipped in content/, written into an empty site (pages that
 * are missing; articles only when there are none at all, so an admin's deletions stay). Idempotent.
 */
export async function seedSiteContent(ctx: AppContext, dir = CONTENT_DIR): Promise<{ pages: number; articles: number }> {
  let pages = 0;
  for (const key of SITE_PAGE_KEYS) {
    for (const locale of SITE_LOCALES) {
      const text = await readFile(path.join(dir, 'pages', `${key}.${locale}.md`), 'utf8').catch(() => null);
      if (text === null) continue;
      const { fields, body } = splitFrontMatter(text);
      const { title = key, ...rest } = fields;
      await upsertPage(ctx.pool, { key, locale, title, bodyMd: body, fields: rest, by: null }, true);
      pages++;
    }
  }
  let articles = 0;
  if ((await countArticles(ctx.pool)) === 0) {
    const files = (await readdir(path.join(dir, 'articles')).catch(() => [] as string[])).filter((f) => f.endsWith('.md')).sort();
    for (const file of files) {
      const m = /^(.+)\.(zh-CN|en)\.md$/.exec(file);
      if (!m) continue;
      const { fields, body } = splitFrontMatter(await readFile(path.join(dir, 'articles', file), 'utf8'));
      const a = checkArticle({ slug: m[1]!, locale: m[2]!, category: fields.category ?? '', title: fields.title ?? '', summary: fields.summary ?? '',
        bodyMd: body, publishedAt: fields.published_at ?? null });
      if (await upsertArticle(ctx.pool, { ...a, by: null }, true)) articles++;
    }
  }
  return { pages, articles };
}
