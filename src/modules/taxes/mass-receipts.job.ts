import { Zip, ZipPassThrough } from 'fflate';
import { systemActor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { TaxesServices } from './taxes.module.ts';
import { renderBillReceipt } from './taxes.receipts.ts';
import { predioSnapshot } from './taxes.views.ts';

export const MASS_RECEIPTS_QUEUE = 'taxes.mass-receipts';
/** Receipts per ZIP: a print shop's batch, and a file small enough to download (~60 MB). */
const RECEIPTS_PER_ZIP = 2000;
const PAGE = 500;

export interface MassReceiptsData {
  vigencia: number;
  userId: string | null;
}

/** Builds one ZIP in memory from already-compressed PDFs (stored, not deflated again). */
function zipOf(entries: { name: string; bytes: Buffer }[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    const zip = new Zip((error, chunk, final) => {
      if (error) return reject(error);
      chunks.push(chunk);
      if (final) resolve(Buffer.concat(chunks));
    });
    for (const entry of entries) {
      const file = new ZipPassThrough(entry.name);
      zip.add(file);
      file.push(entry.bytes, true);
    }
    zip.end();
  });
}

/**
 * Bills and receipts of a whole vigencia for printing and mailing (issue 3): every predio that owes
 * something of the vigencia (outside a payment agreement) gets its bill — the same bill if it was
 * already issued today — and its receipt PDF, in ZIPs of 2,000, with a CSV manifest. Re-running it the
 * same day issues nothing new.
 */
export function registerMassReceiptsJob(ctx: AppContext, services: TaxesServices): void {
  ctx.jobs.register<MassReceiptsData>(
    MASS_RECEIPTS_QUEUE,
    async (job) => {
      const tenantId = job.tenantId!;
      const tenant = await ctx.tenants.getById(tenantId);
      const actor = { ...systemActor(tenantId, 'facturación masiva'), userId: job.data.userId };
      const { rows: counted } = await ctx.database.raw.query<{ n: number }>(
        `select count(distinct subject_id)::int as n from tax_demand
          where tenant_id = $1 and tax = 'predial' and vigencia = $2 and settled < amount`,
        [tenantId, job.data.vigencia],
      );
      const total = counted[0]!.n;
      const manifest = ['numero_predial;referencia_pago;factura;total_primera_fecha;primera_fecha;lote'];
      const files: string[] = [];
      let batch: { name: string; bytes: Buffer }[] = [];
      let done = 0;
      let skipped = 0;
      let cursor: string | null = null;
      const flush = async () => {
        if (batch.length === 0) return;
        const lot = files.length + 1;
        const saved = await ctx.files.saveGenerated({
          tenantId,
          ownerUserId: job.data.userId,
          purpose: 'mass_receipts',
          originalName: `facturas-predial-${job.data.vigencia}-lote-${String(lot).padStart(3, '0')}.zip`,
          mediaType: 'application/zip',
          bytes: await zipOf(batch),
        });
        files.push(saved.id);
        batch = [];
      };
      for (;;) {
        const page: { rows: { subject_id: string }[] } = await ctx.database.raw.query<{ subject_id: string }>(
          `select distinct subject_id from tax_demand
            where tenant_id = $1 and tax = 'predial' and vigencia = $2 and settled < amount
              and ($3::uuid is null or subject_id > $3::uuid)
            order by subject_id limit ${PAGE}`,
          [tenantId, job.data.vigencia, cursor],
        );
        const { rows } = page;
        if (rows.length === 0) break;
        for (const { subject_id: subjectId } of rows) {
          const predio = await services.predios.getById(tenantId, subjectId);
          const [avaluos, owners] = await Promise.all([
            services.predios.avaluosOf(predio.id),
            services.predios.titularesOf(predio.id),
          ]);
          try {
            const bill = await services.billing.issueBill(actor, {
              tax: 'predial',
              subjectId,
              snapshot: predioSnapshot(predio, avaluos, owners) as never,
            });
            const code = predio.numeroPredial ?? predio.numeroPredialAnterior ?? predio.id;
            batch.push({
              name: `${code}-${bill.paymentReference}.pdf`,
              bytes: renderBillReceipt(bill, tenant, ctx.config.PUBLIC_URL, { includeOwners: true }),
            });
            const first = bill.options[0]!;
            manifest.push(
              [code, bill.paymentReference, bill.number, first.total, first.payBy, files.length + 1].join(
                ';',
              ),
            );
          } catch (error) {
            // A predio whose debt is all in an agreement is billed by instalment, not here.
            if (!(error instanceof AppError) || error.status !== 409) throw error;
            skipped++;
          }
          done++;
          if (batch.length === RECEIPTS_PER_ZIP) await flush();
        }
        cursor = rows[rows.length - 1]!.subject_id;
        await job.progress(
          done,
          total,
          `${done.toLocaleString('es-CO')} de ${total.toLocaleString('es-CO')} facturas`,
        );
      }
      await flush();
      const manifestFile = await ctx.files.saveGenerated({
        tenantId,
        ownerUserId: job.data.userId,
        purpose: 'mass_receipts',
        originalName: `facturas-predial-${job.data.vigencia}-manifiesto.csv`,
        mediaType: 'text/csv',
        bytes: Buffer.from(`\uFEFF${manifest.join('\r\n')}\r\n`),
      });
      return {
        message: `Facturación ${job.data.vigencia}: ${done - skipped} facturas en ${files.length} archivos ZIP; ${skipped} predios con su deuda en acuerdo de pago.`,
        resultFileId: manifestFile.id,
        result: { bills: done - skipped, skipped, zipFileIds: files },
      };
    },
    { retryLimit: 1, expireInSeconds: 6 * 3600 },
  );
}
