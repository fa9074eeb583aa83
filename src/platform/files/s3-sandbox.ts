import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A tiny in-memory, path-style S3 endpoint for tests: PutObject, GetObject, HeadObject and DeleteObject.
 * It does not check signatures, but like the real service it refuses requests that carry none.
 */
export interface SandboxObject {
  body: Buffer;
  contentType: string;
  etag: string;
  lastModified: Date;
}

export interface S3Sandbox {
  endpoint: string;
  bucket: string;
  /** Objects by key, to inspect from tests. */
  objects: Map<string, SandboxObject>;
  /** Every request seen, in order. */
  requests: { method: string; bucket: string; key: string; signed: boolean }[];
  close(): Promise<void>;
}

export async function startS3Sandbox(options: { bucket?: string } = {}): Promise<S3Sandbox> {
  const bucket = options.bucket ?? 'alcaldia-pruebas';
  const objects = new Map<string, SandboxObject>();
  const requests: S3Sandbox['requests'] = [];

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      try {
        handle(request, Buffer.concat(chunks), response);
      } catch {
        sendError(response, 500, 'InternalError', 'Sandbox failure');
      }
    });
  });

  function handle(request: http.IncomingMessage, rawBody: Buffer, response: http.ServerResponse): unknown {
    const url = new URL(request.url ?? '/', 'http://sandbox');
    const [, requestBucket = '', ...keySegments] = url.pathname.split('/');
    const key = keySegments.map((segment) => decodeURIComponent(segment)).join('/');
    const signed =
      typeof request.headers.authorization === 'string' && request.headers.authorization.length > 0;
    const method = request.method ?? 'GET';
    requests.push({ method, bucket: requestBucket, key, signed });

    if (!signed) return sendError(response, 403, 'AccessDenied', 'Access Denied');
    if (requestBucket !== bucket)
      return sendError(response, 404, 'NoSuchBucket', 'The specified bucket does not exist');
    if (!key) return sendError(response, 501, 'NotImplemented', 'Only object operations are supported');

    switch (method) {
      case 'PUT': {
        const body = isAwsChunked(request) ? decodeAwsChunked(rawBody) : rawBody;
        const etag = `"${createHash('md5').update(body).digest('hex')}"`;
        objects.set(key, {
          body,
          contentType: request.headers['content-type'] ?? 'application/octet-stream',
          etag,
          lastModified: new Date(),
        });
        response.writeHead(200, { ETag: etag, 'Content-Length': '0' });
        response.end();
        return;
      }
      case 'GET':
      case 'HEAD': {
        const object = objects.get(key);
        if (!object) {
          if (method === 'HEAD') {
            response.writeHead(404, { 'Content-Length': '0' });
            response.end();
            return;
          }
          return sendError(response, 404, 'NoSuchKey', 'The specified key does not exist.');
        }
        response.writeHead(200, {
          'Content-Type': object.contentType,
          'Content-Length': String(object.body.length),
          ETag: object.etag,
          'Last-Modified': object.lastModified.toUTCString(),
        });
        response.end(method === 'HEAD' ? undefined : object.body);
        return;
      }
      case 'DELETE':
        objects.delete(key);
        response.writeHead(204);
        response.end();
        return;
      default:
        return sendError(response, 405, 'MethodNotAllowed', 'The specified method is not allowed');
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    objects,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function sendError(response: http.ServerResponse, status: number, code: string, message: string): void {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  response.writeHead(status, {
    'Content-Type': 'application/xml',
    'Content-Length': String(Buffer.byteLength(body)),
  });
  response.end(body);
}

function isAwsChunked(request: http.IncomingMessage): boolean {
  const sha = request.headers['x-amz-content-sha256'];
  return (
    (typeof sha === 'string' && sha.startsWith('STREAMING-')) ||
    (request.headers['content-encoding'] ?? '').includes('aws-chunked')
  );
}

/** `<hex size>[;chunk-signature=…]\r\n<data>\r\n … 0\r\n[trailers]\r\n` → the data alone. */
function decodeAwsChunked(raw: Buffer): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset < raw.length) {
    const lineEnd = raw.indexOf('\r\n', offset);
    if (lineEnd < 0) break;
    const size = Number.parseInt(raw.subarray(offset, lineEnd).toString('latin1').split(';')[0] ?? '0', 16);
    if (!size) break;
    parts.push(raw.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
