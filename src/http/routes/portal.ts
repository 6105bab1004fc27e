import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app/context.ts';
import { applyForHardship, hardshipQuotes, statementProblem } from '../../app/portal/apply-hardship.ts';
import { isBeingCollected } from '../../app/portal/actions.ts';
import { readUnsubscribeToken, unsubscribeEmail } from '../../app/messages/send-email.ts';
import { issuePortalLink } from '../../app/portal/issue-link.ts';
import { makePortalPromise, movePortalPromise } from '../../app/portal/make-promise.ts';
import { openPortalCase } from '../../app/portal/open-case.ts';
import { openPortalLink } from '../../app/portal/open-link.ts';
import { callingWindow, portalOverview, type PortalOverview } from '../../app/portal/overview.ts';
import { portalActionsForAccount } from '../../app/portal/staff-view.ts';
import { sendPortalCode } from '../../app/portal/send-code.ts';
import { portalSessionStatus, requireDebtor, signOutPortal } from '../../app/portal/session.ts';
import { setContactPreferences } from '../../app/portal/set-preferences.ts';
import { PORTAL_COOKIE } from '../../app/portal/tokens.ts';
import { verifyPortalSession } from '../../app/portal/verify.ts';
import { sitePage as loadPage, usPublicFooter } from '../../app/site/read-site.ts';
import { addDays, isLocalDate, type LocalDate } from '../../domain/calendar.ts';
import { countryOfPack } from '../../domain/country.ts';
import { contactFieldsFor } from '../../domain/site/agency-contact.ts';
import { AppError, invalidInput, type Bilingual } from '../../domain/errors.ts';
import { checkEvidence } from '../../domain/portal/evidence.ts';
import { parseYuan } from '../../domain/money.ts';
import { isReference } from '../../domain/portal/reference.ts';
import { promiseMaxDays } from '../../domain/workstation/index.ts';
import { actorFrom } from '../auth-hook.ts';
import { errorSchema } from '../schemas.ts';
import type { FormError } from '../site/form-errors.ts';
import { field, registerFormParsers, type FormBody } from '../site/forms.ts';
import { esc, pickPortalLocale, sendHtml } from '../site/html.ts';
import { contentLocale, fill, messages, type PortalLocale } from '../site/messages.ts';
import { accountBody, bankName, closedComplaintBody, hardshipBody, overviewBody, preferencesBody, verifyBody } from '../site/portal-pages.ts';
import { sitePage } from '../site/site-pages.ts';

const html = { config: { access: 'public' as const }, schema: { hide: true } };

/**
 * Each form's inputs, and the names the use cases give to what they refuse where a form names it
 * otherwise (the API's `amount_fen` is the form's `amount`): a refusal is marked on the input.
 */
const FORM_INPUTS = {
  promise: { inputs: ['amount', 'due_date'], aliases: { amount_fen: 'amount' } },
  dispute: { inputs: ['reason', 'description'], aliases: {} },
  complaint: { inputs: ['description'], aliases: {} },
  hardship: { inputs: ['reason', 'statement', 'income', 'essentials', 'evidence', 'months'],
    aliases: { monthly_income_fen: 'income', monthly_essentials_fen: 'essentials', first_due_date: 'months' } },
  preferences: { inputs: ['preferred_from', 'preferred_to', 'opt_outs', 'adviser_name', 'adviser_phone', 'email', 'text_phones'], aliases: {} },
} satisfies Record<string, { inputs: readonly string[]; aliases: Record<string, string> }>;

/** A refusal for the page: the message in the debtor's language, and the input of the form it is about (null: none of them). */
function refusal(error: AppError, locale: PortalLocale, form: keyof typeof FORM_INPUTS): FormError {
  const { inputs, aliases } = FORM_INPUTS[form];
  // The evidence check names the file by its place among several ('evidence[0]'): the form has one.
  const named = error.field?.replace(/\[\d+\]$/, '');
  const field = named === undefined ? null : (aliases as Record<string, string>)[named] ?? named;
  const onForm = (name: string | null) => (name !== null && (inputs as readonly string[]).includes(name) ? name : null);
  const said = (m: Bilingual) => (locale === 'zh-CN' ? m.zh : locale === 'es' && m.es !== undefined ? m.es : m.en);
  const inputOf = (name: string | undefined) => onForm(name === undefined ? null : (aliases as Record<string, string>)[name] ?? name);
  // A promise's problems (validatePromise, every one found), each said beside its own input rather than joined into one.
  const problems = error.details?.['problems'];
  if (Array.isArray(problems) && problems.length > 1) {
    const [first, ...rest] = (problems as Array<{ field: string; message: string; message_zh: string; message_es: string }>)
      .map((p) => ({ message: said({ en: p.message, zh: p.message_zh, es: p.message_es }), field: inputOf(p.field) }));
    return { ...first!, more: rest };
  }
  // Other problems found in the same look (details.more: each with its field and words), each for its own input.
  const more = Array.isArray(error.details?.['more'])
    ? (error.details['more'] as Array<{ field?: string } & Bilingual>).map((m) => ({ message: said(m), field: inputOf(m.field) }))
    : [];
  return { message: error.messageIn(locale), field: onForm(field), ...(more.length > 0 ? { more } : {}) };
}

/**
 * The debtor portal under /my: server-rendered, no script, private (no-store, noindex).
 * Staff routes: POST /api/accounts/:id/portal-link, GET /api/accounts/:id/portal-actions
 * (evidence files are the hardship screens' downloads).
 */
export function portalRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    registerFormParsers(app);
    const cookieOf = (request: FastifyRequest) => request.cookies[PORTAL_COOKIE];
    const setSessionCookie = (request: FastifyRequest, reply: FastifyReply, token: string) =>
      void reply.setCookie(PORTAL_COOKIE, token, { path: '/my', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https' });

    /**
     * A portal page. Before the check (no debtor known) its footer is the public site's; a verified
     * debtor's pages speak of New York City's language services, and carry the agency's US licence
     * numbers, only when one of their accounts is under a US contract: the rules are for the debtors
     * there, not for a Chinese bank's debtor.
     */
    const page = async (reply: FastifyReply, locale: PortalLocale, title: string, body: string, status = 200, debtor?: Pick<PortalOverview, 'accounts'>) => {
      const [home, footer] = await Promise.all([loadPage(ctx, 'home', contentLocale(locale)), usPublicFooter(ctx)]);
      const us = debtor === undefined || debtor.accounts.some((a) => a.pack_id === 'US');
      const languageAccess = debtor === undefined ? footer.languageAccess : us;
      // A page whose form was refused says so first in its title, the first thing a screen reader reads (GOV.UK's error summary pattern).
      const titled = body.includes('class="error error-summary"') ? `${messages(locale).portal.errorTitle}${title}` : title;
      return sendHtml(reply, sitePage(locale, 'portal', titled, messages(locale).portalIntro, body,
        { path: languagePath(reply.request), noindex: true, ...footer, languageAccess, ...(us ? {} : { licences: [] }), ...(home?.fields.agency_name ? { agencyName: home.fields.agency_name } : {}) }),
        status, { private: true });
    };
    const verifyPage = (reply: FastifyReply, locale: PortalLocale, state: Parameters<typeof verifyBody>[1], status = 200) =>
      page(reply, locale, messages(locale).portal.verifyTitle, verifyBody(locale, state), status);

    /** Runs a portal page for a verified debtor; otherwise shows the check (or the reason there is none). */
    const verified = async (request: FastifyRequest, reply: FastifyReply, work: (debtorId: number, locale: PortalLocale) => Promise<unknown>) => {
      const locale = pickPortalLocale(request, reply);
      const status = await portalSessionStatus(ctx, cookieOf(request));
      if (status !== 'verified') {
        if (status === 'unverified') return reply.redirect('/my/verify', 303);
        if (status === 'none' && request.method === 'GET' && request.url.split('?')[0] === '/my') {
          const signedOut = (request.query as Record<string, unknown>)['signed_out'] !== undefined;
          return page(reply, locale, messages(locale).portal.title, verifyBody(locale, { kind: signedOut ? 'signed_out' : 'none' }));
        }
        return verifyPage(reply, locale, { kind: status === 'locked' ? 'locked' : status === 'expired' ? 'expired' : 'none' }, status === 'none' ? 200 : 401);
      }
      try {
        return await work(await requireDebtor(ctx, cookieOf(request)), locale);
      } catch (error) {
        if (error instanceof AppError && error.code === 'RATE_LIMITED') return page(reply, locale, messages(locale).portal.title, `<p role="alert">${esc(messages(locale).portal.rateLimited)}</p>`, 429);
        throw error;
      }
    };

    // An e-mail's opt-out link (docs/messages.md, "E-mail"): no login, the token is the key. The
    // page asks first (a link checker opening it changes nothing); the button, or a mail program's
    // one-click unsubscribe (RFC 8058, a POST of List-Unsubscribe=One-Click), opts the address out.
    app.get('/my/unsubscribe/:token', html, async (request, reply) => {
      const locale = pickPortalLocale(request, reply);
      const t = messages(locale).unsubscribe;
      const token = (request.params as { token: string }).token;
      if (readUnsubscribeToken(ctx.cipher, token) === null) return page(reply, locale, t.title, `<p role="alert">${esc(t.unknown)}</p>`, 404);
      return page(reply, locale, t.title, `<p>${esc(t.ask)}</p><form method="post" action="/my/unsubscribe/${esc(token)}">` +
        `<button type="submit" data-testid="unsubscribe">${esc(t.confirm)}</button></form>`);
    });
    app.post('/my/unsubscribe/:token', html, async (request, reply) => {
      const locale = pickPortalLocale(request, reply);
      const t = messages(locale).unsubscribe;
      try {
        const result = await unsubscribeEmail(ctx, (request.params as { token: string }).token);
        return page(reply, locale, t.title, `<p role="status" data-testid="unsubscribed">✓ ${esc(result.changed ? t.done : t.already)}</p>`);
      } catch (error) {
        if (error instanceof AppError && error.code === 'NOT_FOUND') return page(reply, locale, t.title, `<p role="alert">${esc(t.unknown)}</p>`, 404);
        throw error;
      }
    });

    // A personal link (docs/portal.md, "Opening the link"): the page asks first, so that a link checker or a
    // preview (a mail scanner, a messaging app) opening it uses nothing up; the button opens it. The page is
    // the same for any token, real or not, and reads nothing.
    app.get('/my/open/:token', html, async (request, reply) => {
      const locale = pickPortalLocale(request, reply);
      const p = messages(locale).portal;
      // The button sends to the same address, its language (?lang=es) included.
      return page(reply, locale, p.title, `<h1>${esc(p.title)}</h1><form class="card" method="post" action="${esc(request.url)}">` +
        `<p>${esc(p.openAsk)}</p><button type="submit" data-testid="open-link">${esc(p.openButton)}</button></form>`);
    });
    app.post('/my/open/:token', html, async (request, reply) => {
      const locale = pickPortalLocale(request, reply);
      try {
        const { sessionToken } = await openPortalLink(ctx, (request.params as { token: string }).token, request.ip);
        setSessionCookie(request, reply, sessionToken);
        return reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store').redirect('/my/verify', 303);
      } catch (error) {
        if (error instanceof AppError && error.code === 'RATE_LIMITED') return page(reply, locale, messages(locale).portal.title, `<p role="alert">${esc(messages(locale).portal.rateLimited)}</p>`, 429);
        throw error;
      }
    });

    app.get('/my/verify', html, async (request, reply) => {
      const locale = pickPortalLocale(request, reply);
      const status = await portalSessionStatus(ctx, cookieOf(request));
      if (status === 'verified') return reply.redirect('/my', 303);
      return verifyPage(reply, locale, { kind: status === 'unverified' ? undefined : status === 'none' ? 'none' : status === 'locked' ? 'locked' : 'expired' } as never);
    });

    app.post('/my/verify', html, async (request, reply) => {
      const locale = pickPortalLocale(request, reply);
      const body = request.body as FormBody;
      const answer = field(body, 'code') ? { kind: 'code' as const, code: field(body, 'code') }
        : { kind: 'identity' as const, idLast4: field(body, 'id_last4'), birthDate: field(body, 'birth_date') };
      try {
        const result = await verifyPortalSession(ctx, cookieOf(request), answer, request.ip);
        if (result.outcome === 'verified') {
          if (result.sessionToken !== undefined) setSessionCookie(request, reply, result.sessionToken);
          return reply.redirect('/my', 303);
        }
        if (result.outcome === 'locked') return verifyPage(reply, locale, { kind: 'locked' }, 401);
        // A wrong answer never says which part was wrong: both inputs of the form it came from are marked.
        const fields = answer.kind === 'code' ? ['code'] : ['id_last4', 'birth_date'];
        // The form comes back with what was typed, to be corrected rather than typed again.
        const typed = answer.kind === 'code' ? { code: answer.code } : { id_last4: answer.idLast4, birth_date: answer.birthDate };
        if (result.outcome === 'unreadable') {
          // The part that cannot be read is the one marked, and said (both: the two together).
          const p = messages(locale).portal;
          const message = result.fields.length > 1 ? p.unreadable : result.fields[0] === 'id_last4' ? p.unreadableId : p.unreadableBirth;
          return verifyPage(reply, locale, { kind: 'wrong', message, fields: result.fields, typed }, 400);
        }
        return verifyPage(reply, locale, { kind: 'wrong', message: result.remaining === 1 ? messages(locale).portal.wrongLast : fill(messages(locale).portal.wrong, { n: result.remaining }), fields, typed }, 401);
      } catch (error) {
        if (error instanceof AppError && error.code === 'UNAUTHENTICATED') return verifyPage(reply, locale, { kind: 'none' }, 401);
        if (error instanceof AppError && error.code === 'RATE_LIMITED') return page(reply, locale, messages(locale).portal.title, `<p role="alert">${esc(messages(locale).portal.rateLimited)}</p>`, 429);
        throw error;
      }
    });

    app.post('/my/verify/code', html, async (request, reply) => {
      const locale = pickPortalLocale(request, reply);
      try {
        const { locked } = await sendPortalCode(ctx, cookieOf(request), request.ip, ctx.publicUrl ?? `${request.protocol}://${request.host}`);
        return verifyPage(reply, locale, { kind: locked ? 'locked' : 'code' });
      } catch (error) {
        if (error instanceof AppError && error.code === 'UNAUTHENTICATED') return verifyPage(reply, locale, { kind: 'none' }, 401);
        if (error instanceof AppError && error.code === 'RATE_LIMITED') return page(reply, locale, messages(locale).portal.title, `<p role="alert">${esc(messages(locale).portal.rateLimited)}</p>`, 429);
        throw error;
      }
    });

    const doneFrom = (o: Pick<PortalOverview, 'actions'>, request: FastifyRequest) => {
      const ref = (request.query as Record<string, string | undefined>).done;
      const action = ref && isReference(ref) ? o.actions.find((a) => a.reference === ref) : undefined;
      return action ? { reference: action.reference, summary: action.kind } : null;
    };
    /** The agency's contact as the debtor is shown it: the numbers, addresses and hours of their accounts' countries only (a US debtor is not given the Chinese line nor the office in China). */
    const contactOf = async (locale: PortalLocale, o: Pick<PortalOverview, 'packs'>) => {
      const [contact, home] = await Promise.all([loadPage(ctx, 'contact', contentLocale(locale)), loadPage(ctx, 'home', contentLocale(locale))]);
      const countries = new Set(o.packs.map(countryOfPack));
      // A US or UK debtor's numbers are on the English contact page, whichever language they read the portal in.
      const english = contentLocale(locale) === 'en' ? contact : await loadPage(ctx, 'contact', 'en');
      return { fields: contactFieldsFor(countries, contact?.fields ?? {}, english?.fields ?? {}, locale === 'es'), name: home?.fields.agency_name ?? messages(locale).brand };
    };

    app.get('/my', html, (request, reply) => verified(request, reply, async (debtorId, locale) => {
      const o = await portalOverview(ctx, debtorId);
      const contact = await contactOf(locale, o);
      return page(reply, locale, messages(locale).portal.title, overviewBody(locale, o, contact.fields, contact.name, doneFrom(o, request)), 200, o);
    }));

    /** A refused form's fields as the debtor sent them (every one, by name), to fill the form again; null on a page simply opened. */
    const sentFields = (request: FastifyRequest): Record<string, string> | null => {
      if (request.method !== 'POST') return null;
      const body = request.body as FormBody;
      return Object.fromEntries(Object.keys(body.fields).map((name) => [name, field(body, name)]));
    };
    const accountPage = async (reply: FastifyReply, request: FastifyRequest, debtorId: number, locale: PortalLocale, accountId: number, error: FormError | null, status = 200) => {
      const o = await portalOverview(ctx, debtorId);
      const a = o.accounts.find((x) => x.id === accountId);
      if (!a) return page(reply, locale, messages(locale).portal.notFound, `<h1>${esc(messages(locale).portal.notFound)}</h1><p><a href="/my">${esc(messages(locale).portal.back)}</a></p>`, 404, o);
      const latest = addDays(o.business_date as LocalDate, promiseMaxDays(a.terms));
      // Refused: the form that was sent comes back with what was typed in it (its name is the path's end: promise, promise/move, dispute, complaint).
      const form = /\/my\/accounts\/\d+\/(.+)$/.exec(request.url.split('?')[0]!)?.[1];
      const fields = sentFields(request);
      const typed = form !== undefined && fields !== null ? { form, fields } : null;
      return page(reply, locale, `${bankName(locale, a)} ${a.account_no_mask}`,
        accountBody(locale, a, latest, doneFrom(o, request), error, o.promises.find((x) => x.account_id === a.id) ?? null, typed,
          o.plans.find((x) => x.account_id === a.id) ?? null), status, o);
    };
    const accountIdOf = (request: FastifyRequest) => {
      const id = Number((request.params as { id: string }).id);
      return Number.isSafeInteger(id) && id > 0 ? id : -1;
    };

    app.get('/my/accounts/:id', html, (request, reply) => verified(request, reply, (debtorId, locale) =>
      accountPage(reply, request, debtorId, locale, accountIdOf(request), null)));

    /** A form post: the use case, then back to the page with the reference (PRG), or the page again with the message. */
    const act = (form: keyof typeof FORM_INPUTS, run: (debtorId: number, accountId: number, body: FormBody) => Promise<{ reference: string }>,
      again: (reply: FastifyReply, request: FastifyRequest, debtorId: number, locale: PortalLocale, accountId: number, error: FormError, status: number) => Promise<unknown>,
      back: (accountId: number, debtorId: number) => string | Promise<string>) =>
      (request: FastifyRequest, reply: FastifyReply) => verified(request, reply, async (debtorId, locale) => {
        const accountId = accountIdOf(request);
        try {
          const { reference } = await run(debtorId, accountId, request.body as FormBody);
          return reply.redirect(`${await back(accountId, debtorId)}?done=${reference}`, 303);
        } catch (error) {
          if (error instanceof AppError && ['INVALID_INPUT', 'CONFLICT'].includes(error.code)) return again(reply, request, debtorId, locale, accountId, refusal(error, locale, form), 400);
          if (error instanceof AppError && error.code === 'NOT_FOUND') return accountPage(reply, request, debtorId, locale, -1, null);
          throw error;
        }
      });

    const toAccount = (id: number) => `/my/accounts/${id}`;
    // The amount the debtor promises: asked for when left empty (not "'' is not an amount"). With no
    // amount to judge the promise by, a date left out is said too (the use case judges the rest, every problem at once).
    const promised = (body: FormBody) => {
      const text = field(body, 'amount').trim();
      const problems: Array<{ field: string } & Bilingual> = [];
      let amount = 0;
      if (text === '') problems.push({ field: 'amount', en: 'Enter the amount you will pay', zh: '请填写还款金额', es: 'Escriba el monto que pagará' });
      else {
        try {
          amount = parseYuan(text);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          problems.push({ field: 'amount', en: error.messageIn('en'), zh: error.messageIn('zh-CN'), es: error.messageIn('es') });
        }
      }
      if (problems.length === 0) return amount;
      if (!isLocalDate(field(body, 'due_date').trim())) {
        problems.push({ field: 'due_date', en: 'Choose the date you will pay by', zh: '请选择还款日期', es: 'Elija la fecha en que pagará' });
      }
      const [first, ...more] = problems;
      throw invalidInput(first!, first!.field, { more });
    };
    app.post('/my/accounts/:id/promise', html, act('promise', (debtorId, accountId, body) =>
      makePortalPromise(ctx, debtorId, accountId, { amountFen: promised(body), dueDate: field(body, 'due_date') }), accountPage, toAccount));
    app.post('/my/accounts/:id/promise/move', html, act('promise', (debtorId, accountId, body) =>
      movePortalPromise(ctx, debtorId, accountId, { amountFen: promised(body), dueDate: field(body, 'due_date') }), accountPage, toAccount));
    app.post('/my/accounts/:id/dispute', html, act('dispute', (debtorId, accountId, body) =>
      openPortalCase(ctx, debtorId, accountId, { kind: 'dispute', description: field(body, 'description'), reason: field(body, 'reason') }), accountPage, toAccount));

    // A complaint about an account paid off, settled or returned to the bank: its own page (one being collected has the form on its page).
    const closedComplaintPage = async (reply: FastifyReply, request: FastifyRequest, debtorId: number, locale: PortalLocale, accountId: number, error: FormError | null, status = 200) => {
      const o = await portalOverview(ctx, debtorId);
      const body = closedComplaintBody(locale, o, accountId, error, sentFields(request));
      if (body === null) return page(reply, locale, messages(locale).portal.notFound, `<h1>${esc(messages(locale).portal.notFound)}</h1><p><a href="/my">${esc(messages(locale).portal.back)}</a></p>`, 404, o);
      return page(reply, locale, messages(locale).portal.complaint, body, status, o);
    };
    // A refused complaint comes back on the page it was sent from: the account's own while it is being collected.
    const complaintPage = async (reply: FastifyReply, request: FastifyRequest, debtorId: number, locale: PortalLocale, accountId: number, error: FormError | null, status = 200) =>
      (await isBeingCollected(ctx, debtorId, accountId) ? accountPage : closedComplaintPage)(reply, request, debtorId, locale, accountId, error, status);
    app.get('/my/accounts/:id/complaint', html, (request, reply) => verified(request, reply, async (debtorId, locale) => {
      const accountId = accountIdOf(request);
      if (await isBeingCollected(ctx, debtorId, accountId)) return reply.redirect(`${toAccount(accountId)}#complaint`, 303);
      return closedComplaintPage(reply, request, debtorId, locale, accountId, null);
    }));
    app.post('/my/accounts/:id/complaint', html, act('complaint', (debtorId, accountId, body) =>
      openPortalCase(ctx, debtorId, accountId, { kind: 'complaint', description: field(body, 'description') }), complaintPage,
    async (accountId, debtorId) => (await isBeingCollected(ctx, debtorId, accountId) ? toAccount(accountId) : '/my')));

    const AMOUNT_FIELDS = {
      income: { en: 'Monthly income', zh: '月收入', es: 'Ingreso mensual' },
      essentials: { en: 'Monthly essential spending', zh: '每月必要支出', es: 'Gastos básicos mensuales' },
    } as const;
    const hardshipPage = async (reply: FastifyReply, request: FastifyRequest, debtorId: number, locale: PortalLocale, accountId: number, error: FormError | null, status = 200) => {
      const o = await portalOverview(ctx, debtorId);
      const a = o.accounts.find((x) => x.id === accountId);
      if (!a) return page(reply, locale, messages(locale).portal.notFound, `<h1>${esc(messages(locale).portal.notFound)}</h1>`, 404, o);
      // Refused: the form again with what was typed in it.
      const typed = sentFields(request) ?? {};
      // A file the debtor had chosen (the browser does not send it back with the form): the page asks for it again.
      if (request.method === 'POST' && (request.body as FormBody).files.some((f) => f.field === 'evidence' && f.bytes.length > 0)) typed.had_file = 'yes';
      return page(reply, locale, messages(locale).portal.hardship, hardshipBody(locale, a, hardshipQuotes(a, o.business_date), error, typed), status, o);
    };
    app.get('/my/accounts/:id/hardship', html, (request, reply) => verified(request, reply, (debtorId, locale) =>
      hardshipPage(reply, request, debtorId, locale, accountIdOf(request), null)));
    app.post('/my/accounts/:id/hardship', html, act('hardship', (debtorId, accountId, body) => {
      const file = body.files.find((f) => f.field === 'evidence');
      // The debtor's own words and amounts are checked together, so every problem with them is said at once.
      const problems: Array<{ field: string } & Bilingual> = [];
      const short = statementProblem(field(body, 'statement'));
      if (short !== null) problems.push({ field: 'statement', ...short });
      // An amount that is none says which field it is in.
      const money = (name: 'income' | 'essentials') => {
        const text = field(body, name).trim();
        if (!text) return null;
        const label = AMOUNT_FIELDS[name];
        let amount: number;
        try {
          amount = parseYuan(text);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          problems.push({ field: name, en: `${label.en}: ${error.messageIn('en')}`, zh: `${label.zh}：${error.messageIn('zh-CN')}`, es: `${label.es}: ${error.messageIn('es')}` });
          return null;
        }
        // Said in the debtor's words here, not the application's minor units (the staff API's "whole fen").
        if (amount < 0) problems.push({ field: name, en: `${label.en} cannot be less than 0`, zh: `${label.zh}不能小于 0`, es: `${label.es} no puede ser menor que 0` });
        return amount;
      };
      const monthlyIncomeFen = money('income');
      const monthlyEssentialsFen = money('essentials');
      if (file) {
        try {
          checkEvidence(file.fileName, file.bytes);
        } catch (error) {
          if (!(error instanceof AppError)) throw error;
          problems.push({ field: 'evidence', en: error.messageIn('en'), zh: error.messageIn('zh-CN'), es: error.messageIn('es') });
        }
      }
      if (problems.length > 0) {
        const [first, ...more] = problems;
        throw invalidInput(first!, first!.field, { more });
      }
      return applyForHardship(ctx, debtorId, accountId, { reason: field(body, 'reason'), statement: field(body, 'statement'),
        monthlyIncomeFen, monthlyEssentialsFen, months: Number(field(body, 'months')),
        evidence: file ? { fileName: file.fileName, bytes: file.bytes } : null });
    }, hardshipPage, toAccount));

    const preferencesPage = async (reply: FastifyReply, request: FastifyRequest, debtorId: number, locale: PortalLocale, _id: number, error: FormError | null, status = 200) => {
      const o = await portalOverview(ctx, debtorId);
      // Refused: the form with what was sent, not what is on file.
      const sent = error !== null && request.method === 'POST' ? request.body as FormBody : null;
      const typed = sent === null ? null : { fields: sentFields(request) ?? {}, optOuts: sent.fields.opt_outs ?? [], textPhones: sent.fields.text_phones ?? [] };
      return page(reply, locale, messages(locale).portal.preferences, preferencesBody(locale, o, callingWindow(o), doneFrom(o, request), error, typed), status, o);
    };
    app.get('/my/preferences', html, (request, reply) => verified(request, reply, (debtorId, locale) => preferencesPage(reply, request, debtorId, locale, 0, null)));
    app.post('/my/preferences', html, act('preferences', (debtorId, _accountId, body) => setContactPreferences(ctx, debtorId, {
      preferredFrom: field(body, 'preferred_from') || null, preferredTo: field(body, 'preferred_to') || null, optOuts: body.fields.opt_outs ?? [],
      adviserName: field(body, 'adviser_name') || null, adviserPhone: field(body, 'adviser_phone') || null, email: field(body, 'email') || null,
      ...(field(body, 'texts_offered') ? { textPhones: (body.fields.text_phones ?? []).map(Number) } : {}),
    }), preferencesPage, () => '/my/preferences'));

    app.post('/my/signout', html, async (request, reply) => {
      await signOutPortal(ctx, cookieOf(request));
      void reply.clearCookie(PORTAL_COOKIE, { path: '/my' });
      // Said so, with what to do next time: the link that opened the session is spent.
      return reply.redirect('/my?signed_out', 303);
    });

    // -----------------------------------------------------------------------------------
    // Staff side.

    app.post('/api/accounts/:id/portal-link', {
      schema: { tags: ['portal'], summary: "A single-use personal portal link for the account's debtor (14 days); with sms, queued to their own phone if the compliance engine allows it now",
        params: z.object({ id: z.coerce.number().int().positive() }), body: z.object({ sms: z.boolean().default(false) }),
        response: { 200: z.object({ url: z.string(), path: z.string(), expires_at: z.string(), sms: z.object({ outbox_id: z.number().int(), to: z.string() }).nullable(),
          decision: z.record(z.string(), z.unknown()).nullable() }), 400: errorSchema, 401: errorSchema, 403: errorSchema, 404: errorSchema, 409: errorSchema } },
    }, async (request) => {
      const base = `${request.protocol}://${request.host}`;
      const link = await issuePortalLink(ctx, actorFrom(request), request.params.id, { sms: request.body.sms, baseUrl: base });
      return { ...link, url: `${base}${link.path}`, decision: link.decision as Record<string, unknown> | null };
    });

    app.get('/api/accounts/:id/portal-actions', {
      schema: { tags: ['portal'], summary: "What the account's debtor did in the portal (reference numbers) and their contact preferences",
        params: z.object({ id: z.coerce.number().int().positive() }),
        response: { 200: z.object({ actions: z.array(z.object({ reference: z.string(), kind: z.string(), summary: z.string(), created_at: z.date(),
          detail: z.record(z.string(), z.unknown()) })),
          preferences: z.object({ preferred_from: z.string().nullable(), preferred_to: z.string().nullable(), adviser_name: z.string().nullable(),
            adviser_phone_mask: z.string().nullable(), opted_out_channels: z.array(z.string()) }) }), 401: errorSchema, 403: errorSchema, 404: errorSchema } },
    }, async (request) => portalActionsForAccount(ctx, actorFrom(request), request.params.id));
  };
}

/**
 * Where a portal page's language links go: the page itself, or, for the answer to a form, the page
 * the form is on (a form's address takes only POST: linked to, it would not be a portal page).
 */
export function languagePath(request: Pick<FastifyRequest, 'method' | 'url'>): string {
  const path = request.url.split('?')[0]!;
  if (request.method === 'GET') return path;
  return path.replace(/\/promise(\/move)?$/, '').replace(/^\/my\/verify\/code$/, '/my/verify').replace(/^\/my\/signout$/, '/my');
}
