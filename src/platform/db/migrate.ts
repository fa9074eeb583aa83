import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatabaseHandle, RawSql } from './database.ts';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
/** Arbitrary but fixed: every instance of the program contends for the same lock. */
const MIGRATION_LOCK_ID = 68_001_001;

interface Journal {
  entries: { idx: number; tag: string }[];
}

export interface MigrationResult {
  applied: string[];
}

/**
 * Applies the committed SQL migrations that are not yet applied, each in its own transaction.
 * Instances starting together queue on an advisory lock, so exactly one of them migrates.
 */
export async function migrate(
  database: DatabaseHandle,
  migrationsDir = MIGRATIONS_DIR,
): Promise<MigrationResult> {
  const journal = JSON.parse(
    fs.readFileSync(path.join(migrationsDir, 'meta/_journal.json'), 'utf8'),
  ) as Journal;
  return database.withAdvisoryLock(MIGRATION_LOCK_ID, async (raw) => {
    await raw.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
      tag text PRIMARY KEY, checksum varchar(64) NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Map(
      (
        await raw.query<{ tag: string; checksum: string }>('select tag, checksum from schema_migration')
      ).rows.map((row) => [row.tag, row.checksum]),
    );
    const applied: string[] = [];
    for (const entry of [...journal.entries].sort((a, b) => a.idx - b.idx)) {
      const sql = fs.readFileSync(path.join(migrationsDir, `${entry.tag}.sql`), 'utf8');
      const checksum = crypto.createHash('sha256').update(sql).digest('hex');
      const previous = done.get(entry.tag);
      if (previous !== undefined) {
        if (previous !== checksum) {
          throw new Error(`La migración ${entry.tag} cambió después de aplicada; cree una migración nueva.`);
        }
        continue;
      }
      await applyOne(raw, entry.tag, sql, checksum);
      applied.push(entry.tag);
    }
    return { applied };
  });
}

async function applyOne(raw: RawSql, tag: string, sql: string, checksum: string): Promise<void> {
  const statements = sql
    .split('--> statement-breakpoint')
    .map((statement) => statement.trim())
    .filter(Boolean);
  await raw.exec('BEGIN');
  try {
    for (const statement of statements) await raw.exec(statement);
    await raw.query('insert into schema_migration (tag, checksum) values ($1, $2)', [tag, checksum]);
    await raw.exec('COMMIT');
  } catch (error) {
    await raw.exec('ROLLBACK');
    throw new Error(`Falló la migración ${tag}: ${(error as Error).message}`, { cause: error });
  }
}
