/**
 * The help centre's articles: categories, the fields an admin edits, and the pieces of
 * reading order (previous/next within a category). Pure.
 */
import { invalidInput } from '../errors.ts';

export const ARTICLE_CATEGORIES = ['repayment-help', 'your-rights', 'hardship-plans'] as const;
export type ArticleCategory = (typeof ARTICLE_CATEGORIES)[number];
export const SITE_LOCALES = ['zh-CN', 'en'] as const;
export type SiteLocale = (typeof SITE_LOCALES)[number];
export const SITE_PAGE_KEYS = ['home', 'services', 'contact'] as const;
export type SitePageKey = (typeof SITE_PAGE_KEYS)[number];

export const CATEGORY_NAMES: Record<ArticleCategory, Record<SiteLocale, string>> = {
  'repayment-help': { 'zh-CN': '还款帮助', en: 'Repayment help' },
  'your-rights': { 'zh-CN': '您的权利', en: 'Your rights' },
  'hardship-plans': { 'zh-CN': '困难分期', en: 'Hardship plans' },
};

export interface ArticleInput {
  slug: string;
  locale: string;
  category: string;
  title: string;
  summary?: string;
  bodyMd: string;
  /** ISO instant; null keeps it a draft. */
  publishedAt: string | null;
}

export interface CheckedArticle {
  slug: string; locale: SiteLocale; category: ArticleCategory; title: string; summary: string; bodyMd: string; publishedAt: Date | null;
}

export function checkArticle(input: ArticleInput): CheckedArticle {
  if (!/^[a-z0-9][a-z0-9-]{0,80}$/.test(input.slug)) {
    throw invalidInput({ en: `slug "${input.slug}" must be lower-case letters, digits and dashes (at most 81)`, zh: `网址（slug）“${input.slug}”只能由小写字母、数字和短横线组成（最多 81 个字符）` }, 'slug');
  }
  if (!(SITE_LOCALES as readonly string[]).includes(input.locale)) {
    throw invalidInput({ en: `locale must be one of ${SITE_LOCALES.join(', ')}`, zh: `语言（locale）必须是 ${SITE_LOCALES.join('、')} 之一` }, 'locale');
  }
  if (!(ARTICLE_CATEGORIES as readonly string[]).includes(input.category)) {
    throw invalidInput({ en: `category must be one of ${ARTICLE_CATEGORIES.join(', ')}`, zh: `分类（category）必须是 ${ARTICLE_CATEGORIES.join('、')} 之一` }, 'category');
  }
  const title = input.title.trim();
  if (title.length === 0 || title.length > 200) throw invalidInput({ en: 'title must be 1 to 200 characters', zh: '标题须为 1 到 200 个字符' }, 'title');
  if (input.bodyMd.trim().length === 0) throw invalidInput({ en: 'body_md must not be empty', zh: '正文不能为空' }, 'body_md');
  if (input.bodyMd.length > 200_000) throw invalidInput({ en: 'body_md is longer than 200,000 characters', zh: '正文超过了 200,000 个字符' }, 'body_md');
  let publishedAt: Date | null = null;
  if (input.publishedAt !== null) {
    publishedAt = new Date(input.publishedAt);
    if (Number.isNaN(publishedAt.getTime()) || !/[zZ]|[+-]\d{2}:?\d{2}$/.test(input.publishedAt)) {
      throw invalidInput({
        en: `published_at "${input.publishedAt}" is not an ISO instant with an offset`,
        zh: `发布时间（published_at）“${input.publishedAt}”不是带时区偏移的 ISO 时间`,
      }, 'published_at');
    }
  }
  return { slug: input.slug, locale: input.locale as SiteLocale, category: input.category as ArticleCategory, title,
    summary: (input.summary ?? '').trim(), bodyMd: input.bodyMd, publishedAt };
}

/** Escapes a search text for ILIKE: % and _ and the escape character itself match literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Reading order in a category: by publish time, then id. Returns the neighbours of `id`. */
export function neighbours<T extends { id: number; published_at: Date }>(inCategory: readonly T[], id: number): { prev: T | null; next: T | null } {
  const sorted = [...inCategory].sort((a, b) => a.published_at.getTime() - b.published_at.getTime() || a.id - b.id);
  const i = sorted.findIndex((a) => a.id === id);
  if (i < 0) return { prev: null, next: null };
  return { prev: sorted[i - 1] ?? null, next: sorted[i + 1] ?? null };
}
