import type { z } from 'zod';
import { ConfigError } from '../../../platform/config/config.ts';
import {
  API_PATHS,
  BANK_CODE_PATTERN,
  DOCUMENT_NUMBER_PATTERN,
  HEADERS,
  IDEMPOTENCY_KEY_PATTERN,
  REFERENCE_PATTERN,
  SIGNATURE_TOLERANCE_SECONDS,
  type WireCreateTransactionRequest,
  type WireTransaction,
  wireBankList,
  wireCallback,
  wireCreatedTransaction,
  wireError,
  wireTransaction,
} from './gateway-protocol.ts';
import {
  parseUnixSeconds,
  signatureMatches,
  signCallback,
  signRequest,
  unixSeconds,
} from './gateway-signatures.ts';
import { errorForPseReturnCode, gatewayErrors, type PaymentGatewayError } from './payment-gateway.errors.ts';
import {
  type CallbackHeaders,
  type CreateTransactionInput,
  type GatewayTransaction,
  PAYER_DOCUMENT_TYPES,
  type PaymentGateway,
} from './payment-gateway.ts';

export interface HttpGatewayConfig {
  /** e.g. https://pasarela.example.com (a path prefix is kept). */
  baseUrl: string;
  merchantId: string;
  /** Public key id, sent in X-Api-Key with HMAC signing. */
  apiKey: string;
  /** Signs requests (HMAC) or travels as the bearer token. */
  apiSecret: string;
  /** Secret of the callback signatures; defaults to apiSecret. */
  callbackSecret?: string;
  /** 'hmac' (default) signs every request; 'bearer' sends `Authorization: Bearer <apiSecret>`. */
  auth?: 'hmac' | 'bearer';
  /** Per attempt, including reading the body. Default 10 s. */
  timeoutMs?: number;
  /** Extra attempts for GETs only (they are idempotent); creates are never retried here. Default 2. */
  getRetries?: number;
  /** First back-off before a GET retry; doubles each time. Default 250 ms. */
  retryDelayMs?: number;
  /** Allowed clock difference for callbacks. Default 300 s. */
  callbackToleranceSeconds?: number;
  now?: () => Date;
  fetch?: typeof fetch;
}

/**
 * Reads the adapter's settings from the environment (names proposed for the platform config); every
 * missing or wrong variable is named, as the platform's config does.
 */
export function httpGatewayConfigFromEnv(env: Record<string, string | undefined>): HttpGatewayConfig {
  const problems: { variable: string; message: string }[] = [];
  const required = (variable: string): string => {
    const value = env[variable]?.trim();
    if (!value) problems.push({ variable, message: 'es obligatoria para el pago en línea (PSE)' });
    return value ?? '';
  };
  const baseUrl = required('PAYMENT_GATEWAY_URL');
  if (baseUrl && !isHttpUrl(baseUrl)) {
    problems.push({ variable: 'PAYMENT_GATEWAY_URL', message: 'debe ser una URL http(s) completa' });
  }
  const merchantId = required('PAYMENT_GATEWAY_MERCHANT_ID');
  const apiKey = required('PAYMENT_GATEWAY_API_KEY');
  const apiSecret = required('PAYMENT_GATEWAY_API_SECRET');
  const auth = env.PAYMENT_GATEWAY_AUTH?.trim() || 'hmac';
  if (auth !== 'hmac' && auth !== 'bearer') {
    problems.push({ variable: 'PAYMENT_GATEWAY_AUTH', message: 'debe ser «hmac» o «bearer»' });
  }
  const timeout = env.PAYMENT_GATEWAY_TIMEOUT_MS?.trim();
  if (timeout && !/^[1-9]\d{0,6}$/.test(timeout)) {
    problems.push({
      variable: 'PAYMENT_GATEWAY_TIMEOUT_MS',
      message: 'debe ser un número entero de milisegundos',
    });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    baseUrl,
    merchantId,
    apiKey,
    apiSecret,
    callbackSecret: env.PAYMENT_GATEWAY_CALLBACK_SECRET?.trim() || undefined,
    auth: auth as 'hmac' | 'bearer',
    timeoutMs: timeout ? Number(timeout) : undefined,
  };
}

interface RequestOptions {
  body?: unknown;
  idempotencyKey?: string;
  /** The transaction a 404 refers to. */
  transactionId?: string;
}

/** Thrown inside one attempt; tells the retry loop whether another attempt may help. */
class AttemptFailure {
  constructor(
    readonly error: PaymentGatewayError,
    readonly retryable: boolean,
  ) {}
}

/** The PaymentGateway over the JSON REST protocol in README.md (the sandbox speaks it too). */
export function createHttpPaymentGateway(config: HttpGatewayConfig): PaymentGateway {
  const doFetch = config.fetch ?? fetch;
  const now = config.now ?? (() => new Date());
  const timeoutMs = config.timeoutMs ?? 10_000;
  const getRetries = config.getRetries ?? 2;
  const retryDelayMs = config.retryDelayMs ?? 250;
  const tolerance = config.callbackToleranceSeconds ?? SIGNATURE_TOLERANCE_SECONDS;
  const callbackSecret = config.callbackSecret ?? config.apiSecret;
  const base = config.baseUrl.replace(/\/+$/, '');

  function authHeaders(method: string, url: URL, body: string): Record<string, string> {
    const headers: Record<string, string> = { [HEADERS.merchantId]: config.merchantId };
    if (config.auth === 'bearer') {
      headers.authorization = `Bearer ${config.apiSecret}`;
      return headers;
    }
    const timestamp = unixSeconds(now());
    headers[HEADERS.apiKey] = config.apiKey;
    headers[HEADERS.requestTimestamp] = String(timestamp);
    headers[HEADERS.requestSignature] = signRequest({
      secret: config.apiSecret,
      timestamp,
      method,
      pathAndQuery: url.pathname + url.search,
      body,
    });
    return headers;
  }

  async function attempt<T>(
    method: 'GET' | 'POST',
    path: string,
    schema: z.ZodType<T>,
    options: RequestOptions,
  ) {
    const url = new URL(base + path);
    const body = options.body === undefined ? '' : JSON.stringify(options.body);
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...authHeaders(method, url, body),
    };
    if (body) headers['content-type'] = 'application/json';
    if (options.idempotencyKey) headers[HEADERS.idempotencyKey] = options.idempotencyKey;

    let status: number;
    let text: string;
    try {
      // One signal covers connecting, the headers and the body.
      const response = await doFetch(url, {
        method,
        headers,
        body: body || undefined,
        signal: AbortSignal.timeout(timeoutMs),
        redirect: 'error',
      });
      status = response.status;
      text = await response.text();
    } catch (error) {
      const name = (error as Error).name;
      if (name === 'TimeoutError' || name === 'AbortError') {
        throw new AttemptFailure(gatewayErrors.timeout(timeoutMs / 1000, method === 'POST'), true);
      }
      throw new AttemptFailure(gatewayErrors.unreachable(describeNetworkError(error)), true);
    }

    if (status >= 200 && status < 300) {
      const parsed = parseJson(text, schema);
      if (!parsed.ok) throw new AttemptFailure(gatewayErrors.badResponse(parsed.why), true);
      return parsed.value;
    }
    throw errorForStatus(status, text, options);
  }

  function errorForStatus(status: number, text: string, options: RequestOptions): AttemptFailure {
    const parsed = parseJson(text, wireError);
    const wire = parsed.ok ? parsed.value.error : undefined;
    if (status === 401 || status === 403) return new AttemptFailure(gatewayErrors.authFailed(), false);
    if (status === 429) return new AttemptFailure(gatewayErrors.busy(), true);
    if (status >= 500) return new AttemptFailure(gatewayErrors.unavailable(status), true);
    if (status === 404 && options.transactionId !== undefined) {
      return new AttemptFailure(gatewayErrors.notFound(options.transactionId), false);
    }
    if (status === 409 && wire?.code === 'IDEMPOTENCY_KEY_REUSED') {
      return new AttemptFailure(gatewayErrors.idempotencyConflict(), false);
    }
    if (status === 409 && wire?.code === 'DUPLICATE_REFERENCE') {
      const reference = (options.body as { reference?: string } | undefined)?.reference ?? '';
      return new AttemptFailure(gatewayErrors.duplicateReference(reference), false);
    }
    if (wire?.code.startsWith('FAIL_')) {
      const error = errorForPseReturnCode(wire.code, wire.message);
      return new AttemptFailure(error, false);
    }
    if (status === 400 || status === 422) {
      return new AttemptFailure(
        gatewayErrors.rejectedRequest(
          wire?.message ?? `estado ${status}`,
          wireFieldToInputField(wire?.field),
        ),
        false,
      );
    }
    return new AttemptFailure(gatewayErrors.badResponse(`estado HTTP inesperado ${status}`), false);
  }

  async function get<T>(path: string, schema: z.ZodType<T>, options: RequestOptions = {}): Promise<T> {
    for (let attemptNumber = 0; ; attemptNumber++) {
      try {
        return await attempt('GET', path, schema, options);
      } catch (caught) {
        if (!(caught instanceof AttemptFailure)) throw caught;
        if (!caught.retryable || attemptNumber >= getRetries) throw caught.error;
        await sleep(retryDelayMs * 2 ** attemptNumber);
      }
    }
  }

  async function post<T>(path: string, schema: z.ZodType<T>, options: RequestOptions): Promise<T> {
    try {
      return await attempt('POST', path, schema, options);
    } catch (caught) {
      if (caught instanceof AttemptFailure) throw caught.error;
      throw caught;
    }
  }

  return {
    async createTransaction(input) {
      const body = toWireCreate(input);
      const created = await post(API_PATHS.transactions, wireCreatedTransaction, {
        body,
        idempotencyKey: input.idempotencyKey,
      });
      // The amount is frozen at creation (§6): a gateway that echoes another one is not trusted.
      if (created.reference !== input.reference || created.amount !== input.amountPesos) {
        throw gatewayErrors.badResponse('la referencia o el valor no coinciden con lo solicitado');
      }
      return { transactionId: created.transactionId, redirectUrl: created.redirectUrl, state: 'PENDING' };
    },

    async getTransaction(transactionId) {
      if (!transactionId || transactionId.length > 64) {
        throw gatewayErrors.invalidInput('transactionId', 'El identificador de la transacción no es válido.');
      }
      const wire = await get(API_PATHS.transaction(transactionId), wireTransaction, { transactionId });
      if (wire.transactionId !== transactionId) {
        throw gatewayErrors.badResponse('la transacción devuelta no es la consultada');
      }
      return fromWireTransaction(wire);
    },

    async listBanks() {
      const { banks } = await get(API_PATHS.banks, wireBankList);
      return banks.map((bank) => ({ code: bank.code, name: bank.name }));
    },

    async verifyCallback(headers, rawBody) {
      const timestampHeader = headerValue(headers, HEADERS.callbackTimestamp);
      const signatureHeader = headerValue(headers, HEADERS.callbackSignature);
      if (!timestampHeader || !signatureHeader) throw gatewayErrors.callbackUnsigned();
      const timestamp = parseUnixSeconds(timestampHeader);
      if (timestamp === null) throw gatewayErrors.callbackUnsigned();

      // Signature first: nothing about an unauthenticated message is believed, not even its age.
      const expected = signCallback({ secret: callbackSecret, timestamp, rawBody });
      if (!signatureMatches(signatureHeader, expected)) throw gatewayErrors.callbackSignatureInvalid();

      const age = unixSeconds(now()) - timestamp;
      if (Math.abs(age) > tolerance) throw gatewayErrors.callbackStale(Math.abs(age), tolerance);

      const text = typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody).toString('utf8');
      const parsed = parseJson(text, wireCallback);
      if (!parsed.ok) throw gatewayErrors.callbackMalformed(parsed.why);
      const callback = parsed.value;
      if (callback.merchantId !== config.merchantId) throw gatewayErrors.callbackWrongMerchant();
      const eventIdHeader = headerValue(headers, HEADERS.callbackEventId);
      if (eventIdHeader !== undefined && eventIdHeader !== callback.eventId) {
        throw gatewayErrors.callbackMalformed('el identificador del evento no coincide con el encabezado');
      }
      return {
        eventId: callback.eventId,
        occurredAt: callback.occurredAt,
        transaction: fromWireTransaction(callback.transaction),
      };
    },
  };
}

/** Checks the input here, so a person gets a Spanish error naming the field without a round trip. */
export function toWireCreate(input: CreateTransactionInput): WireCreateTransactionRequest {
  const invalid = gatewayErrors.invalidInput;
  if (!REFERENCE_PATTERN.test(input.reference)) {
    throw invalid(
      'reference',
      'La referencia de pago debe tener de 1 a 32 letras, dígitos, puntos o guiones.',
    );
  }
  if (!Number.isSafeInteger(input.amountPesos) || input.amountPesos <= 0) {
    throw invalid('amountPesos', 'El valor a pagar debe ser un número entero de pesos mayor que cero.');
  }
  const description = input.description.trim();
  if (description.length === 0 || description.length > 255) {
    throw invalid('description', 'La descripción del pago debe tener entre 1 y 255 caracteres.');
  }
  if (!(PAYER_DOCUMENT_TYPES as readonly string[]).includes(input.payer.documentType)) {
    throw invalid('payer.documentType', `Tipo de documento no admitido: ${input.payer.documentType}.`);
  }
  if (!DOCUMENT_NUMBER_PATTERN.test(input.payer.documentNumber)) {
    throw invalid(
      'payer.documentNumber',
      'El número de documento debe tener de 3 a 12 letras o dígitos, sin puntos ni espacios.',
    );
  }
  const name = input.payer.name.trim();
  if (name.length === 0 || name.length > 120) {
    throw invalid('payer.name', 'El nombre del pagador debe tener entre 1 y 120 caracteres.');
  }
  const email = input.payer.email.trim();
  if (email.length > 80 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw invalid('payer.email', 'El correo electrónico del pagador no es válido (máximo 80 caracteres).');
  }
  if (!BANK_CODE_PATTERN.test(input.bankCode)) {
    throw invalid('bankCode', 'Seleccione un banco de la lista.');
  }
  for (const field of ['returnUrl', 'callbackUrl'] as const) {
    if (!isHttpUrl(input[field]))
      throw invalid(field, `La dirección ${field} debe ser una URL http(s) completa.`);
  }
  if (!IDEMPOTENCY_KEY_PATTERN.test(input.idempotencyKey)) {
    throw invalid('idempotencyKey', 'La clave de idempotencia debe tener de 8 a 255 caracteres visibles.');
  }
  return {
    reference: input.reference,
    amount: input.amountPesos,
    currency: 'COP',
    description,
    bankCode: input.bankCode,
    bankInterface: input.bankInterface ?? 'PERSONAS',
    payer: {
      documentType: input.payer.documentType,
      documentNumber: input.payer.documentNumber,
      name,
      email,
    },
    returnUrl: input.returnUrl,
    callbackUrl: input.callbackUrl,
    ...(input.ipAddress ? { ipAddress: input.ipAddress } : {}),
    ...(input.userAgent ? { userAgent: input.userAgent.slice(0, 255) } : {}),
  };
}

export function fromWireTransaction(wire: WireTransaction): GatewayTransaction {
  return {
    transactionId: wire.transactionId,
    reference: wire.reference,
    amountPesos: wire.amount,
    state: wire.state,
    bankCode: wire.bankCode,
    ...(wire.authorizationCode ? { authorizationCode: wire.authorizationCode } : {}),
    ...(wire.cus ? { cus: wire.cus } : {}),
    ...(wire.settledAt ? { settledAt: new Date(wire.settledAt).toISOString() } : {}),
  };
}

function wireFieldToInputField(field: string | undefined): string | undefined {
  if (field === 'amount') return 'amountPesos';
  return field;
}

function headerValue(headers: CallbackHeaders, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== name) continue;
    return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

function parseJson<T>(
  text: string,
  schema: z.ZodType<T>,
): { ok: true; value: T } | { ok: false; why: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, why: 'no es JSON' };
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    return { ok: false, why: `campo «${issue?.path.join('.') ?? ''}» ${issue?.message ?? 'inválido'}` };
  }
  return { ok: true, value: result.data };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message ?? 'error de red';
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
