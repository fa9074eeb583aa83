import { timingSafeEqual } from 'node:crypto';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { type Actor, can, systemActor } from '../../platform/authz/actor.ts';
import { addBusinessDays, businessDaysBetween, toBogotaDate } from '../../platform/calendar/index.ts';
import type { AppContext } from '../../platform/context.ts';
import type { DbOrTx } from '../../platform/db/database.ts';
import { isUniqueViolation } from '../../platform/db/errors.ts';
import { AppError, forbidden, notFound, validationError } from '../../platform/http/errors.ts';
import { nextIdentifier } from '../../platform/identifiers/index.ts';
import { checkDocumentNumber, type DocumentType } from '../../platform/identity/document-number.rules.ts';
import type { IdentityService } from '../../platform/identity/identity.service.ts';
import type { CaseRow, TransitionRow } from '../../platform/workflow/engine/index.ts';
import type { IncomingEmail } from './intake/index.ts';
import { renderAnswerPdf } from './pqrsd.answer-pdf.ts';
import {
  CHANNEL_LABELS,
  type FilingInput,
  newTrackingKey,
  normalizeTrackingSecret,
  STATE_PUBLIC_LABELS,
  trackingHash,
} from './pqrsd.views.ts';
import { type AnswerTemplate, fillTemplate, type PqrsdMunicipalRules } from './pqrsd-config.ts';
import { REQUESTS_PERMISSIONS as P } from './requests.authz.ts';
import { type PqrsdChannel, pqrsdRequest } from './requests.schema.ts';
import { PQRSD_TYPE_LABELS, type PqrsdType, pqrsdDueDate, readPqrsdTerms } from './terms/index.ts';

export const PQRSD_WORKFLOW = 'pqrsd';
export const ANSWER_DOCUMENT_TYPE = 'respuesta_pqrsd';
/** Accepted attachment types (by content): PDF, images, office documents. */
export const PQRSD_ATTACHMENT_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/tiff',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
] as const;
export const MAX_PQRSD_ATTACHMENTS = 5;

export type PqrsdRow = typeof pqrsdRequest.$inferSelect;

export interface UploadedAttachment {
  fileName: string;
  bytes: Buffer;
}

export interface FilingOptions {
  channel: PqrsdChannel;
  attachments?: UploadedAttachment[];
  idempotencyKey?: string | null;
  /** Filing instant of a request received earlier (an e-mail's arrival); default now. */
  receivedAt?: Date;
  sourceMessageId?: string | null;
  /** E-mail channel: the sender, who has no document number to give (a tracking key is mailed). */
  emailSender?: { name: string; email: string } | null;
}

export interface FilingReceipt {
  id: string;
  radicado: string;
  type: PqrsdType;
  filedAt: Date;
  filedOn: string;
  dueOn: string;
  termDays: number;
  regime: string;
  dependencia: string;
  /** Only for anonymous filers and e-mail senders, only in this answer: the key to follow the request. */
  trackingKey: string | null;
  /** A retry with the same Idempotency-Key returned the request already filed. */
  replayed: boolean;
}

export interface OfficialActInput {
  action: string;
  comment?: string | null;
  expectedVersion?: number | null;
  idempotencyKey?: string | null;
  attachments?: UploadedAttachment[];
  assignTo?: { userId: string; dependenciaCode?: string | null } | null;
  /** trasladar: the competent authority. */
  transferTo?: string | null;
  /** marcar_duplicada: the radicado this one repeats. */
  duplicateOf?: string | null;
  /** proyectar_respuesta: the answer's text and the template it started from. */
  answer?: { template: string; text: string } | null;
}

export interface PqrsdServiceDependencies {
  identity: IdentityService;
  rules(tenantId: string): Promise<PqrsdMunicipalRules>;
}

/**
 * PQRSD use cases (issue 4): filing through every channel, the public tracking page, the officials'
 * work on the workflow engine, extensions, answers as verifiable PDFs, and e-mail to the petitioner.
 */
export function createPqrsdService(ctx: AppContext, deps: PqrsdServiceDependencies) {
  const { db, workflow, notifications, config } = ctx;
  const publicUrl = config.PUBLIC_URL.replace(/\/$/, '');

  async function dependencias(tenantId: string) {
    return deps.identity.listDependencias(tenantId);
  }

  async function dependenciaByCode(tenantId: string, code: string, field: string) {
    const found = (await dependencias(tenantId)).find((office) => office.code === code);
    if (!found) throw validationError(field, `La dependencia «${code}» no existe.`);
    return found;
  }

  async function dependenciaName(tenantId: string, id: string | null): Promise<string> {
    if (!id) return 'Atención al ciudadano';
    return (await dependencias(tenantId)).find((office) => office.id === id)?.name ?? 'Dependencia';
  }

  function checkAttachments(attachments: UploadedAttachment[]): void {
    if (attachments.length > MAX_PQRSD_ATTACHMENTS) {
      throw validationError('adjuntos', `Puede adjuntar hasta ${MAX_PQRSD_ATTACHMENTS} archivos.`);
    }
  }

  async function saveAttachments(
    tx: DbOrTx,
    actor: Actor,
    attachments: UploadedAttachment[],
    purpose: string,
  ): Promise<string[]> {
    const ids: string[] = [];
    for (const attachment of attachments) {
      const saved = await ctx.files.saveUpload(
        {
          tenantId: actor.tenantId,
          ownerUserId: actor.userId,
          purpose,
          originalName: attachment.fileName,
          bytes: attachment.bytes,
          allowedTypes: PQRSD_ATTACHMENT_TYPES,
          maxBytes: config.UPLOAD_LIMIT_MB * 1024 * 1024,
        },
        tx,
      );
      ids.push(saved.id);
    }
    return ids;
  }

  /** Who filed, from the form or the signed-in citizen's account; refuses incomplete identities. */
  async function petitionerOf(actor: Actor, input: FilingInput, options: FilingOptions) {
    const { channel } = options;
    if (channel === 'correo' && options.emailSender) {
      return {
        anonymous: false as const,
        userId: null,
        name: options.emailSender.name.slice(0, 150),
        documentType: null,
        documentNumber: null,
        email: options.emailSender.email,
        phone: null,
        address: null,
      };
    }
    if (input.anonymous) {
      if (input.type !== 'denuncia') {
        throw validationError(
          'anonymous',
          'Solo las denuncias pueden presentarse de forma anónima. Para otro tipo de solicitud, identifíquese.',
        );
      }
      return {
        anonymous: true as const,
        userId: null,
        name: null,
        documentType: null,
        documentNumber: null,
        email: input.petitioner?.email ?? null,
        phone: null,
        address: null,
      };
    }
    if (channel === 'web' && actor.kind === 'citizen' && actor.userId) {
      const me = await deps.identity.me(actor.userId);
      return {
        anonymous: false as const,
        userId: me.id,
        name: me.fullName,
        documentType: me.documentType,
        documentNumber: me.documentNumber,
        email: me.email,
        phone: input.petitioner?.phone ?? null,
        address: input.petitioner?.address ?? null,
      };
    }
    const petitioner = input.petitioner;
    if (!petitioner) throw validationError('petitioner', 'Escriba los datos de quien presenta la solicitud.');
    if (input.acceptsPrivacyPolicy !== true && channel === 'web') {
      throw validationError(
        'acceptsPrivacyPolicy',
        'Debe aceptar la política de tratamiento de datos personales para radicar con sus datos.',
      );
    }
    const checked = checkDocumentNumber(petitioner.documentType as DocumentType, petitioner.documentNumber);
    if (!checked.ok) throw validationError('petitioner.documentNumber', checked.message);
    if (!petitioner.email && !petitioner.address) {
      throw validationError(
        'petitioner.email',
        'Escriba un correo electrónico o una dirección para enviarle la respuesta.',
      );
    }
    return {
      anonymous: false as const,
      userId: null,
      name: petitioner.name,
      documentType: petitioner.documentType,
      documentNumber: checked.normalized,
      email: petitioner.email ?? null,
      phone: petitioner.phone ?? null,
      address: petitioner.address ?? null,
    };
  }

  async function existingByKey(tenantId: string, key: string | null | undefined, messageId?: string | null) {
    if (key) {
      const [row] = await db
        .select()
        .from(pqrsdRequest)
        .where(and(eq(pqrsdRequest.tenantId, tenantId), eq(pqrsdRequest.idempotencyKey, key)));
      if (row) return row;
    }
    if (messageId) {
      const [row] = await db
        .select()
        .from(pqrsdRequest)
        .where(and(eq(pqrsdRequest.tenantId, tenantId), eq(pqrsdRequest.sourceMessageId, messageId)));
      if (row) return row;
    }
    return undefined;
  }

  async function receiptOf(
    row: PqrsdRow,
    replayed: boolean,
    trackingKey: string | null,
  ): Promise<FilingReceipt> {
    const kase = await workflow.get(row.tenantId, row.caseId);
    return {
      id: row.id,
      radicado: row.radicado,
      type: row.type as PqrsdType,
      filedAt: row.filedAt,
      filedOn: row.filedOn,
      dueOn: kase.dueOn,
      termDays: row.termDays,
      regime: row.regime,
      dependencia: await dependenciaName(row.tenantId, kase.dependenciaId),
      trackingKey,
      replayed,
    };
  }

  function trackingLink(radicado: string): string {
    return `${publicUrl}/pqrsd/consultar?radicado=${encodeURIComponent(radicado)}`;
  }

  async function mailPetitioner(
    tx: DbOrTx,
    row: Pick<PqrsdRow, 'tenantId' | 'petitionerEmail' | 'radicado'>,
    subject: string,
    text: string,
    key?: string,
  ): Promise<void> {
    if (!row.petitionerEmail) return;
    const tenant = await ctx.tenants.getById(row.tenantId, tx);
    await notifications.enqueueEmail(tx, {
      tenantId: row.tenantId,
      to: row.petitionerEmail,
      template: 'generic',
      data: { subject, text, entityName: tenant.entityName },
      idempotencyKey: key,
    });
  }

  /**
   * Files a request: radicado (gap-free per year), legal term from the dated rules, a workflow case routed
   * to the category's dependencia, the attachments, and the acknowledgement e-mail — all or nothing.
   */
  async function file(actor: Actor, input: FilingInput, options: FilingOptions): Promise<FilingReceipt> {
    const previous = await existingByKey(actor.tenantId, options.idempotencyKey, options.sourceMessageId);
    if (previous) return receiptOf(previous, true, null);
    const rules = await deps.rules(actor.tenantId);
    const category = rules.categories.find((candidate) => candidate.code === input.category);
    if (!category)
      throw validationError('category', `El tema «${input.category}» no existe. Elija uno de la lista.`);
    const attachments = options.attachments ?? [];
    checkAttachments(attachments);
    const petitioner = await petitionerOf(actor, input, options);
    const office = await dependenciaByCode(actor.tenantId, category.dependencia, 'category');
    const filedAt = options.receivedAt ?? ctx.now();
    const term = pqrsdDueDate({ type: input.type, filedAt }, readPqrsdTerms());
    const trackingKey = petitioner.documentNumber ? null : newTrackingKey();
    const secret = petitioner.documentNumber ?? trackingKey!;
    try {
      const row = await db.transaction(async (tx) => {
        // Files first: the consecutive's row lock (gap-free radicados serialise filings) is then held
        // only for the inserts that need the number.
        const attachmentFileIds = await saveAttachments(tx, actor, attachments, 'pqrsd_adjunto');
        const number = await nextIdentifier(tx, {
          tenantId: actor.tenantId,
          series: 'PQRSD',
          year: Number(term.receivedOn.slice(0, 4)),
        });
        const radicado = number.formatted;
        const kase = await workflow.open(
          tx,
          {
            tenantId: actor.tenantId,
            workflow: PQRSD_WORKFLOW,
            reference: radicado,
            subject: input.subject,
            caseType: input.type,
            sla: { unit: 'businessDays', amount: term.termDays },
            openedAt: filedAt,
            dependenciaId: office.id,
            attachmentFileIds,
            data: { channel: options.channel, category: category.code, regime: term.regime },
          },
          actor.kind === 'anonymous' ? systemActor(actor.tenantId, 'sede electrónica (anónimo)') : actor,
        );
        const [inserted] = await tx
          .insert(pqrsdRequest)
          .values({
            tenantId: actor.tenantId,
            caseId: kase.id,
            radicado,
            type: input.type,
            regime: term.regime,
            termDays: term.termDays,
            channel: options.channel,
            category: category.code,
            subject: input.subject,
            description: input.description,
            anonymous: petitioner.anonymous,
            petitionerUserId: petitioner.userId,
            petitionerName: petitioner.name,
            petitionerDocumentType: petitioner.documentType,
            petitionerDocumentNumber: petitioner.documentNumber,
            petitionerEmail: petitioner.email,
            petitionerPhone: petitioner.phone,
            petitionerAddress: petitioner.address,
            trackingHash: trackingHash(actor.tenantId, radicado, secret),
            filedAt,
            filedOn: term.filedOn,
            startsOn: term.startsOn,
            legalDueOn: term.dueDate,
            attachmentFileIds,
            registeredByUserId: options.channel === 'web' ? null : actor.userId,
            sourceMessageId: options.sourceMessageId ?? null,
            idempotencyKey: options.idempotencyKey ?? null,
          })
          .returning();
        const keyLine = trackingKey
          ? `\nPara consultarla use el radicado y esta clave de consulta: ${trackingKey}. Guárdela: no se la volveremos a mostrar.`
          : '\nPara consultarla use el radicado y su número de documento.';
        await mailPetitioner(
          tx,
          inserted!,
          `Radicado ${radicado}: recibimos su ${PQRSD_TYPE_LABELS[input.type].toLowerCase()}`,
          `Recibimos su solicitud «${input.subject}» por ${CHANNEL_LABELS[options.channel]} el ${formatDate(term.receivedOn)}.\n` +
            `Número de radicado: ${radicado}.\nTipo: ${PQRSD_TYPE_LABELS[input.type]}. Término para responder: ${term.termDays} días hábiles (${term.regimeLabel}).\n` +
            `Fecha máxima de respuesta: ${formatDate(kase.dueOn)}.${term.filedAfterHours || term.filedOn !== term.receivedOn ? `\nComo llegó fuera del horario de atención o en un día no hábil, se entiende radicada el ${formatDate(term.filedOn)}.` : ''}` +
            `${keyLine}\nConsulte el estado en ${trackingLink(radicado)}`,
          `pqrsd-acuse:${inserted!.id}`,
        );
        return inserted!;
      });
      await notifications.requestDelivery();
      return receiptOf(row, false, trackingKey);
    } catch (error) {
      // Two retries raced with one key (or one e-mail fetched twice): the loser returns the winner's.
      if (isUniqueViolation(error)) {
        const winner = await existingByKey(actor.tenantId, options.idempotencyKey, options.sourceMessageId);
        if (winner) return receiptOf(winner, true, null);
      }
      throw error;
    }
  }

  /** An e-mail turned into a request (IMAP or an uploaded .eml); the same Message-ID files once. */
  async function fileFromEmail(
    actor: Actor,
    email: IncomingEmail,
    options: { receivedAt?: Date } = {},
  ): Promise<FilingReceipt | { skipped: 'automatico' }> {
    if (email.automatic) return { skipped: 'automatico' };
    const rules = await deps.rules(actor.tenantId);
    const fallback =
      rules.categories.find((category) => category.dependencia === rules.coordinatorDependencia) ??
      rules.categories[0]!;
    const description =
      email.text.trim().length >= 10
        ? email.text.trim()
        : `${email.text.trim()}\n(Mensaje sin texto: vea los adjuntos.)`;
    return file(
      actor,
      {
        type: 'peticion',
        category: fallback.code,
        subject: email.subject.slice(0, 200).padEnd(5, '.'),
        description: description.slice(0, 10_000),
        anonymous: false,
        petitioner: undefined,
      },
      {
        channel: 'correo',
        attachments: email.attachments
          .filter((attachment) => !attachment.inline)
          .slice(0, MAX_PQRSD_ATTACHMENTS)
          .map((attachment) => ({ fileName: attachment.fileName, bytes: attachment.content })),
        receivedAt: options.receivedAt,
        sourceMessageId: email.messageId ?? null,
        emailSender: {
          name: email.from.name ?? email.from.address,
          email: (email.replyTo ?? email.from).address,
        },
      },
    );
  }

  // ───────── Public tracking ─────────

  const NOT_FOUND_TRACKING = () =>
    new AppError(
      404,
      'PQRSD_NO_ENCONTRADA',
      'No encontramos una solicitud con ese radicado y ese documento o clave. Revise los datos e intente de nuevo.',
      'radicado',
    );

  async function findForTracking(tenantId: string, radicado: string, secret: string): Promise<PqrsdRow> {
    const normalized = radicado.trim().toUpperCase();
    const [row] = await db
      .select()
      .from(pqrsdRequest)
      .where(and(eq(pqrsdRequest.tenantId, tenantId), eq(pqrsdRequest.radicado, normalized)));
    // Same answer, same work for "no such radicado" and "wrong document": nothing to enumerate.
    const expected = Buffer.from(row?.trackingHash ?? '0'.repeat(64), 'hex');
    const given = Buffer.from(trackingHash(tenantId, normalized, secret), 'hex');
    if (!row || !normalizeTrackingSecret(secret) || !timingSafeEqual(expected, given))
      throw NOT_FOUND_TRACKING();
    return row;
  }

  /** The answer PDF for whoever proves they filed the request. */
  async function answerDocument(tenantId: string, radicado: string, secret: string) {
    const row = await findForTracking(tenantId, radicado, secret);
    if (!row.responseDocumentId) return undefined;
    const document = await ctx.documents.find(tenantId, row.responseDocumentId);
    return document ? { radicado: row.radicado, document } : undefined;
  }

  /** A file of the request (its attachments or those of its steps), for an official who may see it. */
  async function attachment(actor: Actor, id: string, fileId: string) {
    const { row, kase } = await load(actor, id);
    const steps = await workflow.history(kase.id);
    const belongs =
      row.attachmentFileIds.includes(fileId) || steps.some((step) => step.attachmentFileIds.includes(fileId));
    const record = belongs ? await ctx.files.findRecord(actor.tenantId, fileId) : undefined;
    if (!record) throw notFound('El archivo no existe en esta solicitud.');
    await ctx.audit.record(db, actor, {
      action: 'pqrsd.descargar_adjunto',
      entityType: 'pqrsd_request',
      entityId: row.id,
      details: { fileId },
    });
    return record;
  }

  async function track(tenantId: string, radicado: string, secret: string) {
    const row = await findForTracking(tenantId, radicado, secret);
    return publicView(row);
  }

  async function publicView(row: PqrsdRow) {
    const kase = await workflow.get(row.tenantId, row.caseId);
    const steps = await workflow.history(kase.id);
    const { category } = workflow.clockOf(kase);
    const answer = row.responseDocumentId
      ? await ctx.documents.find(row.tenantId, row.responseDocumentId)
      : undefined;
    return {
      radicado: row.radicado,
      type: row.type,
      typeLabel: PQRSD_TYPE_LABELS[row.type as PqrsdType],
      channel: row.channel,
      subject: row.subject,
      filedAt: row.filedAt,
      filedOn: row.filedOn,
      termDays: row.termDays,
      dueOn: kase.dueOn,
      extendedUntil: row.extendedUntil,
      state: kase.state,
      stateLabel: STATE_PUBLIC_LABELS[kase.state] ?? kase.state,
      closed: kase.closedAt !== null,
      dueCategory: category,
      dependencia: await dependenciaName(row.tenantId, kase.dependenciaId),
      transferredTo: row.transferredTo,
      duplicateOf: row.duplicateOf,
      waitingForInformation:
        kase.state === 'esperando_informacion'
          ? (steps.findLast((step) => step.toState === 'esperando_informacion')?.comment ?? null)
          : null,
      answer: answer
        ? {
            verificationCode: answer.code,
            answeredAt: row.answeredAt,
            verifyUrl: `${publicUrl}/verificar/${answer.code}`,
          }
        : null,
      history: steps.flatMap((step) => publicStep(step)),
    };
  }

  /** The steps a petitioner sees: no officials' names, no internal comments. */
  function publicStep(step: TransitionRow): { at: Date; label: string; detail: string | null }[] {
    const data = (step.data ?? {}) as Record<string, unknown>;
    switch (step.action) {
      case 'abrir':
        return [{ at: step.at, label: 'Radicada', detail: null }];
      case 'asignar':
      case 'reasignar':
        return [{ at: step.at, label: 'Asignada a la dependencia competente', detail: null }];
      case 'solicitar_informacion':
        return [
          {
            at: step.at,
            label: 'Le pedimos información adicional (término suspendido)',
            detail: step.comment,
          },
        ];
      case 'recibir_informacion':
        return [{ at: step.at, label: 'Información recibida: el término se reanudó', detail: null }];
      case 'prorrogar':
        return [
          {
            at: step.at,
            label: `Término prorrogado hasta el ${formatDate(String(data.dueOn ?? ''))}`,
            detail: step.comment,
          },
        ];
      case 'trasladar':
        return [
          {
            at: step.at,
            label: `Trasladada a ${String(data.transferTo ?? 'la autoridad competente')}`,
            detail: step.comment,
          },
        ];
      case 'aprobar_respuesta':
        return [{ at: step.at, label: 'Respondida', detail: null }];
      case 'desistimiento_tacito':
        return [
          { at: step.at, label: 'Cerrada por desistimiento tácito (art. 17 Ley 1755 de 2015)', detail: null },
        ];
      case 'retirar':
        return [{ at: step.at, label: 'Retirada', detail: null }];
      case 'marcar_duplicada':
        return [
          {
            at: step.at,
            label: `Cerrada: repite la solicitud ${String(data.duplicateOf ?? '')}`,
            detail: null,
          },
        ];
      case 'cambiar_tipo':
        return [
          {
            at: step.at,
            label: `Reclasificada; nuevo término hasta el ${formatDate(String(data.dueOn ?? ''))}`,
            detail: null,
          },
        ];
      default:
        return [];
    }
  }

  /** The petitioner answers a request for more information from the tracking page: the term resumes. */
  async function provideInformation(
    tenantId: string,
    input: { radicado: string; secret: string; text: string },
    attachments: UploadedAttachment[],
  ) {
    const row = await findForTracking(tenantId, input.radicado, input.secret);
    const kase = await workflow.get(tenantId, row.caseId);
    if (kase.state !== 'esperando_informacion') {
      throw new AppError(
        409,
        'PQRSD_NO_ESPERA_INFORMACION',
        'Esta solicitud no está esperando información suya.',
        'radicado',
      );
    }
    checkAttachments(attachments);
    const citizen = systemActor(tenantId, `peticionario (${row.radicado})`);
    await db.transaction(async (tx) => {
      const ids = await saveAttachments(tx, citizen, attachments, 'pqrsd_adjunto');
      await workflow.act(
        tx,
        {
          tenantId,
          caseId: kase.id,
          action: 'recibir_informacion',
          comment: input.text,
          attachmentFileIds: ids,
          expectedVersion: kase.version,
        },
        citizen,
      );
      await tx
        .update(pqrsdRequest)
        .set({ attachmentFileIds: [...row.attachmentFileIds, ...ids], updatedAt: ctx.now() })
        .where(eq(pqrsdRequest.id, row.id));
    });
    return publicView((await getRow(tenantId, row.id))!);
  }

  // ───────── Officials ─────────

  async function getRow(tenantId: string, id: string): Promise<PqrsdRow | undefined> {
    const [row] = await db
      .select()
      .from(pqrsdRequest)
      .where(and(eq(pqrsdRequest.tenantId, tenantId), eq(pqrsdRequest.id, id)));
    return row;
  }

  /** Coordinators see every request; other officials those of their dependencia or assigned to them. */
  function maySee(actor: Actor, kase: CaseRow): boolean {
    if (can(actor, P.coordinate)) return true;
    if (!can(actor, P.work)) return false;
    return (
      kase.assigneeUserId === actor.userId ||
      (actor.dependenciaId != null && kase.dependenciaId === actor.dependenciaId)
    );
  }

  async function load(actor: Actor, id: string): Promise<{ row: PqrsdRow; kase: CaseRow }> {
    const row = await getRow(actor.tenantId, id);
    if (!row) throw notFound('La solicitud no existe.');
    const kase = await workflow.get(actor.tenantId, row.caseId);
    if (!maySee(actor, kase)) throw forbidden('Esta solicitud es de otra dependencia.');
    return { row, kase };
  }

  /** The official's view of one request, with the petitioner's personal data (the read is audited). */
  async function detail(actor: Actor, id: string) {
    const { row, kase } = await load(actor, id);
    await ctx.audit.record(db, actor, {
      action: 'pqrsd.ver_datos_personales',
      entityType: 'pqrsd_request',
      entityId: row.id,
      details: { radicado: row.radicado },
    });
    const { clock, category } = workflow.clockOf(kase);
    const steps = await workflow.history(kase.id);
    const offices = await dependencias(actor.tenantId);
    const officeName = (officeId: unknown) => offices.find((office) => office.id === officeId)?.name ?? null;
    const fileIds = [
      ...new Set([...row.attachmentFileIds, ...steps.flatMap((step) => step.attachmentFileIds)]),
    ];
    const files = await Promise.all(fileIds.map((fileId) => ctx.files.findRecord(actor.tenantId, fileId)));
    const answer = row.responseDocumentId
      ? await ctx.documents.find(row.tenantId, row.responseDocumentId)
      : undefined;
    const assignable = kase.dependenciaId
      ? await workflow.officialsOf(actor.tenantId, kase.dependenciaId)
      : [];
    const rules = await deps.rules(actor.tenantId);
    return {
      id: row.id,
      radicado: row.radicado,
      type: row.type,
      typeLabel: PQRSD_TYPE_LABELS[row.type as PqrsdType],
      regime: row.regime,
      termDays: row.termDays,
      channel: row.channel,
      category: row.category,
      categoryLabel:
        rules.categories.find((candidate) => candidate.code === row.category)?.label ?? row.category,
      subject: row.subject,
      description: row.description,
      anonymous: row.anonymous,
      petitioner: row.anonymous
        ? null
        : {
            name: row.petitionerName,
            documentType: row.petitionerDocumentType,
            documentNumber: row.petitionerDocumentNumber,
            email: row.petitionerEmail,
            phone: row.petitionerPhone,
            address: row.petitionerAddress,
          },
      filedAt: row.filedAt,
      filedOn: row.filedOn,
      legalDueOn: row.legalDueOn,
      extendedUntil: row.extendedUntil,
      transferredTo: row.transferredTo,
      duplicateOf: row.duplicateOf,
      responseDraft: row.responseDraft,
      responseTemplate: row.responseTemplate,
      informationDenied: row.informationDenied,
      answer: answer
        ? { documentId: answer.id, verificationCode: answer.code, answeredAt: row.answeredAt }
        : null,
      case: {
        id: kase.id,
        state: kase.state,
        stateLabel: workflow.stateLabel(PQRSD_WORKFLOW, kase.state),
        version: kase.version,
        dependenciaId: kase.dependenciaId,
        dependencia: officeName(kase.dependenciaId),
        assigneeUserId: kase.assigneeUserId,
        assignee: assignable.find((official) => official.id === kase.assigneeUserId)?.fullName ?? null,
        dueOn: kase.dueOn,
        dueAt: kase.dueAt,
        clockStatus: kase.clockStatus,
        category,
        elapsedBusinessDays: clock.elapsed.unit === 'businessDays' ? clock.elapsed.days : null,
        pausedBusinessDays: clock.paused.unit === 'businessDays' ? clock.paused.days : null,
        closedAt: kase.closedAt,
        outcome: kase.outcome,
      },
      actions: workflow.actionsFor(kase, actor).map((action) => ({
        code: action.code,
        label: action.label,
        requiresComment: action.requiresComment,
        assigns: action.assigns,
      })),
      mayExtend: mayExtend(actor, row, kase),
      history: steps.map((step) => ({
        seq: step.seq,
        at: step.at,
        action: step.action,
        fromState: step.fromState,
        toState: step.toState,
        actor: step.actorLabel.replace(/\s*<[^>]*>$/, ''),
        comment: step.comment,
        attachmentFileIds: step.attachmentFileIds,
        data: step.data,
      })),
      attachments: files
        .filter((record) => record !== undefined)
        .map((record) => ({
          id: record.id,
          name: record.originalName,
          mediaType: record.mediaType,
          size: record.sizeBytes,
        })),
      assignableOfficials: assignable.map((official) => ({ id: official.id, fullName: official.fullName })),
      templates: rules.answerTemplates.map((template) => ({
        code: template.code,
        label: template.label,
        deniesInformation: template.deniesInformation,
      })),
    };
  }

  async function templateValues(row: PqrsdRow, kase: CaseRow) {
    const tenant = await ctx.tenants.getById(row.tenantId);
    return {
      peticionario: row.petitionerName ?? 'peticionario(a)',
      radicado: row.radicado,
      fechaRadicacion: formatDate(row.filedOn),
      asunto: row.subject,
      dependencia: await dependenciaName(row.tenantId, kase.dependenciaId),
      tipo: PQRSD_TYPE_LABELS[row.type as PqrsdType].toLowerCase(),
      entidad: tenant.entityName,
    };
  }

  /** A template filled with the request's data, for the official to complete. */
  async function draftFromTemplate(actor: Actor, id: string, templateCode: string) {
    const { row, kase } = await load(actor, id);
    const template = await findTemplate(actor.tenantId, templateCode);
    return { template: template.code, text: fillTemplate(template.body, await templateValues(row, kase)) };
  }

  async function findTemplate(tenantId: string, code: string): Promise<AnswerTemplate> {
    const template = (await deps.rules(tenantId)).answerTemplates.find(
      (candidate) => candidate.code === code,
    );
    if (!template) throw validationError('answer.template', `La plantilla «${code}» no existe.`);
    return template;
  }

  /** Any workflow action, with what PQRSD adds to some of them (traslado, duplicado, respuesta). */
  async function act(actor: Actor, id: string, input: OfficialActInput) {
    const { row, kase } = await load(actor, id);
    const attachments = input.attachments ?? [];
    checkAttachments(attachments);
    const changes: Partial<typeof pqrsdRequest.$inferInsert> = {};
    const data: Record<string, unknown> = {};
    let assignTo: { userId: string; dependenciaId?: string | null } | null = null;
    if (input.assignTo) {
      const office = input.assignTo.dependenciaCode
        ? await dependenciaByCode(actor.tenantId, input.assignTo.dependenciaCode, 'assignTo.dependenciaCode')
        : null;
      assignTo = { userId: input.assignTo.userId, dependenciaId: office?.id ?? null };
    }
    if (input.action === 'trasladar') {
      const authority = input.transferTo?.trim();
      if (!authority || authority.length < 3)
        throw validationError('transferTo', 'Escriba la autoridad competente a la que se traslada.');
      const rules = await deps.rules(actor.tenantId);
      const limit = addBusinessDays(row.filedOn, rules.transferBusinessDays);
      changes.transferredTo = authority;
      data.transferTo = authority;
      data.transferLimitOn = limit;
      data.transferredInTime = toBogotaDate(ctx.now()) <= limit;
    }
    if (input.action === 'marcar_duplicada') {
      const original = input.duplicateOf?.trim().toUpperCase();
      if (!original) throw validationError('duplicateOf', 'Escriba el radicado de la solicitud original.');
      if (original === row.radicado)
        throw validationError('duplicateOf', 'Una solicitud no puede duplicarse a sí misma.');
      const [found] = await db
        .select({ id: pqrsdRequest.id })
        .from(pqrsdRequest)
        .where(and(eq(pqrsdRequest.tenantId, actor.tenantId), eq(pqrsdRequest.radicado, original)));
      if (!found) throw validationError('duplicateOf', `El radicado ${original} no existe.`);
      changes.duplicateOf = original;
      data.duplicateOf = original;
    }
    if (input.action === 'proyectar_respuesta') {
      if (!input.answer?.text || input.answer.text.trim().length < 20)
        throw validationError('answer.text', 'Escriba la respuesta (mínimo 20 caracteres).');
      const template = await findTemplate(actor.tenantId, input.answer.template);
      if (/\[[^\]]{3,}\]/.test(input.answer.text))
        throw validationError(
          'answer.text',
          'Complete o borre los espacios entre corchetes de la plantilla.',
        );
      changes.responseDraft = input.answer.text.trim();
      changes.responseTemplate = template.code;
      changes.informationDenied = template.deniesInformation;
    }
    let documentId: string | null = null;
    if (input.action === 'aprobar_respuesta') {
      if (!workflow.actionsFor(kase, actor).some((action) => action.code === 'aprobar_respuesta')) {
        // Let the engine produce the precise refusal (role, state, closed case).
        await db.transaction((tx) =>
          workflow.act(tx, { tenantId: actor.tenantId, caseId: kase.id, action: input.action }, actor),
        );
      }
      documentId = await issueAnswer(actor, row, kase);
      changes.responseDocumentId = documentId;
      changes.answeredAt = ctx.now();
      data.documentId = documentId;
    }
    const result = await db.transaction(async (tx) => {
      const ids = await saveAttachments(tx, actor, attachments, 'pqrsd_tramite');
      const stepped = await workflow.act(
        tx,
        {
          tenantId: actor.tenantId,
          caseId: kase.id,
          action: input.action,
          comment: input.comment ?? null,
          attachmentFileIds: ids,
          assignTo,
          data,
          idempotencyKey: input.idempotencyKey ?? null,
          expectedVersion: input.expectedVersion ?? null,
        },
        actor,
      );
      if (stepped.replayed) return stepped;
      if (Object.keys(changes).length > 0) {
        await tx
          .update(pqrsdRequest)
          .set({ ...changes, updatedAt: ctx.now() })
          .where(eq(pqrsdRequest.id, row.id));
      }
      await notifyStep(tx, { ...row, ...changes } as PqrsdRow, input);
      return stepped;
    });
    await notifications.requestDelivery();
    return { replayed: result.replayed, state: result.case.state, version: result.case.version };
  }

  async function notifyStep(tx: DbOrTx, row: PqrsdRow, input: OfficialActInput): Promise<void> {
    const link = trackingLink(row.radicado);
    switch (input.action) {
      case 'solicitar_informacion':
        return mailPetitioner(
          tx,
          row,
          `Radicado ${row.radicado}: necesitamos información adicional`,
          `Para resolver su solicitud necesitamos lo siguiente:\n\n${input.comment}\n\nEl término para responderle está suspendido hasta que nos envíe la información. Si no la recibimos en un mes, se entenderá que desistió de la solicitud (art. 17 de la Ley 1755 de 2015).\nEnvíela desde ${link}`,
        );
      case 'trasladar':
        return mailPetitioner(
          tx,
          row,
          `Radicado ${row.radicado}: su solicitud fue trasladada`,
          `Su solicitud no es de competencia de esta entidad. Según el art. 21 de la Ley 1755 de 2015 la trasladamos a: ${row.transferredTo}.\nMotivo: ${input.comment}\nConsulte el detalle en ${link}`,
        );
      case 'aprobar_respuesta':
        return mailPetitioner(
          tx,
          row,
          `Radicado ${row.radicado}: respuesta a su solicitud`,
          `Respondimos su solicitud «${row.subject}». Descargue la respuesta firmada y verifique su autenticidad en ${link}`,
        );
      case 'marcar_duplicada':
        return mailPetitioner(
          tx,
          row,
          `Radicado ${row.radicado}: solicitud repetida`,
          `Su solicitud repite la radicada con el número ${row.duplicateOf}; le responderemos en ese radicado.`,
        );
      case 'retirar':
        return mailPetitioner(
          tx,
          row,
          `Radicado ${row.radicado}: retiro registrado`,
          `Registramos el retiro de su solicitud. ${link}`,
        );
      default:
        return undefined;
    }
  }

  /** The approved answer as a PDF with verification code and QR; the same case version, the same PDF. */
  async function issueAnswer(actor: Actor, row: PqrsdRow, kase: CaseRow): Promise<string> {
    if (!row.responseDraft)
      throw new AppError(
        409,
        'PQRSD_SIN_PROYECTO',
        'No hay una respuesta proyectada para aprobar.',
        'action',
      );
    const values = await templateValues(row, kase);
    const approver = actor.userId ? await deps.identity.me(actor.userId) : null;
    const document = await ctx.documents.issue({
      tenantId: row.tenantId,
      documentType: ANSWER_DOCUMENT_TYPE,
      title: `Respuesta a la solicitud ${row.radicado}`,
      holder: { userId: row.petitionerUserId, fullName: row.petitionerName ?? 'Peticionario anónimo' },
      issuedByUserId: actor.userId,
      idempotencyKey: `pqrsd-respuesta:${row.id}:${kase.version}`,
      actor,
      render: (pdf, context) =>
        renderAnswerPdf(pdf, {
          radicado: row.radicado,
          typeLabel: PQRSD_TYPE_LABELS[row.type as PqrsdType],
          subject: row.subject,
          petitionerName: row.petitionerName,
          petitionerAddress: row.petitionerAddress ?? row.petitionerEmail,
          filedOn: row.filedOn,
          body: row.responseDraft!,
          signer: approver?.fullName ?? 'Jefe de dependencia',
          dependencia: values.dependencia,
          issuedAt: context.issuedAt,
        }),
    });
    return document.id;
  }

  function mayExtend(actor: Actor, row: PqrsdRow, kase: CaseRow): boolean {
    if (kase.closedAt || row.extendedUntil) return false;
    const isAssignee = kase.assigneeUserId != null && kase.assigneeUserId === actor.userId;
    const isHead =
      actor.roles?.has('jefe_dependencia') === true && actor.dependenciaId === kase.dependenciaId;
    return (isAssignee || isHead) && ctx.now().getTime() <= kase.dueAt.getTime();
  }

  /**
   * Prórroga (Ley 1755 art. 14 parágrafo): before the term runs out, with the reasons and the new date
   * told to the petitioner, at most double the original term; once.
   */
  async function extend(actor: Actor, id: string, input: { newDueOn: string; reason: string }) {
    const { row, kase } = await load(actor, id);
    if (!mayExtend(actor, row, kase)) {
      if (kase.closedAt)
        throw new AppError(409, 'WORKFLOW_CASE_CLOSED', 'La solicitud está cerrada.', 'newDueOn');
      if (row.extendedUntil)
        throw new AppError(409, 'PQRSD_YA_PRORROGADA', 'El término ya fue prorrogado una vez.', 'newDueOn');
      if (ctx.now().getTime() > kase.dueAt.getTime())
        throw new AppError(
          409,
          'PQRSD_PRORROGA_TARDIA',
          'La prórroga debe informarse antes de que venza el término.',
          'newDueOn',
        );
      throw forbidden('Solo el funcionario asignado o el jefe de la dependencia pueden prorrogar.');
    }
    if (input.reason.trim().length < 10)
      throw validationError('reason', 'Explique al peticionario el motivo de la demora.');
    if (!/^\d{4}-\d{2}-\d{2}$/.test(input.newDueOn))
      throw validationError('newDueOn', 'Escriba la nueva fecha como AAAA-MM-DD.');
    if (input.newDueOn <= kase.dueOn)
      throw validationError(
        'newDueOn',
        'La nueva fecha debe ser posterior a la fecha de vencimiento actual.',
      );
    // The extension is measured like the term: business days after the filing day, plus the paused ones.
    const extraDays = businessDaysBetween(kase.dueOn, input.newDueOn);
    const { clock } = workflow.clockOf(kase);
    const currentTerm = clock.sla.amount;
    const newTerm = currentTerm + extraDays;
    if (newTerm > row.termDays * 2) {
      throw validationError(
        'newDueOn',
        `La prórroga no puede superar el doble del término (${row.termDays * 2} días hábiles en total).`,
      );
    }
    await db.transaction(async (tx) => {
      const { case: changed } = await workflow.changeSla(
        tx,
        {
          tenantId: actor.tenantId,
          caseId: kase.id,
          sla: { unit: 'businessDays', amount: newTerm },
          reason: input.reason,
          action: 'prorrogar',
        },
        actor,
      );
      await tx
        .update(pqrsdRequest)
        .set({ extendedUntil: changed.dueOn, updatedAt: ctx.now() })
        .where(eq(pqrsdRequest.id, row.id));
      await mailPetitioner(
        tx,
        row,
        `Radicado ${row.radicado}: ampliamos el plazo de respuesta`,
        `No es posible responder su solicitud dentro del término legal por el siguiente motivo:\n\n${input.reason.trim()}\n\nLe responderemos a más tardar el ${formatDate(changed.dueOn)} (art. 14 parágrafo de la Ley 1755 de 2015). ${trackingLink(row.radicado)}`,
      );
    });
    await notifications.requestDelivery();
    return detail(actor, id);
  }

  /** A coordinator reclassifies the request (a petición that is a consulta): the term changes, pauses stay. */
  async function changeType(actor: Actor, id: string, input: { type: PqrsdType; reason: string }) {
    if (!can(actor, P.coordinate))
      throw forbidden('Solo la coordinación de PQRSD puede reclasificar solicitudes.');
    const { row, kase } = await load(actor, id);
    if (input.type === row.type) throw validationError('type', 'La solicitud ya es de ese tipo.');
    const terms = readPqrsdTerms();
    const regime = terms.regimes.find((candidate) => candidate.id === row.regime)!;
    const termDays = regime.terms[input.type].days;
    await db.transaction(async (tx) => {
      await workflow.changeSla(
        tx,
        {
          tenantId: actor.tenantId,
          caseId: kase.id,
          sla: { unit: 'businessDays', amount: termDays },
          caseType: input.type,
          reason: input.reason,
          action: 'cambiar_tipo',
          data: { from: row.type, to: input.type },
        },
        actor,
      );
      await tx
        .update(pqrsdRequest)
        .set({ type: input.type, termDays, updatedAt: ctx.now() })
        .where(eq(pqrsdRequest.id, row.id));
    });
    return detail(actor, id);
  }

  async function comment(actor: Actor, id: string, text: string, attachments: UploadedAttachment[] = []) {
    const { kase } = await load(actor, id);
    checkAttachments(attachments);
    await db.transaction(async (tx) => {
      const ids = await saveAttachments(tx, actor, attachments, 'pqrsd_tramite');
      await workflow.note(
        tx,
        { tenantId: actor.tenantId, caseId: kase.id, comment: text, attachmentFileIds: ids },
        actor,
      );
    });
    return detail(actor, id);
  }

  /** The inbox of a dependencia (or of the signed-in official), with the request's type and channel. */
  async function inbox(
    actor: Actor,
    query: {
      scope: 'mias' | 'dependencia' | 'todas';
      dependenciaCode?: string | null;
      category?: 'vencido' | 'vence_hoy' | 'por_vencer' | 'en_termino' | 'pausado' | null;
      type?: PqrsdType | null;
      limit: number;
      after?: { dueAt: Date; id: string } | null;
    },
  ) {
    let dependenciaId: string | null = null;
    let assigneeUserId: string | null = null;
    if (query.scope === 'mias') assigneeUserId = actor.userId;
    else if (query.scope === 'dependencia' || query.dependenciaCode) {
      if (query.dependenciaCode) {
        const office = await dependenciaByCode(actor.tenantId, query.dependenciaCode, 'dependencia');
        if (office.id !== actor.dependenciaId && !can(actor, P.coordinate))
          throw forbidden('Solo puede ver la bandeja de su dependencia.');
        dependenciaId = office.id;
      } else {
        if (!actor.dependenciaId)
          throw validationError('dependencia', 'Usted no tiene una dependencia asignada.');
        dependenciaId = actor.dependenciaId;
      }
    } else if (!can(actor, P.coordinate)) {
      throw forbidden('Solo la coordinación de PQRSD ve todas las solicitudes.');
    }
    const base = { tenantId: actor.tenantId, workflow: PQRSD_WORKFLOW, dependenciaId, assigneeUserId };
    const [page, counts] = await Promise.all([
      workflow.inbox({
        ...base,
        category: query.category ?? null,
        caseType: query.type ?? null,
        limit: query.limit,
        after: query.after ?? null,
      }),
      // The tab counts scan every open case of the scope: only the first page pays for them.
      query.after ? Promise.resolve(null) : workflow.inboxCounts(base),
    ]);
    const offices = await dependencias(actor.tenantId);
    const rows =
      page.items.length === 0
        ? []
        : await db
            .select({
              id: pqrsdRequest.id,
              caseId: pqrsdRequest.caseId,
              channel: pqrsdRequest.channel,
              category: pqrsdRequest.category,
              anonymous: pqrsdRequest.anonymous,
            })
            .from(pqrsdRequest)
            .where(
              inArray(
                pqrsdRequest.caseId,
                page.items.map((item) => item.id),
              ),
            );
    const byCase = new Map(rows.map((row) => [row.caseId, row]));
    return {
      counts,
      next: page.next ? `${page.next.dueAt.toISOString()}_${page.next.id}` : null,
      items: page.items.map((item) => {
        const request = byCase.get(item.id);
        return {
          id: request?.id ?? item.id,
          radicado: item.reference,
          subject: item.subject,
          type: item.caseType,
          typeLabel: PQRSD_TYPE_LABELS[item.caseType as PqrsdType] ?? item.caseType,
          channel: request?.channel ?? null,
          state: item.state,
          stateLabel: item.stateLabel,
          dependencia: offices.find((office) => office.id === item.dependenciaId)?.name ?? null,
          assigned: item.assigneeUserId !== null,
          mine: item.assigneeUserId === actor.userId,
          dueOn: item.dueOn,
          category: item.category,
          openedAt: item.openedAt,
        };
      }),
    };
  }

  /** The signed-in citizen's own requests, newest first. */
  async function mine(actor: Actor) {
    if (!actor.userId) return [];
    const rows = await db
      .select()
      .from(pqrsdRequest)
      .where(and(eq(pqrsdRequest.tenantId, actor.tenantId), eq(pqrsdRequest.petitionerUserId, actor.userId)))
      .orderBy(desc(pqrsdRequest.filedAt))
      .limit(100);
    return Promise.all(rows.map((row) => publicView(row)));
  }

  /** Officials a coordinator may assign a request to in another dependencia (reparto across offices). */
  async function officialsIn(actor: Actor, dependenciaCode: string) {
    if (!can(actor, P.coordinate))
      throw forbidden('Solo la coordinación de PQRSD asigna a otras dependencias.');
    const office = await dependenciaByCode(actor.tenantId, dependenciaCode, 'dependencia');
    const officials = await workflow.officialsOf(actor.tenantId, office.id);
    return officials.map((official) => ({ id: official.id, fullName: official.fullName }));
  }

  /** The citizen's requests as "Mis trámites" lists them: radicado, state and where to follow it. */
  async function myTramites(tenantId: string, userId: string) {
    const rows = await db
      .select()
      .from(pqrsdRequest)
      .where(and(eq(pqrsdRequest.tenantId, tenantId), eq(pqrsdRequest.petitionerUserId, userId)))
      .orderBy(desc(pqrsdRequest.filedAt))
      .limit(100);
    return Promise.all(
      rows.map(async (row) => {
        const kase = await workflow.get(tenantId, row.caseId);
        return {
          id: row.id,
          tramite: `PQRSD: ${PQRSD_TYPE_LABELS[row.type as PqrsdType]}`,
          reference: row.radicado,
          status: kase.state,
          statusLabel: STATE_PUBLIC_LABELS[kase.state] ?? kase.state,
          createdAt: row.filedAt,
          updatedAt: kase.updatedAt,
          path: '/pqrsd/mias',
        };
      }),
    );
  }

  async function categories(tenantId: string) {
    const rules = await deps.rules(tenantId);
    return rules.categories.map(({ code, label }) => ({ code, label }));
  }

  return {
    file,
    fileFromEmail,
    track,
    answerDocument,
    attachment,
    provideInformation,
    detail,
    draftFromTemplate,
    act,
    extend,
    changeType,
    comment,
    inbox,
    mine,
    myTramites,
    officialsIn,
    categories,
  };
}

export type PqrsdService = ReturnType<typeof createPqrsdService>;

const MONTHS = [
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'octubre',
  'noviembre',
  'diciembre',
];

/** 2026-03-24 → 24 de marzo de 2026. */
export function formatDate(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  return `${Number(match[3])} de ${MONTHS[Number(match[2]) - 1]} de ${match[1]}`;
}
