import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor } from '../authz/actor.ts';
import type { AppContext } from '../context.ts';

export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** Every module's HTTP surface has this shape; src/platform/http/routes.ts lists them all. */
export type RoutePlugin = (app: ZodApp, ctx: AppContext) => Promise<void>;

export interface SessionInfo {
  idHash: string;
  userId: string;
  csrfToken: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is calling: a signed-in person or an anonymous visitor of the tenant. Set by the auth hook. */
    actor: Actor;
    session: SessionInfo | null;
  }
  interface FastifyContextConfig {
    /** The permission this route needs; checked in one place (http/authorization.ts). */
    permission?: string;
    /** 'user': any signed-in person. Implied by `permission`. */
    auth?: 'user' | 'public';
    /** Writes that may be called without a session-bound CSRF token (login, sign-up…). */
    csrfExempt?: boolean;
  }
}
