/**
 * The payment gateway as the tax module sees it: PSE (ACH Colombia) debits through a gateway that
 * creates the transaction, sends the citizen to the bank, tells us the outcome by a signed callback and
 * answers status queries. Any gateway (the sandbox, a real provider) implements this one interface.
 *
 * States are those of PSE (domain/taxes.md §6): only OK means paid; NOT_AUTHORIZED and FAILED are final
 * and release the bill; PENDING must be asked about again (see reconciliation.rules.ts).
 */

export const GATEWAY_TRANSACTION_STATES = ['PENDING', 'OK', 'NOT_AUTHORIZED', 'FAILED'] as const;
export type GatewayTransactionState = (typeof GATEWAY_TRANSACTION_STATES)[number];
export type FinalTransactionState = Exclude<GatewayTransactionState, 'PENDING'>;

/** Only OK pays the bill (§6: "Only OK means paid"). */
export function paysTheBill(state: GatewayTransactionState): boolean {
  return state === 'OK';
}

/** A final state never changes again: stop asking the gateway. */
export function isFinalState(state: GatewayTransactionState): state is FinalTransactionState {
  return state !== 'PENDING';
}

/** Identity documents the platform accepts (identity module) and PSE payers may use. */
export const PAYER_DOCUMENT_TYPES = ['CC', 'CE', 'TI', 'PPT', 'PEP', 'PA', 'NIT'] as const;
export type PayerDocumentType = (typeof PAYER_DOCUMENT_TYPES)[number];

/** PSE shows the bank's interface for persons or for companies. */
export type BankInterface = 'PERSONAS' | 'EMPRESAS';

export interface Payer {
  documentType: PayerDocumentType;
  /** Digits and letters only, no dots or spaces (PSE allows up to 12 characters). */
  documentNumber: string;
  name: string;
  email: string;
}

export interface CreateTransactionInput {
  /** One payment attempt = one unique reference, at most 32 characters (PSE). */
  reference: string;
  /** Integer pesos, frozen at creation: the bill total valid on the day of payment (§6). */
  amountPesos: number;
  description: string;
  payer: Payer;
  /** Code from listBanks(); opaque to us. */
  bankCode: string;
  /** Defaults to PERSONAS. */
  bankInterface?: BankInterface;
  /** Where the bank sends the citizen's browser back. */
  returnUrl: string;
  /** Where the gateway POSTs the signed notification. */
  callbackUrl: string;
  /** Same key, same transaction: a retried create never opens a second debit. */
  idempotencyKey: string;
  /** PSE asks for the payer's IP address and browser. */
  ipAddress?: string;
  userAgent?: string;
}

export interface CreatedTransaction {
  transactionId: string;
  /** Send the browser here (a full-page redirect, never an iframe: §6). */
  redirectUrl: string;
  /** Creation only means the bank registered the intent (§6). */
  state: 'PENDING';
}

export interface GatewayTransaction {
  transactionId: string;
  reference: string;
  amountPesos: number;
  state: GatewayTransactionState;
  bankCode: string;
  /** The bank's authorisation number, once approved. */
  authorizationCode?: string;
  /** CUS: ACH Colombia's unique tracking code ("trazabilityCode"), shown on the citizen's receipt. */
  cus?: string;
  /** UTC instant (ISO 8601) when the state became final. */
  settledAt?: string;
}

export interface Bank {
  code: string;
  name: string;
}

/** A callback whose signature and freshness were checked. */
export interface GatewayNotification {
  /** Same id on every delivery of the same event: duplicates are expected, apply at most once. */
  eventId: string;
  /** UTC instant (ISO 8601) of the state change. */
  occurredAt: string;
  transaction: GatewayTransaction;
}

export type CallbackHeaders = Record<string, string | string[] | undefined>;

export interface PaymentGateway {
  /** Opens a PSE debit. Throws PaymentGatewayError (Spanish, stable code) when the gateway refuses. */
  createTransaction(input: CreateTransactionInput): Promise<CreatedTransaction>;
  /** Current state; throws GATEWAY_TRANSACTION_NOT_FOUND (404) for an id the gateway does not know. */
  getTransaction(transactionId: string): Promise<GatewayTransaction>;
  /** Banks enabled for PSE now; cache it and refresh once a day (§6). */
  listBanks(): Promise<Bank[]>;
  /**
   * Checks a callback as received (headers and the exact raw body bytes) and returns its content,
   * or throws PaymentGatewayError (401 bad or stale signature, 400 malformed).
   */
  verifyCallback(headers: CallbackHeaders, rawBody: string | Uint8Array): Promise<GatewayNotification>;
}
