import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    testRunId: string;
  }
}

const STALE_AFTER_MS = 6 * 3_600_000;

/**
 * Names this run's per-worker databases `alcaldia_test_<run>_…` and drops them at the end, plus any
 * left by runs that died hours ago; runs going on at the same time on the same server are left alone.
 */
async function dropDatabases(matches: (name: string) => boolean): Promise<void> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) return;
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      `select datname from pg_database where datname like 'alcaldia_test_%'`,
    );
    for (const row of rows.filter((r) => matches(r.datname))) {
      await client.query(`DROP DATABASE IF EXISTS "${row.datname}" WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}

export async function setup(project: TestProject): Promise<() => Promise<void>> {
  const runId = Date.now().toString(36);
  project.provide('testRunId', runId);
  await dropDatabases((name) => {
    const startedAt = Number.parseInt(name.split('_')[2] ?? '', 36);
    return Number.isFinite(startedAt) && Date.now() - startedAt > STALE_AFTER_MS;
  });
  return () => dropDatabases((name) => name.startsWith(`alcaldia_test_${runId}_`));
}
