import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { AppContext } from '../app/context.ts';
import { channelFromEnv, type ChannelAdapter } from '../channels/index.ts';
import { dialerFromEnv, type Dialer } from '../channels/dialer.ts';
import { registerAuthHook } from './auth-hook.ts';
import { refuseNulText } from './nul-text.ts';
import { errorHandler } from './errors.ts';
import { accountRoutes } from './routes/accounts.ts';
import { assignmentRoutes } from './routes/assignment.ts';
import { auditRoutes } from './routes/audit.ts';
import { complianceRoutes } from './routes/compliance.ts';
import { authRoutes } from './routes/auth.ts';
import { creditorRoutes } from './routes/creditors.ts';
import { placementRoutes } from './routes/placements.ts';
import { licenceRoutes } from './routes/licences.ts';
import { complianceReviewRoutes } from './routes/compliance-review.ts';
import { userRoutes } from './routes/users.ts';
import { importRoutes } from './routes/imports.ts';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered, with its access level: the authorization matrix test walks it. */
    routeList: Array<{ method: string; url: string; access: 'public' | 'signed_in'; hidden: boolean }>;
  }
}

export interface ServerOptions {
  /** pino logger options, or false for none (tests). */
  logger?: boolean | Record<string, unknown>;
  webDir?: string;
  version?: string;
  /** How messages leave (default: from the environment, local unless LEEWAY_SMS_WEBHOOK_URL is set). */
  channel?: ChannelAdapter;
  /** Where click-to-call places calls (default: LEEWAY_VOICE_WEBHOOK_URL; unset, none: collectors dial by hand). */
  dialer?: Dialer | null;
  /** The token the telephony gateway posts call events with (default: LEEWAY_VOICE_INBOUND_TOKEN; unset, the door is closed). */
  voiceEventToken?: string;
  /** The token the SMS gateway posts replies with (default: LEEWAY_SMS_INBOUND_TOKEN; unset, the door is closed). */
  smsInboundToken?: string;
  /** The token the mail provider (or a relay) posts bounces and complaints with (default: LEEWAY_EMAIL_INBOUND_TOKEN; unset, closed). */
  emailInboundToken?: string;
}

export async function buildServer(ctx: AppContext, options: ServerOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === undefined ? false : options.logger === true
      ? { redact: ['req.headers.cookie', 'res.headers["set-cookie"]'] } : options.logger,
    trustProxy: false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  refuseNulText(app);
  const routeList: FastifyInstance['routeList'] = [];
  app.decorate('routeList', routeList);
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      routeList.push({ method, url: route.url, access: route.config?.access ?? 'signed_in', hidden: Boolean(route.schema?.hide) });
    }
  });

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Leeway API', version: options.version ?? '0.1.0',
        description: 'Collections platform API. Amounts are integer fen (分); dates are YYYY-MM-DD business dates.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'leeway_session' } } },
      security: [{ session: [] }],
    },
    transform: jsonSchemaTransform,
  });
  registerAuthHook(app, ctx);
  registerMetrics(app, ctx);

  app.get('/healthz', { config: { access: 'public' }, schema: { hide: true } }, async () => {
    await ctx.pool.query('SELECT 1');
    return { status: 'ok' };
  });
  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());

  await app.register(authRoutes(ctx));
  await app.register(accountRoutes(ctx));
  await app.register(creditorRoutes(ctx));
  await app.register(placementRoutes(ctx));
  await app.register(licenceRoutes(ctx));
  await app.register(complianceReviewRoutes(ctx));
  await app.register(userRoutes(ctx));
  await app.register(importRoutes(ctx));
  await app.register(auditRoutes(ctx));
  const dialer = options.dialer === undefined ? dialerFromEnv() : options.dialer;
  await app.register(complianceRoutes(ctx, { callCentre: dialer !== null }));
  await app.register(assignmentRoutes(ctx));
  await app.register((await import('./routes/workstation.ts')).workstationRoutes(ctx, { dialer: dialer !== null }));
  await app.register((await import('./routes/calls.ts')).callRoutes(ctx, dialer,
    options.voiceEventToken ?? (process.env['LEEWAY_VOICE_INBOUND_TOKEN'] || undefined)));
  await app.register((await import('./routes/dashboard.ts')).dashboardRoutes(ctx));
  await app.register((await import('./routes/reports.ts')).reportRoutes(ctx));
  await app.register((await import('./routes/cases.ts')).casesRoutes(ctx));
  for (const routes of await import('./routes/money.ts').then((m) => m.moneyRoutes(ctx))) await app.register(routes);
  await app.register((await import('./routes/hardship.ts')).hardshipRoutes(ctx));
  await app.register((await import('./routes/notifications.ts')).notificationsRoutes(ctx));
  await app.register((await import('./routes/site.ts')).siteRoutes(ctx));
  await app.register((await import('./routes/portal.ts')).portalRoutes(ctx));
  await app.register((await import('./routes/strategy.ts')).strategyRoutes(ctx));
  await app.register((await import('./routes/quality.ts')).qualityRoutes(ctx));
  await app.register((await import('./routes/privacy.ts')).privacyRoutes(ctx));
  await app.register((await import('./routes/exports.ts')).exportRoutes(ctx));
  await app.register((await import('./routes/outbox.ts')).outboxRoutes(ctx, options.channel ?? channelFromEnv(),
    options.smsInboundToken ?? (process.env['LEEWAY_SMS_INBOUND_TOKEN'] || undefined),
    options.emailInboundToken ?? (process.env['LEEWAY_EMAIL_INBOUND_TOKEN'] || undefined)));

  const webDir = options.webDir ?? WEB_DIST;
  if (existsSync(path.join(webDir, 'index.html'))) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
    await app.register(fastifyStatic, { root: webDir, wildcard: true, index: ['index.html'] });
    // The web app routes on the client: any other GET outside /api gets its shell, but a file it does not have
    // (/favicon.ico, a stale asset) is not found: a page in its place is no icon and no script.
    app.setNotFoundHandler(async (request, reply) => {
      if (isSitePage(request)) return siteNotFound(request, reply);
      if (request.method === 'GET' && !request.url.startsWith('/api/') && !/\.[A-Za-z0-9]+$/.test(request.url.split('?')[0]!)) return reply.sendFile('index.html');
      return reply.code(404).send({ error: { code: 'NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}`, message_zh: `没有这个地址：${request.method} ${request.url.split('?')[0]}` } });
    });
  } else {
    app.setNotFoundHandler(async (request, reply) => isSitePage(request) ? siteNotFound(request, reply) :
      reply.code(404).send({ error: { code: 'NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}`, message_zh: `没有这个地址：${request.method} ${request.url.split('?')[0]}` } }));
  }
  return app;
}

/** A GET under the debtor's portal (/my) or the public help site (/help): pages of their own, not the staff app. */
function isSitePage(request: FastifyRequest): boolean {
  return request.method === 'GET' && /^\/(my|help)(\/|\?|$)/.test(request.url);
}

/** Their 404 for an address there that is no page (one with a trailing slash is sent to the page without it). */
async function siteNotFound(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const [where, query] = request.url.split(/(?=\?)/);
  if (where!.length > 1 && where!.endsWith('/')) return reply.redirect(`${where!.replace(/\/+$/, '')}${query ?? ''}`, 301);
  const [{ notFound }, { pickLocale }] = await Promise.all([import('./routes/site.ts'), import('./site/html.ts')]);
  return notFound(reply, pickLocale(request, reply));
}

function registerMetrics(app: FastifyInstance, ctx: AppContext): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'leeway_' });
  const duration = new Histogram({
    name: 'leeway_http_request_duration_seconds', help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'], registers: [registry],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
  });
  app.addHook('onResponse', async (request, reply) => {
    duration.observe({ method: request.method, route: request.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000);
  });
  app.get('/metrics', { config: { access: 'public' }, schema: { hide: true } }, async (_request, reply) => {
    void reply.header('content-type', registry.contentType);
    const pool = `# HELP leeway_db_pool_connections Database pool connections by state\n# TYPE leeway_db_pool_connections gauge\n` +
      `leeway_db_pool_connections{state="total"} ${ctx.pool.totalCount}\nleeway_db_pool_connections{state="idle"} ${ctx.pool.idleCount}\n` +
      `leeway_db_pool_connections{state="waiting"} ${ctx.pool.waitingCount}\n`;
    return (await registry.metrics()) + pool;
  });
}
