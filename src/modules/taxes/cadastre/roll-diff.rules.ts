// What re-importing a roll changes (issue 3: "re-importing a newer roll updates predios and avalúos without
// duplicates and reports what changed"). Pure: the service stores the result and applies it in one
// transaction. Predios are matched by the NPN, and by the old code only where one side has no NPN (the
// AMB's 2021 data has only the old code; later rolls have both). After a desenglobe several new predios
// carry the same old code; such groups are reported as ambiguous for a person to decide, never guessed.
import {
  CAMPOS_CATASTRALES,
  type CadastralRecord,
  type CampoCatastral,
  codigoDePredio,
} from './cadastral-record.ts';
import { CadastreError } from './cadastre.errors.ts';
import { identityOf } from './reader-support.ts';

/** One field that differs, with its value before and after. */
export type CambioDeCampo = {
  [K in CampoCatastral]: { campo: K; antes: CadastralRecord[K]; despues: CadastralRecord[K] };
}[CampoCatastral];

export interface PredioCambiado {
  actual: CadastralRecord;
  nuevo: CadastralRecord;
  cambios: CambioDeCampo[];
}

/** Predios that share an old code and cannot be paired one to one. */
export interface GrupoAmbiguo {
  numeroPredialAnterior: string;
  actuales: CadastralRecord[];
  nuevos: CadastralRecord[];
}

export interface RollDiff {
  /** In the new roll and not in the registry. */
  nuevos: CadastralRecord[];
  /** In the registry and not in the new roll (nor among the predios the reader could not read). */
  eliminados: CadastralRecord[];
  cambiados: PredioCambiado[];
  sinCambios: number;
  /** Left as they are and not added: a person must pair them (e.g. after a desenglobe). */
  ambiguos: GrupoAmbiguo[];
  /** Absent from the new roll because the reader rejected them: kept as they are. */
  protegidos: CadastralRecord[];
}

export interface RollDiffOptions {
  /**
   * Codes (30 or 20 digits) of predios the reader left out for errors (`predioCodesWithErrors`): a
   * registry predio with either code is neither removed nor changed.
   */
  codigosNoLeidos?: Iterable<string>;
}

/** JSON with object keys sorted, so values from any source (reader, database) compare alike. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Structural equality of plain data (keys in any order; an undefined key counts as absent). */
function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  const recordA = a as Record<string, unknown>;
  const recordB = b as Record<string, unknown>;
  const keysA = Object.keys(recordA).filter((k) => recordA[k] !== undefined);
  const keysB = Object.keys(recordB).filter((k) => recordB[k] !== undefined);
  return keysA.length === keysB.length && keysA.every((k) => deepEqual(recordA[k], recordB[k]));
}

/** Lists whose order carries no meaning: owners, zones and construction blocks. */
const UNORDERED_FIELDS: ReadonlySet<CampoCatastral> = new Set(['propietarios', 'zonas', 'construcciones']);

/** Whether two values of a field mean the same (owners, zones and constructions in any order). */
export function sameFieldValue<K extends CampoCatastral>(
  campo: K,
  a: CadastralRecord[K],
  b: CadastralRecord[K],
): boolean {
  // Fast paths: most fields are strings, numbers or null, and most lists are empty.
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) && Array.isArray(b) && a.length !== b.length) return false;
  if (UNORDERED_FIELDS.has(campo) && Array.isArray(a) && Array.isArray(b) && a.length > 1) {
    if (deepEqual(a, b)) return true;
    const sortedA = (a as unknown[]).map(canonicalJson).sort();
    const sortedB = (b as unknown[]).map(canonicalJson).sort();
    return sortedA.every((v, i) => v === sortedB[i]);
  }
  return deepEqual(a, b);
}

/** Whether two records hold the same cadastral content (all fields but `origen`). */
export function sameCadastralContent(a: CadastralRecord, b: CadastralRecord): boolean {
  return (
    a.municipio === b.municipio &&
    CAMPOS_CATASTRALES.every((campo) => sameFieldValue(campo, a[campo], b[campo]))
  );
}

/**
 * Whether `nuevo` says something about this field: its source carries it and, for the two codes, gives a
 * value. A predio's codes are corrected or added by a new roll, never erased: an empty NPN cell in a CSV
 * means "not given here", not "this predio lost its NPN".
 */
function carries(nuevo: CadastralRecord, campo: CampoCatastral): boolean {
  if (!nuevo.origen.campos.includes(campo)) return false;
  if (campo === 'numeroPredialNacional' || campo === 'numeroPredialAnterior') return nuevo[campo] !== null;
  return true;
}

/** The fields of `nuevo`'s source that differ from `actual`. */
export function fieldChanges(actual: CadastralRecord, nuevo: CadastralRecord): CambioDeCampo[] {
  const changes: CambioDeCampo[] = [];
  for (const campo of CAMPOS_CATASTRALES) {
    if (!carries(nuevo, campo)) continue;
    if (!sameFieldValue(campo, actual[campo], nuevo[campo])) {
      changes.push({ campo, antes: actual[campo], despues: nuevo[campo] } as CambioDeCampo);
    }
  }
  return changes;
}

/** `actual` with the fields `nuevo`'s source carries taken from `nuevo`; the rest is kept. */
export function mergeRecord(actual: CadastralRecord, nuevo: CadastralRecord): CadastralRecord {
  const merged: CadastralRecord = { ...actual, municipio: nuevo.municipio, origen: nuevo.origen };
  for (const campo of CAMPOS_CATASTRALES) {
    if (carries(nuevo, campo)) (merged as Record<CampoCatastral, unknown>)[campo] = nuevo[campo];
  }
  return merged;
}

function requireUnique(records: readonly CadastralRecord[], which: string): Map<string, CadastralRecord> {
  const byIdentity = new Map<string, CadastralRecord>();
  for (const record of records) {
    const identity = identityOf(record);
    if (byIdentity.has(identity)) {
      throw new CadastreError(
        'ROLL_DUPLICATE_PREDIO',
        `El predio ${codigoDePredio(record)} aparece dos veces en ${which}; no se puede comparar el padrón.`,
      );
    }
    byIdentity.set(identity, record);
  }
  return byIdentity;
}

/** Compares the registry of a municipality (`actuales`) with a newly read roll (`nuevos`). */
export function diffRoll(
  actuales: readonly CadastralRecord[],
  nuevos: readonly CadastralRecord[],
  options: RollDiffOptions = {},
): RollDiff {
  requireUnique(actuales, 'el registro actual');
  requireUnique(nuevos, 'el padrón nuevo');
  const unread = new Set(options.codigosNoLeidos ?? []);
  const currentByNpn = new Map<string, CadastralRecord>();
  const currentByAnterior = new Map<string, CadastralRecord[]>();
  for (const record of actuales) {
    if (record.numeroPredialNacional !== null) currentByNpn.set(record.numeroPredialNacional, record);
    if (record.numeroPredialAnterior !== null) {
      const list = currentByAnterior.get(record.numeroPredialAnterior) ?? [];
      list.push(record);
      currentByAnterior.set(record.numeroPredialAnterior, list);
    }
  }

  const pairs = new Map<CadastralRecord, CadastralRecord>(); // nuevo → actual
  const strongMatched = new Set<CadastralRecord>();
  const secondPass: CadastralRecord[] = [];
  // 1. Same NPN: the same predio.
  for (const nuevo of nuevos) {
    const match =
      nuevo.numeroPredialNacional === null ? undefined : currentByNpn.get(nuevo.numeroPredialNacional);
    if (match) {
      pairs.set(nuevo, match);
      strongMatched.add(match);
    } else {
      secondPass.push(nuevo);
    }
  }
  // 2. Same old code, where one of the two has no NPN, one to one only.
  const candidatesOf = new Map<CadastralRecord, CadastralRecord[]>();
  const claims = new Map<CadastralRecord, CadastralRecord[]>(); // actual → nuevos
  const ambiguousAnteriores = new Set<string>();
  for (const nuevo of secondPass) {
    const anterior = nuevo.numeroPredialAnterior;
    if (anterior === null) continue;
    const candidates = (currentByAnterior.get(anterior) ?? []).filter(
      (actual) =>
        !strongMatched.has(actual) &&
        (actual.numeroPredialNacional === null || nuevo.numeroPredialNacional === null),
    );
    candidatesOf.set(nuevo, candidates);
    if (candidates.length > 1) ambiguousAnteriores.add(anterior);
    for (const actual of candidates) claims.set(actual, [...(claims.get(actual) ?? []), nuevo]);
  }
  for (const [actual, claimants] of claims) {
    if (claimants.length > 1) ambiguousAnteriores.add(actual.numeroPredialAnterior!);
  }
  for (const nuevo of secondPass) {
    const candidates = candidatesOf.get(nuevo) ?? [];
    if (candidates.length === 1 && !ambiguousAnteriores.has(nuevo.numeroPredialAnterior!)) {
      pairs.set(nuevo, candidates[0]!);
    }
  }

  const ambiguos: GrupoAmbiguo[] = [...ambiguousAnteriores].map((numeroPredialAnterior) => {
    const groupNuevos = secondPass.filter(
      (n) => n.numeroPredialAnterior === numeroPredialAnterior && (candidatesOf.get(n)?.length ?? 0) > 0,
    );
    const groupActuales = new Set(groupNuevos.flatMap((n) => candidatesOf.get(n) ?? []));
    return {
      numeroPredialAnterior,
      actuales: actuales.filter((a) => groupActuales.has(a)),
      nuevos: groupNuevos,
    };
  });
  const inAmbiguity = new Set<CadastralRecord>(ambiguos.flatMap((g) => [...g.actuales, ...g.nuevos]));

  const diff: RollDiff = {
    nuevos: [],
    eliminados: [],
    cambiados: [],
    sinCambios: 0,
    ambiguos,
    protegidos: [],
  };
  const matched = new Set<CadastralRecord>(pairs.values());
  for (const nuevo of nuevos) {
    const actual = pairs.get(nuevo);
    if (actual) {
      const cambios = fieldChanges(actual, nuevo);
      if (cambios.length === 0) diff.sinCambios += 1;
      else diff.cambiados.push({ actual, nuevo, cambios });
    } else if (!inAmbiguity.has(nuevo)) {
      diff.nuevos.push(nuevo);
    }
  }
  for (const actual of actuales) {
    if (matched.has(actual) || inAmbiguity.has(actual)) continue;
    const isUnread =
      (actual.numeroPredialNacional !== null && unread.has(actual.numeroPredialNacional)) ||
      (actual.numeroPredialAnterior !== null && unread.has(actual.numeroPredialAnterior));
    if (isUnread) diff.protegidos.push(actual);
    else diff.eliminados.push(actual);
  }
  return diff;
}

/**
 * The registry after the diff: removed predios dropped, changed ones merged field by field, new ones
 * added, and everything else (unchanged, ambiguous, protected) kept as it was. Matching is by identity
 * code, so a diff that went through storage applies as well as the one in memory.
 */
export function applyRollDiff(actuales: readonly CadastralRecord[], diff: RollDiff): CadastralRecord[] {
  const removed = new Set(diff.eliminados.map(identityOf));
  const changed = new Map(diff.cambiados.map((c) => [identityOf(c.actual), c.nuevo]));
  const result: CadastralRecord[] = [];
  for (const actual of actuales) {
    const identity = identityOf(actual);
    if (removed.has(identity)) continue;
    const nuevo = changed.get(identity);
    result.push(nuevo ? mergeRecord(actual, nuevo) : actual);
  }
  result.push(...diff.nuevos);
  return result;
}
