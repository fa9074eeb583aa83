import { inject } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../platform/db/database.ts';
import { migrate } from '../platform/db/migrate.ts';
import { tenant } from '../platform/tenancy/tenancy.schema.ts';

/**
 * One migrated database per test worker, emptied between tests. PGlite in memory by default;
 * with TEST_DATABASE_URL (a PostgreSQL server) each worker gets its own fresh database.
 */
const cache = globalThis as { __alcaldiaTestDatabase?: Promise<DatabaseHandle> };

/** The integration project runs files unisolated, so this is created once per worker and kept. */
export function getTestDatabase(): Promise<DatabaseHandle> {
  cache.__alcaldiaTestDatabase ??= createTestDatabase();
  return cache.__alcaldiaTestDatabase;
}

export function testDatabaseKind(): 'pglite' | 'postgres' {
  return process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite';
}

/** A second, independent connection pool to the same database (PostgreSQL only), for multi-instance tests. */
export async function openAnotherConnection(): Promise<DatabaseHandle | undefined> {
  const url = await sharedDatabaseUrl;
  return url ? openDatabase({ databaseUrl: url, poolSize: 5 }) : undefined;
}

let sharedDatabaseUrl: Promise<string | undefined> = Promise.resolve(undefined);

async function createTestDatabase(): Promise<DatabaseHandle> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const database = await openDatabase({});
    await migrate(database);
    return database;
  }
  const name = `alcaldia_test_${inject('testRunId')}_${process.pid}_${process.env.VITEST_POOL_ID ?? '0'}`;
  const admin = await openDatabase({ databaseUrl: serverUrl, poolSize: 1 });
  try {
    await admin.raw.exec(`CREATE DATABASE ${name}`);
  } finally {
    await admin.close();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  sharedDatabaseUrl = Promise.resolve(url.toString());
  // Dropped by src/test/global-setup.ts when the run ends.
  const database = await openDatabase({ databaseUrl: url.toString(), poolSize: 10 });
  await migrate(database);
  return database;
}

/** Empties every application table (the audit trail too: its append-only trigger is lifted for this only). */
export async function resetDatabase(database: DatabaseHandle): Promise<void> {
  const { rows } = await database.raw.query<{ tablename: string }>(
    `select tablename from pg_tables where schemaname = 'public' and tablename <> 'schema_migration'`,
  );
  const tables = rows.map((row) => `"${row.tablename}"`).join(', ');
  await database.raw.exec(`
    ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_truncate;
    TRUNCATE ${tables} RESTART IDENTITY CASCADE;
    ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_truncate;
  `);
  const boss = await database.raw.query<{ exists: boolean }>(
    `select exists (select 1 from pg_namespace where nspname = 'pgboss') as exists`,
  );
  if (boss.rows[0]?.exists) await database.raw.exec('TRUNCATE pgboss.job');
}

export interface TestTenant {
  id: string;
  divipola: string;
}

export async function createTestTenant(database: DatabaseHandle, divipola = '68001'): Promise<TestTenant> {
  const [row] = await database.db
    .insert(tenant)
    .values({
      divipola,
      name: divipola === '68001' ? 'Bucaramanga' : `Municipio ${divipola}`,
      department: 'Santander',
      entityName: divipola === '68001' ? 'Alcaldía de Bucaramanga' : `Alcaldía ${divipola}`,
      nit: '890201222-0',
      contact: {
        address: 'Calle 35 # 10-43, Centro',
        phone: '+57 607 6337000',
        email: 'contactenos@bucaramanga.gov.co',
        notificationsEmail: 'notificaciones@bucaramanga.gov.co',
        hours: 'Lunes a viernes de 7:30 a. m. a 12:00 m. y de 2:00 p. m. a 5:30 p. m.',
        website: 'https://www.bucaramanga.gov.co',
      },
    })
    .returning();
  return { id: row!.id, divipola: row!.divipola };
}
