import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PqrsdTermsError } from './pqrsd-terms.errors.ts';
import {
  loadPqrsdTerms,
  PQRSD_TERMS_FILE,
  PQRSD_TYPES,
  type PqrsdDueDate,
  type PqrsdTermRules,
  type PqrsdType,
  pqrsdDueDate,
  readPqrsdTerms,
} from './pqrsd-terms.ts';

const rules = readPqrsdTerms();
const LEY_1755 = 'Ley 1755 de 2015 (art. 14 del CPACA): términos ordinarios';
const DECRETO_491 =
  'Decreto Legislativo 491 de 2020 (art. 5): términos ampliados durante la emergencia sanitaria';

/** The file as JSON, so each test can break one thing. */
const rulesJson = (): Record<string, unknown> => JSON.parse(fs.readFileSync(PQRSD_TERMS_FILE, 'utf8'));

function problemsOf(json: unknown): { path: string; message: string }[] {
  try {
    loadPqrsdTerms(json);
  } catch (error) {
    expect(error).toBeInstanceOf(PqrsdTermsError);
    expect((error as PqrsdTermsError).code).toBe('REGLAS_PQRSD_INVALIDAS');
    expect((error as PqrsdTermsError).status).toBe(422);
    return (error as PqrsdTermsError).extra?.problems as { path: string; message: string }[];
  }
  throw new Error('las reglas se cargaron');
}

function errorOf(action: () => unknown): PqrsdTermsError {
  try {
    action();
  } catch (error) {
    expect(error).toBeInstanceOf(PqrsdTermsError);
    return error as PqrsdTermsError;
  }
  throw new Error('no lanzó error');
}

const due = (type: PqrsdType, filedAt: Date | string, with_ = rules) =>
  pqrsdDueDate({ type, filedAt }, with_);

describe('config/rules/pqrsd-terms.json', () => {
  it('has the Ley 1755 terms 15 / 10 / 30 and the Decreto 491 terms 30 / 20 / 35, each with its tag', () => {
    const days = (id: string) =>
      Object.fromEntries(
        PQRSD_TYPES.map((type) => [type, rules.regimes.find((r) => r.id === id)!.terms[type].days]),
      );
    expect(days('ley-1755-2015')).toEqual({
      peticion: 15,
      documentos: 10,
      consulta: 30,
      queja: 15,
      reclamo: 15,
      sugerencia: 15,
      denuncia: 15,
    });
    expect(days('decreto-491-2020')).toEqual({
      peticion: 30,
      documentos: 20,
      consulta: 35,
      queja: 30,
      reclamo: 30,
      sugerencia: 30,
      denuncia: 30,
    });
    const ley = rules.regimes.find((r) => r.id === 'ley-1755-2015')!;
    expect(ley.terms.peticion.confidence).toBe('[V]');
    expect(ley.terms.queja.confidence).toBe('[I]');
    expect(rules.filing).toMatchObject({
      closesAt: '17:00',
      timeZone: 'America/Bogota',
      confidence: '[DEFAULT]',
    });
  });

  it('dates the regimes: Decreto 491 from 2020-03-28 to 2022-05-17, Ley 1755 before and after', () => {
    expect(rules.periods.map((p) => [p.regime, p.validFrom, p.validTo])).toEqual([
      ['ley-1755-2015', '2015-06-30', '2020-03-27'],
      ['decreto-491-2020', '2020-03-28', '2022-05-17'],
      ['ley-1755-2015', '2022-05-18', null],
    ]);
  });
});

describe('pqrsdDueDate — worked examples (America/Bogota, UTC−5)', () => {
  const cases: [string, PqrsdType, string, PqrsdDueDate][] = [
    [
      'filed on Saturday 2026-07-11: counts from Tuesday 14 (Monday 13 is the new Chiquinquirá holiday), skips 20 July',
      'peticion',
      '2026-07-11T10:00:00-05:00',
      {
        regime: 'ley-1755-2015',
        regimeLabel: LEY_1755,
        termDays: 15,
        receivedOn: '2026-07-11',
        filedOn: '2026-07-14',
        startsOn: '2026-07-15',
        dueDate: '2026-08-05',
        filedAfterHours: false,
      } as PqrsdDueDate,
    ],
    [
      'filed Friday 2026-07-10 at 16:59:59: that Friday is the filing day, the term starts Tuesday 14',
      'peticion',
      '2026-07-10T16:59:59-05:00',
      {
        regime: 'ley-1755-2015',
        regimeLabel: LEY_1755,
        termDays: 15,
        receivedOn: '2026-07-10',
        filedOn: '2026-07-10',
        startsOn: '2026-07-14',
        dueDate: '2026-08-04',
        filedAfterHours: false,
      } as PqrsdDueDate,
    ],
    [
      'filed Friday 2026-07-10 at 17:00:00: after hours, filed on Tuesday 14',
      'peticion',
      '2026-07-10T17:00:00-05:00',
      {
        regime: 'ley-1755-2015',
        regimeLabel: LEY_1755,
        termDays: 15,
        receivedOn: '2026-07-10',
        filedOn: '2026-07-14',
        startsOn: '2026-07-15',
        dueDate: '2026-08-05',
        filedAfterHours: true,
      } as PqrsdDueDate,
    ],
    [
      'documentos filed Monday 2026-07-06: 10 days skip 13 and 20 July',
      'documentos',
      '2026-07-06T09:00:00-05:00',
      {
        regime: 'ley-1755-2015',
        regimeLabel: LEY_1755,
        termDays: 10,
        receivedOn: '2026-07-06',
        filedOn: '2026-07-06',
        startsOn: '2026-07-07',
        dueDate: '2026-07-22',
        filedAfterHours: false,
      } as PqrsdDueDate,
    ],
    [
      'filed Friday 2026-03-27: the term jumps Jueves and Viernes Santo (2–3 April)',
      'queja',
      '2026-03-27T10:00:00-05:00',
      {
        regime: 'ley-1755-2015',
        regimeLabel: LEY_1755,
        termDays: 15,
        receivedOn: '2026-03-27',
        filedOn: '2026-03-27',
        startsOn: '2026-03-30',
        dueDate: '2026-04-21',
        filedAfterHours: false,
      } as PqrsdDueDate,
    ],
    [
      'consulta filed Wednesday 2026-04-01 at 18:00: Semana Santa moves the filing day to Monday 6 April; skips 1 and 18 May',
      'consulta',
      '2026-04-01T18:00:00-05:00',
      {
        regime: 'ley-1755-2015',
        regimeLabel: LEY_1755,
        termDays: 30,
        receivedOn: '2026-04-01',
        filedOn: '2026-04-06',
        startsOn: '2026-04-07',
        dueDate: '2026-05-20',
        filedAfterHours: true,
      } as PqrsdDueDate,
    ],
    [
      'filed 2020-04-15, during the emergency: Decreto 491, 30 days',
      'peticion',
      '2020-04-15T10:00:00-05:00',
      {
        regime: 'decreto-491-2020',
        regimeLabel: DECRETO_491,
        termDays: 30,
        receivedOn: '2020-04-15',
        filedOn: '2020-04-15',
        startsOn: '2020-04-16',
        dueDate: '2020-05-29',
        filedAfterHours: false,
      } as PqrsdDueDate,
    ],
    [
      'documentos filed 2020-04-15: Decreto 491, 20 days',
      'documentos',
      '2020-04-15T10:00:00-05:00',
      {
        regime: 'decreto-491-2020',
        regimeLabel: DECRETO_491,
        termDays: 20,
        receivedOn: '2020-04-15',
        filedOn: '2020-04-15',
        startsOn: '2020-04-16',
        dueDate: '2020-05-14',
        filedAfterHours: false,
      } as PqrsdDueDate,
    ],
    [
      'consulta filed 2020-04-15: Decreto 491, 35 days',
      'consulta',
      '2020-04-15T10:00:00-05:00',
      {
        regime: 'decreto-491-2020',
        regimeLabel: DECRETO_491,
        termDays: 35,
        receivedOn: '2020-04-15',
        filedOn: '2020-04-15',
        startsOn: '2020-04-16',
        dueDate: '2020-06-05',
        filedAfterHours: false,
      } as PqrsdDueDate,
    ],
    [
      'filed 2022-05-17, the last day of Decreto 491: still 30 days',
      'peticion',
      '2022-05-17T10:00:00-05:00',
      {
        regime: 'decreto-491-2020',
        regimeLabel: DECRETO_491,
        termDays: 30,
        receivedOn: '2022-05-17',
        filedOn: '2022-05-17',
        startsOn: '2022-05-18',
        dueDate: '2022-07-01',
        filedAfterHours: false,
      } as PqrsdDueDate,
    ],
    [
      'filed 2022-05-18, Ley 2207 in force: back to 15 days',
      'peticion',
      '2022-05-18T10:00:00-05:00',
      {
        regime: 'ley-1755-2015',
        regimeLabel: LEY_1755,
        termDays: 15,
        receivedOn: '2022-05-18',
        filedOn: '2022-05-18',
        startsOn: '2022-05-19',
        dueDate: '2022-06-09',
        filedAfterHours: false,
      } as PqrsdDueDate,
    ],
    [
      'filed 2022-05-17 at 17:30: radicada on 18 May, so the ordinary 15 days apply',
      'peticion',
      '2022-05-17T17:30:00-05:00',
      {
        regime: 'ley-1755-2015',
        regimeLabel: LEY_1755,
        termDays: 15,
        receivedOn: '2022-05-17',
        filedOn: '2022-05-18',
        startsOn: '2022-05-19',
        dueDate: '2022-06-09',
        filedAfterHours: true,
      } as PqrsdDueDate,
    ],
    [
      'filed Friday 2020-03-27 at 10:00, the day before Decreto 491: 15 days across Semana Santa 2020',
      'peticion',
      '2020-03-27T10:00:00-05:00',
      {
        regime: 'ley-1755-2015',
        regimeLabel: LEY_1755,
        termDays: 15,
        receivedOn: '2020-03-27',
        filedOn: '2020-03-27',
        startsOn: '2020-03-30',
        dueDate: '2020-04-21',
        filedAfterHours: false,
      } as PqrsdDueDate,
    ],
    [
      'received 2024-12-20 (public-services.md §2.3 example): 15 days → 2025-01-15',
      'reclamo',
      '2024-12-20T08:00:00-05:00',
      {
        regime: 'ley-1755-2015',
        regimeLabel: LEY_1755,
        termDays: 15,
        receivedOn: '2024-12-20',
        filedOn: '2024-12-20',
        startsOn: '2024-12-23',
        dueDate: '2025-01-15',
        filedAfterHours: false,
      } as PqrsdDueDate,
    ],
    [
      'received 2021-03-15 (§2.3 example): under Decreto 491 a petición has 30 days → 2021-04-29',
      'peticion',
      '2021-03-15T08:00:00-05:00',
      {
        regime: 'decreto-491-2020',
        regimeLabel: DECRETO_491,
        termDays: 30,
        receivedOn: '2021-03-15',
        filedOn: '2021-03-15',
        startsOn: '2021-03-16',
        dueDate: '2021-04-29',
        filedAfterHours: false,
      } as PqrsdDueDate,
    ],
  ];

  it.each(cases)('%s', (_title, type, filedAt, expected) => {
    expect(due(type, filedAt)).toEqual(expected);
  });

  it('converts other offsets to Bogotá: 22:00Z and 23:00+01:00 on 10 July are 17:00 and 17:00 there', () => {
    const bogota = due('peticion', '2026-07-10T17:00:00-05:00');
    expect(due('peticion', '2026-07-10T22:00:00Z')).toEqual(bogota);
    expect(due('peticion', '2026-07-10T23:00:00+01:00')).toEqual(bogota);
    // One second earlier in each notation is still Friday's business hours.
    expect(due('peticion', '2026-07-10T21:59:59Z').filedOn).toBe('2026-07-10');
    expect(due('peticion', '2026-07-10T22:59:59+01:00').filedOn).toBe('2026-07-10');
  });

  it('uses the Bogotá calendar day, not the one of the offset: 03:30+01:00 on Saturday is Friday 21:30 in Bogotá', () => {
    expect(due('peticion', '2026-07-11T03:30:00+01:00')).toMatchObject({
      receivedOn: '2026-07-10',
      filedOn: '2026-07-14',
      filedAfterHours: true,
    });
    // 04:59Z on a Monday is still Sunday in Bogotá.
    expect(due('peticion', '2026-07-20T04:59:00Z')).toMatchObject({
      receivedOn: '2026-07-19',
      filedOn: '2026-07-21',
    });
  });

  it('accepts a Date and gives the same answer as its ISO text', () => {
    expect(due('consulta', new Date('2026-07-10T21:59:59.999Z'))).toEqual(
      due('consulta', '2026-07-10T16:59:59.999-05:00'),
    );
    expect(due('consulta', new Date('2026-07-10T21:59:59.999Z')).filedOn).toBe('2026-07-10');
  });

  it('counts a request filed before opening time on a business day as filed that day', () => {
    expect(due('peticion', '2026-07-10T06:00:00-05:00')).toMatchObject({
      filedOn: '2026-07-10',
      filedAfterHours: false,
    });
  });

  it('on a non-business day the hour does not matter and is not reported as after hours', () => {
    expect(due('peticion', '2026-07-12T20:00:00-05:00')).toMatchObject({
      filedOn: '2026-07-14',
      filedAfterHours: false,
    });
    expect(due('peticion', '2026-07-13T08:00:00-05:00')).toMatchObject({
      filedOn: '2026-07-14',
      filedAfterHours: false,
    });
  });

  it('follows the closing time of the rules: 16:30, or none at all', () => {
    const earlier: PqrsdTermRules = { ...rules, filing: { ...rules.filing, closesAt: '16:30' } };
    expect(due('peticion', '2026-07-10T16:30:00-05:00', earlier).filedOn).toBe('2026-07-14');
    expect(due('peticion', '2026-07-10T16:29:59-05:00', earlier).filedOn).toBe('2026-07-10');
    const never: PqrsdTermRules = { ...rules, filing: { ...rules.filing, closesAt: null } };
    expect(due('peticion', '2026-07-10T23:59:59-05:00', never)).toMatchObject({
      filedOn: '2026-07-10',
      filedAfterHours: false,
    });
  });

  it('reproduces the §2.3 arithmetic with Ley 1755 terms: 15 Mar 2021 → 10 days 30 Mar, 15 days 8 Apr, 30 days 29 Apr', () => {
    const ordinaryOnly: PqrsdTermRules = {
      ...rules,
      periods: [{ ...rules.periods[0]!, validFrom: '2015-06-30', validTo: null }],
    };
    const filedAt = '2021-03-15T10:00:00-05:00';
    expect(due('documentos', filedAt, ordinaryOnly).dueDate).toBe('2021-03-30');
    expect(due('peticion', filedAt, ordinaryOnly).dueDate).toBe('2021-04-08');
    expect(due('consulta', filedAt, ordinaryOnly).dueDate).toBe('2021-04-29');
  });
});

describe('pqrsdDueDate — bad input', () => {
  it('refuses an unknown tipo with a 400 on `type`', () => {
    const error = errorOf(() =>
      pqrsdDueDate({ type: 'felicitacion' as PqrsdType, filedAt: '2026-07-10T10:00:00-05:00' }, rules),
    );
    expect(error).toMatchObject({ status: 400, code: 'TIPO_PQRSD_INVALIDO', field: 'type' });
    expect(error.detail).toContain('«felicitacion»');
    expect(error.detail).toContain('peticion, documentos, consulta');
  });

  it.each([
    ['2026-07-10T10:00:00', 'no offset'],
    ['2026-07-10', 'a date without time'],
    ['10/07/2026 10:00', 'a local format'],
    ['2026-02-30T10:00:00-05:00', 'a day that does not exist'],
    ['2026-07-10T24:00:00-05:00', 'hour 24'],
    ['2026-07-10T10:60:00-05:00', 'minute 60'],
    ['2026-07-10T10:00:00+15:00', 'an offset beyond ±14:00'],
    ['2026-07-10T10:00:00-05:75', 'offset minutes 75'],
    ['', 'an empty string'],
  ])('refuses %s (%s) with a 400 on `filed`', (filedAt) => {
    expect(errorOf(() => due('peticion', filedAt))).toMatchObject({
      status: 400,
      code: 'FECHA_RADICACION_INVALIDA',
      field: 'filed',
    });
  });

  it('refuses an invalid Date and a value that is not text', () => {
    expect(errorOf(() => due('peticion', new Date('nope')))).toMatchObject({
      code: 'FECHA_RADICACION_INVALIDA',
      field: 'filed',
    });
    expect(errorOf(() => due('peticion', 1_783_000_000_000 as unknown as string))).toMatchObject({
      code: 'FECHA_RADICACION_INVALIDA',
      field: 'filed',
    });
  });

  it('refuses a date beyond the calendar as a 400, not a server error', () => {
    const error = errorOf(() => due('peticion', '2099-12-30T10:00:00-05:00'));
    expect(error).toMatchObject({ status: 400, code: 'FECHA_RADICACION_INVALIDA', field: 'filed' });
    expect(error.detail).toContain('2099');
  });

  it('says so when no regime covers the filing day (before Ley 1755 de 2015)', () => {
    const error = errorOf(() => due('peticion', '2015-06-26T10:00:00-05:00'));
    expect(error).toMatchObject({ status: 422, code: 'REGIMEN_NO_CONFIGURADO', field: 'filed' });
    expect(error.detail).toContain('2015-06-30');
    expect(due('peticion', '2015-06-30T10:00:00-05:00').regime).toBe('ley-1755-2015');
    // Monday 2015-06-29 was a holiday (San Pedro y San Pablo), so a filing that day counts from 30 June.
    expect(due('peticion', '2015-06-29T10:00:00-05:00').filedOn).toBe('2015-06-30');
  });
});

describe('loadPqrsdTerms — validation with Spanish messages naming the path', () => {
  it('reports each wrong value at its path', () => {
    const json = rulesJson();
    const filing = json.filing as Record<string, unknown>;
    filing.closesAt = '5 pm';
    filing.timeZone = 'America/Bucaramanga';
    const regimes = json.regimes as { terms: Record<string, Record<string, unknown>> }[];
    regimes[0]!.terms.peticion!.days = 0;
    delete regimes[1]!.terms.denuncia;
    regimes[1]!.terms.felicitacion = { days: 5, source: 'x', confidence: '[V]' };
    const periods = json.periods as Record<string, unknown>[];
    periods[1]!.validTo = '2020-02-30';
    periods[2]!.confidence = '[SEGURO]';
    const problems = problemsOf(json);
    const byPath = Object.fromEntries(problems.map((p) => [p.path, p.message]));
    expect(byPath['filing.closesAt']).toMatch(/HH:MM/);
    expect(byPath['filing.timeZone']).toMatch(/zona horaria/);
    expect(byPath['regimes[0].terms.peticion.days']).toMatch(/al menos 1 día/);
    expect(byPath['regimes[1].terms.denuncia']).toBeDefined();
    expect(byPath['regimes[1].terms']).toMatch(/felicitacion/);
    expect(byPath['periods[1].validTo']).toMatch(/fecha válida/);
    expect(byPath['periods[2].confidence']).toMatch(/\[DEFAULT\]/);
    expect(problems).toHaveLength(7);
  });

  it('puts every problem in the Spanish detail and names the first in `field`', () => {
    const json = rulesJson();
    json.schemaVersion = 2;
    const error = errorOf(() => loadPqrsdTerms(json));
    expect(error.detail).toMatch(
      /^Las reglas de términos de PQRSD no son válidas \(1 problema\): schemaVersion: /,
    );
    expect(error.field).toBe('schemaVersion');
  });

  it('refuses another rule file loaded by mistake', () => {
    const problems = problemsOf({ ...rulesJson(), rules: 'predial' });
    expect(problems).toEqual([
      { path: 'rules', message: 'debe ser "pqrsd-terms" (¿es el archivo de reglas correcto?)' },
    ]);
  });

  it('refuses overlapping periods, periods of an unknown regime and a repeated regime id', () => {
    const json = rulesJson();
    const periods = json.periods as Record<string, unknown>[];
    periods[1]!.validFrom = '2020-03-27';
    periods[2]!.regime = 'ley-1437-2011';
    const regimes = json.regimes as Record<string, unknown>[];
    regimes.push({ ...regimes[0]! });
    expect(problemsOf(json)).toEqual([
      { path: 'regimes[2].id', message: 'el id «ley-1755-2015» ya se usa en regimes[0]' },
      {
        path: 'periods[1].validFrom',
        message: 'sus fechas se solapan con periods[0]; cada día debe tener un solo régimen',
      },
      { path: 'periods[2].regime', message: 'no hay un régimen con id «ley-1437-2011» en «regimes»' },
    ]);
  });

  it('refuses a period that ends before it starts', () => {
    const json = rulesJson();
    (json.periods as Record<string, unknown>[])[0]!.validTo = '2015-01-01';
    expect(problemsOf(json)).toContainEqual({
      path: 'periods[0].validTo',
      message: '«validTo» no puede ser anterior a «validFrom»',
    });
  });
});

describe('readPqrsdTerms', () => {
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'pqrsd-terms-'));
  afterAll(() => fs.rmSync(directory, { recursive: true, force: true }));

  it('reads the file and re-reads it when it changes', () => {
    const file = path.join(directory, 'terms.json');
    fs.writeFileSync(file, JSON.stringify(rulesJson()));
    expect(readPqrsdTerms(file).filing.closesAt).toBe('17:00');
    const changed = rulesJson();
    (changed.filing as Record<string, unknown>).closesAt = '16:00';
    fs.writeFileSync(file, JSON.stringify(changed));
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    expect(readPqrsdTerms(file).filing.closesAt).toBe('16:00');
  });

  it('says which file is missing or is not JSON', () => {
    expect(errorOf(() => readPqrsdTerms(path.join(directory, 'missing.json')))).toMatchObject({
      status: 500,
      code: 'REGLAS_PQRSD_FALTANTES',
    });
    const broken = path.join(directory, 'broken.json');
    fs.writeFileSync(broken, '{ "schemaVersion": 1,');
    const error = errorOf(() => readPqrsdTerms(broken));
    expect(error).toMatchObject({ status: 422, code: 'REGLAS_PQRSD_INVALIDAS' });
    expect(error.detail).toContain('no es JSON válido');
  });
});
