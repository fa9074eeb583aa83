import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseShare, readSimpleYamlDocuments, sharedDataAddresses } from './address-corpus.ts';
import { parseAddress } from './address-parser.ts';

// shared/ sits beside the repository (here and in CI).
const SHARED = path.resolve(import.meta.dirname, '../../../../../shared');

// Inputs of the shared data that carry no street: city/country only (libpostal's own cases).
const NOT_ADDRESSES = new Set(['Bogotá Colombia', 'Bogotá CO', 'Bogota Colombia', 'Bogota CO']);
// A street without a grid number (OpenCage): the parser reads grid addresses only, so this is a known gap.
const NAMED_ROADS = new Set(['Avenida de los Cerros (Circunvalar) 33']);

describe('addresses of the shared data', () => {
  const corpus = sharedDataAddresses(SHARED);

  it('collects libpostal inputs, the OpenCage street line and the cadastral direccion column', () => {
    const sources = new Set(corpus.map(({ source }) => source.split(/[#:]/)[0]));
    expect(sources).toEqual(
      new Set([
        'addresses/libpostal_parser_cases_co.json',
        'addresses/opencage_address_formatting_co.yaml',
        'cadastre/bucaramanga_r1_amb_2021_k15b_6_15.json',
        'cadastre/bucaramanga_r1_amb_2021_ph_calle36_17_37.json',
      ]),
    );
    const inputs = corpus.map(({ input }) => input);
    expect(inputs).toContain('Cra 18#63-64 B Chapinero Bogotá DC Colombia');
    expect(inputs).toContain('Avenida de los Cerros (Circunvalar) 33');
    expect(inputs).toContain('C 36 17 37 OF 201 ED CHILE BR CENT');
    expect(inputs).toContain('K 15B 6 15 BR CHAPINERO');
    // The Socrata copy repeats rows of the PH file: each string counts once.
    expect(new Set(inputs).size).toBe(inputs.length);
  });

  it('reads every street-bearing input as a full address or a corner', () => {
    const streetBearing = corpus.filter(({ input }) => !NOT_ADDRESSES.has(input) && !NAMED_ROADS.has(input));
    expect(streetBearing.length).toBeGreaterThanOrEqual(28);
    for (const { source, input } of streetBearing) {
      expect(['completa', 'interseccion'], `${source}: ${input}`).toContain(parseAddress(input).status);
    }
    for (const input of NOT_ADDRESSES) expect(parseAddress(input).status).toBe('no_es_direccion');
    for (const input of NAMED_ROADS) expect(parseAddress(input).canonical).toBeNull();
  });

  it('gives every spelling of one building in the cadastre the same key', () => {
    const building = corpus.filter(({ input }) => /^CL? 36 17 37/.test(input));
    expect(building.length).toBeGreaterThan(20);
    expect(new Set(building.map(({ input }) => parseAddress(input).canonical))).toEqual(
      new Set(['CL 36 17 37']),
    );
  });

  it('measures the share read as a full address or a corner', () => {
    const share = parseShare(corpus);
    expect(share.total).toBe(corpus.length);
    expect(share.completa + share.interseccion + share.soloVia + share.rural + share.noEsDireccion).toBe(
      share.total,
    );
    expect(share.noEsDireccion).toBe(NOT_ADDRESSES.size + NAMED_ROADS.size);
    expect(share.shareCompleteOrIntersection).toBeCloseTo(
      (share.total - share.noEsDireccion) / share.total,
      10,
    );
    expect(share.shareCompleteOrIntersection).toBeGreaterThan(0.8);
  });
});

describe('parseShare', () => {
  it('counts each status', () => {
    expect(
      parseShare([
        'Calle 35 # 10-43',
        { input: 'Calle 19 con Carrera 10' },
        'Calle 35',
        'Vereda Vijagual',
        'Bogotá',
        '',
      ]),
    ).toEqual({
      total: 6,
      completa: 1,
      interseccion: 1,
      soloVia: 1,
      rural: 1,
      noEsDireccion: 2,
      shareCompleteOrIntersection: 2 / 6,
    });
  });

  it('is 0 for nothing', () => {
    expect(parseShare([]).shareCompleteOrIntersection).toBe(0);
  });
});

describe('readSimpleYamlDocuments', () => {
  it('reads documents, nested maps and block scalars', () => {
    const text = [
      '# Colombia',
      '---',
      'description: 4.63194, -74.06064',
      'components:',
      '    house_number: 33',
      '    road: "Calle 35"',
      'expected:  |',
      '    Calle 35 33',
      '    Bogota',
      '',
      '---',
      'components:',
      '  road: Carrera 7',
    ].join('\n');
    expect(readSimpleYamlDocuments(text)).toEqual([
      {
        description: '4.63194, -74.06064',
        components: { house_number: '33', road: 'Calle 35' },
        expected: 'Calle 35 33\nBogota\n',
      },
      { components: { road: 'Carrera 7' } },
    ]);
  });
});
