/**
 * The attribute table of a shapefile (dBase III/IV `.dbf`). Written here rather than taken from shpjs so
 * the text encoding is ours to choose (IGAC files are often Latin-1 with no `.cpg`) and so values come
 * out as the flat strings, numbers and booleans a layer property holds.
 */
import type { PropertyValue } from './layer-types.ts';
import { decodeWith, type TextEncodingName } from './text-encoding.ts';

export interface DbfField {
  name: string;
  type: string;
  length: number;
}

export interface DbfTable {
  fields: DbfField[];
  /** One entry per record, in file order; null for a record marked as deleted. */
  records: (Record<string, PropertyValue> | null)[];
}

export class DbfError extends Error {}

function value(type: string, text: string): PropertyValue {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  switch (type) {
    case 'N':
    case 'F': {
      const number = Number(trimmed);
      return Number.isFinite(number) ? number : null;
    }
    case 'L':
      if (/^[TtYy]$/.test(trimmed)) return true;
      if (/^[FfNn]$/.test(trimmed)) return false;
      return null;
    case 'D':
      return /^\d{8}$/.test(trimmed)
        ? `${trimmed.slice(0, 4)}-${trimmed.slice(4, 6)}-${trimmed.slice(6, 8)}`
        : null;
    default:
      return trimmed;
  }
}

/** The bytes of every record, for deciding the encoding when no `.cpg` names it. */
export function dbfRecordBytes(bytes: Uint8Array): Uint8Array {
  if (bytes.length < 32) return new Uint8Array(0);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return bytes.subarray(Math.min(view.getUint16(8, true), bytes.length));
}

export function readDbf(bytes: Uint8Array, encoding: TextEncodingName): DbfTable {
  if (bytes.length < 33) throw new DbfError('el archivo .dbf está vacío o incompleto');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const recordCount = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  if (headerLength < 33 || headerLength > bytes.length || recordLength < 1) {
    throw new DbfError('la cabecera del archivo .dbf no es válida');
  }
  const decode = (raw: Uint8Array) => decodeWith(raw, encoding);
  const fields: DbfField[] = [];
  // Field descriptors: 32 bytes each, until the 0x0D terminator.
  for (let offset = 32; offset + 32 <= headerLength && bytes[offset] !== 0x0d; offset += 32) {
    const nameBytes = bytes.subarray(offset, offset + 11);
    const end = nameBytes.indexOf(0);
    fields.push({
      name: decode(end === -1 ? nameBytes : nameBytes.subarray(0, end)).trim(),
      type: String.fromCharCode(bytes[offset + 11]!).toUpperCase(),
      length: bytes[offset + 16]!,
    });
  }
  const width = 1 + fields.reduce((sum, field) => sum + field.length, 0);
  if (fields.length === 0 || width > recordLength) {
    throw new DbfError('la cabecera del archivo .dbf no describe sus campos');
  }
  const available = Math.floor((bytes.length - headerLength) / recordLength);
  const records: (Record<string, PropertyValue> | null)[] = [];
  for (let i = 0; i < Math.min(recordCount, available); i += 1) {
    const start = headerLength + i * recordLength;
    if (bytes[start] === 0x2a) {
      records.push(null);
      continue;
    }
    const record: Record<string, PropertyValue> = {};
    let offset = start + 1;
    for (const field of fields) {
      // Memo and binary fields point into other files: there is nothing to read here.
      const raw = bytes.subarray(offset, offset + field.length);
      if (field.type === 'M' || field.type === 'B' || field.type === 'G') record[field.name] = null;
      // Visual FoxPro binary integers and doubles.
      else if ((field.type === 'I' || field.type === '+') && field.length === 4)
        record[field.name] = view.getInt32(offset, true);
      else if (field.type === 'O' && field.length === 8) record[field.name] = view.getFloat64(offset, true);
      else record[field.name] = value(field.type, decode(raw).replace(/\0/g, ''));
      offset += field.length;
    }
    records.push(record);
  }
  return { fields, records };
}
