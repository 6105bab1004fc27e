import type { Queryable } from './pool.ts';

export interface SitePageRow { key: string; locale: string; title: string; body_md: string; fields: Record<string, string>; updated_at: Date }

export async function findPage(db: Queryable, key: string, locale: string): Promise<SitePageRow | undefined> {
  return (await db.query<SitePageRow>(`SELECT key, locale, title, body_md, fields, updated_at FROM site_pages WHERE key = $1 AND locale = $2`, [key, locale])).rows[0];
}

export async function listPages(db: Queryable): Promise<SitePageRow[]> {
  return (await db.query<SitePageRow>(`SELECT key, locale, title, body_md, fields, updated_at FROM site_pages ORDER BY key, locale`)).rows;
}

export async function upsertPage(db: Queryable, p: { key: string; locale: string; title: string; bodyMd: string; fields: Record<string, string>; by: number | null },
  onlyIfMissing = false): Promise<void> {
  await db.query(
    `INSERT INTO site_pages (key, locale, title, body_md, fields, updated_by) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (key, locale) DO ${onlyIfMissing ? 'NOTHING' : 'UPDATE SET title = $3, body_md = $4, fields = $5, updated_by = $6, updated_at = now()'}`,
    [p.key, p.locale, p.title, p.bodyMd, JSON.stringify(p.fields), p.by]);
}

export interface ArticleRow {
  id: number; slug: string; locale: string; category: string; title: string; summary: string; body_md: string;
  published_at: Date | null; views: number; updated_at: Date;
}

/** Articles not deleted: deleted ones are kept (marked) only so the starter set is not written again. */
const ARTICLE = `SELECT id, slug, locale, category, title, summary, body_md, published_at, views, updated_at FROM site_articles WHERE deleted_at IS NULL`;

export async function upsertArticle(db: Queryable, a: { slug: string; locale: string; category: string; title: string; summary: string; bodyMd: string;
  publishedAt: Date | null; by: number | null }, onlyIfMissing = false): Promise<number | undefined> {
  const { rows } = await db.query<{ id: number }>(
    `INSERT INTO site_articles (slug, locale, category, title, summary, body_md, published_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (locale, slug) DO ${onlyIfMissing ? 'NOTHING' : `UPDATE SET category = $3, title = $4, summary = $5, body_md = $6, published_at = $7,
       updated_by = $8, updated_at = now(), deleted_at = NULL`} RETURNING id`,
    [a.slug, a.locale, a.category, a.title, a.summary, a.bodyMd, a.publishedAt, a.by]);
  return rows[0]?.id;
}

/** Every article ever written, deleted ones included. */
export async function countArticles(db: Queryable): Promise<number> {
  return (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM site_articles`)).rows[0]!.n;
}

export async function listAllArticles(db: Queryable): Promise<ArticleRow[]> {
  return (await db.query<ArticleRow>(`${ARTICLE} ORDER BY locale, category, published_at NULLS FIRST, id`)).rows;
}

/** Published articles of a language (optionally one category), newest first. */
export async function listPublished(db: Queryable, locale: string, now: Date, category?: string): Promise<ArticleRow[]> {
  return (await db.query<ArticleRow>(
    `${ARTICLE} AND locale = $1 AND published_at <= $2 AND ($3::text IS NULL OR category = $3) ORDER BY published_at DESC, id DESC`,
    [locale, now, category ?? null])).rows;
}

export async function findPublished(db: Queryable, locale: string, slug: string, now: Date): Promise<ArticleRow | undefined> {
  return (await db.query<ArticleRow>(`${ARTICLE} AND locale = $1 AND slug = $2 AND published_at <= $3`, [locale, slug, now])).rows[0];
}

/** The published neighbours in reading order (publish time, then id) within the article's category. */
export async function findNeighbours(db: Queryable, a: { id: number; locale: string; category: string; published_at: Date }, now: Date):
  Promise<{ prev: ArticleRow | undefined; next: ArticleRow | undefined }> {
  const [prev, next] = await Promise.all([
    db.query<ArticleRow>(`${ARTICLE} AND locale = $1 AND category = $2 AND published_at <= $5 AND (published_at, id) < ($3, $4)
      ORDER BY published_at DESC, id DESC LIMIT 1`, [a.locale, a.category, a.published_at, a.id, now]),
    db.query<ArticleRow>(`${ARTICLE} AND locale = $1 AND category = $2 AND published_at <= $5 AND (published_at, id) > ($3, $4)
      ORDER BY published_at, id LIMIT 1`, [a.locale, a.category, a.published_at, a.id, now]),
  ]);
  return { prev: prev.rows[0], next: next.rows[0] };
}

/** Marks an article deleted; its slug, locale and title, or undefined when there was none to delete. */
export async function deleteArticleRow(db: Queryable, id: number, by: number | null): Promise<{ slug: string; locale: string; title: string } | undefined> {
  return (await db.query<{ slug: string; locale: string; title: string }>(
    `UPDATE site_articles SET deleted_at = now(), updated_by = $2, updated_at = now() WHERE id = $1 AND deleted_at IS NULL RETURNING slug, locale, title`,
    [id, by])).rows[0];
}

/**
 * Counts a view once per visitor per article per day. A visitor is known by several keys (a
 * cookie id, the client address with its browser); the view counts only when none of them was
 * seen that day, so the first request (no cookie yet) and the reload (cookie now) count once.
 * Returns the article's count after it.
 */
export async function countView(db: Queryable, articleId: number, day: string, visitorHashes: Buffer[]): Promise<number> {
  const { rows } = await db.query<{ views: number }>(
    `WITH seen AS (INSERT INTO site_article_views (article_id, day, visitor_hash) SELECT $1, $2, h FROM unnest($3::bytea[]) h
                   ON CONFLICT DO NOTHING RETURNING 1)
     UPDATE site_articles SET views = views + CASE WHEN (SELECT count(*) FROM seen) = cardinality($3::bytea[]) THEN 1 ELSE 0 END
      WHERE id = $1 RETURNING views`, [articleId, day, visitorHashes]);
  return rows[0]?.views ?? 0;
}

/**
 * Search by substring (ILIKE) over title, summary and body: Chinese has no spaces between words,
 * so PostgreSQL's word-based full-text search would need a segmenter; a help centre has a few
 * hundred articles at most, which a sequential scan reads in a millisecond.
 */
export async function searchPublished(db: Queryable, locale: string, pattern: string, now: Date): Promise<ArticleRow[]> {
  return (await db.query<ArticleRow>(
    `${ARTICLE} AND locale = $1 AND published_at <= $3 AND (title ILIKE $2 OR summary ILIKE $2 OR body_md ILIKE $2)
      ORDER BY (title ILIKE $2) DESC, published_at DESC LIMIT 50`, [locale, pattern, now])).rows;
}
