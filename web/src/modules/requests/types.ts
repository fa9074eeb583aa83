/** Shapes of the PQRSD API (src/modules/requests/requests.routes.ts and pqrsd.service.ts). */

export type PqrsdType =
  | 'peticion'
  | 'documentos'
  | 'consulta'
  | 'queja'
  | 'reclamo'
  | 'sugerencia'
  | 'denuncia';

/** The inbox categories of a request by its clock (workflow clock DueCategory). */
export type DueCategory = 'vencido' | 'vence_hoy' | 'por_vencer' | 'en_termino' | 'pausado' | 'cerrado';

export interface CatalogueType {
  code: PqrsdType;
  label: string;
  termDays: number;
  anonymousAllowed: boolean;
}

export interface Catalogue {
  regime: { id: string; label: string };
  types: CatalogueType[];
  categories: { code: string; label: string }[];
  maxAttachments: number;
  maxAttachmentMb: number;
}

export interface FilingReceipt {
  id: string;
  radicado: string;
  type: PqrsdType;
  filedAt: string;
  filedOn: string;
  dueOn: string;
  termDays: number;
  regime: string;
  dependencia: string;
  /** Only for anonymous filers and e-mail senders, only in this answer. */
  trackingKey: string | null;
  replayed: boolean;
}

export interface PublicStep {
  at: string;
  label: string;
  detail: string | null;
}

/** What the petitioner sees (tracking page, "Mis PQRSD"). */
export interface PublicView {
  radicado: string;
  type: PqrsdType;
  typeLabel: string;
  channel: string;
  subject: string;
  filedAt: string;
  filedOn: string;
  termDays: number;
  dueOn: string;
  extendedUntil: string | null;
  state: string;
  stateLabel: string;
  closed: boolean;
  dueCategory: DueCategory;
  dependencia: string;
  transferredTo: string | null;
  duplicateOf: string | null;
  waitingForInformation: string | null;
  answer: { verificationCode: string; answeredAt: string | null; verifyUrl: string } | null;
  history: PublicStep[];
}

export interface InboxCounts {
  total: number;
  vencido: number;
  vence_hoy: number;
  por_vencer: number;
  en_termino: number;
  pausado: number;
}

export interface InboxItem {
  id: string;
  radicado: string;
  subject: string;
  type: string;
  typeLabel: string;
  channel: string | null;
  state: string;
  stateLabel: string;
  dependencia: string | null;
  assigned: boolean;
  mine: boolean;
  dueOn: string;
  category: DueCategory;
  openedAt: string;
}

export interface InboxPage {
  /** Only on the first page: the counts scan every open request of the scope. */
  counts: InboxCounts | null;
  next: string | null;
  items: InboxItem[];
}

export interface ActionOption {
  code: string;
  label: string;
  requiresComment: boolean;
  assigns: boolean;
}

export interface HistoryStep {
  seq: number;
  at: string;
  action: string;
  fromState: string | null;
  toState: string;
  actor: string;
  comment: string | null;
  attachmentFileIds: string[];
  data: Record<string, unknown> | null;
}

export interface RequestDetail {
  id: string;
  radicado: string;
  type: PqrsdType;
  typeLabel: string;
  regime: string;
  termDays: number;
  channel: string;
  category: string;
  categoryLabel: string;
  subject: string;
  description: string;
  anonymous: boolean;
  petitioner: {
    name: string | null;
    documentType: string | null;
    documentNumber: string | null;
    email: string | null;
    phone: string | null;
    address: string | null;
  } | null;
  filedAt: string;
  filedOn: string;
  legalDueOn: string;
  extendedUntil: string | null;
  transferredTo: string | null;
  duplicateOf: string | null;
  responseDraft: string | null;
  responseTemplate: string | null;
  informationDenied: boolean;
  answer: { documentId: string; verificationCode: string; answeredAt: string | null } | null;
  case: {
    id: string;
    state: string;
    stateLabel: string;
    version: number;
    dependenciaId: string | null;
    dependencia: string | null;
    assigneeUserId: string | null;
    assignee: string | null;
    dueOn: string;
    dueAt: string;
    clockStatus: 'running' | 'paused' | 'stopped' | string;
    category: DueCategory;
    elapsedBusinessDays: number | null;
    pausedBusinessDays: number | null;
    closedAt: string | null;
    outcome: string | null;
  };
  actions: ActionOption[];
  mayExtend: boolean;
  history: HistoryStep[];
  attachments: { id: string; name: string; mediaType: string; size: number }[];
  assignableOfficials: { id: string; fullName: string }[];
  templates: { code: string; label: string; deniesInformation: boolean }[];
}

export interface ReportSummary {
  from: string;
  to: string;
  received: number;
  byType: { type: string; label: string; count: number }[];
  byChannel: { channel: string; label: string; count: number }[];
  byDependencia: { dependencia: string; count: number }[];
  byCategory: { category: string; count: number }[];
  transferred: number;
  answeredOnTime: number;
  answeredLate: number;
  otherClosings: number;
  pending: number;
  pendingOverdue: number;
  informationDenied: number;
  averageResponseBusinessDays: number | null;
  monthly: {
    month: string;
    received: number;
    onTime: number;
    late: number;
    transferred: number;
    pending: number;
  }[];
}
