import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createTestTenant,
  getTestDatabase,
  openAnotherConnection,
  resetDatabase,
  type TestTenant,
  testDatabaseKind,
} from '../../test/test-database.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { JobService } from '../jobs/index.ts';
import { createJobService } from '../jobs/jobs.service.ts';
import type { NotificationService } from './index.ts';
import { createMailTransport, type MailTransport } from './mail-transport.ts';
import { notificationOutbox } from './notifications.schema.ts';
import { createNotificationService, MAX_DELIVERY_ATTEMPTS } from './notifications.service.ts';
import { createHttpSmsSender, type SmsSender } from './sms.ts';
import { startTestSmtpServer, type TestSmtpServer } from './smtp-test-server.ts';

const logger = pino({ level: 'silent' });
const entityName = 'Alcaldía de Bucaramanga';
const MAIL_FROM = 'Alcaldía de Bucaramanga <no-responder@bucaramanga.gov.co>';

async function waitFor<T>(
  read: () => T | Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`tiempo agotado esperando; último valor: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('notifications: outbox, e-mail over SMTP, SMS over HTTP', () => {
  let database: DatabaseHandle;
  let tenant: TestTenant;
  let smtp: TestSmtpServer;
  let transport: MailTransport;
  const cleanups: (() => Promise<void> | void)[] = [];

  /** A notifications service on `db` with its own (not started) job service. */
  function newService(
    options: { on?: DatabaseHandle; now?: () => Date; sms?: SmsSender; jobs?: JobService } = {},
  ): NotificationService {
    const on = options.on ?? database;
    const jobs = options.jobs ?? createJobService({ database: on, logger });
    return createNotificationService({
      db: on.db,
      config: {
        SMTP_URL: smtp.url,
        MAIL_FROM,
        DATA_DIR: '/nonexistent',
        SMS_HTTP_URL: undefined,
        SMS_HTTP_TOKEN: undefined,
      },
      logger,
      jobs,
      transport,
      ...(options.sms ? { sms: options.sms } : {}),
      ...(options.now ? { now: options.now } : {}),
    });
  }

  async function outboxRow(id: string) {
    const [row] = await database.db.select().from(notificationOutbox).where(eq(notificationOutbox.id, id));
    return row!;
  }

  beforeEach(async () => {
    database = await getTestDatabase();
    await resetDatabase(database);
    tenant = await createTestTenant(database);
    smtp = await startTestSmtpServer();
    transport = createMailTransport({
      config: { SMTP_URL: smtp.url, MAIL_FROM, DATA_DIR: '/nonexistent' },
      logger,
    });
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    transport.close();
    await smtp.close();
  });

  it('delivers a verification e-mail through a real SMTP server', async () => {
    const notifications = newService();
    const link = 'https://sede.bucaramanga.gov.co/verificar-correo?token=abc_DEF-123';
    const id = await database.db.transaction((tx) =>
      notifications.enqueueEmail(tx, {
        tenantId: tenant.id,
        to: 'maria.ortiz@correo.test',
        template: 'verify_email',
        data: { fullName: 'María Ortiz', link, entityName },
      }),
    );
    expect((await outboxRow(id)).status).toBe('pending');

    expect(await notifications.deliverPending()).toEqual({ sent: 1, failed: 0 });

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.to).toEqual(['maria.ortiz@correo.test']);
    expect(mail.headers.get('to')).toBe('maria.ortiz@correo.test');
    expect(mail.subject).toBe('Confirme su correo electrónico — Alcaldía de Bucaramanga');
    expect(mail.text).toContain(link);
    expect(mail.html).toContain(`href="${link}"`);
    const row = await outboxRow(id);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lastError: null });
    expect(row.sentAt).toBeInstanceOf(Date);
    // Nothing is sent twice.
    expect(await notifications.deliverPending()).toEqual({ sent: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
  });

  it('requestDelivery() makes the worker send the outbox through the notifications.deliver job', async () => {
    const jobs = createJobService({ database, logger, pollingIntervalSeconds: 0.5 });
    const notifications = newService({ jobs });
    await jobs.start({ work: true });
    cleanups.push(() => jobs.stop());
    await database.db.transaction(async (tx) => {
      for (const name of ['ana', 'luis', 'sofia']) {
        await notifications.enqueueEmail(tx, {
          tenantId: tenant.id,
          to: `${name}@correo.test`,
          template: 'password_changed',
          data: { fullName: name, entityName },
        });
      }
    });
    await Promise.all([
      notifications.requestDelivery(),
      notifications.requestDelivery(),
      notifications.requestDelivery(),
    ]);
    await waitFor(
      () => smtp.received.length,
      (count) => count === 3,
    );
    expect(smtp.received.map((mail) => mail.to[0]).sort()).toEqual([
      'ana@correo.test',
      'luis@correo.test',
      'sofia@correo.test',
    ]);
    expect(smtp.received[0]?.subject).toBe('Su contraseña fue cambiada — Alcaldía de Bucaramanga');
  });

  it('is written in the caller transaction: a rollback leaves no message', async () => {
    const notifications = newService();
    await expect(
      database.db.transaction(async (tx) => {
        await notifications.enqueueEmail(tx, {
          tenantId: tenant.id,
          to: 'ana@correo.test',
          template: 'password_changed',
          data: { fullName: 'Ana', entityName },
        });
        throw new Error('la operación de negocio falló');
      }),
    ).rejects.toThrow('la operación de negocio falló');
    expect(await database.db.select().from(notificationOutbox)).toEqual([]);
  });

  it('queues one message per idempotency key and returns the same id', async () => {
    const notifications = newService();
    const input = {
      tenantId: tenant.id,
      to: 'ana@correo.test',
      template: 'document_issued' as const,
      data: {
        fullName: 'Ana',
        title: 'Constancia',
        code: 'BGA-1',
        link: 'https://sede.test/d/1',
        entityName,
      },
      idempotencyKey: 'document_issued:BGA-1',
    };
    const first = await notifications.enqueueEmail(database.db, input);
    const second = await database.db.transaction((tx) => notifications.enqueueEmail(tx, input));
    expect(second).toBe(first);
    expect(await database.db.select().from(notificationOutbox)).toHaveLength(1);
  });

  it('refuses bad data when queuing, not when sending', async () => {
    const notifications = newService();
    await expect(
      notifications.enqueueEmail(database.db, {
        tenantId: tenant.id,
        to: 'ana@correo.test',
        template: 'reset_password',
        data: { fullName: 'Ana', link: 'https://sede.test/x', entityName },
      }),
    ).rejects.toThrow('Plantilla «reset_password»: el dato «expiresInHours» falta o no es válido.');
    await expect(
      notifications.enqueueEmail(database.db, {
        tenantId: tenant.id,
        to: 'no es un correo',
        template: 'password_changed',
        data: { fullName: 'Ana', entityName },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_ERROR', field: 'to' });
    await expect(
      notifications.enqueueSms(database.db, {
        tenantId: tenant.id,
        to: '607 6337000',
        template: 'password_changed',
        data: { fullName: 'Ana', entityName },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION_ERROR', field: 'to' });
    expect(await database.db.select().from(notificationOutbox)).toEqual([]);
  });

  it('retries a refused e-mail with growing delays and gives up after the last attempt', async () => {
    let clock = new Date('2026-03-02T15:00:00Z');
    const notifications = newService({ now: () => clock });
    const id = await notifications.enqueueEmail(database.db, {
      tenantId: tenant.id,
      to: 'ana@correo.test',
      template: 'password_changed',
      data: { fullName: 'Ana', entityName },
    });
    smtp.refuseWith({ code: 451, message: 'Buzón temporalmente no disponible' });

    expect(await notifications.deliverPending()).toEqual({ sent: 0, failed: 1 });
    let row = await outboxRow(id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.lastError).toContain('451');
    expect(row.nextAttemptAt.getTime()).toBe(clock.getTime() + 60_000);
    // Not due yet: nothing happens.
    expect(await notifications.deliverPending()).toEqual({ sent: 0, failed: 0 });

    const expectedDelaysMinutes = [5, 30, 120];
    for (const delay of expectedDelaysMinutes) {
      clock = new Date(row.nextAttemptAt.getTime() + 1_000);
      expect(await notifications.deliverPending()).toEqual({ sent: 0, failed: 1 });
      row = await outboxRow(id);
      expect(row.status).toBe('pending');
      expect(row.nextAttemptAt.getTime()).toBe(clock.getTime() + delay * 60_000);
    }
    clock = new Date(row.nextAttemptAt.getTime() + 1_000);
    expect(await notifications.deliverPending()).toEqual({ sent: 0, failed: 1 });
    row = await outboxRow(id);
    expect(row).toMatchObject({ status: 'failed', attempts: MAX_DELIVERY_ATTEMPTS });
    expect(smtp.received).toHaveLength(0);

    // A failed message is never tried again.
    smtp.refuseWith(null);
    clock = new Date(clock.getTime() + 24 * 3_600_000);
    expect(await notifications.deliverPending()).toEqual({ sent: 0, failed: 0 });
  });

  it('a message refused once is sent on the next attempt', async () => {
    let clock = new Date('2026-03-02T15:00:00Z');
    const notifications = newService({ now: () => clock });
    const id = await notifications.enqueueEmail(database.db, {
      tenantId: tenant.id,
      to: 'ana@correo.test',
      template: 'password_changed',
      data: { fullName: 'Ana', entityName },
    });
    smtp.refuseWith({ code: 451, message: 'Intente más tarde' });
    await notifications.deliverPending();
    smtp.refuseWith(null);
    clock = new Date(clock.getTime() + 61_000);
    expect(await notifications.deliverPending()).toEqual({ sent: 1, failed: 0 });
    expect(await outboxRow(id)).toMatchObject({ status: 'sent', attempts: 2 });
    expect(smtp.received).toHaveLength(1);
  });

  it('a message whose last attempt was interrupted (worker died) is marked failed, not sent again', async () => {
    let clock = new Date('2026-03-02T15:00:00Z');
    const notifications = newService({ now: () => clock });
    const id = await notifications.enqueueEmail(database.db, {
      tenantId: tenant.id,
      to: 'ana@correo.test',
      template: 'password_changed',
      data: { fullName: 'Ana', entityName },
    });
    // As a claim of the 5th attempt leaves it: attempts used up, lease running.
    await database.db
      .update(notificationOutbox)
      .set({ attempts: MAX_DELIVERY_ATTEMPTS, nextAttemptAt: new Date(clock.getTime() + 10 * 60_000) })
      .where(eq(notificationOutbox.id, id));
    expect(await notifications.deliverPending()).toEqual({ sent: 0, failed: 0 });
    expect((await outboxRow(id)).status).toBe('pending');
    clock = new Date(clock.getTime() + 11 * 60_000);
    expect(await notifications.deliverPending()).toEqual({ sent: 0, failed: 0 });
    expect(await outboxRow(id)).toMatchObject({ status: 'failed', attempts: MAX_DELIVERY_ATTEMPTS });
    expect((await outboxRow(id)).lastError).toMatch(/se interrumpió/);
    expect(smtp.received).toHaveLength(0);
  });

  it('two workers delivering at once never send a message twice', async () => {
    // On PostgreSQL the second worker has its own connection pool, as another process would.
    const other = testDatabaseKind() === 'postgres' ? await openAnotherConnection() : database;
    if (other && other !== database) cleanups.push(() => other.close());
    const first = newService();
    const second = newService({ on: other ?? database });
    const total = 40;
    await database.db.transaction(async (tx) => {
      for (let index = 0; index < total; index += 1) {
        await first.enqueueEmail(tx, {
          tenantId: tenant.id,
          to: `persona${index}@correo.test`,
          template: 'password_changed',
          data: { fullName: `Persona ${index}`, entityName },
        });
      }
    });
    const [a, b] = await Promise.all([first.deliverPending(100), second.deliverPending(100)]);
    expect(a.sent + b.sent).toBe(total);
    expect(a.failed + b.failed).toBe(0);
    if (testDatabaseKind() === 'postgres') {
      // Both really worked (not one after the other having nothing left).
      expect(a.sent).toBeGreaterThan(0);
      expect(b.sent).toBeGreaterThan(0);
    }
    expect(smtp.received).toHaveLength(total);
    expect(new Set(smtp.received.map((mail) => mail.to[0])).size).toBe(total);
    const rows = await database.db.select().from(notificationOutbox);
    expect(rows.every((row) => row.status === 'sent' && row.attempts === 1)).toBe(true);
  });

  it('sends an SMS to the HTTP provider with the normalised number and the bearer token', async () => {
    const requests: { authorization?: string; body: unknown }[] = [];
    const provider = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        requests.push({
          authorization: request.headers.authorization,
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
        });
        response.writeHead(requests.length === 1 ? 200 : 500, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ id: `sms-${requests.length}` }));
      });
    });
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => provider.close(() => resolve())));
    const url = `http://127.0.0.1:${(provider.address() as AddressInfo).port}/v1/sms`;
    const notifications = newService({ sms: createHttpSmsSender({ url, token: 'token-proveedor' }) });

    const sent = await notifications.enqueueSms(database.db, {
      tenantId: tenant.id,
      to: '300 123 4567',
      template: 'document_issued',
      data: {
        fullName: 'Ana',
        title: 'Constancia',
        code: 'BGA-7',
        link: 'https://sede.test/d/7',
        entityName,
      },
    });
    expect(await notifications.deliverPending()).toEqual({ sent: 1, failed: 0 });
    expect(requests[0]).toEqual({
      authorization: 'Bearer token-proveedor',
      body: {
        to: '+573001234567',
        text: 'Alcaldia de Bucaramanga: se expidio su documento "Constancia" (codigo BGA-7). Descarguelo en https://sede.test/d/7',
      },
    });
    expect(await outboxRow(sent)).toMatchObject({
      status: 'sent',
      channel: 'sms',
      recipient: '+573001234567',
      subject: null,
    });

    const refused = await notifications.enqueueSms(database.db, {
      tenantId: tenant.id,
      to: '+57 310 000 0000',
      template: 'password_changed',
      data: { fullName: 'Ana', entityName },
    });
    expect(await notifications.deliverPending()).toEqual({ sent: 0, failed: 1 });
    const row = await outboxRow(refused);
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.lastError).toContain('estado 500');
  });

  it('without an SMS provider the message fails with a clear reason', async () => {
    const notifications = newService();
    const id = await notifications.enqueueSms(database.db, {
      tenantId: tenant.id,
      to: '3001234567',
      template: 'password_changed',
      data: { fullName: 'Ana', entityName },
    });
    await notifications.deliverPending();
    expect((await outboxRow(id)).lastError).toMatch(/no está configurado/);
  });

  it('lists the outbox of the tenant (and platform-wide messages), newest first, with filters', async () => {
    const other = await createTestTenant(database, '68276');
    let clock = new Date('2026-03-02T15:00:00Z');
    const notifications = newService({ now: () => clock });
    const enqueue = (tenantId: string | null, to: string) => {
      clock = new Date(clock.getTime() + 1_000);
      return notifications.enqueueEmail(database.db, {
        tenantId,
        to,
        template: 'password_changed',
        data: { fullName: 'Ana', entityName },
      });
    };
    const mine = await enqueue(tenant.id, 'mia@correo.test');
    const platformWide = await enqueue(null, 'plataforma@correo.test');
    await enqueue(other.id, 'ajena@correo.test');
    const sms = await notifications.enqueueSms(database.db, {
      tenantId: tenant.id,
      to: '3001234567',
      template: 'password_changed',
      data: { fullName: 'Ana', entityName },
    });

    const all = await notifications.list(tenant.id, {}, { page: 1, pageSize: 10 });
    expect(all.total).toBe(3);
    expect(all.items.map((item) => item.id)).toEqual([sms, platformWide, mine]);
    expect(all.items[2]).toMatchObject({
      channel: 'email',
      recipient: 'mia@correo.test',
      template: 'password_changed',
      subject: 'Su contraseña fue cambiada — Alcaldía de Bucaramanga',
      status: 'pending',
      attempts: 0,
      lastError: null,
      sentAt: null,
    });
    const onlySms = await notifications.list(tenant.id, { channel: 'sms' }, { page: 1, pageSize: 10 });
    expect(onlySms.items.map((item) => item.id)).toEqual([sms]);
    const paged = await notifications.list(tenant.id, { status: 'pending' }, { page: 2, pageSize: 2 });
    expect(paged).toMatchObject({ total: 3 });
    expect(paged.items.map((item) => item.id)).toEqual([mine]);
    expect((await notifications.list(tenant.id, { status: 'sent' }, { page: 1, pageSize: 10 })).total).toBe(
      0,
    );
  });
});
