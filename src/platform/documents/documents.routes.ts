import { z } from 'zod';
import { can } from '../authz/actor.ts';
import { sendStoredFile } from '../files/send-file.ts';
import { notFound } from '../http/errors.ts';
import type { RoutePlugin } from '../http/types.ts';
import { uuidParam } from '../http/zod-text.ts';
import { createConstanciaRegistro } from './constancia-registro.ts';
import type { HolderDirectory, IssuedDocumentView } from './index.ts';

const tags = ['documentos'];

const verificationResponse = z.object({
  code: z.string(),
  documentType: z.string(),
  documentTypeLabel: z.string(),
  title: z.string(),
  issuedAt: z.string(),
  holderInitials: z.string(),
  sha256: z.string(),
  status: z.enum(['vigente', 'anulado']),
});

const issuedResponse = z.object({ id: z.string(), code: z.string(), downloadUrl: z.string() });

const myDocumentsResponse = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      code: z.string(),
      documentTypeLabel: z.string(),
      title: z.string(),
      issuedAt: z.string(),
      downloadUrl: z.string(),
    }),
  ),
});

const downloadUrlOf = (document: Pick<IssuedDocumentView, 'id'>) => `/api/v1/documents/${document.id}/pdf`;

/** Public verification, the holder's documents and their PDFs; the holder's identity comes from `directory`. */
export function documentsRoutesWith(directory: HolderDirectory): RoutePlugin {
  return async (app, ctx) => {
    app.get(
      '/api/v1/verificar/:code',
      {
        config: { auth: 'public', rateLimit: { max: 60, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: 'Verificar la autenticidad de un documento expedido',
          params: z.object({
            code: z
              .string({ error: 'El código de verificación debe ser texto.' })
              .min(1, 'Escriba el código de verificación.')
              .max(40, 'El código de verificación es demasiado largo.'),
          }),
          response: { 200: verificationResponse },
        },
      },
      async (request) => {
        const found = await ctx.documents.verify(request.params.code, request.actor.tenantId);
        if (!found) {
          throw notFound(
            'No existe ningún documento con ese código de verificación. Revise que esté bien escrito.',
          );
        }
        return { ...found, issuedAt: found.issuedAt.toISOString() };
      },
    );

    app.get(
      '/api/v1/documents/:id/pdf',
      {
        config: { auth: 'user' },
        schema: {
          tags,
          summary: 'Descargar el PDF de un documento (su titular o quien tenga documents.read_any)',
          params: z.object({ id: uuidParam }),
        },
      },
      async (request, reply) => {
        const { actor } = request;
        const document = await ctx.documents.find(actor.tenantId, request.params.id);
        const isHolder = document?.holderUserId != null && document.holderUserId === actor.userId;
        // Someone else's document answers «not found», so ids cannot be probed for existence.
        if (!document || !(isHolder || can(actor, 'documents.read_any'))) {
          throw notFound('El documento no existe.');
        }
        const record = await ctx.files.findRecord(actor.tenantId, document.fileId);
        if (!record) throw notFound('El archivo del documento no existe.');
        if (!isHolder) {
          await ctx.audit.record(ctx.db, actor, {
            action: 'document.read',
            entityType: 'issued_document',
            entityId: document.id,
            details: { code: document.code },
          });
        }
        const stream = await ctx.documents.openPdf(document);
        return sendStoredFile(reply, record, stream);
      },
    );

    app.get(
      '/api/v1/me/documents',
      {
        config: { auth: 'user' },
        schema: { tags, summary: 'Mis documentos expedidos', response: { 200: myDocumentsResponse } },
      },
      async (request) => {
        const documents = await ctx.documents.listByHolder(request.actor.tenantId, request.actor.userId!);
        return {
          items: documents.map((document) => ({
            id: document.id,
            code: document.code,
            documentTypeLabel: document.documentTypeLabel,
            title: document.title,
            issuedAt: document.issuedAt.toISOString(),
            downloadUrl: downloadUrlOf(document),
          })),
        };
      },
    );

    app.post(
      '/api/v1/me/documents/constancia-registro',
      {
        config: { auth: 'user', rateLimit: { max: 10, timeWindow: '1 minute' } },
        schema: {
          tags,
          summary: 'Obtener mi constancia de registro en la sede electrónica (una por persona)',
          response: { 200: issuedResponse, 201: issuedResponse },
        },
      },
      async (request, reply) => {
        const { actor } = request;
        const holder = await directory.getHolder(actor.tenantId, actor.userId!);
        const document = await createConstanciaRegistro(ctx, actor, holder);
        return reply
          .status(document.created ? 201 : 200)
          .send({ id: document.id, code: document.code, downloadUrl: downloadUrlOf(document) });
      },
    );
  };
}
