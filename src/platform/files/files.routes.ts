import multipart from '@fastify/multipart';
import { z } from 'zod';
import { can } from '../authz/actor.ts';
import { notFound, validationError } from '../http/errors.ts';
import type { RoutePlugin } from '../http/types.ts';
import { uuidParam } from '../http/zod-text.ts';
import { sendStoredFile } from './send-file.ts';
import { uploadedBytes } from './upload-bytes.ts';

const tags = ['archivos'];

const storedFileResponse = z.object({
  id: z.string(),
  name: z.string(),
  mediaType: z.string(),
  size: z.number(),
  sha256: z.string(),
});

/** Uploads by signed-in people and downloads by their owner (or an official allowed to read any file). */
export const filesRoutes: RoutePlugin = async (app, ctx) => {
  const maxBytes = ctx.config.UPLOAD_LIMIT_MB * 1024 * 1024;
  await app.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 5 } });

  app.post(
    '/api/v1/files',
    {
      config: { auth: 'user', rateLimit: { max: 30, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Cargar un archivo (multipart/form-data, campo «file»)',
        consumes: ['multipart/form-data'],
        response: { 201: storedFileResponse },
      },
    },
    async (request, reply) => {
      const part = await request.file();
      if (part?.fieldname !== 'file') {
        throw validationError('file', 'Adjunte el archivo en el campo «file» del formulario.');
      }
      const bytes = await uploadedBytes(part, ctx.config.UPLOAD_LIMIT_MB);
      const record = await ctx.db.transaction(async (tx) => {
        const saved = await ctx.files.saveUpload(
          {
            tenantId: request.actor.tenantId,
            ownerUserId: request.actor.userId,
            purpose: 'upload',
            originalName: part.filename,
            bytes,
          },
          tx,
        );
        await ctx.audit.record(tx, request.actor, {
          action: 'file.upload',
          entityType: 'stored_file',
          entityId: saved.id,
          details: { mediaType: saved.mediaType, sizeBytes: saved.sizeBytes, sha256: saved.sha256 },
        });
        return saved;
      });
      return reply.status(201).send({
        id: record.id,
        name: record.originalName,
        mediaType: record.mediaType,
        size: record.sizeBytes,
        sha256: record.sha256,
      });
    },
  );

  app.get(
    '/api/v1/files/:id',
    {
      config: { auth: 'user' },
      schema: {
        tags,
        summary: 'Descargar un archivo (su propietario o quien tenga files.read_any)',
        params: z.object({ id: uuidParam }),
      },
    },
    async (request, reply) => {
      const { actor } = request;
      const record = await ctx.files.findRecord(actor.tenantId, request.params.id);
      const isOwner = record?.ownerUserId != null && record.ownerUserId === actor.userId;
      // Someone else's file answers «not found», so ids cannot be probed for existence.
      if (!record || !(isOwner || can(actor, 'files.read_any'))) throw notFound('El archivo no existe.');
      if (!isOwner) {
        await ctx.audit.record(ctx.db, actor, {
          action: 'file.read',
          entityType: 'stored_file',
          entityId: record.id,
        });
      }
      const stream = await ctx.files.open(record);
      return sendStoredFile(reply, record, stream);
    },
  );
};
