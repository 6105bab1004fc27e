/**
 * Server-rendered pages of the public site and the debtor portal: plain HTML, no script,
 * mobile-first CSS inline (one request per page), readable at 390 px and on a desktop.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { englishLongDate, isLocalDate, spanishLongDate } from '../../domain/calendar.ts';
import { currencyOfPack, fen, formatMoney } from '../../domain/money.ts';
import type { SiteLocale } from '../../domain/site/articles.ts';
import { contentLocale, PORTAL_LOCALES, type PortalLocale } from './messages.ts';

export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export const LANG_COOKIE = 'leeway_lang';

const isPortalLocale = (value: unknown): value is PortalLocale => (PORTAL_LOCALES as readonly unknown[]).includes(value);

/**
 * The portal's language: ?lang= (remembered in a cookie), then the cookie, then the first of its
 * languages the browser's Accept-Language asks for (browserLocale); zh-CN by default.
 */
export function pickPortalLocale(request: FastifyRequest, reply: FastifyReply): PortalLocale {
  const q = (request.query as Record<string, unknown> | undefined)?.lang;
  if (isPortalLocale(q)) {
    void reply.setCookie(LANG_COOKIE, q, { path: '/', sameSite: 'lax', httpOnly: true, maxAge: 365 * 86_400 });
    return q;
  }
  const c = request.cookies[LANG_COOKIE];
  if (isPortalLocale(c)) return c;
  return browserLocale(request.headers['accept-language']);
}

/**
 * The first of the portal's languages an Accept-Language header asks for, most wanted first
 * (`pl-PL, pl;q=0.9, en-GB;q=0.8` is English: the portal has no Polish); zh-CN when it names none.
 */
export function browserLocale(header: string | undefined): PortalLocale {
  const wanted = (header ?? '').split(',').map((part, order) => {
    const [tag, ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/i.exec(p)?.[1]).find((v) => v !== undefined);
    return { language: (tag ?? '').trim().slice(0, 2).toLowerCase(), q: q === undefined ? 1 : Number(q), order };
  }).filter((w) => w.q > 0 && Number.isFinite(w.q)).sort((a, b) => b.q - a.q || a.order - b.order);
  for (const w of wanted) {
    if (w.language === 'zh') return 'zh-CN';
    if (w.language === 'en' || w.language === 'es') return w.language;
  }
  return 'zh-CN';
}

/** The help centre's language: the portal's, Spanish read as English (the site's pages and articles are in Chinese and English). */
export function pickLocale(request: FastifyRequest, reply: FastifyReply): SiteLocale {
  return contentLocale(pickPortalLocale(request, reply));
}

/** Each language's name in itself, for the links between them. */
export const LOCALE_NAMES: Record<PortalLocale, string> = { 'zh-CN': '中文', en: 'English', es: 'Español' };

const CSS = `
*{box-sizing:border-box}html{font-size:100%;-webkit-text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;line-height:1.6;color:#1b1b1b;background:#f6f7f9}
a{color:#0b4f8a;text-decoration:underline;text-underline-offset:2px}a:hover{color:#062f55}
:focus-visible{outline:3px solid #8a4500;outline-offset:2px}header.top :focus-visible{outline-color:#ffd27a}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem}.skip:focus{left:.5rem}
header.top{background:#0b3558;color:#fff}header.top .in{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center;justify-content:space-between;padding:.75rem 1rem;max-width:48rem;margin:0 auto}
header.top a{color:#fff}.brand{font-weight:700;font-size:1.15rem;text-decoration:none}
nav.main ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}nav.main a{display:inline-block;padding:.6rem 0;min-height:44px}
nav.main a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
main{max-width:48rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;line-height:1.3;margin:.5rem 0 1rem}h2{font-size:1.25rem;margin:1.5rem 0 .5rem}
.card{background:#fff;border:1px solid #c9ced6;border-radius:8px;padding:1rem;margin:0 0 1rem}
.muted{color:#4a5361}.small{font-size:.9rem}
dl.kv{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem;margin:0}dl.kv dt{color:#4a5361}dl.kv dd{margin:0;font-variant-numeric:tabular-nums}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input,select,textarea{font:inherit;width:100%;padding:.6rem;border:2px solid #6b7380;border-radius:6px;background:#fff;color:#1b1b1b}
textarea{min-height:6rem}input[type=checkbox],input[type=radio]{width:auto;margin-right:.5rem;transform:scale(1.2)}
.check{display:flex;align-items:center;font-weight:400;margin:.4rem 0;min-height:44px}
button,.button{display:inline-block;font:inherit;font-weight:600;padding:.7rem 1.2rem;margin:.75rem .5rem 0 0;border-radius:6px;border:2px solid #0b4f8a;background:#0b4f8a;color:#fff;cursor:pointer;text-decoration:none;min-height:44px}
button.secondary,.button.secondary{background:#fff;color:#0b4f8a}
.notice{border-left:6px solid #0b4f8a;background:#e8f0f8;padding:.75rem 1rem;margin:0 0 1rem;border-radius:4px}
.error{border-left:6px solid #a4161a;background:#fdecec;padding:.75rem 1rem;margin:0 0 1rem;border-radius:4px}
.error ul{margin:.25rem 0 0;padding-left:1.25rem}.error a{color:#a4161a;font-weight:700}
.field-error{color:#a4161a;font-weight:700;margin:.25rem 0;overflow-wrap:anywhere}.error{overflow-wrap:anywhere}[aria-invalid=true]{border-color:#a4161a;border-width:3px}
input[type=checkbox][aria-invalid=true],input[type=radio][aria-invalid=true]{outline:2px solid #a4161a;outline-offset:1px}
.ok{border-left:6px solid #1e6b34;background:#e7f4ea;padding:.75rem 1rem;margin:0 0 1rem;border-radius:4px}
.ref{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:1.2rem;font-weight:700;letter-spacing:.05em;white-space:nowrap}td.ref{font-size:.9rem;letter-spacing:0}
ul.marks{list-style:none;padding-left:.25rem}ul.marks li{margin:.35rem 0}ul.plain{list-style:none;padding:0;margin:0}ul.plain li{padding:.5rem 0;border-bottom:1px solid #e1e4e8}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem;border-bottom:1px solid #e1e4e8;font-variant-numeric:tabular-nums}
.article-body{overflow-wrap:anywhere}.article-body pre{overflow:auto;background:#f0f2f5;padding:.75rem}
.pager{display:flex;flex-wrap:wrap;gap:1rem;justify-content:space-between;margin-top:1.5rem}
footer{max-width:48rem;margin:2rem auto;padding:1rem;border-top:1px solid #c9ced6;font-size:.9rem;color:#4a5361}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
@media (min-width:48rem){h1{font-size:2rem}main{padding:1.5rem}}
@media (max-width:30rem){dl.kv{grid-template-columns:1fr;gap:0}dl.kv dd{margin:0 0 .5rem}}
`;

export interface Layout {
  locale: PortalLocale;
  title: string;
  description: string;
  body: string;
  /** Navigation items: [href, label, current?]. */
  nav: Array<[string, string, boolean?]>;
  brand: [string, string];
  /** The same page in the other languages: [href, the language's name, its code]. */
  otherLangs: Array<[string, string, PortalLocale]>;
  footer: string;
  noindex?: boolean;
  feed?: string;
  skipLabel: string;
}

export function layout(l: Layout): string {
  const lang = l.locale;
  return `<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(l.title)}</title>
<meta name="description" content="${esc(l.description)}">
<meta property="og:title" content="${esc(l.title)}"><meta property="og:description" content="${esc(l.description)}"><meta property="og:type" content="website">
${l.noindex ? '<meta name="robots" content="noindex,nofollow">' : ''}
${l.feed ? `<link rel="alternate" type="application/atom+xml" href="${esc(l.feed)}" title="Atom">` : ''}
<meta name="theme-color" content="#0b3558">
<style>${CSS}</style></head>
<body><a class="skip" href="#main">${esc(l.skipLabel)}</a>
<header class="top"><div class="in"><a class="brand" href="${esc(l.brand[0])}">${esc(l.brand[1])}</a>
<nav class="main" aria-label="${lang === 'en' ? 'Main' : lang === 'es' ? 'Principal' : '主导航'}"><ul>${l.nav.map(([href, label, current]) =>
    `<li><a href="${esc(href)}"${current ? ' aria-current="page"' : ''}>${esc(label)}</a></li>`).join('')}
${l.otherLangs.map(([href, name, code]) => `<li><a href="${esc(href)}" lang="${code}" hreflang="${code}">${esc(name)}</a></li>`).join('')}</ul></nav></div></header>
<main id="main">${l.body}</main>
<footer>${l.footer}</footer></body></html>`;
}

/** Security headers for every server-rendered page: no script at all, no referrer (links carry tokens), no framing. */
export function sendHtml(reply: FastifyReply, html: string, status = 200, options: { private?: boolean } = {}): FastifyReply {
  return reply.code(status).header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
    .header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer').header('x-frame-options', 'DENY')
    .header('cache-control', options.private ? 'no-store' : 'no-cache').send(html);
}

/** An amount in the currency of the account's contract (its pack): ¥ / CNY, $ / US$, £. */
export function money(amountFen: number, locale: PortalLocale, pack: string | null = null): string {
  return formatMoney(fen(amountFen), currencyOfPack(pack), contentLocale(locale));
}

/**
 * A day (2026-04-08) as the page's reader writes it, the way the account's letters do: in English
 * under a US contract "April 8, 2026", under a UK one "8 April 2026"; in Spanish "8 de abril de
 * 2026"; in Chinese, and in English under a Chinese contract, 2026-04-08 as it is.
 */
export function day(date: string, locale: PortalLocale, pack: string | null = null): string {
  if (!isLocalDate(date)) return date;
  if (locale === 'es') return spanishLongDate(date);
  if (locale === 'en' && (pack === 'US' || pack === 'UK')) return englishLongDate(date, pack);
  return date;
}
