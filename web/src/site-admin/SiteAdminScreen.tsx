import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatInstant, instantFromZoned, zonedInputValue } from '../lib/time.ts';
import { useAction } from '../supervisor/useAction.ts';
import { useLoad } from '../supervisor/useLoad.ts';
import { request } from '../workstation/request.ts';
import '../users/users.css';
import './site-admin.css';

interface Page { key: string; locale: string; title: string; body_md: string; fields: Record<string, string> }
interface Article { id: number; slug: string; locale: string; category: string; title: string; summary: string; body_md: string; published_at: string | null; views: number }

const PAGE_KEYS = ['home', 'services', 'contact'] as const;
const LOCALES = ['zh-CN', 'en'] as const;
/** Each language in its own words, as the top bar's switch names them (not its code). */
const LANGUAGE_NAMES: Record<string, string> = { 'zh-CN': '中文', en: 'English' };
const languageName = (locale: string): string => LANGUAGE_NAMES[locale] ?? locale;
const CATEGORIES = ['repayment-help', 'your-rights', 'hardship-plans'] as const;
const PAGE_FIELDS: Record<string, string[]> = { home: ['agency_name'], services: [], contact: ['phone', 'address', 'hours', 'complaint_phone', 'complaint_email'] };
/** The number, address and hours US and UK debtors are given: on the English contact page only (the server refuses them elsewhere). */
const COUNTRY_FIELDS = ['phone_us', 'address_us', 'hours_us', 'hours_us_es', 'phone_uk', 'address_uk', 'hours_uk'];
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
    // A section, as the other admin screens: the shell's <main> holds it.
    <section className="us-screen" aria-labelledby="site-admin-title" data-testid="site-admin">
      <div className="screen-head"><h1 id="site-admin-title">{t('siteAdmin.title')}</h1>
        <a href="/help" target="_blank" rel="noreferrer">/help ↗</a></div>
      <section className="sa-part" aria-labelledby="site-pages-title">
        <h2 id="site-pages-title">{t('siteAdmin.pages')}</h2>
        <div className="sa-pick">
          <label htmlFor="site-page-pick">{t('siteAdmin.pickPage')}</label>
          <select id="site-page-pick" value={pageKey} onChange={(e) => setPageKey(e.target.value)}>
            {PAGE_KEYS.flatMap((k) => LOCALES.map((l) => <option key={`${k}|${l}`} value={`${k}|${l}`}>{t(`siteAdmin.page.${k}`)} · {languageName(l)}</option>))}
          </select>
        </div>
        <PageForm key={pageKey} page={page} onSaved={reload} onSessionExpired={onSessionExpired} />
      </section>
      <section className="sa-part" aria-labelledby="site-articles-title">
        <h2 id="site-articles-title">{t('siteAdmin.articles')}</h2>
        <div className="screen-head"><button type="button" className="button" onClick={() => setArticle(EMPTY_ARTICLE)}>{t('siteAdmin.newArticle')}</button></div>
        <div className="table-scroll">
          <table className="data-table">
            <thead><tr><th scope="col">{t('siteAdmin.titleField')}</th><th scope="col">{t('siteAdmin.locale')}</th><th scope="col">{t('siteAdmin.category')}</th>
              <th scope="col">{t('siteAdmin.publishedAt')}</th><th scope="col" className="num">{t('siteAdmin.views')}</th><th scope="col"><span className="visually-hidden">{t('siteAdmin.edit')}</span></th></tr></thead>
            <tbody>{state.data.articles.map((a) => (
              <tr key={a.id}><td><a href={`/help/articles/${a.slug}?lang=${a.locale}`} target="_blank" rel="noreferrer">{a.title}</a></td><td>{languageName(a.locale)}</td>
                <td>{t(`siteAdmin.categories.${a.category}`, { defaultValue: a.category })}</td>
                <td>{a.published_at ? formatInstant(a.published_at) : t('siteAdmin.draft')}</td><td className="num">{a.views}</td>
                <td className="sa-actions"><button type="button" className="button button--quiet" onClick={() => setArticle(a)} aria-label={`${t('siteAdmin.edit')}: ${a.title}`}>{t('siteAdmin.edit')}</button>{' '}
                  <DeleteArticle article={a} onDeleted={() => { if (article?.id === a.id) setArticle(null); reload(); }} onSessionExpired={onSessionExpired} /></td></tr>
            ))}</tbody>
          </table>
        </div>
        {article && <ArticleForm key={`${article.id}-${article.locale}-${article.slug}`} article={article} onSaved={() => { setArticle(null); reload(); }} onSessionExpired={onSessionExpired} />}
      </section>
    </section>
  );
}

/** Delete, asked once more in place: the article leaves the public site at once. */
function DeleteArticle({ article, onDeleted, onSessionExpired }: { article: Article; onDeleted(): void; onSessionExpired(): void }) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const action = useAction(onSessionExpired);
  if (!asking) {
    return <button type="button" className="button button--quiet" onClick={() => setAsking(true)} aria-label={`${t('siteAdmin.delete')}: ${article.title}`}>{t('siteAdmin.delete')}</button>;
  }
  const remove = async () => {
    if ((await action.run(() => request('DELETE', `/api/site/articles/${article.id}`))) !== undefined) onDeleted();
  };
  return (
    <span role="group" aria-label={t('siteAdmin.deleteQuestion', { title: article.title })} data-testid="delete-article-confirm">
      <span>{t('siteAdmin.deleteQuestion', { title: article.title })}</span>{' '}
      <button type="button" className="button button--primary" disabled={action.busy} onClick={() => void remove()}>{t('siteAdmin.confirmDelete')}</button>{' '}
      <button type="button" className="button button--quiet" disabled={action.busy} onClick={() => setAsking(false)}>{t('siteAdmin.cancel')}</button>
      {action.problem ? <span role="alert" className="sa-problem"> ⚠ {action.problem}</span> : null}
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
    <form className="us-form sa-form" onSubmit={(e) => { e.preventDefault(); void save(); }} data-testid="site-page-form">
      <label className="sa-wide">{t('siteAdmin.titleField')}
        <input value={title} onChange={(e) => setTitle(e.target.value)} required /></label>
      {fieldsOf(page.key, page.locale).map((f) => (
        <div key={f} className="sa-field"><label>{t(`siteAdmin.fields.${f}`)}
          <input value={fields[f] ?? ''} onChange={(e) => setFields({ ...fields, [f]: e.target.value })}
            aria-describedby={COUNTRY_FIELDS.includes(f) ? `site-field-${f}-help` : undefined} /></label>
          {COUNTRY_FIELDS.includes(f) ? <p id={`site-field-${f}-help`} className="muted">{t(`siteAdmin.fieldHelp.${f}`)}</p> : null}</div>
      ))}
      <label className="sa-wide">{t('siteAdmin.body')}
        <textarea rows={10} value={body} onChange={(e) => setBody(e.target.value)} /></label>
      {action.problem ? <p role="alert" className="banner banner--error">{action.problem}</p> : null}
      {saved ? <p role="status" className="banner banner--info">{t('siteAdmin.saved')}</p> : null}
      <button type="submit" className="button button--primary" disabled={action.busy}>{t('siteAdmin.save')}</button>
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
    <form className="us-form sa-form" onSubmit={(e) => { e.preventDefault(); void save(); }} data-testid="site-article-form">
      <label>{t('siteAdmin.slug')}
        <input value={a.slug} onChange={(e) => set({ slug: e.target.value })} pattern="[a-z0-9][a-z0-9-]{0,80}" required readOnly={article.id !== 0} /></label>
      <label>{t('siteAdmin.locale')}
        <select value={a.locale} onChange={(e) => set({ locale: e.target.value })} disabled={article.id !== 0}>
          {LOCALES.map((l) => <option key={l} value={l}>{languageName(l)}</option>)}
        </select></label>
      <label>{t('siteAdmin.category')}
        <select value={a.category} onChange={(e) => set({ category: e.target.value })}>
          {CATEGORIES.map((c) => <option key={c} value={c}>{t(`siteAdmin.categories.${c}`)}</option>)}
        </select></label>
      <label>{t('siteAdmin.publishedAt')}
        <input type="datetime-local" value={published} onChange={(e) => setPublished(e.target.value)} /></label>
      <label className="sa-wide">{t('siteAdmin.titleField')}
        <input value={a.title} onChange={(e) => set({ title: e.target.value })} required /></label>
      <label className="sa-wide">{t('siteAdmin.summary')}
        <input value={a.summary} onChange={(e) => set({ summary: e.target.value })} /></label>
      <label className="sa-wide">{t('siteAdmin.body')}
        <textarea rows={14} value={a.body_md} onChange={(e) => set({ body_md: e.target.value })} required /></label>
      {action.problem ? <p role="alert" className="banner banner--error">{action.problem}</p> : null}
      <button type="submit" className="button button--primary" disabled={action.busy}>{t('siteAdmin.save')}</button>
    </form>
  );
}
