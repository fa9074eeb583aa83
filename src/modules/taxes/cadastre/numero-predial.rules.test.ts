import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CadastreError } from './cadastre.errors.ts';
import {
  condicionDePropiedad,
  esPropiedadHorizontal,
  formatNumeroPredialAnterior,
  formatNumeroPredialNacional,
  NUMERO_PREDIAL_ANTERIOR_PARTS,
  NUMERO_PREDIAL_NACIONAL_PARTS,
  numeroPredialAnteriorTail,
  numeroPredialAnteriorToNacional,
  numeroPredialNacionalTail,
  numeroPredialNacionalToAnterior,
  parseNumeroPredial,
  parseNumeroPredialAnterior,
  parseNumeroPredialNacional,
} from './numero-predial.rules.ts';

const digits = (n: number) => fc.stringMatching(new RegExp(`^\\d{${n}}$`));

function errorOf(run: () => unknown): CadastreError {
  try {
    run();
  } catch (error) {
    if (error instanceof CadastreError) return error;
    throw error;
  }
  throw new Error('no lanzó error');
}

// Synthetic NPN for office 201 of Edificio Chile (see testdata/SOURCE.md): the AMB has not published NPNs.
const OFFICE_NPN = '680010101030101030001901020001';

describe('número predial nacional (30 digits, §3.1)', () => {
  it('splits into its twelve parts with the lengths of §3.1', () => {
    expect(parseNumeroPredialNacional(OFFICE_NPN)).toEqual({
      departamento: '68',
      municipio: '001',
      zona: '01',
      sector: '01',
      comuna: '03',
      barrio: '01',
      manzanaVereda: '0103',
      terreno: '0001',
      condicionPropiedad: '9',
      edificio: '01',
      piso: '02',
      unidad: '0001',
    });
    expect(NUMERO_PREDIAL_NACIONAL_PARTS.reduce((sum, p) => sum + p.length, 0)).toBe(30);
  });

  it('accepts the groups separated by spaces, hyphens or dots', () => {
    expect(
      formatNumeroPredialNacional(parseNumeroPredialNacional('68-001-01-01-03-01-0103-0001-9-01-02-0001')),
    ).toBe(OFFICE_NPN);
    expect(parseNumeroPredialNacional(' 68 001 01.01 03 01 0103 0001 9 01 02 0001 ').unidad).toBe('0001');
  });

  it('refuses wrong lengths, letters and empty input in Spanish', () => {
    const short = errorOf(() => parseNumeroPredialNacional(OFFICE_NPN.slice(1)));
    expect(short.code).toBe('NUMERO_PREDIAL_INVALID_LENGTH');
    expect(short.detail).toBe('El número predial nacional tiene 30 dígitos; se recibieron 29.');
    expect(short.field).toBe('numeroPredial');
    expect(short.status).toBe(400);
    expect(errorOf(() => parseNumeroPredialNacional(`${OFFICE_NPN.slice(0, 29)}A`)).code).toBe(
      'NUMERO_PREDIAL_NOT_NUMERIC',
    );
    expect(errorOf(() => parseNumeroPredialNacional('  ')).code).toBe('NUMERO_PREDIAL_EMPTY');
  });

  it('refuses to format a part of the wrong length', () => {
    const parts = { ...parseNumeroPredialNacional(OFFICE_NPN), barrio: '1' };
    const error = errorOf(() => formatNumeroPredialNacional(parts));
    expect(error.code).toBe('NUMERO_PREDIAL_INVALID_PART');
    expect(error.detail).toContain('«barrio» debe tener exactamente 2 dígitos');
  });

  it('names the condición de propiedad and tells PH apart', () => {
    const office = parseNumeroPredialNacional(OFFICE_NPN);
    expect(condicionDePropiedad(office)).toBe('Propiedad horizontal (PH)');
    expect(esPropiedadHorizontal({ tipo: 'nacional', codigo: OFFICE_NPN, partes: office })).toBe(true);
    expect(condicionDePropiedad({ ...office, condicionPropiedad: '1' })).toBeNull();
  });

  it('property: format(parse(x)) = x for every 30-digit string', () => {
    fc.assert(
      fc.property(digits(30), (x) => formatNumeroPredialNacional(parseNumeroPredialNacional(x)) === x),
    );
  });

  it('property: parse(format(parts)) = parts', () => {
    const parts = fc.record(
      Object.fromEntries(NUMERO_PREDIAL_NACIONAL_PARTS.map((p) => [p.part, digits(p.length)])) as Record<
        (typeof NUMERO_PREDIAL_NACIONAL_PARTS)[number]['part'],
        fc.Arbitrary<string>
      >,
    );
    fc.assert(
      fc.property(parts, (p) => {
        expect(parseNumeroPredialNacional(formatNumeroPredialNacional(p))).toEqual(p);
      }),
    );
  });

  it('property: the R1 tail is the last 25 digits', () => {
    fc.assert(
      fc.property(digits(30), (x) => numeroPredialNacionalTail(parseNumeroPredialNacional(x)) === x.slice(5)),
    );
  });
});

describe('número predial anterior (20 digits and its 15-digit tail, §3.2)', () => {
  it('reads the AMB terrain local_id: 68001 + the 15 digits of R1', () => {
    const terrain = JSON.parse(
      readFileSync(
        new URL('./testdata/bucaramanga_terreno_amb_2023_010601100023000.json.txt', import.meta.url),
        'utf8',
      ),
    ) as { features: { attributes: { local_id: string } }[] };
    const localId = terrain.features[0]!.attributes.local_id;
    expect(localId).toBe('68001010601100023000');
    const parts = parseNumeroPredialAnterior(localId);
    expect(parts).toEqual({
      departamento: '68',
      municipio: '001',
      zona: '01',
      sector: '06',
      manzanaVereda: '0110',
      predio: '0023',
      condicion: '0',
      edificioMejora: '00',
    });
    expect(numeroPredialAnteriorTail(parts)).toBe('010601100023000');
    expect(NUMERO_PREDIAL_ANTERIOR_PARTS.reduce((sum, p) => sum + p.length, 0)).toBe(20);
  });

  it('reads a PH office of Edificio Chile (…901: condición 9, own predio number 0015 in manzana 0103)', () => {
    const parts = parseNumeroPredialAnterior('68001010101030015901');
    expect(parts.manzanaVereda).toBe('0103');
    expect(parts.predio).toBe('0015');
    expect(parts.condicion).toBe('9');
    expect(parts.edificioMejora).toBe('01');
    expect(esPropiedadHorizontal({ tipo: 'anterior', codigo: '68001010101030015901', partes: parts })).toBe(
      true,
    );
  });

  it('refuses a 15-digit tail where the whole code is asked for', () => {
    const error = errorOf(() => parseNumeroPredialAnterior('010601100023000'));
    expect(error.code).toBe('NUMERO_PREDIAL_INVALID_LENGTH');
    expect(error.detail).toBe('El número predial anterior tiene 20 dígitos; se recibieron 15.');
  });

  it('property: format(parse(x)) = x for every 20-digit string', () => {
    fc.assert(
      fc.property(digits(20), (x) => formatNumeroPredialAnterior(parseNumeroPredialAnterior(x)) === x),
    );
  });
});

describe('parseNumeroPredial: either code, with or without departamento and municipio (§3.3)', () => {
  it('completes the tails with the tenant DIVIPOLA code', () => {
    expect(parseNumeroPredial('010601100023000', { municipio: '68001' })).toMatchObject({
      tipo: 'anterior',
      codigo: '68001010601100023000',
    });
    expect(parseNumeroPredial(OFFICE_NPN.slice(5), { municipio: '68001' })).toMatchObject({
      tipo: 'nacional',
      codigo: OFFICE_NPN,
    });
    expect(parseNumeroPredial(OFFICE_NPN).tipo).toBe('nacional');
    expect(parseNumeroPredial('68001-01-06-0110-0023-000').tipo).toBe('anterior');
  });

  it('asks for the whole code when no municipality is known, and names lengths it cannot read', () => {
    expect(errorOf(() => parseNumeroPredial('010601100023000')).code).toBe(
      'NUMERO_PREDIAL_MUNICIPIO_REQUIRED',
    );
    const odd = errorOf(() => parseNumeroPredial('1234567'));
    expect(odd.code).toBe('NUMERO_PREDIAL_INVALID_LENGTH');
    expect(odd.detail).toContain('se recibieron 7');
    expect(errorOf(() => parseNumeroPredial('010601100023000', { municipio: '681' })).code).toBe(
      'MUNICIPIO_INVALID',
    );
  });
});

describe('best-effort conversion between the codes (§3.3 [I])', () => {
  const npnNph = '680010106030101100023000000000';

  it('NPN of a plain NPH predio → old code, dropping comuna and barrio, with its assumption stated', () => {
    const result = numeroPredialNacionalToAnterior(parseNumeroPredialNacional(npnNph));
    expect(result).toMatchObject({ ok: true, codigo: '68001010601100023000' });
    expect(result.ok && result.supuestos[0]).toContain('no renumeró');
  });

  it('says it cannot for a PH unit or a mejora', () => {
    const ph = numeroPredialNacionalToAnterior(parseNumeroPredialNacional(OFFICE_NPN));
    expect(ph).toMatchObject({ ok: false, code: 'CONVERSION_NOT_POSSIBLE' });
    expect(!ph.ok && ph.detail).toContain('propiedad horizontal');
    const mejora = { ...parseNumeroPredialNacional(npnNph), condicionPropiedad: '5' };
    expect(numeroPredialNacionalToAnterior(mejora).ok).toBe(false);
  });

  it('old code → NPN only with comuna and barrio given, and never for PH', () => {
    const house = parseNumeroPredialAnterior('68001010601100023000');
    const missing = numeroPredialAnteriorToNacional(house);
    expect(missing).toMatchObject({ ok: false, code: 'CONVERSION_NOT_POSSIBLE' });
    expect(!missing.ok && missing.detail).toContain('no incluye comuna ni barrio');
    const converted = numeroPredialAnteriorToNacional(house, { comuna: '03', barrio: '01' });
    expect(converted).toMatchObject({ ok: true, codigo: npnNph });
    expect(converted.ok && converted.supuestos).toHaveLength(2);
    expect(
      numeroPredialAnteriorToNacional(parseNumeroPredialAnterior('68001010101030015901'), {
        comuna: '03',
        barrio: '01',
      }).ok,
    ).toBe(false);
    expect(errorOf(() => numeroPredialAnteriorToNacional(house, { comuna: '3', barrio: '01' })).code).toBe(
      'NUMERO_PREDIAL_INVALID_PART',
    );
  });

  it('property: for NPH codes, old → NPN → old gives the same old code', () => {
    fc.assert(
      fc.property(digits(17), digits(2), digits(2), (head, comuna, barrio) => {
        const parts = parseNumeroPredialAnterior(`${head}000`);
        const nacional = numeroPredialAnteriorToNacional(parts, { comuna, barrio });
        if (!nacional.ok) return false;
        const back = numeroPredialNacionalToAnterior(parseNumeroPredialNacional(nacional.codigo));
        return back.ok && back.codigo === formatNumeroPredialAnterior(parts);
      }),
    );
  });
});
