import path from 'node:path';
import type { Config } from '../config/config.ts';
import type { FileStorage } from './index.ts';
import { createLocalStorage } from './local-storage.ts';
import { createS3StorageFromConfig } from './s3-storage.ts';

/** The storage driver named by STORAGE_DRIVER: `local` (under DATA_DIR/files) or `s3`. */
export function createFileStorage(config: Config): FileStorage {
  switch (config.STORAGE_DRIVER) {
    case 's3':
      return createS3StorageFromConfig(config);
    case 'local':
      return createLocalStorage({ root: path.join(config.DATA_DIR, 'files') });
  }
}
