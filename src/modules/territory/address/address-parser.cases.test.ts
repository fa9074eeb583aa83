import { describe, expect, it } from 'vitest';
import { type AddressStatus, parseAddress, type ViaType } from './address-parser.ts';

// Table-driven coverage of issue 5's grammar (public-services.md §6): every vía spelling, separator,
// letter/Bis/quadrant form, corners, complements, rural forms and text that is not an address.
// Each row: [as typed, canonical key, status, complement, barrio?] — the barrio column is checked when given.
type Case = [string, string | null, AddressStatus, string | null, (string | null)?];

function check([typed, canonical, status, complement, barrio]: Case) {
  const parsed = parseAddress(typed);
  expect({ canonical: parsed.canonical, status: parsed.status, complement: parsed.complement }).toEqual({
    canonical,
    status,
    complement,
  });
  if (barrio !== undefined) expect(parsed.components.barrio).toBe(barrio);
}

// ───────── Vía types: every abbreviation and the misspellings people type ─────────

const VIA_SPELLINGS: Record<ViaType, string[]> = {
  CL: [
    'Calle',
    'calle',
    'CALLE',
    'Cl',
    'Cl.',
    'CL',
    'Cll',
    'cll.',
    'Cle',
    'Clle',
    'Call',
    'Cal',
    'Ca',
    'Calle.',
    'Cálle',
  ],
  KR: [
    'Carrera',
    'carrera',
    'Cra',
    'Cra.',
    'CRA',
    'Kr',
    'Kr.',
    'Kra',
    'KRA.',
    'Cr',
    'Crr',
    'Crra',
    'Carr',
    'Carerra',
    'Carrerra',
    'Carera',
    'K',
    'K.',
  ],
  AV: ['Avenida', 'avenida', 'Av', 'Av.', 'AV', 'Avda', 'Avda.', 'Ave', 'Avd'],
  AC: [
    'Avenida Calle',
    'AC',
    'Ac',
    'Av Cl',
    'Av. Calle',
    'Av Calle',
    'Avda Calle',
    'Av Cll',
    'Av. Cl.',
    'AVENIDA CALLE',
  ],
  AK: [
    'Avenida Carrera',
    'AK',
    'Ak',
    'Av Cra',
    'Av. Carrera',
    'Av Kr',
    'Avda Cra',
    'Av. K',
    'Av Carrera',
    'Avenida Kra',
  ],
  TV: [
    'Transversal',
    'transversal',
    'Tv',
    'Tv.',
    'Tr',
    'Trans',
    'Trans.',
    'Transv',
    'Transv.',
    'Trv',
    'Tranversal',
  ],
  DG: ['Diagonal', 'diagonal', 'Dg', 'Dg.', 'Diag', 'Diag.', 'DIAGONAL', 'Dgl'],
  CQ: ['Circular', 'Cq', 'Cq.', 'Circ', 'Circ.'],
  CV: ['Circunvalar', 'CV', 'Cv.'],
  AU: ['Autopista', 'Aut', 'Autop', 'Autop.', 'AU'],
  BL: ['Bulevar', 'Boulevard', 'BL'],
  PJ: ['Pasaje', 'PJ'],
  PS: ['Paseo', 'PS'],
  PT: ['Peatonal', 'PT'],
  TC: ['Troncal', 'TC'],
  VT: ['Variante', 'VT'],
};

const viaCases: Case[] = Object.entries(VIA_SPELLINGS).flatMap(([type, spellings]) =>
  spellings.flatMap((spelling): Case[] => [
    [`${spelling} 35 # 10-43`, `${type} 35 10 43`, 'completa', null],
    [`${spelling} 27A No. 48 - 120 Apto 502`, `${type} 27A 48 120`, 'completa', 'AP 502'],
  ]),
);

describe('vía types and their spellings', () => {
  it.each(viaCases)('%s → %s', (...row) => check(row));

  it('covers every vía type the parser knows', () => {
    expect(new Set(viaCases.map(([, canonical]) => canonical!.split(' ')[0]))).toEqual(
      new Set(Object.keys(VIA_SPELLINGS)),
    );
  });
});

// ───────── Separators between the vía, the cross number and the placa ─────────

const SEPARATORS = [
  '#',
  '# ',
  'No',
  'No.',
  'NO.',
  'no',
  'N°',
  'Nº',
  'n°',
  'N.',
  'N',
  'Nro',
  'Nro.',
  'Num',
  'Número',
  '-',
  '',
];
const separatorCases: Case[] = [
  ...SEPARATORS.map((sign): Case => [`Calle 35 ${sign} 10-43`, 'CL 35 10 43', 'completa', null]),
  // Glued to the numbers
  ['Calle 35 #10-43', 'CL 35 10 43', 'completa', null],
  ['Calle 35#10-43', 'CL 35 10 43', 'completa', null],
  ['Calle 35 No10-43', 'CL 35 10 43', 'completa', null],
  ['Calle 35 No.10-43', 'CL 35 10 43', 'completa', null],
  ['Calle 35 N°10-43', 'CL 35 10 43', 'completa', null],
  ['Calle 35 Nro.10-43', 'CL 35 10 43', 'completa', null],
  ['Cll35N10-43', 'CL 35 10 43', 'completa', null],
  ['CL35#10-43', 'CL 35 10 43', 'completa', null],
  ['Cra.50#24-20', 'KR 50 24 20', 'completa', null],
  ['K50 # 24-20', 'KR 50 24 20', 'completa', null],
  ['Calle35 # 10-43', 'CL 35 10 43', 'completa', null],
  // Dashes and spaces around the placa
  ['Calle 35 # 10 - 43', 'CL 35 10 43', 'completa', null],
  ['Calle 35 # 10 – 43', 'CL 35 10 43', 'completa', null],
  ['Calle 35 # 10—43', 'CL 35 10 43', 'completa', null],
  ['Calle 35 # 10 43', 'CL 35 10 43', 'completa', null],
  ['Calle 35 10 43', 'CL 35 10 43', 'completa', null],
  ['Calle 35 # 10-043', 'CL 35 10 43', 'completa', null],
  ['Calle 05 # 03-01', 'CL 5 3 1', 'completa', null],
  ['  calle   35   #   10 -  43  ', 'CL 35 10 43', 'completa', null],
  ['CALLE 35 # 10-43\n', 'CL 35 10 43', 'completa', null],
  ['Calle\t35\t#\t10-43', 'CL 35 10 43', 'completa', null],
  ['Calle 35, # 10-43.', 'CL 35 10 43', 'completa', null],
  ['Calle 135 # 20-115', 'CL 135 20 115', 'completa', null],
  ['Carrera 33 # 105-04', 'KR 33 105 4', 'completa', null],
  ['Calle 5 # 3-1', 'CL 5 3 1', 'completa', null],
  ['Calle 35 # 10-4300', 'CL 35 10 4300', 'completa', null],
  // A label before the vía
  ['Dirección: Calle 35 # 10-43', 'CL 35 10 43', 'completa', null],
  ['Dir: Cl 35 # 10-43', 'CL 35 10 43', 'completa', null],
  ['Dirección de residencia Calle 35 # 10-43', 'CL 35 10 43', 'completa', null],
];

describe('separators', () => {
  it.each(separatorCases)('%s → %s', (...row) => check(row));
});

// ───────── Letters, Bis and quadrants, on the vía and on the cross number ─────────

const suffixCases: Case[] = [
  ['Calle 32B # 10-20', 'CL 32B 10 20', 'completa', null],
  ['Calle 32 B # 10-20', 'CL 32B 10 20', 'completa', null],
  ['calle 32b # 10-20', 'CL 32B 10 20', 'completa', null],
  ['Carrera 27A # 48-120', 'KR 27A 48 120', 'completa', null],
  ['Carrera 27 A # 48-120', 'KR 27A 48 120', 'completa', null],
  ['Diagonal 105C # 104-10', 'DG 105C 104 10', 'completa', null],
  // The §6 trap: "32B SUR" is letter B and quadrant SUR, never Bis
  ['Calle 32B SUR # 10-20', 'CL 32B SUR 10 20', 'completa', null],
  ['Calle 32 B Sur # 10-20', 'CL 32B SUR 10 20', 'completa', null],
  ['Calle 32BSUR # 10-20', 'CL 32B SUR 10 20', 'completa', null],
  ['CL 32 B SUR 10 20', 'CL 32B SUR 10 20', 'completa', null],
  // Bis with and without a letter
  ['Calle 32 Bis # 10-20', 'CL 32 BIS 10 20', 'completa', null],
  ['Calle 32Bis # 10-20', 'CL 32 BIS 10 20', 'completa', null],
  ['Calle 32 bis # 10-20', 'CL 32 BIS 10 20', 'completa', null],
  ['Calle 32 Bis B # 10-20', 'CL 32 BIS B 10 20', 'completa', null],
  ['Calle 32BisB # 10-20', 'CL 32 BIS B 10 20', 'completa', null],
  ['Calle 32 B Bis # 10-20', 'CL 32B BIS 10 20', 'completa', null],
  ['Calle 32BBis # 10-20', 'CL 32B BIS 10 20', 'completa', null],
  ['Calle 32B Bis C # 10-20', 'CL 32B BIS C 10 20', 'completa', null],
  ['Cl 8BBISC # 10-20', 'CL 8B BIS C 10 20', 'completa', null],
  ['Calle 32B Bis C Sur # 10-20', 'CL 32B BIS C SUR 10 20', 'completa', null],
  ['Calle 9 Bis Sur # 8B-20', 'CL 9 BIS SUR 8B 20', 'completa', null],
  ['Calle 9 Bis A Sur # 8B Bis-20', 'CL 9 BIS A SUR 8B BIS 20', 'completa', null],
  // Quadrants
  ['Calle 12 Sur # 5-30', 'CL 12 SUR 5 30', 'completa', null],
  ['Calle 12 sur # 5-30', 'CL 12 SUR 5 30', 'completa', null],
  ['Calle 12SUR # 5-30', 'CL 12 SUR 5 30', 'completa', null],
  ['Calle 12 S # 5-30', 'CL 12 SUR 5 30', 'completa', null],
  ['Calle 12S # 5-30', 'CL 12 SUR 5 30', 'completa', null],
  ['Carrera 10 Este # 32-10', 'KR 10 ESTE 32 10', 'completa', null],
  ['Carrera 10 este # 32-10', 'KR 10 ESTE 32 10', 'completa', null],
  ['Calle 10 Norte # 5-20', 'CL 10 NORTE 5 20', 'completa', null],
  ['Calle 10N # 5-20', 'CL 10 NORTE 5 20', 'completa', null],
  ['Calle 10 N # 5-20', 'CL 10 NORTE 5 20', 'completa', null],
  ['Calle 10 Oeste # 5-20', 'CL 10 OESTE 5 20', 'completa', null],
  ['Calle 12 # 5-30 Este', 'CL 12 5 30 ESTE', 'completa', null],
  ['Calle 12 # 5-30 Sur', 'CL 12 5 30 SUR', 'completa', null],
  ['Calle 12 # 5 - 30 SUR', 'CL 12 5 30 SUR', 'completa', null],
  // "N 10": a number sign, not Norte, when a number follows
  ['Calle 35 N 10-43', 'CL 35 10 43', 'completa', null],
  // The cross number carries the same parts
  ['Calle 35 # 10A-43', 'CL 35 10A 43', 'completa', null],
  ['Calle 35 # 10 A-43', 'CL 35 10A 43', 'completa', null],
  ['Calle 35 #10 A - 43', 'CL 35 10A 43', 'completa', null],
  ['Calle 35 # 10 Bis-43', 'CL 35 10 BIS 43', 'completa', null],
  ['Calle 35 # 10Bis-43', 'CL 35 10 BIS 43', 'completa', null],
  ['Calle 35 # 10 A Bis - 43', 'CL 35 10A BIS 43', 'completa', null],
  ['Calle 9 # 8 Bis B - 20', 'CL 9 8 BIS B 20', 'completa', null],
  ['Calle 35 # 10 Sur - 43', 'CL 35 10 SUR 43', 'completa', null],
  ['Cl 10 # 23CN-81', 'CL 10 23C NORTE 81', 'completa', null],
  ['Dg 105 # 104 E - 10', 'DG 105 104E 10', 'completa', null],
  ['Carrera 8B Bis Este # 9 Bis Sur - 20', 'KR 8B BIS ESTE 9 BIS SUR 20', 'completa', null],
  // A placa's own letter does not change the key
  ['Calle 35 # 10-43A', 'CL 35 10 43', 'completa', null],
  ['Calle 35 # 10-43 A', 'CL 35 10 43', 'completa', null],
];

describe('letters, Bis and quadrants', () => {
  it.each(suffixCases)('%s → %s', (...row) => check(row));
});

// ───────── Corners: "con", "y", "&", "x", "esquina", or "#" followed by a vía ─────────

const cornerCases: Case[] = [
  ['Calle 19 con Carrera 10', 'CL 19 KR 10', 'interseccion', null],
  ['Carrera 10 con Calle 19', 'CL 19 KR 10', 'interseccion', null],
  ['calle 19 CON carrera 10', 'CL 19 KR 10', 'interseccion', null],
  ['Cl 19 & Kr 10', 'CL 19 KR 10', 'interseccion', null],
  ['Cra 10 & Cl 19', 'CL 19 KR 10', 'interseccion', null],
  ['Calle 19 y Carrera 10', 'CL 19 KR 10', 'interseccion', null],
  ['Kr 10 y Cl 19', 'CL 19 KR 10', 'interseccion', null],
  ['Calle 19 x Carrera 10', 'CL 19 KR 10', 'interseccion', null],
  ['Calle 19 esquina Carrera 10', 'CL 19 KR 10', 'interseccion', null],
  ['Calle 19 Esq. Cra 10', 'CL 19 KR 10', 'interseccion', null],
  ['CL. 19 # CRA. 10', 'CL 19 KR 10', 'interseccion', null],
  ['Calle 19 # Carrera 10', 'CL 19 KR 10', 'interseccion', null],
  ['Calle 19 Carrera 10', 'CL 19 KR 10', 'interseccion', null],
  ['Calle 56 & Diag. 14A', 'CL 56 DG 14A', 'interseccion', null],
  ['Diagonal 14A con Calle 56', 'CL 56 DG 14A', 'interseccion', null],
  ['Transversal 93 con Calle 45', 'CL 45 TV 93', 'interseccion', null],
  ['Av Calle 26 con Av Carrera 30', 'AC 26 AK 30', 'interseccion', null],
  ['Avenida Carrera 30 y Avenida Calle 26', 'AC 26 AK 30', 'interseccion', null],
  ['Calle 9 Bis Sur con Carrera 8B Bis Este', 'CL 9 BIS SUR KR 8B BIS ESTE', 'interseccion', null],
  ['Carrera 8B Bis Este con Calle 9 Bis Sur', 'CL 9 BIS SUR KR 8B BIS ESTE', 'interseccion', null],
  ['Calle 32B Sur con Carrera 10A', 'CL 32B SUR KR 10A', 'interseccion', null],
  ['Circular 5 con Diagonal 20', 'CQ 5 DG 20', 'interseccion', null],
  // Without the cross street's type the key keeps the order written
  ['Calle 45 # 23', 'CL 45 23', 'interseccion', null],
  ['Calle 19 con 10', 'CL 19 10', 'interseccion', null],
  ['Calle 19 & 10A', 'CL 19 10A', 'interseccion', null],
  ['Calle 56 & Diag. 14A, barrio La Victoria', 'CL 56 DG 14A', 'interseccion', null, 'LA VICTORIA'],
];

describe('corners', () => {
  it.each(cornerCases)('%s → %s', (...row) => check(row));
});

// ───────── Complements: kept apart from the key, normalised to their abbreviations ─────────

const COMPLEMENT_SPELLINGS: [string[], string][] = [
  [
    ['Apto 502', 'Apto. 502', 'apto 502', 'Apt 502', 'Ap 502', 'Apartamento 502', 'APTO502', 'Aptos 502'],
    'AP 502',
  ],
  [['Int 2', 'Int. 2', 'Interior 2', 'IN 2', 'int 2'], 'IN 2'],
  [['Torre 2', 'Torre. 2', 'To 2', 'TORRE 2'], 'TO 2'],
  [['Bloque 4', 'Bq 4', 'Blq 4', 'Bl 4', 'BLOQUE 4'], 'BQ 4'],
  [['Casa 12', 'Cs 12', 'casa 12', 'CASA12'], 'CS 12'],
  [['Local 3', 'Lc 3', 'Loc 3', 'Loc. 3', 'LOCAL 3'], 'LC 3'],
  [['Oficina 702', 'Of 702', 'Of. 702', 'Ofc 702', 'Ofi 702', 'Ofic 702'], 'OF 702'],
  [['Piso 3', 'Pi 3', 'piso 3'], 'PI 3'],
  [['Manzana B', 'Mz B', 'Mza B', 'Mz. B', 'MANZANA B'], 'MZ B'],
  [['Etapa 2', 'Et 2', 'etapa 2'], 'ET 2'],
  [['Conjunto Los Pinos', 'Conj. Los Pinos', 'Conj Los Pinos'], 'CO LOS PINOS'],
  [['Edificio Colseguros', 'Ed. Colseguros', 'Edif Colseguros', 'Edificio COLSEGUROS'], 'ED COLSEGUROS'],
  [['Lote 7', 'Lt 7'], 'LT 7'],
  [['Bodega 2', 'Bg 2'], 'BG 2'],
  [['Urbanización La Flora', 'Urb. La Flora', 'Urb La Flora'], 'UR LA FLORA'],
  [['Sector 3'], 'SC 3'],
  [['Consultorio 204'], 'CN 204'],
  [['Garaje 12'], 'GA 12'],
  [['Sótano 1'], 'SO 1'],
  [['Parqueadero 40'], 'PA 40'],
  [['Unidad 5'], 'UN 5'],
];

const complementCases: Case[] = [
  ...COMPLEMENT_SPELLINGS.flatMap(([spellings, normalised]) =>
    spellings.map(
      (spelling): Case => [`Calle 45 # 23-12 ${spelling}`, 'CL 45 23 12', 'completa', normalised],
    ),
  ),
  ['Cl 35 No 10-43 Apto 502 Torre 2', 'CL 35 10 43', 'completa', 'AP 502 TO 2'],
  ['Cra 33 # 48-21 Int 2 Piso 3', 'KR 33 48 21', 'completa', 'IN 2 PI 3'],
  ['Cra 33 # 48-21 - Int 2', 'KR 33 48 21', 'completa', 'IN 2'],
  ['Calle 105 # 22-15 Bloque 4 Apto 301', 'CL 105 22 15', 'completa', 'BQ 4 AP 301'],
  ['Calle 105 # 22-15 Casa 12 Manzana B Etapa 2', 'CL 105 22 15', 'completa', 'CS 12 MZ B ET 2'],
  ['Calle 45 # 23-12 Etapa II Manzana C Casa 4', 'CL 45 23 12', 'completa', 'ET II MZ C CS 4'],
  ['Calle 45 # 23-12 Mz 4 Casa 12', 'CL 45 23 12', 'completa', 'MZ 4 CS 12'],
  [
    'Calle 45 # 23-12 Torre 3 Apto 1204 Conjunto Los Pinos',
    'CL 45 23 12',
    'completa',
    'TO 3 AP 1204 CO LOS PINOS',
  ],
  ['Cra 27 # 36-14 Oficina 702 Edificio Colseguros', 'KR 27 36 14', 'completa', 'OF 702 ED COLSEGUROS'],
  ['Calle 45 # 23-12 Local 101-102', 'CL 45 23 12', 'completa', 'LC 101 102'],
  ['Calle 45 # 23-12, Apto 502', 'CL 45 23 12', 'completa', 'AP 502'],
  ['Calle 9 Bis Sur # 8B-20 Apto 301', 'CL 9 BIS SUR 8B 20', 'completa', 'AP 301'],
  ['Calle 12 # 5-30 Este Local 2', 'CL 12 5 30 ESTE', 'completa', 'LC 2'],
  ['Calle 32B Sur # 10-20 Casa 4', 'CL 32B SUR 10 20', 'completa', 'CS 4'],
  // The barrio goes to its own component, not to the complement
  ['Cra 27 # 36-14 Barrio San Alonso', 'KR 27 36 14', 'completa', null, 'SAN ALONSO'],
  ['Cra 27 # 36-14 barrio San Alonso', 'KR 27 36 14', 'completa', null, 'SAN ALONSO'],
  ['Cra 27 # 36-14 Brr San Alonso', 'KR 27 36 14', 'completa', null, 'SAN ALONSO'],
  ['Cra 27 # 36-14 Br. San Alonso', 'KR 27 36 14', 'completa', null, 'SAN ALONSO'],
  ['Cra 27 # 36-14 B/ San Alonso', 'KR 27 36 14', 'completa', null, 'SAN ALONSO'],
  ['Cra 27 # 36-14 B/San Alonso', 'KR 27 36 14', 'completa', null, 'SAN ALONSO'],
  ['Cra 27 # 36-14 Bº San Alonso', 'KR 27 36 14', 'completa', null, 'SAN ALONSO'],
  ['Calle 45 # 23-12 Barrio La Victoria Apto 201', 'CL 45 23 12', 'completa', 'AP 201', 'LA VICTORIA'],
  ['Calle 45 # 23-12 Apto 201 Barrio La Victoria', 'CL 45 23 12', 'completa', 'AP 201', 'LA VICTORIA'],
  // A name after the placa with no marker stays in the complement (the gazetteer reads it)
  ['Cra 27 # 36-14 San Alonso', 'KR 27 36 14', 'completa', 'SAN ALONSO', null],
  // Cadastre R1 style (IGAC abbreviations, no signs)
  ['C 36 17 37 OF 201 ED CHILE BR CENT', 'CL 36 17 37', 'completa', 'OF 201 ED CHILE', 'CENT'],
  ['CL 36 17 37 OFC 202', 'CL 36 17 37', 'completa', 'OF 202'],
  ['C 36 17 37 APT 701 ED CHILE BR CEN', 'CL 36 17 37', 'completa', 'AP 701 ED CHILE', 'CEN'],
  ['K 15B 6 15 BR CHAPINERO', 'KR 15B 6 15', 'completa', null, 'CHAPINERO'],
];

describe('complements', () => {
  it.each(complementCases)('%s → %s', (...row) => check(row));
});

// ───────── Street only, rural forms ─────────

const partialCases: Case[] = [
  ['Calle 35', 'CL 35', 'solo_via', null],
  ['Carrera 27A', 'KR 27A', 'solo_via', null],
  ['Calle 12 Sur', 'CL 12 SUR', 'solo_via', null],
  ['Calle 9 Bis', 'CL 9 BIS', 'solo_via', null],
  ['Diagonal 14A Bis B', 'DG 14A BIS B', 'solo_via', null],
  ['Vereda El Pedregal, Finca La Esperanza', null, 'rural', 'VEREDA EL PEDREGAL FINCA LA ESPERANZA'],
  ['Vereda Vijagual', null, 'rural', 'VEREDA VIJAGUAL'],
  ['Vda. Vijagual', null, 'rural', 'VDA VIJAGUAL'],
  ['vereda la malaña', null, 'rural', 'VEREDA LA MALANA'],
  ['Finca El Porvenir', null, 'rural', 'FINCA EL PORVENIR'],
  ['Finca La Esperanza, Vereda Los Santos', null, 'rural', 'FINCA LA ESPERANZA VEREDA LOS SANTOS'],
  ['Hacienda El Rosario', null, 'rural', 'HACIENDA EL ROSARIO'],
  ['Parcela 5 Vereda Magueyes', null, 'rural', 'PARCELA 5 VEREDA MAGUEYES'],
  ['Predio El Recreo', null, 'rural', 'PREDIO EL RECREO'],
  ['Corregimiento 1', null, 'rural', 'CORREGIMIENTO 1'],
  ['Km 5 Vía Bucaramanga–Girón', null, 'rural', 'KM 5 VIA BUCARAMANGA - GIRON'],
  ['Km 5', null, 'rural', 'KM 5'],
  ['km 5 via Giron', null, 'rural', 'KM 5 VIA GIRON'],
  ['Km. 2 Anillo Vial', null, 'rural', 'KM 2 ANILLO VIAL'],
  ['Kilómetro 7 Vía Piedecuesta', null, 'rural', 'KILOMETRO 7 VIA PIEDECUESTA'],
  ['Kilometro 2 Anillo Vial', null, 'rural', 'KILOMETRO 2 ANILLO VIAL'],
  ['Vía Girón Km 5 Finca La Esperanza', null, 'rural', 'VIA GIRON KM 5 FINCA LA ESPERANZA'],
  ['Autopista Bucaramanga - Floridablanca Km 4', null, 'rural', 'AUTOPISTA BUCARAMANGA - FLORIDABLANCA KM 4'],
];

describe('street only and rural', () => {
  it.each(partialCases)('%s → %s (%s)', (...row) => check(row));
});

// ───────── Not addresses: never a throw, always 'no_es_direccion' ─────────

const NOT_ADDRESSES = [
  '',
  ' ',
  '   \t\n ',
  '🏠',
  '🏠🏠🏠 📍',
  '👍 Calle',
  "'; DROP TABLE x; --",
  "'; DROP TABLE predio; --",
  '1; DELETE FROM direcciones WHERE 1=1',
  "' OR '1'='1",
  'SELECT * FROM direcciones',
  '<script>alert(1)</script>',
  '{"direccion": null}',
  '3001234567',
  '+57 300 123 4567',
  '(607) 634 5000',
  '607-6345000',
  'Tel: 6345000',
  'Cel 300 123 4567 ext 12',
  'juan.perez@gmail.com',
  'calle35@correo.co',
  'contacto@bucaramanga.gov.co',
  'Bucaramanga',
  'Floridablanca',
  'Girón',
  'Piedecuesta',
  'Floridablanca, Santander',
  'Bogotá',
  'Bogotá Colombia',
  'Bogota CO',
  'Medellín',
  'Cali',
  'Cartagena de Indias',
  'Colombia',
  'N/A',
  'sin dirección',
  'no tiene',
  'NULL',
  'undefined',
  'NaN',
  '0',
  '123',
  '-',
  '#',
  '???',
  '10-43',
  '# 10-43',
  '2024-05-01',
  '$ 1.500.000',
  '900.123.456-7',
  'Calle',
  'Calle sin número',
  'Carrera',
  'Transversal Oriental',
  'hola mundo',
  'x'.repeat(10_000),
  'calle '.repeat(2_000),
  '9'.repeat(10_000),
  '#-'.repeat(5_000),
  '🏠'.repeat(5_000),
];

describe('text that is not an address', () => {
  it.each(
    NOT_ADDRESSES.map((text) => [text.length > 60 ? `${text.slice(0, 20)}… (${text.length})` : text, text]),
  )('%j', (_label, text) => {
    expect(() => parseAddress(text)).not.toThrow();
    check([text, null, 'no_es_direccion', null]);
  });

  it('does not throw on values that are not strings', () => {
    for (const value of [null, undefined, 42, {}, [], Symbol.iterator]) {
      expect(parseAddress(value as unknown as string).status).toBe('no_es_direccion');
    }
  });

  it('reads an address at the start of a 10,000-character text', () => {
    check([`Calle 35 # 10-43 ${' '.repeat(10_000)}`, 'CL 35 10 43', 'completa', null]);
  });
});

// ───────── Two spellings of one place share the canonical key ─────────

const SAME_PLACE: string[][] = [
  [
    'Calle 35 # 10-43',
    'Cl 35 No 10-43',
    'CLL 35 N° 10 - 43',
    'cll. 35 nro. 10-43 apto 201',
    'Calle 35 10 43',
  ],
  [
    'Carrera 27A # 48-120',
    'Kra 27 A No. 48 - 120',
    'KR 27A 48 120',
    'cra27a#48-120',
    'Carerra 27a nº 48-120 Torre 2',
  ],
  ['Calle 32B Sur # 10-20', 'Cl 32 B SUR No 10-20', 'CL 32BSUR 10 20', 'calle 32 b sur #10 - 20 casa 4'],
  ['Calle 9 Bis Sur # 8B-20', 'Cl 9BIS S # 8 B - 20', 'CALLE 9 BIS SUR NO. 8B-20'],
  ['Avenida Calle 26 # 68-35', 'Av Cl 26 # 68-35', 'AC 26 68 35', 'Av. Calle 26 No. 68 - 35'],
  ['Avenida Carrera 30 # 45-03', 'AK 30 # 45-3', 'Av Cra 30 No 45 - 03'],
  ['Transversal 93 # 45-12', 'Tv 93 # 45-12', 'Tr 93 No 45-12', 'Transv. 93 # 45 - 12'],
  ['Diagonal 14A # 20-30', 'Dg 14 A # 20-30', 'Diag. 14A No. 20-30'],
  [
    'Calle 19 con Carrera 10',
    'Carrera 10 con Calle 19',
    'Cl 19 & Kr 10',
    'Kr 10 y Cl 19',
    'CL. 19 # CRA. 10',
  ],
  ['Calle 10 Norte # 5-20', 'Calle 10N # 5-20', 'Cl 10 N # 5 - 20'],
  ['C 36 17 37 OF 201 ED CHILE BR CENT', 'CL 36 17 37 OFC 202', 'Calle 36 # 17-37 Oficina 203'],
];

describe('one place, one key', () => {
  it.each(SAME_PLACE.map((spellings) => [spellings[0]!, spellings]))('%s', (_first, spellings) => {
    const keys = new Set(spellings.map((text) => parseAddress(text).canonical));
    expect(keys.size).toBe(1);
    expect([...keys][0]).not.toBeNull();
  });

  it('keeps different places apart', () => {
    const places = [
      'Calle 32B Sur # 10-20',
      'Calle 32 Bis Sur # 10-20',
      'Calle 32 Bis B # 10-20',
      'Calle 32B # 10-20',
      'Calle 32 # 10-20',
      'Calle 32 # 10-20 Sur',
      'Carrera 32 # 10-20',
      'Calle 32 # 10A-20',
      'Calle 32 # 10-21',
    ];
    expect(new Set(places.map((text) => parseAddress(text).canonical)).size).toBe(places.length);
  });
});

it('covers at least 300 cases', () => {
  const total =
    viaCases.length +
    separatorCases.length +
    suffixCases.length +
    cornerCases.length +
    complementCases.length +
    partialCases.length +
    NOT_ADDRESSES.length +
    SAME_PLACE.flat().length;
  expect(total).toBeGreaterThanOrEqual(300);
});
