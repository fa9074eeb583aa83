/**
 * The predial receipt (factura / liquidación oficial del impuesto predial, taxes.md §1.6) as a PDF:
 * a pure, synchronous function of PredialReceiptData.
 *
 * Page: US Letter. Page 1 opens with the municipality's header (the GOV.CO look of platform/documents:
 * blue #004884, Work Sans) and the bill's identification, then the predio, the owners and the lines per
 * vigencia and concept; lines that do not fit continue on the next page under a short header. The
 * payment coupon — pay-by table, cut line, one GS1-128 barcode per pay-by date with its human-readable
 * line (§4) — sits at the bottom of the last page, never split. Every page ends with the PSE hint, the
 * QR to the public verification page and "Página n de N".
 *
 * Built for throughput (hundreds per second on one core): bars and QR are vector rectangles (bars.ts),
 * the fonts are prepared once per process (receipt-fonts.ts), text is placed at computed positions
 * (no line wrapping except the notes), and nothing is asynchronous.
 */
import PDFDocument from 'pdfkit';
import { PDF_COLORS } from '../../../platform/documents/index.ts';
import { barsPath, GS1_128_QUIET_ZONE_MODULES, qrMatrix, qrPath, receiptGs1128Bars } from './bars.ts';
import { type PageContent, PdfCanvas } from './pdf-content.ts';
import {
  checkPredialReceiptData,
  type PredialReceiptData,
  type ReceiptLine,
  type ReceiptPayOption,
} from './receipt-data.ts';
import { RECEIPT_FONTS, type ReceiptTypeface, receiptFonts } from './receipt-fonts.ts';
import {
  formatCalendarDate,
  formatInstantBogota,
  formatPesos,
  formatSquareMetres,
  formatThousands,
  formatYears,
} from './receipt-format.ts';

export interface RenderReceiptOptions {
  /** Deflate the page and font streams (default true); false lets tests read the content. */
  compress?: boolean;
  /** Work Sans, the GOV.CO typeface (default), or the standard Helvetica (nothing embedded). */
  typeface?: ReceiptTypeface;
}

// ───────────────────────────── page geometry (points) ─────────────────────────────

const PAGE_SIZE = { width: 612, height: 792 }; // US Letter
const LEFT = 36;
const RIGHT = 576;
const WIDTH = RIGHT - LEFT;
const TOP = 32;
const FOOTER_TOP = 700;
/** Lowest point the body may reach; the footer lives below. */
const BODY_BOTTOM = FOOTER_TOP - 8;
/** Where the body starts on pages after the first, below the short header. */
const CONTINUATION_TOP = 66;

const SECTION_TITLE_HEIGHT = 17;
const SECTION_GAP = 7;
const PREDIO_ROW_HEIGHT = 19;
const OWNER_ROW_HEIGHT = 11;
const TABLE_HEADER_HEIGHT = 12;
const LINE_ROW_HEIGHT = 11.5;
const TOTAL_ROW_HEIGHT = 14;
const OPTION_ROW_HEIGHT = 12;
const CUT_LINE_HEIGHT = 14;
const NOTE_SIZE = 6.5;

/** GS1-128 X-dimension 0.254 mm (3 dots at 300 dpi, 6 at 600) and 15 mm bars, as barcode-image.ts. */
const MODULE_WIDTH = 0.72;
const BAR_HEIGHT = 42.5;
const BARCODE_BLOCK_HEIGHT = 11 + BAR_HEIGHT + 2.5 + 8 + 5;

const QR_SIZE = 58;

/** A tint of the GOV.CO blue for boxes and alternate rows. */
const TINT = '#EAF1F8';
const WHITE = '#FFFFFF';
const BLACK = '#000000';

type Weight = 'regular' | 'bold';

// ───────────────────────────── entry point ─────────────────────────────

/** Renders the receipt; throws ReceiptDataError (Spanish message, field path) on bad data. */
export function renderPredialReceipt(data: PredialReceiptData, options: RenderReceiptOptions = {}): Buffer {
  const { scannerData } = checkPredialReceiptData(data);
  const fonts = receiptFonts(options.typeface ?? 'work-sans');
  const pdf = new PDFDocument({
    size: 'LETTER',
    autoFirstPage: false,
    compress: options.compress ?? true,
    // No default font: pdfkit would parse Helvetica's metrics for every document, and a default with the
    // same name as a registered font defeats pdfkit's font cache (it reopens the font on every switch).
    font: null as unknown as string,
    lang: 'es-CO',
    displayTitle: true,
    info: {
      Title: `Factura del impuesto predial N.º ${data.bill.number}`,
      Author: data.issuer.entityName,
      Subject: `Impuesto predial unificado — referencia de pago ${data.bill.paymentReference}`,
      Keywords: `${data.bill.paymentReference}, ${data.predio.numeroPredial}, ${data.issuer.municipality}`,
      Creator: 'Alcaldía Digital — sede electrónica',
      Producer: 'Alcaldía Digital',
      // The issue time, not the render time: the same data gives the same bytes.
      CreationDate: data.bill.issuedAt,
      ModDate: data.bill.issuedAt,
    },
  });
  pdf.registerFont(RECEIPT_FONTS.regular, fonts.regular.source);
  pdf.registerFont(RECEIPT_FONTS.bold, fonts.bold.source);
  const canvas = new PdfCanvas<Weight>(
    pdf,
    {
      regular: { fixed: fonts.regular.fixed, pdfkitName: RECEIPT_FONTS.regular },
      bold: { fixed: fonts.bold.fixed, pdfkitName: RECEIPT_FONTS.bold },
    },
    { ...PAGE_SIZE, compress: options.compress ?? true },
  );

  const writer = new ReceiptWriter(canvas, data);
  writer.drawFirstPageHeader();
  writer.drawPredio();
  writer.drawOwners();
  writer.drawLines();
  writer.drawNotes();
  writer.drawCoupon(scannerData);
  writer.drawFooters();
  canvas.write();

  pdf.end();
  // pdfkit pushes every byte synchronously into its readable buffer; read it all without waiting.
  const chunks: Buffer[] = [];
  for (let chunk = pdf.read() as Buffer | null; chunk !== null; chunk = pdf.read() as Buffer | null) {
    chunks.push(chunk);
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
}

// ───────────────────────────── drawing ─────────────────────────────

class ReceiptWriter {
  private y = TOP;
  private page: PageContent;

  constructor(
    private readonly canvas: PdfCanvas<Weight>,
    private readonly data: PredialReceiptData,
  ) {
    this.page = canvas.addPage();
  }

  // ── primitives ──

  private put(text: string, x: number, y: number, weight: Weight, size: number, color: string): void {
    this.page.drawRun(this.canvas.run(text, weight, size), x, y, color);
  }

  private putRight(
    text: string,
    right: number,
    y: number,
    weight: Weight,
    size: number,
    color: string,
  ): void {
    const run = this.canvas.run(text, weight, size);
    this.page.drawRun(run, right - run.width, y, color);
  }

  private putCentered(text: string, center: number, y: number, weight: Weight, size: number, color: string) {
    const run = this.canvas.run(text, weight, size);
    this.page.drawRun(run, center - run.width / 2, y, color);
  }

  /** The text, cut with an ellipsis if it is wider than `width` in the given style. */
  private fit(text: string, width: number, weight: Weight, size: number): string {
    if (this.canvas.widthOf(text, weight, size) <= width) return text;
    let kept = text.length;
    while (kept > 1 && this.canvas.widthOf(`${text.slice(0, kept).trimEnd()}…`, weight, size) > width) kept--;
    return `${text.slice(0, kept).trimEnd()}…`;
  }

  /** Greedy word wrap to `width`; a word longer than the line is cut with an ellipsis. */
  private wrap(text: string, width: number, weight: Weight, size: number): string[] {
    const space = this.canvas.widthOf(' ', weight, size);
    const lines: string[] = [];
    let line = '';
    let lineWidth = 0;
    for (const word of text.split(/\s+/)) {
      if (word === '') continue;
      const wordWidth = this.canvas.widthOf(word, weight, size);
      if (line && lineWidth + space + wordWidth <= width) {
        line += ` ${word}`;
        lineWidth += space + wordWidth;
        continue;
      }
      if (line) lines.push(line);
      line = wordWidth <= width ? word : this.fit(word, width, weight, size);
      lineWidth = Math.min(wordWidth, width);
    }
    if (line) lines.push(line);
    return lines;
  }

  private rule(y: number, color: string, lineWidth: number, from = LEFT, to = RIGHT): void {
    this.page.line(from, y, to, lineWidth, color);
  }

  private box(x: number, y: number, width: number, height: number, color: string): void {
    this.page.rect(x, y, width, height, color);
  }

  private sectionTitle(title: string): void {
    this.box(LEFT, this.y, WIDTH, 13, PDF_COLORS.primary);
    this.put(title.toLocaleUpperCase('es-CO'), LEFT + 6, this.y + 3.2, 'bold', 7.5, WHITE);
    this.y += SECTION_TITLE_HEIGHT;
  }

  // ── pages ──

  private newPage(): void {
    this.page = this.canvas.addPage();
    const { issuer, bill } = this.data;
    this.put(issuer.entityName.toLocaleUpperCase('es-CO'), LEFT, TOP, 'bold', 10, PDF_COLORS.primary);
    this.putRight(
      `Factura N.º ${bill.number} · Referencia de pago ${bill.paymentReference} · continuación`,
      RIGHT,
      TOP + 2,
      'regular',
      7.5,
      PDF_COLORS.muted,
    );
    this.rule(TOP + 18, PDF_COLORS.primary, 1.25);
    this.y = CONTINUATION_TOP;
  }

  /** Starts a new page unless `height` more points fit on this one. */
  private ensureRoom(height: number): boolean {
    if (this.y + height <= BODY_BOTTOM) return false;
    this.newPage();
    return true;
  }

  drawFirstPageHeader(): void {
    const { issuer, bill } = this.data;
    const { primary, text, muted } = PDF_COLORS;
    this.put(issuer.entityName.toLocaleUpperCase('es-CO'), LEFT, TOP, 'bold', 13, primary);
    this.put(
      `Municipio de ${issuer.municipality} — ${issuer.department}`,
      LEFT,
      TOP + 17,
      'regular',
      8.5,
      text,
    );
    if (issuer.nit) this.put(`NIT ${issuer.nit}`, LEFT, TOP + 29, 'regular', 7.5, muted);
    const contacts = [
      issuer.office ?? 'Secretaría de Hacienda',
      issuer.address,
      issuer.phone,
      issuer.website,
    ];
    let contactY = TOP + 1;
    for (const [index, line] of contacts.entries()) {
      if (!line) continue;
      this.putRight(line, RIGHT, contactY, index === 0 ? 'bold' : 'regular', 7.5, index === 0 ? text : muted);
      contactY += 9.5;
    }
    this.rule(TOP + 42, primary, 1.25);

    const titleTop = TOP + 50;
    this.put('FACTURA DEL IMPUESTO PREDIAL UNIFICADO', LEFT, titleTop + 2, 'bold', 11.5, primary);
    const boxLeft = RIGHT - 212;
    const titleWidth = boxLeft - LEFT - 12;
    const years = new Set(bill.vigencias).size === 1 ? 'vigencia' : 'vigencias';
    const subtitle = `Liquidación oficial · ${years} ${formatYears(bill.vigencias)}`;
    this.put(this.fit(subtitle, titleWidth, 'regular', 8.5), LEFT, titleTop + 18, 'regular', 8.5, text);
    const payBy = this.canvas.run('Pague a más tardar el ', 'regular', 7.5);
    this.page.drawRun(payBy, LEFT, titleTop + 31, muted);
    this.put(formatCalendarDate(bill.expiresOn), LEFT + payBy.width, titleTop + 31, 'bold', 7.5, text);

    this.box(boxLeft, titleTop, 212, 44, TINT);
    const facts: [string, string][] = [
      ['Factura N.º', bill.number],
      ['Referencia de pago', bill.paymentReference],
      ['Fecha de expedición', formatInstantBogota(bill.issuedAt)],
    ];
    facts.forEach(([label, value], index) => {
      const rowY = titleTop + 6 + index * 11.5;
      this.put(label, boxLeft + 8, rowY + 0.5, 'regular', 7, muted);
      this.putRight(value, RIGHT - 8, rowY, 'bold', index < 2 ? 8.5 : 7, index < 2 ? primary : text);
    });
    this.y = titleTop + 52;
  }

  drawPredio(): void {
    const { predio } = this.data;
    this.sectionTitle('Datos del predio');
    const avaluos = [...predio.avaluos]
      .sort((a, b) => b.vigencia - a.vigencia)
      .map((avaluo) => `${avaluo.vigencia}: ${formatPesos(avaluo.valor)}`)
      .join('   ·   ');
    const quarter = WIDTH / 4;
    const rows: [string, string, number][][] = [
      [
        ['Número predial', predio.numeroPredial, 2],
        ['Número predial anterior', predio.numeroPredialAnterior ?? '—', 2],
      ],
      [
        ['Dirección', predio.direccion, 2],
        ['Barrio', predio.barrio ?? '—', 1],
        ['Comuna', predio.comuna ?? '—', 1],
      ],
      [
        ['Destino económico', predio.destino, 1],
        ['Estrato', predio.estrato === null ? 'No aplica' : String(predio.estrato), 1],
        ['Área del terreno', formatSquareMetres(predio.areaTerrenoM2), 1],
        ['Área construida', formatSquareMetres(predio.areaConstruidaM2), 1],
      ],
      [
        ['Avalúo catastral', avaluos, 3],
        [
          'Tarifa',
          predio.tarifaPorMil === undefined
            ? '—'
            : `${String(predio.tarifaPorMil).replace('.', ',')} por mil`,
          1,
        ],
      ],
    ];
    for (const row of rows) {
      let x = LEFT;
      for (const [label, value, span] of row) {
        const width = quarter * span - 12;
        this.put(label, x + 6, this.y, 'regular', 6.5, PDF_COLORS.muted);
        this.put(this.fit(value, width, 'regular', 8.5), x + 6, this.y + 8, 'regular', 8.5, PDF_COLORS.text);
        x += quarter * span;
      }
      this.y += PREDIO_ROW_HEIGHT;
    }
    this.y += SECTION_GAP - 3;
  }

  drawOwners(): void {
    const owners = this.data.owners;
    const title = owners.length === 1 ? 'Propietario o poseedor' : 'Propietarios y poseedores';
    const documentX = LEFT + 360;
    const header = (continued: boolean) => {
      this.sectionTitle(continued ? `${title} (continuación)` : title);
      this.put('Nombre o razón social', LEFT + 6, this.y, 'regular', 6.5, PDF_COLORS.muted);
      this.put('Documento de identidad', documentX, this.y, 'regular', 6.5, PDF_COLORS.muted);
      this.y += 9;
    };
    this.ensureRoom(SECTION_TITLE_HEIGHT + 9 + OWNER_ROW_HEIGHT);
    header(false);
    for (const owner of owners) {
      if (this.ensureRoom(OWNER_ROW_HEIGHT)) header(true);
      const name = this.fit(owner.nombre, documentX - LEFT - 18, 'regular', 8);
      this.put(name, LEFT + 6, this.y, 'regular', 8, PDF_COLORS.text);
      this.put(
        this.fit(owner.documento, RIGHT - documentX, 'regular', 8),
        documentX,
        this.y,
        'regular',
        8,
        PDF_COLORS.text,
      );
      this.y += OWNER_ROW_HEIGHT;
    }
    this.y += SECTION_GAP - 4;
  }

  drawLines(): void {
    const lines = this.data.lines;
    const columns = LINE_COLUMNS;
    const header = (continued: boolean) => {
      this.sectionTitle(
        continued
          ? 'Liquidación por vigencia y concepto (continuación)'
          : 'Liquidación por vigencia y concepto',
      );
      this.put('Vigencia', columns.vigencia, this.y, 'bold', 7, PDF_COLORS.primary);
      this.put('Concepto', columns.concept, this.y, 'bold', 7, PDF_COLORS.primary);
      for (const [label, right] of AMOUNT_COLUMNS)
        this.putRight(label, right, this.y, 'bold', 7, PDF_COLORS.primary);
      this.rule(this.y + 9.5, PDF_COLORS.rule, 0.5);
      this.y += TABLE_HEADER_HEIGHT;
    };
    this.ensureRoom(SECTION_TITLE_HEIGHT + TABLE_HEADER_HEIGHT + LINE_ROW_HEIGHT + TOTAL_ROW_HEIGHT);
    header(false);
    let previousYear: number | undefined;
    lines.forEach((line, index) => {
      // The last line keeps the total row company on its page.
      const needed = index === lines.length - 1 ? LINE_ROW_HEIGHT + TOTAL_ROW_HEIGHT : LINE_ROW_HEIGHT;
      if (this.ensureRoom(needed)) {
        header(true);
        previousYear = undefined;
      }
      if (index % 2 === 1) this.box(LEFT, this.y - 2, WIDTH, LINE_ROW_HEIGHT, TINT);
      if (line.vigencia !== previousYear) {
        this.put(String(line.vigencia), columns.vigencia, this.y, 'bold', 8, PDF_COLORS.text);
      }
      previousYear = line.vigencia;
      const concept = this.fit(line.concept, columns.conceptWidth, 'regular', 8);
      this.put(concept, columns.concept, this.y, 'regular', 8, PDF_COLORS.text);
      this.lineAmounts(line, 'regular');
      this.y += LINE_ROW_HEIGHT;
    });
    const total = sumLines(lines);
    this.rule(this.y - 1, PDF_COLORS.primary, 0.75);
    this.put('Total liquidado', columns.concept, this.y + 2, 'bold', 8, PDF_COLORS.text);
    this.lineAmounts(total, 'bold', this.y + 2);
    this.y += TOTAL_ROW_HEIGHT + SECTION_GAP - 2;
  }

  private lineAmounts(line: Omit<ReceiptLine, 'vigencia' | 'concept'>, weight: Weight, y = this.y): void {
    const amounts = [line.capital, line.interest, -line.discount, -line.relief, line.total];
    amounts.forEach((amount, column) => {
      const right = AMOUNT_COLUMNS[column]?.[1] ?? RIGHT;
      this.putRight(amount === 0 ? '0' : formatThousands(amount), right, y, weight, 8, PDF_COLORS.text);
    });
  }

  /** The notes stay together when they fit on one page (they would otherwise split line by line). */
  drawNotes(): void {
    const lineHeight = NOTE_SIZE * 1.25;
    const paragraphs = this.data.notes.map((note) => this.wrap(note, WIDTH, 'regular', NOTE_SIZE));
    const height = paragraphs.reduce((sum, lines) => sum + lines.length * lineHeight + 2, 0);
    if (height <= BODY_BOTTOM - CONTINUATION_TOP) this.ensureRoom(height);
    for (const lines of paragraphs) {
      for (const line of lines) {
        this.ensureRoom(lineHeight);
        this.put(line, LEFT, this.y, 'regular', NOTE_SIZE, PDF_COLORS.muted);
        this.y += lineHeight;
      }
      if (lines.length > 0) this.y += 2;
    }
    this.y += SECTION_GAP - 2;
  }

  /** Pay-by table, cut line and one barcode per option, kept together at the bottom of the last page. */
  drawCoupon(scannerData: string[]): void {
    const options = this.data.options;
    const height =
      SECTION_TITLE_HEIGHT +
      TABLE_HEADER_HEIGHT +
      options.length * OPTION_ROW_HEIGHT +
      CUT_LINE_HEIGHT +
      options.length * BARCODE_BLOCK_HEIGHT;
    if (this.y + height > BODY_BOTTOM) this.newPage();
    this.y = BODY_BOTTOM - height;

    this.sectionTitle('Opciones de pago');
    const { primary, text, muted } = PDF_COLORS;
    const labelX = LEFT + 150;
    this.put('Pague hasta', LEFT + 6, this.y, 'bold', 7, primary);
    this.put('Opción', labelX, this.y, 'bold', 7, primary);
    this.putRight('Valor a pagar', RIGHT - 6, this.y, 'bold', 7, primary);
    this.rule(this.y + 9.5, PDF_COLORS.rule, 0.5);
    this.y += TABLE_HEADER_HEIGHT;
    for (const option of options) {
      this.put(formatCalendarDate(option.payBy), LEFT + 6, this.y, 'regular', 8, text);
      this.put(
        this.fit(option.label, RIGHT - labelX - 110, 'regular', 8),
        labelX,
        this.y,
        'regular',
        8,
        text,
      );
      this.putRight(formatPesos(option.total), RIGHT - 6, this.y - 0.5, 'bold', 9, primary);
      this.y += OPTION_ROW_HEIGHT;
    }

    // Cut line: the part below goes to the bank.
    const cutY = this.y + 6;
    this.page.line(LEFT, cutY, RIGHT, 0.5, muted, [3, 2]);
    const cut = this.canvas.run(
      'Cupón para pagar en bancos y corresponsales autorizados — corte por esta línea',
      'regular',
      6.5,
    );
    this.box(LEFT + (WIDTH - cut.width - 12) / 2, cutY - 4, cut.width + 12, 8, WHITE);
    this.page.drawRun(cut, LEFT + (WIDTH - cut.width) / 2, cutY - 2.8, muted);
    this.y += CUT_LINE_HEIGHT;

    options.forEach((option, index) => {
      this.drawBarcodeBlock(option, scannerData[index] ?? '');
    });
  }

  private drawBarcodeBlock(option: ReceiptPayOption, scannerData: string): void {
    const { primary, text } = PDF_COLORS;
    const top = this.y;
    this.put(
      this.fit(
        `Pague hasta el ${formatCalendarDate(option.payBy)} · ${option.label}`,
        WIDTH - 120,
        'bold',
        8,
      ),
      LEFT,
      top,
      'bold',
      8,
      text,
    );
    this.putRight(`Total a pagar ${formatPesos(option.total)}`, RIGHT, top - 0.5, 'bold', 9, primary);
    const bars = receiptGs1128Bars(scannerData);
    const barsWidth = bars.modules * MODULE_WIDTH;
    const barsX = LEFT + (WIDTH - barsWidth) / 2;
    if (barsX - LEFT < GS1_128_QUIET_ZONE_MODULES * MODULE_WIDTH) {
      throw new RangeError('El código de barras no cabe en la página con sus zonas de silencio.');
    }
    const barsTop = top + 11;
    // Pure black bars, each edge on a whole multiple of the X-dimension.
    this.page.scaledPath(barsPath(bars), barsX, barsTop, MODULE_WIDTH, BAR_HEIGHT, BLACK);
    this.putCentered(
      option.barcode.humanReadable,
      LEFT + WIDTH / 2,
      barsTop + BAR_HEIGHT + 2.5,
      'regular',
      7.5,
      PDF_COLORS.text,
    );
    this.y = top + BARCODE_BLOCK_HEIGHT;
  }

  /** Footer of every page, drawn last so it knows the page count. */
  drawFooters(): void {
    const { issuer, bill, verifyUrl } = this.data;
    const qr = qrMatrix(verifyUrl);
    const qrOps = qrPath(qr);
    const website = issuer.website ?? new URL(verifyUrl).host;
    const { primary, muted, rule } = PDF_COLORS;
    const qrX = RIGHT - QR_SIZE;
    const qrY = FOOTER_TOP + 8;
    const textWidth = qrX - LEFT - 12;
    const issued = `Expedida el ${formatInstantBogota(bill.issuedAt)} (hora de Colombia) · Factura N.º ${bill.number}`;
    const pages = this.canvas.pages;
    pages.forEach((page, index) => {
      this.page = page;
      this.rule(FOOTER_TOP, rule, 0.5);
      const module = QR_SIZE / qr.size;
      page.scaledPath(qrOps, qrX, qrY, module, module, BLACK);
      page.link(qrX, qrY, QR_SIZE, QR_SIZE, verifyUrl);
      this.put(`Págalo en línea (PSE) en ${website}`, LEFT, qrY, 'bold', 9, primary);
      this.put('Verifique esta factura escaneando el código QR o en:', LEFT, qrY + 14, 'regular', 7, muted);
      this.put(this.fit(verifyUrl, textWidth, 'regular', 7), LEFT, qrY + 23, 'regular', 7, primary);
      this.put(this.fit(issued, textWidth, 'regular', 6.5), LEFT, qrY + 36, 'regular', 6.5, muted);
      this.put(`Página ${index + 1} de ${pages.length}`, LEFT, qrY + 46, 'regular', 6.5, muted);
    });
  }
}

/** Left edges of the text columns of the lines table. */
const LINE_COLUMNS = { vigencia: LEFT + 6, concept: LEFT + 50, conceptWidth: 196 };
/** Amount columns of the lines table: header and right edge. */
const AMOUNT_COLUMNS: [string, number][] = [
  ['Capital', LEFT + 312],
  ['Intereses', LEFT + 370],
  ['Descuento', LEFT + 428],
  ['Alivio', LEFT + 482],
  ['Total', RIGHT - 6],
];

function sumLines(lines: ReceiptLine[]): Omit<ReceiptLine, 'vigencia' | 'concept'> {
  const total = { capital: 0, interest: 0, discount: 0, relief: 0, total: 0 };
  for (const line of lines) {
    total.capital += line.capital;
    total.interest += line.interest;
    total.discount += line.discount;
    total.relief += line.relief;
    total.total += line.total;
  }
  return total;
}
