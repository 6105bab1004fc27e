import type { ArticleRow, SitePageRow } from '../../db/site-repository.ts';
import type { DatedArticle } from '../../app/site/read-site.ts';
import { LANGUAGE_ACCESS } from '../../domain/language.ts';
import { jurisdictionName, LICENCE_LINES_MAX, licenceLine, licencesSentence, type Licence } from '../../domain/licences.ts';
import { ARTICLE_CATEGORIES, CATEGORY_NAMES, SITE_LOCALES, type SiteLocale } from '../../domain/site/articles.ts';
import { esc, LOCALE_NAMES, layout } from './html.ts';
import { plainText, renderMarkdown } from './markdown.ts';
import { contentLocale, messages, type PortalLocale } from './messages.ts';

type Section = 'home' | 'services' | 'articles' | 'contact' | 'portal' | null;

/** The shell every public page and portal page shares. */
export function sitePage(locale: PortalLocale, section: Section, title: string, description: string, body: string,
  options: { path: string; noindex?: boolean; agencyName?: string; languageAccess?: boolean; licences?: readonly Licence[] } ): string {
  const m = messages(locale);
  // The help centre's pages come in Chinese and English; the portal's in Spanish too, reached from the English (US debtors).
  const others: PortalLocale[] = section !== 'portal' ? SITE_LOCALES.filter((l) => l !== locale)
    : locale === 'en' ? ['zh-CN', 'es'] : ['en'];
  const sep = options.path.includes('?') ? '&' : '?';
  return layout({
    locale, title: `${title} · ${options.agencyName ?? m.brand}`, description, body, brand: ['/help', options.agencyName ?? m.brand],
    nav: [['/help', m.nav.home, section === 'home'], ['/help/services', m.nav.services, section === 'services'],
      ['/help/articles', m.nav.articles, section === 'articles'], ['/help/contact', m.nav.contact, section === 'contact'],
      ['/my', m.nav.portal, section === 'portal']],
    otherLangs: others.map((l) => [`${options.path}${sep}lang=${l}`, LOCALE_NAMES[l], l]), skipLabel: m.skip,
    // New York City's language access rules: the collector's public website says which language services there are.
    footer: `${esc(m.footer)}${options.languageAccess ? `<p data-testid="language-access">${esc(LANGUAGE_ACCESS[locale === 'zh-CN' ? 'zh' : locale])}</p>` : ''}`
      + licencesFooter(options.licences ?? [], locale),
    feed: `/help/feed.xml?lang=${contentLocale(locale)}`, ...(options.noindex ? { noindex: true } : {}),
  });
}

/** The licences the agency holds (src/domain/licences.ts): one per line, or one sentence when there are many. */
function licencesFooter(licences: readonly Licence[], locale: PortalLocale): string {
  if (licences.length === 0) return '';
  const text = locale === 'zh-CN'
    ? (licences.length <= LICENCE_LINES_MAX ? licences.map((l) => esc(`${jurisdictionName(l.jurisdiction, 'zh')}催收执照号 ${l.number}`)).join('<br>')
      : esc(`催收执照号：${licences.map((l) => `${jurisdictionName(l.jurisdiction, 'zh')} ${l.number}`).join('；')}。`))
    : (licences.length <= LICENCE_LINES_MAX ? licences.map((l) => esc(licenceLine(l, locale))).join('<br>') : esc(licencesSentence(licences, locale)));
  return `<p data-testid="licences">${text}</p>`;
}

export function articleLink(a: DatedArticle, locale: SiteLocale): string {
  const m = messages(locale);
  const date = a.published_on;
  return `<li><a href="/help/articles/${esc(a.slug)}">${esc(a.title)}</a><div class="small muted">${esc(CATEGORY_NAMES[a.category as keyof typeof CATEGORY_NAMES]?.[locale] ?? a.category)} · <time datetime="${esc(a.published_at?.toISOString())}">${esc(date)}</time> · ${esc(m.views)} ${a.views}</div>${a.summary ? `<div>${esc(a.summary)}</div>` : ''}</li>`;
}

export function searchForm(locale: SiteLocale, q = ''): string {
  const m = messages(locale);
  return `<form class="card" role="search" method="get" action="/help/articles"><label for="q">${esc(m.search)}</label>
<input id="q" name="q" type="search" value="${esc(q)}" maxlength="100"><button type="submit">${esc(m.searchButton)}</button></form>`;
}

export function homeBody(locale: SiteLocale, page: SitePageRow | undefined, latest: DatedArticle[]): string {
  const m = messages(locale);
  return `<h1>${esc(page?.title ?? m.brand)}</h1><div class="article-body">${renderMarkdown(page?.body_md ?? '')}</div>
<p class="notice">${esc(m.portalIntro)} <a href="/my">${esc(m.nav.portal)}</a></p>
${searchForm(locale)}
<h2>${esc(m.categories)}</h2><ul>${ARTICLE_CATEGORIES.map((c) => `<li><a href="/help/articles?category=${c}">${esc(CATEGORY_NAMES[c][locale])}</a></li>`).join('')}</ul>
<h2>${esc(m.latest)}</h2><ul class="plain">${latest.slice(0, 5).map((a) => articleLink(a, locale)).join('')}</ul>`;
}

export function markdownPageBody(page: SitePageRow | undefined, fallbackTitle: string, extra = ''): string {
  return `<h1>${esc(page?.title ?? fallbackTitle)}</h1>${extra}<div class="article-body">${renderMarkdown(page?.body_md ?? '')}</div>`;
}

export function contactCard(locale: SiteLocale, fields: Record<string, string>): string {
  const m = messages(locale).contact;
  const rows: Array<[string, string | undefined, string?]> = [
    [m.phone, fields.phone, fields.phone ? `tel:${fields.phone.replace(/[^\d+]/g, '')}` : undefined],
    // The numbers for debtors in the US and the UK (the English page's; agency-phone.ts).
    [m.phoneUs, fields.phone_us, fields.phone_us ? `tel:${fields.phone_us.replace(/[^\d+]/g, '')}` : undefined],
    [m.phoneUk, fields.phone_uk, fields.phone_uk ? `tel:${fields.phone_uk.replace(/[^\d+]/g, '')}` : undefined],
    [m.address, fields.address], [m.hours, fields.hours],
    // Where debtors in the US and the UK write to, and when the lines are open on their clock (agency-contact.ts).
    [m.addressUs, fields.address_us], [m.hoursUs, fields.hours_us], [m.addressUk, fields.address_uk], [m.hoursUk, fields.hours_uk],
    [m.complaintPhone, fields.complaint_phone, fields.complaint_phone ? `tel:${fields.complaint_phone.replace(/[^\d+]/g, '')}` : undefined],
    [m.complaintEmail, fields.complaint_email, fields.complaint_email ? `mailto:${fields.complaint_email}` : undefined],
  ];
  return `<div class="card"><dl class="kv">${rows.filter(([, v]) => v).map(([k, v, href]) =>
    `<dt>${esc(k)}</dt><dd>${href ? `<a href="${esc(href)}">${esc(v)}</a>` : esc(v)}</dd>`).join('')}</dl></div>`;
}

export function articleListBody(locale: SiteLocale, articles: DatedArticle[], opts: { category?: string | undefined; q?: string | undefined }): string {
  const m = messages(locale);
  const heading = opts.q ? `${m.searchResults}${opts.q}` : opts.category ? CATEGORY_NAMES[opts.category as keyof typeof CATEGORY_NAMES]?.[locale] ?? m.allArticles : m.allArticles;
  return `<h1>${esc(heading)}</h1>${searchForm(locale, opts.q ?? '')}
<nav aria-label="${esc(m.categories)}"><ul>${[`<li><a href="/help/articles"${!opts.category && !opts.q ? ' aria-current="page"' : ''}>${esc(m.allArticles)}</a></li>`,
    ...ARTICLE_CATEGORIES.map((c) => `<li><a href="/help/articles?category=${c}"${opts.category === c ? ' aria-current="page"' : ''}>${esc(CATEGORY_NAMES[c][locale])}</a></li>`)].join('')}</ul></nav>
${articles.length ? `<ul class="plain" data-testid="article-list">${articles.map((a) => articleLink(a, locale)).join('')}</ul>` : `<p>${esc(m.noResults)}</p>`}
<p><a href="/help/feed.xml?lang=${locale}">${esc(m.feed)}</a></p>`;
}

export function articleBody(locale: SiteLocale, a: DatedArticle, prev: ArticleRow | undefined, next: ArticleRow | undefined): string {
  const m = messages(locale);
  const cat = CATEGORY_NAMES[a.category as keyof typeof CATEGORY_NAMES]?.[locale] ?? a.category;
  return `<article><p class="small"><a href="/help/articles?category=${esc(a.category)}">${esc(cat)}</a></p><h1>${esc(a.title)}</h1>
<p class="small muted">${esc(m.published)} <time datetime="${esc(a.published_at?.toISOString())}">${esc(a.published_on)}</time> · ${esc(m.views)} <span data-testid="views">${a.views}</span></p>
<div class="article-body">${renderMarkdown(a.body_md)}</div></article>
<nav class="pager" aria-label="${esc(cat)}">${prev ? `<a rel="prev" href="/help/articles/${esc(prev.slug)}">← ${esc(m.prev)}: ${esc(prev.title)}</a>` : '<span></span>'}
${next ? `<a rel="next" href="/help/articles/${esc(next.slug)}">${esc(m.next)}: ${esc(next.title)} →</a>` : '<span></span>'}</nav>
<p><a href="/help/articles">${esc(m.backToList)}</a></p>`;
}

export function articleDescription(a: ArticleRow): string {
  return a.summary || plainText(a.body_md);
}

/** Atom 1.0 feed of a language's published articles. */
export function atomFeed(locale: SiteLocale, baseUrl: string, articles: ArticleRow[], title: string): string {
  const updated = articles.reduce((max, a) => Math.max(max, a.updated_at.getTime(), a.published_at?.getTime() ?? 0), 0);
  const x = (s: string) => esc(s);
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${locale}">
<title>${x(title)}</title><id>${x(`${baseUrl}/help/feed.xml?lang=${locale}`)}</id>
<link rel="self" href="${x(`${baseUrl}/help/feed.xml?lang=${locale}`)}"/><link href="${x(`${baseUrl}/help`)}"/>
<updated>${new Date(updated || 0).toISOString()}</updated>
${articles.map((a) => `<entry><title>${x(a.title)}</title><id>${x(`${baseUrl}/help/articles/${a.slug}?lang=${locale}`)}</id>
<link href="${x(`${baseUrl}/help/articles/${a.slug}?lang=${locale}`)}"/><published>${a.published_at!.toISOString()}</published><updated>${a.updated_at.toISOString()}</updated>
<category term="${x(a.category)}"/><summary>${x(articleDescription(a))}</summary><content type="html">${x(renderMarkdown(a.body_md))}</content></entry>`).join('\n')}
</feed>`;
}
