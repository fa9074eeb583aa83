import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AddressComponents,
  type AddressStatus,
  canonicalOf,
  formatAddress,
  parseAddress,
  QUADRANTS,
  type StreetNumber,
  VIA_TYPES,
  type ViaType,
} from './address-parser.ts';

// [as typed, canonical key, status, complement]
const CASES: [string, string | null, AddressStatus, string | null][] = [
  // The examples
  ['CRA. 50 # 24-20', 'KR 50 24 20', 'completa', null],
  ['Cl 35 No 10-43 Apto 502 Torre 2', 'CL 35 10 43', 'completa', 'AP 502 TO 2'],
  ['DIAGONAL 32 NO. 30 A – 51', 'DG 32 30A 51', 'completa', null],
  ['CL. 19 # CRA. 10', 'CL 19 KR 10', 'interseccion', null],
  ['Calle 56 & Diag. 14A, barrio La Victoria', 'CL 56 DG 14A', 'interseccion', null],
  // Domain §6 examples and the trap: 32B SUR is letter B, not Bis
  ['Calle 35 # 10-43', 'CL 35 10 43', 'completa', null],
  ['Carrera 27A # 48-120 Apto 502 Torre 2', 'KR 27A 48 120', 'completa', 'AP 502 TO 2'],
  ['Calle 9 Bis Sur # 8B-20', 'CL 9 BIS SUR 8B 20', 'completa', null],
  ['Calle 32B SUR # 10-20', 'CL 32B SUR 10 20', 'completa', null],
  ['Calle 32 B Sur # 10 - 20', 'CL 32B SUR 10 20', 'completa', null],
  ['Calle 32 Bis B # 10-20', 'CL 32 BIS B 10 20', 'completa', null],
  ['Calle 32BIS # 10-20', 'CL 32 BIS 10 20', 'completa', null],
  ['Cl 10 # 23CN-81', 'CL 10 23C NORTE 81', 'completa', null],
  // Every spelling of the vía
  ['Cll 35 10 43', 'CL 35 10 43', 'completa', null],
  ['CALLE 35 N° 10-43', 'CL 35 10 43', 'completa', null],
  ['calle 35 nro 10-43', 'CL 35 10 43', 'completa', null],
  ['Kr 50 # 24-20', 'KR 50 24 20', 'completa', null],
  ['Kra 50 No. 24 - 20', 'KR 50 24 20', 'completa', null],
  ['Cr 50 #24-20', 'KR 50 24 20', 'completa', null],
  ['K 50 24 20', 'KR 50 24 20', 'completa', null],
  ['Carrera 50 # 24 – 20', 'KR 50 24 20', 'completa', null],
  ['CRA50 #24-20', 'KR 50 24 20', 'completa', null],
  ['Av Calle 26 # 68-35', 'AC 26 68 35', 'completa', null],
  ['Avenida Carrera 30 # 45-03', 'AK 30 45 3', 'completa', null],
  ['Av. 15 # 100-20', 'AV 15 100 20', 'completa', null],
  ['Tv 93 # 45-12', 'TV 93 45 12', 'completa', null],
  ['Transversal 93 # 45-12', 'TV 93 45 12', 'completa', null],
  ['Trans. 93 No 45-12', 'TV 93 45 12', 'completa', null],
  ['Dg 14A # 20-30', 'DG 14A 20 30', 'completa', null],
  ['Diag. 14 A # 20-30', 'DG 14A 20 30', 'completa', null],
  ['Circular 5 # 66-30', 'CQ 5 66 30', 'completa', null],
  ['Autopista 45 # 10-20', 'AU 45 10 20', 'completa', null],
  ['Dirección: Calle 45 # 23-12', 'CL 45 23 12', 'completa', null],
  // Complements kept apart
  ['Calle 45 N° 23-12 local 3', 'CL 45 23 12', 'completa', 'LC 3'],
  ['Cra 33 # 48-21 Int 2 Piso 3', 'KR 33 48 21', 'completa', 'IN 2 PI 3'],
  ['Calle 105 # 22-15 Bloque 4 Apto 301', 'CL 105 22 15', 'completa', 'BQ 4 AP 301'],
  ['Calle 105 # 22-15 Casa 12 Manzana B Etapa 2', 'CL 105 22 15', 'completa', 'CS 12 MZ B ET 2'],
  ['Cra 27 # 36-14 Oficina 702 Edificio Colseguros', 'KR 27 36 14', 'completa', 'OF 702 ED COLSEGUROS'],
  // Quadrant after the placa
  ['Calle 12 # 5-30 Este', 'CL 12 5 30 ESTE', 'completa', null],
  // Intersections
  ['Calle 19 con Carrera 10', 'CL 19 KR 10', 'interseccion', null],
  ['Cl 19 & Kr 10', 'CL 19 KR 10', 'interseccion', null],
  ['Calle 45 # 23', 'CL 45 23', 'interseccion', null],
  // Street only, rural, not an address
  ['Calle 35', 'CL 35', 'solo_via', null],
  ['Vereda El Pedregal, Finca La Esperanza', null, 'rural', 'VEREDA EL PEDREGAL FINCA LA ESPERANZA'],
  ['Km 5 Vía Bucaramanga–Girón', null, 'rural', 'KM 5 VIA BUCARAMANGA - GIRON'],
  ['', null, 'no_es_direccion', null],
  ['   ', null, 'no_es_direccion', null],
  ['hola mundo', null, 'no_es_direccion', null],
  ["'; DROP TABLE predio; --", null, 'no_es_direccion', null],
  ['🏠🏠🏠', null, 'no_es_direccion', null],
  ['Calle sin número', null, 'no_es_direccion', null],
];

describe('parseAddress', () => {
  it.each(CASES)('%s → %s (%s)', (typed, canonical, status, complement) => {
    const parsed = parseAddress(typed);
    expect(parsed.canonical).toBe(canonical);
    expect(parsed.status).toBe(status);
    expect(parsed.complement).toBe(complement);
  });

  it('keeps the barrio named in the text apart', () => {
    expect(parseAddress('Calle 56 & Diag. 14A, barrio La Victoria').components.barrio).toBe('LA VICTORIA');
  });

  it('gives two spellings of one place the same key', () => {
    const spellings = ['Cl 35 No 10-43', 'CALLE 35 # 10 - 43', 'cll. 35 n° 10-43 apto 201', 'Calle 35 10 43'];
    expect(new Set(spellings.map((text) => parseAddress(text).canonical))).toEqual(new Set(['CL 35 10 43']));
  });

  it('survives a 10,000-character string and never throws', () => {
    expect(parseAddress(`Calle 35 # 10-43 ${'x'.repeat(10_000)}`).status).toBe('completa');
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const parsed = parseAddress(text);
        expect(['completa', 'interseccion', 'solo_via', 'rural', 'no_es_direccion']).toContain(parsed.status);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads the road of the libpostal Colombian cases', () => {
    const file = path.resolve(
      import.meta.dirname,
      '../../../../../shared/data/addresses/libpostal_parser_cases_co.json',
    );
    const { cases } = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      cases: { input: string; expected_components: [string, string][] }[];
    };
    const withRoad = cases.filter((item) => item.expected_components.some(([label]) => label === 'road'));
    expect(withRoad.length).toBeGreaterThan(0);
    for (const item of withRoad) {
      const parsed = parseAddress(item.input);
      expect(parsed.status).toBe('completa');
      expect(parsed.canonical).toBe('KR 18 63 64');
    }
  });
});

// ───────── Property: formatting a parsed address and parsing it again keeps its key ─────────

const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'];
const streetNumber: fc.Arbitrary<StreetNumber> = fc.record({
  number: fc.integer({ min: 1, max: 199 }),
  letter: fc.option(fc.constantFrom(...LETTERS), { nil: null }),
  bis: fc.boolean(),
  bisLetter: fc.constant(null),
  quadrant: fc.option(fc.constantFrom(...QUADRANTS), { nil: null }),
});
const viaType = fc.constantFrom(...(Object.keys(VIA_TYPES) as ViaType[]));

const complete: fc.Arbitrary<AddressComponents> = fc.record({
  via: fc.tuple(viaType, streetNumber).map(([type, number]) => ({ type, ...number })),
  cross: streetNumber.map((number) => ({ type: null, ...number })),
  placa: fc.integer({ min: 1, max: 250 }),
  placaQuadrant: fc.constant(null),
  barrio: fc.constant(null),
});

describe('canonical form', () => {
  it('formatting parsed components and parsing them again gives the same key', () => {
    fc.assert(
      fc.property(complete, (components) => {
        const text = formatAddress(components)!;
        const again = parseAddress(text);
        expect(again.status).toBe('completa');
        expect(again.canonical).toBe(canonicalOf(components));
        expect(parseAddress(again.canonical!).canonical).toBe(again.canonical);
      }),
      { numRuns: 1000 },
    );
  });
});
