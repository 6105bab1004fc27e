import { countView, findNeighbours, findPage, findPublished, listPublished, searchPublished, type ArticleRow, type SitePageRow } from '../../db/site-repository.ts';
import { packsInForce } from '../../db/contracts-repository.ts';
import { likePattern, type SiteLocale } from '../../domain/site/articles.ts';
import { localDateTimeIn } from '../../domain/calendar.ts';
import { businessDate } from '../business-date.ts';
import type { AppContext } from '../context.ts';
import { agencyLicences } from '../licences/licences.ts';
import type { Licence } from '../../domain/licences.ts';
import type { Country } from '../../domain/country.ts';
import { agencyContactFor } from '../../domain/site/agency-contact.ts';

/**
 * What the footer of the public pages says for an agency that collects for a creditor under a US
 * contract today: which language services there are (New York City's language access rules,
 * LANGUAGE_ACCESS) and the licences it holds (src/domain/licences.ts); nothing otherwise.
 */
export async function usPublicFooter(ctx: AppContext): Promise<{ languageAccess: boolean; licences: Licence[] }> {
  const us = [...(await packsInForce(ctx.pool, null, businessDate(ctx))).values()].includes('US');
  return { languageAccess: us, licences: us ? await agencyLicences(ctx) : [] };
}

export async function sitePage(ctx: AppContext, key: string, locale: SiteLocale): Promise<SitePageRow | undefined> {
  return findPage(ctx.pool, key, locale);
}

/** An article with the agency's day it was published (`published_on`, '' for a draft): what its pages show, not the UTC day. */
export type DatedArticle = ArticleRow & { published_on: string };

function dated(ctx: AppContext, a: ArticleRow): DatedArticle {
  return { ...a, published_on: a.published_at ? localDateTimeIn(a.published_at.getTime(), ctx.agencyZone).date : '' };
}

export async function publishedArticles(ctx: AppContext, locale: SiteLocale, category?: string): Promise<DatedArticle[]> {
  return (await listPublished(ctx.pool, locale, ctx.now(), category)).map((a) => dated(ctx, a));
}

/**
 * An article for reading: its view counted once per visitor per day (the visitor is known by a
 * random cookie id and by the client address with its browser, each hashed with the site's key
 * so the table holds neither), and its neighbours in the category.
 */
export async function readArticle(ctx: AppContext, locale: SiteLocale, slug: string, visitorKeys: string[]):
  Promise<{ article: DatedArticle; prev: ArticleRow | undefined; next: ArticleRow | undefined } | undefined> {
  const now = ctx.now();
  const article = await findPublished(ctx.pool, locale, slug, now);
  if (!article || !article.published_at) return undefined;
  const day = businessDate(ctx);
  article.views = await countView(ctx.pool, article.id, day, visitorKeys.map((k) => ctx.cipher.matchHash(`visitor:${day}:${k}`)));
  const { prev, next } = await findNeighbours(ctx.pool, { ...article, published_at: article.published_at }, now);
  return { article: dated(ctx, article), prev, next };
}

export async function searchArticles(ctx: AppContext, locale: SiteLocale, query: string): Promise<DatedArticle[]> {
  const q = query.trim().slice(0, 100);
  if (!q) return [];
  return (await searchPublished(ctx.pool, locale, likePattern(q), ctx.now())).map((a) => dated(ctx, a));
}

/** The agency's name as its help centre's Chinese home page gives it (`agency_name`); null when blank. */
export async function chineseAgencyName(ctx: AppContext): Promise<string | null> {
  return (await findPage(ctx.pool, 'home', 'zh-CN'))?.fields['agency_name']?.trim() || null;
}

/** The agency as its help centre's pages name it; null where a field is blank. */
export interface Agency {
  name: string | null; address: string | null; phone: string | null; hours: string | null;
  /** The hours for a debtor who reads Spanish: a US one's as `hours_us_es` words them, else `hours`. */
  hoursEs: string | null;
}

/**
 * The agency as a debtor under a country's contract is told of it (letters, notices, the account
 * page's call scripts): under a US or UK contract its name as the English pages give it and the
 * country's own number, mailing address and hours (`phone_us`, `address_us`, `hours_us`, or the
 * `_uk` ones, on the English contact page; null when not set), never the page's `phone`,
 * `address` and `hours`, the Chinese line, office and clock of the help centre's readers, which
 * a debtor abroad can neither call nor write to (agency-contact.ts); under a Chinese contract the
 * pages in the language written in, with their own.
 */
export async function agencyFor(ctx: AppContext, country: Country, locale: 'zh-CN' | 'en' = 'en'): Promise<Agency> {
  const written = country === 'CN' ? locale : 'en';
  const [home, contact] = await Promise.all([findPage(ctx.pool, 'home', written), findPage(ctx.pool, 'contact', written)]);
  const fields = contact?.fields ?? {};
  return { name: home?.fields['agency_name']?.trim() || null, ...agencyContactFor(country, fields), hoursEs: agencyContactFor(country, fields, true).hours };
}
