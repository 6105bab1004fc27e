import { asksTextConsent, packOf, type PortalAccount, type PortalOverview } from '../../app/portal/overview.ts';
import type { PlanQuote } from '../../app/portal/apply-hardship.ts';
import { HARDSHIP_REASONS } from '../../app/portal/apply-hardship.ts';
import { OPT_OUT_CHANNELS, clockFor, formatClock } from '../../domain/portal/preferences.ts';
import { fieldMarks, fieldMarksAll, formProblems, type FormError } from './form-errors.ts';
import { day, esc, money } from './html.ts';
import { creditorNameFor } from '../../domain/creditor-name.ts';
import { currencyOfPack } from '../../domain/money.ts';
import { fill, messages, type PortalLocale } from './messages.ts';

type P = ReturnType<typeof messages>['portal'];

/** A text the domain gives in the portal's three languages, in the page's. */
const inLanguage = (locale: PortalLocale, text: { en: string; zh: string; es: string }): string =>
  locale === 'zh-CN' ? text.zh : locale === 'es' ? text.es : text.en;

/**
 * The identity check; `kind: 'wrong'`: the answer was refused, `fields` the inputs it is about (both
 * of the identity form's for a wrong answer, which never says which part was wrong; the code's).
 */
export function verifyBody(locale: PortalLocale, state: { message?: string; kind?: 'wrong' | 'locked' | 'code' | 'none' | 'expired' | 'signed_out'; fields?: readonly string[];
  typed?: { id_last4?: string; birth_date?: string; code?: string } }): string {
  const p = messages(locale).portal;
  if (state.kind === 'locked' || state.kind === 'none' || state.kind === 'expired' || state.kind === 'signed_out') {
    // Where to ask for a new link, right under the message that says to.
    const contact = `<p><a class="button secondary" href="/help/contact?lang=${locale}" data-testid="contact-us">${esc(messages(locale).nav.contact)}</a></p>`;
    if (state.kind === 'signed_out') return `<h1>${esc(p.signedOutTitle)}</h1><div class="ok" role="status" data-testid="signed-out">${esc(p.signedOut)}</div>${contact}`;
    return `<h1>${esc(p.verifyTitle)}</h1><div class="error" role="alert"><strong>⚠</strong> ${esc(state.kind === 'locked' ? p.locked : state.kind === 'expired' ? p.expired : p.noSession)}</div>${contact}`;
  }
  const marks = fieldMarks(state.kind === 'wrong' ? { message: state.message ?? '' } : null, state.fields ?? ['id_last4', 'birth_date']);
  const value = (name: 'id_last4' | 'birth_date' | 'code') => (state.typed?.[name] ? ` value="${esc(state.typed[name]!)}"` : '');
  const sent = state.kind === 'code' ? `<div class="notice" role="status">${esc(p.codeSent)}</div>` : '';
  const forms = `<p>${esc(p.verifyIntro)}</p>
<form class="card" method="post" action="/my/verify" data-testid="verify-form">
<label for="id_last4">${esc(p.idLast4)}</label>${marks.message('id_last4')}<input id="id_last4" name="id_last4" autocomplete="off" inputmode="text" maxlength="4" required${value('id_last4')}${marks.attrs('id_last4')}>
<label for="birth_date">${esc(p.birthDate)}</label>${marks.message('birth_date')}<input id="birth_date" name="birth_date" type="date" autocomplete="bday" min="1900-01-01" required${value('birth_date')}${marks.attrs('birth_date')}>
<button type="submit">${esc(p.verify)}</button></form>
<h2>${esc(p.orCode)}</h2>
<form class="card" method="post" action="/my/verify/code"><button type="submit" class="secondary">${esc(p.sendCode)}</button></form>
<form class="card" method="post" action="/my/verify"><label for="code">${esc(p.code)}</label>
${marks.message('code')}<input id="code" name="code" autocomplete="one-time-code" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" required${value('code')}${marks.attrs('code')}>
<button type="submit">${esc(p.verifyCode)}</button></form>`;
  // After a wrong answer, the likeliest reason a right one fails: the link was opened before (a link works once). Said to
  // every session alike, so it tells nothing about whether this one's link was real.
  const hint = state.kind === 'wrong' ? `<p class="small" data-testid="wrong-hint">${esc(p.wrongHint)}</p>` : '';
  return `${marks.summary(p.error, forms, 'verify-error')}<h1>${esc(p.verifyTitle)}</h1>${hint}${sent}${forms}`;
}

/** The bank's name as this reader reads it: its name in English for English and Spanish pages when an admin set one, else its own. */
export function bankName(locale: PortalLocale, row: { creditor_name: string; creditor_name_en: string | null }): string {
  return creditorNameFor(locale !== 'zh-CN', { name: row.creditor_name, name_en: row.creditor_name_en });
}

/** A quoted plan in a line: the monthly amount, and the last instalment's when it differs (the rounding left over), and the total. */
function planLine(p: P, schedule: { instalments: ReadonlyArray<{ amount_fen: number }>; total_fen: number }, money: (fen: number) => string): string {
  const first = schedule.instalments[0]!.amount_fen;
  const last = schedule.instalments.at(-1)!.amount_fen;
  const values = { months: schedule.instalments.length, amount: money(first), last: money(last), total: money(schedule.total_fen) };
  return fill(last === first ? p.planLine : p.planLineUneven, values);
}

/**
 * Why collection is paused, when it is (a hold that stops it, or a suspension): in words the debtor
 * may be given, never a kind's name (a note that the debtor was found vulnerable, or that their
 * capacity is in doubt, is for staff: such a kind reads as the account being under review).
 */
function holdsLine(p: P, a: PortalAccount): string {
  if (!a.collection_paused) return '';
  const words = [...new Set(a.holds.map((h) => p.holdKinds[h] ?? p.holdOther))];
  return `<p class="notice" data-testid="portal-paused"><strong>${esc(p.holds)}</strong>${(words.length ? words : [p.pausedByUs]).map(esc).join(locale_sep(p))}</p>`;
}
const locale_sep = (p: P) => (p.title === '我的账户' ? '；' : '; ');

function accountFacts(locale: PortalLocale, a: PortalAccount): string {
  const p = messages(locale).portal;
  if (a.itemization) return noticeFacts(locale, a, a.itemization);
  return `<dl class="kv"><dt>${esc(p.creditor)}</dt><dd>${esc(bankName(locale, a))}</dd><dt>${esc(p.accountNo)}</dt><dd>${esc(a.account_no_mask)}</dd>
<dt>${esc(p.principal)}</dt><dd>${money(a.principal_fen, locale, a.pack_id)}</dd><dt>${esc(p.interest)}</dt><dd>${money(a.interest_fen, locale, a.pack_id)}</dd>
<dt>${esc(p.fees)}</dt><dd>${money(a.fees_fen, locale, a.pack_id)}</dd>${a.paid_since_statement_fen !== 0
    ? `<dt>${esc(fill(p.paidSince, { on: day(a.balance_stated_on, locale, a.pack_id) }))}</dt><dd data-testid="portal-paid-since">- ${money(a.paid_since_statement_fen, locale, a.pack_id)}</dd>` : ''}
<dt>${esc(p.balance)}</dt><dd><strong>${money(a.balance_fen, locale, a.pack_id)}</strong></dd>
<dt>${esc(p.dpd)}</dt><dd>${esc(fill(p.days, { n: a.dpd }))}</dd><dt>${esc(p.status)}</dt><dd data-testid="portal-status">${esc(a.collection_paused ? p.statusNames.on_hold : p.statusNames[a.status] ?? a.status)}</dd></dl>`;
}

/**
 * A US debt as its validation notice itemized it: what was owed as of the charge-off (or the bank's
 * statement), interest, fees and payments since, to the amount the notice stated; then what was
 * paid since the notice, to the balance now. The same figures as the letter, adding up.
 */
function noticeFacts(locale: PortalLocale, a: PortalAccount, n: NonNullable<PortalAccount['itemization']>): string {
  const p = messages(locale).portal;
  const m = (fen: number) => money(fen, locale, a.pack_id);
  const paidSinceNotice = n.amount_now_fen - a.balance_fen;
  return `<dl class="kv" data-testid="portal-itemization"><dt>${esc(p.creditor)}</dt><dd>${esc(bankName(locale, a))}</dd><dt>${esc(p.accountNo)}</dt><dd>${esc(a.account_no_mask)}</dd>
<dt>${esc(fill(n.charged_off ? p.itemAsOfChargeOff : p.itemAsOf, { date: day(n.itemization_date, locale, a.pack_id) }))}</dt><dd>${m(n.itemization_fen)}</dd>
<dt>${esc(p.itemInterest)}</dt><dd>+ ${m(n.interest_fen)}</dd><dt>${esc(p.itemFees)}</dt><dd>+ ${m(n.fees_fen)}</dd>
<dt>${esc(p.itemPaid)}</dt><dd>- ${m(n.paid_fen)}</dd>${paidSinceNotice > 0
    ? `<dt>${esc(fill(p.paidSinceNotice, { on: day(n.sent_on, locale, a.pack_id) }))}</dt><dd data-testid="portal-paid-since">- ${m(paidSinceNotice)}</dd>` : ''}
<dt>${esc(p.balance)}</dt><dd><strong>${m(a.balance_fen)}</strong></dd>
<dt>${esc(p.dpd)}</dt><dd>${esc(fill(p.days, { n: a.dpd }))}</dd><dt>${esc(p.status)}</dt><dd data-testid="portal-status">${esc(a.collection_paused ? p.statusNames.on_hold : p.statusNames[a.status] ?? a.status)}</dd></dl>`;
}

/** What the debtor is told about one dispute or complaint: raised when, answer owed by, answered when. */
function caseLine(locale: PortalLocale, p: P, a: Pick<PortalAccount, 'pack_id' | 'holds' | 'creditor_name' | 'creditor_name_en'>, c: PortalAccount['cases'][number]): string {
  const lines = p.caseLines;
  const d = (date: string | null) => date === null ? '' : day(date, locale, a.pack_id);
  const values = { opened: d(c.opened_on), due: d(c.due_on), sent: d(c.verification_sent_on), resolved: d(c.resolved_on), bank: bankName(locale, a) };
  if (c.kind === 'complaint') return fill(c.status === 'open' ? lines.complaintOpen : lines.complaintClosed, values);
  if (c.status === 'open') return fill(c.due_on !== null ? lines.disputeSubstantiate : lines.disputeOpen, values);
  if (c.verification_sent_on !== null) return fill(c.substantiated_on !== null ? lines.disputeSubstantiated : lines.disputeMailed, values);
  // Verified, and still held: under a US contract the hold stays until the verification is mailed (12 CFR 1006.38(d)(2)).
  return fill(a.holds.includes('dispute') ? lines.disputeMailing : lines.disputeVerified, values);
}

function casesCard(locale: PortalLocale, p: P, a: PortalAccount): string {
  if (a.cases.length === 0) return '';
  const answered = a.cases.some((c) => c.kind === 'dispute' && c.status === 'verified');
  return `<h2 id="cases">${esc(p.cases)}</h2><div class="card" data-testid="portal-cases"><ul class="plain">${a.cases.map((c) =>
    `<li data-testid="portal-case">${esc(caseLine(locale, p, a, c))}</li>`).join('')}</ul>${answered ? `<p class="small">${esc(p.stillDisagree)}</p>` : ''}</div>`;
}

/** The account's latest payments on record: the debtor can see the bank's file and the agency have their money. */
function paymentsCard(locale: PortalLocale, p: P, a: PortalAccount): string {
  if (a.payments.length === 0) return '';
  return `<h2 id="payments">${esc(p.paymentsTitle)}</h2><div class="card" data-testid="portal-payments"><ul class="plain">${a.payments.map((x) =>
    `<li data-testid="portal-payment">${esc(day(x.paid_on, locale, a.pack_id))} · ${x.amount_fen < 0 ? '- ' : ''}${money(Math.abs(x.amount_fen), locale, a.pack_id)}${x.reversal ? ` (${esc(p.reversed)})` : ''}</li>`).join('')}</ul>
<p class="small">${esc(p.paymentsNote)}</p></div>`;
}

/** Accounts paid off lately: the debtor sees that nothing more is owed on them. */
function finishedCard(locale: PortalLocale, p: P, o: Pick<PortalOverview, 'finished' | 'pack_id'>): string {
  if (o.finished.length === 0) return '';
  return `<h2 id="finished">${esc(p.finishedTitle)}</h2><div class="card" data-testid="portal-finished"><ul class="plain">${o.finished.map((f) =>
    `<li data-testid="portal-finished-account">✓ ${esc(finishedLine(locale, p, o, f))}${closedCases(locale, p, f)}</li>`).join('')}</ul></div>`;
}

function finishedLine(locale: PortalLocale, p: P, o: Pick<PortalOverview, 'pack_id'>, f: PortalOverview['finished'][number]): string {
  return fill(p.finishedLines[f.status], { bank: bankName(locale, f), account: f.account_no_mask,
    last: f.last_paid_on === null ? '' : fill(p.finishedLines.last, { date: day(f.last_paid_on, locale, pagePack(o)) }) });
}

function returnedLine(locale: PortalLocale, p: P, o: Pick<PortalOverview, 'pack_id'>, r: PortalOverview['returned'][number]): string {
  return fill(p.returnedLine, { bank: bankName(locale, r), account: r.account_no_mask, date: day(r.recalled_on, locale, pagePack(o)) });
}

/** A finished or returned account as its complaints' lines read it: no hold of it is shown (nothing is collected on it). */
const closedAccount = (a: PortalOverview['finished' | 'returned'][number]) => ({ ...a, pack_id: packOf(a), holds: [] as string[] });

/** Under a finished or returned account's line: its complaints, and the way to make one (how it was handled stays open to complaint). */
function closedCases(locale: PortalLocale, p: P, a: PortalOverview['finished' | 'returned'][number]): string {
  const lines = a.cases.map((c) => `<br><span class="small" data-testid="portal-case">${esc(caseLine(locale, p, closedAccount(a), c))}</span>`).join('');
  return `${lines}<br><a href="/my/accounts/${a.id}/complaint" data-testid="complain-closed">${esc(p.complainClosed)}<span class="sr"> ${esc(a.account_no_mask)}</span></a>`;
}

/**
 * The complaint form of an account finished or returned to the bank (an account being collected
 * has its form on its own page); null when the account is neither of the debtor's. `typed`: what
 * was sent when it was refused; `error`: why, marked on its input.
 */
export function closedComplaintBody(locale: PortalLocale, o: PortalOverview, accountId: number, error: FormError | null, typed: Record<string, string> | null): string | null {
  const p = messages(locale).portal;
  const finished = o.finished.find((f) => f.id === accountId);
  const returned = o.returned.find((r) => r.id === accountId);
  const a = finished ?? returned;
  if (a === undefined) return null;
  const line = finished !== undefined ? finishedLine(locale, p, o, finished) : returnedLine(locale, p, o, returned!);
  const marks = fieldMarks(error, error === null || error.field === null ? [] : ['complaint_text']);
  const cases = a.cases.length === 0 ? '' : `<h2 id="cases">${esc(p.cases)}</h2><div class="card" data-testid="portal-cases"><ul class="plain">${a.cases.map((c) =>
    `<li data-testid="portal-case">${esc(caseLine(locale, p, closedAccount(a), c))}</li>`).join('')}</ul></div>`;
  const page = `<p><a href="/my">← ${esc(p.back)}</a></p><h1>${esc(bankName(locale, a))} ${esc(a.account_no_mask)}</h1>
<div class="card"><p>${esc(line)}</p></div>${cases}
<h2 id="complaint">${esc(p.complaint)}</h2><form class="card" method="post" action="/my/accounts/${a.id}/complaint" aria-labelledby="complaint"><p>${esc(p.complaintClosedIntro)}</p>
<p data-testid="complaint-elsewhere">${esc(p.complaintElsewhere[packOf(a)] ?? p.complaintElsewhere.CN!)}</p>
<label for="complaint_text">${esc(p.describe)}</label>${marks.message('complaint_text')}<textarea id="complaint_text" name="description" required minlength="10" maxlength="4000"${marks.attrs('complaint_text')}>${esc(typed?.description ?? '')}</textarea>
<button type="submit">${esc(p.submitComplaint)}</button></form>`;
  return `${marks.summary(p.error, page)}${page}`;
}

/** Accounts given back to the bank lately: the agency no longer handles them, and the debtor is told to ask the bank. */
function returnedCard(locale: PortalLocale, p: P, o: Pick<PortalOverview, 'returned' | 'pack_id'>): string {
  if (o.returned.length === 0) return '';
  return `<h2 id="returned">${esc(p.returnedTitle)}</h2><div class="card" data-testid="portal-returned"><ul class="plain">${o.returned.map((r) =>
    `<li data-testid="portal-returned-account">${esc(returnedLine(locale, p, o, r))}${closedCases(locale, p, r)}</li>`).join('')}</ul></div>`;
}

type PortalPlan = PortalOverview['plans'][number];

/** The contract whose way of writing days a line not of one account follows: the first account's (as the rights list), else none. */
const pagePack = (o: Pick<PortalOverview, 'pack_id'>): string => o.pack_id;

/** An instalment plan in a line: its total and count, and the next instalment still owed with its date (or that every one is paid). */
function planText(locale: PortalLocale, x: PortalPlan, pack: string | null): string {
  const p = messages(locale).portal;
  const facts = { total: money(x.total_fen, locale, pack), n: String(x.instalments) };
  return x.next_due_date === null || x.next_due_fen === null ? fill(p.planNowDone, facts)
    : fill(p.planNow, { ...facts, next: money(x.next_due_fen, locale, pack), date: day(x.next_due_date, locale, pack) });
}

export function overviewBody(locale: PortalLocale, o: PortalOverview, contact: Record<string, string>, agencyName: string, done: { reference: string; summary: string } | null): string {
  const p = messages(locale).portal;
  const c = messages(locale).contact;
  const accountOf = (id: number) => o.accounts.find((a) => a.id === id);
  const promises = o.promises.length ? `<ul class="plain">${o.promises.map((x) => {
    const a = accountOf(x.account_id);
    return `<li>${esc(a?.account_no_mask)}: ${money(x.amount_fen, locale, a?.pack_id)} · ${esc(p.due)} ${esc(day(x.due_date, locale, a?.pack_id))}</li>`;
  }).join('')}</ul>` : `<p class="muted">${esc(p.none)}</p>`;
  const plans = o.plans.length ? `<ul class="plain">${o.plans.map((x) => {
    const a = accountOf(x.account_id);
    return `<li data-testid="portal-plan">${esc(a?.account_no_mask)}${locale === 'zh-CN' ? '：' : ': '}${esc(planText(locale, x, a?.pack_id ?? null))}</li>`;
  }).join('')}</ul>` : `<p class="muted">${esc(p.nonePlans)}</p>`;
  return `${doneBox(locale, done)}<h1>${esc(p.title)}</h1>
<h2>${esc(p.accounts)}</h2>${o.accounts.map((a) => `<section class="card" aria-label="${esc(a.account_no_mask)}" data-testid="portal-account">${accountFacts(locale, a)}${holdsLine(p, a)}
<a class="button" href="/my/accounts/${a.id}">${esc(p.details)}<span class="sr"> ${esc(a.account_no_mask)}</span></a></section>`).join('') || `<p>${esc(p.none)}</p>`}
${finishedCard(locale, p, o)}${returnedCard(locale, p, o)}
<h2>${esc(p.promises)}</h2>${promises}<h2>${esc(p.plans)}</h2>${plans}
<h2>${esc(p.agency)}</h2><div class="card"><p><strong>${esc(agencyName)}</strong></p><dl class="kv">
${([['phone', c.phone], ['phone_us', c.phoneUs], ['phone_uk', c.phoneUk]] as const).map(([k, label]) => {
    const n = contact[k];
    return n ? `<dt>${esc(label)}</dt><dd><a href="tel:${esc(n.replace(/[^\d+]/g, ''))}" data-testid="agency-${k}">${esc(n)}</a></dd>` : '';
  }).join('')}
${([['hours', c.hours], ['hours_us', c.hoursUs], ['hours_uk', c.hoursUk], ['address', c.address], ['address_us', c.addressUs], ['address_uk', c.addressUk]] as const)
    .map(([k, label]) => (contact[k] ? `<dt>${esc(label)}</dt><dd data-testid="agency-${k}">${esc(contact[k])}</dd>` : '')).join('')}
${contact.complaint_phone ? `<dt>${esc(c.complaintPhone)}</dt><dd>${esc(contact.complaint_phone)}</dd>` : ''}</dl></div>
<h2>${esc(p.rights)}</h2><div class="card"><p><strong>${esc(p.may)}</strong></p><ul class="marks">${o.rights.filter((r) => r.may).map((r) => `<li>✓ ${esc(inLanguage(locale, r))}</li>`).join('')}</ul>
<p><strong>${esc(p.mayNot)}</strong></p><ul class="marks">${o.rights.filter((r) => !r.may).map((r) => `<li>✗ ${esc(inLanguage(locale, r))}</li>`).join('')}</ul></div>
<p><a class="button secondary" href="/my/preferences">${esc(p.preferences)}</a></p>
${activity(locale, o)}
<form method="post" action="/my/signout"><button type="submit" class="secondary">${esc(p.signOut)}</button></form>`;
}

function activity(locale: PortalLocale, o: Pick<PortalOverview, 'actions' | 'accounts' | 'pack_id'>): string {
  const p = messages(locale).portal;
  if (!o.actions.length) return '';
  return `<h2>${esc(p.activity)}</h2><table><thead><tr><th scope="col">${esc(p.reference)}</th><th scope="col">${esc(p.date)}</th><th scope="col">${esc(p.what)}</th></tr></thead><tbody>
${o.actions.map((a) => `<tr><td class="ref small">${esc(a.reference)}</td><td>${esc(day(a.created_on, locale, pagePack(o)))}</td><td>${esc(kindName(p, a.kind))}</td></tr>`).join('')}</tbody></table>`;
}

function kindName(p: P, kind: string): string {
  return (p.did as Record<string, string>)[kind] ?? kind;
}

export function doneBox(locale: PortalLocale, done: { reference: string; summary: string } | null): string {
  const p = messages(locale).portal;
  return done ? `<div class="ok" role="status" data-testid="reference-box"><p>✓ ${esc(p.yourReference)} <span class="ref" data-testid="reference">${esc(done.reference)}</span></p><p class="small">${esc(kindName(p, done.summary))}${locale === 'zh-CN' ? '。' : '. '}${esc(p.keepRef)}</p></div>` : '';
}

/** The account page's forms (by the end of their path) and their inputs' ids by name: the dispute's and the complaint's `description` are two inputs. */
const ACCOUNT_INPUTS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  promise: { amount: 'amount', due_date: 'due_date' }, 'promise/move': { amount: 'amount', due_date: 'due_date' },
  dispute: { reason: 'dispute_reason', description: 'dispute_text' }, complaint: { description: 'complaint_text' },
};

/**
 * The debtor's account page; `typed`: what the debtor sent in the form that was refused (its name,
 * and its fields), so nothing they wrote is lost; `error`: why it was refused, marked on its input;
 * `plan`: the instalment plan it is repaid on, whose next instalment the page names.
 */
export function accountBody(locale: PortalLocale, a: PortalAccount, latestPromiseDate: string, done: { reference: string; summary: string } | null, error: FormError | null,
  openPromise: { amount_fen: number; due_date: string } | null = null, typed: { form: string; fields: Record<string, string> } | null = null,
  plan: PortalPlan | null = null): string {
  const p = messages(locale).portal;
  const kept = (form: string, name: string) => esc(typed?.form === form ? typed.fields[name] ?? '' : '');
  // Every problem found at once (a promise's amount and date), each on its input, in the form's order.
  const inputs = typed === null ? {} : ACCOUNT_INPUTS[typed.form] ?? {};
  const marks = fieldMarksAll(formProblems(error, Object.keys(inputs), (field) => [inputs[field]!]));
  const amountAndDate = (form: string) => `<label for="amount">${esc(fill(p.amountYuan, { unit: p.units[currencyOfPack(a.pack_id)] }))}</label>${marks.message('amount')}<input id="amount" name="amount" inputmode="decimal" required value="${kept(form, 'amount')}"${marks.attrs('amount')}>
<label for="due_date">${esc(p.date)}</label>${marks.message('due_date')}<input id="due_date" name="due_date" type="date" max="${esc(latestPromiseDate)}" required value="${kept(form, 'due_date')}"${marks.attrs('due_date')}>`;
  // Paused by a hold: no promise is taken (it would end at once; refuseUnlessCollecting reads the same holds); with a promise open, the form moves it (改约).
  const paused = a.holds.length > 0;
  // New York's notice on a debt that may be time-barred, where the debtor promises a payment (23 NYCRR 1.3(b)).
  const notice = a.time_bar_notice && !paused ? `<div class="notice" data-testid="time-bar-notice"><p>${esc(inLanguage(locale, a.time_bar_notice))}</p></div>` : '';
  // On a plan the bank approved, its instalments are the arrangement: no promise beside them, no second application.
  const onPlan = a.status === 'in_plan';
  const promiseForm = onPlan
    ? `<h2 id="promise">${esc(p.promise)}</h2><div class="card" data-testid="promise-on-plan">${plan === null ? ''
      : `<p data-testid="account-plan"><strong>${esc(planText(locale, plan, a.pack_id))}</strong></p>`}<p>${esc(p.onPlan)}</p></div>`
    : paused
    ? `<h2 id="promise">${esc(p.promise)}</h2><div class="card" data-testid="promise-paused"><p>${esc(p.promisePaused)}</p></div>`
    : openPromise
    ? `<h2 id="promise">${esc(p.movePromise)}</h2>${notice}<form class="card" method="post" action="/my/accounts/${a.id}/promise/move" aria-labelledby="promise" data-testid="move-promise">
<p data-testid="open-promise"><strong>${esc(fill(p.yourPromise, { amount: money(openPromise.amount_fen, locale, a.pack_id), date: day(openPromise.due_date, locale, a.pack_id) }))}</strong></p>
<p>${esc(fill(p.moveIntro, { date: day(latestPromiseDate, locale, a.pack_id) }))}</p>
${amountAndDate('promise/move')}
<button type="submit">${esc(p.submitMove)}</button></form>`
    : `<h2 id="promise">${esc(p.promise)}</h2>${notice}<form class="card" method="post" action="/my/accounts/${a.id}/promise" aria-labelledby="promise">
<p>${esc(fill(p.promiseIntro, { date: day(latestPromiseDate, locale, a.pack_id) }))}</p>
${amountAndDate('promise')}
<button type="submit">${esc(p.submitPromise)}</button></form>`;
  // 还款方式: the creditor's own channels, as the agency's admin wrote them (in Chinese and English: a Spanish page
  // shows the English, whose addresses and numbers are what the debtor needs; English falls back to Chinese), or the general advice.
  const channels = (locale === 'zh-CN' ? a.repayment_zh : a.repayment_en ?? a.repayment_zh) ?? fill(p.payOfficial, { bank: bankName(locale, a) });
  const page = `<p><a href="/my">← ${esc(p.back)}</a></p><h1>${esc(bankName(locale, a))} ${esc(a.account_no_mask)}</h1>
<div class="card">${accountFacts(locale, a)}${holdsLine(p, a)}</div>
${a.time_barred ? `<div class="card" data-testid="time-barred"><p><strong>${esc(inLanguage(locale, a.time_barred))}</strong></p></div>` : ''}
${casesCard(locale, p, a)}
${paymentsCard(locale, p, a)}
<h2 id="pay">${esc(p.howToPay)}</h2><div class="card" data-testid="how-to-pay">${channels.split(/\n+/).map((line) => `<p>${esc(line)}</p>`).join('')}<p><strong>${esc(p.payWarning)}</strong></p></div>
${promiseForm}
<h2 id="hardship">${esc(p.hardship)}</h2>${hardshipAnswer(locale, p, a)}${onPlan
    ? `<div class="card" data-testid="hardship-on-plan"><p>${esc(p.onPlan)}</p></div>`
    : hardshipPending(a)
    ? `<div class="card" data-testid="hardship-pending"><p>${esc(p.hardshipPending)}</p></div>`
    : `<div class="card"><p>${esc(p.hardshipIntro)}</p><a class="button" href="/my/accounts/${a.id}/hardship">${esc(p.hardship)}</a></div>`}
<h2 id="dispute">${esc(p.dispute)}</h2>${a.cases.some((c) => c.kind === 'dispute' && c.status === 'open')
    // One dispute of a debt is open at a time (a second is refused): the page says where the first stands instead.
    ? `<div class="card" data-testid="dispute-open"><p>${esc(p.disputeAlreadyOpen)}</p></div>`
    : `<form class="card" method="post" action="/my/accounts/${a.id}/dispute" aria-labelledby="dispute"><p>${esc(p.disputeIntro)}</p>
<label for="dispute_reason">${esc(p.reason)}</label>${marks.message('dispute_reason')}<select id="dispute_reason" name="reason" required${marks.attrs('dispute_reason')}>${(['wrong_amount', 'not_mine', 'already_paid'] as const).map((r) => `<option value="${r}"${typed?.form === 'dispute' && typed.fields.reason === r ? ' selected' : ''}>${esc(p.disputeReasons[r])}</option>`).join('')}</select>
<label for="dispute_text">${esc(p.describe)}</label>${marks.message('dispute_text')}<textarea id="dispute_text" name="description" required minlength="10" maxlength="4000"${marks.attrs('dispute_text')}>${kept('dispute', 'description')}</textarea>
<button type="submit">${esc(p.submitDispute)}</button></form>`}
<h2 id="complaint">${esc(p.complaint)}</h2><form class="card" method="post" action="/my/accounts/${a.id}/complaint" aria-labelledby="complaint"><p>${esc(p.complaintIntro)}</p>
<p data-testid="complaint-elsewhere">${esc(p.complaintElsewhere[a.pack_id] ?? p.complaintElsewhere.CN!)}</p>
<label for="complaint_text">${esc(p.describe)}</label>${marks.message('complaint_text')}<textarea id="complaint_text" name="description" required minlength="10" maxlength="4000"${marks.attrs('complaint_text')}>${kept('complaint', 'description')}</textarea>
<button type="submit">${esc(p.submitComplaint)}</button></form>`;
  return `${doneBox(locale, done)}${marks.summary(p.error, page)}${page}`;
}

/** An application of the debtor's on the account waits for the bank (its hold is on): no second one is offered. */
const hardshipPending = (a: PortalAccount) => a.holds.includes('hardship_review');

/** The bank's word on the debtor's application: its question while open, or its refusal or the lapse. */
function hardshipAnswer(locale: PortalLocale, p: P, a: PortalAccount): string {
  const h = a.hardship_answer;
  if (h === null) return '';
  const decided = h.decided_on === null ? '' : day(h.decided_on, locale, a.pack_id);
  // Collection resumes only where nothing else holds it (a dispute or a complaint raised meanwhile).
  const collection = a.holds.length === 0 ? p.collectionResumed : p.collectionStillPaused;
  const text = h.status === 'info_requested' ? fill(p.hardshipAsked, { question: h.info_request ?? '' })
    : h.status === 'rejected' ? fill(p.hardshipRejected, { date: decided, note: h.decision_note ?? '', collection })
    : fill(p.hardshipExpired, { date: decided, collection });
  return `<div class="card" data-testid="hardship-answer" data-status="${esc(h.status)}"><p>${esc(text)}</p></div>`;
}

/**
 * The hardship application form; `typed`: what the debtor sent when it was refused (a file must be
 * chosen again, browsers allow no other way), so nothing they wrote is lost; `error`: why, marked on its input.
 */
export function hardshipBody(locale: PortalLocale, a: PortalAccount, quotes: PlanQuote[], error: FormError | null, typed: Record<string, string> = {}): string {
  const p = messages(locale).portal;
  // The plan choice is a group of radios: a refusal of it marks each, the message after the group's legend.
  const monthIds = quotes.map((q) => `months_${q.months}`);
  // Every problem found at once, in the page's order, each on its input.
  const marks = fieldMarksAll(formProblems(error, ['reason', 'statement', 'income', 'essentials', 'evidence', 'months'], (field) => (field === 'months' ? monthIds : undefined)));
  const head = `<p><a href="/my/accounts/${a.id}">← ${esc(a.account_no_mask)}</a></p><h1>${esc(p.hardship)}</h1>`;
  if (hardshipPending(a)) return `${marks.summary(p.error, '')}${head}<div class="card" data-testid="hardship-pending"><p>${esc(p.hardshipPending)}</p></div>`;
  if (a.status === 'in_plan') return `${marks.summary(p.error, '')}${head}<div class="card" data-testid="hardship-on-plan"><p>${esc(p.onPlan)}</p></div>`;
  // A file chosen before a refusal is not sent back by the browser: said, so the application does not go without it.
  const refileEvidence = error !== null && typed.had_file === 'yes' ? `<p class="small" id="evidence_again" data-testid="evidence-again">${esc(p.evidenceAgain)}</p>` : '';
  const months = quotes.some((q) => String(q.months) === typed.months) ? typed.months : String((quotes[1] ?? quotes[0])?.months);
  const form = `<form class="card" method="post" action="/my/accounts/${a.id}/hardship" enctype="multipart/form-data" data-testid="hardship-form">
<label for="reason">${esc(p.reason)}</label>${marks.message('reason')}<select id="reason" name="reason" required${marks.attrs('reason')}>${HARDSHIP_REASONS.map((r) => `<option value="${r}"${typed.reason === r ? ' selected' : ''}>${esc(p.reasons[r])}</option>`).join('')}</select>
<label for="statement">${esc(p.statement)}</label>${marks.message('statement')}<textarea id="statement" name="statement" required minlength="10" maxlength="4000"${marks.attrs('statement')}>${esc(typed.statement ?? '')}</textarea>
<label for="income">${esc(fill(p.income, { unit: p.units[currencyOfPack(a.pack_id)] }))}</label>${marks.message('income')}<input id="income" name="income" inputmode="decimal" value="${esc(typed.income ?? '')}"${marks.attrs('income')}>
<label for="essentials">${esc(fill(p.essentials, { unit: p.units[currencyOfPack(a.pack_id)] }))}</label>${marks.message('essentials')}<input id="essentials" name="essentials" inputmode="decimal" value="${esc(typed.essentials ?? '')}"${marks.attrs('essentials')}>
<label for="evidence">${esc(p.evidence)}</label>${marks.message('evidence')}${refileEvidence}<input id="evidence" name="evidence" type="file" accept="application/pdf,image/jpeg,image/png"${marks.attrs('evidence', refileEvidence ? 'evidence_again' : undefined)}>
<fieldset><legend><strong>${esc(p.choosePlan)}</strong></legend>${monthIds[0] === undefined ? '' : marks.message(monthIds[0])}${quotes.map((q, i) => `<label class="check"><input type="radio" id="${monthIds[i]}" name="months" value="${q.months}"${String(q.months) === months ? ' checked' : ''}${marks.attrs(monthIds[i]!)}>
${esc(planLine(p, q.schedule, (fen) => money(fen, locale, a.pack_id)))}${locale === 'zh-CN' ? '，' : ', '}${esc(fill(p.firstDue, { date: day(q.schedule.instalments[0]!.due_date, locale, a.pack_id) }))}</label>`).join('')}</fieldset>
<button type="submit">${esc(p.submitHardship)}</button></form>`;
  const page = `${head}<p>${esc(p.hardshipIntro)}</p>\n${form}`;
  return `${marks.summary(p.error, page)}${page}`;
}

/**
 * The contact preferences page; `typed`: what the debtor sent when it was refused (the fields, and
 * the boxes ticked), shown again instead of what is on file, so nothing they entered is lost.
 */
export function preferencesBody(locale: PortalLocale, o: PortalOverview, window: { start: number; end: number }, done: { reference: string; summary: string } | null,
  error: FormError | null, typed: { fields: Record<string, string>; optOuts: readonly string[]; textPhones: readonly string[] } | null = null): string {
  const p = messages(locale).portal;
  const onFile = o.preferences;
  // The legal hours as the reader writes them (8 a.m. for a US debtor in English or Spanish); the time fields keep 08:00.
  const clock = clockFor(pagePack(o), locale === 'zh-CN');
  // The boxes of a group (opt_outs, text_phones) are marked together, the message after the group's legend.
  const groups: Record<string, string[]> = { opt_outs: OPT_OUT_CHANNELS.map((c) => `opt_outs_${c}`), text_phones: onFile.phones.map((x) => `text_phones_${x.id}`) };
  // Every problem found at once, each on its input (or group), in the form's order.
  const marks = fieldMarksAll(formProblems(error, ['preferred_from', 'preferred_to', 'opt_outs', 'adviser_name', 'adviser_phone', 'email', 'text_phones'], (field) => groups[field]));
  const first = (group: string) => marks.message(groups[group]![0] ?? '');
  const pref = typed === null ? onFile : {
    ...onFile, preferred_from: typed.fields.preferred_from || null, preferred_to: typed.fields.preferred_to || null, opted_out_channels: [...typed.optOuts],
    adviser_name: typed.fields.adviser_name || null, phones: onFile.phones.map((x) => ({ ...x, consented: typed.textPhones.includes(String(x.id)) })),
  };
  const typedValue = (name: string) => esc(typed?.fields[name] ?? '');
  // Under New York City's rules the debtor says which of their numbers may be texted (none is without it).
  const texts = asksTextConsent(o) && pref.phones.length
    ? `<fieldset data-testid="text-consent"><legend><strong>${esc(p.texts)}</strong></legend><input type="hidden" name="texts_offered" value="1"><p class="small">${esc(p.textsHint)}</p>
${first('text_phones')}${pref.phones.map((x) => `<label class="check"><input id="text_phones_${x.id}" type="checkbox" name="text_phones" value="${x.id}"${x.consented ? ' checked' : ''}${marks.attrs(`text_phones_${x.id}`)}>${esc(x.mask)}</label>`).join('')}</fieldset>`
    : '';
  const page = `<p><a href="/my">← ${esc(p.back)}</a></p><h1>${esc(p.preferences)}</h1><p>${esc(p.preferencesIntro)}</p>
<form class="card" method="post" action="/my/preferences"><fieldset><legend><strong>${esc(fill(p.preferredHours, { from: clock(window.start), to: clock(window.end) }))}</strong></legend>
<label for="preferred_from">${esc(p.from)}</label>${marks.message('preferred_from')}<input id="preferred_from" name="preferred_from" type="time" min="${formatClock(window.start)}" max="${formatClock(window.end)}" value="${esc(pref.preferred_from ?? '')}"${marks.attrs('preferred_from')}>
<label for="preferred_to">${esc(p.to)}</label>${marks.message('preferred_to')}<input id="preferred_to" name="preferred_to" type="time" min="${formatClock(window.start)}" max="${formatClock(window.end)}" value="${esc(pref.preferred_to ?? '')}"${marks.attrs('preferred_to')}></fieldset>
<fieldset><legend><strong>${esc(p.optOuts)}</strong></legend>${first('opt_outs')}${OPT_OUT_CHANNELS.map((c) => `<label class="check"><input id="opt_outs_${c}" type="checkbox" name="opt_outs" value="${c}"${pref.opted_out_channels.includes(c) ? ' checked' : ''}${marks.attrs(`opt_outs_${c}`)}>${esc(p.channels[c])}</label>`).join('')}</fieldset>
<fieldset><legend><strong>${esc(p.adviser)}</strong></legend><p class="small">${esc(p.adviserIntro)}</p>${pref.adviser_name ? `<p class="small">${esc(pref.adviser_name)} ${esc(pref.adviser_phone_mask)}</p>` : ''}
<label for="adviser_name">${esc(p.adviserName)}</label>${marks.message('adviser_name')}<input id="adviser_name" name="adviser_name" maxlength="100" value="${esc(pref.adviser_name ?? '')}"${marks.attrs('adviser_name')}>
<label for="adviser_phone">${esc(p.adviserPhone)}</label>${marks.message('adviser_phone')}<input id="adviser_phone" name="adviser_phone" type="tel" maxlength="24" value="${typedValue('adviser_phone')}"${marks.attrs('adviser_phone')}></fieldset>
<fieldset><legend><strong>${esc(p.emailTitle)}</strong></legend>${pref.emails.length ? `<p class="small" data-testid="emails-on-file">${esc(p.emailsOnFile)} ${pref.emails.map(esc).join(', ')}</p>` : ''}
<label for="email">${esc(p.email)}</label>${marks.message('email')}<input id="email" name="email" type="email" maxlength="254" autocomplete="email" value="${typedValue('email')}"${marks.attrs('email', 'email_hint')}><p class="small" id="email_hint">${esc(p.emailHint)}</p></fieldset>
${texts}<button type="submit">${esc(p.save)}</button></form>`;
  return `${doneBox(locale, done)}${marks.summary(p.error, page)}${page}`;
}
