import type { CalendarDate } from '../../../platform/calendar/index.ts';
import { nitCheckDigit } from '../../../platform/identity/document-number.rules.ts';
import { RECORD_NAMES, type RecordType } from './asobancaria2001.layout.ts';
import {
  type AsobancariaDetail,
  type AsobancariaLot,
  type ParsedAsobancaria2001,
  parseAsobancaria2001,
} from './asobancaria2001.parser.ts';
import {
  type AsobancariaProblem,
  type AsobancariaProblemCode,
  formatCents,
  problemError,
  problemWarning,
} from './asobancaria2001.problems.ts';
import { findBankName } from './banks.ts';

export interface Asobancaria2001ValidationOptions {
  /**
   * The biller's NIT as configured (`890201222-0`, `890.201.222-0` or digits). The 01 header must carry it,
   * with or without its check digit.
   */
  readonly billerNit?: string;
  /** Service codes (EAN-13/GLN) agreed with the banks; a lot for any other service is rejected. */
  readonly serviceCodes?: readonly string[];
  /**
   * Payment references the platform knows (normalised: no zero padding). A detail for any other reference
   * is rejected. Synchronous on purpose: the service looks the file's references up first, then validates.
   */
  readonly knownReferences?: ReadonlySet<string> | ((reference: string) => boolean);
  /** True when a file with this `contentSha256` was already imported: the whole file is rejected. */
  readonly isDuplicateFile?: (contentSha256: string) => boolean;
  /** Today in Bogotá (YYYY-MM-DD). When given, a collection date after it is rejected. */
  readonly today?: string;
  /** Bank code → name; defaults to banks.ts. An unknown code is a warning, not an error. */
  readonly bankNames?: Readonly<Record<string, string>>;
  /** At most this many errors are listed (default 1000); the rest are counted in one TOO_MANY_ERRORS. */
  readonly maxErrors?: number;
}

export interface AsobancariaReportError {
  readonly line: number | null;
  readonly code: AsobancariaProblemCode;
  readonly detail: string;
}

export interface Asobancaria2001Validation {
  /** True when there is no error: the file may be applied whole. */
  readonly valid: boolean;
  readonly bank: { readonly code: string; readonly name: string | null } | null;
  readonly collectionDate: CalendarDate | null;
  /** Number of lots (05…08 groups) read. */
  readonly lots: number;
  /** Number of detail records (06) read. */
  readonly records: number;
  /** Sum of the details read, in whole pesos (a file with cents is invalid anyway). */
  readonly total: number;
  /** Sorted by line; file-wide errors (line null) last. */
  readonly errors: AsobancariaReportError[];
  readonly warnings: AsobancariaReportError[];
}

/** What `payments:import-asobancaria FILE --json` prints, key for key. */
export interface Asobancaria2001ImportReport {
  readonly valid: boolean;
  readonly bank: { readonly code: string; readonly name: string | null } | null;
  readonly collectionDate: CalendarDate | null;
  readonly lots: number;
  readonly records: number;
  readonly total: number;
  readonly applied: number;
  readonly errors: AsobancariaReportError[];
}

const DEFAULT_MAX_ERRORS = 1000;

/**
 * Checks a parsed file against taxes.md §5 and §5.2.1: record order, lengths, control counts and totals per
 * lot and per file, dates that exist, numeric amounts, duplicate references, and the injected checks
 * (biller NIT, service codes, known bills, file already imported). Pure: no I/O, never throws.
 */
export function validateAsobancaria2001(
  parsed: ParsedAsobancaria2001,
  options: Asobancaria2001ValidationOptions = {},
): Asobancaria2001Validation {
  const problems: AsobancariaProblem[] = [...parsed.problems];
  const report = (problem: AsobancariaProblem) => problems.push(problem);

  checkRecordOrder(parsed, report);
  checkFileHeader(parsed, options, report);
  checkLots(parsed.lots, options, report);
  checkDetails(parsed.lots, options, report);
  const { records, totalPesos } = checkFileControl(parsed, report);

  if (options.isDuplicateFile?.(parsed.contentSha256)) {
    report(
      problemError(
        null,
        'DUPLICATE_FILE',
        'Este archivo ya fue cargado (mismo contenido); no se aplica de nuevo.',
      ),
    );
  }
  if (totalPesos > BigInt(Number.MAX_SAFE_INTEGER)) {
    report(
      problemError(
        null,
        'TOTAL_OUT_OF_RANGE',
        `El total del archivo (${formatCents(totalPesos * 100n)}) excede lo que el sistema puede registrar.`,
      ),
    );
  }

  const header = parsed.header;
  const bankNames = options.bankNames;
  const errors = limit(sortByLine(problems.filter((p) => p.severity === 'error')), options.maxErrors);
  return {
    valid: errors.length === 0,
    bank: header ? { code: header.bankCode, name: findBankName(header.bankCode, bankNames) } : null,
    collectionDate: header?.collectionDate ?? null,
    lots: parsed.lots.length,
    records,
    total: Number(totalPesos),
    errors,
    warnings: sortByLine(problems.filter((p) => p.severity === 'warning')),
  };
}

/** The object the CLI prints (and the upload route returns): `applied` is 0 in a dry run. */
export function toAsobancariaImportReport(
  validation: Asobancaria2001Validation,
  applied = 0,
): Asobancaria2001ImportReport {
  return {
    valid: validation.valid,
    bank: validation.bank,
    collectionDate: validation.collectionDate,
    lots: validation.lots,
    records: validation.records,
    total: validation.total,
    applied,
    errors: validation.errors,
  };
}

/** Parse + validate + report, as `payments:import-asobancaria FILE --dry-run --json` prints it. */
export function dryRunAsobancaria2001(
  content: string | Buffer,
  options: Asobancaria2001ValidationOptions = {},
): Asobancaria2001ImportReport {
  return toAsobancariaImportReport(validateAsobancaria2001(parseAsobancaria2001(content), options), 0);
}

type Report = (problem: AsobancariaProblem) => void;

// ---------------------------------------------------------------------------------------------------------
// Record order: 01, (05, 06+, 08)+, 09. Each kind of disorder has its own code and names the line where the
// reader notices it; after reporting, the machine resynchronises on the record found so one mistake gives
// one error, not a cascade.

type OrderState = 'start' | RecordType;

function checkRecordOrder(parsed: ParsedAsobancaria2001, report: Report): void {
  let state: OrderState = 'start';
  let openLotLine = 0;
  let lastLine = 0;
  const missingLotControl = (nextLine: number | null, found: string) =>
    report(
      problemError(
        openLotLine,
        'MISSING_LOT_CONTROL',
        `Línea ${openLotLine}: el lote que empieza aquí no tiene registro de control 08` +
          (nextLine === null ? ' (el archivo termina antes).' : ` (en la línea ${nextLine} sigue ${found}).`),
      ),
    );

  for (const record of parsed.records) {
    const type = record.type;
    const line = record.line;
    if (type !== '01' && type !== '05' && type !== '06' && type !== '08' && type !== '09') continue;
    lastLine = line;

    if (state === '09') {
      report(
        problemError(
          line,
          'RECORD_AFTER_FILE_CONTROL',
          `Línea ${line}: registro ${type} después del control de archivo 09; el 09 debe ser el último.`,
        ),
      );
      continue;
    }
    if (state === 'start' && type !== '01') {
      report(
        problemError(
          line,
          'MISSING_FILE_HEADER',
          `Línea ${line}: el archivo debe empezar con el encabezado 01 y empieza con ${type} ` +
            `(${RECORD_NAMES[type]}).`,
        ),
      );
      state = '01';
    }

    switch (type) {
      case '01':
        if (state !== 'start') {
          report(
            problemError(
              line,
              'DUPLICATE_FILE_HEADER',
              `Línea ${line}: segundo encabezado de archivo 01; solo puede haber uno, al comienzo.`,
            ),
          );
          continue;
        }
        state = '01';
        continue;
      case '05':
        if (state === '05' || state === '06') missingLotControl(line, 'otro encabezado de lote 05');
        openLotLine = line;
        state = '05';
        continue;
      case '06':
        if (state === '01' || state === '08') {
          report(
            problemError(
              line,
              'MISSING_LOT_HEADER',
              `Línea ${line}: detalle 06 fuera de un lote; falta el encabezado de lote 05 antes.`,
            ),
          );
          openLotLine = line;
        }
        state = '06';
        continue;
      case '08':
        if (state === '05') {
          report(
            problemError(
              openLotLine,
              'EMPTY_LOT',
              `Línea ${openLotLine}: el lote no tiene ningún detalle 06 (su control está en la línea ${line}).`,
            ),
          );
        } else if (state === '01' || state === '08') {
          report(
            problemError(
              line,
              'MISSING_LOT_HEADER',
              `Línea ${line}: control de lote 08 sin lote abierto; falta el encabezado de lote 05.`,
            ),
          );
        }
        state = '08';
        continue;
      case '09':
        if (state === '05' || state === '06') missingLotControl(line, 'el control de archivo 09');
        if (state === '01') {
          report(problemError(line, 'NO_LOTS', `Línea ${line}: el archivo no contiene ningún lote (05…08).`));
        }
        state = '09';
        continue;
    }
  }

  if (state === 'start' || state === '09') return; // empty file: the parser already said EMPTY_FILE
  if (state === '05' || state === '06') missingLotControl(null, '');
  if (state === '01') {
    report(
      problemError(lastLine, 'NO_LOTS', `Línea ${lastLine}: el archivo no contiene ningún lote (05…08).`),
    );
  }
  report(
    problemError(
      lastLine,
      'MISSING_FILE_CONTROL',
      `Línea ${lastLine}: el archivo termina aquí sin el registro de control de archivo 09.`,
    ),
  );
}

// ---------------------------------------------------------------------------------------------------------

function checkFileHeader(
  parsed: ParsedAsobancaria2001,
  options: Asobancaria2001ValidationOptions,
  report: Report,
): void {
  const header = parsed.header;
  if (!header) return; // missing or unreadable: already reported
  const line = header.line;

  if (!header.collectionDate) {
    report(
      problemError(
        line,
        'INVALID_DATE',
        `Línea ${line}, posiciones 13–20: la fecha de recaudo "${header.collectionDateRaw}" no es una fecha ` +
          'válida (AAAAMMDD).',
      ),
    );
  }
  if (!header.fileDate) {
    report(
      problemError(
        line,
        'INVALID_DATE',
        `Línea ${line}, posiciones 41–48: la fecha de generación del archivo "${header.fileDateRaw}" no es ` +
          'una fecha válida (AAAAMMDD).',
      ),
    );
  }
  if (!header.fileTime) {
    report(
      problemError(
        line,
        'INVALID_TIME',
        `Línea ${line}, posiciones 49–52: la hora de generación "${header.fileTimeRaw}" no es una hora ` +
          'válida (HHMM).',
      ),
    );
  }
  if (header.collectionDate && options.today && header.collectionDate > options.today) {
    report(
      problemError(
        line,
        'COLLECTION_DATE_IN_FUTURE',
        `Línea ${line}: la fecha de recaudo ${header.collectionDate} es posterior a hoy (${options.today}).`,
      ),
    );
  }
  // A bank reports the day's collection afterwards; an earlier file date is odd but not proof of an error.
  if (header.collectionDate && header.fileDate && header.fileDate < header.collectionDate) {
    report(
      problemWarning(
        line,
        'FILE_DATE_BEFORE_COLLECTION',
        `Línea ${line}: el archivo se generó el ${header.fileDate}, antes de la fecha de recaudo ` +
          `${header.collectionDate}.`,
      ),
    );
  }
  if (options.billerNit !== undefined && !nitMatches(header.billerNit, options.billerNit)) {
    report(
      problemError(
        line,
        'BILLER_NIT_MISMATCH',
        `Línea ${line}, posiciones 3–12: el NIT del recaudador "${header.billerNit}" no corresponde al ` +
          `configurado (${options.billerNit}).`,
      ),
    );
  }
  if (findBankName(header.bankCode, options.bankNames) === null) {
    report(
      problemWarning(
        line,
        'UNKNOWN_BANK',
        `Línea ${line}, posiciones 21–23: código de entidad financiera ${header.bankCode} desconocido.`,
      ),
    );
  }
}

/**
 * The 10-digit header field is zero-padded; public samples hold NIT + check digit (9006491199 = NIT
 * 900649119, DV 9), others may hold the bare NIT. Both are accepted, as is the configured value verbatim.
 */
export function nitMatches(headerNit: string, configuredNit: string): boolean {
  const written = headerNit.replace(/^0+/, '');
  const [basePart = '', dvPart] = configuredNit.replace(/[.\s]/g, '').split('-');
  const base = basePart.replace(/\D/g, '').replace(/^0+/, '');
  if (base === '') return false;
  const accepted = new Set([base, `${base}${nitCheckDigit(base)}`]);
  if (dvPart !== undefined && /^\d$/.test(dvPart)) accepted.add(`${base}${dvPart}`);
  return accepted.has(written);
}

// The DIAN check digit lives with the identity documents; re-exported for this folder's callers.
export { nitCheckDigit };

// ---------------------------------------------------------------------------------------------------------

function checkLots(
  lots: readonly AsobancariaLot[],
  options: Asobancaria2001ValidationOptions,
  report: Report,
): void {
  const lotNumbers = new Map<number, number>();
  for (const lot of lots) {
    const { header, control } = lot;
    if (header) {
      const firstLine = lotNumbers.get(header.lotNumber);
      if (firstLine !== undefined) {
        report(
          problemError(
            header.line,
            'DUPLICATE_LOT_NUMBER',
            `Línea ${header.line}: el número de lote ${header.lotNumber} ya se usó en la línea ${firstLine}.`,
          ),
        );
      } else {
        lotNumbers.set(header.lotNumber, header.line);
      }
      if (options.serviceCodes && !options.serviceCodes.includes(header.serviceCode)) {
        report(
          problemError(
            header.line,
            'UNKNOWN_SERVICE_CODE',
            `Línea ${header.line}, posiciones 3–15: el código de servicio ${header.serviceCode} no es uno de ` +
              'los convenidos con los bancos.',
          ),
        );
      }
    }
    if (!control) continue;
    if (header && control.lotNumber !== header.lotNumber) {
      report(
        problemError(
          control.line,
          'LOT_NUMBER_MISMATCH',
          `Línea ${control.line}: el control dice lote ${control.lotNumber} y el encabezado de la línea ` +
            `${header.line} dice lote ${header.lotNumber}.`,
        ),
      );
    }
    // With an unreadable record the lot's real count and sum are unknown; its own error already rejects it.
    if (lot.unreadableLines.length > 0) continue;
    const count = lot.details.length;
    if (control.recordCount !== count) {
      report(
        problemError(
          control.line,
          'LOT_COUNT_MISMATCH',
          `Línea ${control.line}: el control de lote declara ${control.recordCount} ` +
            `${plural(control.recordCount)} y el lote tiene ${count} ${plural(count)} de detalle.`,
        ),
      );
    }
    const declared = control.total * 100n + BigInt(control.totalCents);
    const actual = sumCents(lot.details);
    if (declared !== actual) {
      report(
        problemError(
          control.line,
          'LOT_TOTAL_MISMATCH',
          `Línea ${control.line}: el control de lote declara un total de ${formatCents(declared)} y los ` +
            `detalles del lote suman ${formatCents(actual)}.`,
        ),
      );
    }
  }
}

function checkDetails(
  lots: readonly AsobancariaLot[],
  options: Asobancaria2001ValidationOptions,
  report: Report,
): void {
  const firstLineOfReference = new Map<string, number>();
  const known = options.knownReferences;
  const isKnown =
    known === undefined ? undefined : typeof known === 'function' ? known : (ref: string) => known.has(ref);

  for (const detail of lots.flatMap((lot) => lot.details)) {
    const line = detail.line;
    if (detail.amount === 0 && detail.cents === 0) {
      report(problemError(line, 'AMOUNT_ZERO', `Línea ${line}: el valor recaudado es cero.`));
    }
    if (detail.returnCause !== '' && !/^0+$/.test(detail.returnCause)) {
      report(
        problemWarning(
          line,
          'PAYMENT_RETURNED',
          `Línea ${line}: el detalle trae causal de devolución ${detail.returnCause}.`,
        ),
      );
    }
    const reference = detail.reference;
    if (reference === '') {
      report(
        problemError(line, 'MISSING_REFERENCE', `Línea ${line}: el detalle no trae referencia de pago.`),
      );
      continue;
    }
    if (!/^[0-9A-Za-z-]+$/.test(reference)) {
      report(
        problemError(
          line,
          'INVALID_REFERENCE',
          `Línea ${line}: la referencia "${reference}" tiene caracteres no permitidos (solo letras, dígitos ` +
            'y guion).',
        ),
      );
      continue;
    }
    const firstLine = firstLineOfReference.get(reference);
    if (firstLine !== undefined) {
      report(
        problemError(
          line,
          'DUPLICATE_REFERENCE',
          `Línea ${line}: la referencia ${reference} ya aparece en la línea ${firstLine} del mismo archivo.`,
        ),
      );
    } else {
      firstLineOfReference.set(reference, line);
    }
    if (isKnown && !isKnown(reference)) {
      report(
        problemError(
          line,
          'UNKNOWN_REFERENCE',
          `Línea ${line}: la referencia ${reference} no corresponde a ninguna factura.`,
        ),
      );
    }
  }
}

/**
 * The 09 against what the file really holds (Σ 06). taxes.md §5.2.1 says 09 = Σ 08: the same thing whenever
 * every 08 is right (each 08 is checked against its own 06), and when an 08 is wrong this names the line
 * that is wrong instead of blaming a correct 09. The message also gives Σ 08 when it differs.
 */
function checkFileControl(
  parsed: ParsedAsobancaria2001,
  report: Report,
): { records: number; totalPesos: bigint } {
  const allDetails = parsed.lots.flatMap((lot) => lot.details);
  const records = allDetails.length;
  const totalPesos = allDetails.reduce((sum, detail) => sum + BigInt(detail.amount), 0n);

  const control = parsed.fileControl;
  // With an unreadable record the real count and sum are unknown; that record's error rejects the file.
  const anyUnreadable = parsed.lots.some((lot) => lot.unreadableLines.length > 0);
  if (!control || anyUnreadable) return { records, totalPesos };

  let lotControlCount = 0;
  let lotControlCents = 0n;
  for (const lot of parsed.lots) {
    lotControlCount += lot.control ? lot.control.recordCount : lot.details.length;
    lotControlCents += lot.control
      ? lot.control.total * 100n + BigInt(lot.control.totalCents)
      : sumCents(lot.details);
  }
  const line = control.line;
  if (control.recordCount !== records) {
    const lotsSay = lotControlCount === records ? '' : ` (los controles de lote 08 suman ${lotControlCount})`;
    report(
      problemError(
        line,
        'FILE_COUNT_MISMATCH',
        `Línea ${line}: el control de archivo declara ${control.recordCount} ${plural(control.recordCount)} ` +
          `y el archivo tiene ${records} ${plural(records)} de detalle${lotsSay}.`,
      ),
    );
  }
  const declared = control.total * 100n + BigInt(control.totalCents);
  const actual = sumCents(allDetails);
  if (declared !== actual) {
    const lotsSay =
      lotControlCents === actual ? '' : ` (los controles de lote 08 suman ${formatCents(lotControlCents)})`;
    report(
      problemError(
        line,
        'FILE_TOTAL_MISMATCH',
        `Línea ${line}: el control de archivo declara un total de ${formatCents(declared)} y los detalles ` +
          `del archivo suman ${formatCents(actual)}${lotsSay}.`,
      ),
    );
  }
  return { records, totalPesos };
}

const plural = (count: number): string => (count === 1 ? 'registro' : 'registros');

function sumCents(details: readonly AsobancariaDetail[]): bigint {
  return details.reduce((sum, detail) => sum + BigInt(detail.amount) * 100n + BigInt(detail.cents), 0n);
}

function sortByLine(problems: readonly AsobancariaProblem[]): AsobancariaReportError[] {
  return problems
    .map((problem, order) => ({ problem, order }))
    .sort((a, b) => {
      const lineA = a.problem.line ?? Number.POSITIVE_INFINITY;
      const lineB = b.problem.line ?? Number.POSITIVE_INFINITY;
      return lineA === lineB ? a.order - b.order : lineA - lineB;
    })
    .map(({ problem }) => ({ line: problem.line, code: problem.code, detail: problem.detail }));
}

function limit(errors: AsobancariaReportError[], maxErrors = DEFAULT_MAX_ERRORS): AsobancariaReportError[] {
  if (errors.length <= maxErrors) return errors;
  const kept = errors.slice(0, maxErrors);
  kept.push({
    line: null,
    code: 'TOO_MANY_ERRORS',
    detail: `Hay ${errors.length - maxErrors} errores más que no se listan; corrija los anteriores primero.`,
  });
  return kept;
}

// ---------------------------------------------------------------------------------------------------------

/** One detail ready for the service to apply, with what it needs from its headers. */
export interface AsobancariaPayment {
  readonly line: number;
  readonly bankCode: string;
  readonly collectionDate: CalendarDate | null;
  readonly lotNumber: number | null;
  readonly serviceCode: string | null;
  readonly reference: string;
  readonly amount: number;
  readonly origin: string;
  readonly paymentMethod: string;
  readonly operationNumber: string;
  readonly authorizationNumber: string;
  readonly debitedBankCode: string;
  readonly branchCode: string;
  readonly sequence: number;
  readonly returnCause: string;
  /**
   * taxes.md §5.2.2: bank, collection date, lot, sequence, reference and amount. The same payment in a
   * re-sent file gets the same key, so a unique index on it stops a double posting.
   */
  readonly idempotencyKey: string;
}

/** The details of a parsed file, flattened, in file order. Apply only those of a valid file. */
export function listAsobancariaPayments(parsed: ParsedAsobancaria2001): AsobancariaPayment[] {
  const bankCode = parsed.header?.bankCode ?? '';
  const collectionDate = parsed.header?.collectionDate ?? null;
  return parsed.lots.flatMap((lot) =>
    lot.details.map((detail) => {
      const lotNumber = lot.header?.lotNumber ?? null;
      return {
        line: detail.line,
        bankCode,
        collectionDate,
        lotNumber,
        serviceCode: lot.header?.serviceCode ?? null,
        reference: detail.reference,
        amount: detail.amount,
        origin: detail.origin,
        paymentMethod: detail.paymentMethod,
        operationNumber: detail.operationNumber,
        authorizationNumber: detail.authorizationNumber,
        debitedBankCode: detail.debitedBankCode,
        branchCode: detail.branchCode,
        sequence: detail.sequence,
        returnCause: detail.returnCause,
        idempotencyKey: [
          'asobancaria2001',
          bankCode,
          collectionDate ?? '',
          lotNumber ?? '',
          detail.sequence,
          detail.reference,
          detail.amount,
        ].join(':'),
      };
    }),
  );
}
