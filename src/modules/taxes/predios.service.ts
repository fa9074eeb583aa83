import crypto from 'node:crypto';
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import type { Db, Tx } from '../../platform/db/database.ts';
import { conflict, notFound } from '../../platform/http/errors.ts';
import {
  type CadastralRecord,
  cadastralRecordSchema,
  codigoDePredio,
  diffRoll,
  type FormatoCatastral,
  mergeRecord,
  parseNumeroPredial,
  predioCodesWithErrors,
  readCadastralRoll,
} from './cadastre/index.ts';
import { cadastreImport, predio, predioAvaluo, predioTitular } from './predios.schema.ts';

/** Rows per multi-row INSERT: large enough to be fast, small enough for PostgreSQL's parameter limit. */
const CHUNK = 500;
/** Problems kept in the import's report (all of them are counted). */
const PROBLEMS_KEPT = 500;

export interface RollImportInput {
  tenantId: string;
  divipola: string;
  content: Buffer | string;
  r2?: Buffer | string;
  formato?: FormatoCatastral;
  /** Refuse the whole roll when any predio has an error (default), or import the readable ones. */
  strict?: boolean;
  /**
   * The file is the whole roll (default): predios absent from it are retired. A partial file (an update
   * of some predios) only adds and changes.
   */
  complete?: boolean;
}

export interface RollImportReport {
  importId: string | null;
  estado: 'aplicada' | 'rechazada';
  formato: FormatoCatastral | null;
  leidos: number;
  nuevos: number;
  cambiados: number;
  sinCambios: number;
  retirados: number;
  ambiguos: number;
  protegidos: number;
  errores: number;
  avisos: number;
  problemas: { line: number; code: string; detail: string; severity: string; predio?: string }[];
  cambios: { predio: string; campos: string[] }[];
}

export type PrediosService = ReturnType<typeof createPrediosService>;

export function createPrediosService(deps: { db: Db; audit: AuditService }) {
  const { db, audit } = deps;

  async function currentRecords(tx: Tx, tenantId: string): Promise<CadastralRecord[]> {
    const rows = await tx
      .select({ registro: predio.registro })
      .from(predio)
      .where(and(eq(predio.tenantId, tenantId), eq(predio.estado, 'activo')));
    return rows.map((row) => row.registro as unknown as CadastralRecord);
  }

  /**
   * Applies a cadastral roll: new predios are added, changed ones updated field by field (avalúo history
   * kept per vigencia), absent ones retired. All in one transaction, so a roll is applied whole or not at
   * all, and the same file twice is refused.
   */
  async function importRoll(actor: Actor, input: RollImportInput): Promise<RollImportReport> {
    const sha256 = crypto
      .createHash('sha256')
      .update(input.content)
      .update(input.r2 ?? '')
      .digest('hex');
    const read = readCadastralRoll(input.content, {
      formato: input.formato,
      municipio: input.divipola,
      ...(input.r2 ? { r2: input.r2 } : {}),
    });
    const errores = read.problems.filter((problem) => problem.severity === 'error').length;
    const base = {
      formato: read.formato,
      leidos: read.records.length,
      errores,
      avisos: read.problems.length - errores,
      problemas: read.problems
        .slice(0, PROBLEMS_KEPT)
        .map(({ line, code, detail, severity, predio: code30 }) => ({
          line,
          code,
          detail,
          severity,
          ...(code30 ? { predio: code30 } : {}),
        })),
    };
    const rejected = read.formato === null || (errores > 0 && input.strict !== false);
    return db.transaction(async (tx) => {
      const [previous] = await tx
        .select({ id: cadastreImport.id })
        .from(cadastreImport)
        .where(
          and(
            eq(cadastreImport.tenantId, input.tenantId),
            eq(cadastreImport.sha256, sha256),
            eq(cadastreImport.estado, 'aplicada'),
          ),
        );
      if (previous) {
        throw conflict(
          'ROLL_ALREADY_APPLIED',
          'Este archivo catastral ya fue aplicado; no se aplica dos veces.',
        );
      }
      if (rejected) {
        const report: RollImportReport = {
          importId: null,
          estado: 'rechazada',
          ...base,
          nuevos: 0,
          cambiados: 0,
          sinCambios: 0,
          retirados: 0,
          ambiguos: 0,
          protegidos: 0,
          cambios: [],
        };
        const [row] = await tx
          .insert(cadastreImport)
          .values({
            tenantId: input.tenantId,
            formato: read.formato ?? 'desconocido',
            sha256,
            estado: 'rechazada',
            resumen: summaryOf(report),
            problemas: base.problemas,
            createdByUserId: actor.userId,
          })
          .returning({ id: cadastreImport.id });
        await audit.record(tx, actor, {
          action: 'cadastre.import_rejected',
          entityType: 'cadastre_import',
          entityId: row!.id,
          details: summaryOf(report),
        });
        return { ...report, importId: row!.id };
      }

      const diff = diffRoll(await currentRecords(tx, input.tenantId), read.records, {
        codigosNoLeidos: predioCodesWithErrors(read.problems),
      });
      const [importRow] = await tx
        .insert(cadastreImport)
        .values({
          tenantId: input.tenantId,
          formato: read.formato!,
          sha256,
          estado: 'aplicada',
          resumen: {},
          problemas: base.problemas,
          createdByUserId: actor.userId,
        })
        .returning({ id: cadastreImport.id });
      const importId = importRow!.id;

      await insertPredios(tx, input.tenantId, importId, diff.nuevos);
      for (const changed of diff.cambiados) {
        await updatePredio(tx, input.tenantId, importId, mergeRecord(changed.actual, changed.nuevo), changed);
      }
      const retiredRecords = input.complete === false ? [] : diff.eliminados;
      const retiredCodes = retiredRecords.map(codigoDePredio);
      for (let start = 0; start < retiredCodes.length; start += CHUNK) {
        const codes = retiredCodes.slice(start, start + CHUNK);
        await tx
          .update(predio)
          .set({ estado: 'retirado', lastImportId: importId, updatedAt: sql`now()` })
          .where(
            and(
              eq(predio.tenantId, input.tenantId),
              or(inArray(predio.numeroPredial, codes), inArray(predio.numeroPredialAnterior, codes)),
            ),
          );
      }
      const report: RollImportReport = {
        importId,
        estado: 'aplicada',
        ...base,
        nuevos: diff.nuevos.length,
        cambiados: diff.cambiados.length,
        sinCambios: diff.sinCambios,
        retirados: retiredRecords.length,
        ambiguos: diff.ambiguos.length,
        protegidos: diff.protegidos.length,
        cambios: diff.cambiados.slice(0, PROBLEMS_KEPT).map((changed) => ({
          predio: codigoDePredio(changed.nuevo),
          campos: changed.cambios.map((cambio) => cambio.campo),
        })),
      };
      await tx
        .update(cadastreImport)
        .set({ resumen: summaryOf(report) })
        .where(eq(cadastreImport.id, importId));
      await audit.record(tx, actor, {
        action: 'cadastre.import',
        entityType: 'cadastre_import',
        entityId: importId,
        details: summaryOf(report),
      });
      return report;
    });
  }

  async function insertPredios(tx: Tx, tenantId: string, importId: string, records: CadastralRecord[]) {
    for (let start = 0; start < records.length; start += CHUNK) {
      const chunk = records.slice(start, start + CHUNK);
      const inserted = await tx
        .insert(predio)
        .values(chunk.map((record) => ({ tenantId, lastImportId: importId, ...columnsOf(record) })))
        .returning({ id: predio.id });
      await writeAvaluos(
        tx,
        importId,
        chunk.map((record, index) => ({ predioId: inserted[index]!.id, record })),
      );
      await writeTitulares(
        tx,
        tenantId,
        chunk.map((record, index) => ({ predioId: inserted[index]!.id, record })),
      );
    }
  }

  async function updatePredio(
    tx: Tx,
    tenantId: string,
    importId: string,
    merged: CadastralRecord,
    changed: { actual: CadastralRecord; cambios: { campo: string }[] },
  ) {
    const [row] = await tx
      .update(predio)
      .set({ ...columnsOf(merged), lastImportId: importId, updatedAt: sql`now()` })
      .where(and(eq(predio.tenantId, tenantId), codeCondition(changed.actual)))
      .returning({ id: predio.id });
    if (!row) return;
    const fields = new Set(changed.cambios.map((cambio) => cambio.campo));
    if (fields.has('avaluo')) await writeAvaluos(tx, importId, [{ predioId: row.id, record: merged }]);
    if (fields.has('propietarios')) {
      await tx.delete(predioTitular).where(eq(predioTitular.predioId, row.id));
      await writeTitulares(tx, tenantId, [{ predioId: row.id, record: merged }]);
    }
  }

  async function writeAvaluos(
    tx: Tx,
    importId: string,
    items: { predioId: string; record: CadastralRecord }[],
  ) {
    const rows = items
      .filter((item) => item.record.avaluo)
      .map(({ predioId, record }) => ({
        predioId,
        vigencia: record.avaluo!.vigencia,
        avaluo: record.avaluo!.pesos,
        fecha: record.avaluo!.fecha,
        importId,
      }));
    if (rows.length === 0) return;
    await tx
      .insert(predioAvaluo)
      .values(rows)
      .onConflictDoUpdate({
        target: [predioAvaluo.predioId, predioAvaluo.vigencia],
        set: { avaluo: sql`excluded.avaluo`, fecha: sql`excluded.fecha`, importId: sql`excluded.import_id` },
      });
  }

  async function writeTitulares(
    tx: Tx,
    tenantId: string,
    items: { predioId: string; record: CadastralRecord }[],
  ) {
    const rows = items.flatMap(({ predioId, record }) =>
      record.propietarios.map((owner) => ({
        tenantId,
        predioId,
        calidad: owner.calidad,
        documentType: owner.tipoDocumento,
        documentNumber: owner.numeroDocumento,
        nombre: owner.nombre,
        participacionNumerador: owner.participacion?.numerador ?? null,
        participacionDenominador: owner.participacion?.denominador ?? null,
      })),
    );
    if (rows.length > 0) await tx.insert(predioTitular).values(rows);
  }

  /** A predio by either of its codes, as a cashier or a citizen types it. */
  async function findByNumero(tenantId: string, divipola: string, text: string) {
    const parsed = parseNumeroPredial(text, { municipio: divipola });
    const column = parsed.tipo === 'nacional' ? predio.numeroPredial : predio.numeroPredialAnterior;
    const [row] = await db
      .select()
      .from(predio)
      .where(and(eq(predio.tenantId, tenantId), eq(column, parsed.codigo)));
    return row;
  }

  async function getByNumero(tenantId: string, divipola: string, text: string) {
    const row = await findByNumero(tenantId, divipola, text);
    if (!row) throw notFound('No existe un predio con ese número predial en el municipio.');
    return row;
  }

  async function avaluosOf(predioId: string) {
    return db
      .select()
      .from(predioAvaluo)
      .where(eq(predioAvaluo.predioId, predioId))
      .orderBy(predioAvaluo.vigencia);
  }

  async function getById(tenantId: string, id: string) {
    const [row] = await db
      .select()
      .from(predio)
      .where(and(eq(predio.tenantId, tenantId), eq(predio.id, id)));
    if (!row) throw notFound('El predio no existe.');
    return row;
  }

  async function titularesOf(predioId: string) {
    return db.select().from(predioTitular).where(eq(predioTitular.predioId, predioId));
  }

  /** The predios a person holds, by the document on their account ("mis predios"). */
  async function ofHolder(tenantId: string, documentType: string, documentNumber: string) {
    const rows = await db
      .select({ predio })
      .from(predioTitular)
      .innerJoin(predio, eq(predio.id, predioTitular.predioId))
      .where(
        and(
          eq(predioTitular.tenantId, tenantId),
          eq(predioTitular.documentType, documentType),
          eq(predioTitular.documentNumber, documentNumber),
          eq(predio.estado, 'activo'),
        ),
      );
    return rows.map((row) => row.predio);
  }

  async function isHolder(tenantId: string, predioId: string, documentType: string, documentNumber: string) {
    const [row] = await db
      .select({ id: predioTitular.id })
      .from(predioTitular)
      .where(
        and(
          eq(predioTitular.tenantId, tenantId),
          eq(predioTitular.predioId, predioId),
          eq(predioTitular.documentType, documentType),
          eq(predioTitular.documentNumber, documentNumber),
        ),
      );
    return Boolean(row);
  }

  /**
   * The registry search of the tax office: by either code (or its first digits), by an owner's document,
   * or by words of the address. At most `limit` rows.
   */
  async function search(tenantId: string, text: string, limit = 50) {
    const query = text.trim();
    const digits = query.replace(/[\s.-]/g, '');
    if (/^\d{4,30}$/.test(digits)) {
      const byCode = await db
        .select()
        .from(predio)
        .where(
          and(
            eq(predio.tenantId, tenantId),
            or(
              sql`${predio.numeroPredial} like ${`${digits}%`}`,
              sql`${predio.numeroPredialAnterior} like ${`${digits}%`}`,
            ),
          ),
        )
        .orderBy(predio.numeroPredial)
        .limit(limit);
      if (byCode.length > 0) return byCode;
      const byOwner = await db
        .select({ predio })
        .from(predioTitular)
        .innerJoin(predio, eq(predio.id, predioTitular.predioId))
        .where(and(eq(predioTitular.tenantId, tenantId), eq(predioTitular.documentNumber, digits)))
        .limit(limit);
      return byOwner.map((row) => row.predio);
    }
    const pattern = `%${query.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
    return db
      .select()
      .from(predio)
      .where(and(eq(predio.tenantId, tenantId), sql`${predio.direccion} ilike ${pattern}`))
      .orderBy(predio.direccion)
      .limit(limit);
  }

  /** An official's correction of an avalúo (audited); the caller re-liquidates the vigencia. */
  async function setAvaluo(
    actor: Actor,
    input: { predioId: string; vigencia: number; avaluo: number; reason: string },
  ) {
    const row = await getById(actor.tenantId, input.predioId);
    return db.transaction(async (tx) => {
      const [previous] = await tx
        .select()
        .from(predioAvaluo)
        .where(and(eq(predioAvaluo.predioId, row.id), eq(predioAvaluo.vigencia, input.vigencia)));
      await tx
        .insert(predioAvaluo)
        .values({ predioId: row.id, vigencia: input.vigencia, avaluo: input.avaluo, actualizado: true })
        .onConflictDoUpdate({
          target: [predioAvaluo.predioId, predioAvaluo.vigencia],
          set: { avaluo: input.avaluo, importId: null },
        });
      await audit.record(tx, actor, {
        action: 'taxes.predio.avaluo',
        entityType: 'predio',
        entityId: row.id,
        details: {
          vigencia: input.vigencia,
          from: previous?.avaluo ?? null,
          to: input.avaluo,
          reason: input.reason,
        },
      });
      return { previous: previous?.avaluo ?? null, avaluo: input.avaluo };
    });
  }

  /** An official's correction of the registry's descriptive fields (audited field by field). */
  async function updateFields(
    actor: Actor,
    predioId: string,
    changes: Partial<{
      direccion: string;
      destinoLetra: string;
      estrato: number | null;
      areaTerrenoM2: string;
      areaConstruidaM2: string;
    }>,
    reason: string,
  ) {
    const row = await getById(actor.tenantId, predioId);
    const changed = Object.entries(changes).filter(
      ([field, value]) =>
        value !== undefined && String(row[field as keyof typeof row] ?? '') !== String(value ?? ''),
    );
    if (changed.length === 0) return row;
    return db.transaction(async (tx) => {
      const [updated] = await tx
        .update(predio)
        .set({ ...Object.fromEntries(changed), updatedAt: sql`now()` })
        .where(eq(predio.id, row.id))
        .returning();
      await audit.record(tx, actor, {
        action: 'taxes.predio.edit',
        entityType: 'predio',
        entityId: row.id,
        details: {
          reason,
          changes: Object.fromEntries(
            changed.map(([field, value]) => [
              field,
              { from: row[field as keyof typeof row] ?? null, to: value },
            ]),
          ),
        },
      });
      return updated!;
    });
  }

  return {
    updateFields,
    setAvaluo,
    importRoll,
    findByNumero,
    getByNumero,
    getById,
    avaluosOf,
    titularesOf,
    ofHolder,
    isHolder,
    search,
  };
}

function codeCondition(record: CadastralRecord) {
  return record.numeroPredialNacional
    ? eq(predio.numeroPredial, record.numeroPredialNacional)
    : eq(predio.numeroPredialAnterior, record.numeroPredialAnterior!);
}

/** The searchable copies of a canonical record, and the record itself (validated on the way in). */
export function columnsOf(record: CadastralRecord) {
  const valid = cadastralRecordSchema.parse(record);
  return {
    numeroPredial: valid.numeroPredialNacional,
    numeroPredialAnterior: valid.numeroPredialAnterior,
    matriculaInmobiliaria: valid.matriculaInmobiliaria,
    direccion: valid.direccion,
    destinoLetra: valid.destino.letra,
    destinoLadm: valid.destino.ladm,
    estrato: valid.estrato,
    areaTerrenoM2: valid.areaTerrenoM2 === null ? null : valid.areaTerrenoM2.toFixed(2),
    areaConstruidaM2: valid.areaConstruidaM2 === null ? null : valid.areaConstruidaM2.toFixed(2),
    registro: valid as unknown as Record<string, unknown>,
  };
}

function summaryOf(report: RollImportReport): Record<string, number> {
  const { leidos, nuevos, cambiados, sinCambios, retirados, ambiguos, protegidos, errores, avisos } = report;
  return { leidos, nuevos, cambiados, sinCambios, retirados, ambiguos, protegidos, errores, avisos };
}
