import pino, { type Logger } from 'pino';
import { createAuditService } from './audit/audit.service.ts';
import type { Config } from './config/config.ts';
import type { AppContext } from './context.ts';
import { type DatabaseHandle, openDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import { createDocumentService } from './documents/documents.service.ts';
import { createFileStorage } from './files/create-storage.ts';
import { createFileService } from './files/files.service.ts';
import { createIdentityService, type IdentityService } from './identity/identity.service.ts';
import { createPasswordHasher } from './identity/secrets.ts';
import { createJobService } from './jobs/jobs.service.ts';
import { createNotificationService } from './notifications/notifications.service.ts';
import { createTenantService } from './tenancy/tenancy.service.ts';
import { createWorkflowEngine } from './workflow/engine/index.ts';

export interface Platform {
  ctx: AppContext;
  identity: IdentityService;
  close(): Promise<void>;
}

export interface CreatePlatformOptions {
  /** An already open (and migrated) database, as tests provide. */
  database?: DatabaseHandle;
  logger?: Logger;
  now?: () => Date;
}

/** Opens the database, applies migrations and builds every platform service, in dependency order. */
export async function createPlatform(config: Config, options: CreatePlatformOptions = {}): Promise<Platform> {
  const logger = options.logger ?? pino({ level: config.LOG_LEVEL });
  const ownsDatabase = !options.database;
  const database =
    options.database ??
    (await openDatabase({
      databaseUrl: config.DATABASE_URL,
      dataDir: `${config.DATA_DIR}/pglite`,
      poolSize: config.DATABASE_POOL_SIZE,
    }));
  if (ownsDatabase) {
    const { applied } = await migrate(database);
    if (applied.length > 0) logger.info({ applied }, 'migraciones aplicadas');
  }
  const db = database.db;
  const now = options.now ?? (() => new Date());
  const tenants = createTenantService(db);
  const audit = createAuditService(db);
  const storage = createFileStorage(config);
  const files = createFileService({ db, storage, config });
  const jobs = createJobService({ database, logger });
  const notifications = createNotificationService({ db, config, logger, jobs });
  const documents = createDocumentService({ db, files, tenants, config, audit });
  const workflow = createWorkflowEngine({
    db,
    audit,
    now,
    logger,
    async notify(tx, message) {
      const tenant = await tenants.getById(message.tenantId, tx);
      await notifications.enqueueEmail(tx, {
        tenantId: message.tenantId,
        to: message.to,
        template: 'generic',
        data: { subject: message.subject, text: message.text, entityName: tenant.entityName },
      });
    },
  });
  const ctx: AppContext = {
    config,
    database,
    db,
    logger,
    now,
    tenants,
    audit,
    storage,
    files,
    notifications,
    jobs,
    documents,
    workflow,
  };
  const identity = createIdentityService({
    db,
    config,
    audit,
    notifications,
    tenants,
    now,
    hasher: createPasswordHasher({
      memoryCost: config.ARGON2_MEMORY_KIB,
      timeCost: config.ARGON2_ITERATIONS,
    }),
    onDemoLink: (to, purpose, link) =>
      logger.info({ to, purpose, link }, `Demo: enlace enviado a ${to}: ${link}`),
  });
  return {
    ctx,
    identity,
    async close() {
      await jobs.stop();
      if (ownsDatabase) await database.close();
    },
  };
}
