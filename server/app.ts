/**
 * The review server: `buildApp(options)` builds it (tests use it through `app.inject()`);
 * `main.ts` alone opens the database and listens. One plugin per resource under `/api/`, JSON
 * Schema on every route, one catalogue of coded errors, access decided by each route's
 * `config.access`, and an audit entry for every request that reads or changes a review.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import fastifyStatic from '@fastify/static';
import { Type } from '@sinclair/typebox';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { randomUUID } from 'node:crypto';
import { isThroughlineError } from '../src/model/errors.js';
import { ApiError, apiError, codedError } from './errors.js';
import type { Role, Store, UserRecord } from './store/types.js';
import { secretHash } from './auth.js';
import { ReviewData } from './derived.js';
import { WorkPool, workerFile } from './work/pool.js';
import { projectRoot } from './setup.js';
import { SCHEMAS } from './schemas.js';
import authRoutes from './routes/auth.js';
import meRoutes from './routes/me.js';
import accountRoutes from './routes/accounts.js';
import reviewRoutes from './routes/reviews.js';
import fileRoutes from './routes/files.js';
import timelineRoutes from './routes/timeline.js';
import analysisRoutes from './routes/analysis.js';
import rcaRoutes from './routes/rca.js';
import diagramRoutes from './routes/diagrams.js';
import auditRoutes from './routes/audit.js';
import modelRoutes from './routes/models.js';
import practiceRoutes from './routes/practice.js';
import glossaryRoutes from './routes/glossary.js';

/**
 * Who may call a route: anyone (`public`), anyone signed in (`user`), an administrator (`admin`),
 * or a member of the route's review whose role allows the ability named.
 */
export type Access = 'public' | 'user' | 'admin' | ReviewAbility;
export type ReviewAbility = 'read' | 'chronology' | 'findings' | 'rca' | 'manage';

/** What each role on a review may do: an author everything, an investigator the cause analysis and findings, a viewer read. */
export const ABILITIES: Record<Role, readonly ReviewAbility[]> = {
  author: ['read', 'chronology', 'findings', 'rca', 'manage'],
  investigator: ['read', 'findings', 'rca'],
  viewer: ['read'],
};

const REVIEW_ABILITIES = new Set<string>(['read', 'chronology', 'findings', 'rca', 'manage']);

export interface AppOptions {
  store: Store;
  /** The clock (tests set it); the core never reads one. */
  now?: () => Date;
  /** Largest agency file accepted, in bytes (default 50 MB). */
  uploadLimit?: number;
  /** Sign-in attempts allowed per address per minute (default 10). */
  signinAttempts?: number;
  /** fastify's logger options; request logs carry the route, never names, bodies or query strings. */
  logger?: boolean | Record<string, unknown>;
  /** Days a browser session lasts (default 7). */
  sessionDays?: number;
  /** Read and merge files on a worker thread (default); false runs that work on the request thread. */
  threads?: boolean;
  /** The built web app (default dist/app under the project). */
  appRoot?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    user: UserRecord | null;
    reviewRole: Role | null;
  }
  interface FastifyInstance {
    store: Store;
    reviewData: ReviewData;
    now: () => Date;
    settings: { uploadLimit: number; sessionDays: number; signinAttempts: number };
  }
  interface FastifyContextConfig {
    access?: Access;
    /** Leave this route out of the audit trail (the OpenAPI document, the health check). */
    unaudited?: boolean;
  }
}

export const SESSION_COOKIE = 'throughline_session';
export const DEFAULT_UPLOAD_LIMIT = 50 * 1024 * 1024;

function identify(app: FastifyInstance, request: FastifyRequest): UserRecord | null {
  const now = app.now().toISOString();
  const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const userId = bearer !== undefined
    ? app.store.tokenUser(secretHash(bearer), now)
    : request.cookies[SESSION_COOKIE] !== undefined ? app.store.sessionUser(secretHash(request.cookies[SESSION_COOKIE]!), now) : undefined;
  const user = userId === undefined ? undefined : app.store.userById(userId);
  return user && !user.disabled ? user : null;
}

function sendError(reply: FastifyReply, error: ApiError): FastifyReply {
  return reply.status(error.status).type('application/json; charset=utf-8').send({ code: error.code, message: error.message, ...error.extra });
}

/** Any error as the catalogue's `{ code, message }`: never a stack trace, never a 500 for bad input. */
function toApiError(error: unknown, request: FastifyRequest): ApiError {
  if (error instanceof ApiError) return error;
  if (isThroughlineError(error)) return codedError(error);
  const e = error as { code?: string; statusCode?: number; validation?: unknown; message?: string; validationContext?: string };
  if (e.validation) return apiError('bad-request', { detail: e.message ?? 'invalid' });
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY': return apiError('json-invalid');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
    case 'FST_FILES_LIMIT': return apiError('file-too-large', { limit: `${Math.round(request.server.settings.uploadLimit / 1024 / 1024)} MB` });
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE': return apiError('unsupported-media-type', { expected: 'application/json, or multipart/form-data for an upload' });
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
    case 'FST_PROTO_VIOLATION':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH': return apiError('bad-request', { detail: e.message ?? 'malformed request' });
    default: break;
  }
  if (e.statusCode === 429) return apiError('rate-limited', { after: 'a minute' });
  if (e.statusCode !== undefined && e.statusCode >= 400 && e.statusCode < 500) return apiError('bad-request', { detail: e.message ?? 'malformed request' });
  return apiError('internal', { request: request.id });
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const logger: FastifyServerOptions['logger'] = options.logger === undefined || options.logger === false ? false : {
    ...(options.logger === true ? {} : options.logger),
    // A request is logged by its route pattern: a URL's query may hold a name or chronology text.
    serializers: {
      req: (req: { method: string; id: string; routeOptions?: { url?: string } }) => ({ method: req.method, route: req.routeOptions?.url ?? 'unmatched', id: req.id }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  } as FastifyServerOptions['logger'];
  const app = Fastify({
    logger,
    bodyLimit: 2 * 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
    // Request ids are unique across restarts, so an audit row's id names one request for good.
    genReqId: () => randomUUID(),
  });
  // A query string or a path is text, so its numbers and booleans are read from it; a JSON body
  // says what it means, so a number where a title belongs is a 400, not a title "42".
  const reading = new Ajv({ coerceTypes: 'array', useDefaults: true, removeAdditional: false, allErrors: false, strict: false });
  const exact = new Ajv({ coerceTypes: false, useDefaults: true, removeAdditional: false, allErrors: false, strict: false });
  for (const schema of SCHEMAS) { reading.addSchema(schema); exact.addSchema(schema); }
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? exact : reading).compile(schema));
  app.decorate('store', options.store);
  app.decorate('now', options.now ?? (() => new Date()));
  app.decorate('settings', { uploadLimit: options.uploadLimit ?? DEFAULT_UPLOAD_LIMIT, sessionDays: options.sessionDays ?? 7, signinAttempts: options.signinAttempts ?? 10 });
  const appRoot = options.appRoot ?? join(projectRoot(), 'dist', 'app');
  const pool = new WorkPool(options.threads === false ? undefined : workerFile(projectRoot()));
  app.decorate('reviewData', new ReviewData(options.store, pool));
  app.addHook('onClose', async () => pool.close());
  app.decorateRequest('user', null);
  app.decorateRequest('reviewRole', null);

  for (const schema of SCHEMAS) app.addSchema(schema);

  // A route that does not say who may call it is a mistake: refuse to start.
  app.addHook('onRoute', (route) => {
    if (route.config?.access === undefined && !route.url.startsWith('/documentation')) {
      throw new Error(`route ${route.method} ${route.url} has no config.access`);
    }
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'throughline review server', version: '1.0.0', description: 'Reviews, agency files, the merged chronology, its analysis, cause analyses and diagrams.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE }, token: { type: 'http', scheme: 'bearer' } } },
      security: [{ session: [] }, { token: [] }],
    },
    refResolver: { buildLocalReference: (json, _base, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`) },
  });
  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'"], imgSrc: ["'self'", 'data:', 'blob:'], fontSrc: ["'self'"],
        connectSrc: ["'self'"], objectSrc: ["'none'"], baseUri: ["'none'"], frameAncestors: ["'none'"], formAction: ["'self'"],
      },
    },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    referrerPolicy: { policy: 'no-referrer' },
    // Served over plain HTTP on loopback; HSTS there would pin every local site to HTTPS.
    strictTransportSecurity: false,
  });
  await app.register(multipart, { preservePath: true, limits: { fileSize: options.uploadLimit ?? DEFAULT_UPLOAD_LIMIT, files: 20, fields: 20, fieldSize: 64 * 1024, parts: 40 } });
  await app.register(rateLimit, { global: false });

  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    if (access === undefined || access === 'public') return;
    request.user = identify(app, request);
    if (request.user === null) throw apiError('unauthenticated');
    if (access === 'admin' && !request.user.isAdmin) throw apiError('admin-only');
    if (!REVIEW_ABILITIES.has(access)) return;
    const reviewId = (request.params as { reviewId?: string }).reviewId;
    const role = reviewId === undefined ? undefined : app.store.role(reviewId, request.user.id);
    // Not a member: the review does not exist as far as they can tell, and nothing in it does.
    if (role === undefined) throw apiError('review-not-found', { review: reviewId ?? '' });
    request.reviewRole = role;
    if (!ABILITIES[role].includes(access as ReviewAbility)) throw apiError('forbidden', { role });
  });

  // The request's id on every reply: what a person quotes when something went wrong, and the audit row's.
  app.addHook('onSend', async (request, reply) => { reply.header('x-request-id', request.id); });

  app.addHook('onResponse', async (request, reply) => {
    if (request.routeOptions.config?.unaudited || request.routeOptions.url === undefined) return;
    const reviewId = (request.params as { reviewId?: string } | undefined)?.reviewId ?? null;
    app.store.audit({
      at: app.now().toISOString(), userId: request.user?.id ?? null, reviewId, method: request.method,
      route: request.routeOptions.url, status: reply.statusCode, requestId: request.id, ip: request.ip,
    });
  });

  app.setErrorHandler((error, request, reply) => {
    const api = toApiError(error, request);
    if (api.status >= 500) request.log.error({ code: (error as { code?: string }).code, name: (error as Error).name }, 'request failed');
    return sendError(reply, api);
  });
  app.setNotFoundHandler((request, reply) => sendError(reply, apiError('not-found', { method: request.method, url: request.url.replace(/\?.*$/, '') })));

  await app.register(fastifyStatic, { root: appRoot, serve: false, wildcard: false, cacheControl: false });
  /** The web app's page and its files, built by Vite into dist/app; public (signing in is one of its pages) and left out of the audit. */
  const appFile = async (reply: FastifyReply, file: string) => {
    if (!existsSync(join(appRoot, 'index.html'))) {
      return reply.status(503).type('text/plain; charset=utf-8').send('The web app is not built: run npm run build (npm ci builds it too). The API is at /api/.');
    }
    return reply.header('cache-control', file === 'index.html' ? 'no-cache' : 'public, max-age=31536000, immutable').sendFile(file);
  };
  app.get('/', { config: { access: 'public', unaudited: true }, schema: { hide: true } }, async (_request, reply) => appFile(reply, 'index.html'));
  app.get('/assets/:file', { config: { access: 'public', unaudited: true }, schema: { hide: true, params: Type.Object({ file: Type.String({ pattern: '^[A-Za-z0-9_-][A-Za-z0-9_.-]*$', maxLength: 200 }) }) } },
    async (request, reply) => appFile(reply, `assets/${(request.params as { file: string }).file}`));

  app.get('/api/health', { config: { access: 'public', unaudited: true }, schema: { hide: true } }, async () => ({ ok: true }));
  app.get('/api/openapi.json', { config: { access: 'public', unaudited: true }, schema: { hide: true } }, async () => app.swagger());

  await app.register(authRoutes, { prefix: '/api/auth' });
  await app.register(meRoutes, { prefix: '/api/me' });
  await app.register(accountRoutes, { prefix: '/api/accounts' });
  await app.register(auditRoutes, { prefix: '/api/audit' });
  await app.register(modelRoutes, { prefix: '/api/review-models' });
  await app.register(reviewRoutes, { prefix: '/api/reviews' });
  await app.register(fileRoutes, { prefix: '/api/reviews' });
  await app.register(timelineRoutes, { prefix: '/api/reviews' });
  await app.register(analysisRoutes, { prefix: '/api/reviews' });
  await app.register(rcaRoutes, { prefix: '/api/reviews' });
  await app.register(diagramRoutes, { prefix: '/api/reviews' });
  await app.register(practiceRoutes, { prefix: '/api/reviews' });
  await app.register(glossaryRoutes, { prefix: '/api/reviews' });
  return app;
}
