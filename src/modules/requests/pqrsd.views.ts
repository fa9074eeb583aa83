import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import { DOCUMENT_TYPE_CODES } from '../../platform/identity/document-number.rules.ts';
import { PQRSD_TYPES } from './terms/index.ts';

/** What a person types to follow a request: document numbers and keys compare without spaces or dashes. */
export function normalizeTrackingSecret(secret: string): string {
  return secret.toUpperCase().replace(/[^0-9A-Z]/g, '');
}

export function trackingHash(tenantId: string, radicado: string, secret: string): string {
  return createHash('sha256')
    .update(`${tenantId}:${radicado.toUpperCase()}:${normalizeTrackingSecret(secret)}`)
    .digest('hex');
}

// Crockford's base32 without I, L, O, U: a key read over the phone is not misheard.
const KEY_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The key an anonymous filer (or an e-mail sender) uses instead of a document number: XXXXX-XXXXX. */
export function newTrackingKey(): string {
  const bytes = randomBytes(10);
  const chars = [...bytes].map((byte) => KEY_ALPHABET[byte % 32]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

const text = (field: string, min: number, max: number, label: string) =>
  z
    .string({ error: `${field}: escriba ${label}.` })
    .trim()
    .min(min, `${field}: escriba ${label} (mínimo ${min} caracteres).`)
    .max(max, `${field}: máximo ${max} caracteres.`);

export const petitionerSchema = z.strictObject({
  name: text('petitioner.name', 3, 150, 'su nombre completo'),
  documentType: z.enum(DOCUMENT_TYPE_CODES, {
    error: 'petitioner.documentType: elija el tipo de documento.',
  }),
  documentNumber: z
    .string({ error: 'petitioner.documentNumber: escriba el número de documento.' })
    .trim()
    .regex(/^[0-9A-Za-z-]{3,20}$/, 'petitioner.documentNumber: use de 3 a 20 letras o números.'),
  email: z.email({ error: 'petitioner.email: escriba un correo electrónico válido.' }).max(254).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ]{7,20}$/, 'petitioner.phone: escriba un teléfono de 7 a 15 dígitos.')
    .optional(),
  address: text('petitioner.address', 5, 200, 'la dirección').optional(),
});

/** The request as a person files it (web form, ventanilla); attachments come as multipart files. */
export const filingSchema = z.strictObject({
  type: z.enum(PQRSD_TYPES, {
    error:
      'type: elija el tipo de solicitud (petición, documentos, consulta, queja, reclamo, sugerencia o denuncia).',
  }),
  category: z.string({ error: 'category: elija el tema de su solicitud.' }).min(2).max(40),
  subject: text('subject', 5, 200, 'el asunto'),
  description: text('description', 10, 10_000, 'su solicitud'),
  anonymous: z.boolean().default(false),
  petitioner: petitionerSchema.optional(),
  /** Consent to the personal-data policy (Ley 1581): required when personal data is given. */
  acceptsPrivacyPolicy: z.boolean().optional(),
});
export type FilingInput = z.infer<typeof filingSchema>;

export const STATE_PUBLIC_LABELS: Readonly<Record<string, string>> = {
  radicada: 'Radicada: en reparto',
  asignada: 'Asignada a la dependencia competente',
  en_tramite: 'En trámite',
  esperando_informacion: 'Esperando información suya (término suspendido)',
  respuesta_en_revision: 'En trámite',
  respondida: 'Respondida',
  trasladada: 'Trasladada a la autoridad competente',
  desistida: 'Cerrada por desistimiento tácito',
  retirada: 'Retirada a su solicitud',
  duplicada: 'Cerrada: duplicada de otra solicitud',
};

export const CHANNEL_LABELS: Readonly<Record<string, string>> = {
  web: 'Sede electrónica',
  ventanilla: 'Ventanilla',
  correo: 'Correo electrónico',
};
