import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { type CallbackReceiver, startCallbackReceiver } from './callback-receiver.testkit.ts';
import { signRequest, unixSeconds } from './gateway-signatures.ts';
import { createHttpPaymentGateway } from './http-gateway.adapter.ts';
import type { CreateTransactionInput } from './payment-gateway.ts';
import {
  DEMO_SECRET,
  type SandboxBehaviour,
  sandboxOptionsFromEnv,
  startSandboxGateway,
} from './sandbox-gateway.server.ts';

const SECRET = 'secreto-del-sandbox';
const MERCHANT = 'alcaldia-bucaramanga';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(behaviour: Partial<SandboxBehaviour> = {}, reply?: (attempt: number) => number) {
  const sandbox = await startSandboxGateway({ secret: SECRET, merchantId: MERCHANT, behaviour });
  cleanups.push(() => sandbox.close());
  const receiver = await startCallbackReceiver(reply);
  cleanups.push(() => receiver.close());
  const gateway = createHttpPaymentGateway({
    baseUrl: sandbox.url,
    merchantId: MERCHANT,
    apiKey: sandbox.apiKey,
    apiSecret: SECRET,
  });
  return { sandbox, receiver, gateway };
}

let counter = 0;
function payment(
  receiver: CallbackReceiver,
  overrides: Partial<CreateTransactionInput> = {},
): CreateTransactionInput {
  counter += 1;
  return {
    reference: `SBX-${counter}`,
    amountPesos: 350_000,
    description: 'Impuesto predial 2026',
    payer: { documentType: 'CC', documentNumber: '63123456', name: 'Luz Díaz', email: 'luz@example.co' },
    bankCode: '051',
    returnUrl: 'http://127.0.0.1:3000/pagos/pse/retorno',
    callbackUrl: receiver.url,
    idempotencyKey: `clave-sandbox-${counter}`,
    ...overrides,
  };
}

const eventIds = (receiver: CallbackReceiver) =>
  receiver.received.map((entry) => entry.headers['x-gateway-event-id']);

describe('sandbox behaviours', () => {
  it('"always OK" settles right after creation and notifies', async () => {
    const { receiver, gateway } = await setUp({ settle: { mode: 'immediate', state: 'OK' } });
    const created = await gateway.createTransaction(payment(receiver));
    expect(created.state).toBe('PENDING');
    await receiver.waitFor(1);
    expect((await gateway.getTransaction(created.transactionId)).state).toBe('OK');
    const page = await (await fetch(created.redirectUrl)).text();
    expect(page).toContain('Esta transacción ya fue procesada: <strong>aprobada</strong>');
    expect(page).not.toContain('<form');
  });

  it('"fail" ends FAILED without an authorisation code', async () => {
    const { receiver, gateway } = await setUp({ settle: { mode: 'immediate', state: 'FAILED' } });
    const created = await gateway.createTransaction(payment(receiver));
    await receiver.waitFor(1);
    const notification = await gateway.verifyCallback(
      receiver.received[0]!.headers,
      receiver.received[0]!.rawBody,
    );
    expect(notification.transaction).toMatchObject({ state: 'FAILED', transactionId: created.transactionId });
    expect(notification.transaction.authorizationCode).toBeUndefined();
  });

  it('duplicate callbacks carry the same event id and all verify', async () => {
    const { sandbox, receiver, gateway } = await setUp({ callbackCopies: 3 });
    const created = await gateway.createTransaction(payment(receiver));
    sandbox.settle(created.transactionId, 'OK');
    await receiver.waitFor(3);
    await sandbox.callbacksIdle();
    const notifications = await Promise.all(
      receiver.received.map((entry) => gateway.verifyCallback(entry.headers, entry.rawBody)),
    );
    expect(new Set(notifications.map((notification) => notification.eventId)).size).toBe(1);
    expect(new Set(eventIds(receiver)).size).toBe(1);
    expect(sandbox.deliveries.map((delivery) => delivery.copy)).toEqual([1, 2, 3]);
  });

  it('delayed callbacks arrive after the delay and are signed when sent', async () => {
    const { sandbox, receiver, gateway } = await setUp({ callbackDelayMs: 300 });
    const created = await gateway.createTransaction(payment(receiver));
    const settledAt = Date.now();
    sandbox.settle(created.transactionId, 'NOT_AUTHORIZED');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(receiver.received).toHaveLength(0);
    await receiver.waitFor(1);
    expect(receiver.received[0]!.receivedAt - settledAt).toBeGreaterThanOrEqual(290);
    expect(
      (await gateway.verifyCallback(receiver.received[0]!.headers, receiver.received[0]!.rawBody)).transaction
        .state,
    ).toBe('NOT_AUTHORIZED');
  });

  it('retries a callback the platform did not accept, then stops after the last retry', async () => {
    const { sandbox, receiver, gateway } = await setUp({ callbackRetryDelaysMs: [20, 20] }, (attempt) =>
      attempt === 1 ? 500 : 200,
    );
    const first = await gateway.createTransaction(payment(receiver));
    sandbox.settle(first.transactionId, 'OK');
    await sandbox.callbacksIdle();
    expect(sandbox.deliveries[0]).toMatchObject({ status: 'delivered', transactionId: first.transactionId });
    expect(sandbox.deliveries[0]!.attempts.map((attempt) => attempt.httpStatus)).toEqual([500, 200]);
    // Each attempt is signed afresh and verifies.
    for (const entry of receiver.received) await gateway.verifyCallback(entry.headers, entry.rawBody);

    const refusing = await startCallbackReceiver(() => 503);
    cleanups.push(() => refusing.close());
    const second = await gateway.createTransaction(payment(refusing));
    sandbox.settle(second.transactionId, 'OK');
    await sandbox.callbacksIdle();
    expect(sandbox.deliveries[1]).toMatchObject({ status: 'failed' });
    expect(sandbox.deliveries[1]!.attempts).toHaveLength(3);
    expect(refusing.received).toHaveLength(3);
  });

  it('a callback URL nobody listens on is retried and recorded as failed', async () => {
    const { sandbox, receiver, gateway } = await setUp({ callbackRetryDelaysMs: [10] });
    const closedPort = await freePort();
    const created = await gateway.createTransaction(
      payment(receiver, { callbackUrl: `http://127.0.0.1:${closedPort}/nadie` }),
    );
    sandbox.settle(created.transactionId, 'OK');
    await sandbox.callbacksIdle();
    expect(sandbox.deliveries[0]!.status).toBe('failed');
    expect(sandbox.deliveries[0]!.attempts.map((attempt) => attempt.error)).toEqual([
      'ECONNREFUSED',
      'ECONNREFUSED',
    ]);
  });

  it('a final transaction never changes again nor notifies twice', async () => {
    const { sandbox, receiver, gateway } = await setUp();
    const created = await gateway.createTransaction(payment(receiver));
    sandbox.settle(created.transactionId, 'OK');
    expect(sandbox.settle(created.transactionId, 'FAILED').state).toBe('OK');
    const again = await fetch(`${sandbox.url}/pse/banco/${created.transactionId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'decision=rechazar',
      redirect: 'manual',
    });
    expect(again.status).toBe(303);
    await sandbox.callbacksIdle();
    expect(receiver.received).toHaveLength(1);
    expect((await gateway.getTransaction(created.transactionId)).state).toBe('OK');
  });
});

describe('sandbox HTTP surface', () => {
  it('refuses unsigned, badly signed and stale API requests', async () => {
    const { sandbox } = await setUp();
    const unsigned = await fetch(`${sandbox.url}/api/v1/banks`, {
      headers: { 'x-merchant-id': MERCHANT, 'x-api-key': sandbox.apiKey },
    });
    expect(unsigned.status).toBe(401);
    expect(await unsigned.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: 'missing signature' } });

    const signedHeaders = (timestamp: number, secret: string) => ({
      'x-merchant-id': MERCHANT,
      'x-api-key': sandbox.apiKey,
      'x-timestamp': String(timestamp),
      'x-signature': signRequest({
        secret,
        timestamp,
        method: 'GET',
        pathAndQuery: '/api/v1/banks',
        body: '',
      }),
    });
    const fresh = unixSeconds(new Date());
    expect(
      (await fetch(`${sandbox.url}/api/v1/banks`, { headers: signedHeaders(fresh, SECRET) })).status,
    ).toBe(200);
    const wrong = await fetch(`${sandbox.url}/api/v1/banks`, { headers: signedHeaders(fresh, 'otro') });
    expect((await wrong.json()).error.message).toBe('bad signature');
    const stale = await fetch(`${sandbox.url}/api/v1/banks`, { headers: signedHeaders(fresh - 301, SECRET) });
    expect((await stale.json()).error.message).toBe('stale request');
  });

  it('validates the create body and requires an idempotency key', async () => {
    const { sandbox, receiver } = await setUp();
    const { wireCreate, post } = signedPoster(sandbox.url, sandbox.apiKey, receiver);
    const missingKey = await post(wireCreate, undefined);
    expect(missingKey.status).toBe(400);
    expect((await missingKey.json()).error.field).toBe('idempotencyKey');
    const badAmount = await post({ ...wireCreate, amount: 10.5 }, 'clave-valida-1');
    expect(badAmount.status).toBe(400);
    expect((await badAmount.json()).error.field).toBe('amount');
    const created = await post(wireCreate, 'clave-valida-2');
    expect(created.status).toBe(201);
    const replay = await post({ ...wireCreate }, 'clave-valida-2');
    expect(replay.status).toBe(201);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.json()).toEqual(await created.json());
  });

  it('the bank page escapes what it shows and refuses unknown decisions', async () => {
    const { sandbox, receiver, gateway } = await setUp();
    const created = await gateway.createTransaction(
      payment(receiver, { description: '<script>alert("x")</script> Predial' }),
    );
    const html = await (await fetch(created.redirectUrl)).text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Predial');

    const bad = await fetch(created.redirectUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'decision=robar',
      redirect: 'manual',
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('Elija Aprobar, Rechazar o Dejar pendiente.');
    expect((await fetch(`${sandbox.url}/pse/banco/no-existe`)).status).toBe(404);
  });

  it('control endpoints settle transactions and show the deliveries', async () => {
    const { sandbox, receiver, gateway } = await setUp();
    const created = await gateway.createTransaction(payment(receiver));
    const settle = await fetch(`${sandbox.url}/_sandbox/transactions/${created.transactionId}/state`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ state: 'FAILED' }),
    });
    expect(settle.status).toBe(200);
    expect((await settle.json()).state).toBe('FAILED');
    await sandbox.callbacksIdle();
    const { deliveries } = await (await fetch(`${sandbox.url}/_sandbox/callbacks`)).json();
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ state: 'FAILED', status: 'delivered' });
    const invalid = await fetch(`${sandbox.url}/_sandbox/transactions/${created.transactionId}/state`, {
      method: 'POST',
      body: JSON.stringify({ state: 'PAGADO' }),
    });
    expect(invalid.status).toBe(400);
    expect((await fetch(`${sandbox.url}/health`)).status).toBe(200);
  });
});

function signedPoster(baseUrl: string, apiKey: string, receiver: CallbackReceiver) {
  const wireCreate = {
    reference: `RAW-${++counter}`,
    amount: 99_000,
    currency: 'COP',
    description: 'Prueba',
    bankCode: '007',
    bankInterface: 'PERSONAS',
    payer: { documentType: 'CC', documentNumber: '1098765432', name: 'Ana', email: 'ana@example.co' },
    returnUrl: 'http://127.0.0.1:3000/retorno',
    callbackUrl: receiver.url,
  };
  const post = (body: unknown, key: string | undefined) => {
    const text = JSON.stringify(body);
    const timestamp = unixSeconds(new Date());
    return fetch(`${baseUrl}/api/v1/transactions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-merchant-id': MERCHANT,
        'x-api-key': apiKey,
        'x-timestamp': String(timestamp),
        'x-signature': signRequest({
          secret: SECRET,
          timestamp,
          method: 'POST',
          pathAndQuery: '/api/v1/transactions',
          body: text,
        }),
        ...(key ? { 'idempotency-key': key } : {}),
      },
      body: text,
    });
  };
  return { wireCreate, post };
}

describe('starting the sandbox from the environment', () => {
  it('reads port, secret, merchant and behaviour', () => {
    const parsed = sandboxOptionsFromEnv({
      SANDBOX_GATEWAY_PORT: '4011',
      SANDBOX_GATEWAY_SECRET: 's3',
      SANDBOX_GATEWAY_MODE: 'after-queries:2:NOT_AUTHORIZED',
      SANDBOX_GATEWAY_CALLBACK_COPIES: '2',
    });
    expect(parsed).toEqual({
      ok: true,
      demoSecret: false,
      options: {
        port: 4011,
        secret: 's3',
        merchantId: 'alcaldia-demo',
        apiKey: 'sandbox',
        behaviour: {
          settle: { mode: 'after-queries', queries: 2, state: 'NOT_AUTHORIZED' },
          callbackCopies: 2,
        },
      },
    });
    const defaults = sandboxOptionsFromEnv({});
    expect(defaults).toMatchObject({
      ok: true,
      demoSecret: true,
      options: { port: 4010, secret: DEMO_SECRET },
    });
    expect(sandboxOptionsFromEnv({ PORT: '4020' })).toMatchObject({ options: { port: 4020 } });
  });

  it('names the wrong variables', () => {
    expect(
      sandboxOptionsFromEnv({
        SANDBOX_GATEWAY_PORT: '70000',
        SANDBOX_GATEWAY_MODE: 'siempre',
        SANDBOX_GATEWAY_CALLBACK_COPIES: '0',
      }),
    ).toEqual({
      ok: false,
      problems: [
        'SANDBOX_GATEWAY_PORT (o PORT): debe ser un número de puerto entre 0 y 65535',
        'SANDBOX_GATEWAY_MODE: use manual, OK, NOT_AUTHORIZED, FAILED o after-queries:N[:ESTADO] (p. ej. after-queries:2:OK)',
        'SANDBOX_GATEWAY_CALLBACK_COPIES: debe ser un entero entre 1 y 99',
      ],
    });
  });

  it('the CLI prints "listo" with its URL and serves the API', async () => {
    const main = fileURLToPath(new URL('./sandbox-gateway.main.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', main], {
      env: {
        ...process.env,
        SANDBOX_GATEWAY_PORT: '0',
        SANDBOX_GATEWAY_SECRET: SECRET,
        SANDBOX_GATEWAY_QUIET: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanups.push(() => stopChild(child));
    const url = await new Promise<string>((resolve, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`sin "listo" en 20 s: ${output}`)), 20_000);
      const onData = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        const match = /listo: pasarela de pruebas en (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) => reject(new Error(`salió con ${code}: ${output}`)));
    });
    const gateway = createHttpPaymentGateway({
      baseUrl: url,
      merchantId: 'alcaldia-demo',
      apiKey: 'sandbox',
      apiSecret: SECRET,
    });
    expect(await gateway.listBanks()).toContainEqual({ code: '040', name: 'Banco Agrario' });
  }, 30_000);

  it('the CLI refuses a wrong variable and exits 1', async () => {
    const main = fileURLToPath(new URL('./sandbox-gateway.main.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', main], {
      env: { ...process.env, SANDBOX_GATEWAY_PORT: 'cuatro mil' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('SANDBOX_GATEWAY_PORT (o PORT)');
  }, 30_000);
});

/** A port nobody listens on: bind one, then free it. */
async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
