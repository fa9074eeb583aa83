import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildAdminTestApp, TEST_PERMISSIONS_HEADER } from '../../test/route-test-app.ts';
import { createTestTenant, getTestDatabase, resetDatabase } from '../../test/test-database.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { ZodApp } from '../http/types.ts';
import { jobsRoutes } from './jobs.routes.ts';
import { jobProgress } from './jobs.schema.ts';
import { createJobService } from './jobs.service.ts';

describe('GET /api/v1/admin/jobs', () => {
  let database: DatabaseHandle;
  let app: ZodApp;
  let tenantId = '';

  beforeAll(async () => {
    database = await getTestDatabase();
    const jobs = createJobService({ database, logger: pino({ level: 'silent' }) });
    app = await buildAdminTestApp({
      database,
      tenantId: () => tenantId,
      services: { jobs },
      routes: [jobsRoutes],
    });
  });
  afterAll(async () => {
    await app.close();
  });
  beforeEach(async () => {
    await resetDatabase(database);
    tenantId = (await createTestTenant(database)).id;
  });

  const asReader = { [TEST_PERMISSIONS_HEADER]: 'jobs.read' };

  async function insertJob(values: Partial<typeof jobProgress.$inferInsert> & { createdAt: Date }) {
    const id = randomUUID();
    await database.db
      .insert(jobProgress)
      .values({ id, tenantId, queue: 'audit.export', label: 'Exportación', ...values });
    return id;
  }

  it('needs a session and the jobs.read permission', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/admin/jobs' })).statusCode).toBe(401);
    const forbidden = await app.inject({
      method: 'GET',
      url: '/api/v1/admin/jobs',
      headers: { [TEST_PERMISSIONS_HEADER]: 'users.read' },
    });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toMatchObject({ code: 'FORBIDDEN' });
    const detail = await app.inject({
      method: 'GET',
      url: `/api/v1/admin/jobs/${randomUUID()}`,
      headers: { [TEST_PERMISSIONS_HEADER]: 'users.read' },
    });
    expect(detail.statusCode).toBe(403);
  });

  it('lists the tenant jobs newest first with Spanish states, progress and ISO dates', async () => {
    const resultFileId = randomUUID();
    const older = await insertJob({
      state: 'completed',
      done: 10,
      total: 10,
      message: 'Exportación lista: 10 registros.',
      resultFileId,
      createdAt: new Date('2026-03-02T10:00:00Z'),
      startedAt: new Date('2026-03-02T10:00:01Z'),
      finishedAt: new Date('2026-03-02T10:00:05Z'),
    });
    const newer = await insertJob({
      state: 'running',
      done: 3,
      total: 10,
      createdAt: new Date('2026-03-02T11:00:00Z'),
    });
    await insertJob({ state: 'failed', createdAt: new Date('2026-03-02T09:00:00Z') });
    await insertJob({ state: 'queued', createdAt: new Date('2026-03-02T08:00:00Z') });
    const otherTenant = await createTestTenant(database, '68276');
    await database.db.insert(jobProgress).values({
      id: randomUUID(),
      tenantId: otherTenant.id,
      queue: 'audit.export',
      label: 'Ajena',
      createdAt: new Date('2026-03-02T12:00:00Z'),
    });

    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/admin/jobs?page=1&pageSize=2',
      headers: asReader,
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ total: 4, page: 1, pageSize: 2 });
    expect(body.items.map((item: { id: string }) => item.id)).toEqual([newer, older]);
    expect(body.items[0]).toEqual({
      id: newer,
      queue: 'audit.export',
      label: 'Exportación',
      state: 'en_proceso',
      done: 3,
      total: 10,
      message: null,
      createdAt: '2026-03-02T11:00:00.000Z',
      startedAt: null,
      finishedAt: null,
      resultFileId: null,
      result: null,
    });
    expect(body.items[1]).toMatchObject({
      state: 'completado',
      resultFileId,
      finishedAt: '2026-03-02T10:00:05.000Z',
    });

    const second = (
      await app.inject({ method: 'GET', url: '/api/v1/admin/jobs?page=2&pageSize=2', headers: asReader })
    ).json();
    expect(second.items.map((item: { state: string }) => item.state)).toEqual(['fallido', 'en_cola']);
  });

  it('shows one job; another tenant job or an unknown id is 404, a malformed id 400', async () => {
    const id = await insertJob({ state: 'queued', createdAt: new Date('2026-03-02T10:00:00Z') });
    const response = await app.inject({ method: 'GET', url: `/api/v1/admin/jobs/${id}`, headers: asReader });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ id, state: 'en_cola', done: 0, total: null });

    const missing = await app.inject({
      method: 'GET',
      url: `/api/v1/admin/jobs/${randomUUID()}`,
      headers: asReader,
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'NOT_FOUND', detail: 'La tarea no existe.' });

    const malformed = await app.inject({ method: 'GET', url: '/api/v1/admin/jobs/123', headers: asReader });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toMatchObject({ code: 'VALIDATION_ERROR' });

    const badPage = await app.inject({
      method: 'GET',
      url: '/api/v1/admin/jobs?pageSize=500',
      headers: asReader,
    });
    expect(badPage.statusCode).toBe(400);
    expect(badPage.json().detail).toContain('como máximo 100');
  });
});
