import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  cachedRuleFileReader,
  formatRulePath,
  type RuleIssue,
  validateRuleFile,
} from '../../platform/config/rule-file.ts';
import { CorrespondenceError } from './correspondence.errors.ts';

/**
 * The Tabla de Retención Documental (TRD) as data (config/rules/trd.json): per dependencia, its office
 * code and its documentary series and subseries, each leaf with the years it stays in the archivo de
 * gestión and in the archivo central and its final disposition. Codes read <oficina>.<serie>[.<subserie>].
 */

export const TRD_DISPOSITIONS = ['CT', 'E', 'S', 'M'] as const;
export type TrdDisposition = (typeof TRD_DISPOSITIONS)[number];

export const TRD_DISPOSITION_LABELS: Readonly<Record<TrdDisposition, string>> = {
  CT: 'Conservación total',
  E: 'Eliminación',
  S: 'Selección',
  M: 'Microfilmación o digitalización',
};

export interface TrdRetention {
  /** Years in the archivo de gestión (the dependencia's own archive), counted from the expediente's closing. */
  readonly gestion: number;
  /** Years in the archivo central after the transfer. */
  readonly central: number;
}

export interface TrdLeafRules {
  readonly retention: TrdRetention;
  readonly disposition: TrdDisposition;
  readonly procedure?: string | undefined;
}

export interface TrdSubseries extends TrdLeafRules {
  readonly code: string;
  readonly name: string;
}

export interface TrdSeries extends Partial<TrdLeafRules> {
  readonly code: string;
  readonly name: string;
  /** When present, retention and disposition live in each subseries. */
  readonly subseries?: readonly TrdSubseries[] | undefined;
}

export interface TrdDependencia {
  /** The dependencia's code in config/tenants/<divipola>.json. */
  readonly dependencia: string;
  /** Código de la oficina productora: every series code starts with it. */
  readonly officeCode: string;
  readonly series: readonly TrdSeries[];
}

export interface TrdTable {
  readonly schemaVersion: 1;
  readonly rules: 'trd';
  readonly entity: string;
  readonly version: string;
  readonly notes: readonly string[];
  readonly dependencias: readonly TrdDependencia[];
}

/** A code of the table resolved: its series, its subseries (if the code is one) and the rules that apply. */
export interface TrdClassification {
  readonly dependencia: string;
  readonly officeCode: string;
  readonly seriesCode: string;
  readonly seriesName: string;
  readonly subseriesCode: string | null;
  readonly subseriesName: string | null;
  /** Null for a series whose rules live in its subseries. */
  readonly rules: TrdLeafRules | null;
}

// ---------------------------------------------------------------------------------------------------
// Schema
// ---------------------------------------------------------------------------------------------------

const name = z.string().trim().min(1, { error: 'es obligatorio' }).max(200);
const SERIES_CODE = /^\d{1,4}\.\d{1,3}$/;
const SUBSERIES_CODE = /^\d{1,4}\.\d{1,3}\.\d{1,3}$/;
const years = z.int({ error: 'debe ser un número entero de años' }).min(0).max(100);
const retention = z.strictObject({ gestion: years, central: years });
const disposition = z.enum(TRD_DISPOSITIONS, {
  error:
    'debe ser CT (conservación total), E (eliminación), S (selección) o M (microfilmación o digitalización)',
});
const procedure = z.string().trim().min(1).max(1000).optional();

const subseries = z.strictObject({
  code: z.string().regex(SUBSERIES_CODE, { error: 'debe ser <oficina>.<serie>.<subserie>, p. ej. 140.20.1' }),
  name,
  retention,
  disposition,
  procedure,
});

const series = z
  .strictObject({
    code: z.string().regex(SERIES_CODE, { error: 'debe ser <oficina>.<serie>, p. ej. 140.20' }),
    name,
    subseries: z
      .array(subseries)
      .min(1, { error: 'una serie con subseries necesita al menos una' })
      .optional(),
    retention: retention.optional(),
    disposition: disposition.optional(),
    procedure,
  })
  .superRefine((row, context) => {
    if (row.subseries) {
      for (const key of ['retention', 'disposition'] as const) {
        if (row[key] !== undefined) {
          context.addIssue({
            code: 'custom',
            path: [key],
            message: 'una serie con subseries lleva los tiempos y la disposición en cada subserie',
          });
        }
      }
    } else {
      if (row.retention === undefined)
        context.addIssue({
          code: 'custom',
          path: ['retention'],
          message: 'una serie sin subseries necesita sus tiempos de retención',
        });
      if (row.disposition === undefined)
        context.addIssue({
          code: 'custom',
          path: ['disposition'],
          message: 'una serie sin subseries necesita su disposición final',
        });
    }
  });

const dependenciaTable = z.strictObject({
  dependencia: z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, {
    error: 'debe ser el código de la dependencia en minúsculas, como en config/tenants',
  }),
  officeCode: z.string().regex(/^\d{1,4}$/, { error: 'debe ser un código numérico de 1 a 4 dígitos' }),
  series: z.array(series).min(1, { error: 'una dependencia necesita al menos una serie' }),
});

const schema = z.strictObject({
  $schema: z.string().optional(),
  schemaVersion: z.literal(1),
  rules: z.literal('trd', { error: 'debe ser "trd" (¿es el archivo de reglas correcto?)' }),
  entity: name,
  version: name,
  notes: z.array(z.string()).default([]),
  dependencias: z.array(dependenciaTable).min(1),
});

type Parsed = z.output<typeof schema>;
type Issue = RuleIssue;

/** Codes nest (a series in its office, a subseries in its series) and each code and office appears once. */
function crossRowIssues(table: Parsed): Issue[] {
  const issues: Issue[] = [];
  const dependencias = new Map<string, number>();
  const offices = new Map<string, number>();
  const codes = new Map<string, string>();
  const claim = (code: string, where: (string | number)[]) => {
    const first = codes.get(code);
    if (first) issues.push({ path: where, message: `el código «${code}» ya se usa en ${first}` });
    else codes.set(code, formatRulePath(where.slice(0, -1)));
  };
  table.dependencias.forEach((office, d) => {
    const firstDependencia = dependencias.get(office.dependencia);
    if (firstDependencia !== undefined) {
      issues.push({
        path: ['dependencias', d, 'dependencia'],
        message: `la dependencia «${office.dependencia}» ya tiene su tabla en dependencias[${firstDependencia}]`,
      });
    } else dependencias.set(office.dependencia, d);
    const firstOffice = offices.get(office.officeCode);
    if (firstOffice !== undefined) {
      issues.push({
        path: ['dependencias', d, 'officeCode'],
        message: `el código de oficina «${office.officeCode}» ya es de dependencias[${firstOffice}]`,
      });
    } else offices.set(office.officeCode, d);
    office.series.forEach((row, s) => {
      const seriesPath = ['dependencias', d, 'series', s, 'code'];
      if (!row.code.startsWith(`${office.officeCode}.`)) {
        issues.push({
          path: seriesPath,
          message: `debe empezar por el código de oficina «${office.officeCode}.»`,
        });
      }
      claim(row.code, seriesPath);
      row.subseries?.forEach((child, c) => {
        const childPath = ['dependencias', d, 'series', s, 'subseries', c, 'code'];
        if (!child.code.startsWith(`${row.code}.`)) {
          issues.push({ path: childPath, message: `debe empezar por el código de su serie «${row.code}.»` });
        }
        claim(child.code, childPath);
      });
    });
  });
  return issues;
}

/**
 * Validates a TRD (parsed JSON). Throws `CorrespondenceError('TRD_INVALIDA')` whose detail lists each problem
 * as "path: Spanish message"; `extra.problems` carries them as `{ path, message }`.
 */
export function loadTrd(json: unknown): TrdTable {
  const rules = validateRuleFile(schema, json, {
    label: 'La Tabla de Retención Documental no es válida',
    crossRowIssues,
    fail(detail, field, problems) {
      throw new CorrespondenceError('TRD_INVALIDA', detail, field, { problems });
    },
  });
  return rules satisfies TrdTable;
}

// ---------------------------------------------------------------------------------------------------
// Reading the file
// ---------------------------------------------------------------------------------------------------

export const TRD_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../config/rules/trd.json',
);

const readCached = cachedRuleFileReader({
  load: loadTrd,
  missing: (file) =>
    new CorrespondenceError('TRD_FALTANTE', `No se pudo leer la Tabla de Retención Documental: ${file}.`),
  notJson: (file, message) =>
    new CorrespondenceError(
      'TRD_INVALIDA',
      `La Tabla de Retención Documental no es JSON válido (${file}): ${message}`,
    ),
});

/** Reads and validates the TRD file (again when it changes); a missing or invalid file is a clear error. */
export function readTrd(file = TRD_FILE): TrdTable {
  return readCached(file);
}

// ---------------------------------------------------------------------------------------------------
// Look-ups
// ---------------------------------------------------------------------------------------------------

export interface TrdIndex {
  readonly table: TrdTable;
  /** Every series and subseries code, resolved. */
  find(code: string): TrdClassification | undefined;
  /** The code resolved for a dependencia: 422 naming `field` when unknown or of another dependencia. */
  classify(dependencia: string, code: string, field?: string): TrdClassification;
  /** Like classify, and the code must carry retention times (what an expediente needs). */
  classifyForExpediente(
    dependencia: string,
    code: string,
    field?: string,
  ): TrdClassification & {
    rules: TrdLeafRules;
  };
  ofDependencia(dependencia: string): TrdDependencia | undefined;
}

export function indexTrd(table: TrdTable): TrdIndex {
  const byCode = new Map<string, TrdClassification>();
  for (const office of table.dependencias) {
    for (const row of office.series) {
      const base = {
        dependencia: office.dependencia,
        officeCode: office.officeCode,
        seriesCode: row.code,
        seriesName: row.name,
      };
      const seriesRules =
        row.retention && row.disposition
          ? { retention: row.retention, disposition: row.disposition, procedure: row.procedure }
          : null;
      byCode.set(row.code, { ...base, subseriesCode: null, subseriesName: null, rules: seriesRules });
      for (const child of row.subseries ?? []) {
        byCode.set(child.code, {
          ...base,
          subseriesCode: child.code,
          subseriesName: child.name,
          rules: { retention: child.retention, disposition: child.disposition, procedure: child.procedure },
        });
      }
    }
  }

  function classify(dependencia: string, code: string, field = 'trdCode'): TrdClassification {
    const found = byCode.get(code.trim());
    if (!found) {
      throw new CorrespondenceError(
        'TRD_DESCONOCIDA',
        `El código «${code}» no está en la Tabla de Retención Documental.`,
        field,
      );
    }
    if (found.dependencia !== dependencia) {
      throw new CorrespondenceError(
        'TRD_DE_OTRA_DEPENDENCIA',
        `El código «${code}» (${found.subseriesName ?? found.seriesName}) es de la tabla de otra dependencia, no de «${dependencia}».`,
        field,
      );
    }
    return found;
  }

  return {
    table,
    find: (code) => byCode.get(code),
    classify,
    classifyForExpediente(dependencia, code, field = 'trdCode') {
      const found = classify(dependencia, code, field);
      if (!found.rules) {
        throw new CorrespondenceError(
          'TRD_SIN_RETENCION',
          `La serie «${code}» (${found.seriesName}) se divide en subseries: elija una de ellas para el expediente.`,
          field,
        );
      }
      return found as TrdClassification & { rules: TrdLeafRules };
    },
    ofDependencia: (dependencia) => table.dependencias.find((office) => office.dependencia === dependencia),
  };
}
