import crypto from 'node:crypto';
import fs from 'node:fs';
import { constants as zlibConstants } from 'node:zlib';
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
  AppError, ErrorReply, SESSION_COOKIE, registerCoreRoutes, resumeSession, verifyCsrfToken,
  type App, type AppServices, type RequestContext,
} from '@cchc/core';
import { registerIndicesRoutes } from '@cchc/indices';
import { linkedTasksByComponent, registerDirectiveRoutes } from '@cchc/directives';
import { registerDossierRoutes } from '@cchc/dossiers';
import { errorHandler } from './errors';
import { boundSchemas, rejectNulInUrl, strictJsonParser } from './input-guard';

export interface BuildAppOptions {
  services: AppServices;
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
    disableRequestLogging: !opts.logger,
    genReqId: () => crypto.randomUUID(),
    trustProxy: opts.trustProxy?.length ? opts.trustProxy : false,
    bodyLimit: 10 * 1024 * 1024,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('services', opts.services);
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('csrfSecret', null);
  app.decorateRequest('upload', null);
  app.decorateRequest('requireActor', function (this: FastifyRequest) {
    if (!this.actor) throw new AppError('UNAUTHENTICATED', 'Bạn chưa đăng nhập hoặc phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.', 401);
    return this.actor;
  });
  app.decorateRequest('auditContext', function (this: FastifyRequest): RequestContext {
    return { actor: this.actor, ip: this.ip ?? null, requestId: this.id };
  });
  app.decorateRequest('mustChangePassword', false);
  app.setErrorHandler(errorHandler);
  app.addSchema(ErrorReply);
  app.addHook('onRoute', boundSchemas);
  // A POST with an optional body and none sent validates as an empty object, not as a missing body.
  app.addHook('preValidation', async (req) => {
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
    if (req.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
  await app.register(compress, { global: true, threshold: 1024, encodings: ['br', 'gzip', 'deflate'], brotliOptions: { params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 4 } } });

  await app.register(cookie, { secret: opts.cookieSecret });
  await app.register(rateLimit, { global: false });
  await app.register(multipart);
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'cchc API', version: '0.1.0', description: 'API của hệ thống quản lý cải cách hành chính cấp tỉnh. Ngày dạng YYYY-MM-DD, thời điểm ISO 8601 với +07:00.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE }, csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' } } },
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
    if (!config.public && !req.actor && req.routeOptions.url) req.requireActor();
    if (req.mustChangePassword && req.routeOptions.url && !BEFORE_PASSWORD_CHANGE.has(req.routeOptions.url) && !config.public) {
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
      config: { public: true },
      schema: {
        operationId: 'getHealth',
        tags: ['Hệ thống'],
        summary: 'Tình trạng dịch vụ và loại cơ sở dữ liệu',
        response: { 200: Type.Object({ status: Type.Literal('ok'), database: Type.Union([Type.Literal('pglite'), Type.Literal('postgresql')]) }) },
      },
    },
    async () => {
      await app.services.db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
      return { status: 'ok' as const, database: app.services.dbKind };
    },
  );

  registerCoreRoutes(app);
  // The indices module learns which directive tasks protect each component through this one function.
  registerIndicesRoutes(app, { linkedTasks: (actor, index) => linkedTasksByComponent(app.services, actor, index) });
  registerDirectiveRoutes(app);
  registerDossierRoutes(app);

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  if (opts.webDist && fs.existsSync(path.join(opts.webDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: opts.webDist, wildcard: false, maxAge: '1h' });
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
