import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readBatchFile, resultHeader, writeBatchFile } from './batch-file.ts';
import type { GeocodeResult } from './geocoding.service.ts';

const result = (input: string, extra: Partial<GeocodeResult> = {}): GeocodeResult => ({
  input,
  canonical: null,
  status: 'no_es_direccion',
  precision: 'ninguna',
  lat: null,
  lon: null,
  municipio: null,
  comuna: null,
  barrio: null,
  complemento: null,
  codigos: { municipio: null, comuna: null, barrio: null },
  ...extra,
});

async function xlsx(rows: (string | number)[][]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Hoja1');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('batch files', () => {
  it('reads a semicolon CSV with accents in the header and finds the columns', async () => {
    const csv =
      '\uFEFFNombre;Dirección;Barrio;Municipio\nAna;Calle 35 # 10-43;San Alonso;68001\nLuis;Cra 27;;8001\n';
    const table = await readBatchFile('lista.csv', Buffer.from(csv));
    expect(table.format).toBe('csv');
    expect(table.delimiter).toBe(';');
    expect(table.queries).toEqual([
      { direccion: 'Calle 35 # 10-43', barrio: 'San Alonso', municipio: '68001' },
      // A four-digit code lost its leading zero in a spreadsheet; a name is not a code.
      { direccion: 'Cra 27', barrio: '', municipio: '08001' },
    ]);
  });

  it('refuses what it cannot read, naming the field', async () => {
    await expect(readBatchFile('lista.csv', Buffer.from('nombre,telefono\nAna,300\n'))).rejects.toMatchObject(
      {
        field: 'direccion',
      },
    );
    await expect(readBatchFile('lista.pdf', Buffer.from('%PDF'))).rejects.toMatchObject({ field: 'archivo' });
    await expect(readBatchFile('lista.xlsx', Buffer.from('no es un zip'))).rejects.toMatchObject({
      field: 'archivo',
    });
    await expect(readBatchFile('lista.csv', Buffer.from(''))).rejects.toMatchObject({ field: 'archivo' });
    await expect(readBatchFile('lista.csv', Buffer.from('direccion\n"sin cerrar\n'))).rejects.toMatchObject({
      field: 'archivo',
    });
  });

  it('gives a CSV back in its own delimiter with the result columns, never overwriting one', async () => {
    const table = await readBatchFile(
      'l.csv',
      Buffer.from('direccion,barrio\n"Calle 1, # 2-3",Centro\n😀,\n'),
    );
    expect(resultHeader(table.header)).toEqual([
      'canonical',
      'status',
      'precision',
      'lat',
      'lon',
      'municipio',
      'comuna',
      'barrio_resultado',
    ]);
    const bytes = await writeBatchFile(table, [
      result('Calle 1, # 2-3', {
        canonical: 'CL 1 2 3',
        status: 'completa',
        precision: 'barrio',
        lat: 7.1,
        lon: -73.1,
        barrio: 'Centro',
      }),
      result('😀'),
    ]);
    const text = Buffer.from(bytes).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    expect(text.slice(1).split('\r\n')).toEqual([
      'direccion,barrio,canonical,status,precision,lat,lon,municipio,comuna,barrio_resultado',
      '"Calle 1, # 2-3",Centro,CL 1 2 3,completa,barrio,7.1,-73.1,,,Centro',
      '😀,,,no_es_direccion,ninguna,,,,,',
      '',
    ]);
  });

  it('reads an Excel workbook and gives one back with numeric coordinates', async () => {
    const bytes = await xlsx([
      ['id', 'DIRECCION'],
      [1, 'Calle 35 # 10-43'],
      [2, 'Carrera 27 # 36-14'],
    ]);
    const table = await readBatchFile('lista.xlsx', bytes);
    expect(table.format).toBe('xlsx');
    expect(table.queries.map((query) => query.direccion)).toEqual(['Calle 35 # 10-43', 'Carrera 27 # 36-14']);
    const out = await writeBatchFile(table, [
      result('a', { precision: 'interpolada', lat: 7.12, lon: -73.12 }),
      result('b'),
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(out) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'id',
      'DIRECCION',
      'canonical',
      'status',
      'precision',
      'lat',
      'lon',
      'municipio',
      'comuna',
      'barrio',
    ]);
    expect(sheet.getRow(2).getCell(6).value).toBe(7.12);
    expect(sheet.getRow(3).getCell(5).value).toBe('ninguna');
    expect(sheet.rowCount).toBe(3);
  });

  it('refuses a workbook whose first sheet has no address column', async () => {
    await expect(readBatchFile('x.xlsx', await xlsx([['nombre'], ['Ana']]))).rejects.toMatchObject({
      field: 'direccion',
    });
  });
});
