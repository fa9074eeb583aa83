import type { Logger } from 'pino';
import type { AuditService } from './audit/audit.service.ts';
import type { Config } from './config/config.ts';
import type { DatabaseHandle, Db } from './db/database.ts';
import type { DocumentService } from './documents/index.ts';
import type { FileService, FileStorage } from './files/index.ts';
import type { JobService } from './jobs/index.ts';
import type { NotificationService } from './notifications/index.ts';
import type { TenantService } from './tenancy/tenancy.service.ts';
import type { WorkflowEngine } from './workflow/engine/index.ts';

/** The platform services every module receives; built once per process by createPlatform(). */
export interface AppContext {
  config: Config;
  database: DatabaseHandle;
  db: Db;
  logger: Logger;
  now(): Date;
  tenants: TenantService;
  audit: AuditService;
  storage: FileStorage;
  files: FileService;
  notifications: NotificationService;
  jobs: JobService;
  documents: DocumentService;
  /** The case engine (workflow/): modules register their workflows on it. */
  workflow: WorkflowEngine;
}
