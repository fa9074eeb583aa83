import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getTestDatabase, openAnotherConnection, testDatabaseKind } from '../../test/test-database.ts';
import { migrate } from './migrate.ts';

describe('migrations', () => {
  it('are all applied and a second run applies nothing', async () => {
    const database = await getTestDatabase();
    expect(await migrate(database)).toEqual({ applied: [] });
    const { rows } = await database.raw.query<{ tag: string }>(
      'select tag from schema_migration order by tag',
    );
    const journal = JSON.parse(
      fs.readFileSync(path.join(import.meta.dirname, 'migrations/meta/_journal.json'), 'utf8'),
    ) as { entries: { tag: string }[] };
    expect(rows.map((row) => row.tag)).toEqual(journal.entries.map((entry) => entry.tag).sort());
    expect(rows.length).toBeGreaterThanOrEqual(3);
  });

  it.skipIf(testDatabaseKind() !== 'postgres')(
    'two instances starting together queue on the lock: neither fails, nothing is applied twice',
    async () => {
      const database = await getTestDatabase();
      await database.raw.exec(`
        DELETE FROM schema_migration WHERE tag = '0001_audit_append_only';
        DROP TRIGGER audit_log_no_update ON audit_log;
        DROP TRIGGER audit_log_no_truncate ON audit_log;`);
      const other = (await openAnotherConnection())!;
      try {
        const results = await Promise.all([migrate(database), migrate(other)]);
        expect(results.map((result) => result.applied).sort()).toEqual([[], ['0001_audit_append_only']]);
      } finally {
        await other.close();
      }
    },
  );
});
