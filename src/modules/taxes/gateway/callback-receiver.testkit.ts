import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One callback as the platform would receive it: headers and the exact raw bytes. */
export interface ReceivedCallback {
  headers: http.IncomingHttpHeaders;
  rawBody: Buffer;
  receivedAt: number;
}

/**
 * A stand-in for the platform's callback route in tests: a real HTTP server that records every POST
 * and answers with the status `reply` chooses (200 unless told otherwise).
 */
export async function startCallbackReceiver(reply: (attempt: number) => number = () => 200) {
  const received: ReceivedCallback[] = [];
  let waiters: { count: number; resolve: () => void }[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ headers: request.headers, rawBody: Buffer.concat(chunks), receivedAt: Date.now() });
      const status = reply(received.length);
      response.writeHead(status, { 'content-type': 'text/plain' });
      response.end(status < 300 ? 'ok' : 'error');
      waiters = waiters.filter((waiter) => {
        if (received.length < waiter.count) return true;
        waiter.resolve();
        return false;
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/pagos/pse/notificaciones`;
  return {
    url,
    received,
    /** Resolves once `count` callbacks have arrived; fails after `timeoutMs`. */
    waitFor(count: number, timeoutMs = 5_000): Promise<void> {
      if (received.length >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`esperaba ${count} notificaciones y llegaron ${received.length}`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

export type CallbackReceiver = Awaited<ReturnType<typeof startCallbackReceiver>>;
