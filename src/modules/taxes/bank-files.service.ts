import { and, desc, eq } from 'drizzle-orm';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import type { Actor } from '../../platform/authz/actor.ts';
import { toBogotaDate } from '../../platform/calendar/index.ts';
import type { Db, Tx } from '../../platform/db/database.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { TenantService } from '../../platform/tenancy/tenancy.service.ts';
import {
  type Asobancaria2001ImportReport,
  type AsobancariaReportError,
  listAsobancariaPayments,
  normaliseReference,
  parseAsobancaria2001,
  toAsobancariaImportReport,
  validateAsobancaria2001,
} from './asobancaria/index.ts';
import { bankFile, bill } from './billing.schema.ts';
import type { BillingService } from './billing.service.ts';

export interface BankFileImport {
  /** When false nothing is written: the report says what an import would do. */
  apply: boolean;
  content: Buffer | string;
  fileName?: string;
  fileId?: string | null;
  /** Skip the checks against the bills (a format check of a file, e.g. from another biller). */
  structureOnly?: boolean;
}

export type BankFileReport = Asobancaria2001ImportReport & {
  fileId: string | null;
  state: 'aplicado' | 'rechazado' | 'simulado';
};

export type BankFilesService = ReturnType<typeof createBankFilesService>;

/**
 * Asobancaria 2001 collection files (issue 3): validated in full — layout, controls, dates, duplicates and
 * every detail against its bill (known reference, an amount the bill offers, paid by that option's date) —
 * then applied whole in one transaction, or rejected whole with the report. The same content twice is
 * refused; each detail is a payment keyed by bank, date, lot, sequence, reference and amount.
 */
export function createBankFilesService(deps: {
  db: Db;
  billing: BillingService;
  audit: AuditService;
  tenants: Pick<TenantService, 'getById'>;
  now?: () => Date;
}) {
  const { db, billing, audit, tenants } = deps;
  const now = deps.now ?? (() => new Date());

  async function importFile(actor: Actor, input: BankFileImport): Promise<BankFileReport> {
    const tenant = await tenants.getById(actor.tenantId);
    const parsed = parseAsobancaria2001(input.content);
    const payments = listAsobancariaPayments(parsed);
    const appliedBefore = await db
      .select({ id: bankFile.id })
      .from(bankFile)
      .where(
        and(
          eq(bankFile.tenantId, actor.tenantId),
          eq(bankFile.sha256, parsed.contentSha256),
          eq(bankFile.state, 'aplicado'),
        ),
      );
    const billsByReference = new Map<string, Awaited<ReturnType<BillingService['getBill']>>>();
    if (!input.structureOnly) {
      for (const reference of new Set(payments.map((item) => normaliseReference(item.reference)))) {
        const found = await db
          .select({ id: bill.id })
          .from(bill)
          .where(and(eq(bill.tenantId, actor.tenantId), eq(bill.paymentReference, reference)));
        if (found[0]) billsByReference.set(reference, await billing.getBill(actor.tenantId, found[0].id));
      }
    }
    const validation = validateAsobancaria2001(parsed, {
      billerNit: tenant.nit ?? undefined,
      today: toBogotaDate(now()),
      isDuplicateFile: () => appliedBefore.length > 0,
      ...(input.structureOnly
        ? {}
        : { knownReferences: (reference: string) => billsByReference.has(reference) }),
    });
    const billErrors: AsobancariaReportError[] = [];
    if (!input.structureOnly) {
      for (const item of payments) {
        const target = billsByReference.get(normaliseReference(item.reference));
        if (!target) continue;
        const date = item.collectionDate ?? toBogotaDate(now());
        if (target.state === 'anulada') {
          billErrors.push({
            line: item.line,
            code: 'BILL_NOT_PAYABLE',
            detail: `Línea ${item.line}: la factura ${target.number} fue anulada.`,
          });
          continue;
        }
        const sameAmount = target.options.filter((option) => option.total === item.amount);
        if (sameAmount.length === 0) {
          billErrors.push({
            line: item.line,
            code: 'AMOUNT_NOT_ON_BILL',
            detail: `Línea ${item.line}: el valor ${item.amount.toLocaleString('es-CO')} no corresponde a ningún total de la factura ${target.number} (${target.options.map((option) => option.total.toLocaleString('es-CO')).join(' o ')}).`,
          });
        } else if (!sameAmount.some((option) => option.payBy >= date)) {
          billErrors.push({
            line: item.line,
            code: 'PAID_AFTER_DUE_DATE',
            detail: `Línea ${item.line}: el banco recibió ${item.amount.toLocaleString('es-CO')} el ${date}, después del ${sameAmount[0]!.payBy}, último día de ese valor en la factura ${target.number}.`,
          });
        }
      }
    }
    const errors = [...validation.errors, ...billErrors].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    const checked = { ...validation, errors, valid: errors.length === 0 };

    if (!input.apply) return { ...toAsobancariaImportReport(checked, 0), fileId: null, state: 'simulado' };
    if (!checked.valid) {
      const report = toAsobancariaImportReport(checked, 0);
      const [row] = await db
        .insert(bankFile)
        .values(rowOf(actor, input, parsed.contentSha256, report, 'rechazado'))
        .returning({ id: bankFile.id });
      await audit.record(db, actor, {
        action: 'taxes.bank_file.reject',
        entityType: 'bank_file',
        entityId: row!.id,
        details: { errors: report.errors.length, records: report.records, total: report.total },
      });
      return { ...report, fileId: row!.id, state: 'rechazado' };
    }
    return db.transaction(async (tx) => {
      const [row] = await tx
        .insert(bankFile)
        .values(rowOf(actor, input, parsed.contentSha256, toAsobancariaImportReport(checked, 0), 'aplicado'))
        .returning({ id: bankFile.id });
      let applied = 0;
      for (const item of payments) {
        const target = billsByReference.get(normaliseReference(item.reference))!;
        const date = item.collectionDate ?? toBogotaDate(now());
        const option = target.options.find(
          (candidate) => candidate.total === item.amount && candidate.payBy >= date,
        )!;
        const recorded = await billing.recordPayment(
          {
            tenantId: actor.tenantId,
            billId: target.id,
            optionSeq: option.seq,
            channel: 'banco',
            externalId: item.idempotencyKey,
            amount: item.amount,
            paidAt: new Date(`${date}T12:00:00-05:00`),
            collectionDate: date,
            bankCode: item.bankCode,
            bankFileId: row!.id,
            recordedByUserId: actor.userId,
          },
          tx as Tx,
        );
        if (recorded.created) applied++;
      }
      const report = toAsobancariaImportReport(checked, applied);
      await tx
        .update(bankFile)
        .set({ applied, report: report as never })
        .where(eq(bankFile.id, row!.id));
      await audit.record(tx, actor, {
        action: 'taxes.bank_file.apply',
        entityType: 'bank_file',
        entityId: row!.id,
        details: { records: report.records, total: report.total, applied },
      });
      return { ...report, fileId: row!.id, state: 'aplicado' as const };
    });
  }

  function rowOf(
    actor: Actor,
    input: BankFileImport,
    sha256: string,
    report: Asobancaria2001ImportReport,
    state: 'aplicado' | 'rechazado',
  ) {
    return {
      tenantId: actor.tenantId,
      sha256,
      fileName: input.fileName ?? null,
      fileId: input.fileId ?? null,
      bankCode: report.bank?.code ?? null,
      collectionDate: report.collectionDate,
      state,
      records: report.records,
      total: report.total,
      applied: report.applied,
      report: report as never,
      uploadedByUserId: actor.userId,
    };
  }

  async function list(tenantId: string) {
    return db
      .select({
        id: bankFile.id,
        fileName: bankFile.fileName,
        bankCode: bankFile.bankCode,
        collectionDate: bankFile.collectionDate,
        state: bankFile.state,
        records: bankFile.records,
        total: bankFile.total,
        applied: bankFile.applied,
        createdAt: bankFile.createdAt,
      })
      .from(bankFile)
      .where(eq(bankFile.tenantId, tenantId))
      .orderBy(desc(bankFile.createdAt))
      .limit(100);
  }

  async function get(tenantId: string, id: string) {
    const [row] = await db
      .select()
      .from(bankFile)
      .where(and(eq(bankFile.tenantId, tenantId), eq(bankFile.id, id)));
    if (!row) throw notFound('El archivo bancario no existe.');
    return row;
  }

  return { importFile, list, get };
}
