import type { AppContext } from '../context.ts';
import { type AuditFiltersQuery, toAuditFilters } from './audit.routes.ts';
import type { AuditRecord } from './audit.service.ts';

export const AUDIT_EXPORT_QUEUE = 'audit.export';

const COLUMNS = [
  'id',
  'fecha_utc',
  'actor_id',
  'actor',
  'accion',
  'tipo',
  'registro',
  'ip',
  'agente',
  'solicitud',
  'detalles',
];

/** RFC 4180 quoting; a leading =, +, - or @ is neutralised so spreadsheets do not run it as a formula. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let textValue =
    typeof value === 'string' ? value : value instanceof Date ? value.toISOString() : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(textValue)) textValue = `'${textValue}`;
  return /[",\n\r]/.test(textValue) ? `"${textValue.replaceAll('"', '""')}"` : textValue;
}

export function auditRowToCsv(row: AuditRecord): string {
  return [
    row.id,
    row.at,
    row.actorUserId,
    row.actorLabel,
    row.action,
    row.entityType,
    row.entityId,
    row.ip,
    row.userAgent,
    row.requestId,
    row.details,
  ]
    .map(csvCell)
    .join(',');
}

/** Builds the CSV in batches, reporting progress, and stores it as a file the requester may download. */
export function registerAuditExportJob(ctx: AppContext): void {
  ctx.jobs.register<{ filters: AuditFiltersQuery; requestedBy: string | null }>(
    AUDIT_EXPORT_QUEUE,
    async (job) => {
      const tenantId = job.tenantId!;
      const filters = toAuditFilters(job.data.filters);
      const total = await ctx.audit.countMatching(tenantId, filters);
      await job.progress(0, total, 'Preparando la exportación');
      const lines = [COLUMNS.join(',')];
      let done = 0;
      for await (const batch of ctx.audit.iterate(tenantId, filters)) {
        for (const row of batch) lines.push(auditRowToCsv(row));
        done += batch.length;
        await job.progress(Math.min(done, total), total, `${done} de ${total} registros`);
      }
      const file = await ctx.files.saveGenerated({
        tenantId,
        ownerUserId: job.data.requestedBy,
        purpose: 'audit_export',
        originalName: `auditoria-${new Date().toISOString().slice(0, 10)}.csv`,
        mediaType: 'text/csv',
        // A BOM so spreadsheet programs read the accents as UTF-8.
        bytes: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'),
      });
      return { resultFileId: file.id, message: `Exportación lista: ${done} registros.` };
    },
  );
}
