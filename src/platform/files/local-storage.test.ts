import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLocalStorage } from './local-storage.ts';
import {
  isSafeStorageKey,
  newStorageKey,
  StoredObjectNotFoundError,
  UnsafeStorageKeyError,
} from './storage-keys.ts';

const TENANT = '7b0d3c3e-5f43-4a55-9f0e-2f8f6d3c1a10';

describe('local storage', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'alcaldia-archivos-'));
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('writes, reads, streams and removes a file', async () => {
    const storage = createLocalStorage({ root });
    const key = newStorageKey(TENANT, new Date('2026-03-15T12:00:00Z'));
    expect(key).toMatch(new RegExp(`^${TENANT}/2026/03/[0-9a-f-]{36}$`));

    await storage.put(key, Buffer.from('hola, ñandú'), 'text/plain');
    expect((await storage.read(key)).toString('utf8')).toBe('hola, ñandú');
    expect(await text(await storage.open(key))).toBe('hola, ñandú');
    expect(fs.readdirSync(path.join(root, TENANT, '2026', '03'))).toHaveLength(1); // no temp file left behind

    await storage.remove(key);
    await expect(storage.read(key)).rejects.toBeInstanceOf(StoredObjectNotFoundError);
    await expect(storage.open(key)).rejects.toBeInstanceOf(StoredObjectNotFoundError);
    await storage.remove(key); // removing twice is fine
  });

  it('replaces a file whole', async () => {
    const storage = createLocalStorage({ root });
    const key = newStorageKey(TENANT);
    await storage.put(key, Buffer.alloc(100_000, 1), 'application/octet-stream');
    await storage.put(key, Buffer.from('corto'), 'text/plain');
    expect((await storage.read(key)).toString()).toBe('corto');
  });

  it('refuses keys that could leave its root', async () => {
    const storage = createLocalStorage({ root });
    for (const key of [
      '../fuera',
      'a/../../fuera',
      '/etc/passwd',
      'a//b',
      '',
      'a/./b',
      'a\\..\\b',
      'a/b\u0000',
    ]) {
      expect(isSafeStorageKey(key)).toBe(false);
      await expect(storage.put(key, Buffer.from('x'), 'text/plain')).rejects.toBeInstanceOf(
        UnsafeStorageKeyError,
      );
      await expect(storage.read(key)).rejects.toBeInstanceOf(UnsafeStorageKeyError);
    }
    expect(fs.readdirSync(root)).toHaveLength(0);
  });
});
