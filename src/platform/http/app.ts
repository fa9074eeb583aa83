import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyServerOptions, LogController } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../context.ts';
import { authorizeRequest } from './authorization.ts';
import { notFound } from './errors.ts';
import { healthRoutes } from './health.routes.ts';
import { createHttpMetrics } from './metrics.ts';
import { problem, sendProblem, toProblem } from './problem.ts';
import { createPostgresRateLimitStore } from './rate-limit-store.ts';
import type { RoutePlugin, SessionInfo, ZodApp } from './types.ts';

z.config(z.locales.es());

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../web/dist');

export interface RouteSummary {
  method: string;
  url: string;
  permission?: string;
  auth?: 'user' | 'public';
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with what it requires; the authorization test walks it. */
    routeCatalogue: RouteSummary[];
  }
}

export interface BuildAppOptions {
  /** Resolves the session cookie into an actor; provided by the identity service. */
  authenticate: (request: import('fastify').FastifyRequest) => Promise<void>;
  routes: RoutePlugin[];
  /** Serve the built web app (web/dist) with SPA fallback. */
  serveWeb?: boolean;
  /** The process logger (pino), shared with the services. */
  logger?: FastifyServerOptions['loggerInstance'];
}

/** The base map's tile server, when one is configured (`{s}` subdomains become a wildcard). */
export function tileImageSources(url: string | undefined): string[] {
  const origin = url ? /^https?:\/\/[^/]+/.exec(url)?.[0] : undefined;
  return origin ? [origin.replace('{s}', '*')] : [];
}

export async function buildApp(ctx: AppContext, options: BuildAppOptions): Promise<ZodApp> {
  const { config } = ctx;
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: { level: config.LOG_LEVEL } }),
    trustProxy: config.TRUST_PROXY,
    bodyLimit: config.BODY_LIMIT_KB * 1024,
    requestIdHeader: 'x-request-id',
    genReqId: () => crypto.randomUUID(),
    // One line per request only when debugging; errors are always logged by the error handler.
    logController: new LogController({
      disableRequestLogging: config.LOG_LEVEL !== 'debug' && config.LOG_LEVEL !== 'trace',
    }),
    routerOptions: { maxParamLength: 200 },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('actor', undefined as never);
  app.decorateRequest('session', null as SessionInfo | null);

  app.setErrorHandler((error, request, reply) => {
    const body = toProblem(error);
    if (body.status >= 500) request.log.error({ err: error }, 'error al atender la solicitud');
    return sendProblem(request, reply, body);
  });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || !options.serveWeb || request.method !== 'GET') {
      return sendProblem(request, reply, toProblem(notFound('La dirección solicitada no existe.')));
    }
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html');
  });
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-request-id', request.id);
    return payload;
  });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', ...tileImageSources(config.MAP_BASE_URL)],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: config.cookieSecure ? [] : null,
      },
    },
    strictTransportSecurity: config.cookieSecure,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(rateLimit, {
    global: false,
    store: createPostgresRateLimitStore(ctx.database.raw) as never,
    // A failing counter must not take the service down with it.
    skipOnError: true,
    errorResponseBuilder: (_request, context) => ({
      ...problem(429, 'RATE_LIMITED', 'Demasiadas solicitudes. Espere un momento e inténtelo de nuevo.', {
        retryAfterSeconds: Math.ceil(context.ttl / 1000),
      }),
      statusCode: 429,
    }),
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Alcaldía Digital — API',
        description: 'API de la sede electrónica municipal. Errores en application/problem+json (RFC 9457).',
        version: '1',
      },
      components: { securitySchemes: { sesion: { type: 'apiKey', in: 'cookie', name: 'sid' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const metrics = createHttpMetrics();
  app.addHook('onResponse', async (request, reply) => {
    metrics.observe(
      request.method,
      request.routeOptions.url ?? 'desconocida',
      reply.statusCode,
      reply.elapsedTime,
    );
  });
  app.get('/metrics', { schema: { hide: true } }, async (_request, reply) =>
    reply.type(metrics.contentType).send(await metrics.render()),
  );

  app.addHook('onRequest', options.authenticate);
  // Before validation, so a caller without the permission learns nothing about the expected body.
  app.addHook('preValidation', authorizeRequest);
  const routeCatalogue: RouteSummary[] = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routeCatalogue.push({
        method,
        url: route.url,
        permission: route.config?.permission,
        auth: route.config?.auth,
      });
    }
  });
  app.decorate('routeCatalogue', routeCatalogue);

  await app.register(async (scope) => healthRoutes(scope as ZodApp, ctx));
  for (const routes of options.routes) await app.register(async (scope) => routes(scope as ZodApp, ctx));

  if (options.serveWeb) {
    if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
      ctx.logger.warn('No se encontró web/dist: ejecute «npm run build:web» para servir la aplicación web.');
    }
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      wildcard: false,
      index: 'index.html',
      cacheControl: false,
      // Vite fingerprints assets, so they never change under a name; the page itself must be revalidated.
      setHeaders: (response, filePath) => {
        response.setHeader(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    });
  }
  return app;
}
