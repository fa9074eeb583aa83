import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildAdminTestApp, TEST_PERMISSIONS_HEADER } from '../../test/route-test-app.ts';
import { createTestTenant, getTestDatabase, resetDatabase } from '../../test/test-database.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { ZodApp } from '../http/types.ts';
import { createJobService } from '../jobs/jobs.service.ts';
import type { NotificationService } from './index.ts';
import { notificationsRoutes } from './notifications.routes.ts';
import { notificationOutbox } from './notifications.schema.ts';
import { createNotificationService } from './notifications.service.ts';

describe('GET /api/v1/admin/outbox', () => {
  let database: DatabaseHandle;
  let app: ZodApp;
  let notifications: NotificationService;
  let tenantId = '';
  const entityName = 'Alcaldía de Bucaramanga';
  const asReader = { [TEST_PERMISSIONS_HEADER]: 'notifications.read' };

  beforeAll(async () => {
    database = await getTestDatabase();
    const logger = pino({ level: 'silent' });
    notifications = createNotificationService({
      db: database.db,
      config: { MAIL_FROM: 'x <x@x.test>', DATA_DIR: '/tmp/alcaldia-test' },
      logger,
      jobs: createJobService({ database, logger }),
      transport: { kind: 'file', send: async () => ({ messageId: 'm' }), close: () => {} },
    });
    app = await buildAdminTestApp({
      database,
      tenantId: () => tenantId,
      services: { notifications },
      routes: [notificationsRoutes],
    });
  });
  afterAll(async () => {
    await app.close();
  });
  beforeEach(async () => {
    await resetDatabase(database);
    tenantId = (await createTestTenant(database)).id;
  });

  it('needs the notifications.read permission', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/admin/outbox' })).statusCode).toBe(401);
    const forbidden = await app.inject({
      method: 'GET',
      url: '/api/v1/admin/outbox',
      headers: { [TEST_PERMISSIONS_HEADER]: 'jobs.read' },
    });
    expect(forbidden.statusCode).toBe(403);
  });

  it('lists messages with Spanish states and filters by state and channel', async () => {
    const sentId = await notifications.enqueueEmail(database.db, {
      tenantId,
      to: 'ana@correo.test',
      template: 'password_changed',
      data: { fullName: 'Ana', entityName },
    });
    await notifications.deliverPending();
    const smsId = await notifications.enqueueSms(database.db, {
      tenantId,
      to: '3001234567',
      template: 'password_changed',
      data: { fullName: 'Ana', entityName },
    });

    const all = await app.inject({ method: 'GET', url: '/api/v1/admin/outbox', headers: asReader });
    expect(all.statusCode).toBe(200);
    const body = all.json();
    expect(body).toMatchObject({ total: 2, page: 1, pageSize: 20 });
    const sent = body.items.find((item: { id: string }) => item.id === sentId);
    expect(sent).toMatchObject({
      channel: 'email',
      recipient: 'ana@correo.test',
      template: 'password_changed',
      subject: 'Su contraseña fue cambiada — Alcaldía de Bucaramanga',
      status: 'enviado',
      attempts: 1,
      lastError: null,
    });
    expect(sent.sentAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(Object.keys(sent).sort()).toEqual(
      [
        'attempts',
        'channel',
        'createdAt',
        'id',
        'lastError',
        'recipient',
        'sentAt',
        'status',
        'subject',
        'template',
      ].sort(),
    );

    const pending = (
      await app.inject({ method: 'GET', url: '/api/v1/admin/outbox?status=pendiente', headers: asReader })
    ).json();
    expect(pending.items.map((item: { id: string }) => item.id)).toEqual([smsId]);
    expect(pending.items[0]).toMatchObject({
      status: 'pendiente',
      channel: 'sms',
      recipient: '+573001234567',
      subject: null,
    });

    const emails = (
      await app.inject({ method: 'GET', url: '/api/v1/admin/outbox?channel=email', headers: asReader })
    ).json();
    expect(emails.items.map((item: { id: string }) => item.id)).toEqual([sentId]);

    await database.db.update(notificationOutbox).set({ status: 'failed', lastError: 'rechazado' });
    const failed = (
      await app.inject({ method: 'GET', url: '/api/v1/admin/outbox?status=fallido', headers: asReader })
    ).json();
    expect(failed.total).toBe(2);
    expect(failed.items[0]).toMatchObject({ status: 'fallido', lastError: 'rechazado' });
  });

  it('refuses an unknown state with a Spanish message', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/admin/outbox?status=sent',
      headers: asReader,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'VALIDATION_ERROR', field: 'status' });
    expect(response.json().detail).toContain('pendiente, enviado o fallido');
  });
});
