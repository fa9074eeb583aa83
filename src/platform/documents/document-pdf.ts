import fs from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { IssueDocumentInput } from './index.ts';

/** Font names registered on every document; `render` callbacks may use them with `pdf.font(...)`. */
export const PDF_FONTS = { regular: 'Cuerpo', medium: 'Cuerpo-Media', bold: 'Cuerpo-Negrita' } as const;

/** The GOV.CO blue and the greys of the visual identity of Colombian public entities. */
export const PDF_COLORS = { primary: '#004884', text: '#1F2933', muted: '#5B6770', rule: '#C9D1D9' } as const;

const PAGE = { width: 612, height: 792 }; // US Letter, as Colombian public offices print.
const MARGIN = 56;
const HEADER_HEIGHT = 84;
const FOOTER_HEIGHT = 96;
const QR_SIZE = 78;
/** Where the body starts and ends on every page; the header and the footer live outside. */
export const PDF_BODY = {
  left: MARGIN,
  right: PAGE.width - MARGIN,
  top: MARGIN + HEADER_HEIGHT,
  bottom: PAGE.height - MARGIN - FOOTER_HEIGHT,
  width: PAGE.width - 2 * MARGIN,
} as const;

export interface PdfIssuer {
  entityName: string;
  municipality: string;
  department: string;
  nit: string | null;
  address?: string;
  phone?: string;
  website?: string;
}

export interface DocumentPdfInput {
  issuer: PdfIssuer;
  title: string;
  verificationCode: string;
  verifyUrl: string;
  issuedAt: Date;
  render: IssueDocumentInput['render'];
  /** Uncompressed content streams, so tests can find the text in the bytes. */
  compress?: boolean;
}

const require = createRequire(import.meta.url);
let fontCache: Record<keyof typeof PDF_FONTS, Buffer> | undefined;

/** Work Sans, the typeface of the GOV.CO design system; read once per process. */
function fonts(): Record<keyof typeof PDF_FONTS, Buffer> {
  fontCache ??= {
    regular: readFont(400),
    medium: readFont(500),
    bold: readFont(600),
  };
  return fontCache;
}

function readFont(weight: number): Buffer {
  return fs.readFileSync(
    require.resolve(`@fontsource/work-sans/files/work-sans-latin-${weight}-normal.woff`),
  );
}

const BOGOTA_DATE = new Intl.DateTimeFormat('es-CO', { timeZone: 'America/Bogota', dateStyle: 'long' });
const BOGOTA_TIME = new Intl.DateTimeFormat('es-CO', {
  timeZone: 'America/Bogota',
  hour: 'numeric',
  minute: '2-digit',
});

/** «15 de marzo de 2026», the day in Bogotá. */
export function formatLongDateBogota(instant: Date): string {
  return BOGOTA_DATE.format(instant);
}

/** «15 de marzo de 2026 a las 10:32 a. m.», in Bogotá. */
export function formatDateTimeBogota(instant: Date): string {
  return `${BOGOTA_DATE.format(instant)} a las ${BOGOTA_TIME.format(instant)}`;
}

/** Draws a whole document (header, title, body, footer with the code, the QR and page numbers) to PDF bytes. */
export async function renderDocumentPdf(input: DocumentPdfInput): Promise<Buffer> {
  const qrPng = await QRCode.toBuffer(input.verifyUrl, {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 0,
    scale: 6,
  });
  const pdf = new PDFDocument({
    size: 'LETTER',
    margins: { top: PDF_BODY.top, bottom: PAGE.height - PDF_BODY.bottom, left: MARGIN, right: MARGIN },
    bufferPages: true,
    compress: input.compress ?? true,
    lang: 'es-CO',
    displayTitle: true,
    info: {
      Title: input.title,
      Author: input.issuer.entityName,
      Subject: `${input.title} — código de verificación ${input.verificationCode}`,
      Keywords: `${input.verificationCode}, ${input.issuer.municipality}, sede electrónica`,
      Creator: 'Alcaldía Digital — sede electrónica',
      Producer: 'Alcaldía Digital',
      // The issue time, not the render time: the same inputs give the same bytes.
      CreationDate: input.issuedAt,
      ModDate: input.issuedAt,
    },
  });
  const chunks: Buffer[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  const fontFiles = fonts();
  pdf.registerFont(PDF_FONTS.regular, fontFiles.regular);
  pdf.registerFont(PDF_FONTS.medium, fontFiles.medium);
  pdf.registerFont(PDF_FONTS.bold, fontFiles.bold);

  drawTitle(pdf, input.title);
  pdf.font(PDF_FONTS.regular).fontSize(11).fillColor(PDF_COLORS.text);
  await input.render(pdf, {
    verificationCode: input.verificationCode,
    verifyUrl: input.verifyUrl,
    issuedAt: input.issuedAt,
  });

  // Header and footer go on last, once the number of pages is known.
  const pages = pdf.bufferedPageRange();
  for (let index = 0; index < pages.count; index++) {
    pdf.switchToPage(pages.start + index);
    drawHeader(pdf, input.issuer);
    drawFooter(pdf, input, qrPng, index + 1, pages.count);
  }
  pdf.flushPages();
  pdf.end();
  return finished;
}

function drawTitle(pdf: PDFKit.PDFDocument, title: string): void {
  pdf
    .font(PDF_FONTS.bold)
    .fontSize(14)
    .fillColor(PDF_COLORS.primary)
    .text(title.toLocaleUpperCase('es-CO'), PDF_BODY.left, PDF_BODY.top, {
      width: PDF_BODY.width,
      align: 'center',
      characterSpacing: 0.3,
    });
  pdf.moveDown(1.5);
}

function drawHeader(pdf: PDFKit.PDFDocument, issuer: PdfIssuer): void {
  const top = MARGIN;
  const leftWidth = PDF_BODY.width * 0.6;
  const rightX = PDF_BODY.left + leftWidth + 12;
  const rightWidth = PDF_BODY.right - rightX;

  pdf
    .font(PDF_FONTS.bold)
    .fontSize(15)
    .fillColor(PDF_COLORS.primary)
    .text(issuer.entityName.toLocaleUpperCase('es-CO'), PDF_BODY.left, top, {
      width: leftWidth,
      lineBreak: false,
    });
  pdf
    .font(PDF_FONTS.medium)
    .fontSize(10)
    .fillColor(PDF_COLORS.text)
    .text(`Municipio de ${issuer.municipality} — ${issuer.department}`, PDF_BODY.left, top + 21, {
      width: leftWidth,
    });
  if (issuer.nit) {
    pdf
      .font(PDF_FONTS.regular)
      .fontSize(9)
      .fillColor(PDF_COLORS.muted)
      .text(`NIT ${issuer.nit}`, PDF_BODY.left, top + 36, { width: leftWidth });
  }

  const contactLines = ['Sede electrónica', issuer.address, issuer.phone, issuer.website].filter(
    (line): line is string => Boolean(line),
  );
  pdf.font(PDF_FONTS.regular).fontSize(8).fillColor(PDF_COLORS.muted);
  contactLines.forEach((line, index) => {
    pdf
      .font(index === 0 ? PDF_FONTS.medium : PDF_FONTS.regular)
      .text(line, rightX, top + 2 + index * 11, { width: rightWidth, align: 'right', lineBreak: false });
  });

  const ruleY = top + HEADER_HEIGHT - 26;
  pdf
    .moveTo(PDF_BODY.left, ruleY)
    .lineTo(PDF_BODY.right, ruleY)
    .lineWidth(1.25)
    .strokeColor(PDF_COLORS.primary)
    .stroke();
}

function drawFooter(
  pdf: PDFKit.PDFDocument,
  input: DocumentPdfInput,
  qrPng: Buffer,
  pageNumber: number,
  pageCount: number,
): void {
  // Writing below the bottom margin would make pdfkit start a new page; lift it while drawing the footer.
  const savedBottom = pdf.page.margins.bottom;
  pdf.page.margins.bottom = 0;

  const top = PDF_BODY.bottom + 14;
  pdf
    .moveTo(PDF_BODY.left, top)
    .lineTo(PDF_BODY.right, top)
    .lineWidth(0.5)
    .strokeColor(PDF_COLORS.rule)
    .stroke();

  const qrX = PDF_BODY.right - QR_SIZE;
  const qrY = top + 10;
  pdf.image(qrPng, qrX, qrY, { width: QR_SIZE, height: QR_SIZE });
  pdf.link(qrX, qrY, QR_SIZE, QR_SIZE, input.verifyUrl);

  const textWidth = qrX - PDF_BODY.left - 16;
  pdf
    .font(PDF_FONTS.regular)
    .fontSize(8)
    .fillColor(PDF_COLORS.muted)
    .text(`Expedido el ${formatDateTimeBogota(input.issuedAt)}, hora de Colombia.`, PDF_BODY.left, top + 10, {
      width: textWidth,
    });
  pdf
    .font(PDF_FONTS.medium)
    .fontSize(8)
    .fillColor(PDF_COLORS.text)
    .text('Código de verificación: ', PDF_BODY.left, pdf.y + 5, { continued: true, width: textWidth })
    .font(PDF_FONTS.bold)
    .fontSize(11)
    .fillColor(PDF_COLORS.primary)
    .text(input.verificationCode, { characterSpacing: 0.6 });
  pdf
    .font(PDF_FONTS.regular)
    .fontSize(8)
    .fillColor(PDF_COLORS.muted)
    .text('Verifique su autenticidad e integridad escaneando el código QR o en:', PDF_BODY.left, pdf.y + 3, {
      width: textWidth,
    })
    .fillColor(PDF_COLORS.primary)
    .text(input.verifyUrl, { width: textWidth, link: input.verifyUrl });

  pdf
    .font(PDF_FONTS.regular)
    .fontSize(8)
    .fillColor(PDF_COLORS.muted)
    .text(`Página ${pageNumber} de ${pageCount}`, PDF_BODY.left, qrY + QR_SIZE - 9, {
      width: textWidth,
      lineBreak: false,
    });

  pdf.page.margins.bottom = savedBottom;
}
