// The one canonical cadastral record every reader produces (cadastre-and-registries.md §2.4 "design
// consequence", §5.4): the predio with both codes, the data predial billing needs, its owners, and the
// physical data of R2. Which fields a given source actually carried is recorded in `origen.campos`, so a
// re-import from a poorer form (the AMB open data has no owners or avalúo) never erases what it lacks.
import { z } from 'zod';
import { LADM_DESTINACION_CODES } from './destino-economico.ts';

/** Document types of owners: R1 letters C, N, E, T, P, R (§2.2 [S]) and LADM's Secuencial (§5.2). */
export const TIPOS_DOCUMENTO = ['CC', 'NIT', 'CE', 'TI', 'PA', 'RC', 'SEC'] as const;
export type TipoDocumento = (typeof TIPOS_DOCUMENTO)[number];

export const NOMBRES_TIPO_DOCUMENTO: Readonly<Record<TipoDocumento, string>> = {
  CC: 'Cédula de ciudadanía',
  NIT: 'NIT',
  CE: 'Cédula de extranjería',
  TI: 'Tarjeta de identidad',
  PA: 'Pasaporte',
  RC: 'Registro civil',
  SEC: 'Secuencial asignado por el gestor catastral',
};

/** The physical forms a reader understands (one reader per form). */
export const FORMATOS_CATASTRALES = ['r1r2', 'amb-open-data', 'csv'] as const;
export type FormatoCatastral = (typeof FORMATOS_CATASTRALES)[number];

/** The fields a re-import compares and replaces, one by one. */
export const CAMPOS_CATASTRALES = [
  'numeroPredialNacional',
  'numeroPredialAnterior',
  'direccion',
  'destino',
  'estrato',
  'areaTerrenoM2',
  'areaConstruidaM2',
  'avaluo',
  'propietarios',
  'matriculaInmobiliaria',
  'zonas',
  'construcciones',
] as const;
export type CampoCatastral = (typeof CAMPOS_CATASTRALES)[number];

const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((text) => {
    const date = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text;
  }, 'Fecha inexistente');

/** True when the number is exactly a value with at most two decimals (areas are not money). */
export function hasAtMostTwoDecimals(value: number): boolean {
  return Number.isFinite(value) && Math.round(value * 100) / 100 === value;
}

/** Square metres: non-negative, at most 2 decimals. */
const areaM2Schema = z
  .number()
  .nonnegative()
  .refine(hasAtMostTwoDecimals, 'El área admite como máximo dos decimales');

/** A share of the right as a fraction of the whole in lowest terms: 1/2 is 50 %. */
export const participacionSchema = z
  .object({
    numerador: z.number().int().nonnegative(),
    denominador: z.number().int().positive(),
  })
  .refine((p) => p.numerador <= p.denominador, 'La participación no puede pasar del 100 %');
export type Participacion = z.infer<typeof participacionSchema>;

export const propietarioSchema = z
  .object({
    /** `null` when the source does not say (R1 owner lines do not separate propietario from poseedor). */
    calidad: z.enum(['propietario', 'poseedor']).nullable(),
    tipoDocumento: z.enum(TIPOS_DOCUMENTO).nullable(),
    /** Trimmed, upper-case, single spaces; digits-only numbers lose their dots and leading zeros. */
    numeroDocumento: z.string().min(1).nullable(),
    nombre: z.string().min(1).nullable(),
    /** `null` when the source gives no share (R1 does not). */
    participacion: participacionSchema.nullable(),
  })
  .refine(
    (p) => p.nombre !== null || p.numeroDocumento !== null,
    'Un propietario necesita nombre o documento',
  );
export type Propietario = z.infer<typeof propietarioSchema>;

export const destinoSchema = z.object({
  /** The gestor's code as received (Res. 70/2011 letter, or `0`). */
  letra: z.string().regex(/^[0-9A-Z]{1,2}$/),
  /** Name in the catalogue used to read it; null when the catalogue does not know the code. */
  nombre: z.string().min(1).nullable(),
  ladm: z.enum(LADM_DESTINACION_CODES).nullable(),
});
export type DestinoEconomico = z.infer<typeof destinoSchema>;

export const avaluoSchema = z.object({
  /** Integer pesos; at most 15 digits (the R1 field), so always below 2^53. Multiply by tariffs in BigInt. */
  pesos: z.number().int().nonnegative().max(999_999_999_999_999),
  /** Year the avalúo applies to. */
  vigencia: z.number().int().min(1900).max(2200),
  /** The exact date R1 gives (DDMMAAAA), when the source has one. */
  fecha: isoDateSchema.nullable(),
});
export type Avaluo = z.infer<typeof avaluoSchema>;

/** Zona homogénea física/geoeconómica of R2 (§2.3), up to two per predio. */
export const zonaHomogeneaSchema = z.object({
  zonaFisica: z.string().regex(/^\d{2,3}$/),
  zonaGeoeconomica: z.string().regex(/^\d{2,3}$/),
  areaTerrenoM2: areaM2Schema,
});
export type ZonaHomogenea = z.infer<typeof zonaHomogeneaSchema>;

/** A construction block of R2 (§2.3). `tipificacion` is NOT the socio-economic estrato (§2.3, §4.4). */
export const construccionSchema = z.object({
  habitaciones: z.number().int().nonnegative(),
  banos: z.number().int().nonnegative(),
  locales: z.number().int().nonnegative(),
  pisos: z.number().int().nonnegative(),
  tipificacion: z.number().int().nonnegative(),
  /** IGAC construction-use code (1 vivienda hasta 3 pisos, 71 apartamentos en PH, 77 oficinas en PH …). */
  uso: z.number().int().nonnegative(),
  puntaje: z.number().int().nonnegative(),
  areaConstruidaM2: areaM2Schema,
});
export type Construccion = z.infer<typeof construccionSchema>;

export const origenSchema = z.object({
  formato: z.enum(FORMATOS_CATASTRALES),
  /** 1-based lines (JSON: row positions) of the main content that made this record. */
  lineas: z.array(z.number().int().positive()),
  /** 1-based lines or rows of the R2 content (the main content when R1 and R2 came mixed). */
  lineasR2: z.array(z.number().int().positive()),
  /** Fields this source carries; the others are unknown, not empty, and a re-import leaves them alone. */
  campos: z.array(z.enum(CAMPOS_CATASTRALES)),
});
export type OrigenCatastral = z.infer<typeof origenSchema>;

export const cadastralRecordSchema = z
  .object({
    /** DIVIPOLA code of the municipality (5 digits, e.g. 68001). */
    municipio: z.string().regex(/^\d{5}$/),
    /** 30-digit NPN; null when the source only has the old code (the AMB's 2021 data). */
    numeroPredialNacional: z
      .string()
      .regex(/^\d{30}$/)
      .nullable(),
    /** 20-digit número predial anterior (departamento + municipio + the 15 digits R1 carries). */
    numeroPredialAnterior: z
      .string()
      .regex(/^\d{20}$/)
      .nullable(),
    /** Upper-case, single spaces, as the gestor writes it (rural predios carry the predio's name). */
    direccion: z.string().min(1).nullable(),
    destino: destinoSchema,
    /** Socio-economic estrato 1–6; R1/R2 never carry it (§4.4), only a municipal layer or our CSV. */
    estrato: z.number().int().min(1).max(6).nullable(),
    areaTerrenoM2: areaM2Schema.nullable(),
    areaConstruidaM2: areaM2Schema.nullable(),
    avaluo: avaluoSchema.nullable(),
    propietarios: z.array(propietarioSchema),
    matriculaInmobiliaria: z.string().min(1).nullable(),
    zonas: z.array(zonaHomogeneaSchema),
    construcciones: z.array(construccionSchema),
    origen: origenSchema,
  })
  .superRefine((record, ctx) => {
    if (record.numeroPredialNacional === null && record.numeroPredialAnterior === null) {
      ctx.addIssue({
        code: 'custom',
        message: 'Un predio necesita el número predial nacional o el anterior',
        path: ['numeroPredialNacional'],
      });
    }
    for (const field of ['numeroPredialNacional', 'numeroPredialAnterior'] as const) {
      const code = record[field];
      if (code !== null && !code.startsWith(record.municipio)) {
        ctx.addIssue({
          code: 'custom',
          message: `El número predial no pertenece al municipio ${record.municipio}`,
          path: [field],
        });
      }
    }
  });
export type CadastralRecord = z.infer<typeof cadastralRecordSchema>;

/** The code people see for a predio: the NPN when known, else the old code. */
export function codigoDePredio(
  record: Pick<CadastralRecord, 'numeroPredialNacional' | 'numeroPredialAnterior'>,
) {
  return (record.numeroPredialNacional ?? record.numeroPredialAnterior) as string;
}

/** One thing a reader could not take, or took with a doubt, pointing at its line. */
export interface CadastralReadProblem {
  /**
   * 1-based line of the content; for JSON, the row's position in the list (in Socrata's body, one object
   * per line, that is also its line). 0 for the content as a whole.
   */
  line: number;
  code: string;
  /** Spanish sentence for the official who imports the roll. */
  detail: string;
  /** `error`: the line's predio was left out; `aviso`: the record was kept, check it. */
  severity: 'error' | 'aviso';
  /** Which content, when a reader takes R1 and R2 separately. */
  archivo?: 'r2';
  /** Canonical field or source column the problem is about. */
  field?: string;
  /** Code (30 or 20 digits) of the predio concerned, when it could be read: the NPN when known. */
  predio?: string;
  /** Its número predial anterior too, when the source gives both. */
  predioAnterior?: string;
}

export interface CadastralReadResult {
  records: CadastralRecord[];
  problems: CadastralReadProblem[];
}

/** Codes of the predios a read left out: a re-import must neither remove nor change them. */
export function predioCodesWithErrors(problems: readonly CadastralReadProblem[]): string[] {
  const codes = new Set<string>();
  for (const problem of problems) {
    if (problem.severity !== 'error') continue;
    if (problem.predio !== undefined) codes.add(problem.predio);
    if (problem.predioAnterior !== undefined) codes.add(problem.predioAnterior);
  }
  return [...codes];
}
