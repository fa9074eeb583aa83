// Public surface of the documents service: PDFs with the municipality's header, a verification code and QR.
import type PDFDocument from 'pdfkit';
import type { Readable } from 'node:stream';

export interface IssueDocumentInput {
  tenantId: string;
  /** Registered document type code, e.g. 'constancia_registro'. */
  documentType: string;
  title: string;
  holder: { userId: string | null; fullName: string };
  issuedByUserId: string | null;
  /** Same key, same document: issuing is idempotent under retries and races. */
  idempotencyKey: string;
  /** Draws the body; the service draws the header, the footer, the code and the QR. */
  render(pdf: PDFKit.PDFDocument, context: { verificationCode: string; verifyUrl: string }): void | Promise<void>;
}

export interface IssuedDocumentView {
  id: string;
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
  verify(code: string): Promise<PublicVerification | undefined>;
  listByHolder(tenantId: string, userId: string): Promise<IssuedDocumentView[]>;
  find(tenantId: string, id: string): Promise<IssuedDocumentView | undefined>;
  openPdf(document: IssuedDocumentView): Promise<Readable>;
}

export type { PDFDocument };
