import type { Actor } from '../authz/actor.ts';
import type { AppContext } from '../context.ts';
import { formatLongDateBogota, PDF_BODY, PDF_COLORS, PDF_FONTS } from './document-pdf.ts';
import type { IssuedDocumentView } from './index.ts';

export const CONSTANCIA_REGISTRO = {
  type: 'constancia_registro',
  title: 'Constancia de registro en la sede electrónica',
} as const;

/** The holder as the identity service knows them. */
export interface RegisteredHolder {
  fullName: string;
  documentType: string;
  documentNumber: string;
  registeredAt: Date;
}

const DOCUMENT_TYPE_NAMES: Record<string, string> = {
  CC: 'cédula de ciudadanía',
  CE: 'cédula de extranjería',
  TI: 'tarjeta de identidad',
  PPT: 'permiso por protección temporal',
  PEP: 'permiso especial de permanencia',
  PA: 'pasaporte',
  NIT: 'NIT',
};

/** «C.C. 1.098.765.432» style: numeric identity numbers are written with thousands dots in Colombia. */
export function formatDocumentNumber(documentType: string, documentNumber: string): string {
  if (documentType !== 'NIT' && /^\d+$/.test(documentNumber)) {
    return Number(documentNumber).toLocaleString('es-CO', { useGrouping: true });
  }
  return documentNumber;
}

/**
 * Issues (once per person) the certificate that the signed-in person is registered in the municipality's
 * sede electrónica. Asking again returns the same document.
 */
export async function createConstanciaRegistro(
  ctx: Pick<AppContext, 'documents' | 'tenants'>,
  actor: Actor,
  holder: RegisteredHolder,
): Promise<IssuedDocumentView & { created: boolean }> {
  if (!actor.userId) throw new Error('La constancia de registro es para una persona con sesión iniciada.');
  const tenant = await ctx.tenants.getById(actor.tenantId);
  const documentName = DOCUMENT_TYPE_NAMES[holder.documentType] ?? holder.documentType;
  const number = formatDocumentNumber(holder.documentType, holder.documentNumber);

  return ctx.documents.issue({
    tenantId: actor.tenantId,
    documentType: CONSTANCIA_REGISTRO.type,
    title: CONSTANCIA_REGISTRO.title,
    holder: { userId: actor.userId, fullName: holder.fullName },
    issuedByUserId: actor.userId,
    idempotencyKey: `constancia_registro:${actor.userId}`,
    actor,
    render(pdf, { issuedAt, verificationCode }) {
      const paragraph = { width: PDF_BODY.width, align: 'justify' as const, lineGap: 3 };
      pdf
        .font(PDF_FONTS.bold)
        .fontSize(11)
        .fillColor(PDF_COLORS.text)
        .text(`LA ${tenant.entityName.toLocaleUpperCase('es-CO')}`, {
          width: PDF_BODY.width,
          align: 'center',
        })
        .moveDown(0.3)
        .text('HACE CONSTAR:', { width: PDF_BODY.width, align: 'center' })
        .moveDown(1.5);

      pdf
        .font(PDF_FONTS.regular)
        .text('Que ', { ...paragraph, continued: true })
        .font(PDF_FONTS.bold)
        .text(holder.fullName.toLocaleUpperCase('es-CO'), { continued: true })
        .font(PDF_FONTS.regular)
        .text(`, identificado(a) con ${documentName} número `, { continued: true })
        .font(PDF_FONTS.bold)
        .text(number, { continued: true })
        .font(PDF_FONTS.regular)
        .text(
          `, se encuentra registrado(a) como usuario(a) de la sede electrónica del Municipio de ${tenant.name} ` +
            `(${tenant.department}) desde el ${formatLongDateBogota(holder.registeredAt)}.`,
        )
        .moveDown(1);

      pdf
        .text(
          'El registro le permite adelantar trámites, presentar peticiones, quejas, reclamos, sugerencias y ' +
            'denuncias, consultar su estado y recibir notificaciones por medios electrónicos ante la ' +
            `${tenant.entityName}.`,
          paragraph,
        )
        .moveDown(1);

      pdf
        .text(
          `La presente constancia se expide a solicitud del(la) interesado(a), el ${formatLongDateBogota(issuedAt)}, ` +
            'a través de la sede electrónica, y no tiene costo.',
          paragraph,
        )
        .moveDown(2.5);

      drawIssuerSeal(pdf, tenant.entityName, verificationCode);

      pdf
        .font(PDF_FONTS.regular)
        .fontSize(9)
        .fillColor(PDF_COLORS.muted)
        .text(
          'Este documento fue generado por medios electrónicos y no requiere firma manuscrita. Su autenticidad e ' +
            'integridad pueden comprobarse con el código de verificación o el código QR que aparecen al pie de ' +
            'página: la consulta muestra la fecha de expedición y la huella SHA-256 del archivo original.',
          { width: PDF_BODY.width, lineGap: 2 },
        );
    },
  });
}

/** A framed note in place of a handwritten signature: who issued it and how to check it. */
function drawIssuerSeal(pdf: PDFKit.PDFDocument, entityName: string, verificationCode: string): void {
  const width = 300;
  const height = 62;
  const x = PDF_BODY.left + (PDF_BODY.width - width) / 2;
  const y = pdf.y;
  pdf.rect(x, y, width, height).fill('#EEF4FA');
  pdf.rect(x, y, 3, height).fill(PDF_COLORS.primary);
  pdf
    .font(PDF_FONTS.bold)
    .fontSize(10)
    .fillColor(PDF_COLORS.primary)
    .text('Expedición electrónica automática', x + 16, y + 11, { width: width - 24 })
    .font(PDF_FONTS.regular)
    .fontSize(9)
    .fillColor(PDF_COLORS.text)
    .text(`Sede electrónica de la ${entityName}`, { width: width - 24 })
    .text(`Código de verificación ${verificationCode}`, { width: width - 24 });
  pdf.x = PDF_BODY.left;
  pdf.y = y + height + 24;
}
