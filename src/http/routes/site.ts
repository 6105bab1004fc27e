import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { deleteArticle, listSiteContent, PAGE_FIELDS, saveArticle, saveSitePage } from '../../app/site/manage-site.ts';
import { publishedArticles, readArticle, searchArticles, sitePage as loadPage, usPublicFooter } from '../../app/site/read-site.ts';
import { seedSiteContent } from '../../app/site/seed-content.ts';
import { ARTICLE_CATEGORIES, SITE_LOCALES, SITE_PAGE_KEYS, type SiteLocale } from '../../domain/site/articles.ts';
import { actorFrom } from '../auth-hook.ts';
import { errorSchema } from '../schemas.ts';
import { esc, pickLocale, sendHtml } from '../site/html.ts';
import { messages } from '../site/messages.ts';
import {
  articleBody, articleDescription, articleListBody, atomFeed, contactCard, homeBody, markdownPageBody, sitePage,
} from '../site/site-pages.ts';

const VISITOR_COOKIE = 'leeway_visitor';
const html = { config: { access: 'public' as const }, schema: { hide: true } };

/**
 * The public site and help centre under /help (the staff web app keeps `/`): server-rendered
 * HTML without script. Admin editing is the /api/site routes (site.manage).
 */
export function siteRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    await seedSiteContent(ctx);

    const agency = async (locale: SiteLocale) => (await loadPage(ctx, 'home', locale))?.fields.agency_name;
    /** What every page's shell shows beside its content: the agency's name, and the language services and licences of an agency with US creditors. */
    const shell = async (locale: SiteLocale, agencyName?: string) =>
      ({ ...named(agencyName ?? await agency(locale)), ...(await usPublicFooter(ctx)) });

    app.get('/help', html, async (request, reply) => {
      const locale = pickLocale(request, reply);
      const [page, latest] = await Promise.all([loadPage(ctx, 'home', locale), publishedArticles(ctx, locale)]);
      return sendHtml(reply, sitePage(locale, 'home', page?.title ?? messages(locale).nav.home, pageDescription(page?.body_md, locale),
        homeBody(locale, page, latest), { path: '/help', ...(await shell(locale, page?.fields.agency_name)) }));
    });

    for (const key of ['services', 'contact'] as const) {
      app.get(`/help/${key}`, html, async (request, reply) => {
        const locale = pickLocale(request, reply);
        const page = await loadPage(ctx, key, locale);
        const title = page?.title ?? messages(locale).nav[key];
        const extra = key === 'contact' ? contactCard(locale, page?.fields ?? {}) : '';
        return sendHtml(reply, sitePage(locale, key, title, pageDescription(page?.body_md, locale), markdownPageBody(page, title, extra),
          { path: `/help/${key}`, ...(await shell(locale)) }));
      });
    }

    app.get('/help/articles', html, async (request, reply) => {
      const locale = pickLocale(request, reply);
      const query = request.query as Record<string, string | undefined>;
      const category = (ARTICLE_CATEGORIES as readonly string[]).includes(query.category ?? '') ? query.category : undefined;
      const q = typeof query.q === 'string' ? query.q.slice(0, 100) : undefined;
      const articles = q ? await searchArticles(ctx, locale, q) : await publishedArticles(ctx, locale, category);
      const m = messages(locale);
      return sendHtml(reply, sitePage(locale, 'articles', q ? `${m.searchResults}${q}` : m.nav.articles, m.portalIntro,
        articleListBody(locale, articles, { category, q }), { path: `/help/articles${category ? `?category=${category}` : ''}`, ...(await shell(locale)), noindex: Boolean(q) }));
    });

    app.get('/help/articles/:slug', html, async (request, reply) => {
      const locale = pickLocale(request, reply);
      const { slug } = request.params as { slug: string };
      // /help/articles/ (this route with no slug) is the list, as every address with a trailing slash is its page.
      if (slug === '') return reply.redirect(`/help/articles${request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : ''}`, 301);
      const read = /^[a-z0-9][a-z0-9-]{0,80}$/.test(slug) ? await readArticle(ctx, locale, slug, visitorKeys(request, reply)) : undefined;
      if (!read) return notFound(reply, locale, await agency(locale));
      return sendHtml(reply, sitePage(locale, 'articles', read.article.title, articleDescription(read.article),
        articleBody(locale, read.article, read.prev, read.next), { path: `/help/articles/${slug}`, ...(await shell(locale)) }));
    });

    app.get('/help/feed.xml', html, async (request, reply) => {
      const locale = pickLocale(request, reply);
      const articles = await publishedArticles(ctx, locale);
      const base = `${request.protocol}://${request.host}`;
      return reply.header('content-type', 'application/atom+xml; charset=utf-8').header('x-content-type-options', 'nosniff')
        .send(atomFeed(locale, base, articles, `${(await agency(locale)) ?? messages(locale).brand} · ${messages(locale).nav.articles}`));
    });

    // -----------------------------------------------------------------------------------
    // Admin editing (site.manage).

    const pageSchema = z.object({ key: z.string(), locale: z.string(), title: z.string(), body_md: z.string(), fields: z.record(z.string(), z.string()), updated_at: z.date() });
    const articleSchema = z.object({ id: z.number().int(), slug: z.string(), locale: z.string(), category: z.string(), title: z.string(), summary: z.string(),
      body_md: z.string(), published_at: z.date().nullable(), views: z.number().int(), updated_at: z.date() });

    app.get('/api/site/content', {
      schema: { tags: ['site'], summary: 'Every page and article of the public site, drafts included (admin)',
        response: { 200: z.object({ pages: z.array(pageSchema), articles: z.array(articleSchema) }), 401: errorSchema, 403: errorSchema } },
    }, async (request) => listSiteContent(ctx, actorFrom(request)));

    app.put('/api/site/pages', {
      schema: { tags: ['site'], summary: `Edit a page of the public site (${SITE_PAGE_KEYS.join(', ')}) in one language; fields: ${PAGE_FIELDS.join(', ')}`,
        body: z.object({ key: z.string().describe(SITE_PAGE_KEYS.join(' | ')), locale: z.string().describe(SITE_LOCALES.join(' | ')), title: z.string().min(1).max(200), body_md: z.string().max(100_000), fields: z.record(z.string(), z.string()).default({}) }),
        response: { 200: z.object({ ok: z.literal(true) }), 400: errorSchema, 401: errorSchema, 403: errorSchema } },
    }, async (request) => {
      await saveSitePage(ctx, actorFrom(request), request.body.key, request.body.locale,
        { title: request.body.title, bodyMd: request.body.body_md, fields: request.body.fields });
      return { ok: true as const };
    });

    app.put('/api/site/articles', {
      schema: { tags: ['site'], summary: `Create or edit a help article in ${SITE_LOCALES.join(' or ')} (Markdown body; published_at null keeps it a draft)`,
        body: z.object({ locale: z.string().describe(SITE_LOCALES.join(' | ')), slug: z.string(), category: z.string().describe(ARTICLE_CATEGORIES.join(' | ')), title: z.string(), summary: z.string().default(''), body_md: z.string(),
          published_at: z.string().nullable() }),
        response: { 200: z.object({ id: z.number().int() }), 400: errorSchema, 401: errorSchema, 403: errorSchema } },
    }, async (request) => saveArticle(ctx, actorFrom(request), { slug: request.body.slug, locale: request.body.locale, category: request.body.category,
      title: request.body.title, summary: request.body.summary, bodyMd: request.body.body_md, publishedAt: request.body.published_at }));

    app.delete('/api/site/articles/:id', {
      schema: { tags: ['site'], summary: 'Delete a help article: off the public site and the editor at once (audited; the starter articles are not written back)',
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: z.object({ ok: z.literal(true) }), 401: errorSchema, 403: errorSchema, 404: errorSchema } },
    }, async (request) => {
      await deleteArticle(ctx, actorFrom(request), request.params.id);
      return { ok: true as const };
    });
  };
}

function named(agencyName: string | undefined): { agencyName?: string } {
  return agencyName ? { agencyName } : {};
}

function pageDescription(bodyMd: string | undefined, locale: SiteLocale): string {
  const text = (bodyMd ?? '').replace(/[#>*_`\[\]()]+/g, ' ').replace(/\s+/g, ' ').trim();
  return text ? text.slice(0, 160) : messages(locale).portalIntro;
}

/** The keys a visitor is known by: a random per-browser cookie id (set on the first visit) and the client address with its browser. */
function visitorKeys(request: FastifyRequest, reply: FastifyReply): string[] {
  const keys = [`addr:${request.ip}|${request.headers['user-agent'] ?? ''}`];
  const existing = request.cookies[VISITOR_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{16,64}$/.test(existing)) keys.push(`cookie:${existing}`);
  else void reply.setCookie(VISITOR_COOKIE, randomBytes(16).toString('base64url'), { path: '/help', sameSite: 'lax', httpOnly: true, maxAge: 365 * 86_400 });
  return keys;
}

export function notFound(reply: FastifyReply, locale: SiteLocale, agencyName?: string): FastifyReply {
  const m = messages(locale);
  return sendHtml(reply, sitePage(locale, null, m.notFound, m.notFoundBody, `<h1>${esc(m.notFound)}</h1><p>${esc(m.notFoundBody)}</p><p><a href="/help">${esc(m.nav.home)}</a></p>`,
    { path: '/help', noindex: true, ...named(agencyName) }), 404);
}
