import { createHash, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  API_PATHS,
  HEADERS,
  IDEMPOTENCY_KEY_PATTERN,
  SIGNATURE_TOLERANCE_SECONDS,
  type WireCallback,
  type WireCreatedTransaction,
  type WireTransaction,
  wireCreateTransactionRequest,
} from './gateway-protocol.ts';
import {
  parseUnixSeconds,
  signatureMatches,
  signCallback,
  signRequest,
  unixSeconds,
} from './gateway-signatures.ts';
import { type FinalTransactionState, type GatewayTransactionState, isFinalState } from './payment-gateway.ts';
import { SANDBOX_BANKS } from './sandbox-banks.ts';

/**
 * A PSE payment gateway for tests and the demo: a real HTTP server on 127.0.0.1 speaking the protocol
 * of README.md. It keeps transactions in memory, shows a Spanish "bank" page where a person approves,
 * rejects or leaves the payment pending, redirects back to the platform and POSTs signed callbacks
 * (retrying when the platform does not answer 2xx). `behaviour` scripts what a test needs.
 */

/** How a PENDING transaction ends when no person decides at the bank page. */
export type SettleMode =
  /** Only the bank page or the control endpoint change the state (the default; the demo uses it). */
  | { mode: 'manual' }
  /** Settles right after creation (always OK, always rejected, always failing). */
  | { mode: 'immediate'; state: FinalTransactionState }
  /** Answers PENDING to the first `queries` status queries, then settles and answers `state`. */
  | { mode: 'after-queries'; queries: number; state: FinalTransactionState };

export interface SandboxBehaviour {
  settle: SettleMode;
  /** Every create fails with this PSE return code (e.g. FAIL_BANKUNREACHEABLE). */
  createFailure?: string;
  /** Creates above this amount fail with FAIL_EXCEEDEDLIMIT. */
  maxAmountPesos?: number;
  /** Send callbacks at all. */
  callbacks: boolean;
  /** Deliver each event this many times (duplicates happen with real gateways). */
  callbackCopies: number;
  /** Wait this long before the first delivery of each event. */
  callbackDelayMs: number;
  /** Back-off between attempts when the platform does not answer 2xx; the length is the number of retries. */
  callbackRetryDelaysMs: number[];
  /** Shifts the callback signature clock (a negative value makes the callbacks arrive stale). */
  callbackClockOffsetSeconds: number;
  /** Delay every API answer (to test timeouts). */
  responseDelayMs: number;
  /** Answer 503 to the next N API requests (to test retries). */
  failNextRequests: number;
}

export const DEFAULT_SANDBOX_BEHAVIOUR: SandboxBehaviour = {
  settle: { mode: 'manual' },
  callbacks: true,
  callbackCopies: 1,
  callbackDelayMs: 0,
  callbackRetryDelaysMs: [1_000, 5_000, 30_000, 120_000],
  callbackClockOffsetSeconds: 0,
  responseDelayMs: 0,
  failNextRequests: 0,
};

export interface SandboxGatewayOptions {
  /** 0 or absent: a free port. */
  port?: number;
  /** Verifies request signatures (or the bearer token) and signs callbacks. */
  secret: string;
  merchantId: string;
  /** Key id expected in X-Api-Key with HMAC auth. Default "sandbox". */
  apiKey?: string;
  behaviour?: Partial<SandboxBehaviour>;
  now?: () => Date;
  /** One line per notable event (created, settled, callback delivered or failed). */
  log?: (line: string) => void;
}

export interface SandboxTransaction {
  wire: WireTransaction;
  returnUrl: string;
  callbackUrl: string;
  description: string;
  payerName: string;
  /** PENDING answers given so far (for the after-queries behaviour). */
  pendingAnswers: number;
}

export interface CallbackDelivery {
  eventId: string;
  transactionId: string;
  state: GatewayTransactionState;
  copy: number;
  url: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: { at: string; httpStatus?: number; error?: string }[];
}

export interface SandboxGateway {
  url: string;
  port: number;
  merchantId: string;
  apiKey: string;
  transactions: ReadonlyMap<string, SandboxTransaction>;
  /** API requests seen (method, path, answer status), in order. */
  requests: { method: string; path: string; status: number }[];
  deliveries: CallbackDelivery[];
  setBehaviour(patch: Partial<SandboxBehaviour>): void;
  /** Ends a PENDING transaction as a bank would (and sends its callback); a final one is left as it is. */
  settle(transactionId: string, state: FinalTransactionState): WireTransaction;
  /** Resolves when no callback delivery is pending or scheduled. */
  callbacksIdle(): Promise<void>;
  close(): Promise<void>;
}

const BODY_LIMIT_BYTES = 64 * 1024;
const CALLBACK_TIMEOUT_MS = 5_000;

interface IdempotencyEntry {
  fingerprint: string;
  response: WireCreatedTransaction;
}

export async function startSandboxGateway(options: SandboxGatewayOptions): Promise<SandboxGateway> {
  if (!options.secret) throw new Error('La pasarela de pruebas necesita un secreto (secret).');
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => {});
  const apiKey = options.apiKey ?? 'sandbox';
  let behaviour: SandboxBehaviour = { ...DEFAULT_SANDBOX_BEHAVIOUR, ...options.behaviour };

  const transactions = new Map<string, SandboxTransaction>();
  const byReference = new Map<string, string>();
  const idempotency = new Map<string, IdempotencyEntry>();
  const requests: SandboxGateway['requests'] = [];
  const deliveries: CallbackDelivery[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const inFlight = new Set<AbortController>();
  let pendingDeliveries = 0;
  let idleWaiters: (() => void)[] = [];
  let closed = false;
  let baseUrl = '';

  const server = http.createServer((request, response) => {
    readBody(request)
      .then((rawBody) => handle(request, rawBody, response))
      .catch((error: unknown) => {
        if (error instanceof BodyTooLarge)
          return sendError(response, 413, 'PAYLOAD_TOO_LARGE', 'body too large');
        sendError(response, 500, 'INTERNAL_ERROR', (error as Error).message);
      });
  });

  async function handle(request: http.IncomingMessage, rawBody: Buffer, response: http.ServerResponse) {
    const method = request.method ?? 'GET';
    const pathAndQuery = request.url ?? '/';
    const path = new URL(pathAndQuery, 'http://sandbox').pathname;

    if (path === '/health' && method === 'GET') return sendJson(response, 200, { status: 'ok' });

    const bankPage = /^\/pse\/banco\/([^/]+)$/.exec(path);
    if (bankPage) {
      const transactionId = decodeURIComponent(bankPage[1] ?? '');
      if (method === 'GET') return showBankPage(transactionId, response);
      if (method === 'POST') return decideAtBank(transactionId, rawBody, response);
      return sendError(response, 405, 'METHOD_NOT_ALLOWED', 'method not allowed');
    }

    if (path.startsWith('/_sandbox/')) return handleControl(method, path, rawBody, response);

    if (!path.startsWith('/api/')) return sendError(response, 404, 'NOT_FOUND', 'no such path');

    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      requests.push({ method, path, status });
      return delay(behaviour.responseDelayMs).then(() => sendJson(response, status, body, headers));
    };

    if (behaviour.failNextRequests > 0) {
      behaviour.failNextRequests -= 1;
      return answer(503, errorBody('UNAVAILABLE', 'scripted outage'));
    }
    const authProblem = checkAuth(request, method, pathAndQuery, rawBody);
    if (authProblem) return answer(401, errorBody('UNAUTHORIZED', authProblem));

    if (path === API_PATHS.banks && method === 'GET') return answer(200, { banks: SANDBOX_BANKS });
    if (path === API_PATHS.transactions && method === 'POST') {
      const result = createTransaction(request, rawBody);
      return answer(result.status, result.body, result.headers);
    }
    const single = /^\/api\/v1\/transactions\/([^/]+)$/.exec(path);
    if (single && method === 'GET') {
      const transaction = transactions.get(decodeURIComponent(single[1] ?? ''));
      if (!transaction) return answer(404, errorBody('TRANSACTION_NOT_FOUND', 'unknown transaction'));
      answerQuery(transaction);
      return answer(200, transaction.wire);
    }
    return answer(404, errorBody('NOT_FOUND', 'no such endpoint'));
  }

  function checkAuth(
    request: http.IncomingMessage,
    method: string,
    pathAndQuery: string,
    rawBody: Buffer,
  ): string | null {
    if (header(request, HEADERS.merchantId) !== options.merchantId) return 'unknown merchant';
    const authorization = header(request, 'authorization');
    if (authorization?.startsWith('Bearer ')) {
      return constantTimeEquals(authorization.slice('Bearer '.length), options.secret) ? null : 'bad token';
    }
    if (header(request, HEADERS.apiKey) !== apiKey) return 'unknown api key';
    const timestamp = parseUnixSeconds(header(request, HEADERS.requestTimestamp));
    const signature = header(request, HEADERS.requestSignature);
    if (timestamp === null || !signature) return 'missing signature';
    if (Math.abs(unixSeconds(now()) - timestamp) > SIGNATURE_TOLERANCE_SECONDS) return 'stale request';
    const expected = signRequest({ secret: options.secret, timestamp, method, pathAndQuery, body: rawBody });
    return signatureMatches(signature, expected) ? null : 'bad signature';
  }

  /** Synchronous from the idempotency check to the insert, so concurrent identical creates make one. */
  function createTransaction(
    request: http.IncomingMessage,
    rawBody: Buffer,
  ): { status: number; body: unknown; headers?: Record<string, string> } {
    let json: unknown;
    try {
      json = JSON.parse(rawBody.toString('utf8'));
    } catch {
      return { status: 400, body: errorBody('INVALID_REQUEST', 'body is not JSON') };
    }
    const parsed = wireCreateTransactionRequest.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.path.join('.') || undefined;
      return {
        status: 400,
        body: errorBody('INVALID_REQUEST', `${field ?? 'body'}: ${issue?.message}`, field),
      };
    }
    const key = header(request, HEADERS.idempotencyKey);
    if (!key || !IDEMPOTENCY_KEY_PATTERN.test(key)) {
      return {
        status: 400,
        body: errorBody('INVALID_REQUEST', 'Idempotency-Key header required', 'idempotencyKey'),
      };
    }
    const input = parsed.data;
    const fingerprint = createHash('sha256').update(canonicalJson(input)).digest('hex');
    const previous = idempotency.get(key);
    if (previous) {
      if (previous.fingerprint !== fingerprint) {
        return { status: 409, body: errorBody('IDEMPOTENCY_KEY_REUSED', 'key used with another body') };
      }
      return { status: 201, body: previous.response, headers: { [HEADERS.idempotentReplayed]: 'true' } };
    }
    if (behaviour.createFailure) {
      return { status: 422, body: errorBody(behaviour.createFailure, 'scripted failure') };
    }
    if (behaviour.maxAmountPesos !== undefined && input.amount > behaviour.maxAmountPesos) {
      return { status: 422, body: errorBody('FAIL_EXCEEDEDLIMIT', 'amount above the limit', 'amount') };
    }
    if (!SANDBOX_BANKS.some((bank) => bank.code === input.bankCode)) {
      return { status: 422, body: errorBody('FAIL_BANKNOTEXISTSORDISABLED', 'unknown bank', 'bankCode') };
    }
    if (byReference.has(input.reference)) {
      return { status: 409, body: errorBody('DUPLICATE_REFERENCE', 'reference already used', 'reference') };
    }

    const transactionId = randomUUID();
    const wire: WireTransaction = {
      transactionId,
      reference: input.reference,
      amount: input.amount,
      currency: 'COP',
      state: 'PENDING',
      bankCode: input.bankCode,
      cus: String(randomInt(10_000_000, 99_999_999)) + String(randomInt(10, 99)),
      createdAt: now().toISOString(),
    };
    transactions.set(transactionId, {
      wire,
      returnUrl: input.returnUrl,
      callbackUrl: input.callbackUrl,
      description: input.description,
      payerName: input.payer.name,
      pendingAnswers: 0,
    });
    byReference.set(input.reference, transactionId);
    const created: WireCreatedTransaction = {
      ...wire,
      state: 'PENDING',
      redirectUrl: `${baseUrl}/pse/banco/${encodeURIComponent(transactionId)}`,
    };
    idempotency.set(key, { fingerprint, response: created });
    log(`creada ${transactionId} referencia ${input.reference} por $${input.amount}`);

    const settleMode = behaviour.settle;
    if (settleMode.mode === 'immediate') {
      schedule(0, () => settleTransaction(transactionId, settleMode.state));
    }
    return { status: 201, body: created };
  }

  function answerQuery(transaction: SandboxTransaction): void {
    const settleMode = behaviour.settle;
    if (transaction.wire.state !== 'PENDING' || settleMode.mode !== 'after-queries') return;
    if (transaction.pendingAnswers >= settleMode.queries) {
      settleTransaction(transaction.wire.transactionId, settleMode.state);
    } else {
      transaction.pendingAnswers += 1;
    }
  }

  function settleTransaction(transactionId: string, state: FinalTransactionState): WireTransaction {
    const transaction = transactions.get(transactionId);
    if (!transaction) throw new Error(`transacción desconocida ${transactionId}`);
    if (isFinalState(transaction.wire.state)) return transaction.wire;
    const settledAt = now().toISOString();
    transaction.wire = {
      ...transaction.wire,
      state,
      settledAt,
      reason: REASONS[state],
      ...(state === 'OK' ? { authorizationCode: String(randomInt(100_000, 999_999)) } : {}),
    };
    log(`${transactionId} → ${state}`);
    if (behaviour.callbacks) sendCallback(transaction);
    return transaction.wire;
  }

  function sendCallback(transaction: SandboxTransaction): void {
    const event: WireCallback = {
      eventId: `evt_${randomUUID()}`,
      type: 'transaction.updated',
      merchantId: options.merchantId,
      occurredAt: transaction.wire.settledAt ?? now().toISOString(),
      transaction: transaction.wire,
    };
    const rawBody = JSON.stringify(event);
    for (let copy = 1; copy <= Math.max(1, behaviour.callbackCopies); copy++) {
      const delivery: CallbackDelivery = {
        eventId: event.eventId,
        transactionId: transaction.wire.transactionId,
        state: transaction.wire.state,
        copy,
        url: transaction.callbackUrl,
        status: 'pending',
        attempts: [],
      };
      deliveries.push(delivery);
      pendingDeliveries += 1;
      const retryDelays = [...behaviour.callbackRetryDelaysMs];
      const clockOffset = behaviour.callbackClockOffsetSeconds;
      schedule(behaviour.callbackDelayMs, () =>
        attemptDelivery(delivery, rawBody, retryDelays, clockOffset, 0),
      );
    }
  }

  async function attemptDelivery(
    delivery: CallbackDelivery,
    rawBody: string,
    retryDelays: number[],
    clockOffset: number,
    attemptIndex: number,
  ): Promise<void> {
    if (closed) return finishDelivery(delivery, 'failed');
    // Signed at send time, so a retried or delayed delivery is still fresh.
    const timestamp = unixSeconds(now()) + clockOffset;
    const controller = new AbortController();
    inFlight.add(controller);
    const timer = setTimeout(() => controller.abort(), CALLBACK_TIMEOUT_MS);
    const attempt: CallbackDelivery['attempts'][number] = { at: now().toISOString() };
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [HEADERS.merchantId]: options.merchantId,
          [HEADERS.callbackEventId]: delivery.eventId,
          [HEADERS.callbackTimestamp]: String(timestamp),
          [HEADERS.callbackSignature]: signCallback({ secret: options.secret, timestamp, rawBody }),
        },
        body: rawBody,
        signal: controller.signal,
        redirect: 'manual',
      });
      await response.arrayBuffer().catch(() => undefined);
      attempt.httpStatus = response.status;
    } catch (error) {
      attempt.error = describeFetchError(error);
    } finally {
      clearTimeout(timer);
      inFlight.delete(controller);
    }
    delivery.attempts.push(attempt);
    if (attempt.httpStatus !== undefined && attempt.httpStatus >= 200 && attempt.httpStatus < 300) {
      log(`notificación ${delivery.eventId} (${delivery.state}) entregada`);
      return finishDelivery(delivery, 'delivered');
    }
    const wait = retryDelays[attemptIndex];
    if (wait === undefined || closed) {
      log(`notificación ${delivery.eventId} no entregada tras ${delivery.attempts.length} intentos`);
      return finishDelivery(delivery, 'failed');
    }
    schedule(wait, () => attemptDelivery(delivery, rawBody, retryDelays, clockOffset, attemptIndex + 1));
  }

  function finishDelivery(delivery: CallbackDelivery, status: 'delivered' | 'failed'): void {
    delivery.status = status;
    pendingDeliveries -= 1;
    if (pendingDeliveries === 0) {
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
    }
  }

  function schedule(ms: number, task: () => unknown): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      void task();
    }, ms);
    timers.add(timer);
  }

  function showBankPage(transactionId: string, response: http.ServerResponse) {
    const transaction = transactions.get(transactionId);
    if (!transaction) {
      return sendHtml(
        response,
        404,
        page('Transacción no encontrada', '<p>El banco de pruebas no conoce esta transacción.</p>'),
      );
    }
    const wire = transaction.wire;
    const bank = SANDBOX_BANKS.find((candidate) => candidate.code === wire.bankCode);
    const details = `
      <dl>
        <dt>Comercio</dt><dd>${escapeHtml(options.merchantId)}</dd>
        <dt>Referencia</dt><dd>${escapeHtml(wire.reference)}</dd>
        <dt>Descripción</dt><dd>${escapeHtml(transaction.description)}</dd>
        <dt>Pagador</dt><dd>${escapeHtml(transaction.payerName)}</dd>
        <dt>Banco</dt><dd>${escapeHtml(bank?.name ?? wire.bankCode)}</dd>
        <dt>Valor</dt><dd>$ ${formatPesos(wire.amount)}</dd>
        <dt>CUS</dt><dd>${escapeHtml(wire.cus ?? '')}</dd>
      </dl>`;
    if (isFinalState(wire.state)) {
      const body = `${details}
        <p role="status">Esta transacción ya fue procesada: <strong>${STATE_LABELS[wire.state]}</strong>.</p>
        <p><a href="${escapeHtml(transaction.returnUrl)}">Volver al comercio</a></p>`;
      return sendHtml(response, 200, page('Transacción procesada', body));
    }
    const action = `/pse/banco/${encodeURIComponent(wire.transactionId)}`;
    const body = `${details}
      <form method="post" action="${action}">
        <fieldset>
          <legend>¿Qué desea hacer con este pago?</legend>
          <button type="submit" name="decision" value="aprobar">Aprobar</button>
          <button type="submit" name="decision" value="rechazar">Rechazar</button>
          <button type="submit" name="decision" value="pendiente">Dejar pendiente</button>
        </fieldset>
      </form>`;
    return sendHtml(response, 200, page('Autorice el pago', body));
  }

  function decideAtBank(transactionId: string, rawBody: Buffer, response: http.ServerResponse) {
    const transaction = transactions.get(transactionId);
    if (!transaction) {
      return sendHtml(
        response,
        404,
        page('Transacción no encontrada', '<p>El banco de pruebas no conoce esta transacción.</p>'),
      );
    }
    const decision = new URLSearchParams(rawBody.toString('utf8')).get('decision');
    const outcome = decision === null ? undefined : DECISIONS[decision];
    if (outcome === undefined) {
      return sendHtml(
        response,
        400,
        page('Decisión inválida', '<p>Elija Aprobar, Rechazar o Dejar pendiente.</p>'),
      );
    }
    if (outcome !== 'PENDING') settleTransaction(transactionId, outcome);
    else log(`${transactionId} queda pendiente en el banco`);
    response.writeHead(303, { location: transaction.returnUrl, 'cache-control': 'no-store' });
    response.end();
  }

  function handleControl(method: string, path: string, rawBody: Buffer, response: http.ServerResponse) {
    if (method === 'GET' && path === '/_sandbox/transactions') {
      return sendJson(response, 200, { transactions: [...transactions.values()].map((entry) => entry.wire) });
    }
    if (method === 'GET' && path === '/_sandbox/callbacks') return sendJson(response, 200, { deliveries });
    const settleMatch = /^\/_sandbox\/transactions\/([^/]+)\/state$/.exec(path);
    if (method === 'POST' && settleMatch) {
      const transactionId = decodeURIComponent(settleMatch[1] ?? '');
      if (!transactions.has(transactionId)) {
        return sendError(response, 404, 'TRANSACTION_NOT_FOUND', 'unknown transaction');
      }
      let state: unknown;
      try {
        state = (JSON.parse(rawBody.toString('utf8')) as { state?: unknown }).state;
      } catch {
        return sendError(response, 400, 'INVALID_REQUEST', 'body is not JSON');
      }
      if (state !== 'OK' && state !== 'NOT_AUTHORIZED' && state !== 'FAILED') {
        return sendError(
          response,
          400,
          'INVALID_REQUEST',
          'state must be OK, NOT_AUTHORIZED or FAILED',
          'state',
        );
      }
      return sendJson(response, 200, settleTransaction(transactionId, state));
    }
    return sendError(response, 404, 'NOT_FOUND', 'no such control endpoint');
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    url: baseUrl,
    port,
    merchantId: options.merchantId,
    apiKey,
    transactions,
    requests,
    deliveries,
    setBehaviour(patch) {
      behaviour = { ...behaviour, ...patch };
    },
    settle(transactionId, state) {
      return settleTransaction(transactionId, state);
    },
    callbacksIdle() {
      if (pendingDeliveries === 0) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    async close() {
      closed = true;
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const controller of inFlight) controller.abort();
      const waiters = idleWaiters;
      idleWaiters = [];
      for (const resolve of waiters) resolve();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * The sandbox's settings from the environment (used by sandbox-gateway.main.ts). Returns the options or
 * the list of wrong variables, each named.
 */
export function sandboxOptionsFromEnv(
  env: Record<string, string | undefined>,
): { ok: true; options: SandboxGatewayOptions; demoSecret: boolean } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const portText = env.SANDBOX_GATEWAY_PORT?.trim() || env.PORT?.trim() || '4010';
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) {
    problems.push('SANDBOX_GATEWAY_PORT (o PORT): debe ser un número de puerto entre 0 y 65535');
  }
  const secret = env.SANDBOX_GATEWAY_SECRET?.trim() || DEMO_SECRET;
  const behaviour: Partial<SandboxBehaviour> = {};
  const mode = env.SANDBOX_GATEWAY_MODE?.trim();
  if (mode) {
    const settle = parseSettleMode(mode);
    if (settle) behaviour.settle = settle;
    else {
      problems.push(
        'SANDBOX_GATEWAY_MODE: use manual, OK, NOT_AUTHORIZED, FAILED o after-queries:N[:ESTADO] ' +
          '(p. ej. after-queries:2:OK)',
      );
    }
  }
  const copies = env.SANDBOX_GATEWAY_CALLBACK_COPIES?.trim();
  if (copies) {
    if (/^[1-9]\d?$/.test(copies)) behaviour.callbackCopies = Number(copies);
    else problems.push('SANDBOX_GATEWAY_CALLBACK_COPIES: debe ser un entero entre 1 y 99');
  }
  const callbackDelay = env.SANDBOX_GATEWAY_CALLBACK_DELAY_MS?.trim();
  if (callbackDelay) {
    if (/^\d{1,7}$/.test(callbackDelay)) behaviour.callbackDelayMs = Number(callbackDelay);
    else problems.push('SANDBOX_GATEWAY_CALLBACK_DELAY_MS: debe ser un entero de milisegundos');
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    demoSecret: secret === DEMO_SECRET,
    options: {
      port,
      secret,
      merchantId: env.SANDBOX_GATEWAY_MERCHANT_ID?.trim() || 'alcaldia-demo',
      apiKey: env.SANDBOX_GATEWAY_API_KEY?.trim() || 'sandbox',
      behaviour,
    },
  };
}

/** Only for the local demo; the sandbox moves no money. */
export const DEMO_SECRET = 'secreto-de-la-pasarela-de-pruebas';

function parseSettleMode(text: string): SettleMode | null {
  if (text === 'manual') return { mode: 'manual' };
  if (text === 'OK' || text === 'NOT_AUTHORIZED' || text === 'FAILED')
    return { mode: 'immediate', state: text };
  const match = /^after-queries:(\d{1,3})(?::(OK|NOT_AUTHORIZED|FAILED))?$/.exec(text);
  if (!match) return null;
  return {
    mode: 'after-queries',
    queries: Number(match[1]),
    state: (match[2] as FinalTransactionState | undefined) ?? 'OK',
  };
}

const DECISIONS: Record<string, FinalTransactionState | 'PENDING'> = {
  aprobar: 'OK',
  rechazar: 'NOT_AUTHORIZED',
  pendiente: 'PENDING',
};

const STATE_LABELS: Record<GatewayTransactionState, string> = {
  PENDING: 'pendiente',
  OK: 'aprobada',
  NOT_AUTHORIZED: 'rechazada',
  FAILED: 'fallida',
};

const REASONS: Record<FinalTransactionState, string> = {
  OK: 'Aprobada',
  NOT_AUTHORIZED: 'Rechazada por la entidad financiera',
  FAILED: 'Falla técnica en la entidad financiera',
};

class BodyTooLarge extends Error {}

function describeFetchError(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}

function readBody(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > BODY_LIMIT_BYTES) {
        reject(new BodyTooLarge());
        request.resume();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

function header(request: http.IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function constantTimeEquals(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** JSON with sorted keys, so the same request written in another key order has the same fingerprint. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function errorBody(code: string, message: string, field?: string) {
  return { error: { code, message, ...(field ? { field } : {}) } };
}

function sendJson(
  response: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (response.headersSent || response.destroyed) return;
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...headers,
  });
  response.end(text);
}

function sendError(
  response: http.ServerResponse,
  status: number,
  code: string,
  message: string,
  field?: string,
) {
  sendJson(response, status, errorBody(code, message, field));
}

function sendHtml(response: http.ServerResponse, status: number, html: string): void {
  response.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'",
  });
  response.end(html);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Banco de pruebas PSE</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem; color: #1b1b1b; }
  .aviso { background: #fff4d6; border-left: 4px solid #b47d00; padding: .5rem 1rem; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
  dt { font-weight: 600; }
  fieldset { border: 1px solid #767676; padding: 1rem; }
  button { font-size: 1rem; margin: .25rem; padding: .5rem 1rem; }
</style>
</head>
<body>
<main>
<p class="aviso">Entorno de pruebas: ningún dinero real se mueve.</p>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function formatPesos(amount: number): string {
  return new Intl.NumberFormat('es-CO', { maximumFractionDigits: 0 }).format(amount);
}

function delay(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
