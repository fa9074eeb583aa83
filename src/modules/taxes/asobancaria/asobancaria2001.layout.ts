/**
 * Record layout of the Asobancaria 2001 collection file (bank → biller), taxes.md §5. One table drives both
 * the parser and the writer, so the positions live in one place. Positions are 1-based, as in the doc.
 *
 * The three public sample files agree with these positions field by field (see testdata/SOURCE.md).
 */

/** Every record is 162 characters; the part after the used fields is reserved (spaces). */
export const RECORD_LENGTH = 162;

export const RECORD_TYPES = ['01', '05', '06', '08', '09'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];

export const RECORD_NAMES: Readonly<Record<RecordType, string>> = {
  '01': 'encabezado de archivo',
  '05': 'encabezado de lote',
  '06': 'detalle',
  '08': 'control de lote',
  '09': 'control de archivo',
};

/**
 * `digits`: zero-padded number, must be all digits. `date`: YYYYMMDD. `time`: HHMM. `text`: free ASCII.
 * Dates and times are read as text by the parser and checked by the validator, so a bad date names its
 * line instead of making the record unreadable.
 */
export type FieldKind = 'digits' | 'date' | 'time' | 'text';

export interface FieldSpec {
  readonly name: string;
  /** Spanish label used in error messages. */
  readonly label: string;
  readonly start: number;
  readonly length: number;
  readonly kind: FieldKind;
}

export interface RecordLayout {
  readonly type: RecordType;
  readonly fields: readonly FieldSpec[];
  /** Last position holding data; everything after it is reserved. */
  readonly usedLength: number;
  /**
   * Shortest acceptable record once trailing spaces are removed: the end of the last field that may not be
   * blank. Shorter means data is missing (truncated); longer but under 162 is only missing padding.
   */
  readonly minLength: number;
}

const field = (name: string, label: string, start: number, length: number, kind: FieldKind): FieldSpec => ({
  name,
  label,
  start,
  length,
  kind,
});

function layout(type: RecordType, fields: FieldSpec[], minLength?: number): RecordLayout {
  const last = fields[fields.length - 1]!;
  const usedLength = last.start + last.length - 1;
  return { type, fields, usedLength, minLength: minLength ?? usedLength };
}

export const FILE_HEADER_LAYOUT = layout('01', [
  field('recordType', 'tipo de registro', 1, 2, 'digits'),
  field('billerNit', 'NIT de la empresa recaudadora', 3, 10, 'digits'),
  field('collectionDate', 'fecha de recaudo', 13, 8, 'date'),
  field('bankCode', 'código de la entidad financiera', 21, 3, 'digits'),
  field('account', 'número de cuenta', 24, 17, 'text'),
  field('fileDate', 'fecha de generación del archivo', 41, 8, 'date'),
  field('fileTime', 'hora de generación del archivo', 49, 4, 'time'),
  field('modifier', 'modificador de archivo', 53, 1, 'text'),
  field('accountType', 'tipo de cuenta', 54, 2, 'digits'),
]);

export const LOT_HEADER_LAYOUT = layout('05', [
  field('recordType', 'tipo de registro', 1, 2, 'digits'),
  field('serviceCode', 'código del servicio recaudado', 3, 13, 'digits'),
  field('lotNumber', 'número de lote', 16, 4, 'digits'),
]);

// The return cause (95–97) is blank when there is none, so a detail whose trailing spaces were stripped
// ends at the sequence (94): that is complete, not truncated.
export const DETAIL_LAYOUT = layout(
  '06',
  [
    field('recordType', 'tipo de registro', 1, 2, 'digits'),
    field('reference', 'referencia principal del usuario', 3, 48, 'text'),
    field('amount', 'valor recaudado', 51, 14, 'digits'),
    field('origin', 'procedencia de pago', 65, 2, 'digits'),
    field('paymentMethod', 'medio de pago', 67, 2, 'digits'),
    field('operationNumber', 'número de operación', 69, 6, 'text'),
    field('authorizationNumber', 'número de autorización', 75, 6, 'text'),
    field('debitedBankCode', 'código de la entidad financiera debitada', 81, 3, 'text'),
    field('branchCode', 'código de sucursal', 84, 4, 'text'),
    field('sequence', 'secuencia', 88, 7, 'digits'),
    field('returnCause', 'causal de devolución', 95, 3, 'text'),
  ],
  94,
);

export const LOT_CONTROL_LAYOUT = layout('08', [
  field('recordType', 'tipo de registro', 1, 2, 'digits'),
  field('recordCount', 'total de registros del lote', 3, 9, 'digits'),
  field('total', 'valor total recaudado del lote', 12, 18, 'digits'),
  field('lotNumber', 'número de lote', 30, 4, 'digits'),
]);

export const FILE_CONTROL_LAYOUT = layout('09', [
  field('recordType', 'tipo de registro', 1, 2, 'digits'),
  field('recordCount', 'total de registros del archivo', 3, 9, 'digits'),
  field('total', 'valor total recaudado del archivo', 12, 18, 'digits'),
]);

export const LAYOUTS: Readonly<Record<RecordType, RecordLayout>> = {
  '01': FILE_HEADER_LAYOUT,
  '05': LOT_HEADER_LAYOUT,
  '06': DETAIL_LAYOUT,
  '08': LOT_CONTROL_LAYOUT,
  '09': FILE_CONTROL_LAYOUT,
};

export function isRecordType(value: string): value is RecordType {
  return (RECORD_TYPES as readonly string[]).includes(value);
}
