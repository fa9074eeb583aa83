import { randomUUID } from 'node:crypto';

/**
 * Storage keys are made by the platform, never from a user's file name: `<tenantId>/<yyyy>/<mm>/<uuid>`.
 * Segments are plain names (letters, digits, `.`, `_`, `-`), so a key can never climb out of its root.
 */
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;

export function newStorageKey(tenantId: string, at: Date = new Date()): string {
  const year = String(at.getUTCFullYear());
  const month = String(at.getUTCMonth() + 1).padStart(2, '0');
  return `${tenantId}/${year}/${month}/${randomUUID()}`;
}

export function isSafeStorageKey(key: string): boolean {
  if (key.length === 0 || key.length > 1024) return false;
  return key
    .split('/')
    .every((segment) => SEGMENT.test(segment) && segment !== '.' && !segment.includes('..'));
}

export class UnsafeStorageKeyError extends Error {
  constructor(key: string) {
    super(`Clave de almacenamiento no permitida: ${JSON.stringify(key.slice(0, 120))}`);
    this.name = 'UnsafeStorageKeyError';
  }
}

export function assertSafeStorageKey(key: string): void {
  if (!isSafeStorageKey(key)) throw new UnsafeStorageKeyError(key);
}

/** Raised when the bytes for a key are not in the storage (a record whose blob went missing). */
export class StoredObjectNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No se encontró el objeto ${key} en el almacenamiento.`);
    this.name = 'StoredObjectNotFoundError';
  }
}
