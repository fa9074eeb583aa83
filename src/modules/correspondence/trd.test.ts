import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CorrespondenceError } from './correspondence.errors.ts';
import { indexTrd, loadTrd, readTrd, TRD_FILE } from './trd.ts';

const minimal = () => ({
  schemaVersion: 1,
  rules: 'trd',
  entity: 'Alcaldía de Prueba',
  version: '2026-01',
  dependencias: [
    {
      dependencia: 'came',
      officeCode: '140',
      series: [
        {
          code: '140.20',
          name: 'Derechos de petición',
          subseries: [
            {
              code: '140.20.1',
              name: 'Peticiones',
              retention: { gestion: 2, central: 3 },
              disposition: 'S',
            },
          ],
        },
        {
          code: '140.15',
          name: 'Comunicaciones oficiales',
          retention: { gestion: 2, central: 3 },
          disposition: 'E',
        },
      ],
    },
    {
      dependencia: 'hacienda',
      officeCode: '300',
      series: [
        { code: '300.18', name: 'Cobro coactivo', retention: { gestion: 5, central: 15 }, disposition: 'S' },
      ],
    },
  ],
});

function problemsOf(json: unknown): { path: string; message: string }[] {
  try {
    loadTrd(json);
  } catch (error) {
    expect(error).toBeInstanceOf(CorrespondenceError);
    expect((error as CorrespondenceError).code).toBe('TRD_INVALIDA');
    return (error as CorrespondenceError).extra!.problems as { path: string; message: string }[];
  }
  throw new Error('la TRD debía ser rechazada');
}

describe('the TRD file of the repository', () => {
  it('validates and covers only dependencias of the demo tenant', () => {
    const table = readTrd();
    const tenant = JSON.parse(
      fs.readFileSync(path.resolve(path.dirname(TRD_FILE), '../tenants/68001.json'), 'utf8'),
    ) as { dependencias: { code: string }[] };
    const known = new Set(tenant.dependencias.map((office) => office.code));
    for (const office of table.dependencias) expect(known, office.dependencia).toContain(office.dependencia);
    expect(table.dependencias.length).toBeGreaterThanOrEqual(5);
  });

  it('has the series the correspondence office needs: comunicaciones oficiales and PQRSD', () => {
    const trd = indexTrd(readTrd());
    expect(trd.classify('came', '140.20.1')).toMatchObject({
      seriesCode: '140.20',
      subseriesCode: '140.20.1',
      rules: { retention: { gestion: 2, central: 3 }, disposition: 'S' },
    });
    expect(trd.find('140.15.2')?.seriesName).toBe('Comunicaciones oficiales');
    expect(trd.find('500.24.1')?.seriesName).toBe('Historias laborales');
    expect(trd.find('130.12.2')?.seriesName).toBe('Contratos');
  });
});

describe('loadTrd', () => {
  it('accepts a valid table and resolves series and subseries codes', () => {
    const trd = indexTrd(loadTrd(minimal()));
    expect(trd.classify('came', '140.20')).toMatchObject({ subseriesCode: null, rules: null });
    expect(trd.classify('came', '140.15').rules?.disposition).toBe('E');
    expect(trd.classifyForExpediente('hacienda', '300.18').rules.retention).toEqual({
      gestion: 5,
      central: 15,
    });
  });

  it('names the path of a wrong disposition and of missing retention times', () => {
    const json = minimal();
    (json.dependencias[1]!.series[0] as { disposition: string }).disposition = 'X';
    delete (json.dependencias[0]!.series[1] as { retention?: unknown }).retention;
    const problems = problemsOf(json);
    expect(problems.map((problem) => problem.path)).toEqual(
      expect.arrayContaining([
        'dependencias[1].series[0].disposition',
        'dependencias[0].series[1].retention',
      ]),
    );
    expect(problems.find((problem) => problem.path.endsWith('disposition'))!.message).toMatch(/CT/);
  });

  it('refuses codes that do not nest in their office or series, and repeated codes', () => {
    const json = minimal();
    json.dependencias[1]!.series[0]!.code = '140.18';
    json.dependencias[0]!.series[0]!.subseries![0]!.code = '140.15.1';
    json.dependencias[0]!.series.push({
      code: '140.15',
      name: 'Otra',
      retention: { gestion: 1, central: 1 },
      disposition: 'E',
    });
    const problems = problemsOf(json);
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: 'dependencias[1].series[0].code', message: 'debe empezar por el código de oficina «300.»' },
        {
          path: 'dependencias[0].series[0].subseries[0].code',
          message: 'debe empezar por el código de su serie «140.20.»',
        },
        {
          path: 'dependencias[0].series[2].code',
          message: 'el código «140.15» ya se usa en dependencias[0].series[1]',
        },
      ]),
    );
  });

  it('refuses retention on a series that has subseries', () => {
    const json = minimal();
    Object.assign(json.dependencias[0]!.series[0]!, { retention: { gestion: 1, central: 1 } });
    expect(problemsOf(json)).toEqual([
      {
        path: 'dependencias[0].series[0].retention',
        message: 'una serie con subseries lleva los tiempos y la disposición en cada subserie',
      },
    ]);
  });

  it('refuses an office code used by two dependencias', () => {
    const json = minimal();
    json.dependencias[1]!.officeCode = '140';
    json.dependencias[1]!.series[0]!.code = '140.99';
    expect(problemsOf(json).map((problem) => problem.path)).toEqual(['dependencias[1].officeCode']);
  });

  it('explains a file of another kind in Spanish', () => {
    const error = (() => {
      try {
        loadTrd({ ...minimal(), rules: 'pqrsd-terms' });
      } catch (caught) {
        return caught as CorrespondenceError;
      }
    })();
    expect(error?.detail).toMatch(
      /^La Tabla de Retención Documental no es válida \(1 problema\): rules: debe ser "trd"/,
    );
    expect(error?.field).toBe('rules');
  });

  it('reports a missing file and malformed JSON', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trd-'));
    expect(() => readTrd(path.join(dir, 'no-existe.json'))).toThrow(/No se pudo leer la Tabla/);
    fs.writeFileSync(path.join(dir, 'mala.json'), '{ "rules": ');
    expect(() => readTrd(path.join(dir, 'mala.json'))).toThrow(/no es JSON válido/);
  });
});

describe('classify', () => {
  const trd = indexTrd(loadTrd(minimal()));

  it('answers 422 naming the field for an unknown code or one of another dependencia', () => {
    const unknown = (() => {
      try {
        trd.classify('came', '999.1', 'trdCode');
      } catch (error) {
        return error as CorrespondenceError;
      }
    })();
    expect(unknown).toMatchObject({ status: 422, code: 'TRD_DESCONOCIDA', field: 'trdCode' });
    expect(() => trd.classify('came', '300.18')).toThrow(/es de la tabla de otra dependencia/);
  });

  it('asks an expediente for a subseries when its series is divided', () => {
    expect(() => trd.classifyForExpediente('came', '140.20')).toThrow(/elija una de ellas/);
  });
});
