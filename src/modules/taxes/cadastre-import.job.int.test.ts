import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobContext, JobOutcome, JobService } from '../../platform/jobs/index.ts';
import { formData } from '../../test/multipart.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { type CadastreImportData, registerCadastreImportJob } from './cadastre-import.job.ts';

const roll = fs.readFileSync(path.join(import.meta.dirname, 'cadastre/testdata/ejemplo-roll.csv'));
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe('cadastral roll uploaded from the back office', () => {
  it('accepts the upload for the worker, applies it once, and lists the report', async () => {
    await t.reset();
    const official = await t.loginAs(['impuestos']);
    const upload = await official.request({
      method: 'POST',
      url: '/api/v1/predial/admin/catastro',
      ...formData({ name: 'catastro.csv', bytes: roll, type: 'text/csv' }),
    });
    expect(upload.statusCode).toBe(202);
    expect(upload.json().jobId).toEqual(expect.any(String));
    const citizen = await t.loginAs('citizen');
    expect((await citizen.get('/api/v1/predial/admin/catastro')).statusCode).toBe(403);

    let handler: ((job: JobContext<CadastreImportData>) => Promise<JobOutcome | undefined>) | undefined;
    const jobs = { register: (_queue: string, h: typeof handler) => (handler = h) } as unknown as JobService;
    registerCadastreImportJob({ ...t.platform.ctx, jobs }, t.modules.taxes);
    const file = await t.platform.ctx.files.saveGenerated({
      tenantId: t.tenantId,
      ownerUserId: null,
      purpose: 'cadastre_roll',
      originalName: 'catastro.csv',
      mediaType: 'text/plain',
      bytes: roll,
    });
    const job = {
      id: 'j',
      tenantId: t.tenantId,
      data: { fileId: file.id, r2FileId: null, formato: null, strict: true, complete: false, userId: null },
      progress: async () => {},
    };
    const first = (await handler!(job))!;
    expect(first.result).toMatchObject({ estado: 'aplicada' });
    await expect(handler!(job)).rejects.toMatchObject({ code: 'ROLL_ALREADY_APPLIED' });
    const listed = (await official.get('/api/v1/predial/admin/catastro')).json().items;
    expect(listed[0]).toMatchObject({ estado: 'aplicada', formato: 'csv' });
    expect(listed[0].resumen.nuevos).toBeGreaterThan(0);
    const search = (await official.get('/api/v1/predial/admin/predios?q=68001')).json().items;
    expect(search.length).toBe(listed[0].resumen.nuevos);
  });
});
