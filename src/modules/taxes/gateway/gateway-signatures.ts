import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The two HMAC-SHA256 signatures of the gateway protocol (README.md, "Signatures"):
 *
 * - requests we send:   hex(HMAC(apiSecret, `${timestamp}\n${METHOD}\n${pathAndQuery}\n${hex(SHA-256(body))}`))
 * - callbacks we get:   hex(HMAC(callbackSecret, `${timestamp}.${rawBody}`))
 *
 * Timestamps are Unix seconds. Both travel as `v1=<hex>`, so a new scheme can be added beside it.
 */

export const SIGNATURE_VERSION = 'v1';

export function sha256Hex(body: string | Uint8Array): string {
  return createHash('sha256').update(body).digest('hex');
}

export function signRequest(input: {
  secret: string;
  timestamp: number;
  method: string;
  pathAndQuery: string;
  body: string | Uint8Array;
}): string {
  const canonical = `${input.timestamp}\n${input.method.toUpperCase()}\n${input.pathAndQuery}\n${sha256Hex(input.body)}`;
  return `${SIGNATURE_VERSION}=${createHmac('sha256', input.secret).update(canonical).digest('hex')}`;
}

export function signCallback(input: {
  secret: string;
  timestamp: number;
  rawBody: string | Uint8Array;
}): string {
  const hmac = createHmac('sha256', input.secret);
  hmac.update(`${input.timestamp}.`);
  hmac.update(input.rawBody);
  return `${SIGNATURE_VERSION}=${hmac.digest('hex')}`;
}

/**
 * True when `received` (a header value, possibly listing several `v1=` signatures separated by commas
 * while the gateway rotates its secret) contains `expected`. Constant time for each comparison.
 */
export function signatureMatches(received: string, expected: string): boolean {
  const expectedBytes = Buffer.from(expected, 'utf8');
  let matched = false;
  for (const candidate of received.split(',')) {
    const candidateBytes = Buffer.from(candidate.trim(), 'utf8');
    // Lengths are public (a fixed hex length); only the content is compared in constant time.
    if (candidateBytes.length === expectedBytes.length && timingSafeEqual(candidateBytes, expectedBytes)) {
      matched = true;
    }
  }
  return matched;
}

/** Unix seconds; a header must be all digits (no signs, decimals or exponents). */
export function parseUnixSeconds(value: string | undefined): number | null {
  if (!value || !/^\d{1,12}$/.test(value)) return null;
  return Number(value);
}

export function unixSeconds(instant: Date): number {
  return Math.floor(instant.getTime() / 1000);
}
