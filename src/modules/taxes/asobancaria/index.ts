// Asobancaria 2001 collection files (bank → biller), taxes.md §5: read, check, write. Pure; the taxes
// service applies the payments of a valid file and stores the file hash.
export {
  DETAIL_LAYOUT,
  FILE_CONTROL_LAYOUT,
  FILE_HEADER_LAYOUT,
  LOT_CONTROL_LAYOUT,
  LOT_HEADER_LAYOUT,
  RECORD_LENGTH,
  type RecordType,
} from './asobancaria2001.layout.ts';
export {
  type AsobancariaDetail,
  type AsobancariaFileControl,
  type AsobancariaFileHeader,
  type AsobancariaLot,
  type AsobancariaLotControl,
  type AsobancariaLotHeader,
  normaliseReference,
  type ParsedAsobancaria2001,
  parseAsobancaria2001,
} from './asobancaria2001.parser.ts';
export {
  ASOBANCARIA_PROBLEM_CODES,
  type AsobancariaProblem,
  type AsobancariaProblemCode,
  AsobancariaWriteError,
} from './asobancaria2001.problems.ts';
export {
  type Asobancaria2001ImportReport,
  type Asobancaria2001Validation,
  type Asobancaria2001ValidationOptions,
  type AsobancariaPayment,
  type AsobancariaReportError,
  dryRunAsobancaria2001,
  listAsobancariaPayments,
  nitCheckDigit,
  nitMatches,
  toAsobancariaImportReport,
  validateAsobancaria2001,
} from './asobancaria2001.validate.ts';
export {
  type AsobancariaFileInput,
  type AsobancariaLotInput,
  type AsobancariaPaymentInput,
  writeAsobancaria2001,
} from './asobancaria2001.writer.ts';
export { COLOMBIAN_BANK_NAMES, findBankName } from './banks.ts';
