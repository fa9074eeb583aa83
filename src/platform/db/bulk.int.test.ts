import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getTestDatabase } from '../../test/test-database.ts';
import { csvRow, type DatabaseHandle } from './database.ts';

describe('bulk transactions with COPY', () => {
  let database: DatabaseHandle;
  beforeAll(async () => {
    database = await getTestDatabase();
    await database.raw.exec(
      'create table if not exists bulk_probe (id int primary key, label text, amount bigint)',
    );
  });
  afterAll(async () => {
    await database.raw.exec('drop table if exists bulk_probe');
  });

  it('copies CSV rows, quotes and nulls included, and commits them', async () => {
    await database.raw.exec('truncate bulk_probe');
    const csv = [
      csvRow([1, 'Calle 35 "Centro", local 2', 9_007_199_254_740_993n]),
      csvRow([2, null, 0]),
      csvRow([3, 'línea\nnueva', 5]),
    ].join('');
    await database.inBulkTransaction((connection) =>
      connection.copyCsv('bulk_probe', ['id', 'label', 'amount'], csv),
    );
    const { rows } = await database.raw.query<{ id: number; label: string | null; amount: string }>(
      'select id, label, amount::text as amount from bulk_probe order by id',
    );
    expect(rows).toEqual([
      { id: 1, label: 'Calle 35 "Centro", local 2', amount: '9007199254740993' },
      { id: 2, label: null, amount: '0' },
      { id: 3, label: 'línea\nnueva', amount: '5' },
    ]);
  });

  it('rolls the whole transaction back when the work throws', async () => {
    await database.raw.exec('truncate bulk_probe');
    await expect(
      database.inBulkTransaction(async (connection) => {
        await connection.copyCsv('bulk_probe', ['id', 'label', 'amount'], csvRow([7, 'a', 1]));
        await connection.query('insert into bulk_probe values ($1, $2, $3)', [8, 'b', 2]);
        throw new Error('falla a mitad');
      }),
    ).rejects.toThrow('falla a mitad');
    const { rows } = await database.raw.query('select * from bulk_probe');
    expect(rows).toHaveLength(0);
  });

  it('a COPY that breaks a constraint fails the transaction', async () => {
    await database.raw.exec('truncate bulk_probe');
    await expect(
      database.inBulkTransaction((connection) =>
        connection.copyCsv(
          'bulk_probe',
          ['id', 'label', 'amount'],
          csvRow([1, 'a', 1]) + csvRow([1, 'b', 2]),
        ),
      ),
    ).rejects.toThrow();
    const { rows } = await database.raw.query('select * from bulk_probe');
    expect(rows).toHaveLength(0);
  });
});
