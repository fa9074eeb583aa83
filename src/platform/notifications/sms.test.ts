import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createDisabledSmsSender,
  createHttpSmsSender,
  createSmsSender,
  normalizeColombianMobile,
  SmsDeliveryError,
} from './sms.ts';

describe('Colombian mobile numbers', () => {
  it.each([
    ['3001234567', '+573001234567'],
    ['300 123 4567', '+573001234567'],
    ['300-123-4567', '+573001234567'],
    ['(300) 123.4567', '+573001234567'],
    ['+57 300 123 4567', '+573001234567'],
    ['+573151234567', '+573151234567'],
    ['(+57) 350 123 4567', '+573501234567'],
    ['573001234567', '+573001234567'],
    ['0057 300 123 4567', '+573001234567'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeColombianMobile(input)).toBe(expected);
  });

  it.each([
    '6076337000', // fixed line in Santander
    '+57 607 6337000',
    '300123456', // nine digits
    '30012345678', // eleven digits
    '+1 300 123 4567',
    '2001234567',
    'tres cero cero',
    '',
  ])('%s is refused', (input) => {
    expect(normalizeColombianMobile(input)).toBeNull();
  });
});

interface Captured {
  method?: string;
  authorization?: string;
  contentType?: string;
  body?: unknown;
}

describe('HTTP SMS sender', () => {
  const servers: http.Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  async function provider(reply: (response: http.ServerResponse) => void) {
    const captured: Captured = {};
    const server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        captured.method = request.method;
        captured.authorization = request.headers.authorization;
        captured.contentType = request.headers['content-type'];
        captured.body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        reply(response);
      });
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`, captured };
  }

  it('posts { to, text } as JSON with the bearer token and returns the provider id', async () => {
    const { url, captured } = await provider((response) => {
      response.writeHead(202, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: 'msg-77' }));
    });
    const sender = createHttpSmsSender({ url, token: 'secreto-del-proveedor' });
    const result = await sender.send('+573001234567', 'Alcaldia de Bucaramanga: hola');
    expect(result).toEqual({ id: 'msg-77' });
    expect(captured).toEqual({
      method: 'POST',
      authorization: 'Bearer secreto-del-proveedor',
      contentType: 'application/json',
      body: { to: '+573001234567', text: 'Alcaldia de Bucaramanga: hola' },
    });
  });

  it('turns a non-2xx answer into an error carrying the status', async () => {
    const { url } = await provider((response) => {
      response.writeHead(503);
      response.end('mantenimiento');
    });
    const error = await createHttpSmsSender({ url, token: 't' })
      .send('+573001234567', 'hola')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SmsDeliveryError);
    expect((error as SmsDeliveryError).status).toBe(503);
    expect((error as Error).message).toBe('El proveedor de SMS respondió con el estado 503: mantenimiento');
  });

  it('gives up after the timeout', async () => {
    const { url } = await provider(() => {
      // never answers
    });
    await expect(createHttpSmsSender({ url, timeoutMs: 200 }).send('+573001234567', 'hola')).rejects.toThrow(
      'El proveedor de SMS no respondió en 0,2 s.',
    );
  });

  it('without SMS_HTTP_URL every send fails with a Spanish reason', async () => {
    await expect(createDisabledSmsSender().send('+573001234567', 'hola')).rejects.toThrow(
      /no está configurado/,
    );
    await expect(
      createSmsSender({ SMS_HTTP_URL: undefined, SMS_HTTP_TOKEN: undefined }).send('+573001234567', 'x'),
    ).rejects.toThrow(/SMS_HTTP_URL/);
  });
});
