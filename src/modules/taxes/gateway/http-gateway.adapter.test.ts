import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/http/errors.ts';
import { type CallbackReceiver, startCallbackReceiver } from './callback-receiver.testkit.ts';
import { signCallback } from './gateway-signatures.ts';
import {
  createHttpPaymentGateway,
  type HttpGatewayConfig,
  httpGatewayConfigFromEnv,
} from './http-gateway.adapter.ts';
import { PaymentGatewayError } from './payment-gateway.errors.ts';
import { type CreateTransactionInput, type GatewayTransactionState, paysTheBill } from './payment-gateway.ts';
import { type PendingAttempt, reconciliationDecision } from './reconciliation.rules.ts';
import { type SandboxBehaviour, startSandboxGateway } from './sandbox-gateway.server.ts';

const SECRET = 'secreto-compartido-de-pruebas';
const MERCHANT = 'alcaldia-bucaramanga';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(
  options: { behaviour?: Partial<SandboxBehaviour>; gateway?: Partial<HttpGatewayConfig> } = {},
) {
  const sandbox = await startSandboxGateway({
    secret: SECRET,
    merchantId: MERCHANT,
    behaviour: options.behaviour,
  });
  cleanups.push(() => sandbox.close());
  const receiver = await startCallbackReceiver();
  cleanups.push(() => receiver.close());
  const gateway = createHttpPaymentGateway({
    baseUrl: sandbox.url,
    merchantId: MERCHANT,
    apiKey: sandbox.apiKey,
    apiSecret: SECRET,
    retryDelayMs: 5,
    ...options.gateway,
  });
  return { sandbox, receiver, gateway };
}

let referenceCounter = 0;
function buildPayment(receiver: CallbackReceiver, overrides: Partial<CreateTransactionInput> = {}) {
  referenceCounter += 1;
  return {
    reference: `2026-PSE-${String(referenceCounter).padStart(6, '0')}`,
    amountPesos: 1_265_000,
    description: 'Impuesto predial 2026 · predio 68001010200000012000',
    payer: {
      documentType: 'CC',
      documentNumber: '1098765432',
      name: 'Ana María Rueda',
      email: 'ana@example.co',
    },
    bankCode: '007',
    returnUrl: 'http://127.0.0.1:3000/pagos/pse/retorno?intento=abc',
    callbackUrl: receiver.url,
    idempotencyKey: `intento-${referenceCounter}-0f3c9a`,
    ipAddress: '181.49.10.20',
    userAgent: 'Mozilla/5.0 (pruebas)',
    ...overrides,
  } satisfies CreateTransactionInput;
}

/** What a browser does at the sandbox bank page: load it, press one button, follow nothing. */
async function pressAtBank(redirectUrl: string, decision: 'aprobar' | 'rechazar' | 'pendiente') {
  const pageResponse = await fetch(redirectUrl);
  const html = await pageResponse.text();
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  expect(action).toBeDefined();
  return fetch(new URL(action ?? '', redirectUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ decision }).toString(),
    redirect: 'manual',
  });
}

async function caught(promise: Promise<unknown>): Promise<PaymentGatewayError> {
  const error = await promise.then(
    () => null,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(PaymentGatewayError);
  return error as PaymentGatewayError;
}

describe('PSE through the HTTP adapter and the sandbox gateway', () => {
  it('create → bank page → approve → signed callback → status OK', async () => {
    const { sandbox, receiver, gateway } = await setUp();
    const payment = buildPayment(receiver);

    const created = await gateway.createTransaction(payment);
    expect(created.state).toBe('PENDING');
    expect(created.redirectUrl).toBe(`${sandbox.url}/pse/banco/${created.transactionId}`);
    expect((await gateway.getTransaction(created.transactionId)).state).toBe('PENDING');

    const page = await fetch(created.redirectUrl);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('$ 1.265.000');
    expect(html).toContain(payment.reference);
    expect(html).toContain('Bancolombia');
    for (const label of ['Aprobar', 'Rechazar', 'Dejar pendiente'])
      expect(html).toContain(`>${label}</button>`);

    const decision = await pressAtBank(created.redirectUrl, 'aprobar');
    expect(decision.status).toBe(303);
    expect(decision.headers.get('location')).toBe(payment.returnUrl);

    await receiver.waitFor(1);
    const [callback] = receiver.received;
    const notification = await gateway.verifyCallback(callback!.headers, callback!.rawBody);
    expect(notification.eventId).toMatch(/^evt_/);
    expect(notification.transaction).toMatchObject({
      transactionId: created.transactionId,
      reference: payment.reference,
      amountPesos: 1_265_000,
      state: 'OK',
      bankCode: '007',
    });

    const settled = await gateway.getTransaction(created.transactionId);
    expect(settled).toEqual(notification.transaction);
    expect(settled.cus).toMatch(/^\d{10}$/);
    expect(settled.authorizationCode).toMatch(/^\d{6}$/);
    expect(Date.parse(settled.settledAt ?? '')).not.toBeNaN();
    expect(paysTheBill(settled.state)).toBe(true);
  });

  it('"Rechazar" ends NOT_AUTHORIZED, which does not pay; "Dejar pendiente" changes nothing', async () => {
    const { receiver, gateway } = await setUp();
    const rejected = await gateway.createTransaction(buildPayment(receiver));
    await pressAtBank(rejected.redirectUrl, 'rechazar');
    await receiver.waitFor(1);
    const notification = await gateway.verifyCallback(
      receiver.received[0]!.headers,
      receiver.received[0]!.rawBody,
    );
    expect(notification.transaction.state).toBe('NOT_AUTHORIZED');
    expect(notification.transaction.authorizationCode).toBeUndefined();
    expect(paysTheBill(notification.transaction.state)).toBe(false);

    const left = await gateway.createTransaction(buildPayment(receiver));
    const response = await pressAtBank(left.redirectUrl, 'pendiente');
    expect(response.status).toBe(303);
    expect((await gateway.getTransaction(left.transactionId)).state).toBe('PENDING');
    expect(receiver.received).toHaveLength(1);
  });

  it('the same idempotency key gives the same transaction; another body with it is a conflict', async () => {
    const { sandbox, receiver, gateway } = await setUp();
    const payment = buildPayment(receiver);
    const first = await gateway.createTransaction(payment);
    const again = await gateway.createTransaction({ ...payment });
    expect(again).toEqual(first);
    expect(sandbox.transactions.size).toBe(1);

    const conflict = await caught(gateway.createTransaction({ ...payment, amountPesos: 1_000 }));
    expect(conflict).toMatchObject({
      status: 409,
      code: 'GATEWAY_IDEMPOTENCY_CONFLICT',
      field: 'idempotencyKey',
    });

    const reused = await caught(gateway.createTransaction({ ...payment, idempotencyKey: 'otra-clave-123' }));
    expect(reused).toMatchObject({ status: 409, code: 'GATEWAY_DUPLICATE_REFERENCE', field: 'reference' });
    expect(reused.detail).toContain(payment.reference);
    expect(sandbox.transactions.size).toBe(1);
  });

  it('50 concurrent identical creates open one transaction', async () => {
    const { sandbox, receiver, gateway } = await setUp();
    const payment = buildPayment(receiver);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => gateway.createTransaction({ ...payment })),
    );
    expect(new Set(results.map((result) => result.transactionId)).size).toBe(1);
    expect(sandbox.transactions.size).toBe(1);
    expect(sandbox.requests.filter((request) => request.method === 'POST')).toHaveLength(50);
  });

  it('a transaction pending at the bank settles through the reconciliation schedule (7, 19, 31 min)', async () => {
    const { sandbox, receiver, gateway } = await setUp({
      behaviour: { settle: { mode: 'after-queries', queries: 2, state: 'OK' } },
    });
    const created = await gateway.createTransaction(buildPayment(receiver));
    await pressAtBank(created.redirectUrl, 'pendiente');

    // The job runs every minute on a simulated clock; each query is a real HTTP request.
    const createdAt = new Date('2026-03-02T15:00:00Z');
    let attempt: PendingAttempt = { state: 'PENDING', createdAt };
    const answers: { minute: number; state: GatewayTransactionState }[] = [];
    for (let minute = 0; minute <= 60; minute++) {
      const now = new Date(createdAt.getTime() + minute * 60_000);
      const decision = reconciliationDecision(attempt, now);
      if (decision.action !== 'query') continue;
      const transaction = await gateway.getTransaction(created.transactionId);
      answers.push({ minute, state: transaction.state });
      attempt = { ...attempt, state: transaction.state, lastQueriedAt: now };
    }
    expect(answers).toEqual([
      { minute: 7, state: 'PENDING' },
      { minute: 19, state: 'PENDING' },
      { minute: 31, state: 'OK' },
    ]);
    expect(reconciliationDecision(attempt, new Date('2026-03-02T18:00:00Z'))).toEqual({ action: 'none' });
    // Settling while answering a query also notifies the platform.
    await receiver.waitFor(1);
    expect(
      (await gateway.verifyCallback(receiver.received[0]!.headers, receiver.received[0]!.rawBody)).transaction
        .state,
    ).toBe('OK');
    expect(sandbox.requests.filter((request) => request.method === 'GET')).toHaveLength(3);
  });

  it('refuses forged callbacks', async () => {
    const { receiver, gateway } = await setUp();
    const created = await gateway.createTransaction(buildPayment(receiver));
    await pressAtBank(created.redirectUrl, 'rechazar');
    await receiver.waitFor(1);
    const genuine = receiver.received[0]!;
    const timestamp = String(genuine.headers['x-gateway-timestamp']);

    // Someone turns the rejection into an approval and keeps the signature.
    const tampered = Buffer.from(genuine.rawBody.toString('utf8').replace('"NOT_AUTHORIZED"', '"OK"'));
    expect(tampered.equals(genuine.rawBody)).toBe(false);
    const forgedState = await caught(gateway.verifyCallback(genuine.headers, tampered));
    expect(forgedState).toMatchObject({ status: 401, code: 'GATEWAY_CALLBACK_SIGNATURE_INVALID' });

    // Someone signs with a guessed secret.
    const guessed = signCallback({ secret: 'adivinado', timestamp: Number(timestamp), rawBody: tampered });
    const forgedSecret = await caught(
      gateway.verifyCallback({ ...genuine.headers, 'x-gateway-signature': guessed }, tampered),
    );
    expect(forgedSecret.code).toBe('GATEWAY_CALLBACK_SIGNATURE_INVALID');
    expect(forgedSecret.detail).toBe('La firma de la notificación no es válida.');

    // Someone moves the timestamp to make an old message look fresh.
    const moved = await caught(
      gateway.verifyCallback(
        { ...genuine.headers, 'x-gateway-timestamp': String(Number(timestamp) + 1) },
        genuine.rawBody,
      ),
    );
    expect(moved.code).toBe('GATEWAY_CALLBACK_SIGNATURE_INVALID');

    const unsigned = await caught(
      gateway.verifyCallback({ 'content-type': 'application/json' }, genuine.rawBody),
    );
    expect(unsigned).toMatchObject({ status: 401, code: 'GATEWAY_CALLBACK_UNSIGNED' });

    const otherSecret = createHttpPaymentGateway({
      baseUrl: 'http://127.0.0.1:9',
      merchantId: MERCHANT,
      apiKey: 'k',
      apiSecret: SECRET,
      callbackSecret: 'otro-secreto-de-notificaciones',
    });
    expect((await caught(otherSecret.verifyCallback(genuine.headers, genuine.rawBody))).code).toBe(
      'GATEWAY_CALLBACK_SIGNATURE_INVALID',
    );

    // The genuine one still passes.
    expect((await gateway.verifyCallback(genuine.headers, genuine.rawBody)).transaction.state).toBe(
      'NOT_AUTHORIZED',
    );
  });

  it('refuses a callback older than 5 minutes (a replay) and one signed by a skewed clock', async () => {
    const { sandbox, receiver, gateway } = await setUp();
    const created = await gateway.createTransaction(buildPayment(receiver));
    sandbox.settle(created.transactionId, 'OK');
    await receiver.waitFor(1);
    const genuine = receiver.received[0]!;
    const sentAt = Number(genuine.headers['x-gateway-timestamp']) * 1000;

    const fourMinutesLater = createHttpPaymentGateway({
      baseUrl: sandbox.url,
      merchantId: MERCHANT,
      apiKey: sandbox.apiKey,
      apiSecret: SECRET,
      now: () => new Date(sentAt + 4 * 60_000),
    });
    expect((await fourMinutesLater.verifyCallback(genuine.headers, genuine.rawBody)).transaction.state).toBe(
      'OK',
    );

    const sixMinutesLater = createHttpPaymentGateway({
      baseUrl: sandbox.url,
      merchantId: MERCHANT,
      apiKey: sandbox.apiKey,
      apiSecret: SECRET,
      now: () => new Date(sentAt + 6 * 60_000),
    });
    const replay = await caught(sixMinutesLater.verifyCallback(genuine.headers, genuine.rawBody));
    expect(replay).toMatchObject({ status: 401, code: 'GATEWAY_CALLBACK_STALE' });
    expect(replay.detail).toContain('máximo 300 s');

    sandbox.setBehaviour({ callbackClockOffsetSeconds: -400 });
    const second = await gateway.createTransaction(buildPayment(receiver));
    sandbox.settle(second.transactionId, 'OK');
    await receiver.waitFor(2);
    const skewed = receiver.received[1]!;
    expect((await caught(gateway.verifyCallback(skewed.headers, skewed.rawBody))).code).toBe(
      'GATEWAY_CALLBACK_STALE',
    );
  });

  it('an unknown transaction is a Spanish 404', async () => {
    const { gateway } = await setUp();
    const error = await caught(gateway.getTransaction('no-existe-123'));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      status: 404,
      code: 'GATEWAY_TRANSACTION_NOT_FOUND',
      field: 'transactionId',
    });
    expect(error.detail).toBe('La pasarela de pagos no tiene registrada la transacción «no-existe-123».');
    expect(error.retryable).toBe(false);
  });

  it('lists the PSE banks', async () => {
    const { gateway } = await setUp();
    const banks = await gateway.listBanks();
    expect(banks).toContainEqual({ code: '007', name: 'Bancolombia' });
    expect(banks).toContainEqual({ code: '051', name: 'Davivienda' });
    expect(banks.length).toBeGreaterThanOrEqual(5);
  });
});

describe('authentication with the gateway', () => {
  it('works with a bearer token too', async () => {
    const { sandbox, receiver, gateway } = await setUp({ gateway: { auth: 'bearer', apiKey: 'no-se-usa' } });
    const created = await gateway.createTransaction(buildPayment(receiver));
    expect((await gateway.getTransaction(created.transactionId)).state).toBe('PENDING');
    expect(sandbox.requests.map((request) => request.status)).toEqual([201, 200]);
  });

  it.each([
    ['a wrong secret', { apiSecret: 'secreto-equivocado' }],
    ['a wrong bearer token', { apiSecret: 'secreto-equivocado', auth: 'bearer' as const }],
    ['another merchant', { merchantId: 'otra-alcaldia' }],
    ['an unknown key', { apiKey: 'llave-desconocida' }],
  ])('%s is refused as GATEWAY_AUTH_FAILED and not retried', async (_label, patch) => {
    const { sandbox, gateway } = await setUp({ gateway: patch });
    const error = await caught(gateway.listBanks());
    expect(error).toMatchObject({ status: 503, code: 'GATEWAY_AUTH_FAILED', retryable: false });
    expect(error.detail).toContain('credenciales');
    expect(sandbox.requests).toHaveLength(1);
  });
});

describe('timeouts, retries and gateway failures', () => {
  it('retries a GET after 503s, never a create', async () => {
    const { sandbox, receiver, gateway } = await setUp();
    const payment = buildPayment(receiver);

    sandbox.setBehaviour({ failNextRequests: 1 });
    const error = await caught(gateway.createTransaction(payment));
    expect(error).toMatchObject({ status: 503, code: 'GATEWAY_UNAVAILABLE', retryable: true });
    expect(sandbox.requests).toEqual([{ method: 'POST', path: '/api/v1/transactions', status: 503 }]);

    // The caller retries with the same key, as the error says.
    const created = await gateway.createTransaction(payment);

    sandbox.setBehaviour({ failNextRequests: 2 });
    expect((await gateway.getTransaction(created.transactionId)).state).toBe('PENDING');
    expect(sandbox.requests.slice(-3).map((request) => request.status)).toEqual([503, 503, 200]);

    sandbox.setBehaviour({ failNextRequests: 3 });
    expect((await caught(gateway.getTransaction(created.transactionId))).code).toBe('GATEWAY_UNAVAILABLE');
  });

  it('gives up after the timeout; a create that timed out says to retry with the same key', async () => {
    const { sandbox, receiver, gateway } = await setUp({
      behaviour: { responseDelayMs: 1_500 },
      gateway: { timeoutMs: 300, getRetries: 1 },
    });
    const payment = buildPayment(receiver);
    const createError = await caught(gateway.createTransaction(payment));
    expect(createError).toMatchObject({ status: 504, code: 'GATEWAY_TIMEOUT', retryable: true });
    expect(createError.detail).toBe(
      'La pasarela de pagos no respondió en 0,3 s; no sabemos si el pago quedó creado. Reintente con la misma ' +
        'clave de idempotencia: no se creará un segundo pago.',
    );

    const getError = await caught(gateway.listBanks());
    expect(getError.code).toBe('GATEWAY_TIMEOUT');
    expect(sandbox.requests.map((request) => request.method)).toEqual(['POST', 'GET', 'GET']);

    // The timed-out create did reach the gateway: retrying with the same key returns that transaction.
    sandbox.setBehaviour({ responseDelayMs: 0 });
    const patient = createHttpPaymentGateway({
      baseUrl: sandbox.url,
      merchantId: MERCHANT,
      apiKey: sandbox.apiKey,
      apiSecret: SECRET,
    });
    await patient.createTransaction(payment);
    expect(sandbox.transactions.size).toBe(1);
  });

  it('maps PSE refusals to Spanish errors naming the field', async () => {
    const { sandbox, receiver, gateway } = await setUp({ behaviour: { maxAmountPesos: 10_000_000 } });

    const limit = await caught(
      gateway.createTransaction(buildPayment(receiver, { amountPesos: 10_000_001 })),
    );
    expect(limit).toMatchObject({ status: 422, code: 'GATEWAY_LIMIT_EXCEEDED', field: 'amountPesos' });
    expect(limit.gatewayCode).toBe('FAIL_EXCEEDEDLIMIT');

    const bank = await caught(gateway.createTransaction(buildPayment(receiver, { bankCode: '999' })));
    expect(bank).toMatchObject({ status: 422, code: 'GATEWAY_BANK_DISABLED', field: 'bankCode' });

    sandbox.setBehaviour({ createFailure: 'FAIL_BANKUNREACHEABLE' });
    const down = await caught(gateway.createTransaction(buildPayment(receiver)));
    expect(down).toMatchObject({ status: 503, code: 'GATEWAY_BANK_UNAVAILABLE', retryable: true });
    expect(down.detail).toBe(
      'El banco seleccionado no está disponible en este momento. Inténtelo más tarde o elija otro banco.',
    );

    sandbox.setBehaviour({ createFailure: 'FAIL_SERVICENOTEXISTS' });
    expect((await caught(gateway.createTransaction(buildPayment(receiver)))).code).toBe(
      'GATEWAY_MERCHANT_MISCONFIGURED',
    );
    sandbox.setBehaviour({ createFailure: 'FAIL_SOMETHINGNEW' });
    const unknown = await caught(gateway.createTransaction(buildPayment(receiver)));
    expect(unknown).toMatchObject({ code: 'GATEWAY_REJECTED', gatewayCode: 'FAIL_SOMETHINGNEW' });
    expect(sandbox.transactions.size).toBe(0);
  });

  it.each([
    [{ amountPesos: 1265000.5 }, 'amountPesos'],
    [{ amountPesos: 0 }, 'amountPesos'],
    [{ amountPesos: 2 ** 53 }, 'amountPesos'],
    [{ reference: 'R'.repeat(33) }, 'reference'],
    [{ reference: 'con espacio' }, 'reference'],
    [{ description: '   ' }, 'description'],
    [{ bankCode: '' }, 'bankCode'],
    [{ returnUrl: 'javascript:alert(1)' }, 'returnUrl'],
    [{ callbackUrl: '/relativa' }, 'callbackUrl'],
    [{ idempotencyKey: 'corta' }, 'idempotencyKey'],
    [
      { payer: { documentType: 'CC', documentNumber: '1.098.765', name: 'Ana', email: 'ana@example.co' } },
      'payer.documentNumber',
    ],
    [
      { payer: { documentType: 'XX', documentNumber: '1098765', name: 'Ana', email: 'ana@example.co' } },
      'payer.documentType',
    ],
    [
      { payer: { documentType: 'CC', documentNumber: '1098765', name: 'Ana', email: 'sin-arroba' } },
      'payer.email',
    ],
  ])('refuses %o before calling the gateway (field %s)', async (patch, field) => {
    const { sandbox, receiver, gateway } = await setUp();
    const error = await caught(
      gateway.createTransaction({ ...buildPayment(receiver), ...(patch as Partial<CreateTransactionInput>) }),
    );
    expect(error).toMatchObject({ status: 400, code: 'GATEWAY_INVALID_INPUT', field });
    expect(sandbox.requests).toHaveLength(0);
  });

  it('a gateway that is down is GATEWAY_UNAVAILABLE after the GET retries', async () => {
    const { sandbox } = await setUp();
    const url = sandbox.url;
    await sandbox.close();
    const gateway = createHttpPaymentGateway({
      baseUrl: url,
      merchantId: MERCHANT,
      apiKey: 'k',
      apiSecret: SECRET,
      retryDelayMs: 1,
    });
    const error = await caught(gateway.listBanks());
    expect(error).toMatchObject({ status: 503, code: 'GATEWAY_UNAVAILABLE', retryable: true });
    expect(error.detail).toContain('ECONNREFUSED');
  });

  it('a 200 that is not the protocol is GATEWAY_BAD_RESPONSE; a mismatched amount is not trusted', async () => {
    let answer = '<html>mantenimiento</html>';
    const server = http.createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(answer);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    const receiver = await startCallbackReceiver();
    cleanups.push(() => receiver.close());
    const gateway = createHttpPaymentGateway({
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      merchantId: MERCHANT,
      apiKey: 'k',
      apiSecret: SECRET,
      getRetries: 0,
    });
    expect(await caught(gateway.listBanks())).toMatchObject({ status: 502, code: 'GATEWAY_BAD_RESPONSE' });

    const payment = buildPayment(receiver);
    answer = JSON.stringify({
      transactionId: 't-1',
      reference: payment.reference,
      amount: 1_000,
      currency: 'COP',
      state: 'PENDING',
      bankCode: '007',
      createdAt: '2026-03-02T15:00:00Z',
      redirectUrl: 'http://127.0.0.1/pse/banco/t-1',
    });
    const mismatch = await caught(gateway.createTransaction(payment));
    expect(mismatch.code).toBe('GATEWAY_BAD_RESPONSE');
    expect(mismatch.detail).toContain('el valor no coinciden');
  });
});

describe('configuration from the environment', () => {
  it('reads the adapter settings', () => {
    expect(
      httpGatewayConfigFromEnv({
        PAYMENT_GATEWAY_URL: 'https://pasarela.example.co/v2',
        PAYMENT_GATEWAY_MERCHANT_ID: 'bga',
        PAYMENT_GATEWAY_API_KEY: 'llave',
        PAYMENT_GATEWAY_API_SECRET: 'secreto',
        PAYMENT_GATEWAY_TIMEOUT_MS: '8000',
      }),
    ).toEqual({
      baseUrl: 'https://pasarela.example.co/v2',
      merchantId: 'bga',
      apiKey: 'llave',
      apiSecret: 'secreto',
      callbackSecret: undefined,
      auth: 'hmac',
      timeoutMs: 8000,
    });
  });

  it('names every missing or wrong variable', () => {
    expect(() =>
      httpGatewayConfigFromEnv({ PAYMENT_GATEWAY_URL: 'ftp://x', PAYMENT_GATEWAY_AUTH: 'basic' }),
    ).toThrow(
      expect.objectContaining({
        problems: [
          { variable: 'PAYMENT_GATEWAY_URL', message: 'debe ser una URL http(s) completa' },
          { variable: 'PAYMENT_GATEWAY_MERCHANT_ID', message: 'es obligatoria para el pago en línea (PSE)' },
          { variable: 'PAYMENT_GATEWAY_API_KEY', message: 'es obligatoria para el pago en línea (PSE)' },
          { variable: 'PAYMENT_GATEWAY_API_SECRET', message: 'es obligatoria para el pago en línea (PSE)' },
          { variable: 'PAYMENT_GATEWAY_AUTH', message: 'debe ser «hmac» o «bearer»' },
        ],
      }),
    );
  });
});
