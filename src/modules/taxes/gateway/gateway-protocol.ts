import { z } from 'zod';
import { GATEWAY_TRANSACTION_STATES, PAYER_DOCUMENT_TYPES } from './payment-gateway.ts';

/**
 * The JSON REST protocol the HTTP adapter speaks and the sandbox serves (README.md describes it for
 * people). Amounts on the wire are integer pesos; instants are ISO 8601 in UTC.
 */

export const API_PATHS = {
  banks: '/api/v1/banks',
  transactions: '/api/v1/transactions',
  transaction: (transactionId: string) => `/api/v1/transactions/${encodeURIComponent(transactionId)}`,
} as const;

/** Header names, lower-case as node:http gives them. */
export const HEADERS = {
  merchantId: 'x-merchant-id',
  apiKey: 'x-api-key',
  requestTimestamp: 'x-timestamp',
  requestSignature: 'x-signature',
  idempotencyKey: 'idempotency-key',
  idempotentReplayed: 'idempotent-replayed',
  callbackEventId: 'x-gateway-event-id',
  callbackTimestamp: 'x-gateway-timestamp',
  callbackSignature: 'x-gateway-signature',
} as const;

/** Requests and callbacks older or newer than this are refused (replay protection). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export const REFERENCE_PATTERN = /^[A-Za-z0-9._-]{1,32}$/;
export const DOCUMENT_NUMBER_PATTERN = /^[A-Za-z0-9]{3,12}$/;
export const BANK_CODE_PATTERN = /^[A-Za-z0-9]{1,10}$/;
export const IDEMPOTENCY_KEY_PATTERN = /^[\x21-\x7E]{8,255}$/;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const httpUrl = z
  .string()
  .max(2048)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'http:' || url.protocol === 'https:';
    } catch {
      return false;
    }
  }, 'debe ser una URL http(s) completa');

const amount = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const instant = z.iso.datetime({ offset: true });

export const wireCreateTransactionRequest = z.object({
  reference: z.string().regex(REFERENCE_PATTERN, 'de 1 a 32 letras, dígitos, punto, guion o guion bajo'),
  amount,
  currency: z.literal('COP'),
  description: z.string().min(1).max(255),
  bankCode: z.string().regex(BANK_CODE_PATTERN, 'código de banco inválido'),
  bankInterface: z.enum(['PERSONAS', 'EMPRESAS']),
  payer: z.object({
    documentType: z.enum(PAYER_DOCUMENT_TYPES),
    documentNumber: z.string().regex(DOCUMENT_NUMBER_PATTERN, 'de 3 a 12 letras o dígitos'),
    name: z.string().min(1).max(120),
    email: z.string().max(80).regex(EMAIL_PATTERN, 'correo electrónico inválido'),
  }),
  returnUrl: httpUrl,
  callbackUrl: httpUrl,
  ipAddress: z.string().max(45).optional(),
  userAgent: z.string().max(255).optional(),
});
export type WireCreateTransactionRequest = z.infer<typeof wireCreateTransactionRequest>;

export const wireTransaction = z.object({
  transactionId: z.string().min(1).max(64),
  reference: z.string(),
  amount,
  currency: z.literal('COP'),
  state: z.enum(GATEWAY_TRANSACTION_STATES),
  bankCode: z.string(),
  cus: z.string().optional(),
  authorizationCode: z.string().optional(),
  createdAt: instant,
  settledAt: instant.optional(),
  /** Why it ended as it did, in the gateway's words. */
  reason: z.string().optional(),
});
export type WireTransaction = z.infer<typeof wireTransaction>;

export const wireCreatedTransaction = wireTransaction.extend({
  state: z.literal('PENDING'),
  redirectUrl: httpUrl,
});
export type WireCreatedTransaction = z.infer<typeof wireCreatedTransaction>;

export const wireBankList = z.object({
  banks: z.array(z.object({ code: z.string().min(1), name: z.string().min(1) })),
});

export const wireError = z.object({
  error: z.object({ code: z.string(), message: z.string(), field: z.string().optional() }),
});
export type WireError = z.infer<typeof wireError>;

export const wireCallback = z.object({
  eventId: z.string().min(1).max(128),
  type: z.literal('transaction.updated'),
  merchantId: z.string(),
  occurredAt: instant,
  transaction: wireTransaction,
});
export type WireCallback = z.infer<typeof wireCallback>;
