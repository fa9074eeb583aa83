import { createHash } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { AuditService } from '../audit/audit.service.ts';
import { type Actor, systemActor } from '../authz/actor.ts';
import type { Config } from '../config/config.ts';
import type { Db, DbOrTx } from '../db/database.ts';
import { isUniqueViolation, pgConstraint } from '../db/errors.ts';
import type { FileService, StoredFileRecord } from '../files/index.ts';
import { notFound } from '../http/errors.ts';
import type { TenantService } from '../tenancy/tenancy.service.ts';
import { type PdfIssuer, renderDocumentPdf } from './document-pdf.ts';
import { issuedDocument } from './documents.schema.ts';
import type { DocumentService, IssueDocumentInput, IssuedDocumentView, PublicVerification } from './index.ts';
import { generateVerificationCode, normalizeVerificationCode } from './verification-code.ts';

export interface DocumentServiceDependencies {
  db: Db;
  files: FileService;
  tenants: Pick<TenantService, 'getById'>;
  config: Pick<Config, 'PUBLIC_URL'>;
  /** When given, each issue is recorded in the audit trail, in the same transaction. */
  audit?: Pick<AuditService, 'record'>;
  now?: () => Date;
  /** Tests turn compression off to find the text in the bytes. */
  compressPdf?: boolean;
}

/** Built-in document types; modules add theirs with registerType at start-up. */
export const BUILT_IN_DOCUMENT_TYPES: Record<string, string> = {
  constancia_registro: 'Constancia de registro en la sede electrónica',
};

const TYPE_CODE = /^[a-z][a-z0-9_]{1,59}$/;
/** First key of the two-key advisory lock: issuing documents, apart from any other lock in the program. */
const ISSUE_LOCK_NAMESPACE = 0x41_44_44_43; // 'ADDC'
const MAX_CODE_ATTEMPTS = 3;

type IssuedDocumentRow = typeof issuedDocument.$inferSelect;

export function createDocumentService(deps: DocumentServiceDependencies): DocumentService {
  const { db, files, tenants, config } = deps;
  const now = deps.now ?? (() => new Date());
  const typeLabels = new Map(Object.entries(BUILT_IN_DOCUMENT_TYPES));

  function registerType(code: string, label: string): void {
    if (!TYPE_CODE.test(code)) throw new Error(`Código de tipo de documento inválido: «${code}».`);
    if (!label.trim()) throw new Error(`El tipo de documento «${code}» necesita un nombre.`);
    typeLabels.set(code, label.trim());
  }

  function toView(row: IssuedDocumentRow): IssuedDocumentView {
    return {
      id: row.id,
      tenantId: row.tenantId,
      code: row.verificationCode,
      documentType: row.documentType,
      // A type registered by a module this process did not load still shows, by its code.
      documentTypeLabel: typeLabels.get(row.documentType) ?? row.documentType,
      title: row.title,
      holderUserId: row.holderUserId,
      holderInitials: row.holderInitials,
      sha256: row.sha256,
      status: row.status,
      issuedAt: row.issuedAt,
      fileId: row.fileId,
    };
  }

  async function findByIdempotencyKey(tenantId: string, key: string, tx: DbOrTx = db) {
    const [row] = await tx
      .select()
      .from(issuedDocument)
      .where(and(eq(issuedDocument.tenantId, tenantId), eq(issuedDocument.idempotencyKey, key)));
    return row ? toView(row) : undefined;
  }

  async function issue(input: IssueDocumentInput): Promise<IssuedDocumentView & { created: boolean }> {
    if (!typeLabels.has(input.documentType)) {
      throw new Error(
        `Tipo de documento no registrado: «${input.documentType}». Regístrelo con registerType.`,
      );
    }
    if (!input.idempotencyKey) throw new Error('Expedir un documento exige una clave de idempotencia.');
    const existing = await findByIdempotencyKey(input.tenantId, input.idempotencyKey);
    if (existing) return { ...existing, created: false };

    const tenant = await tenants.getById(input.tenantId);
    const issuer: PdfIssuer = {
      entityName: tenant.entityName,
      municipality: tenant.name,
      department: tenant.department,
      nit: tenant.nit,
      address: tenant.contact?.address,
      phone: tenant.contact?.phone,
      website: tenant.contact?.website,
    };

    for (let attempt = 1; ; attempt++) {
      try {
        return await issueOnce(input, issuer);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // Another request with the same key won the race: its document is the answer.
        const winner = await findByIdempotencyKey(input.tenantId, input.idempotencyKey);
        if (winner) return { ...winner, created: false };
        // Otherwise two codes collided (one in 2⁵⁰): draw another.
        const collidedOnCode = pgConstraint(error) === 'issued_document_verification_code_unique';
        if (!collidedOnCode || attempt >= MAX_CODE_ATTEMPTS) throw error;
      }
    }
  }

  async function issueOnce(
    input: IssueDocumentInput,
    issuer: PdfIssuer,
  ): Promise<IssuedDocumentView & { created: boolean }> {
    const issuedAt = now();
    const verificationCode = generateVerificationCode();
    const verifyUrl = `${config.PUBLIC_URL}/verificar/${verificationCode}`;
    // Drawn before the transaction opens, so no connection is held while the PDF is made.
    const bytes = await renderDocumentPdf({
      issuer,
      title: input.title,
      verificationCode,
      verifyUrl,
      issuedAt,
      render: input.render,
      compress: deps.compressPdf,
    });

    let savedFile: StoredFileRecord | undefined;
    try {
      return await db.transaction(async (tx) => {
        // Concurrent issues of one key queue here; the later ones then find the first one's document
        // instead of storing a PDF only to lose on the unique index.
        await tx.execute(
          sql`select pg_advisory_xact_lock(${ISSUE_LOCK_NAMESPACE}::int, ${lockKeyOf(input.tenantId, input.idempotencyKey)}::int)`,
        );
        const existing = await findByIdempotencyKey(input.tenantId, input.idempotencyKey, tx);
        if (existing) return { ...existing, created: false };

        savedFile = await files.saveGenerated(
          {
            tenantId: input.tenantId,
            ownerUserId: input.holder.userId,
            purpose: 'issued_document',
            originalName: `${slugOf(input.title)}-${verificationCode}.pdf`,
            mediaType: 'application/pdf',
            bytes,
          },
          tx,
        );
        const [row] = await tx
          .insert(issuedDocument)
          .values({
            tenantId: input.tenantId,
            verificationCode,
            documentType: input.documentType,
            title: input.title,
            holderUserId: input.holder.userId,
            holderInitials: initialsOf(input.holder.fullName),
            fileId: savedFile.id,
            sha256: savedFile.sha256,
            idempotencyKey: input.idempotencyKey,
            issuedByUserId: input.issuedByUserId,
            issuedAt,
          })
          .returning();
        const view = toView(row!);
        if (deps.audit) {
          await deps.audit.record(tx, auditActorOf(input), {
            action: 'document.issue',
            entityType: 'issued_document',
            entityId: view.id,
            details: { documentType: view.documentType, code: view.code },
          });
        }
        return { ...view, created: true };
      });
    } catch (error) {
      // The row was rolled back; its bytes must not linger in the storage.
      if (savedFile) await discardBytes(savedFile);
      throw error;
    }
  }

  async function discardBytes(record: StoredFileRecord): Promise<void> {
    const discard = (files as FileService & { discardBytes?: (record: StoredFileRecord) => Promise<void> })
      .discardBytes;
    await discard?.call(files, record).catch(() => {});
  }

  async function verify(code: string, tenantId?: string): Promise<PublicVerification | undefined> {
    const normalized = normalizeVerificationCode(code);
    if (!normalized) return undefined;
    const conditions = [eq(issuedDocument.verificationCode, normalized)];
    if (tenantId) conditions.push(eq(issuedDocument.tenantId, tenantId));
    const [row] = await db
      .select()
      .from(issuedDocument)
      .where(and(...conditions));
    if (!row) return undefined;
    const view = toView(row);
    // Only what the public page shows: no ids, no holder name, no file.
    return {
      code: view.code,
      documentType: view.documentType,
      documentTypeLabel: view.documentTypeLabel,
      title: view.title,
      issuedAt: view.issuedAt,
      holderInitials: view.holderInitials,
      sha256: view.sha256,
      status: view.status,
    };
  }

  async function listByHolder(tenantId: string, userId: string): Promise<IssuedDocumentView[]> {
    if (!UUID.test(userId)) return [];
    const rows = await db
      .select()
      .from(issuedDocument)
      .where(and(eq(issuedDocument.tenantId, tenantId), eq(issuedDocument.holderUserId, userId)))
      .orderBy(desc(issuedDocument.issuedAt), desc(issuedDocument.id));
    return rows.map(toView);
  }

  async function find(tenantId: string, id: string): Promise<IssuedDocumentView | undefined> {
    if (!UUID.test(id)) return undefined;
    const [row] = await db
      .select()
      .from(issuedDocument)
      .where(and(eq(issuedDocument.tenantId, tenantId), eq(issuedDocument.id, id)));
    return row ? toView(row) : undefined;
  }

  /** The stored PDF, byte for byte as issued: documents are never drawn again. */
  async function openPdf(document: IssuedDocumentView) {
    const record = await files.findRecord(document.tenantId, document.fileId);
    if (!record) throw notFound('El archivo del documento no existe.');
    return files.open(record);
  }

  return { registerType, issue, verify, listByHolder, find, openPdf };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function auditActorOf(input: IssueDocumentInput): Actor {
  if (input.actor) return input.actor;
  return { ...systemActor(input.tenantId, 'sede electrónica'), userId: input.issuedByUserId };
}

/** A 32-bit key per (tenant, idempotency key) for the advisory lock; a rare collision only serialises more. */
function lockKeyOf(tenantId: string, idempotencyKey: string): number {
  return createHash('sha256').update(`${tenantId}\u0000${idempotencyKey}`).digest().readInt32BE(0);
}

/** Words that are not part of anyone's initials: «María de los Ángeles Pérez» → «M.Á.P.». */
const NAME_PARTICLES = new Set(['de', 'del', 'la', 'las', 'los', 'y', 'e', 'da', 'van', 'von']);

/** What the public verification page may show of the holder: initials, at most six. */
export function initialsOf(fullName: string): string {
  const initials = fullName
    .normalize('NFC')
    .split(/[\s-]+/)
    .filter((word) => word && !NAME_PARTICLES.has(word.toLocaleLowerCase('es-CO')))
    .map((word) => [...word].find((character) => /\p{L}/u.test(character)))
    .filter((initial): initial is string => Boolean(initial))
    .slice(0, 6)
    .map((initial) => `${initial.toLocaleUpperCase('es-CO')}.`)
    .join('');
  return initials || 'N/D';
}

function slugOf(title: string): string {
  const slug = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return slug || 'documento';
}
