import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/audit/audit.schema.ts';
import { createAuditService } from '../../platform/audit/audit.service.ts';
import { systemActor } from '../../platform/authz/actor.ts';
import { createTestTenant, getTestDatabase, resetDatabase } from '../../test/test-database.ts';
import { predio, predioAvaluo, predioTitular } from './predios.schema.ts';
import { createPrediosService, type PrediosService } from './predios.service.ts';

const testdata = path.join(import.meta.dirname, 'cadastre/testdata');
const csv = fs.readFileSync(path.join(testdata, 'ejemplo-roll.csv'), 'utf8');

let service: PrediosService;
let tenantId: string;
const actor = () => systemActor(tenantId, 'prueba de importación');

beforeEach(async () => {
  const database = await getTestDatabase();
  await resetDatabase(database);
  tenantId = (await createTestTenant(database)).id;
  service = createPrediosService({ db: database.db, audit: createAuditService(database.db) });
});

async function db() {
  return (await getTestDatabase()).db;
}

describe('importing the cadastral roll', () => {
  it('adds every predio with its avalúo and owners, and finds it by either code', async () => {
    const report = await service.importRoll(actor(), { tenantId, divipola: '68001', content: csv });
    expect(report).toMatchObject({
      estado: 'aplicada',
      formato: 'csv',
      errores: 0,
      nuevos: report.leidos,
      cambiados: 0,
    });
    expect(report.leidos).toBeGreaterThanOrEqual(3);

    const found = await service.getByNumero(tenantId, '68001', '68001010601100023000');
    expect(found.direccion).toBe('K 15B 6 15 BR CHAPINERO');
    expect(found.estrato).toBe(3);
    const owners = await (await db())
      .select()
      .from(predioTitular)
      .where(eq(predioTitular.predioId, found.id));
    expect(owners.map((owner) => owner.documentNumber).sort()).toEqual(['63501234', '91234567']);
    expect(await service.avaluosOf(found.id)).toMatchObject([{ vigencia: 2024, avaluo: 185_000_000 }]);

    const byNational = await service.getByNumero(tenantId, '68001', '680010101030101030001901020001');
    expect(byNational.destinoLetra).toBe('C');
    await expect(service.getByNumero(tenantId, '68001', '68001999999999999999')).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('refuses the same file twice and applies nothing the second time', async () => {
    await service.importRoll(actor(), { tenantId, divipola: '68001', content: csv });
    await expect(
      service.importRoll(actor(), { tenantId, divipola: '68001', content: csv }),
    ).rejects.toMatchObject({
      code: 'ROLL_ALREADY_APPLIED',
    });
    const rows = await (await db()).select().from(predio);
    expect(rows.length).toBeGreaterThanOrEqual(3);
  });

  it('a partial file updates what it brings and retires nothing', async () => {
    await service.importRoll(actor(), { tenantId, divipola: '68001', content: csv });
    const lines = csv.trimEnd().split('\n');
    const onlyOne = [lines[0]!, ...lines.slice(1).filter((line) => line.includes('68001010601100023000'))]
      .map((line) => line.replace(',185000000,2024,', ',199000000,2025,'))
      .join('\n');
    const report = await service.importRoll(actor(), {
      tenantId,
      divipola: '68001',
      content: `${onlyOne}\n`,
      complete: false,
    });
    expect(report).toMatchObject({ estado: 'aplicada', cambiados: 1, retirados: 0 });
    const all = await (await db()).select().from(predio);
    expect(all.every((row) => row.estado === 'activo')).toBe(true);
  });

  it('re-importing a newer roll updates avalúos without duplicates, keeps the history and retires the absent', async () => {
    await service.importRoll(actor(), { tenantId, divipola: '68001', content: csv });
    const lines = csv.trimEnd().split('\n');
    const newer = [
      lines[0],
      ...lines
        .slice(1)
        .filter((line) => !line.includes('LOTE LA ESPERANZA'))
        .map((line) => line.replace(',185000000,2024,', ',199000000,2025,')),
    ].join('\n');
    const report = await service.importRoll(actor(), { tenantId, divipola: '68001', content: `${newer}\n` });
    expect(report).toMatchObject({ estado: 'aplicada', nuevos: 0, cambiados: 1, retirados: 1 });
    expect(report.cambios).toEqual([{ predio: '68001010601100023000', campos: ['avaluo'] }]);

    const chapinero = await service.getByNumero(tenantId, '68001', '68001010601100023000');
    expect((await service.avaluosOf(chapinero.id)).map((row) => [row.vigencia, row.avaluo])).toEqual([
      [2024, 185_000_000],
      [2025, 199_000_000],
    ]);
    const all = await (await db()).select().from(predio);
    expect(all.filter((row) => row.estado === 'retirado').map((row) => row.direccion)).toEqual([
      'LOTE LA ESPERANZA VDA EJEMPLO',
    ]);
    expect(new Set(all.map((row) => row.id)).size).toBe(all.length);
    const avaluos = await (await db()).select().from(predioAvaluo);
    expect(avaluos.length).toBe(all.length + 1);
    const audited = await (await db()).select().from(auditLog).where(eq(auditLog.action, 'cadastre.import'));
    expect(audited).toHaveLength(2);
  });

  it('rejects a roll with a bad line whole, naming the line, and writes no predio', async () => {
    const broken = csv.replace(',185000000,2024,', ',ciento ochenta,2024,');
    const report = await service.importRoll(actor(), { tenantId, divipola: '68001', content: broken });
    expect(report.estado).toBe('rechazada');
    expect(report.errores).toBeGreaterThan(0);
    expect(report.problemas[0]).toMatchObject({ line: 2, severity: 'error' });
    expect(await (await db()).select().from(predio)).toHaveLength(0);
  });
});
