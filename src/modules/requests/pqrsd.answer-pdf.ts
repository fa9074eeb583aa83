import {
  formatLongDateBogota,
  PDF_BODY,
  PDF_COLORS,
  PDF_FONTS,
  type PDFDocument,
} from '../../platform/documents/index.ts';

export interface AnswerPdfContent {
  radicado: string;
  typeLabel: string;
  subject: string;
  petitionerName: string | null;
  /** Where it is sent: postal address or e-mail. */
  petitionerAddress: string | null;
  filedOn: string;
  body: string;
  signer: string;
  dependencia: string;
  issuedAt: Date;
}

/**
 * The body of an answer letter, as Colombian offices write them: date, addressee, reference to the
 * radicado, the text approved by the head of the dependencia and the signature block. The platform draws
 * the header, the verification code and the QR.
 */
export function renderAnswerPdf(pdf: InstanceType<typeof PDFDocument>, content: AnswerPdfContent): void {
  const paragraph = { width: PDF_BODY.width, align: 'justify' as const, lineGap: 3 };
  pdf.font(PDF_FONTS.regular).fontSize(11).fillColor(PDF_COLORS.text);
  pdf.text(formatLongDateBogota(content.issuedAt), { width: PDF_BODY.width });
  pdf.moveDown();
  pdf.font(PDF_FONTS.medium).text(content.petitionerName ?? 'Peticionario(a)', { width: PDF_BODY.width });
  pdf.font(PDF_FONTS.regular);
  if (content.petitionerAddress) pdf.text(content.petitionerAddress, { width: PDF_BODY.width });
  pdf.moveDown();
  pdf
    .font(PDF_FONTS.medium)
    .text(
      `Asunto: respuesta a su ${content.typeLabel.toLowerCase()} radicada con el número ${content.radicado}`,
      {
        width: PDF_BODY.width,
      },
    );
  pdf
    .font(PDF_FONTS.regular)
    .fillColor(PDF_COLORS.muted)
    .text(`«${content.subject}»`, { width: PDF_BODY.width });
  pdf.fillColor(PDF_COLORS.text).moveDown();
  for (const block of content.body.split(/\n{2,}/)) {
    pdf.text(block.trim(), paragraph);
    pdf.moveDown(0.6);
  }
  pdf.moveDown(2);
  pdf.font(PDF_FONTS.medium).text(content.signer, { width: PDF_BODY.width });
  pdf.font(PDF_FONTS.regular).text(content.dependencia, { width: PDF_BODY.width });
}
