import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInstant, instantFromZoned, zonedInputValue } from '../lib/time.ts';
import { useAction } from '../supervisor/useAction.ts';
import { useLoad } from '../supervisor/useLoad.ts';
import { request } from '../workstation/request.ts';

interface Page { key: string; locale: string; title: string; body_md: string; fields: Record<string, string> }
interface Article { id: number; slug: string; locale: string; category: string; title: string; summary: string; body_md: string; published_at: string | null; views: number }

const PAGE_KEYS = ['home', 'services', 'contact'] as const;
const LOCALES = ['zh-CN', 'en'] as const;
const CATEGORIES = ['repayment-help', 'your-rights', 'hardship-plans'] as const;
const PAGE_FIELDS: Record<string, string[]> = { home: ['agency_name'], services: [], contact: ['phone', 'address', 'hours', 'complaint_phone', 'complaint_email'] };
/** The number, address and hours US and UK debtors are given: on the English contact page only (the server refuses them elsewhere). */
const COUNTRY_FIELDS = ['phone_us', 'address_us', 'hours_us', 'phone_uk', 'address_uk', 'hours_uk'];
const fieldsOf = (key: string, locale: string) => [...(PAGE_FIELDS[key] ?? []), ...(key === 'contact' && locale === 'en' ? COUNTRY_FIELDS : [])];
const EMPTY_ARTICLE: Article = { id: 0, slug: '', locale: 'zh-CN', category: 'repayment-help', title: '', summary: '', body_md: '', published_at: null, views: 0 };

/** The public site's pages and help articles, for admins (what /help shows). */
export function SiteAdminScreen({ onSessionExpired }: { onSessionExpired(): void }) {
  const { t } = useTranslation();
  const { state, reload } = useLoad((signal) => request<{ pages: Page[]; articles: Article[] }>('GET', '/api/site/content', undefined, signal), onSessionExpired);
  const [pageKey, setPageKey] = useState<string>('home|zh-CN');
  const [article, setArticle] = useState<Article | null>(null);
  if (state.kind === 'loading') return <p role="status">…</p>;
  if (state.kind === 'error') return <p role="alert">⚠ {state.message}</p>;
  const [key, locale] = pageKey.split('|') as [string, string];
  const page = state.data.pages.find((p) => p.key === key && p.locale === locale) ?? { key, locale, title: '', body_md: '', fields: {} };
  return (
    <main className="screen" data-testid="site-admin">
      <h1>{t('siteAdmin.title')} <a href="/help" target="_blank" rel="noreferrer" className="small">/help ↗</a></h1>
      <section aria-labelledby="site-pages-title">
        <h2 id="site-pages-title">{t('siteAdmin.pages')}</h2>
        <label htmlFor="site-page-pick">{t('siteAdmin.pickPage')}</label>{' '}
        <select id="site-page-pick" value={pageKey} onChange={(e) => setPageKey(e.target.value)}>
          {PAGE_KEYS.flatMap((k) => LOCALES.map((l) => <option key={`${k}|${l}`} value={`${k}|${l}`}>{t(`siteAdmin.page.${k}`)} · {l}</option>))}
        </select>
        <PageForm key={pageKey} page={page} onSaved={reload} onSessionExpired={onSessionExpired} />
      </section>
      <section aria-labelledby="site-articles-title">
        <h2 id="site-articles-title">{t('siteAdmin.articles')}</h2>
        <button type="button" onClick={() => setArticle(EMPTY_ARTICLE)}>{t('siteAdmin.newArticle')}</button>
        <div className="table-scroll">
          <table className="data-table">
            <thead><tr><th scope="col">{t('siteAdmin.titleField')}</th><th scope="col">{t('siteAdmin.locale')}</th><th scope="col">{t('siteAdmin.category')}</th>
              <th scope="col">{t('siteAdmin.publishedAt')}</th><th scope="col" className="num">{t('siteAdmin.views')}</th><th scope="col"><span className="visually-hidden">{t('siteAdmin.edit')}</span></th></tr></thead>
            <tbody>{state.data.articles.map((a) => (
              <tr key={a.id}><td><a href={`/help/articles/${a.slug}?lang=${a.locale}`} target="_blank" rel="noreferrer">{a.title}</a></td><td>{a.locale}</td>
                <td>{t(`siteAdmin.categories.${a.category}`, { defaultValue: a.category })}</td>
                <td>{a.published_at ? formatInstant(a.published_at) : t('siteAdmin.draft')}</td><td className="num">{a.views}</td>
                <td><button type="button" onClick={() => setArticle(a)} aria-label={`${t('siteAdmin.edit')}: ${a.title}`}>{t('siteAdmin.edit')}</button>{' '}
                  <DeleteArticle article={a} onDeleted={() => { if (article?.id === a.id) setArticle(null); reload(); }} onSessionExpired={onSessionExpired} /></td></tr>
            ))}</tbody>
          </table>
        </div>
        {article && <ArticleForm key={`${article.id}-${article.locale}-${article.slug}`} article={article} onSaved={() => { setArticle(null); reload(); }} onSessionExpired={onSessionExpired} />}
      </section>
    </main>
  );
}

/** Delete, asked once more in place: the article leaves the public site at once. */
function DeleteArticle({ article, onDeleted, onSessionExpired }: { article: Article; onDeleted(): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const action = useAction(onSessionExpired);
  if (!asking) {
    return <button type="button" onClick={() => setAsking(true)} aria-label={`${t('siteAdmin.delete')}: ${article.title}`}>{t('siteAdmin.delete')}</button>;
  }
  const remove = async () => {
    if ((await action.run(() => request('DELETE', `/api/site/articles/${article.id}`))) !== undefined) onDeleted();
  };
  return (
    <span role="group" aria-label={t('siteAdmin.deleteQuestion', { title: article.title })} data-testid="delete-article-confirm">
      <span className="small">{t('siteAdmin.deleteQuestion', { title: article.title })}</span>{' '}
      <button type="button" className="button button--primary" disabled={action.busy} onClick={() => void remove()}>{t('siteAdmin.confirmDelete')}</button>{' '}
      <button type="button" disabled={action.busy} onClick={() => setAsking(false)}>{t('siteAdmin.cancel')}</button>
      {action.problem ? <span role="alert"> ⚠ {action.problem}</span> : null}
    </span>
  );
}

function PageForm({ page, onSaved, onSessionExpired }: { page: Page; onSaved(): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(page.title);
  const [body, setBody] = useState(page.body_md);
  const [fields, setFields] = useState<Record<string, string>>(page.fields);
  const [saved, setSaved] = useState(false);
  const action = useAction(onSessionExpired);
  const save = async () => {
    setSaved(false);
    const ok = await action.run(() => request('PUT', '/api/site/pages', { key: page.key, locale: page.locale, title, body_md: body, fields }));
    if (ok) { setSaved(true); onSaved(); }
  };
  return (
    <form className="form" onSubmit={(e) => { e.preventDefault(); void save(); }} data-testid="site-page-form">
      <label htmlFor="site-page-title">{t('siteAdmin.titleField')}</label>
      <input id="site-page-title" value={title} onChange={(e) => setTitle(e.target.value)} required />
      {fieldsOf(page.key, page.locale).map((f) => (
        <div key={f}><label htmlFor={`site-field-${f}`}>{t(`siteAdmin.fields.${f}`)}</label>
          <input id={`site-field-${f}`} value={fields[f] ?? ''} onChange={(e) => setFields({ ...fields, [f]: e.target.value })}
            aria-describedby={COUNTRY_FIELDS.includes(f) ? `site-field-${f}-help` : undefined} />
          {COUNTRY_FIELDS.includes(f) ? <p id={`site-field-${f}-help`} className="small muted">{t(`siteAdmin.fieldHelp.${f}`)}</p> : null}</div>
      ))}
      <label htmlFor="site-page-body">{t('siteAdmin.body')}</label>
      <textarea id="site-page-body" rows={10} value={body} onChange={(e) => setBody(e.target.value)} />
      <button type="submit" disabled={action.busy}>{t('siteAdmin.save')}</button>
      {saved && <span role="status"> ✓ {t('siteAdmin.saved')}</span>}
      {action.problem && <p role="alert" className="problem">⚠ {action.problem}</p>}
    </form>
  );
}

function ArticleForm({ article, onSaved, onSessionExpired }: { article: Article; onSaved(): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const [a, setA] = useState(article);
  const [published, setPublished] = useState(article.published_at ? zonedInputValue(article.published_at) : '');
  const action = useAction(onSessionExpired);
  const set = (patch: Partial<Article>) => setA({ ...a, ...patch });
  const save = async () => {
    // datetime-local has no zone: it is read as the browser's local time.
    const publishedAt = published ? instantFromZoned(published) : null;
    const ok = await action.run(() => request('PUT', '/api/site/articles', { locale: a.locale, slug: a.slug, category: a.category, title: a.title,
      summary: a.summary, body_md: a.body_md, published_at: publishedAt }));
    if (ok) onSaved();
  };
  return (
    <form className="form" onSubmit={(e) => { e.preventDefault(); void save(); }} data-testid="site-article-form">
      <label htmlFor="article-slug">{t('siteAdmin.slug')}</label>
      <input id="article-slug" value={a.slug} onChange={(e) => set({ slug: e.target.value })} pattern="[a-z0-9][a-z0-9-]{0,80}" required readOnly={article.id !== 0} />
      <label htmlFor="article-locale">{t('siteAdmin.locale')}</label>
      <select id="article-locale" value={a.locale} onChange={(e) => set({ locale: e.target.value })} disabled={article.id !== 0}>
        {LOCALES.map((l) => <option key={l} value={l}>{l}</option>)}
      </select>
      <label htmlFor="article-category">{t('siteAdmin.category')}</label>
      <select id="article-category" value={a.category} onChange={(e) => set({ category: e.target.value })}>
        {CATEGORIES.map((c) => <option key={c} value={c}>{t(`siteAdmin.categories.${c}`)}</option>)}
      </select>
      <label htmlFor="article-title">{t('siteAdmin.titleField')}</label>
      <input id="article-title" value={a.title} onChange={(e) => set({ title: e.target.value })} required />
      <label htmlFor="article-summary">{t('siteAdmin.summary')}</label>
      <input id="article-summary" value={a.summary} onChange={(e) => set({ summary: e.target.value })} />
      <label htmlFor="article-body">{t('siteAdmin.body')}</label>
      <textarea id="article-body" rows={14} value={a.body_md} onChange={(e) => set({ body_md: e.target.value })} required />
      <label htmlFor="article-published">{t('siteAdmin.publishedAt')}</label>
      <input id="article-published" type="datetime-local" value={published} onChange={(e) => setPublished(e.target.value)} />
      <button type="submit" disabled={action.busy}>{t('siteAdmin.save')}</button>
      {action.problem && <p role="alert" className="problem">⚠ {action.problem}</p>}
    </form>
  );
}
