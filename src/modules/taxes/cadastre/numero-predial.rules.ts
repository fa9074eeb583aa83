// The two codes that identify a predio (cadastre-and-registries.md §3): the 30-digit número predial
// nacional (NPN, Res. IGAC 70/2011) and the older 20-digit número predial anterior, whose last 15 digits
// are what R1 files and the AMB's open data carry. Both are kept as digit strings: leading zeros matter.
import { CadastreError } from './cadastre.errors.ts';

/** Parts of the NPN in order, with their lengths (§3.1, confirmed by the LADM model lengths). */
export const NUMERO_PREDIAL_NACIONAL_PARTS = [
  { part: 'departamento', length: 2, label: 'departamento' },
  { part: 'municipio', length: 3, label: 'municipio' },
  { part: 'zona', length: 2, label: 'zona' },
  { part: 'sector', length: 2, label: 'sector' },
  { part: 'comuna', length: 2, label: 'comuna' },
  { part: 'barrio', length: 2, label: 'barrio' },
  { part: 'manzanaVereda', length: 4, label: 'manzana o vereda' },
  { part: 'terreno', length: 4, label: 'terreno' },
  { part: 'condicionPropiedad', length: 1, label: 'condición de propiedad' },
  { part: 'edificio', length: 2, label: 'edificio o torre' },
  { part: 'piso', length: 2, label: 'piso' },
  { part: 'unidad', length: 4, label: 'unidad' },
] as const;

/** Parts of the número predial anterior (§3.2): the last 3 digits are condición + edificio/mejora. */
export const NUMERO_PREDIAL_ANTERIOR_PARTS = [
  { part: 'departamento', length: 2, label: 'departamento' },
  { part: 'municipio', length: 3, label: 'municipio' },
  { part: 'zona', length: 2, label: 'zona' },
  { part: 'sector', length: 2, label: 'sector' },
  { part: 'manzanaVereda', length: 4, label: 'manzana o vereda' },
  { part: 'predio', length: 4, label: 'predio' },
  { part: 'condicion', length: 1, label: 'condición' },
  { part: 'edificioMejora', length: 2, label: 'edificio o mejora' },
] as const;

export type NumeroPredialNacional = {
  [P in (typeof NUMERO_PREDIAL_NACIONAL_PARTS)[number]['part']]: string;
};
export type NumeroPredialAnterior = {
  [P in (typeof NUMERO_PREDIAL_ANTERIOR_PARTS)[number]['part']]: string;
};

export const NUMERO_PREDIAL_NACIONAL_LENGTH = 30;
export const NUMERO_PREDIAL_ANTERIOR_LENGTH = 20;
/** What R1 stores in NUMERO_DEL_PREDIO: the NPN without departamento and municipio. */
export const NUMERO_PREDIAL_NACIONAL_TAIL_LENGTH = 25;
/** What R1 stores in NUMERO_PREDIAL_ANTERIOR and the AMB publishes as `numero_del_predio`. */
export const NUMERO_PREDIAL_ANTERIOR_TAIL_LENGTH = 15;

/**
 * Condición de propiedad (NPN position 22) as listed in §3.1 [S]. `1` is not listed anywhere we read, so
 * it is accepted in a code but has no name here.
 */
export const CONDICIONES_DE_PROPIEDAD: Readonly<Record<string, string>> = {
  '0': 'No propiedad horizontal (NPH)',
  '2': 'Predio no Ley 14 de 1983',
  '3': 'Bien de uso público',
  '4': 'Vía',
  '5': 'Mejora sobre predio NPH',
  '6': 'Mejora sobre propiedad horizontal',
  '7': 'Parque cementerio',
  '8': 'Condominio',
  '9': 'Propiedad horizontal (PH)',
};

const FIELD = 'numeroPredial';

/** Removes the separators people type between groups (spaces, hyphens, dots). */
export function stripSeparators(text: string): string {
  return text.replace(/[\s.-]/g, '');
}

function requireDigits(text: string): string {
  const compact = stripSeparators(text);
  if (compact === '') throw new CadastreError('NUMERO_PREDIAL_EMPTY', 'Escriba el número predial.', FIELD);
  if (!/^\d+$/.test(compact)) {
    throw new CadastreError(
      'NUMERO_PREDIAL_NOT_NUMERIC',
      `El número predial solo puede tener dígitos; se recibió «${text.trim()}».`,
      FIELD,
    );
  }
  return compact;
}

function splitIntoParts<T extends Record<string, string>>(
  digits: string,
  layout: readonly { part: string; length: number }[],
): T {
  const parts: Record<string, string> = {};
  let offset = 0;
  for (const { part, length } of layout) {
    parts[part] = digits.slice(offset, offset + length);
    offset += length;
  }
  return parts as T;
}

function joinParts(
  parts: Record<string, string>,
  layout: readonly { part: string; length: number; label: string }[],
  codeName: string,
): string {
  return layout
    .map(({ part, length, label }) => {
      const value = parts[part];
      if (typeof value !== 'string' || value.length !== length || !/^\d+$/.test(value)) {
        throw new CadastreError(
          'NUMERO_PREDIAL_INVALID_PART',
          `En el ${codeName}, la parte «${label}» debe tener exactamente ${length} dígitos; se recibió «${value ?? ''}».`,
          FIELD,
        );
      }
      return value;
    })
    .join('');
}

/** Splits a 30-digit NPN (separators allowed) into its parts; throws a CadastreError in Spanish. */
export function parseNumeroPredialNacional(text: string): NumeroPredialNacional {
  const digits = requireDigits(text);
  if (digits.length !== NUMERO_PREDIAL_NACIONAL_LENGTH) {
    throw new CadastreError(
      'NUMERO_PREDIAL_INVALID_LENGTH',
      `El número predial nacional tiene 30 dígitos; se recibieron ${digits.length}.`,
      FIELD,
    );
  }
  return splitIntoParts<NumeroPredialNacional>(digits, NUMERO_PREDIAL_NACIONAL_PARTS);
}

/** The 30-digit string of an NPN's parts; every part must have its exact length. */
export function formatNumeroPredialNacional(parts: NumeroPredialNacional): string {
  return joinParts(parts, NUMERO_PREDIAL_NACIONAL_PARTS, 'número predial nacional');
}

/** Splits a 20-digit número predial anterior (separators allowed) into its parts. */
export function parseNumeroPredialAnterior(text: string): NumeroPredialAnterior {
  const digits = requireDigits(text);
  if (digits.length !== NUMERO_PREDIAL_ANTERIOR_LENGTH) {
    throw new CadastreError(
      'NUMERO_PREDIAL_INVALID_LENGTH',
      `El número predial anterior tiene 20 dígitos; se recibieron ${digits.length}.`,
      FIELD,
    );
  }
  return splitIntoParts<NumeroPredialAnterior>(digits, NUMERO_PREDIAL_ANTERIOR_PARTS);
}

/** The 20-digit string of a número predial anterior's parts. */
export function formatNumeroPredialAnterior(parts: NumeroPredialAnterior): string {
  return joinParts(parts, NUMERO_PREDIAL_ANTERIOR_PARTS, 'número predial anterior');
}

/** The 15-digit tail (without departamento and municipio) that R1 and the AMB's open data carry. */
export function numeroPredialAnteriorTail(parts: NumeroPredialAnterior): string {
  return formatNumeroPredialAnterior(parts).slice(5);
}

/** The 25-digit tail of an NPN (R1 `NUMERO_DEL_PREDIO`). */
export function numeroPredialNacionalTail(parts: NumeroPredialNacional): string {
  return formatNumeroPredialNacional(parts).slice(5);
}

/** Checks a DIVIPOLA municipality code (2 digits departamento + 3 municipio) and returns it. */
export function requireDivipola(municipio: string): string {
  if (!/^\d{5}$/.test(municipio)) {
    throw new CadastreError(
      'MUNICIPIO_INVALID',
      `El código DIVIPOLA del municipio tiene 5 dígitos (por ejemplo 68001); se recibió «${municipio}».`,
      'municipio',
    );
  }
  return municipio;
}

export type NumeroPredialLeido =
  | { tipo: 'nacional'; codigo: string; partes: NumeroPredialNacional }
  | { tipo: 'anterior'; codigo: string; partes: NumeroPredialAnterior };

/**
 * Reads either code as a person or a bank types it (§3.3): 30 or 20 digits, or the 25/15-digit tails
 * without departamento and municipio, completed with the tenant's DIVIPOLA code.
 */
export function parseNumeroPredial(text: string, options: { municipio?: string } = {}): NumeroPredialLeido {
  const digits = requireDigits(text);
  const needsMunicipio = (): string => {
    if (options.municipio === undefined) {
      throw new CadastreError(
        'NUMERO_PREDIAL_MUNICIPIO_REQUIRED',
        `Un número predial de ${digits.length} dígitos no incluye departamento ni municipio; escríbalo completo.`,
        FIELD,
      );
    }
    return requireDivipola(options.municipio);
  };
  switch (digits.length) {
    case NUMERO_PREDIAL_NACIONAL_LENGTH:
      return { tipo: 'nacional', codigo: digits, partes: parseNumeroPredialNacional(digits) };
    case NUMERO_PREDIAL_NACIONAL_TAIL_LENGTH: {
      const codigo = needsMunicipio() + digits;
      return { tipo: 'nacional', codigo, partes: parseNumeroPredialNacional(codigo) };
    }
    case NUMERO_PREDIAL_ANTERIOR_LENGTH:
      return { tipo: 'anterior', codigo: digits, partes: parseNumeroPredialAnterior(digits) };
    case NUMERO_PREDIAL_ANTERIOR_TAIL_LENGTH: {
      const codigo = needsMunicipio() + digits;
      return { tipo: 'anterior', codigo, partes: parseNumeroPredialAnterior(codigo) };
    }
    default:
      throw new CadastreError(
        'NUMERO_PREDIAL_INVALID_LENGTH',
        `Un número predial tiene 30 dígitos (nacional) o 20 (anterior), o 25 o 15 sin departamento ni municipio; se recibieron ${digits.length}.`,
        FIELD,
      );
  }
}

export function isNumeroPredialNacional(text: string): boolean {
  return /^\d{30}$/.test(text);
}

export function isNumeroPredialAnterior(text: string): boolean {
  return /^\d{20}$/.test(text);
}

/** Name of the condición de propiedad (NPN position 22), or null when the code list does not name it. */
export function condicionDePropiedad(npn: NumeroPredialNacional): string | null {
  return CONDICIONES_DE_PROPIEDAD[npn.condicionPropiedad] ?? null;
}

/** True for a unit or matrix in propiedad horizontal, in either code (NPN condición 9; anterior `9xx`). */
export function esPropiedadHorizontal(codigo: NumeroPredialLeido): boolean {
  return codigo.tipo === 'nacional'
    ? codigo.partes.condicionPropiedad === '9'
    : codigo.partes.condicion === '9';
}

/**
 * Outcome of a best-effort code conversion. `supuestos` names what the result takes for granted, so the
 * person who uses it can check it against the gestor's roll; `ok: false` explains why it cannot be done.
 */
export type ConversionNumeroPredial =
  | { ok: true; codigo: string; supuestos: string[] }
  | { ok: false; code: 'CONVERSION_NOT_POSSIBLE'; detail: string };

const SAME_NUMBERING =
  'Se supone que la actualización catastral no renumeró sector, manzana ni terreno; confírmelo con el NUMERO_PREDIAL_ANTERIOR que entrega el gestor catastral.';

/**
 * NPN → número predial anterior, only where the structures line up (§3.3 [I]): a predio not in
 * propiedad horizontal and without mejora (condición 0, edificio/piso/unidad in zeros) keeps departamento,
 * municipio, zona, sector, manzana/vereda and terreno (= old predio) and gets `000`. Comuna and barrio are
 * dropped. PH units, mejoras and the rest cannot be derived: the old code gave them their own numbers.
 */
export function numeroPredialNacionalToAnterior(npn: NumeroPredialNacional): ConversionNumeroPredial {
  const code = formatNumeroPredialNacional(npn);
  if (npn.condicionPropiedad !== '0' || npn.edificio !== '00' || npn.piso !== '00' || npn.unidad !== '0000') {
    return {
      ok: false,
      code: 'CONVERSION_NOT_POSSIBLE',
      detail: `El número predial ${code} no es un predio sin propiedad horizontal ni mejora; en el código anterior esos predios tenían su propio número, que no se deduce del número nacional. Use el número anterior que entrega el gestor catastral.`,
    };
  }
  return {
    ok: true,
    codigo: formatNumeroPredialAnterior({
      departamento: npn.departamento,
      municipio: npn.municipio,
      zona: npn.zona,
      sector: npn.sector,
      manzanaVereda: npn.manzanaVereda,
      predio: npn.terreno,
      condicion: '0',
      edificioMejora: '00',
    }),
    supuestos: [SAME_NUMBERING],
  };
}

/**
 * Número predial anterior → NPN, best effort (§3.3 [I]). The old code has no comuna or barrio, so they must
 * come from elsewhere (the territory layer, the gestor); without them, or for anything but a plain NPH
 * predio (`000`), the conversion is refused with the reason.
 */
export function numeroPredialAnteriorToNacional(
  anterior: NumeroPredialAnterior,
  ubicacion: { comuna?: string; barrio?: string } = {},
): ConversionNumeroPredial {
  const code = formatNumeroPredialAnterior(anterior);
  if (anterior.condicion !== '0' || anterior.edificioMejora !== '00') {
    return {
      ok: false,
      code: 'CONVERSION_NOT_POSSIBLE',
      detail: `El número predial anterior ${code} es una unidad de propiedad horizontal, condominio o mejora; su edificio, piso y unidad en el número nacional no se deducen del código anterior. Use el número nacional que entrega el gestor catastral.`,
    };
  }
  const { comuna, barrio } = ubicacion;
  if (comuna === undefined || barrio === undefined) {
    return {
      ok: false,
      code: 'CONVERSION_NOT_POSSIBLE',
      detail: `El número predial anterior ${code} no incluye comuna ni barrio, que el número nacional sí tiene; indíquelos (por ejemplo, desde la capa de barrios) para completar la conversión.`,
    };
  }
  return {
    ok: true,
    codigo: formatNumeroPredialNacional({
      departamento: anterior.departamento,
      municipio: anterior.municipio,
      zona: anterior.zona,
      sector: anterior.sector,
      comuna,
      barrio,
      manzanaVereda: anterior.manzanaVereda,
      terreno: anterior.predio,
      condicionPropiedad: '0',
      edificio: '00',
      piso: '00',
      unidad: '0000',
    }),
    supuestos: [
      SAME_NUMBERING,
      `Comuna ${comuna} y barrio ${barrio} fueron indicados por quien pidió la conversión, no por el gestor catastral.`,
    ],
  };
}
