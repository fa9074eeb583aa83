export interface VerifiedDocument {
  code: string;
  documentType: string;
  documentTypeLabel: string;
  title: string;
  issuedAt: string;
  holderInitials: string;
  sha256: string;
  status: 'vigente' | 'anulado';
}
