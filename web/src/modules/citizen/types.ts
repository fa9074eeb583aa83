export type Audience = 'ciudadano' | 'empresa' | 'funcionario';

export interface TramiteSummary {
  slug: string;
  name: string;
  description: string;
  audience: Audience;
  path: string;
  requiresLogin: boolean;
}

export interface MyTramite {
  id: string;
  /** The contract does not pin the shape: either the trámite's name or an object with it. */
  tramite: string | { slug?: string; name: string };
  reference: string;
  status: string;
  statusLabel: string;
  createdAt: string;
  updatedAt: string;
  path: string;
}

export interface MyDocument {
  id: string;
  code: string;
  documentTypeLabel: string;
  title: string;
  issuedAt: string;
  downloadUrl: string;
}

export interface IssuedDocument {
  id: string;
  code: string;
  downloadUrl: string;
}
