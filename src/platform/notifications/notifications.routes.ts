import { z } from 'zod';
import type { RoutePlugin } from '../http/types.ts';
import { pageQuery } from '../http/zod-text.ts';
import type { OutboxItem } from './index.ts';

const tags = ['notificaciones'];

/** Outbox states as people read them (API contract) and back. */
export const OUTBOX_STATUS_CODES = {
  pending: 'pendiente',
  sent: 'enviado',
  failed: 'fallido',
} as const satisfies Record<OutboxItem['status'], string>;

const STATUS_FROM_CODE = {
  pendiente: 'pending',
  enviado: 'sent',
  fallido: 'failed',
} as const satisfies Record<(typeof OUTBOX_STATUS_CODES)[OutboxItem['status']], OutboxItem['status']>;

const outboxQuery = z.strictObject({
  status: z
    .enum(['pendiente', 'enviado', 'fallido'], { error: 'Estado: use pendiente, enviado o fallido.' })
    .optional(),
  channel: z.enum(['email', 'sms'], { error: 'Canal: use email o sms.' }).optional(),
  ...pageQuery,
});

const outboxItemSchema = z.object({
  id: z.string(),
  channel: z.enum(['email', 'sms']),
  recipient: z.string(),
  template: z.string(),
  subject: z.string().nullable(),
  status: z.enum(['pendiente', 'enviado', 'fallido']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

export const notificationsRoutes: RoutePlugin = async (app, ctx) => {
  app.get(
    '/api/v1/admin/outbox',
    {
      config: { permission: 'notifications.read' },
      schema: {
        tags,
        summary: 'Bandeja de salida de correos y SMS (los más recientes primero)',
        querystring: outboxQuery,
        response: {
          200: z.object({
            items: z.array(outboxItemSchema),
            total: z.number().int(),
            page: z.number(),
            pageSize: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const { status, channel, page, pageSize } = request.query;
      const result = await ctx.notifications.list(
        request.actor.tenantId,
        { status: status ? STATUS_FROM_CODE[status] : undefined, channel },
        { page, pageSize },
      );
      return {
        total: result.total,
        page,
        pageSize,
        items: result.items.map((item) => ({
          id: item.id,
          channel: item.channel,
          recipient: item.recipient,
          template: item.template,
          subject: item.subject,
          status: OUTBOX_STATUS_CODES[item.status],
          attempts: item.attempts,
          lastError: item.lastError,
          createdAt: item.createdAt.toISOString(),
          sentAt: item.sentAt?.toISOString() ?? null,
        })),
      };
    },
  );
};
