/**
 * A realistic predial receipt for tests, the throughput measurement and previews. Figures follow
 * taxes.md §1.7 example P1 (avalúo 150.000.000, 8 ‰, sobretasa 1,5 ‰, 10 % discount) plus one vigencia
 * in arrears; the GLN and the reference are those of worked example B1 (§4.3). All of it is fictitious.
 */
import { makePaymentReference } from '../barcode/index.ts';
import { makeReceiptPayOption, type PredialReceiptData, type ReceiptLine } from './receipt-data.ts';

export const SAMPLE_COLLECTOR_GLN = '7709998000018';

export interface SampleReceiptOptions {
  /** Consecutive of the bill: changes its number, reference, verification URL and amounts slightly. */
  serial?: number;
  /** How many liquidation lines (the first three are the P1 lines; more repeat older vigencias). */
  lineCount?: number;
  /** How many pay-by options, 1 to 4. */
  optionCount?: number;
}

export function samplePredialReceipt(options: SampleReceiptOptions = {}): PredialReceiptData {
  const { serial = 12_345, lineCount = 3, optionCount = 3 } = options;
  const reference = makePaymentReference(serial, { prefix: '2026', length: 12 });
  // Vary the arrears interest with the serial so that every sample prints other figures.
  const arrearsInterest = 187_000 + (serial % 97) * 1_000;
  const lines: ReceiptLine[] = [
    line(2026, 'Impuesto predial unificado', 1_200_000, 0, 120_000),
    line(2026, 'Sobretasa ambiental (CDMB)', 225_000, 0, 0),
    line(2025, 'Impuesto predial unificado', 1_118_000, arrearsInterest, 0),
  ];
  for (let index = lines.length; index < lineCount; index++) {
    const year = 2024 - Math.floor((index - 3) / 2);
    lines.push(
      index % 2 === 1
        ? line(year, 'Impuesto predial unificado', 1_000_000, 350_000 + index * 1_000, 0, 175_000)
        : line(year, 'Sobretasa ambiental (CDMB)', 200_000, 70_000, 0, 35_000),
    );
  }
  const total = lines.reduce((sum, item) => sum + item.total, 0);
  const choices = [
    { payBy: '2026-03-31', label: 'Con descuento del 10 % por pronto pago', total },
    { payBy: '2026-06-30', label: 'Sin descuento', total: total + 120_000 + 42_000 },
    { payBy: '2026-07-31', label: 'Con intereses de mora hasta esta fecha', total: total + 120_000 + 71_000 },
    { payBy: '2026-08-31', label: 'Con intereses de mora hasta esta fecha', total: total + 120_000 + 99_000 },
  ].slice(0, optionCount);
  return {
    issuer: {
      entityName: 'Alcaldía de Bucaramanga',
      municipality: 'Bucaramanga',
      department: 'Santander',
      nit: '890.201.222-0',
      address: 'Calle 35 N.º 10-43, Centro',
      phone: '(607) 633 7000',
      website: 'www.bucaramanga.gov.co',
    },
    bill: {
      number: `2026-${String(serial).padStart(7, '0')}`,
      paymentReference: reference,
      issuedAt: new Date('2026-02-02T15:32:00Z'),
      expiresOn: choices.at(-1)?.payBy ?? '2026-03-31',
      vigencias: [...new Set(lines.map((item) => item.vigencia))],
    },
    predio: {
      numeroPredial: '680010101000000010001000000000',
      numeroPredialAnterior: '010100010001000',
      direccion: 'Calle 36 # 27-45 Apartamento 502',
      barrio: 'Sotomayor',
      comuna: 'Comuna 12 — Cabecera del Llano',
      destino: 'Habitacional',
      estrato: 5,
      areaTerrenoM2: 62.5,
      areaConstruidaM2: 84.35,
      avaluos: [
        { vigencia: 2026, valor: 150_000_000 },
        { vigencia: 2025, valor: 142_000_000 },
      ],
      tarifaPorMil: 8,
    },
    owners: [
      { nombre: 'María Fernanda Rueda Gómez', documento: 'C.C. 63.5**.***' },
      { nombre: 'Carlos Andrés Rueda Gómez', documento: 'C.C. 91.2**.***' },
    ],
    lines,
    options: choices.map((choice) =>
      makeReceiptPayOption(choice, { gln: SAMPLE_COLLECTOR_GLN, reference, amountLength: 10 }),
    ),
    verifyUrl: `https://sede.bucaramanga.gov.co/verificar/FP-2026-${String(serial).padStart(8, '0')}`,
    notes: [
      'Esta factura es la liquidación oficial del impuesto predial unificado y presta mérito ejecutivo ' +
        '(artículo 354 de la Ley 1819 de 2016). Contra ella procede el recurso de reconsideración dentro de ' +
        'los dos meses siguientes a su notificación.',
      'Pagar después de la fecha límite de cada opción causa intereses de mora (artículo 634 del Estatuto ' +
        'Tributario). Si ya pagó, no tenga en cuenta esta factura.',
    ],
  };
}

function line(
  vigencia: number,
  concept: string,
  capital: number,
  interest: number,
  discount: number,
  relief = 0,
): ReceiptLine {
  return {
    vigencia,
    concept,
    capital,
    interest,
    discount,
    relief,
    total: capital + interest - discount - relief,
  };
}
