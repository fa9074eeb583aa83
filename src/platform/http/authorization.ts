import type { FastifyReply, FastifyRequest } from 'fastify';
import { can } from '../authz/actor.ts';
import { AppError, forbidden, unauthenticated } from './errors.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one place where routes are guarded: a route declares `config.permission` (or `config.auth: 'user'`)
 * and this preValidation hook refuses who lacks it. Cookie-authenticated writes must carry the session's CSRF token.
 */
export async function authorizeRequest(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const config = request.routeOptions.config;
  if (request.session && !SAFE_METHODS.has(request.method) && !config.csrfExempt) {
    const sent = request.headers['x-csrf-token'];
    if (sent !== request.session.csrfToken) {
      throw new AppError(
        403,
        'CSRF_INVALID',
        'La solicitud no trae un token CSRF válido. Recargue la página.',
      );
    }
  }
  const needsUser = config.auth === 'user' || config.permission !== undefined;
  if (needsUser && !request.actor.userId) throw unauthenticated();
  if (config.permission && !can(request.actor, config.permission)) throw forbidden();
}
