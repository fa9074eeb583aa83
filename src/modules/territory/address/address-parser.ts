/**
 * Colombian urban grid addresses (public-services.md §6): `<vía> <número>[letra][BIS[letra]][cuadrante]
 * # <número cruce>[letra][BIS[letra]] - <placa> [cuadrante] [complementos]`, typed by people with every
 * abbreviation and separator in use. Pure: text in, components + one canonical key out.
 */

export const VIA_TYPES = {
  CL: 'Calle',
  KR: 'Carrera',
  AV: 'Avenida',
  AC: 'Avenida Calle',
  AK: 'Avenida Carrera',
  TV: 'Transversal',
  DG: 'Diagonal',
  CQ: 'Circular',
  CV: 'Circunvalar',
  AU: 'Autopista',
  BL: 'Bulevar',
  PJ: 'Pasaje',
  PS: 'Paseo',
  PT: 'Peatonal',
  TC: 'Troncal',
  VT: 'Variante',
} as const;
export type ViaType = keyof typeof VIA_TYPES;

export const QUADRANTS = ['SUR', 'ESTE', 'NORTE', 'OESTE'] as const;
export type Quadrant = (typeof QUADRANTS)[number];

export type AddressStatus = 'completa' | 'interseccion' | 'solo_via' | 'rural' | 'no_es_direccion';

export interface StreetNumber {
  number: number;
  letter: string | null;
  bis: boolean;
  bisLetter: string | null;
  quadrant: Quadrant | null;
}

export interface AddressComponents {
  via: ({ type: ViaType } & StreetNumber) | null;
  cross: ({ type: ViaType | null } & StreetNumber) | null;
  placa: number | null;
  placaQuadrant: Quadrant | null;
  barrio: string | null;
}

export interface ParsedAddress {
  input: string;
  canonical: string | null;
  status: AddressStatus;
  components: AddressComponents;
  /** Apartment, tower, local… normalised to their abbreviations (AP 502 TR 2), kept apart from the key. */
  complement: string | null;
}

// Every spelling people use, after accents are removed and the text is upper-cased.
const VIA_WORDS: Record<string, ViaType> = {};
const addVia = (type: ViaType, words: string[]) => {
  for (const word of words) VIA_WORDS[word] = type;
};
addVia('CL', ['CL', 'CLL', 'CALL', 'CALLE', 'CA', 'CLLE', 'CAL', 'CLE', 'CALE', 'CALLLE', 'CAALLE']);
addVia('KR', [
  'KR',
  'CR',
  'CRA',
  'KRA',
  'CARR',
  'CARRERA',
  'K',
  'KRR',
  'CARERA',
  'CRR',
  'CAR',
  'CRRA',
  'CARERRA',
  'CARRERRA',
  'CARRRERA',
  'CARREA',
  'CARRERAS',
]);
addVia('AV', ['AV', 'AVE', 'AVDA', 'AVENIDA', 'AVD', 'AVN', 'AVEN', 'AVENIDAD', 'AVNDA']);
addVia('AC', ['AC']);
addVia('AK', ['AK']);
addVia('TV', [
  'TV',
  'TR',
  'TRANSV',
  'TRANS',
  'TRANSVERSAL',
  'TRV',
  'TRANSVERSA',
  'TRANVERSAL',
  'TRASVERSAL',
  'TRASV',
  'TRANV',
]);
addVia('DG', ['DG', 'DIAG', 'DIAGONAL', 'DIG', 'DGNAL', 'DIAGNAL', 'DGL']);
addVia('CQ', ['CQ', 'CIRC', 'CIRCULAR', 'CIR']);
addVia('CV', ['CV', 'CIRCUNVALAR', 'CIRCUNV', 'CIRCUNVALACION']);
addVia('AU', ['AU', 'AUTOPISTA', 'AUT', 'AUTOP']);
addVia('BL', ['BL', 'BULEVAR', 'BOULEVARD']);
addVia('PJ', ['PJ', 'PASAJE']);
addVia('PS', ['PS', 'PASEO']);
addVia('PT', ['PT', 'PEATONAL']);
addVia('TC', ['TC', 'TRONCAL']);
addVia('VT', ['VT', 'VARIANTE']);

const COMPLEMENT_WORDS: Record<string, string> = {
  APTO: 'AP',
  APT: 'AP',
  AP: 'AP',
  APARTAMENTO: 'AP',
  APTOS: 'AP',
  INT: 'IN',
  IN: 'IN',
  INTERIOR: 'IN',
  TORRE: 'TO',
  TO: 'TO',
  TR: 'TO',
  TORR: 'TO',
  BLOQUE: 'BQ',
  BQ: 'BQ',
  BL: 'BQ',
  BLQ: 'BQ',
  CASA: 'CS',
  CS: 'CS',
  LOCAL: 'LC',
  LOCALES: 'LC',
  LC: 'LC',
  LOC: 'LC',
  OFICINA: 'OF',
  OF: 'OF',
  OFI: 'OF',
  OFC: 'OF',
  OFIC: 'OF',
  PISO: 'PI',
  PI: 'PI',
  MANZANA: 'MZ',
  MZ: 'MZ',
  MZA: 'MZ',
  ETAPA: 'ET',
  ET: 'ET',
  CONJUNTO: 'CO',
  CONJ: 'CO',
  CO: 'CO',
  EDIFICIO: 'ED',
  ED: 'ED',
  EDIF: 'ED',
  LOTE: 'LT',
  LT: 'LT',
  BODEGA: 'BG',
  BG: 'BG',
  URBANIZACION: 'UR',
  URB: 'UR',
  SECTOR: 'SC',
  CONSULTORIO: 'CN',
  GARAJE: 'GA',
  SOTANO: 'SO',
  PARQUEADERO: 'PA',
  UNIDAD: 'UN',
};

const RURAL_WORDS = new Set([
  'VEREDA',
  'VDA',
  'VRD',
  'FINCA',
  'KM',
  'KILOMETRO',
  'KILOMETROS',
  'CORREGIMIENTO',
  'PREDIO',
  'HACIENDA',
  'PARCELA',
]);
/** "Vereda El Pedregal", "Km 5 …": a rural word followed by a name or a number, not SQL ending in "predio;". */
function looksRural(tokens: string[]): boolean {
  return tokens.some((token, index) => RURAL_WORDS.has(token) && /^[A-Z0-9]/.test(tokens[index + 1] ?? ''));
}

const NUMBER_SIGNS = new Set(['#', 'NO', 'NRO', 'NUM', 'NUMERO', 'N', '-']);
const CROSSING_SIGNS = new Set(['&', 'CON', 'Y', 'X', 'ESQUINA', 'ESQ', 'CRUCE']);
/** "C 36 17 37" (cadastre R1 style): a lone C is Calle only where the vía opens, elsewhere it is a letter. */
const MAIN_VIA_ONLY: Record<string, ViaType> = { C: 'CL' };
const mainViaWord = (token: string): ViaType | undefined => VIA_WORDS[token] ?? MAIN_VIA_ONLY[token];
const MAX_INPUT = 300;

const BARRIO_SIGN = /\bB\s*[/°º]/g;

/** Upper-case, without accents, separators spaced out so that tokens are words, numbers and signs. */
export function tokenize(input: string): string[] {
  const text = input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    // "N°", "No.", "N. 10", "No10", "Nro.10", and "35N10" glued between numbers: one pass, it runs on every row.
    .replace(/N\s*[°º]\s*|\b(?:NO|NRO|NUM|NUMERO|N)\s*\.\s*|\b(?:NO|NRO|NUM)(?=\d)|(?<=\d)N(?=\d)/g, ' # ')
    // "B/ La Victoria", "Bº La Victoria": the slash or ordinal sign marks a barrio.
    .replace(BARRIO_SIGN, ' BARRIO ')
    .replace(/[–—−]/g, '-')
    .replace(/[#&-]/g, (sign) => ` ${sign} `)
    .replace(/[.,;:()"'/]/g, ' ');
  return text
    .split(/\s+/)
    .filter(Boolean)
    .flatMap((token) => {
      // Glued pieces: "CRA50" → CRA 50, "K50" → K 50, "APTO502" → APTO 502; "45A" stays, "23CN" → 23 C N
      // handled by the number reader.
      const glued = /^([A-Z]+)(\d+[A-Z]?)$/.exec(token);
      if (glued && (mainViaWord(glued[1]!) || COMPLEMENT_WORDS[glued[1]!])) return [glued[1]!, glued[2]!];
      return [token];
    });
}

class Reader {
  index = 0;
  constructor(readonly tokens: string[]) {}
  peek(offset = 0): string | undefined {
    return this.tokens[this.index + offset];
  }
  next(): string | undefined {
    return this.tokens[this.index++];
  }
  done(): boolean {
    return this.index >= this.tokens.length;
  }
}

const isQuadrant = (token: string | undefined): token is Quadrant =>
  token !== undefined && (QUADRANTS as readonly string[]).includes(token);
const isLetter = (token: string | undefined) => token !== undefined && /^[A-Z]$/.test(token);
/** A lone letter that belongs to the number before it: not "Y"/"X" (crossings), nor N/S (quadrant or number sign). */
function isSuffixLetter(reader: Reader): boolean {
  const token = reader.peek();
  return (
    isLetter(token) &&
    token !== 'N' &&
    token !== 'S' &&
    !CROSSING_SIGNS.has(token!) &&
    !startsCross(reader, 0)
  );
}
const GLUED_QUADRANTS: Record<string, Quadrant> = { S: 'SUR', E: 'ESTE', N: 'NORTE', O: 'OESTE' };

/** A street number with its letter, BIS (and its letter) and quadrant: 32B, 9 BIS SUR, 30 A, 8B BIS C ESTE. */
function readStreetNumber(reader: Reader): StreetNumber | null {
  const head = reader.peek();
  const match = head ? /^(\d{1,3})([A-Z]{0,7})$/.exec(head) : null;
  if (!match) return null;
  reader.next();
  const number = Number(match[1]);
  let glued = match[2] ?? '';
  let letter: string | null = null;
  let bis = false;
  let bisLetter: string | null = null;
  let quadrant: Quadrant | null = null;
  // Glued suffixes: "32BSUR" → letter B, SUR; "23CN" → letter C, NORTE; "10BIS" → BIS; "9BISA" → BIS A;
  // "10N", "10S" → the quadrant (N and S are not used as letters; "10E" stays letter E, as in Bogotá's grid).
  if (glued.length >= 3) {
    const tail = /(NORTE|OESTE|ESTE|SUR)$/.exec(glued);
    if (tail) {
      quadrant = tail[1] as Quadrant;
      glued = glued.slice(0, -tail[1]!.length);
    }
  }
  if (glued === 'N' || glued === 'S') {
    quadrant = GLUED_QUADRANTS[glued]!;
    glued = '';
  } else if (glued.startsWith('BIS')) {
    bis = true;
    glued = glued.slice(3);
  } else if (glued.length > 0) {
    letter = glued[0]!;
    glued = glued.slice(1);
    if (glued.startsWith('BIS')) {
      bis = true;
      glued = glued.slice(3);
    }
  }
  if (bis && glued.length === 1 && !GLUED_QUADRANTS[glued]) {
    bisLetter = glued;
    glued = '';
  }
  const gluedQuadrant = GLUED_QUADRANTS[glued];
  if (gluedQuadrant && !quadrant) quadrant = gluedQuadrant;
  // Separate tokens: a lone letter (not a via word that starts the cross street), BIS, its letter, quadrant.
  if (!letter && !bis && !quadrant && isSuffixLetter(reader)) {
    letter = reader.next()!;
  }
  if (!quadrant && reader.peek() === 'BIS') {
    reader.next();
    bis = true;
    if (isSuffixLetter(reader)) bisLetter = reader.next()!;
  }
  if (!quadrant) quadrant = readQuadrant(reader);
  return { number, letter, bis, bisLetter, quadrant };
}

/** SUR, ESTE…, or a lone N or S standing for them ("Calle 10 N # 5-20"), but not "N 10" (a number sign). */
function readQuadrant(reader: Reader): Quadrant | null {
  const token = reader.peek();
  if (isQuadrant(token)) return reader.next() as Quadrant;
  if (token === 'S' || (token === 'N' && !/^\d/.test(reader.peek(1) ?? ''))) {
    reader.next();
    return GLUED_QUADRANTS[token]!;
  }
  return null;
}

/** The token at `offset` opens the cross street ("K 10" after "#"), rather than being a letter suffix. */
function startsCross(reader: Reader, offset: number): boolean {
  const token = reader.peek(offset);
  return token !== undefined && token in VIA_WORDS && /^\d/.test(reader.peek(offset + 1) ?? '');
}

function readVia(reader: Reader, main = false): ViaType | null {
  const first = reader.peek();
  if (!first) return null;
  // Two-word types: "AVENIDA CALLE", "AV CARRERA", "AV CRA".
  const second = reader.peek(1);
  if (VIA_WORDS[first] === 'AV' && second && (VIA_WORDS[second] === 'CL' || VIA_WORDS[second] === 'KR')) {
    reader.index += 2;
    return VIA_WORDS[second] === 'CL' ? 'AC' : 'AK';
  }
  const type = main ? mainViaWord(first) : VIA_WORDS[first];
  if (!type) return null;
  reader.next();
  return type;
}

function formatNumber(part: StreetNumber): string {
  return [
    `${part.number}${part.letter ?? ''}`,
    part.bis ? `BIS${part.bisLetter ? ` ${part.bisLetter}` : ''}` : null,
    part.quadrant,
  ]
    .filter(Boolean)
    .join(' ');
}

/** The key two spellings of one place share: `CL 35 10 43`, `KR 27A 48 120`, `CL 9 BIS SUR 8B 20`. */
export function canonicalOf(components: AddressComponents): string | null {
  const { via, cross } = components;
  if (!via) return null;
  const parts = [via.type, formatNumber(via)];
  if (cross && components.placa === null && cross.type) {
    // A corner is the same place whichever street is written first: "Carrera 10 con Calle 19" = "Calle 19 con Carrera 10".
    const streets = [parts.join(' '), `${cross.type} ${formatNumber(cross)}`].sort();
    return streets.join(' ');
  }
  if (cross) parts.push(formatNumber(cross));
  if (components.placa !== null) parts.push(String(components.placa));
  if (components.placaQuadrant) parts.push(components.placaQuadrant);
  return parts.join(' ');
}

function readComplement(reader: Reader): { complement: string | null; barrio: string | null } {
  const parts: string[] = [];
  let barrio: string | null = null;
  let afterKeyword = false;
  while (!reader.done()) {
    const token = reader.next()!;
    // "B" names a barrio ("B/ La Victoria") unless it is the value of a complement ("Manzana B").
    const barrioMarker =
      token === 'BARRIO' || token === 'BRR' || ((token === 'B' || token === 'BR') && !afterKeyword);
    afterKeyword = false;
    if (barrioMarker && !reader.done()) {
      const words: string[] = [];
      while (!reader.done() && !COMPLEMENT_WORDS[reader.peek()!]) words.push(reader.next()!);
      if (words.length > 0) barrio = words.join(' ');
      continue;
    }
    const abbreviation = COMPLEMENT_WORDS[token];
    if (abbreviation) {
      parts.push(abbreviation);
      afterKeyword = true;
      continue;
    }
    if (token === '-' || token === '#') continue;
    parts.push(token);
  }
  return { complement: parts.length > 0 ? parts.join(' ') : null, barrio };
}

const empty = (): AddressComponents => ({
  via: null,
  cross: null,
  placa: null,
  placaQuadrant: null,
  barrio: null,
});

/** Parses one address as typed; never throws: text that is not an address gets that status. */
export function parseAddress(input: string): ParsedAddress {
  const text = typeof input === 'string' ? input.slice(0, MAX_INPUT) : '';
  const tokens = tokenize(text);
  const notAddress: ParsedAddress = {
    input,
    canonical: null,
    status: 'no_es_direccion',
    components: empty(),
    complement: null,
  };
  if (tokens.length === 0) return notAddress;
  const reader = new Reader(tokens);
  // Skip a leading label ("Dirección", "Dir") before the vía.
  while (
    !reader.done() &&
    !mainViaWord(reader.peek()!) &&
    reader.index < 3 &&
    !RURAL_WORDS.has(reader.peek()!)
  )
    reader.next();
  const viaType = readVia(reader, true);
  if (!viaType) {
    if (looksRural(tokens)) {
      const { complement, barrio } = { complement: tokens.join(' '), barrio: null };
      return { input, canonical: null, status: 'rural', components: { ...empty(), barrio }, complement };
    }
    return notAddress;
  }
  const viaNumber = readStreetNumber(reader);
  if (!viaNumber) {
    if (looksRural(tokens)) {
      return { input, canonical: null, status: 'rural', components: empty(), complement: tokens.join(' ') };
    }
    return notAddress;
  }
  const components: AddressComponents = { ...empty(), via: { type: viaType, ...viaNumber } };
  // Separator: "#", "No", or a crossing sign ("&", "con") or nothing before the cross number.
  let crossing = false;
  const sign = reader.peek();
  if (sign && NUMBER_SIGNS.has(sign)) {
    // "No. # 10", "- # 10": one sign or two, never the cross number itself.
    while (NUMBER_SIGNS.has(reader.peek() ?? '')) reader.next();
  } else if (sign && CROSSING_SIGNS.has(sign)) {
    reader.next();
    crossing = true;
  }
  const crossType = reader.peek() && VIA_WORDS[reader.peek()!] ? readVia(reader) : null;
  const crossNumber = readStreetNumber(reader);
  if (crossNumber) {
    components.cross = { type: crossType, ...crossNumber };
    if (reader.peek() === '-') reader.next();
    const placa = reader.peek();
    if (!crossing && placa && /^\d{1,4}$/.test(placa)) {
      reader.next();
      components.placa = Number(placa);
      // A placa's own letter ("63-64 B") does not change the place's key.
      if (isLetter(reader.peek()) && !startsCross(reader, 0)) reader.next();
      if (isQuadrant(reader.peek())) components.placaQuadrant = reader.next() as Quadrant;
    } else if (!crossing && placa && /^\d{1,4}[A-Z]$/.test(placa)) {
      // "30 A – 51" read the letter as the cross's; a placa with a letter ("20B") keeps only its number.
      reader.next();
      components.placa = Number(placa.slice(0, -1));
    }
  }
  const { complement, barrio } = readComplement(reader);
  components.barrio = barrio;
  const status: AddressStatus =
    components.placa !== null ? 'completa' : components.cross ? 'interseccion' : 'solo_via';
  return { input, canonical: canonicalOf(components), status, components, complement };
}

/** The address written out as people read it: `Calle 9 Bis Sur # 8B - 20`, `Calle 19 con Carrera 10`. */
export function formatAddress(components: AddressComponents): string | null {
  const { via, cross } = components;
  if (!via) return null;
  const number = (part: StreetNumber) =>
    [
      `${part.number}${part.letter ?? ''}`,
      part.bis ? `Bis${part.bisLetter ? ` ${part.bisLetter}` : ''}` : null,
      part.quadrant ? part.quadrant[0] + part.quadrant.slice(1).toLowerCase() : null,
    ]
      .filter(Boolean)
      .join(' ');
  let text = `${VIA_TYPES[via.type]} ${number(via)}`;
  if (cross && components.placa !== null) text += ` # ${number(cross)} - ${components.placa}`;
  else if (cross) text += ` con ${cross.type ? `${VIA_TYPES[cross.type]} ` : ''}${number(cross)}`;
  if (components.placaQuadrant) text += ` ${components.placaQuadrant}`;
  return text;
}
