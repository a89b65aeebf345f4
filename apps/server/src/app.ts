import { sharedSchemaController } from './schema-compilers';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { constants as zlibConstants } from 'node:zlib';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import path from 'node:path';
import Fastify, { type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import multipart from '@fastify/multipart';
import helmet from '@fastify/helmet';
import compress from '@fastify/compress';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import {
  AppError,
  DATA_TOPIC,
  ErrorReply,
  SESSION_COOKIE,
  authorize,
  isGlobalAction,
  replies,
  registerCoreRoutes,
  registerModuleRoutes,
  type CchcModule,
  resumeSession,
  verifyCsrfToken,
  type App,
  type AppServices,
  type RequestContext,
} from '@cchc/core';
import { errorHandler } from './errors';
import { boundSchemas, rejectNonFiniteNumbers, rejectNulInUrl, requirePermission, strictJsonParser } from './input-guard';

export interface BuildAppOptions {
  services: AppServices;
  /** The business modules whose routes to serve (installed with `installModules`). */
  modules: readonly CchcModule[];
  cookieSecret: string;
  /** Built web app to serve at / (absent in API tests). */
  webDist?: string;
  logger?: boolean;
  /**
   * Addresses (or CIDR ranges) of the reverse proxies whose X-Forwarded-For is believed (TRUST_PROXY,
   * comma-separated). Default none: the client address is the socket's.
   */
  trustProxy?: string[];
}

/** Requests a user who must change the initial password may still make. */
const BEFORE_PASSWORD_CHANGE = new Set(['/api/auth/password', '/api/auth/logout', '/api/auth/me', '/api/auth/csrf']);

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function buildApp(opts: BuildAppOptions): Promise<App> {
  const app = Fastify({
    // Errors (5xx) are always logged with the request id; every request only with LOG_REQUESTS=1.
    logger: { level: opts.logger ? 'info' : 'error' },
    genReqId: () => crypto.randomUUID(),
    trustProxy: opts.trustProxy?.length ? opts.trustProxy : false,
    bodyLimit: 10 * 1024 * 1024,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: false } },
    schemaController: sharedSchemaController,
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('services', opts.services);
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfSecret', null);
  app.decorateRequest('upload', null);
  app.decorateRequest('uploads', null);
  app.decorateRequest('requireActor', function (this: FastifyRequest) {
    if (!this.actor)
      throw new AppError('UNAUTHENTICATED', 'Bạn chưa đăng nhập hoặc phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.', 401);
    return this.actor;
  });
  app.decorateRequest('auditContext', function (this: FastifyRequest): RequestContext {
    return { actor: this.actor, ip: this.ip ?? null, requestId: this.id };
  });
  app.decorateRequest('mustChangePassword', false);
  app.setErrorHandler(errorHandler);
  app.addSchema(ErrorReply);
  app.addHook('onRoute', boundSchemas);
  app.addHook('onRoute', requirePermission);
  // A POST with an optional body and none sent validates as an empty object, not as a missing body.
  app.addHook('preValidation', async (req) => {
    // A record-free permission is answered before the request is read or validated: a user without the
    // right gets 403 whatever they sent (a malformed request from them is not told what is wrong with it).
    const permission = req.routeOptions.config?.permission;
    if (permission && req.actor && isGlobalAction(permission)) authorize(req.actor, permission);
    rejectNonFiniteNumbers(req);
    if (req.body === undefined && MUTATING.has(req.method) && req.routeOptions.schema?.body) req.body = {};
  });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: 10 * 1024 * 1024 }, strictJsonParser);

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design writes its styles at run time (CSS-in-JS) into <style> elements.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    // HSTS only on requests that came over TLS (behind the proxy), below; never on plain http.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    // The time the server spent (shown by the browser's developer tools and read by the home page benchmark).
    if (req.url.startsWith('/api/')) reply.header('server-timing', `app;dur=${reply.elapsedTime.toFixed(1)}`);
    // A change of state makes cached reads stale; bumped before the reply leaves, so the writer's next read is fresh.
    if (MUTATING.has(req.method) && reply.statusCode < 400 && app.services.cache) app.services.cache.bump(DATA_TOPIC);
    if (req.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
  await app.register(compress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip', 'deflate'],
    // Fast levels: replies are compressed on every request; a higher level saves little on JSON and costs CPU under load.
    brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } },
    zlibOptions: { level: 3 },
  });

  await app.register(cookie, { secret: opts.cookieSecret });
  await app.register(rateLimit, { global: false });
  await app.register(multipart);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'cchc API',
        version: '0.1.0',
        description: 'API của hệ thống quản lý cải cách hành chính cấp tỉnh. Ngày dạng YYYY-MM-DD, thời điểm ISO 8601 với +07:00.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
      security: [{ session: [], csrf: [] }],
    },
    refResolver: { buildLocalReference: (json, _base, _frag, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });

  // Authentication, then CSRF, for every request; public routes pass without a session.
  app.addHook('onRequest', async (req) => {
    rejectNulInUrl(req.url);
    const raw = req.cookies[SESSION_COOKIE];
    if (raw) {
      const unsigned = req.unsignCookie(raw);
      if (unsigned.valid && unsigned.value) {
        const session = await resumeSession(app.services, unsigned.value);
        if (session) {
          req.actor = session.actor;
          req.sessionId = unsigned.value;
          req.csrfSecret = session.csrfSecret;
          req.mustChangePassword = session.mustChangePassword;
        }
      }
    }
    const config = req.routeOptions.config ?? {};
    if (!req.url.startsWith('/api/')) return;
    const isPublic = config.permission === 'public';
    if (!isPublic && !req.actor && req.routeOptions.url) req.requireActor();
    if (req.mustChangePassword && req.routeOptions.url && !BEFORE_PASSWORD_CHANGE.has(req.routeOptions.url) && !isPublic) {
      throw new AppError('PASSWORD_CHANGE_REQUIRED', 'Bạn cần đổi mật khẩu khởi tạo trước khi sử dụng hệ thống.', 403);
    }
    if (MUTATING.has(req.method) && !config.skipCsrf && req.actor) {
      const token = req.headers['x-csrf-token'];
      if (typeof token !== 'string' || !req.csrfSecret || !verifyCsrfToken(req.csrfSecret, token)) {
        throw new AppError('CSRF_INVALID', 'Thiếu hoặc sai mã chống giả mạo (x-csrf-token). Hãy tải lại trang rồi thử lại.', 403);
      }
    }
  });

  app.get(
    '/api/health',
    {
      config: { permission: 'public' },
      schema: {
        operationId: 'getHealth',
        tags: ['Hệ thống'],
        summary: 'Tình trạng dịch vụ và loại cơ sở dữ liệu',
        response: {
          200: Type.Object({ status: Type.Literal('ok'), database: Type.Union([Type.Literal('pglite'), Type.Literal('postgresql')]) }),
        },
      },
    },
    async () => {
      await app.services.db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
      return { status: 'ok' as const, database: app.services.dbKind };
    },
  );

  // How the process is doing under load: event-loop delay since the last reset, memory. Administrators only.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  app.get(
    '/api/system/runtime',
    {
      config: { permission: 'system.runtime' },
      schema: {
        operationId: 'getRuntime',
        tags: ['Hệ thống'],
        summary: 'Độ trễ vòng sự kiện (ms) và bộ nhớ của máy chủ; reset=1 để đo lại từ đầu',
        querystring: Type.Object({ reset: Type.Optional(Type.Boolean()) }),
        response: replies({
          200: Type.Object({
            eventLoopDelayMs: Type.Object({ p50: Type.Number(), p99: Type.Number(), max: Type.Number(), samples: Type.Integer() }),
            rssMb: Type.Number(),
            heapUsedMb: Type.Number(),
            uptimeS: Type.Number(),
          }),
        }),
      },
    },
    async (req) => {
      authorize(req.requireActor(), 'system.runtime');
      const ms = (ns: number) => Math.round(ns / 1e4) / 100;
      const out = {
        eventLoopDelayMs: {
          p50: ms(loopDelay.percentile(50)),
          p99: ms(loopDelay.percentile(99)),
          max: ms(loopDelay.max),
          samples: loopDelay.count,
        },
        rssMb: Math.round(process.memoryUsage.rss() / 1048576),
        heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1048576),
        uptimeS: Math.round(process.uptime()),
      };
      if (req.query.reset) loopDelay.reset();
      return out;
    },
  );
  app.addHook('onClose', async () => loopDelay.disable());

  registerCoreRoutes(app);
  registerModuleRoutes(app, opts.modules);

  app.get('/api/openapi.json', { config: { permission: 'public' }, schema: { hide: true } }, async () => app.swagger());

  if (opts.webDist && fs.existsSync(path.join(opts.webDist, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: opts.webDist,
      wildcard: false,
      // The .br/.gz files made at build time are sent as they are (no compression per request).
      preCompressed: true,
      cacheControl: false,
      setHeaders(res, file) {
        // Assets are named by their content hash: cached for a year, never revalidated; the rest for an hour.
        res.setHeader(
          'cache-control',
          file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'public, max-age=3600',
        );
      },
    });
    const indexHtml = fs.readFileSync(path.join(opts.webDist, 'index.html'));
    app.setNotFoundHandler((req, reply) => {
      if (req.url.startsWith('/api/') || req.method !== 'GET') {
        return reply.status(404).send({ code: 'NOT_FOUND', message: `Không có địa chỉ ${req.method} ${req.url.split('?')[0]}.` });
      }
      return reply.type('text/html').header('cache-control', 'no-cache').send(indexHtml);
    });
  } else {
    app.setNotFoundHandler((req, reply) =>
      reply.status(404).send({ code: 'NOT_FOUND', message: `Không có địa chỉ ${req.method} ${req.url.split('?')[0]}.` }),
    );
  }
  return app as unknown as App;
}
