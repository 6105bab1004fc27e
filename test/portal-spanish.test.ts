import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../src/app/context.ts';
import { buildServer } from '../src/http/server.ts';
import { LANGUAGE_ACCESS } from '../src/domain/language.ts';
import { esc } from '../src/http/site/html.ts';
import { createTestDatabase, type TestDatabase } from './support/db.ts';
import { newAccount, newCreditor, newDebtor, newTeam, newUser, testContext, usContract } from './support/fixtures.ts';
import { signInCookie } from './support/http.ts';

/**
 * The debtor portal in Spanish, on a real database through the real routes: a US debtor who reads
 * Spanish gets a link that opens it in Spanish, and sees everything there in Spanish: the check,
 * their accounts, what we may and may not do, the forms and their refusals, the time-barred
 * disclosure. English is one link away, and the help centre stays in English for them.
 * The clock is 10:00 on Monday 2026-03-02 in Shanghai.
 */
let db: TestDatabase;
let ctx: AppContext;
let app: FastifyInstance;
let collectorCookie: string;
let usAccount: number;
let cnAccount: number;
let ip = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = testContext(db.pool);
  app = await buildServer(ctx);
  const us = await newCreditor(db.pool, 'USB');
  await usContract(db.pool, us.id);
  const cn = await newCreditor(db.pool, 'CNB');
  const team = await newTeam(db.pool);
  const collector = await newUser(db.pool, 'collector', { teamId: team.id });
  const reader = await newDebtor(ctx, { idNumber: '42010219900307123X' });   // born 1990-03-07, ends 123X
  await db.pool.query(`UPDATE debtors SET preferred_language = 'es' WHERE id = $1`, [reader.id]);
  usAccount = (await newAccount(db.pool, { creditorId: us.id, debtorId: reader.id, collectorId: collector.id, teamId: team.id })).id;
  const other = await newDebtor(ctx, { idNumber: '110101198501011236', name: '李四' });
  cnAccount = (await newAccount(db.pool, { creditorId: cn.id, debtorId: other.id, collectorId: collector.id, teamId: team.id })).id;
  collectorCookie = await signInCookie(app, collector.username);
});
afterAll(async () => { await app?.close(); await db?.drop(); });

/** A browser: keeps every cookie the site sets (the portal session and the language). */
function newBrowser(headers: Record<string, string> = {}) {
  const address = `10.9.${Math.floor(++ip / 250)}.${ip % 250}`;
  const jar = new Map<string, string>();
  const send = async (method: 'GET' | 'POST', url: string, form?: Record<string, string>) => {
    const payload = form ? new URLSearchParams(form).toString() : undefined;
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await app.inject({ method, url, remoteAddress: address,
      headers: { ...headers, cookie, ...(payload ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) }, ...(payload ? { payload } : {}) });
    for (const c of res.cookies) jar.set(c.name, c.value);
    return res;
  };
  return { send, jar };
}

async function issueLink(accountId: number): Promise<string> {
  const res = await app.inject({ method: 'POST', url: `/api/accounts/${accountId}/portal-link`, headers: { cookie: collectorCookie }, payload: { sms: false } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().path as string;
}

describe('the portal for a US debtor who reads Spanish', () => {
  it('opens in Spanish from their link, and everything they see and send is in Spanish', async () => {
    const link = await issueLink(usAccount);
    expect(link).toMatch(/^\/my\/open\/[A-Za-z0-9_-]{43}\?lang=es$/);
    const browser = newBrowser();
    const asked = (await browser.send('GET', link)).body;
    expect(asked).toContain('<html lang="es">');
    expect(asked).toContain('<button type="submit" data-testid="open-link">Abrir mi cuenta</button>');
    const opened = await browser.send('POST', link);
    expect(opened.statusCode).toBe(303);
    expect(browser.jar.get('leeway_lang')).toBe('es');

    const check = (await browser.send('GET', '/my/verify')).body;
    expect(check).toContain('<html lang="es">');
    expect(check).toContain('<h1>Primero, confirme que es usted</h1>');
    expect(check).toContain('Últimos 4 dígitos de su número de Seguro Social');
    // English is one link away; Chinese is not offered to a Spanish reader.
    expect(check).toContain('<a href="/my/verify?lang=en" lang="en" hreflang="en">English</a>');
    expect(check).not.toContain('中文');

    const wrong = await browser.send('POST', '/my/verify', { id_last4: '0000', birth_date: '1990-03-07' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toMatch(/Los datos no coinciden\. Le quedan \d+ intentos\./);
    expect((await browser.send('POST', '/my/verify', { id_last4: '123X', birth_date: '1990-03-07' })).statusCode).toBe(303);

    const overview = (await browser.send('GET', '/my')).body;
    expect(overview).toContain('<h2>Sus cuentas</h2>');
    expect(overview).toContain('<dt>Total adeudado</dt><dd><strong>$10,015.00</strong></dd>');
    expect(overview).toContain('<p><strong>No podemos:</strong></p>');
    expect(overview).toContain('✗ Llamarle por una deuda más de 7 veces en 7 días.');
    expect(overview).toContain('✗ Hablar de su deuda con su familia, amigos, compañeros de trabajo o cualquier otra persona.');
    expect(overview).not.toMatch(/Call you about a debt|打电话/);

    const page = (await browser.send('GET', `/my/accounts/${usAccount}`)).body;
    expect(page).toContain('<label for="amount">Monto (dólares)</label>');
    expect(page).toContain('También puede presentar una queja ante la Oficina para la Protección Financiera del Consumidor (CFPB)');
    expect(page).toContain('<option value="not_mine">No es mi deuda</option>');
    // Hours as written in the US: on the rights list and on the preferences form.
    expect(overview).toContain('✓ Comunicarnos con usted solo entre las 8 a.m. y las 9 p.m., hora local (salvo por carta).');
    expect((await browser.send('GET', '/my/preferences')).body).toContain('Horario preferido (entre las 8 a.m. y las 9 p.m.)');

    // The forms' refusals, in Spanish.
    const badAmount = await browser.send('POST', `/my/accounts/${usAccount}/promise`, { amount: 'cien', due_date: '2026-03-10' });
    expect(badAmount.statusCode).toBe(400);
    expect(badAmount.body).toContain('<strong>⚠ Corrija lo siguiente: </strong><ul><li><a href="#amount">«cien» no es un monto; escríbalo como 1,234.56');
    expect(badAmount.body).toContain('<p class="field-error" id="amount-error">«cien» no es un monto; escríbalo como 1,234.56');
    const tooLate = await browser.send('POST', `/my/accounts/${usAccount}/promise`, { amount: '$300', due_date: '2027-03-10' });
    expect(tooLate.statusCode).toBe(400);
    expect(tooLate.body).toMatch(/Elija una fecha hasta el \d{1,2} de (marzo|abril) de 2026/);
    const past = await browser.send('POST', `/my/accounts/${usAccount}/promise`, { amount: '$300', due_date: '2026-02-10' });
    expect(past.body).toMatch(/El 10 de febrero de 2026 ya pasó: elija hoy \(\d{1,2} de marzo de 2026\) o un día posterior/);
    const short = await browser.send('POST', `/my/accounts/${usAccount}/complaint`, { description: 'mal' });
    expect(short.body).toContain('Describa el problema en al menos 10 caracteres');

    // A promise kept: the reference box and the promise, in Spanish.
    const promise = await browser.send('POST', `/my/accounts/${usAccount}/promise`, { amount: '$300', due_date: '2026-03-10' });
    expect(promise.statusCode, promise.body).toBe(303);
    const after = (await browser.send('GET', promise.headers.location as string)).body;
    expect(after).toContain('Recibido. Su número de referencia es');
    // Days as the debtor's letters write them in Spanish.
    expect(after).toContain('Usted prometió pagar $300.00 a más tardar el 10 de marzo de 2026.');
    // What they did is dated by their own calendar (21:00 on 1 March in New York, 10:00 on 2 March in Shanghai), as the form's "today" is;
    // the reference number carries the agency's day.
    expect((await browser.send('GET', '/my')).body).toMatch(/<td class="ref small">P-20260302-[0-9A-Z]{6}<\/td><td>1 de marzo de 2026<\/td>/);

    // A New York debt first delinquent in mid-2022 is past the statute of limitations: the disclosure in Spanish.
    await db.pool.query(`UPDATE accounts SET region_code = 'US-NY', first_delinquency_date = '2022-06-01' WHERE id = $1`, [usAccount]);
    const bank = (await db.pool.query(`SELECT c.name FROM creditors c JOIN accounts a ON a.creditor_id = c.id WHERE a.id = $1`, [usAccount])).rows[0].name;
    expect((await browser.send('GET', `/my/accounts/${usAccount}`)).body).toContain('<div class="card" data-testid="time-barred"><p><strong>'
      + `La ley limita el tiempo durante el cual se le puede demandar por una deuda. Debido a la antigüedad de su deuda, ${esc(bank)} no puede demandarle por ella.`);

    // English when they ask for it, and it sticks; the English page leads to Chinese and Spanish.
    const english = (await browser.send('GET', '/my?lang=en')).body;
    expect(english).toContain('<html lang="en">');
    expect(english).toContain('✗ Call you about a debt more than 7 times in 7 days.');
    expect(english).toContain('<a href="/my?lang=zh-CN" lang="zh-CN" hreflang="zh-CN">中文</a>');
    expect(english).toContain('<a href="/my?lang=es" lang="es" hreflang="es">Español</a>');
    expect((await browser.send('GET', '/my')).body).toContain('<h2>Your accounts</h2>');
    await db.pool.query(`UPDATE accounts SET region_code = '420102', first_delinquency_date = '2026-01-15' WHERE id = $1`, [usAccount]);
  });

  it("lets a New York debtor agree to texts at their own numbers, which New York City's rules ask before any text", async () => {
    // Not asked where the rule does not apply (a number left unticked would still be texted), and a form that says so anyway changes nothing.
    {
      const browser = newBrowser();
      await browser.send('POST', await issueLink(usAccount));
      await browser.send('POST', '/my/verify', { id_last4: '123X', birth_date: '1990-03-07' });
      expect((await browser.send('GET', '/my/preferences')).body).not.toContain('data-testid="text-consent"');
      const { rows: [point] } = await db.pool.query(`SELECT cp.id FROM contact_points cp JOIN accounts a ON a.debtor_id = cp.debtor_id WHERE a.id = $1 AND cp.kind = 'phone'`, [usAccount]);
      expect((await browser.send('POST', '/my/preferences', { texts_offered: '1', text_phones: String(point!.id) })).statusCode).toBe(303);
      expect((await db.pool.query(`SELECT debtor_consented FROM contact_points WHERE id = $1`, [point!.id])).rows[0].debtor_consented).toBe(false);
    }
    await db.pool.query(`UPDATE accounts SET region_code = 'US-NY' WHERE id = $1`, [usAccount]);
    const { rows: [phone] } = await db.pool.query(`SELECT cp.id FROM contact_points cp JOIN accounts a ON a.debtor_id = cp.debtor_id WHERE a.id = $1 AND cp.kind = 'phone'`, [usAccount]);
    const { rows: [strangers] } = await db.pool.query(`SELECT cp.id FROM contact_points cp JOIN accounts a ON a.debtor_id = cp.debtor_id WHERE a.id = $1 AND cp.kind = 'phone'`, [cnAccount]);
    const smsRules = async () => (await app.inject({ method: 'GET', url: `/api/accounts/${usAccount}/contact-check?channel=sms&contact_point_id=${phone!.id}`,
      headers: { cookie: collectorCookie } })).json().reasons.map((r: { rule: string }) => r.rule) as string[];
    try {
      expect(await smsRules()).toContain('US.nyc_electronic_consent');
      const browser = newBrowser();
      await browser.send('POST', await issueLink(usAccount));
      expect((await browser.send('POST', '/my/verify', { id_last4: '123X', birth_date: '1990-03-07' })).statusCode).toBe(303);
      const form = (await browser.send('GET', '/my/preferences')).body;
      expect(form).toContain('<legend><strong>Mensajes de texto</strong></legend>');
      expect(form).toMatch(new RegExp(`<input id="text_phones_${phone!.id}" type="checkbox" name="text_phones" value="${phone!.id}">138\\*{4}\\d{4}</label>`));
      // Agreed: the collector may text that number now (another debtor's number in the form changes nothing).
      const agreed = await app.inject({ method: 'POST', url: '/my/preferences', remoteAddress: '10.9.9.9',
        headers: { cookie: [...browser.jar].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/x-www-form-urlencoded' },
        payload: `texts_offered=1&text_phones=${phone!.id}&text_phones=${strangers!.id}` });
      expect(agreed.statusCode, agreed.body).toBe(303);
      expect(await smsRules()).not.toContain('US.nyc_electronic_consent');
      expect((await db.pool.query(`SELECT debtor_consented FROM contact_points WHERE id = $1`, [strangers!.id])).rows[0].debtor_consented).toBe(false);
      expect((await browser.send('GET', '/my/preferences')).body).toContain(`value="${phone!.id}" checked>`);
      // Unticked again: no more texts.
      expect((await browser.send('POST', '/my/preferences', { texts_offered: '1' })).statusCode).toBe(303);
      expect(await smsRules()).toContain('US.nyc_electronic_consent');
      const { rows: actions } = await db.pool.query(`SELECT detail FROM portal_actions WHERE kind = 'preferences' AND detail ? 'text_phones' ORDER BY id`);
      expect(actions.map((a) => [a.detail.text_phones, a.detail.text_consent_changed])).toEqual([[[phone!.id], [phone!.id]], [[], [phone!.id]]]);
    } finally {
      await db.pool.query(`UPDATE accounts SET region_code = '420102' WHERE id = $1`, [usAccount]);
    }
  });

  it('keeps the help centre in English for a Spanish reader (its pages are in Chinese and English)', async () => {
    const browser = newBrowser();
    await browser.send('GET', '/my/verify?lang=es');
    const help = (await browser.send('GET', '/help')).body;
    expect(help).toContain('<html lang="en">');
    expect(help).toContain('Help articles');
    expect(browser.jar.get('leeway_lang')).toBe('es');   // the portal is still Spanish for them
    const portal = (await browser.send('GET', '/my/verify')).body;
    expect(portal).toContain('<html lang="es">');
    // An agency with a US creditor says on its public pages which language services there are (New York City's rules).
    expect(help).toContain(`<p data-testid="language-access">${esc(LANGUAGE_ACCESS.en)}</p>`);
    expect(portal).toContain(`<p data-testid="language-access">${esc(LANGUAGE_ACCESS.es)}</p>`);
    expect((await newBrowser().send('GET', '/help/contact?lang=zh-CN')).body).toContain(`<p data-testid="language-access">${esc(LANGUAGE_ACCESS.zh)}</p>`);
  });

  it('follows a browser that asks for Spanish first, and gives other debtors a link without a language', async () => {
    const spanishBrowser = newBrowser({ 'accept-language': 'es-US,es;q=0.9,en;q=0.8' });
    expect((await spanishBrowser.send('GET', '/my/verify')).body).toContain('<html lang="es">');
    const chinese = newBrowser({ 'accept-language': 'zh-CN,zh;q=0.9' });
    const page = (await chinese.send('GET', '/my/verify')).body;
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain('>English</a>');
    expect(page).not.toContain('Español');   // from Chinese, the other language is English
    expect(await issueLink(cnAccount)).toMatch(/^\/my\/open\/[A-Za-z0-9_-]{43}$/);
  });
});
