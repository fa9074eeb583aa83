import crypto from 'node:crypto';
import { type BulkConnection, csvRow, type DatabaseHandle } from '../../platform/db/database.ts';
import {
  DEFAULT_SYNTHETIC_SEED,
  generateSyntheticPredios,
  readDemoBarrioAreas,
  type SyntheticPredio,
} from './demo/index.ts';
import { columnsOf } from './predios.service.ts';

const BATCH = 5000;

const PREDIO_COLUMNS = [
  'id',
  'tenant_id',
  'numero_predial',
  'numero_predial_anterior',
  'matricula_inmobiliaria',
  'direccion',
  'destino_letra',
  'destino_ladm',
  'estrato',
  'area_terreno_m2',
  'area_construida_m2',
  'barrio_code',
  'comuna_code',
  'longitud',
  'latitud',
  'registro',
  'synthetic',
] as const;
const AVALUO_COLUMNS = ['predio_id', 'vigencia', 'avaluo', 'fecha', 'actualizado'] as const;
const TITULAR_COLUMNS = [
  'tenant_id',
  'predio_id',
  'calidad',
  'document_type',
  'document_number',
  'nombre',
  'participacion_numerador',
  'participacion_denominador',
] as const;

export interface SeedPrediosResult {
  existing: number;
  inserted: number;
  seconds: number;
}

/**
 * Adds synthetic predios (inside real barrio polygons, taxes/demo) until the tenant has `count` of them:
 * COPY into staging tables, then `insert … on conflict do nothing`, 5,000 per transaction, so a second
 * call, or a larger count later (`seed:demo --predios 300000`), only adds what is missing.
 */
export async function seedSyntheticPredios(
  database: DatabaseHandle,
  tenant: { id: string; divipola: string },
  options: {
    count: number;
    vigencias: number[];
    /** Extra co-owner on the first predios: the demo citizen's document, so "mis predios" shows them. */
    demoHolder?: { documentType: string; documentNumber: string; nombre: string; predios: number };
    progress?: (done: number, total: number) => void;
  },
): Promise<SeedPrediosResult> {
  const started = performance.now();
  const { rows } = await database.raw.query<{ n: number }>(
    'select count(*)::int as n from predio where tenant_id = $1 and synthetic',
    [tenant.id],
  );
  const existing = rows[0]!.n;
  if (existing >= options.count) return { existing, inserted: 0, seconds: 0 };
  const barrios = await readDemoBarrioAreas(tenant.divipola);
  const generator = generateSyntheticPredios({
    divipola: tenant.divipola,
    count: options.count,
    seed: DEFAULT_SYNTHETIC_SEED,
    vigencias: options.vigencias,
    barrios,
  });
  let inserted = 0;
  let done = 0;
  let batch: SyntheticPredio[] = [];
  const flush = async () => {
    const items = batch;
    batch = [];
    inserted += await database.inBulkTransaction((connection) =>
      writeBatch(connection, tenant.id, items, done === items.length ? options.demoHolder : undefined),
    );
    options.progress?.(done, options.count);
  };
  for (const item of generator) {
    batch.push(item);
    done++;
    if (batch.length === BATCH) await flush();
  }
  if (batch.length) await flush();
  // Fresh statistics after a bulk load, so the next queries are planned for the real sizes.
  await database.raw.exec('analyze predio; analyze predio_avaluo; analyze predio_titular;');
  return { existing, inserted, seconds: (performance.now() - started) / 1000 };
}

async function writeBatch(
  connection: BulkConnection,
  tenantId: string,
  items: SyntheticPredio[],
  demoHolder: { documentType: string; documentNumber: string; nombre: string; predios: number } | undefined,
): Promise<number> {
  let predios = '';
  let avaluos = '';
  let titulares = '';
  items.forEach((item, index) => {
    const id = crypto.randomUUID();
    const columns = columnsOf(item.record);
    predios += csvRow([
      id,
      tenantId,
      columns.numeroPredial,
      columns.numeroPredialAnterior,
      columns.matriculaInmobiliaria,
      columns.direccion,
      columns.destinoLetra,
      columns.destinoLadm,
      columns.estrato,
      columns.areaTerrenoM2,
      columns.areaConstruidaM2,
      item.barrioCode,
      item.comunaCode,
      item.longitud.toFixed(6),
      item.latitud.toFixed(6),
      JSON.stringify(columns.registro),
      true,
    ]);
    for (const avaluo of item.avaluos) {
      avaluos += csvRow([id, avaluo.vigencia, avaluo.pesos, avaluo.fecha, true]);
    }
    for (const owner of item.record.propietarios) {
      titulares += csvRow([
        tenantId,
        id,
        owner.calidad,
        owner.tipoDocumento,
        owner.numeroDocumento,
        owner.nombre,
        owner.participacion?.numerador ?? null,
        owner.participacion?.denominador ?? null,
      ]);
    }
    if (demoHolder && index < demoHolder.predios) {
      titulares += csvRow([
        tenantId,
        id,
        'propietario',
        demoHolder.documentType,
        demoHolder.documentNumber,
        demoHolder.nombre,
        null,
        null,
      ]);
    }
  });
  await connection.exec(`
    create temp table if not exists predio_stage (like predio including defaults) on commit delete rows;
    create temp table if not exists predio_avaluo_stage (like predio_avaluo including defaults) on commit delete rows;
    create temp table if not exists predio_titular_stage (like predio_titular including defaults) on commit delete rows;`);
  await connection.copyCsv('predio_stage', PREDIO_COLUMNS, predios);
  await connection.copyCsv('predio_avaluo_stage', AVALUO_COLUMNS, avaluos);
  await connection.copyCsv('predio_titular_stage', TITULAR_COLUMNS, titulares);
  // A predio already there (same code) keeps its row; its staged avalúos and owners find no predio.
  const { rows } = await connection.query<{ n: number }>(
    `with ins as (insert into predio select * from predio_stage on conflict do nothing returning id)
     select count(*)::int as n from ins`,
  );
  await connection.exec(`
    insert into predio_avaluo select s.* from predio_avaluo_stage s join predio p on p.id = s.predio_id
      on conflict do nothing;
    insert into predio_titular select s.* from predio_titular_stage s join predio p on p.id = s.predio_id;`);
  return rows[0]!.n;
}
