// SYNTHETIC fixed-width R1/R2 lines for tests (no public R1/R2 file with owners exists, §7). Positions are
// written here again from cadastre-and-registries.md §2.2/§2.3 rather than imported from the reader, so a
// wrong position in either shows up as a failing test.

const zeros = (value: number | string, width: number) => {
  const text = String(value);
  if (text.length > width) throw new Error(`«${text}» no cabe en ${width} posiciones`);
  return text.padStart(width, '0');
};
const text = (value: string, width: number) => {
  if (value.length > width) throw new Error(`«${value}» no cabe en ${width} posiciones`);
  return value.padEnd(width, ' ');
};

export interface R1LineFields {
  departamento?: string;
  municipio?: string;
  /** 25 positions: an NPN tail, or (AMB 2021) the 15-digit old tail, left-aligned. */
  numeroDelPredio: string;
  orden: number;
  total: number;
  nombre?: string;
  estadoCivil?: string;
  tipoDocumento?: string;
  numeroDocumento?: string;
  direccion: string;
  comuna?: string;
  destino: string;
  areaTerreno: number | string;
  areaConstruida: number | string;
  avaluo: number | string;
  /** DDMMAAAA */
  vigencia: string;
  numeroPredialAnterior?: string;
}

/** One R1 line of 312 characters: 1–2, 3–5, 6–30, 31 `1`, 32–34, 35–37, 38–137 … 298–312. */
export function buildR1Line(f: R1LineFields): string {
  const line = [
    text(f.departamento ?? '68', 2),
    text(f.municipio ?? '001', 3),
    text(f.numeroDelPredio, 25),
    '1',
    zeros(f.orden, 3),
    zeros(f.total, 3),
    text(f.nombre ?? '', 100),
    text(f.estadoCivil ?? '', 1),
    text(f.tipoDocumento ?? '', 1),
    // Document numbers right-aligned with zeros, as numeric fields of COBOL exports are.
    f.numeroDocumento ? zeros(f.numeroDocumento, 12) : text('', 12),
    text(f.direccion, 100),
    text(f.comuna ?? '', 1),
    text(f.destino, 1),
    zeros(f.areaTerreno, 15),
    zeros(f.areaConstruida, 6),
    zeros(f.avaluo, 15),
    text(f.vigencia, 8),
    text(f.numeroPredialAnterior ?? '', 15),
  ].join('');
  if (line.length !== 312) throw new Error(`R1 de ${line.length} caracteres`);
  return line;
}

export interface R2Construction {
  habitaciones: number;
  banos: number;
  locales: number;
  pisos: number;
  tipificacion: number;
  uso: number;
  puntaje: number;
  area: number;
}

export interface R2LineFields {
  departamento?: string;
  municipio?: string;
  numeroDelPredio: string;
  orden: number;
  total: number;
  matricula?: string;
  zonas: { fisica: string; economica: string; area: number }[];
  construcciones: R2Construction[];
  vigencia: string;
  numeroPredialAnterior?: string;
}

const FILLER = ' '.repeat(22);
const EMPTY_CONSTRUCTION: R2Construction = {
  habitaciones: 0,
  banos: 0,
  locales: 0,
  pisos: 0,
  tipificacion: 0,
  uso: 0,
  puntaje: 0,
  area: 0,
};

/** One R2 line of 330 characters (§2.3): zones at 78 and 121, constructions at 164, 212 and 260. */
export function buildR2Line(f: R2LineFields): string {
  const zone = (n: number) => {
    const z = f.zonas[n] ?? { fisica: '000', economica: '000', area: 0 };
    return zeros(z.fisica, 3) + zeros(z.economica, 3) + zeros(z.area, 15);
  };
  const construction = (n: number) => {
    const c = f.construcciones[n] ?? EMPTY_CONSTRUCTION;
    return (
      zeros(c.habitaciones, 4) +
      zeros(c.banos, 4) +
      zeros(c.locales, 4) +
      zeros(c.pisos, 2) +
      zeros(c.tipificacion, 1) +
      zeros(c.uso, 3) +
      zeros(c.puntaje, 2) +
      zeros(c.area, 6)
    );
  };
  const line = [
    text(f.departamento ?? '68', 2),
    text(f.municipio ?? '001', 3),
    text(f.numeroDelPredio, 25),
    '2',
    zeros(f.orden, 3),
    zeros(f.total, 3),
    text(f.matricula ?? '', 18),
    FILLER,
    zone(0),
    FILLER,
    zone(1),
    FILLER,
    construction(0),
    FILLER,
    construction(1),
    FILLER,
    construction(2),
    FILLER,
    text(f.vigencia, 8),
    text(f.numeroPredialAnterior ?? '', 15),
  ].join('');
  if (line.length !== 330) throw new Error(`R2 de ${line.length} caracteres`);
  return line;
}

/** Windows-1252 bytes of a text whose characters are all in latin-1 (what IGAC files are, §2.2). */
export function latin1Bytes(content: string): Uint8Array {
  return Uint8Array.from(content, (char) => {
    const code = char.charCodeAt(0);
    if (code > 0xff) throw new Error(`«${char}» no existe en latin-1`);
    return code;
  });
}
