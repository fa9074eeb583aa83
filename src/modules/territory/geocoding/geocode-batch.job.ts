import type { AppContext } from '../../../platform/context.ts';
import { readBatchFile, writeBatchFile } from './batch-file.ts';
import type { GeocodingService } from './geocoding.service.ts';
import type { Precision } from './local-geocoder.rules.ts';

export const GEOCODE_BATCH_QUEUE = 'territory.geocode-batch';

export interface GeocodeBatchData {
  fileId: string;
  fileName: string;
  userId: string | null;
}

/** Rows between two progress reports: frequent enough for the bar, rare enough to cost nothing. */
const PROGRESS_EVERY = 500;

/**
 * Geocodes an uploaded CSV/XLSX in the worker and stores the same file with the result columns added;
 * the official follows the progress bar and downloads it. Bad rows get their honest status.
 */
export function registerGeocodeBatchJob(ctx: AppContext, geocoding: GeocodingService): void {
  ctx.jobs.register<GeocodeBatchData>(
    GEOCODE_BATCH_QUEUE,
    async (job) => {
      const tenantId = job.tenantId!;
      const record = await ctx.files.findRecord(tenantId, job.data.fileId);
      if (!record) throw new Error(`Archivo ${job.data.fileId} inexistente`);
      await job.progress(0, undefined, 'Leyendo el archivo…');
      const table = await readBatchFile(job.data.fileName, await ctx.files.read(record));
      const total = table.queries.length;
      const results = await geocoding.geocodeMany(tenantId, table.queries, {
        progressEvery: PROGRESS_EVERY,
        onProgress: (done) => job.progress(done, total, `${done} de ${total} direcciones`),
      });
      const bytes = await writeBatchFile(table, results);
      const base = job.data.fileName.replace(/\.(csv|txt|xlsx)$/i, '');
      const file = await ctx.files.saveGenerated({
        tenantId,
        ownerUserId: job.data.userId,
        purpose: 'geocode_batch_result',
        originalName: `${base}-geocodificado.${table.format}`,
        mediaType:
          table.format === 'csv'
            ? 'text/csv'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        bytes: Buffer.from(bytes),
      });
      const byPrecision: Partial<Record<Precision, number>> = {};
      for (const result of results) byPrecision[result.precision] = (byPrecision[result.precision] ?? 0) + 1;
      const located = total - (byPrecision.ninguna ?? 0);
      return {
        resultFileId: file.id,
        message: `Listo: ${located} de ${total} direcciones ubicadas (${describe(byPrecision)}).`,
        result: { total, byPrecision },
      };
    },
    { retryLimit: 0, expireInSeconds: 2 * 3600 },
  );
}

const LABELS: Record<Precision, string> = {
  punto: 'punto exacto',
  interpolada: 'interpoladas',
  interseccion: 'en un cruce',
  en_linea: 'en línea',
  barrio: 'por barrio',
  municipio: 'por municipio',
  ninguna: 'sin ubicar',
};

function describe(counts: Partial<Record<Precision, number>>): string {
  return (Object.entries(counts) as [Precision, number][])
    .map(([key, n]) => `${n} ${LABELS[key]}`)
    .join(', ');
}
