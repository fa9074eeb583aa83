// Public surface of the documents service: PDFs with the municipality's header, a verification code and QR.

import type { Readable } from 'node:stream';
import type PDFDocument from 'pdfkit';
import type { Actor } from '../authz/actor.ts';

export interface IssueDocumentInput {
  tenantId: string;
  /** Registered document type code, e.g. 'constancia_registro'. */
  documentType: string;
  title: string;
  holder: { userId: string | null; fullName: string };
  issuedByUserId: string | null;
  /** Same key, same document: issuing is idempotent under retries and races. */
  idempotencyKey: string;
  /** Who asks for it; recorded in the audit trail when the service has one (a system actor otherwise). */
  actor?: Actor;
  /**
   * Draws the body; the service draws the header, the title, the footer, the code and the QR. The body starts
   * at the current position with the regular font (see PDF_FONTS) at 11 pt.
   */
  render(
    pdf: PDFKit.PDFDocument,
    context: { verificationCode: string; verifyUrl: string; issuedAt: Date },
  ): void | Promise<void>;
}

export interface IssuedDocumentView {
  id: string;
  tenantId: string;
  code: string;
  documentType: string;
  documentTypeLabel: string;
  title: string;
  holderUserId: string | null;
  holderInitials: string;
  sha256: string;
  status: 'vigente' | 'anulado';
  issuedAt: Date;
  fileId: string;
}

export interface PublicVerification {
  code: string;
  documentType: string;
  documentTypeLabel: string;
  title: string;
  issuedAt: Date;
  holderInitials: string;
  sha256: string;
  status: 'vigente' | 'anulado';
}

export interface DocumentService {
  registerType(code: string, label: string): void;
  issue(input: IssueDocumentInput): Promise<IssuedDocumentView & { created: boolean }>;
  /** Any spelling of the code (case, dashes); with tenantId, only that municipality's documents. */
  verify(code: string, tenantId?: string): Promise<PublicVerification | undefined>;
  listByHolder(tenantId: string, userId: string): Promise<IssuedDocumentView[]>;
  find(tenantId: string, id: string): Promise<IssuedDocumentView | undefined>;
  openPdf(document: IssuedDocumentView): Promise<Readable>;
}

/** Where the holder's identity comes from (the identity service); documents never read identity tables. */
export interface HolderDirectory {
  getHolder(
    tenantId: string,
    userId: string,
  ): Promise<{ fullName: string; documentType: string; documentNumber: string; registeredAt: Date }>;
}

export {
  CONSTANCIA_REGISTRO,
  createConstanciaRegistro,
  type RegisteredHolder,
} from './constancia-registro.ts';
export { formatLongDateBogota, PDF_BODY, PDF_COLORS, PDF_FONTS } from './document-pdf.ts';
export { createDocumentService, type DocumentServiceDependencies } from './documents.service.ts';
export { normalizeVerificationCode } from './verification-code.ts';
export type { PDFDocument };
