import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makePaymentReference } from '../barcode/index.ts';
import { barsPath, qrMatrix, qrPath, receiptGs1128Bars } from './bars.ts';
import { readPdf } from './pdf-text.testing.ts';
import { checkPredialReceiptData, type PredialReceiptData, ReceiptDataError } from './receipt-data.ts';
import { renderPredialReceipt } from './receipt-pdf.ts';
import { samplePredialReceipt } from './receipt-sample.ts';

const sample = samplePredialReceipt();
const allText = (data: PredialReceiptData, typeface?: 'helvetica') =>
  readPdf(renderPredialReceipt(data, { compress: false, ...(typeface ? { typeface } : {}) }))
    .flatMap((page) => page.texts)
    .join('\n');

describe('renderPredialReceipt', () => {
  it('prints the bill: reference, owners, lines, pay-by options with their totals and barcode lines', () => {
    const pages = readPdf(renderPredialReceipt(sample, { compress: false }));
    expect(pages).toHaveLength(1);
    const text = pages[0]?.texts.join('\n') ?? '';
    expect(text).toContain('ALCALDÍA DE BUCARAMANGA');
    expect(text).toContain('FACTURA DEL IMPUESTO PREDIAL UNIFICADO');
    expect(text).toContain('202600123459');
    expect(text).toContain('2026-0012345');
    expect(text).toContain('María Fernanda Rueda Gómez');
    expect(text).toContain('Carlos Andrés Rueda Gómez');
    expect(text).toContain('C.C. 63.5**.***');
    expect(text).toContain('680010101000000010001000000000');
    expect(text).toContain('2026: $ 150.000.000');
    expect(text).toContain('Sobretasa ambiental (CDMB)');
    expect(text).toContain('-120.000'); // the discount, subtracted
    for (const option of sample.options) {
      expect(text).toContain(option.barcode.humanReadable);
      expect(text).toContain(option.label);
    }
    // 1.080.000 + 225.000 + 1.331.000, and the two later options.
    expect(text).toContain('$ 2.636.000');
    expect(text).toContain('$ 2.798.000');
    expect(text).toContain('$ 2.827.000');
    expect(text).toContain('31 de marzo de 2026');
    expect(text).toContain('Págalo en línea (PSE) en www.bucaramanga.gov.co');
    expect(text).toContain(sample.verifyUrl);
    expect(text).toContain('Página 1 de 1');
  });

  it('draws each option’s bars exactly as encoded, in black, X = 0.72 pt, 42.5 pt high, with quiet zones', () => {
    const content = readPdf(renderPredialReceipt(sample, { compress: false }))[0]?.content ?? '';
    const blocks = [...content.matchAll(/0 0 0 rg\nq 0\.72 0 0 42\.5 ([\d.]+) ([\d.]+) cm\n([^\n]*)\nf Q/g)];
    const { scannerData } = checkPredialReceiptData(sample);
    expect(blocks).toHaveLength(sample.options.length);
    blocks.forEach((block, index) => {
      const bars = receiptGs1128Bars(scannerData[index] ?? '');
      expect(block[3]).toBe(barsPath(bars));
      const left = Number(block[1]);
      const right = left + bars.modules * 0.72;
      expect(left - 36).toBeGreaterThanOrEqual(10 * 0.72); // nothing is printed left of the body margin
      expect(576 - right).toBeGreaterThanOrEqual(10 * 0.72);
    });
  });

  it('draws the QR of the verification URL, 58 pt wide', () => {
    const content = readPdf(renderPredialReceipt(sample, { compress: false }))[0]?.content ?? '';
    const matrix = qrMatrix(sample.verifyUrl);
    const qr = /q ([\d.]+) 0 0 ([\d.]+) ([\d.]+) ([\d.]+) cm\n([^\n]*)\nf Q/.exec(
      content.slice(content.indexOf(qrPath(matrix)) - 60),
    );
    expect(qr?.[5]).toBe(qrPath(matrix));
    expect(Number(qr?.[1]) * matrix.size).toBeCloseTo(58, 2);
  });

  it('continues the lines on a second page when there are 30 of them, and keeps the coupon whole', () => {
    const data = samplePredialReceipt({ lineCount: 30 });
    const pages = readPdf(renderPredialReceipt(data, { compress: false }));
    expect(pages).toHaveLength(2);
    const [first, second] = pages.map((page) => page.texts.join('\n'));
    expect(first).toContain('Página 1 de 2');
    expect(second).toContain('Página 2 de 2');
    expect(second).toContain('continuación');
    for (const option of data.options) expect(second).toContain(option.barcode.humanReadable);
    const conceptRows = pages
      .flatMap((page) => page.texts)
      .filter((text) => text === 'Impuesto predial unificado' || text === 'Sobretasa ambiental (CDMB)');
    expect(conceptRows).toHaveLength(30);
    expect(`${first}\n${second}`).toContain('Total liquidado');
  });

  it('splits a very long liquidation over as many pages as needed, header repeated', () => {
    const data = samplePredialReceipt({ lineCount: 90 });
    const pages = readPdf(renderPredialReceipt(data, { compress: false }));
    expect(pages.length).toBeGreaterThanOrEqual(3);
    for (const page of pages.slice(1)) {
      expect(page.texts.join('\n')).toContain('Factura N.º 2026-0012345 · Referencia de pago 202600123459');
    }
    expect(
      pages.flatMap((page) => page.texts).filter((text) => text === 'Vigencia').length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('cuts texts that do not fit their column with an ellipsis', () => {
    const data = samplePredialReceipt();
    const longConcept = 'Impuesto predial unificado con una descripción larguísima que no cabe en la columna';
    data.lines[0] = { ...(data.lines[0] as PredialReceiptData['lines'][number]), concept: longConcept };
    const text = allText(data);
    expect(text).not.toContain(longConcept);
    expect(text).toMatch(/Impuesto predial unificado con una[^\n]*…/);
  });

  it('prints characters outside the prepared set too, through pdfkit’s own embedding', () => {
    const data = samplePredialReceipt();
    (data.owners[0] as { nombre: string }).nombre = 'Œuvre Société™ Ltda.';
    const text = allText(data);
    expect(text).toContain('Œuvre Société™ Ltda.');
    expect(text).toContain('Carlos Andrés Rueda Gómez');
    expect(renderPredialReceipt(data).equals(renderPredialReceipt(data))).toBe(true);
  });

  it('gives the same bytes for the same data (the issue time is the document date)', () => {
    expect(renderPredialReceipt(sample).equals(renderPredialReceipt(sample))).toBe(true);
  });

  it('compresses by default', () => {
    const compressed = renderPredialReceipt(sample);
    expect(compressed.subarray(0, 5).toString()).toBe('%PDF-');
    expect(compressed.subarray(-6).toString()).toContain('%%EOF');
    expect(compressed.length).toBeLessThan(renderPredialReceipt(sample, { compress: false }).length * 0.6);
  });

  it('prints the same text with the standard Helvetica (notes may wrap elsewhere)', () => {
    const words = (text: string) => text.replace(/\s+/g, ' ');
    expect(words(allText(sample, 'helvetica'))).toBe(words(allText(sample)));
  });

  it('prints one to four pay-by options', () => {
    const one = samplePredialReceipt({ optionCount: 1 });
    const four = samplePredialReceipt({ optionCount: 4 });
    expect(readPdf(renderPredialReceipt(one, { compress: false }))).toHaveLength(1);
    const text = allText(four);
    for (const option of four.options) expect(text).toContain(option.barcode.humanReadable);
  });
});

describe('renderPredialReceipt refuses bad data with a Spanish message naming the field', () => {
  const cases: [string, (data: PredialReceiptData) => void, string, RegExp][] = [
    [
      'a negative amount',
      (data) => {
        (data.lines[0] as { capital: number }).capital = -1_200_000;
      },
      'lines[0].capital',
      /capital de la línea 1.*entero en pesos, mayor o igual a cero/,
    ],
    [
      'a fractional amount',
      (data) => {
        (data.options[0] as { total: number }).total = 2_636_000.5;
      },
      'options[0].total',
      /valor de la opción de pago 1/,
    ],
    [
      'an option without barcode',
      (data) => {
        (data.options[1] as { barcode?: unknown }).barcode = undefined;
      },
      'options[1].barcode',
      /no tiene código de barras/,
    ],
    [
      'a barcode for another amount than the option total',
      (data) => {
        (data.options[0] as { total: number }).total += 1_000;
      },
      'options[0].barcode.amount',
      /no coincide con el total/,
    ],
    [
      'a barcode of another bill',
      (data) => {
        data.bill.paymentReference = makePaymentReference(99, { prefix: '2026', length: 12 });
      },
      'options[0].barcode.reference',
      /no es la de la factura/,
    ],
    [
      'a printed barcode line that does not match its parts',
      (data) => {
        const barcode = (data.options[2] as PredialReceiptData['options'][number]).barcode;
        barcode.humanReadable = barcode.humanReadable.replace('(96)20260731', '(96)20260801');
      },
      'options[2].barcode.humanReadable',
      /no corresponde a sus datos/,
    ],
    [
      'a GLN with a wrong check digit',
      (data) => {
        const barcode = (data.options[0] as PredialReceiptData['options'][number]).barcode;
        barcode.gln = '7709998000019';
        barcode.humanReadable = barcode.humanReadable.replace('7709998000018', '7709998000019');
      },
      'options[0].barcode.gln',
      /dígito de verificación/,
    ],
    [
      'a line whose total does not add up',
      (data) => {
        (data.lines[1] as { total: number }).total += 1;
      },
      'lines[1].total',
      /capital \+ intereses − descuento − alivio/,
    ],
    [
      'pay-by dates out of order',
      (data) => {
        data.options.reverse();
      },
      'options[1].payBy',
      /orden de fecha/,
    ],
    [
      'an impossible date',
      (data) => {
        data.bill.expiresOn = '2026-02-30';
      },
      'bill.expiresOn',
      /fecha real/,
    ],
    [
      'no owners',
      (data) => {
        data.owners = [];
      },
      'owners',
      /al menos un propietario/,
    ],
    [
      'a line break inside a printed text',
      (data) => {
        (data.owners[0] as { nombre: string }).nombre = 'María\nRueda';
      },
      'owners[0].nombre',
      /saltos de línea/,
    ],
    [
      'five pay-by options',
      (data) => {
        data.options = [...samplePredialReceipt({ optionCount: 4 }).options, ...data.options.slice(0, 1)];
      },
      'options',
      /a lo sumo 4/,
    ],
    [
      'a QR target that is not a URL',
      (data) => {
        data.verifyUrl = 'verificar/123';
      },
      'verifyUrl',
      /URL/,
    ],
  ];

  it.each(cases)('%s', (_, spoil, field, message) => {
    const data = samplePredialReceipt();
    spoil(data);
    let thrown: unknown;
    try {
      renderPredialReceipt(data);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ReceiptDataError);
    const error = thrown as ReceiptDataError;
    expect(error.field).toBe(field);
    expect(error.message).toContain(field);
    expect(error.message).toMatch(message);
    expect(error.status).toBe(400);
  });
});

function hasTools(...tools: string[]): boolean {
  try {
    for (const tool of tools) execFileSync('which', [tool], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// End to end with a real barcode reader, where poppler-utils and zbar-tools are installed (not on CI).
describe.skipIf(!hasTools('pdftoppm', 'zbarimg'))('printed receipt, read by a scanner', () => {
  it('reads every barcode as the scanner data (with GS separators) and the QR as the verification URL', () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'recibo-'));
    try {
      const file = path.join(directory, 'recibo.pdf');
      fs.writeFileSync(file, renderPredialReceipt(sample));
      execFileSync('pdftoppm', ['-r', '200', '-png', file, path.join(directory, 'pagina')]);
      const image = fs.readdirSync(directory).find((name) => name.endsWith('.png')) ?? '';
      const read = execFileSync('zbarimg', ['-q', '--raw', path.join(directory, image)], {
        encoding: 'latin1',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const symbols = read.split('\n').filter(Boolean).sort();
      const expected = [...checkPredialReceiptData(sample).scannerData, sample.verifyUrl].sort();
      expect(symbols).toEqual(expected);
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  });
});
