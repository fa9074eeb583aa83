import { createHash } from 'node:crypto';
import { and, asc, count, desc, eq, gte, ilike, lt, or, type SQL, sql } from 'drizzle-orm';
import type { AuditService } from '../../platform/audit/audit.service.ts';
import { type Actor, can } from '../../platform/authz/actor.ts';
import { toBogotaDate } from '../../platform/calendar/index.ts';
import type { Db, DbOrTx } from '../../platform/db/database.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import type { FileService, StoredFileRecord } from '../../platform/files/index.ts';
import { AppError, forbidden, notFound } from '../../platform/http/errors.ts';
import { nextIdentifier } from '../../platform/identifiers/index.ts';
import { CORRESPONDENCE_PERMISSIONS as P } from './correspondence.authz.ts';
import { CorrespondenceError } from './correspondence.errors.ts';
import {
  bogotaDayEnd,
  bogotaDayStart,
  type CorrespondenceMedium,
  expedienteSeries,
  foliate,
  formatExpedienteCode,
  isValidIdempotencyKey,
  normalizeRadicado,
  RADICADO_SERIES,
  retentionSchedule,
} from './correspondence.rules.ts';
import { type CorrespondenceDirection, correspondenceItem, expediente } from './correspondence.schema.ts';
import type { Dependencia, DependenciaDirectory } from './dependencias.ts';
import { TRD_DISPOSITION_LABELS, type TrdIndex } from './trd.ts';

// ---------------------------------------------------------------------------------------------------
// Inputs and views
// ---------------------------------------------------------------------------------------------------

export interface Party {
  name: string;
  entity?: string | null | undefined;
  contact?: string | null | undefined;
}

export interface RadicarInput {
  direction: CorrespondenceDirection;
  subject: string;
  summary?: string | null | undefined;
  sender: Party;
  recipient: Party;
  /** Code of the dependencia that handles it (entrada, interna) or sends it (salida). */
  dependencia: string;
  medium: CorrespondenceMedium;
  /** Paper sheets received or sent (0 for a born-digital communication). */
  folios?: number | undefined;
  /** A series or subseries code of that dependencia's TRD. */
  trdCode?: string | null | undefined;
  /** A salida that answers an entrada names it. */
  respondsToId?: string | null | undefined;
  /** The PQRSD this communication belongs to (2026-PQRSD-000123). */
  pqrsdRadicado?: string | null | undefined;
}

export interface UploadedAttachment {
  fileName: string;
  bytes: Buffer;
}

export interface SearchFilters {
  q?: string | undefined;
  direction?: CorrespondenceDirection | undefined;
  /** Dependencia code. */
  dependencia?: string | undefined;
  /** Bogotá calendar days, both included. */
  from?: string | undefined;
  to?: string | undefined;
  /** A series or subseries code. */
  trd?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

export interface ExpedienteInput {
  title: string;
  dependencia: string;
  /** A subseries code, or a series code without subseries. */
  trdCode: string;
}

export interface ExpedienteFilters {
  dependencia?: string | undefined;
  status?: 'abierto' | 'cerrado' | undefined;
  q?: string | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
}

type ItemRow = typeof correspondenceItem.$inferSelect;
type ExpedienteRow = typeof expediente.$inferSelect;

export interface DependenciaRef {
  code: string;
  name: string;
}

export interface TrdRef {
  seriesCode: string;
  seriesName: string;
  subseriesCode: string | null;
  subseriesName: string | null;
}

export interface ItemSummary {
  id: string;
  radicado: string;
  direction: CorrespondenceDirection;
  radicadoAt: Date;
  subject: string;
  senderName: string;
  senderEntity: string | null;
  recipientName: string;
  recipientEntity: string | null;
  dependencia: DependenciaRef;
  medium: CorrespondenceMedium;
  folios: number;
  trd: TrdRef | null;
  expediente: { id: string; code: string } | null;
  pqrsdRadicado: string | null;
  attachmentCount: number;
}

export interface AttachmentView {
  id: string;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
}

export interface ItemDetail extends ItemSummary {
  summary: string | null;
  senderContact: string | null;
  recipientContact: string | null;
  respondsTo: { id: string; radicado: string; subject: string } | null;
  answers: { id: string; radicado: string; radicadoAt: Date }[];
  attachments: AttachmentView[];
}

export interface ExpedienteSummary {
  id: string;
  code: string;
  title: string;
  dependencia: DependenciaRef;
  trd: TrdRef;
  status: 'abierto' | 'cerrado';
  openedAt: Date;
  closedAt: Date | null;
  itemCount: number;
}

export interface ExpedienteIndexEntry {
  order: number;
  itemId: string;
  radicado: string;
  direction: CorrespondenceDirection;
  radicadoAt: Date;
  subject: string;
  folios: number;
  folioStart: number | null;
  folioEnd: number | null;
  attachments: AttachmentView[];
}

export interface ExpedienteDetail extends ExpedienteSummary {
  retention: { gestion: number; central: number } | null;
  disposition: string | null;
  dispositionLabel: string | null;
  procedure: string | null;
  /** When closed: the years of transfer to the archivo central and of the final disposition. */
  schedule: { transferYear: number; dispositionYear: number } | null;
  index: ExpedienteIndexEntry[];
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

// ---------------------------------------------------------------------------------------------------
// Service
// ---------------------------------------------------------------------------------------------------

export interface CorrespondenceServiceDependencies {
  db: Db;
  files: FileService;
  audit: AuditService;
  trd: TrdIndex;
  dependencias: DependenciaDirectory;
  now?: () => Date;
}

export type CorrespondenceService = ReturnType<typeof createCorrespondenceService>;

/** What people may attach: digitised pages as PDF or images, judged by their magic bytes. */
export const ATTACHMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export const MAX_ATTACHMENTS = 20;
const ATTACHMENT_PURPOSE = 'correspondence';

const FOLD_FROM = 'áéíóúüñàèìòù';
const FOLD_TO = 'aeiouunaeiou';
/** The same folding as the generated search_vector column: lower case, without accents. */
const foldedQuery = (text: string) =>
  sql`websearch_to_tsquery('spanish', translate(lower(${text}), ${FOLD_FROM}, ${FOLD_TO}))`;

const LOCK_RADICAR = 0x43_4f_52_52; // 'CORR'
const LOCK_EXPEDIENTE = 0x45_58_50_44; // 'EXPD'

function lockKeyOf(...parts: string[]): number {
  return createHash('sha256').update(parts.join('\u0000')).digest().readInt32BE(0);
}

const yearOf = (instant: Date) => Number(toBogotaDate(instant).slice(0, 4));
const blankToNull = (value: string | null | undefined) => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

export function createCorrespondenceService(deps: CorrespondenceServiceDependencies) {
  const { db, files, audit, trd, dependencias } = deps;
  const now = deps.now ?? (() => new Date());

  // ───────── who sees what ─────────

  /** null: every dependencia; a string: only that dependencia's id. */
  async function readScope(actor: Actor): Promise<string | null> {
    if (can(actor, P.read)) return null;
    if (!can(actor, P.readOwn)) throw forbidden();
    const own = await dependencias.ofActor(actor);
    if (!own) {
      throw new CorrespondenceError(
        'SIN_DEPENDENCIA',
        'Su cuenta no tiene una dependencia asignada: pida al administrador que se la asigne para consultar su correspondencia.',
      );
    }
    return own.id;
  }

  function requireRegister(actor: Actor) {
    if (!can(actor, P.register)) throw forbidden();
  }

  async function dependenciaByCode(
    tenantId: string,
    code: string,
    field = 'dependencia',
  ): Promise<Dependencia> {
    const found = await dependencias.byCode(tenantId, code.trim());
    if (!found) {
      throw new CorrespondenceError('DEPENDENCIA_DESCONOCIDA', `La dependencia «${code}» no existe.`, field);
    }
    return found;
  }

  async function dependenciaNames(tenantId: string): Promise<(id: string) => DependenciaRef> {
    const rows = await dependencias.list(tenantId);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return (id) => {
      const row = byId.get(id);
      return row ? { code: row.code, name: row.name } : { code: '?', name: 'Dependencia desconocida' };
    };
  }

  function trdRefOf(seriesCode: string | null, subseriesCode: string | null): TrdRef | null {
    if (!seriesCode) return null;
    const series = trd.find(seriesCode);
    const subseries = subseriesCode ? trd.find(subseriesCode) : undefined;
    return {
      seriesCode,
      seriesName: series?.seriesName ?? seriesCode,
      subseriesCode,
      subseriesName: subseriesCode ? (subseries?.subseriesName ?? subseriesCode) : null,
    };
  }

  function summaryOf(
    row: ItemRow,
    names: (id: string) => DependenciaRef,
    expedienteCode: string | null,
  ): ItemSummary {
    return {
      id: row.id,
      radicado: row.radicado,
      direction: row.direction,
      radicadoAt: row.radicadoAt,
      subject: row.subject,
      senderName: row.senderName,
      senderEntity: row.senderEntity,
      recipientName: row.recipientName,
      recipientEntity: row.recipientEntity,
      dependencia: names(row.dependenciaId),
      medium: row.medium,
      folios: row.folios,
      trd: trdRefOf(row.trdSeries, row.trdSubseries),
      expediente: row.expedienteId && expedienteCode ? { id: row.expedienteId, code: expedienteCode } : null,
      pqrsdRadicado: row.pqrsdRadicado,
      attachmentCount: row.attachmentFileIds.length,
    };
  }

  async function attachmentsOf(tenantId: string, ids: readonly string[], tx: DbOrTx = db) {
    const records = await Promise.all(ids.map((id) => files.findRecord(tenantId, id, tx)));
    return records.filter((record): record is StoredFileRecord => record !== undefined);
  }

  const attachmentView = (record: StoredFileRecord): AttachmentView => ({
    id: record.id,
    name: record.originalName,
    mediaType: record.mediaType,
    size: record.sizeBytes,
    sha256: record.sha256,
  });

  async function detailOf(tenantId: string, row: ItemRow, tx: DbOrTx = db): Promise<ItemDetail> {
    const names = await dependenciaNames(tenantId);
    const [expedienteRow] = row.expedienteId
      ? await tx.select({ code: expediente.code }).from(expediente).where(eq(expediente.id, row.expedienteId))
      : [];
    const [respondsTo] = row.respondsToId
      ? await tx
          .select({
            id: correspondenceItem.id,
            radicado: correspondenceItem.radicado,
            subject: correspondenceItem.subject,
          })
          .from(correspondenceItem)
          .where(and(eq(correspondenceItem.tenantId, tenantId), eq(correspondenceItem.id, row.respondsToId)))
      : [];
    const answers = await tx
      .select({
        id: correspondenceItem.id,
        radicado: correspondenceItem.radicado,
        radicadoAt: correspondenceItem.radicadoAt,
      })
      .from(correspondenceItem)
      .where(and(eq(correspondenceItem.tenantId, tenantId), eq(correspondenceItem.respondsToId, row.id)))
      .orderBy(asc(correspondenceItem.radicadoAt));
    const attachments = await attachmentsOf(tenantId, row.attachmentFileIds, tx);
    return {
      ...summaryOf(row, names, expedienteRow?.code ?? null),
      summary: row.summary,
      senderContact: row.senderContact,
      recipientContact: row.recipientContact,
      respondsTo: respondsTo ?? null,
      answers,
      attachments: attachments.map(attachmentView),
    };
  }

  // ───────── radicación ─────────

  function checkIdempotencyKey(key: string | undefined): string | null {
    if (key === undefined) return null;
    if (!isValidIdempotencyKey(key)) {
      throw new CorrespondenceError(
        'VALIDATION_ERROR',
        'Idempotency-Key: use de 8 a 80 caracteres visibles sin espacios (por ejemplo, un UUID).',
        'Idempotency-Key',
      );
    }
    return key;
  }

  async function findByKey(tenantId: string, key: string, tx: DbOrTx = db) {
    const [row] = await tx
      .select()
      .from(correspondenceItem)
      .where(and(eq(correspondenceItem.tenantId, tenantId), eq(correspondenceItem.idempotencyKey, key)));
    return row;
  }

  /** A retry must be the same communication: a reused key for another one is refused, not answered. */
  function replayOf(row: ItemRow, input: RadicarInput): ItemRow {
    if (row.direction !== input.direction || row.subject !== input.subject.trim()) {
      throw new CorrespondenceError(
        'IDEMPOTENCY_KEY_REUSED',
        `La clave Idempotency-Key ya se usó para otra comunicación (radicado ${row.radicado}). Use una clave nueva para cada radicación.`,
        'Idempotency-Key',
      );
    }
    return row;
  }

  async function checkReferences(actor: Actor, input: RadicarInput) {
    const office = await dependenciaByCode(actor.tenantId, input.dependencia);
    const classification = blankToNull(input.trdCode)
      ? trd.classify(office.code, input.trdCode!.trim(), 'trdCode')
      : null;
    let respondsToId: string | null = null;
    if (blankToNull(input.respondsToId)) {
      if (input.direction !== 'salida') {
        throw new CorrespondenceError(
          'RESPUESTA_INVALIDA',
          'Solo una comunicación de salida puede responder a una de entrada.',
          'respondsToId',
        );
      }
      const [answered] = await db
        .select({ id: correspondenceItem.id, direction: correspondenceItem.direction })
        .from(correspondenceItem)
        .where(
          and(
            eq(correspondenceItem.tenantId, actor.tenantId),
            eq(correspondenceItem.id, input.respondsToId!),
          ),
        );
      if (answered?.direction !== 'entrada') {
        throw new CorrespondenceError(
          'RESPUESTA_INVALIDA',
          'La comunicación a la que responde no existe o no es de entrada.',
          'respondsToId',
        );
      }
      respondsToId = answered.id;
    }
    let pqrsdRadicado: string | null = null;
    if (blankToNull(input.pqrsdRadicado)) {
      pqrsdRadicado = normalizeRadicado(input.pqrsdRadicado!);
      if (!pqrsdRadicado) {
        throw new CorrespondenceError(
          'VALIDATION_ERROR',
          'Radicado de la PQRSD: use el formato AAAA-PQRSD-000123.',
          'pqrsdRadicado',
        );
      }
    }
    return { office, classification, respondsToId, pqrsdRadicado };
  }

  async function saveAttachments(
    actor: Actor,
    attachments: readonly UploadedAttachment[],
    saved: StoredFileRecord[],
    tx: DbOrTx,
  ) {
    for (const attachment of attachments) {
      try {
        saved.push(
          await files.saveUpload(
            {
              tenantId: actor.tenantId,
              ownerUserId: null,
              purpose: ATTACHMENT_PURPOSE,
              originalName: attachment.fileName,
              bytes: attachment.bytes,
              allowedTypes: ATTACHMENT_TYPES,
            },
            tx,
          ),
        );
      } catch (error) {
        // The file service names its own field («file»); here the files come as «attachments».
        if (error instanceof AppError && error.field === 'file') {
          throw new AppError(
            error.status,
            error.code,
            `«${attachment.fileName}»: ${error.detail}`,
            'attachments',
            error.extra,
          );
        }
        throw error;
      }
    }
  }

  async function discard(saved: readonly StoredFileRecord[]) {
    const discardBytes = (
      files as FileService & { discardBytes?: (record: StoredFileRecord) => Promise<void> }
    ).discardBytes;
    for (const record of saved) await discardBytes?.call(files, record).catch(() => {});
  }

  function checkAttachmentCount(count: number) {
    if (count > MAX_ATTACHMENTS) {
      throw new CorrespondenceError(
        'VALIDATION_ERROR',
        `Adjuntos: como máximo ${MAX_ATTACHMENTS} archivos por radicado.`,
        'attachments',
      );
    }
  }

  /**
   * Radicates a communication: the next number of its direction's series (gap-free: drawn in the same
   * transaction as the insert), its attachments checked by content, and the audit entry. With an
   * idempotency key, a retry returns the first result (created: false) instead of radicating twice.
   */
  async function radicar(
    actor: Actor,
    input: RadicarInput,
    options: { idempotencyKey?: string | undefined; attachments?: readonly UploadedAttachment[] } = {},
  ): Promise<{ item: ItemDetail; created: boolean }> {
    requireRegister(actor);
    const key = checkIdempotencyKey(options.idempotencyKey);
    if (key) {
      const existing = await findByKey(actor.tenantId, key);
      if (existing)
        return { item: await detailOf(actor.tenantId, replayOf(existing, input)), created: false };
    }
    const attachments = options.attachments ?? [];
    checkAttachmentCount(attachments.length);
    const refs = await checkReferences(actor, input);

    const saved: StoredFileRecord[] = [];
    let outcome: { row: ItemRow; created: boolean };
    try {
      outcome = await db.transaction(async (tx) => {
        if (key) {
          // Concurrent retries of one key queue here; the later ones find the first one's radicado.
          await tx.execute(
            sql`select pg_advisory_xact_lock(${LOCK_RADICAR}::int, ${lockKeyOf(actor.tenantId, key)}::int)`,
          );
          const existing = await findByKey(actor.tenantId, key, tx);
          if (existing) return { row: replayOf(existing, input), created: false };
        }
        await saveAttachments(actor, attachments, saved, tx);
        // Drawn last: the series row stays locked only while this transaction finishes.
        const radicadoAt = now();
        const number = await nextIdentifier(tx, {
          tenantId: actor.tenantId,
          series: RADICADO_SERIES[input.direction],
          year: yearOf(radicadoAt),
        });
        const [row] = await tx
          .insert(correspondenceItem)
          .values({
            tenantId: actor.tenantId,
            direction: input.direction,
            radicado: number.formatted,
            radicadoAt,
            subject: input.subject.trim(),
            summary: blankToNull(input.summary),
            senderName: input.sender.name.trim(),
            senderEntity: blankToNull(input.sender.entity),
            senderContact: blankToNull(input.sender.contact),
            recipientName: input.recipient.name.trim(),
            recipientEntity: blankToNull(input.recipient.entity),
            recipientContact: blankToNull(input.recipient.contact),
            dependenciaId: refs.office.id,
            medium: input.medium,
            folios: input.folios ?? 0,
            trdSeries: refs.classification?.seriesCode ?? null,
            trdSubseries: refs.classification?.subseriesCode ?? null,
            respondsToId: refs.respondsToId,
            pqrsdRadicado: refs.pqrsdRadicado,
            attachmentFileIds: saved.map((record) => record.id),
            registeredByUserId: actor.userId,
            idempotencyKey: key,
          })
          .returning();
        await audit.record(tx, actor, {
          action: 'correspondence.radicar',
          entityType: 'correspondence_item',
          entityId: row!.id,
          details: {
            radicado: row!.radicado,
            direction: row!.direction,
            dependencia: refs.office.code,
            trd: refs.classification?.subseriesCode ?? refs.classification?.seriesCode ?? null,
            attachments: saved.map((record) => ({ id: record.id, sha256: record.sha256 })),
          },
        });
        return { row: row!, created: true };
      });
    } catch (error) {
      // The rows were rolled back; their bytes must not linger in the storage.
      await discard(saved);
      const winner = key && isUniqueViolation(error) ? await findByKey(actor.tenantId, key) : undefined;
      if (!winner) throw error;
      outcome = { row: replayOf(winner, input), created: false };
    }
    // Read after the commit: PGlite has one connection, and the views read outside the transaction.
    return { item: await detailOf(actor.tenantId, outcome.row), created: outcome.created };
  }

  /**
   * Adds digitised pages to a radicado. A file already attached (same SHA-256) is not added again, so a
   * retried upload changes nothing.
   */
  async function attach(
    actor: Actor,
    itemId: string,
    attachments: readonly UploadedAttachment[],
  ): Promise<{ item: ItemDetail; added: number }> {
    requireRegister(actor);
    if (attachments.length === 0) {
      throw new CorrespondenceError('VALIDATION_ERROR', 'Adjunte al menos un archivo.', 'attachments');
    }
    const saved: StoredFileRecord[] = [];
    let outcome: { row: ItemRow; added: number };
    try {
      outcome = await db.transaction(async (tx) => {
        const [row] = await tx
          .select()
          .from(correspondenceItem)
          .where(and(eq(correspondenceItem.tenantId, actor.tenantId), eq(correspondenceItem.id, itemId)))
          .for('update');
        if (!row) throw notFound('El radicado no existe.');
        const known = new Set(
          (await attachmentsOf(actor.tenantId, row.attachmentFileIds, tx)).map((record) => record.sha256),
        );
        const fresh = attachments.filter((attachment) => {
          const sha256 = createHash('sha256').update(attachment.bytes).digest('hex');
          if (known.has(sha256)) return false;
          known.add(sha256);
          return true;
        });
        checkAttachmentCount(row.attachmentFileIds.length + fresh.length);
        await saveAttachments(actor, fresh, saved, tx);
        if (saved.length === 0) return { row, added: 0 };
        const [updated] = await tx
          .update(correspondenceItem)
          .set({ attachmentFileIds: [...row.attachmentFileIds, ...saved.map((record) => record.id)] })
          .where(eq(correspondenceItem.id, row.id))
          .returning();
        await audit.record(tx, actor, {
          action: 'correspondence.attach',
          entityType: 'correspondence_item',
          entityId: row.id,
          details: {
            radicado: row.radicado,
            attachments: saved.map((record) => ({ id: record.id, sha256: record.sha256 })),
          },
        });
        return { row: updated!, added: saved.length };
      });
    } catch (error) {
      await discard(saved);
      throw error;
    }
    return { item: await detailOf(actor.tenantId, outcome.row), added: outcome.added };
  }

  // ───────── consultation ─────────

  async function visibleItem(actor: Actor, id: string): Promise<ItemRow> {
    const scope = await readScope(actor);
    const [row] = await db
      .select()
      .from(correspondenceItem)
      .where(and(eq(correspondenceItem.tenantId, actor.tenantId), eq(correspondenceItem.id, id)));
    // Another dependencia's radicado answers «not found», so ids cannot be probed.
    if (!row || (scope !== null && row.dependenciaId !== scope)) throw notFound('El radicado no existe.');
    return row;
  }

  /** A radicado with its sender's and recipient's contact data: every read stays in the audit trail. */
  async function get(actor: Actor, id: string): Promise<ItemDetail> {
    const row = await visibleItem(actor, id);
    await audit.record(db, actor, {
      action: 'correspondence.item.read',
      entityType: 'correspondence_item',
      entityId: row.id,
      details: { radicado: row.radicado },
    });
    return detailOf(actor.tenantId, row);
  }

  /** One attachment of a visible radicado, for download (audited). */
  async function attachment(actor: Actor, itemId: string, fileId: string) {
    const row = await visibleItem(actor, itemId);
    if (!row.attachmentFileIds.includes(fileId)) throw notFound('El archivo no existe.');
    const record = await files.findRecord(actor.tenantId, fileId);
    if (!record) throw notFound('El archivo no existe.');
    await audit.record(db, actor, {
      action: 'correspondence.attachment.read',
      entityType: 'correspondence_item',
      entityId: row.id,
      details: { radicado: row.radicado, fileId },
    });
    return { record, stream: await files.open(record) };
  }

  /**
   * Full-text search (Spanish stemming, accents and case folded like the search_vector column) over the
   * radicado, subject, sender, recipient and summary, with filters; ranked by relevance, newest first
   * without a query. A query that is a radicado also finds it (or its PQRSD) exactly.
   */
  async function search(
    actor: Actor,
    filters: SearchFilters = {},
  ): Promise<Paged<ItemSummary & { rank: number | null }>> {
    const scope = await readScope(actor);
    const page = Math.max(1, filters.page ?? 1);
    const pageSize = Math.min(100, Math.max(1, filters.pageSize ?? 20));
    const item = correspondenceItem;
    const conditions: (SQL | undefined)[] = [eq(item.tenantId, actor.tenantId)];
    if (scope !== null) conditions.push(eq(item.dependenciaId, scope));
    if (filters.direction) conditions.push(eq(item.direction, filters.direction));
    if (filters.dependencia) {
      const office = await dependenciaByCode(actor.tenantId, filters.dependencia);
      conditions.push(eq(item.dependenciaId, office.id));
    }
    if (filters.from) conditions.push(gte(item.radicadoAt, bogotaDayStart(filters.from)));
    if (filters.to) conditions.push(lt(item.radicadoAt, bogotaDayEnd(filters.to)));
    if (filters.trd) {
      const code = filters.trd.trim();
      if (!trd.find(code)) {
        throw new CorrespondenceError(
          'TRD_DESCONOCIDA',
          `El código «${code}» no está en la Tabla de Retención Documental.`,
          'trd',
        );
      }
      conditions.push(or(eq(item.trdSeries, code), eq(item.trdSubseries, code)));
    }
    const q = filters.q?.trim() || null;
    const exact = q ? normalizeRadicado(q) : null;
    const query = q ? foldedQuery(q) : null;
    if (query) {
      conditions.push(
        exact
          ? or(sql`${item.searchVector} @@ ${query}`, eq(item.radicado, exact), eq(item.pqrsdRadicado, exact))
          : sql`${item.searchVector} @@ ${query}`,
      );
    }
    const where = and(...conditions);
    const rank = query
      ? exact
        ? sql<number>`(case when ${item.radicado} = ${exact} then 10 else 0 end + ts_rank(${item.searchVector}, ${query}))`
        : sql<number>`ts_rank(${item.searchVector}, ${query})`
      : null;
    const [rows, totals, names] = await Promise.all([
      db
        .select({ item, expedienteCode: expediente.code, rank: rank ?? sql<null>`null` })
        .from(item)
        .leftJoin(expediente, eq(expediente.id, item.expedienteId))
        .where(where)
        .orderBy(...(rank ? [desc(rank)] : []), desc(item.radicadoAt), desc(item.radicado))
        .limit(pageSize)
        .offset((page - 1) * pageSize),
      db.select({ total: count() }).from(item).where(where),
      dependenciaNames(actor.tenantId),
    ]);
    const total = totals[0]?.total ?? 0;
    await audit.record(db, actor, {
      action: 'correspondence.search',
      entityType: 'correspondence_item',
      details: { ...filters, results: total },
    });
    return {
      items: rows.map((row) => ({
        ...summaryOf(row.item, names, row.expedienteCode),
        rank: row.rank === null ? null : Number(row.rank),
      })),
      total,
      page,
      pageSize,
    };
  }

  /** The radicados assigned to one dependencia, newest first. */
  function listByDependencia(actor: Actor, dependencia: string, page = 1) {
    return search(actor, { dependencia, page });
  }

  // ───────── expedientes ─────────

  async function expedienteSummaries(
    tenantId: string,
    rows: (ExpedienteRow & { itemCount: number })[],
  ): Promise<ExpedienteSummary[]> {
    const names = await dependenciaNames(tenantId);
    return rows.map((row) => ({
      id: row.id,
      code: row.code,
      title: row.title,
      dependencia: names(row.dependenciaId),
      trd: trdRefOf(row.trdSeries, row.trdSubseries)!,
      status: row.status,
      openedAt: row.openedAt,
      closedAt: row.closedAt,
      itemCount: row.itemCount,
    }));
  }

  // Written out: inside a one-table select Drizzle leaves column names unqualified, and «id» would be the item's.
  const itemCountOf =
    sql<number>`(select count(*) from correspondence_item ci where ci.expediente_id = "expediente"."id")`.mapWith(
      Number,
    );

  /**
   * Opens an expediente under a TRD subseries (or a series without subseries) of its dependencia, numbered
   * per code and year. An open expediente with the same title, dependencia and code is returned instead of
   * opening a second one, so a retried request (or a double click) changes nothing.
   */
  async function createExpediente(
    actor: Actor,
    input: ExpedienteInput,
  ): Promise<{ expediente: ExpedienteDetail; created: boolean }> {
    requireRegister(actor);
    const office = await dependenciaByCode(actor.tenantId, input.dependencia);
    const classification = trd.classifyForExpediente(office.code, input.trdCode.trim(), 'trdCode');
    const code = classification.subseriesCode ?? classification.seriesCode;
    const title = input.title.trim();
    const sameMatter = (tx: DbOrTx) =>
      tx
        .select({ id: expediente.id })
        .from(expediente)
        .where(
          and(
            eq(expediente.tenantId, actor.tenantId),
            eq(expediente.dependenciaId, office.id),
            eq(expediente.trdSeries, classification.seriesCode),
            classification.subseriesCode
              ? eq(expediente.trdSubseries, classification.subseriesCode)
              : sql`${expediente.trdSubseries} is null`,
            eq(expediente.status, 'abierto'),
            sql`lower(${expediente.title}) = lower(${title})`,
          ),
        );
    const outcome = await db.transaction(async (tx) => {
      await tx.execute(
        sql`select pg_advisory_xact_lock(${LOCK_EXPEDIENTE}::int, ${lockKeyOf(actor.tenantId, office.id, code, title.toLowerCase())}::int)`,
      );
      const [existing] = await sameMatter(tx);
      if (existing) return { id: existing.id, created: false };
      const openedAt = now();
      const year = yearOf(openedAt);
      const number = await nextIdentifier(tx, {
        tenantId: actor.tenantId,
        series: expedienteSeries(code),
        year,
      });
      const [row] = await tx
        .insert(expediente)
        .values({
          tenantId: actor.tenantId,
          code: formatExpedienteCode(year, code, number.value),
          title,
          dependenciaId: office.id,
          trdSeries: classification.seriesCode,
          trdSubseries: classification.subseriesCode,
          status: 'abierto',
          openedAt,
          createdByUserId: actor.userId,
        })
        .returning();
      await audit.record(tx, actor, {
        action: 'correspondence.expediente.create',
        entityType: 'expediente',
        entityId: row!.id,
        details: { code: row!.code, dependencia: office.code, trd: code },
      });
      return { id: row!.id, created: true };
    });
    return { expediente: await expedienteDetail(actor.tenantId, outcome.id), created: outcome.created };
  }

  async function listExpedientes(
    actor: Actor,
    filters: ExpedienteFilters = {},
  ): Promise<Paged<ExpedienteSummary>> {
    const scope = await readScope(actor);
    const page = Math.max(1, filters.page ?? 1);
    const pageSize = Math.min(100, Math.max(1, filters.pageSize ?? 20));
    const conditions: (SQL | undefined)[] = [eq(expediente.tenantId, actor.tenantId)];
    if (scope !== null) conditions.push(eq(expediente.dependenciaId, scope));
    if (filters.dependencia) {
      const office = await dependenciaByCode(actor.tenantId, filters.dependencia);
      conditions.push(eq(expediente.dependenciaId, office.id));
    }
    if (filters.status) conditions.push(eq(expediente.status, filters.status));
    const q = filters.q?.trim();
    if (q) {
      const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      conditions.push(or(ilike(expediente.title, pattern), ilike(expediente.code, pattern)));
    }
    const where = and(...conditions);
    const [rows, totals] = await Promise.all([
      db
        .select({ row: expediente, itemCount: itemCountOf })
        .from(expediente)
        .where(where)
        .orderBy(desc(expediente.openedAt), desc(expediente.code))
        .limit(pageSize)
        .offset((page - 1) * pageSize),
      db.select({ total: count() }).from(expediente).where(where),
    ]);
    return {
      items: await expedienteSummaries(
        actor.tenantId,
        rows.map(({ row, itemCount }) => ({ ...row, itemCount })),
      ),
      total: totals[0]?.total ?? 0,
      page,
      pageSize,
    };
  }

  /** The expediente with its índice electrónico: its documents in order, foliated, with their hashes. */
  async function expedienteDetail(tenantId: string, id: string, tx: DbOrTx = db): Promise<ExpedienteDetail> {
    const [row] = await tx
      .select()
      .from(expediente)
      .where(and(eq(expediente.tenantId, tenantId), eq(expediente.id, id)));
    if (!row) throw notFound('El expediente no existe.');
    const items = await tx
      .select()
      .from(correspondenceItem)
      .where(and(eq(correspondenceItem.tenantId, tenantId), eq(correspondenceItem.expedienteId, id)))
      .orderBy(asc(correspondenceItem.radicadoAt), asc(correspondenceItem.radicado));
    const index = await Promise.all(
      foliate(items).map(async (entry) => ({
        order: entry.order,
        itemId: entry.id,
        radicado: entry.radicado,
        direction: entry.direction,
        radicadoAt: entry.radicadoAt,
        subject: entry.subject,
        folios: entry.folios,
        folioStart: entry.folioStart,
        folioEnd: entry.folioEnd,
        attachments: (await attachmentsOf(tenantId, entry.attachmentFileIds, tx)).map(attachmentView),
      })),
    );
    const [summary] = await expedienteSummaries(tenantId, [{ ...row, itemCount: items.length }]);
    const rules = trd.find(row.trdSubseries ?? row.trdSeries)?.rules ?? null;
    return {
      ...summary!,
      retention: rules ? { ...rules.retention } : null,
      disposition: rules?.disposition ?? null,
      dispositionLabel: rules ? TRD_DISPOSITION_LABELS[rules.disposition] : null,
      procedure: rules?.procedure ?? null,
      schedule: rules && row.closedAt ? retentionSchedule(yearOf(row.closedAt), rules.retention) : null,
      index,
    };
  }

  async function getExpediente(actor: Actor, id: string): Promise<ExpedienteDetail> {
    const scope = await readScope(actor);
    const [row] = await db
      .select({ dependenciaId: expediente.dependenciaId })
      .from(expediente)
      .where(and(eq(expediente.tenantId, actor.tenantId), eq(expediente.id, id)));
    if (!row || (scope !== null && row.dependenciaId !== scope)) throw notFound('El expediente no existe.');
    const detail = await expedienteDetail(actor.tenantId, id);
    await audit.record(db, actor, {
      action: 'correspondence.expediente.read',
      entityType: 'expediente',
      entityId: id,
      details: { code: detail.code },
    });
    return detail;
  }

  async function lockedExpediente(tx: DbOrTx, tenantId: string, id: string): Promise<ExpedienteRow> {
    const [row] = await tx
      .select()
      .from(expediente)
      .where(and(eq(expediente.tenantId, tenantId), eq(expediente.id, id)))
      .for('update');
    if (!row) throw notFound('El expediente no existe.');
    return row;
  }

  /**
   * Files a radicado (by id or by its number) in an open expediente of the same dependencia; the radicado
   * takes the expediente's TRD classification. Filing it again in the same expediente changes nothing.
   */
  async function addToExpediente(
    actor: Actor,
    expedienteId: string,
    target: { itemId?: string | undefined; radicado?: string | undefined },
  ): Promise<{ expediente: ExpedienteDetail; added: boolean }> {
    requireRegister(actor);
    const added = await db.transaction(async (tx) => {
      const folder = await lockedExpediente(tx, actor.tenantId, expedienteId);
      if (folder.status === 'cerrado') {
        throw new CorrespondenceError(
          'EXPEDIENTE_CERRADO',
          `El expediente ${folder.code} está cerrado: no admite más documentos.`,
        );
      }
      const byNumber = target.radicado ? normalizeRadicado(target.radicado) : null;
      if (target.radicado && !byNumber) {
        throw new CorrespondenceError(
          'VALIDATION_ERROR',
          'Radicado: use el formato AAAA-CE-000123.',
          'radicado',
        );
      }
      const [row] = await tx
        .select()
        .from(correspondenceItem)
        .where(
          and(
            eq(correspondenceItem.tenantId, actor.tenantId),
            byNumber
              ? eq(correspondenceItem.radicado, byNumber)
              : eq(correspondenceItem.id, target.itemId ?? ''),
          ),
        )
        .for('update');
      const field = byNumber ? 'radicado' : 'itemId';
      if (!row) throw new AppError(404, 'NOT_FOUND', 'El radicado no existe.', field);
      if (row.expedienteId === folder.id) return false;
      if (row.expedienteId) {
        throw new CorrespondenceError(
          'RADICADO_EN_OTRO_EXPEDIENTE',
          `El radicado ${row.radicado} ya está en otro expediente.`,
          field,
        );
      }
      if (row.dependenciaId !== folder.dependenciaId) {
        throw new CorrespondenceError(
          'EXPEDIENTE_DE_OTRA_DEPENDENCIA',
          `El radicado ${row.radicado} está asignado a otra dependencia que la del expediente ${folder.code}.`,
          field,
        );
      }
      await tx
        .update(correspondenceItem)
        .set({ expedienteId: folder.id, trdSeries: folder.trdSeries, trdSubseries: folder.trdSubseries })
        .where(eq(correspondenceItem.id, row.id));
      await audit.record(tx, actor, {
        action: 'correspondence.expediente.add',
        entityType: 'expediente',
        entityId: folder.id,
        details: { code: folder.code, radicado: row.radicado, itemId: row.id },
      });
      return true;
    });
    return { expediente: await expedienteDetail(actor.tenantId, expedienteId), added };
  }

  /** Closes an expediente: no more documents, and its retention time starts. Closing it again changes nothing. */
  async function closeExpediente(
    actor: Actor,
    id: string,
  ): Promise<{ expediente: ExpedienteDetail; closed: boolean }> {
    requireRegister(actor);
    const closed = await db.transaction(async (tx) => {
      const folder = await lockedExpediente(tx, actor.tenantId, id);
      if (folder.status === 'cerrado') return false;
      const [items] = await tx
        .select({ total: count() })
        .from(correspondenceItem)
        .where(eq(correspondenceItem.expedienteId, folder.id));
      if (!items?.total) {
        throw new CorrespondenceError(
          'EXPEDIENTE_VACIO',
          `El expediente ${folder.code} no tiene documentos: agregue al menos uno antes de cerrarlo.`,
        );
      }
      await tx
        .update(expediente)
        .set({ status: 'cerrado', closedAt: now() })
        .where(eq(expediente.id, folder.id));
      await audit.record(tx, actor, {
        action: 'correspondence.expediente.close',
        entityType: 'expediente',
        entityId: folder.id,
        details: { code: folder.code, documents: items.total },
      });
      return true;
    });
    return { expediente: await expedienteDetail(actor.tenantId, id), closed };
  }

  /** The TRD with the tenant's dependencias (those without a table too), for forms and consultation. */
  async function trdCatalogue(actor: Actor) {
    await readScope(actor);
    const offices = await dependencias.list(actor.tenantId);
    return {
      entity: trd.table.entity,
      version: trd.table.version,
      dispositions: TRD_DISPOSITION_LABELS,
      dependencias: offices.map((office) => {
        const table = trd.ofDependencia(office.code);
        return {
          code: office.code,
          name: office.name,
          officeCode: table?.officeCode ?? null,
          series: (table?.series ?? []).map((row) => ({
            code: row.code,
            name: row.name,
            retention: row.retention ?? null,
            disposition: row.disposition ?? null,
            procedure: row.procedure ?? null,
            subseries: (row.subseries ?? []).map((child) => ({
              code: child.code,
              name: child.name,
              retention: child.retention,
              disposition: child.disposition,
              procedure: child.procedure ?? null,
            })),
          })),
        };
      }),
    };
  }

  return {
    radicar,
    attach,
    get,
    attachment,
    search,
    listByDependencia,
    createExpediente,
    listExpedientes,
    getExpediente,
    addToExpediente,
    closeExpediente,
    trdCatalogue,
  };
}
