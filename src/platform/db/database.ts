import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzleNodePostgres } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import * as schema from './schema.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A use case takes either the database or an open transaction, so callers can compose writes. */
export type DbOrTx = Db | Tx;

/** Raw SQL access that pg-boss and the migrator need, the same on both engines. */
export interface RawSql {
  query<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<{ rows: T[] }>;
  /** Several statements without parameters (a migration file, pg-boss's schema). */
  exec(text: string): Promise<void>;
}

/** One connection inside one transaction, for bulk work: plain queries plus COPY FROM STDIN. */
export interface BulkConnection extends RawSql {
  /**
   * Streams CSV text into `table (columns)` with COPY; the fastest way PostgreSQL takes rows. Values are
   * CSV-quoted by the caller (see `csvRow`).
   */
  copyCsv(table: string, columns: readonly string[], csv: string): Promise<void>;
}

export interface DatabaseHandle {
  kind: 'pglite' | 'postgres';
  db: Db;
  raw: RawSql;
  /** Runs `work` in one transaction on one connection (committed when it resolves, rolled back on throw). */
  inBulkTransaction<T>(work: (connection: BulkConnection) => Promise<T>): Promise<T>;
  /** Runs `work` holding a session-level advisory lock: only one process at a time gets past it. */
  withAdvisoryLock<T>(lockId: number, work: (raw: RawSql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  databaseUrl?: string;
  /** PGlite data directory; omitted means in memory. */
  dataDir?: string;
  poolSize?: number;
}

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  return options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolSize ?? 10)
    : openPglite(options.dataDir);
}

async function openPostgres(connectionString: string, max: number): Promise<DatabaseHandle> {
  const pool = new pg.Pool({ connectionString, max, application_name: 'alcaldia-digital' });
  // An idle client that loses its connection must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  await pool.query('select 1');
  const raw: RawSql = {
    query: async (text, values) => pool.query(text, values as unknown[]) as never,
    exec: async (text) => {
      await pool.query(text);
    },
  };
  return {
    kind: 'postgres',
    db: drizzleNodePostgres(pool, { schema }) as unknown as Db,
    raw,
    async inBulkTransaction(work) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const connection: BulkConnection = {
          query: async (text, values) => client.query(text, values as unknown[]) as never,
          exec: async (text) => {
            await client.query(text);
          },
          copyCsv: async (table, columns, csv) => {
            const stream = client.query(copyFrom(copyStatement(table, columns)));
            await pipeline(Readable.from([csv]), stream);
          },
        };
        const result = await work(connection);
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async withAdvisoryLock(lockId, work) {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [lockId]);
        const clientRaw: RawSql = {
          query: async (text, values) => client.query(text, values as unknown[]) as never,
          exec: async (text) => {
            await client.query(text);
          },
        };
        return await work(clientRaw);
      } finally {
        await client.query('select pg_advisory_unlock($1)', [lockId]).catch(() => {});
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

function copyStatement(table: string, columns: readonly string[]): string {
  const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
  return `COPY ${quoted(table)} (${columns.map(quoted).join(', ')}) FROM STDIN WITH (FORMAT csv)`;
}

/** One CSV line for `copyCsv`: null as an unquoted empty field, everything else quoted. */
export function csvRow(values: readonly (string | number | bigint | boolean | null | undefined)[]): string {
  return `${values
    .map((value) => (value === null || value === undefined ? '' : `"${String(value).replaceAll('"', '""')}"`))
    .join(',')}\n`;
}

async function openPglite(dataDir: string | undefined): Promise<DatabaseHandle> {
  if (dataDir) fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const client = new PGlite(dataDir);
  await client.waitReady;
  const raw: RawSql = {
    query: async (text, values) => client.query(text, values) as never,
    exec: async (text) => {
      await client.exec(text);
    },
  };
  return {
    kind: 'pglite',
    db: drizzlePglite(client, { schema }) as unknown as Db,
    raw,
    inBulkTransaction: (work) =>
      client.transaction((tx) =>
        work({
          query: async (text, values) => tx.query(text, values) as never,
          exec: async (text) => {
            await tx.exec(text);
          },
          copyCsv: async (table, columns, csv) => {
            // PGlite reads COPY ... FROM '/dev/blob' from the blob passed with the query.
            await tx.query(copyStatement(table, columns).replace('STDIN', "'/dev/blob'"), [], {
              blob: new Blob([csv]),
            });
          },
        }),
      ),
    // PGlite is one connection owned by this process: no other process can open the same directory.
    withAdvisoryLock: (_lockId, work) => work(raw),
    close: () => client.close(),
  };
}
