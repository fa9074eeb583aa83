import { desc, eq } from 'drizzle-orm';
import { systemActor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { FormatoCatastral } from './cadastre/index.ts';
import { cadastreImport } from './predios.schema.ts';
import type { TaxesServices } from './taxes.module.ts';

export const CADASTRE_IMPORT_QUEUE = 'taxes.cadastre-import';

export interface CadastreImportData {
  fileId: string;
  r2FileId: string | null;
  formato: FormatoCatastral | null;
  strict: boolean;
  /** The whole roll: predios absent from it are retired. */
  complete: boolean;
  userId: string | null;
}

/**
 * The roll the gestor catastral delivers, applied by the worker (a city's roll is hundreds of MB of
 * work): whole or refused whole, never twice; the report stays in cadastre_import.
 */
export function registerCadastreImportJob(ctx: AppContext, services: TaxesServices): void {
  ctx.jobs.register<CadastreImportData>(
    CADASTRE_IMPORT_QUEUE,
    async (job) => {
      const tenantId = job.tenantId!;
      const tenant = await ctx.tenants.getById(tenantId);
      const read = async (id: string) => {
        const record = await ctx.files.findRecord(tenantId, id);
        if (!record) throw new Error(`Archivo ${id} inexistente`);
        return ctx.files.read(record);
      };
      await job.progress(0, 1, 'Leyendo el archivo catastral…');
      const content = await read(job.data.fileId);
      const r2 = job.data.r2FileId ? await read(job.data.r2FileId) : undefined;
      const actor = { ...systemActor(tenantId, 'importación del catastro'), userId: job.data.userId };
      const report = await services.predios.importRoll(actor, {
        tenantId,
        divipola: tenant.divipola,
        content,
        ...(r2 ? { r2 } : {}),
        ...(job.data.formato ? { formato: job.data.formato } : {}),
        strict: job.data.strict,
        complete: job.data.complete,
      });
      await job.progress(1, 1);
      return {
        message:
          report.estado === 'aplicada'
            ? `Catastro aplicado: ${report.leidos} predios leídos, ${report.nuevos} nuevos, ${report.cambiados} cambiados, ${report.retirados} retirados.`
            : `Catastro rechazado: ${report.errores} errores (vea el informe).`,
        result: { importId: report.importId, estado: report.estado },
      };
    },
    { retryLimit: 0, expireInSeconds: 2 * 3600 },
  );
}

/** The rolls applied or refused, newest first, with their counts and first problems. */
export async function listCadastreImports(ctx: AppContext, tenantId: string) {
  const rows = await ctx.db
    .select()
    .from(cadastreImport)
    .where(eq(cadastreImport.tenantId, tenantId))
    .orderBy(desc(cadastreImport.createdAt))
    .limit(50);
  return rows.map((row) => ({
    id: row.id,
    formato: row.formato,
    estado: row.estado,
    resumen: row.resumen,
    problemas: (row.problemas as { line: number; code: string; detail: string; severity: string }[]).slice(
      0,
      200,
    ),
    createdAt: row.createdAt.toISOString(),
  }));
}
