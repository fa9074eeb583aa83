import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { FileStorage } from './index.ts';
import { assertSafeStorageKey, StoredObjectNotFoundError, UnsafeStorageKeyError } from './storage-keys.ts';

/** Files on the local disk, under `<DATA_DIR>/files`. */
export function createLocalStorage(options: { root: string }): FileStorage & { readonly root: string } {
  const root = path.resolve(options.root);

  function pathOf(key: string): string {
    assertSafeStorageKey(key);
    const resolved = path.resolve(root, key);
    // Belt and braces: even a key that passed the syntax check must land inside the root.
    if (!resolved.startsWith(root + path.sep)) throw new UnsafeStorageKeyError(key);
    return resolved;
  }

  async function put(key: string, body: Buffer, _mediaType: string): Promise<void> {
    const target = pathOf(key);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    // Written beside the target and renamed into place: a crash leaves a stray temp file, never a half file.
    const temporary = `${target}.${randomUUID()}.tmp`;
    const handle = await fs.promises.open(temporary, 'wx', 0o640);
    try {
      await handle.writeFile(body);
      await handle.sync();
    } catch (error) {
      await handle.close();
      await fs.promises.rm(temporary, { force: true });
      throw error;
    }
    await handle.close();
    try {
      await fs.promises.rename(temporary, target);
    } catch (error) {
      await fs.promises.rm(temporary, { force: true });
      throw error;
    }
  }

  async function open(key: string): Promise<Readable> {
    const target = pathOf(key);
    try {
      // Opening first turns a missing file into an error here, not into a broken stream later.
      const handle = await fs.promises.open(target, 'r');
      return handle.createReadStream();
    } catch (error) {
      throw missingAs(error, key);
    }
  }

  async function read(key: string): Promise<Buffer> {
    try {
      return await fs.promises.readFile(pathOf(key));
    } catch (error) {
      throw missingAs(error, key);
    }
  }

  async function remove(key: string): Promise<void> {
    await fs.promises.rm(pathOf(key), { force: true });
  }

  return { driver: 'local', root, put, open, read, remove };
}

function missingAs(error: unknown, key: string): unknown {
  return (error as NodeJS.ErrnoException).code === 'ENOENT' ? new StoredObjectNotFoundError(key) : error;
}
