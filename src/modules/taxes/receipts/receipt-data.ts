/**
 * What a predial receipt (factura / liquidación oficial, taxes.md §1.6) shows, as plain data: the caller
 * (the liquidation service) computes every figure; the renderer only checks and prints. Money is integer
 * pesos. Texts are printed as given (a masked document number stays masked).
 *
 * Barcodes: each pay-by option carries its barcode already encoded (`makeReceiptPayOption` builds it
 * with `encodeReceiptBarcode`, taxes.md §4), because the GLN and the amount padding are per-convenio
 * configuration that the renderer should not know. The renderer still re-encodes every barcode from its
 * parts and refuses the receipt when the printed line, the bill's reference, the option's date or its
 * total disagree: a receipt whose bars charge another amount than the one printed must never leave.
 */
import { isCalendarDate } from '../../../platform/calendar/index.ts';
import { AppError } from '../../../platform/http/errors.ts';
import {
  BarcodeError,
  encodeReceiptBarcode,
  isValidPaymentReference,
  type ReceiptBarcodeFormat,
} from '../barcode/index.ts';

export interface ReceiptIssuer {
  /** e.g. `Alcaldía de Bucaramanga`. */
  entityName: string;
  /** Office that issues the bill, printed under the contact details. Default `Secretaría de Hacienda`. */
  office?: string;
  municipality: string;
  department: string;
  nit: string | null;
  address?: string;
  phone?: string;
  /** Where the taxpayer pays online (PSE), e.g. `www.bucaramanga.gov.co`. */
  website?: string;
}

export interface ReceiptBill {
  /** Bill number as printed (`2026-0012345`). */
  number: string;
  /** Payment reference, AI (8020) of every barcode (taxes.md §4.1). */
  paymentReference: string;
  issuedAt: Date;
  /** Last day any option of this bill can be paid, `YYYY-MM-DD`. */
  expiresOn: string;
  /** Vigencias the bill covers (current and arrears). */
  vigencias: number[];
}

export interface ReceiptAvaluo {
  vigencia: number;
  /** Avalúo catastral, integer pesos. */
  valor: number;
}

export interface ReceiptPredio {
  /** Número predial nacional (30 digits) or ficha catastral. */
  numeroPredial: string;
  numeroPredialAnterior: string | null;
  direccion: string;
  barrio: string | null;
  comuna: string | null;
  /** Printed label of the destino económico, e.g. `Habitacional`. */
  destino: string;
  estrato: number | null;
  areaTerrenoM2: number;
  areaConstruidaM2: number;
  /** One per vigencia the bill covers, newest first or in any order (printed newest first). */
  avaluos: ReceiptAvaluo[];
  /** Tariff applied to the current vigencia, per mil (§1.6), when the caller wants it printed. */
  tarifaPorMil?: number;
}

export interface ReceiptOwner {
  nombre: string;
  /** As it must be printed, e.g. `C.C. 91.2••.•••` or `NIT 900.123.456-7`. */
  documento: string;
}

/** One row of the liquidation: a concept of one vigencia. total = capital + interest − discount − relief. */
export interface ReceiptLine {
  vigencia: number;
  /** e.g. `Impuesto predial unificado`, `Sobretasa ambiental (CDMB)`. */
  concept: string;
  capital: number;
  interest: number;
  /** Early-payment discount, as a positive amount that is subtracted. */
  discount: number;
  /** Relief (alivio) on interest or capital, as a positive amount that is subtracted. */
  relief: number;
  total: number;
}

/** The barcode of one pay-by option: its parts and the human-readable line printed under the bars. */
export interface ReceiptBarcode {
  /** `(415)…(8020)…(3900)…(96)…` exactly as `encodeReceiptBarcode` returns it. */
  humanReadable: string;
  gln: string;
  reference: string;
  /** Integer pesos. */
  amount: number;
  /** `YYYY-MM-DD`. */
  dueDate: string;
}

export interface ReceiptPayOption {
  /** Last day this total is accepted, `YYYY-MM-DD`. */
  payBy: string;
  /** e.g. `Con descuento del 10 %`, `Sin descuento`. */
  label: string;
  /** Integer pesos. */
  total: number;
  barcode: ReceiptBarcode;
}

export interface PredialReceiptData {
  issuer: ReceiptIssuer;
  bill: ReceiptBill;
  predio: ReceiptPredio;
  owners: ReceiptOwner[];
  lines: ReceiptLine[];
  /** 1 to 4 pay-by options, in date order; each gets its own barcode. */
  options: ReceiptPayOption[];
  /** Public verification page of this bill; the QR points here. */
  verifyUrl: string;
  /** Legal notes (acuerdo, mérito ejecutivo, recursos…), one paragraph each. */
  notes: string[];
}

/** Most options one receipt prints; more would not fit the payment coupon of one page. */
export const MAX_PAY_OPTIONS = 4;

/** Bad receipt data (HTTP 400). `field` is the path in PredialReceiptData, e.g. `lines[2].capital`. */
export class ReceiptDataError extends AppError {
  constructor(detail: string, field: string) {
    super(400, 'RECEIPT_INVALID_DATA', detail, field);
    this.name = 'ReceiptDataError';
  }
}

/** Builds a pay-by option with its barcode (taxes.md §4): GLN of the collector and padding from config. */
export function makeReceiptPayOption(
  option: { payBy: string; label: string; total: number },
  collector: { gln: string; reference: string } & ReceiptBarcodeFormat,
): ReceiptPayOption {
  const encoded = encodeReceiptBarcode(
    { gln: collector.gln, reference: collector.reference, amountPesos: option.total, dueDate: option.payBy },
    collector.amountLength === undefined ? {} : { amountLength: collector.amountLength },
  );
  return {
    ...option,
    barcode: {
      humanReadable: encoded.humanReadable,
      gln: collector.gln,
      reference: collector.reference,
      amount: option.total,
      dueDate: option.payBy,
    },
  };
}

// ───────────────────────────── validation ─────────────────────────────

/**
 * Checks everything the renderer relies on and returns the scanner data of each option's barcode
 * (what the bars encode). Throws ReceiptDataError naming the first bad field.
 */
export function checkPredialReceiptData(data: PredialReceiptData): { scannerData: string[] } {
  if (!isObject(data)) fail('data', 'No se recibieron los datos de la factura (data).');
  checkIssuer(data.issuer);
  checkBill(data.bill);
  checkPredio(data.predio);
  checkOwners(data.owners);
  checkLines(data.lines);
  const scannerData = checkOptions(data.options, data.bill.paymentReference);
  checkUrl(data.verifyUrl, 'verifyUrl', 'la dirección de verificación (código QR)');
  if (!Array.isArray(data.notes))
    fail('notes', 'Las notas (notes) deben ser una lista de textos; puede estar vacía.');
  data.notes.forEach((note, index) => {
    if (typeof note !== 'string')
      fail(`notes[${index}]`, `La nota ${index + 1} (notes[${index}]) debe ser un texto.`);
  });
  return { scannerData };
}

function fail(field: string, detail: string): never {
  throw new ReceiptDataError(detail, field);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** One printed line of text: no line breaks or control characters (they would break the layout). */
function checkText(value: unknown, field: string, what: string, optional = false): void {
  if (optional && (value === undefined || value === null)) return;
  if (typeof value !== 'string' || value.trim() === '') {
    fail(field, `Falta ${what} (${field}): debe ser un texto no vacío.`);
  }
  if (/\p{Cc}/u.test(value)) {
    fail(field, `${capitalize(what)} (${field}) no puede tener saltos de línea ni caracteres de control.`);
  }
}

function checkPesos(value: unknown, field: string, what: string): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    fail(
      field,
      `${capitalize(what)} (${field}) debe ser un valor entero en pesos, mayor o igual a cero (recibido: ${String(value)}).`,
    );
  }
}

function checkYear(value: unknown, field: string, what: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1900 || value > 2999) {
    fail(
      field,
      `${capitalize(what)} (${field}) debe ser un año de cuatro cifras (recibido: ${String(value)}).`,
    );
  }
}

function checkDate(value: unknown, field: string, what: string): void {
  if (!isCalendarDate(value)) {
    fail(
      field,
      `${capitalize(what)} (${field}) debe ser una fecha real en formato AAAA-MM-DD (recibido: ${JSON.stringify(value)}).`,
    );
  }
}

function checkArea(value: unknown, field: string, what: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    fail(
      field,
      `${capitalize(what)} (${field}) debe ser un número de metros cuadrados mayor o igual a cero.`,
    );
  }
}

function checkUrl(value: unknown, field: string, what: string): void {
  let valid = false;
  if (typeof value === 'string') {
    try {
      valid = ['https:', 'http:'].includes(new URL(value).protocol);
    } catch {
      valid = false;
    }
  }
  if (!valid) fail(field, `${capitalize(what)} (${field}) debe ser una URL http(s) completa.`);
}

function checkList(value: unknown, field: string, what: string): asserts value is unknown[] {
  if (!Array.isArray(value) || value.length === 0)
    fail(field, `La factura debe tener al menos ${what} (${field}).`);
}

function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase('es-CO') + text.slice(1);
}

function checkIssuer(issuer: ReceiptIssuer): void {
  if (!isObject(issuer)) fail('issuer', 'Faltan los datos de la entidad que expide la factura (issuer).');
  checkText(issuer.entityName, 'issuer.entityName', 'el nombre de la entidad');
  checkText(issuer.office, 'issuer.office', 'la dependencia que expide la factura', true);
  checkText(issuer.municipality, 'issuer.municipality', 'el municipio');
  checkText(issuer.department, 'issuer.department', 'el departamento');
  checkText(issuer.nit, 'issuer.nit', 'el NIT de la entidad', true);
  checkText(issuer.address, 'issuer.address', 'la dirección de la entidad', true);
  checkText(issuer.phone, 'issuer.phone', 'el teléfono de la entidad', true);
  checkText(issuer.website, 'issuer.website', 'el sitio web de la entidad', true);
}

function checkBill(bill: ReceiptBill): void {
  if (!isObject(bill)) fail('bill', 'Faltan los datos de la factura (bill).');
  checkText(bill.number, 'bill.number', 'el número de la factura');
  if (typeof bill.paymentReference !== 'string' || !isValidPaymentReference(bill.paymentReference)) {
    fail(
      'bill.paymentReference',
      `La referencia de pago (bill.paymentReference) debe tener de 2 a 25 dígitos con dígito de verificación válido (recibido: ${JSON.stringify(bill.paymentReference)}).`,
    );
  }
  if (!(bill.issuedAt instanceof Date) || Number.isNaN(bill.issuedAt.getTime())) {
    fail('bill.issuedAt', 'La fecha de expedición (bill.issuedAt) debe ser una fecha y hora válida.');
  }
  checkDate(bill.expiresOn, 'bill.expiresOn', 'la fecha de vencimiento de la factura');
  checkList(bill.vigencias, 'bill.vigencias', 'una vigencia liquidada');
  bill.vigencias.forEach((year, index) => {
    checkYear(year, `bill.vigencias[${index}]`, 'la vigencia');
  });
}

function checkPredio(predio: ReceiptPredio): void {
  if (!isObject(predio)) fail('predio', 'Faltan los datos del predio (predio).');
  checkText(predio.numeroPredial, 'predio.numeroPredial', 'el número predial');
  checkText(predio.numeroPredialAnterior, 'predio.numeroPredialAnterior', 'el número predial anterior', true);
  checkText(predio.direccion, 'predio.direccion', 'la dirección del predio');
  checkText(predio.barrio, 'predio.barrio', 'el barrio', true);
  checkText(predio.comuna, 'predio.comuna', 'la comuna', true);
  checkText(predio.destino, 'predio.destino', 'el destino económico');
  if (
    predio.estrato !== null &&
    (typeof predio.estrato !== 'number' ||
      !Number.isInteger(predio.estrato) ||
      predio.estrato < 1 ||
      predio.estrato > 6)
  ) {
    fail(
      'predio.estrato',
      `El estrato (predio.estrato) debe ser un entero de 1 a 6, o null si el predio no tiene.`,
    );
  }
  checkArea(predio.areaTerrenoM2, 'predio.areaTerrenoM2', 'el área del terreno');
  checkArea(predio.areaConstruidaM2, 'predio.areaConstruidaM2', 'el área construida');
  checkList(predio.avaluos, 'predio.avaluos', 'un avalúo catastral');
  predio.avaluos.forEach((avaluo, index) => {
    const field = `predio.avaluos[${index}]`;
    if (!isObject(avaluo)) fail(field, `El avalúo ${index + 1} (${field}) debe tener vigencia y valor.`);
    checkYear(avaluo.vigencia, `${field}.vigencia`, `la vigencia del avalúo ${index + 1}`);
    checkPesos(avaluo.valor, `${field}.valor`, `el avalúo de ${avaluo.vigencia}`);
  });
  if (
    predio.tarifaPorMil !== undefined &&
    (typeof predio.tarifaPorMil !== 'number' || !(predio.tarifaPorMil >= 0 && predio.tarifaPorMil <= 1000))
  ) {
    fail('predio.tarifaPorMil', 'La tarifa (predio.tarifaPorMil) debe ser un número de 0 a 1000 por mil.');
  }
}

function checkOwners(owners: ReceiptOwner[]): void {
  checkList(owners, 'owners', 'un propietario o poseedor');
  owners.forEach((owner, index) => {
    const field = `owners[${index}]`;
    if (!isObject(owner))
      fail(field, `El propietario ${index + 1} (${field}) debe tener nombre y documento.`);
    checkText(owner.nombre, `${field}.nombre`, `el nombre del propietario ${index + 1}`);
    checkText(owner.documento, `${field}.documento`, `el documento del propietario ${index + 1}`);
  });
}

function checkLines(lines: ReceiptLine[]): void {
  checkList(lines, 'lines', 'una línea de liquidación');
  lines.forEach((line, index) => {
    const field = `lines[${index}]`;
    const row = `de la línea ${index + 1}`;
    if (!isObject(line)) fail(field, `La línea ${index + 1} (${field}) no tiene datos.`);
    checkYear(line.vigencia, `${field}.vigencia`, `la vigencia ${row}`);
    checkText(line.concept, `${field}.concept`, `el concepto ${row}`);
    checkPesos(line.capital, `${field}.capital`, `el capital ${row}`);
    checkPesos(line.interest, `${field}.interest`, `los intereses ${row}`);
    checkPesos(line.discount, `${field}.discount`, `el descuento ${row}`);
    checkPesos(line.relief, `${field}.relief`, `el alivio ${row}`);
    checkPesos(line.total, `${field}.total`, `el total ${row}`);
    const expected = line.capital + line.interest - line.discount - line.relief;
    if (line.total !== expected) {
      fail(
        `${field}.total`,
        `El total de la línea ${index + 1} (${field}.total) es ${line.total} pero capital + intereses − descuento − alivio da ${expected}.`,
      );
    }
  });
}

function checkOptions(options: ReceiptPayOption[], paymentReference: string): string[] {
  checkList(options, 'options', 'una opción de pago');
  if (options.length > MAX_PAY_OPTIONS) {
    fail(
      'options',
      `La factura admite a lo sumo ${MAX_PAY_OPTIONS} opciones de pago (options: recibidas ${options.length}).`,
    );
  }
  return options.map((option, index) => {
    const field = `options[${index}]`;
    const which = `de la opción de pago ${index + 1}`;
    if (!isObject(option)) fail(field, `La opción de pago ${index + 1} (${field}) no tiene datos.`);
    checkDate(option.payBy, `${field}.payBy`, `la fecha límite ${which}`);
    const previous = options[index - 1];
    if (previous && previous.payBy >= option.payBy) {
      fail(
        `${field}.payBy`,
        `Las opciones de pago deben ir en orden de fecha, sin repetirla (${field}.payBy).`,
      );
    }
    checkText(option.label, `${field}.label`, `la descripción ${which}`);
    checkPesos(option.total, `${field}.total`, `el valor ${which}`);
    return checkBarcode(option, `${field}.barcode`, index + 1, paymentReference);
  });
}

/** Re-encodes the barcode from its parts; returns its scanner data. */
function checkBarcode(
  option: ReceiptPayOption,
  field: string,
  number: number,
  paymentReference: string,
): string {
  const barcode = option.barcode;
  if (!isObject(barcode)) {
    fail(
      field,
      `La opción de pago ${number} no tiene código de barras (${field}); use makeReceiptPayOption.`,
    );
  }
  if (barcode.reference !== paymentReference) {
    fail(
      `${field}.reference`,
      `La referencia del código de barras ${number} (${field}.reference) no es la de la factura (${paymentReference}).`,
    );
  }
  if (barcode.amount !== option.total) {
    fail(
      `${field}.amount`,
      `El valor del código de barras ${number} (${field}.amount) no coincide con el total de la opción (${option.total}).`,
    );
  }
  if (barcode.dueDate !== option.payBy) {
    fail(
      `${field}.dueDate`,
      `La fecha del código de barras ${number} (${field}.dueDate) no coincide con la fecha límite de la opción (${option.payBy}).`,
    );
  }
  const printedAmount = /\(3900\)(\d+)\(96\)/.exec(String(barcode.humanReadable))?.[1];
  let encoded: ReturnType<typeof encodeReceiptBarcode>;
  try {
    encoded = encodeReceiptBarcode(
      {
        gln: barcode.gln,
        reference: barcode.reference,
        amountPesos: barcode.amount,
        dueDate: barcode.dueDate,
      },
      printedAmount ? { amountLength: printedAmount.length } : {},
    );
  } catch (error) {
    if (error instanceof BarcodeError) {
      const path = `${field}${error.field ? `.${barcodeField(error.field)}` : ''}`;
      fail(path, `Código de barras ${number} (${path}): ${error.detail}`);
    }
    throw error;
  }
  if (encoded.humanReadable !== barcode.humanReadable) {
    fail(
      `${field}.humanReadable`,
      `La línea legible del código de barras ${number} (${field}.humanReadable) no corresponde a sus datos; se esperaba ${encoded.humanReadable}.`,
    );
  }
  return encoded.data;
}

function barcodeField(encoderField: string): string {
  const names: Record<string, string> = { amountPesos: 'amount', amountLength: 'humanReadable' };
  return names[encoderField] ?? encoderField;
}
