import { z } from 'zod';
import type { AppContext } from '../context.ts';
import type { RoutePlugin } from '../http/types.ts';
import {
  changePasswordBody,
  emailBody,
  loginBody,
  meResponse,
  messageResponse,
  resetBody,
  signupBody,
  tokenBody,
  totpBody,
} from './identity.schemas.ts';
import type { IdentityService } from './identity.service.ts';
import { clearSessionCookie, requestMeta, setSessionCookie } from './session-cookie.ts';

const tags = ['identidad'];

export function identityRoutes(identity: IdentityService): RoutePlugin {
  return async (app, ctx: AppContext) => {
    const authLimit = { max: ctx.config.RATE_LIMIT_AUTH_PER_MINUTE, timeWindow: '1 minute' };
    const publicWrite = { csrfExempt: true, rateLimit: authLimit };

    app.post(
      '/api/v1/auth/signup',
      {
        config: publicWrite,
        schema: {
          tags,
          summary: 'Registro de ciudadanos y empresas',
          body: signupBody,
          response: { 201: z.object({ id: z.string(), message: z.string() }) },
        },
      },
      async (request, reply) => {
        const { acceptPrivacyPolicy: _accepted, ...input } = request.body;
        const { id } = await identity.signup(
          { ...input, tenantId: request.actor.tenantId },
          requestMeta(request),
        );
        return reply.status(201).send({
          id,
          message: 'Cuenta creada. Le enviamos un correo para confirmar su dirección antes de ingresar.',
        });
      },
    );

    app.post(
      '/api/v1/auth/verify-email',
      {
        config: publicWrite,
        schema: { tags, summary: 'Confirmar el correo', body: tokenBody, response: { 200: messageResponse } },
      },
      async (request) => {
        await identity.verifyEmail(request.body.token, requestMeta(request));
        return { message: 'Su correo quedó confirmado. Ya puede ingresar.' };
      },
    );

    app.post(
      '/api/v1/auth/resend-verification',
      {
        config: publicWrite,
        schema: { tags, summary: 'Reenviar el correo de confirmación', body: emailBody },
      },
      async (request, reply) => {
        await identity.resendVerification(request.actor.tenantId, request.body.email);
        return reply.status(202).send({
          message: 'Si hay una cuenta pendiente con ese correo, le enviamos un nuevo enlace de confirmación.',
        });
      },
    );

    app.post(
      '/api/v1/auth/login',
      {
        config: publicWrite,
        schema: {
          tags,
          summary: 'Iniciar sesión',
          body: loginBody,
          response: { 200: z.object({ user: meResponse }) },
        },
      },
      async (request, reply) => {
        const { token, session } = await identity.login(
          request.actor.tenantId,
          request.body,
          requestMeta(request),
        );
        setSessionCookie(reply, ctx.config, token);
        return { user: await identity.me(session.user.id) };
      },
    );

    app.post(
      '/api/v1/auth/logout',
      { config: { csrfExempt: true }, schema: { tags, summary: 'Cerrar sesión' } },
      async (request, reply) => {
        if (request.session) await identity.logout(request.actor, request.session.idHash);
        clearSessionCookie(reply, ctx.config);
        return reply.status(204).send();
      },
    );

    app.get(
      '/api/v1/auth/me',
      {
        config: { auth: 'user' },
        schema: {
          tags,
          summary: 'Usuario de la sesión',
          response: { 200: z.object({ user: meResponse, csrfToken: z.string() }) },
        },
      },
      async (request) => ({
        user: await identity.me(request.actor.userId!),
        csrfToken: request.session!.csrfToken,
      }),
    );

    app.post(
      '/api/v1/auth/password/forgot',
      { config: publicWrite, schema: { tags, summary: 'Olvidé mi contraseña', body: emailBody } },
      async (request, reply) => {
        await identity.forgotPassword(request.actor.tenantId, request.body.email);
        return reply.status(202).send({
          message:
            'Si el correo corresponde a una cuenta, le enviamos un enlace para restablecer la contraseña.',
        });
      },
    );

    app.post(
      '/api/v1/auth/password/reset',
      {
        config: publicWrite,
        schema: {
          tags,
          summary: 'Restablecer la contraseña',
          body: resetBody,
          response: { 200: messageResponse },
        },
      },
      async (request) => {
        await identity.resetPassword(request.body.token, request.body.password, requestMeta(request));
        return { message: 'Contraseña guardada. Ya puede ingresar con la nueva contraseña.' };
      },
    );

    app.post(
      '/api/v1/auth/password/change',
      {
        config: { auth: 'user', rateLimit: authLimit },
        schema: {
          tags,
          summary: 'Cambiar la contraseña',
          body: changePasswordBody,
          response: { 200: messageResponse },
        },
      },
      async (request) => {
        await identity.changePassword(
          request.actor,
          request.session!.idHash,
          request.body.currentPassword,
          request.body.newPassword,
        );
        return { message: 'Contraseña cambiada. Se cerraron sus otras sesiones.' };
      },
    );

    app.post(
      '/api/v1/auth/totp/setup',
      {
        config: { auth: 'user' },
        schema: {
          tags,
          summary: 'Preparar el segundo factor (TOTP)',
          response: { 200: z.object({ secret: z.string(), otpauthUrl: z.string(), qrDataUrl: z.string() }) },
        },
      },
      async (request) => identity.setupTotp(request.actor),
    );
    app.post(
      '/api/v1/auth/totp/enable',
      {
        config: { auth: 'user', rateLimit: authLimit },
        schema: { tags, summary: 'Activar el segundo factor', body: totpBody },
      },
      async (request) => {
        await identity.enableTotp(request.actor, request.body.code);
        return { message: 'Segundo factor activado.' };
      },
    );
    app.post(
      '/api/v1/auth/totp/disable',
      {
        config: { auth: 'user', rateLimit: authLimit },
        schema: { tags, summary: 'Desactivar el segundo factor', body: totpBody },
      },
      async (request) => {
        await identity.disableTotp(request.actor, request.body.code);
        return { message: 'Segundo factor desactivado.' };
      },
    );
  };
}
