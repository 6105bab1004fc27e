import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app/context.ts';
import { seedSiteContent } from '../src/app/site/seed-content.ts';
import { buildServer } from '../src/http/server.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newUser, testContext } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';

/** The public site on a real database: starter content, admin editing, safe Markdown, drafts, views, search, feed. */
let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
let admin: string;
let collector: string;

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);
  app = await buildServer(ctx);
  admin = await signInCookie(app, (await newUser(db.pool, 'admin')).username);
  const team = (await db.pool.query(`INSERT INTO teams (name) VALUES ('site') RETURNING id`)).rows[0].id;
  collector = await signInCookie(app, (await newUser(db.pool, 'collector', { teamId: team })).username);
});
afterAll(async () => { await app?.close(); await db?.drop(); });

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ method: 'GET', url, headers });

describe('public site', () => {
  it('ships starter pages and articles in both languages', async () => {
    const articles = await db.pool.query(`SELECT locale, count(*)::int AS n FROM site_articles GROUP BY locale ORDER BY locale`);
    expect(articles.rows).toEqual([{ locale: 'en', n: 5 }, { locale: 'zh-CN', n: 5 }]);
    const en = await get('/help?lang=en');
    expect(en.body).toContain('<html lang="en">');
    expect(en.body).toContain('personalised instalment plan');
    expect(en.headers['content-security-policy']).toContain("default-src 'none'"); // no script may run at all
    const zh = await get('/help', { 'accept-language': 'zh-CN,zh;q=0.9' });
    expect(zh.body).toContain('有困难，我们一起想办法');
    // An agency with no US creditor says nothing of New York City's language rules.
    expect(en.body).not.toContain('data-testid="language-access"');
  });

  it('an admin edits the contact page and writes an article; raw HTML in Markdown is shown as text, never run', async () => {
    const page = await app.inject({ method: 'PUT', url: '/api/site/pages', headers: { cookie: admin }, payload: { key: 'contact', locale: 'en', title: 'Reach us',
      body_md: 'Call us.', fields: { phone: '021-5555-0000', address: '1 Bund Road', hours: '9-18', complaint_phone: '021-5555-0001' } } });
    expect(page.statusCode, page.body).toBe(200);
    expect((await get('/help/contact?lang=en')).body).toContain('021-5555-0000');
    // The numbers and address the public pages link (tel:, mailto:) must be ones.
    for (const [field, value] of [['phone', 'javascript:alert(1)'], ['complaint_email', 'not an email']] as const) {
      const wrong = await app.inject({ method: 'PUT', url: '/api/site/pages', headers: { cookie: admin },
        payload: { key: 'contact', locale: 'en', title: 'x', body_md: '', fields: { [field]: value } } });
      expect(wrong.statusCode, field).toBe(400);
      expect(wrong.json().error.field).toBe(`fields.${field}`);
    }
    const bad = await app.inject({ method: 'PUT', url: '/api/site/pages', headers: { cookie: admin }, payload: { key: 'contact', locale: 'en', title: 'x', body_md: '', fields: { fax: '1' } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.field).toBe('fields.fax');
    const denied = await app.inject({ method: 'PUT', url: '/api/site/pages', headers: { cookie: collector }, payload: { key: 'home', locale: 'en', title: 'x', body_md: 'x' } });
    expect(denied.statusCode).toBe(403);

    const article = await app.inject({ method: 'PUT', url: '/api/site/articles', headers: { cookie: admin }, payload: { locale: 'en', slug: 'a-test',
      category: 'your-rights', title: 'Test <b>title</b>', summary: '', body_md: '# Hi\n\n<script>alert(1)</script>\n\n[x](javascript:alert(1)) 100% _done_',
      published_at: '2026-02-01T00:00:00Z' } });
    expect(article.statusCode, article.body).toBe(200);
    const html = (await get('/help/articles/a-test?lang=en')).body;
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('href="javascript:');
    expect(html).toContain('Test &lt;b&gt;title&lt;/b&gt;');
    expect(html).toContain('<em>done</em>');
    // Dated by the agency's day: published at 07:00 in Shanghai is 3 February, though still 2 February in UTC.
    const early = await app.inject({ method: 'PUT', url: '/api/site/articles', headers: { cookie: admin }, payload: { locale: 'en', slug: 'an-early-one',
      category: 'your-rights', title: 'An early one', summary: '', body_md: 'Early.', published_at: '2026-02-03T07:00:00+08:00' } });
    expect(early.statusCode, early.body).toBe(200);
    expect((await get('/help/articles/an-early-one?lang=en')).body).toMatch(/<time datetime="2026-02-02T23:00:00.000Z">2026-02-03<\/time>/);
    expect((await get('/help/articles?lang=en')).body).toMatch(/An early one<\/a><div class="small muted">[^<]*<time datetime="[^"]+">2026-02-03<\/time>/);
  });

  it('keeps drafts and future articles off the site', async () => {
    await app.inject({ method: 'PUT', url: '/api/site/articles', headers: { cookie: admin }, payload: { locale: 'en', slug: 'draft-one', category: 'your-rights',
      title: 'Draft one', body_md: 'secret draft', published_at: null } });
    await app.inject({ method: 'PUT', url: '/api/site/articles', headers: { cookie: admin }, payload: { locale: 'en', slug: 'future-one', category: 'your-rights',
      title: 'Future one', body_md: 'not yet', published_at: '2027-01-01T00:00:00+08:00' } });
    expect((await get('/help/articles/draft-one?lang=en')).statusCode).toBe(404);
    expect((await get('/help/articles/future-one?lang=en')).statusCode).toBe(404);
    expect((await get('/help/articles?lang=en')).body).not.toMatch(/Draft one|Future one/);
    expect((await get('/help/feed.xml?lang=en')).body).not.toMatch(/Draft one|Future one/);
    expect((await get('/help/articles?lang=en&q=secret')).body).not.toContain('Draft one');
  });

  it('counts a view once per visitor a day: the reload with the new cookie and the same address do not count again', async () => {
    const headers = { 'user-agent': 'test-a' };
    const views = (body: string) => Number(/data-testid="views">(\d+)</.exec(body)![1]);
    const first = await app.inject({ method: 'GET', url: '/help/articles/dispute-or-complain', headers, remoteAddress: '10.1.1.1' });
    const n = views(first.body);
    const cookie = `leeway_visitor=${first.cookies.find((c) => c.name === 'leeway_visitor')!.value}`;
    const reload = await app.inject({ method: 'GET', url: '/help/articles/dispute-or-complain', headers: { ...headers, cookie }, remoteAddress: '10.1.1.1' });
    expect(views(reload.body)).toBe(n);
    // the same browser from another network (its cookie) does not count again either
    const moved = await app.inject({ method: 'GET', url: '/help/articles/dispute-or-complain', headers: { ...headers, cookie }, remoteAddress: '10.9.9.9' });
    expect(views(moved.body)).toBe(n);
    const someoneElse = await app.inject({ method: 'GET', url: '/help/articles/dispute-or-complain', headers: { 'user-agent': 'test-b' }, remoteAddress: '10.2.2.2' });
    expect(views(someoneElse.body)).toBe(n + 1);
    const stored = await db.pool.query(`SELECT visitor_hash FROM site_article_views`);
    expect(stored.rows.map((r) => r.visitor_hash.toString('utf8')).join()).not.toContain('10.1.1.1');
  });

  it('searches by substring in Chinese and treats % and _ literally', async () => {
    const zh = (await get('/help/articles?q=%E5%88%86%E6%9C%9F', { 'accept-language': 'zh-CN' })).body; // 分期
    expect(zh).toContain('个性化分期（停息挂账）是怎么回事？');
    expect(zh).toContain('<meta name="robots" content="noindex,nofollow">');
    const percent = (await get('/help/articles?lang=en&q=%25')).body; // "%"
    expect(percent).toContain('Test &lt;b&gt;title&lt;/b&gt;'); // its body says "100%"
    expect(percent).not.toContain('How to dispute a debt or complain');
  });

  it('serves an Atom feed per language and keeps the staff app and API unaffected', async () => {
    const feed = await get('/help/feed.xml?lang=zh-CN');
    expect(feed.headers['content-type']).toContain('application/atom+xml');
    expect(feed.body.match(/<entry>/g)).toHaveLength(5);
    expect(feed.body).toContain('xml:lang="zh-CN"');
    expect((await get('/api/site/content')).statusCode).toBe(401);
    const content = await get('/api/site/content', { cookie: admin });
    expect(content.json().articles.length).toBeGreaterThanOrEqual(12);
  });

  it('answers an address under /help or /my that is no page with its own 404 page, not the staff app; a trailing slash goes to the page', async () => {
    for (const path of ['/help/nonexistent?lang=en', '/my/nothing-here?lang=en', '/my/accounts/1/promise?lang=en']) {
      const res = await get(path);
      expect(res.statusCode, path).toBe(404);
      expect(res.headers['content-type'], path).toContain('text/html');
      expect(res.body, path).toContain('Page not found');
      expect(res.body, path).not.toContain('id="root"');
    }
    expect((await get('/help/nonexistent?lang=zh-CN')).body).toContain('页面不存在');
    const slash = await get('/help/contact/?lang=en');
    expect([slash.statusCode, slash.headers.location]).toEqual([301, '/help/contact?lang=en']);
    expect((await get('/my/')).headers.location).toBe('/my');
    // The articles list too (its address with a slash is also the articles' own route, with no slug).
    const articles = await get('/help/articles/?q=x');
    expect([articles.statusCode, articles.headers.location]).toEqual([301, '/help/articles?q=x']);
    // The staff app's own addresses and the API are as before.
    expect((await get('/api/nothing')).headers['content-type']).toContain('application/json');
  });
});

describe('deleting an article', () => {
  const del = (id: number, cookie = admin) => app.inject({ method: 'DELETE', url: `/api/site/articles/${id}`, headers: { cookie } });
  const articles = async () => (await get('/api/site/content', { cookie: admin })).json().articles as Array<{ id: number; slug: string; locale: string }>;

  it('takes it off the site, the search, the feed and the editor at once, audited; a second delete is 404', async () => {
    const saved = await app.inject({ method: 'PUT', url: '/api/site/articles', headers: { cookie: admin }, payload: { locale: 'en', slug: 'to-delete',
      category: 'your-rights', title: 'Soon gone', body_md: 'uniquewordzz', published_at: '2026-02-01T00:00:00Z' } });
    const { id } = saved.json();
    expect((await get('/help/articles/to-delete?lang=en')).statusCode).toBe(200);
    expect((await del(id, collector)).statusCode).toBe(403);
    expect((await del(id)).statusCode).toBe(200);
    expect((await get('/help/articles/to-delete?lang=en')).statusCode).toBe(404);
    expect((await get('/help/articles?lang=en')).body).not.toContain('Soon gone');
    expect((await get('/help/articles?lang=en&q=uniquewordzz')).body).not.toContain('Soon gone');
    expect((await get('/help/feed.xml?lang=en')).body).not.toContain('Soon gone');
    expect((await articles()).map((a) => a.id)).not.toContain(id);
    const audit = await db.pool.query(`SELECT detail FROM audit_log WHERE action = 'site.article.delete' AND entity_id = $1`, [String(id)]);
    expect(audit.rows).toEqual([{ detail: { slug: 'to-delete', locale: 'en', title: 'Soon gone' } }]);
    expect((await del(id)).statusCode).toBe(404);
    // Saving the same slug again brings it back with the new text.
    await app.inject({ method: 'PUT', url: '/api/site/articles', headers: { cookie: admin }, payload: { locale: 'en', slug: 'to-delete',
      category: 'your-rights', title: 'Back again', body_md: 'new text', published_at: '2026-02-01T00:00:00Z' } });
    expect((await get('/help/articles/to-delete?lang=en')).body).toContain('Back again');
  });

  it('an admin who deletes every article does not get the starter ones back at the next start', async () => {
    for (const a of await articles()) expect((await del(a.id)).statusCode).toBe(200);
    expect(await seedSiteContent(ctx)).toMatchObject({ articles: 0 });
    await (await buildServer(ctx)).close(); // a start seeds the site
    expect(await articles()).toEqual([]);
    expect((await get('/help/articles?lang=zh-CN')).body).not.toContain('个性化分期（停息挂账）是怎么回事？');
  });
});
