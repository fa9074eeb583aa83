import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../authz/actor.ts';
import { permissionsOfRoles } from '../authz/catalogue.ts';
import type { Config } from '../config/config.ts';
import type { TenantService } from '../tenancy/tenancy.service.ts';
import type { IdentityService } from './identity.service.ts';

export const SESSION_COOKIE = 'sid';

export function setSessionCookie(reply: FastifyReply, config: Config, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.cookieSecure,
    path: '/',
    maxAge: config.SESSION_TTL_HOURS * 3600,
  });
}

export function clearSessionCookie(reply: FastifyReply, config: Config): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.cookieSecure,
  });
}

export function requestMeta(request: FastifyRequest) {
  return { ip: request.ip, userAgent: request.headers['user-agent'], requestId: request.id };
}

/**
 * The onRequest hook: turns the session cookie (if any) into `request.actor`. Requests without a valid
 * session act as anonymous visitors of the installation's municipality.
 */
export function createAuthenticate(identity: IdentityService, tenants: TenantService, config: Config) {
  return async function authenticate(request: FastifyRequest): Promise<void> {
    request.session = null;
    const token = request.cookies[SESSION_COOKIE];
    const resolved = token && token.length < 100 ? await identity.resolveSession(token) : undefined;
    if (resolved) {
      const { user } = resolved;
      request.session = { idHash: resolved.idHash, userId: user.id, csrfToken: resolved.csrfToken };
      request.actor = {
        userId: user.id,
        tenantId: user.tenantId,
        label: `${user.fullName} <${user.email}>`,
        kind: user.kind,
        permissions: new Set(permissionsOfRoles(resolved.roles)),
        roles: new Set(resolved.roles),
        dependenciaId: user.dependenciaId,
        ip: request.ip,
        userAgent: request.headers['user-agent'],
        requestId: request.id,
      };
      return;
    }
    const tenant = await tenants.getByDivipola(config.TENANT_DIVIPOLA);
    request.actor = anonymousActor(tenant.id, request);
  };
}

function anonymousActor(tenantId: string, request: FastifyRequest): Actor {
  return {
    userId: null,
    tenantId,
    label: 'visitante',
    kind: 'anonymous',
    permissions: new Set(),
    ip: request.ip,
    userAgent: request.headers['user-agent'],
    requestId: request.id,
  };
}
