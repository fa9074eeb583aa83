/** The shapes /api/v1/mesa-de-ayuda answers (src/modules/helpdesk/helpdesk.service.ts and .reports.ts). */

export type Priority = 'critica' | 'alta' | 'media' | 'baja';
export type DueCategory = 'vencido' | 'vence_hoy' | 'por_vencer' | 'en_termino' | 'pausado' | 'cerrado';
export type SlaStatus = 'cumplido' | 'incumplido' | 'pendiente' | 'no_aplica';

export interface Catalogue {
  categories: { code: string; label: string; description: string }[];
  priorities: {
    code: Priority;
    label: string;
    description: string;
    firstResponseHours: number;
    solutionHours: number;
  }[];
  officeHours: { start: string; end: string };
  reopenWindowBusinessDays: number;
  warnBusinessDays: number;
}

export interface Attachment {
  id: string;
  name: string;
  mediaType: string;
  size: number;
  url: string;
}

export interface SlaView {
  hours: number;
  dueAt: string;
  status: SlaStatus;
  businessHours: number;
  at: string | null;
}

export interface TimelineStep {
  seq: number;
  action: string;
  actionLabel: string;
  fromState: string | null;
  toState: string;
  stateLabel: string;
  stateChanged: boolean;
  actor: string;
  at: string;
  comment: string | null;
  internal: boolean;
  priority: string | null;
  attachments: Attachment[];
}

export interface TicketAction {
  code: string;
  label: string;
  requiresComment: boolean;
}

export interface Ticket {
  id: string;
  number: string;
  subject: string;
  description: string;
  category: string;
  categoryLabel: string;
  priority: Priority;
  priorityLabel: string;
  state: string;
  stateLabel: string;
  closed: boolean;
  dueCategory: DueCategory;
  dueCategoryLabel: string;
  version: number;
  requester: { id: string; name: string; dependencia: string | null };
  assignee: { id: string; name: string } | null;
  openedAt: string;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  reopenCount: number;
  reopenUntil: string | null;
  satisfaction: number | null;
  satisfactionComment: string | null;
  sla: { officeHours: { start: string; end: string }; firstResponse: SlaView; solution: SlaView };
  attachments: Attachment[];
  timeline: TimelineStep[];
  actions: TicketAction[];
  permissions: {
    comment: boolean;
    internalNote: boolean;
    take: boolean;
    assign: boolean;
    changePriority: boolean;
    rate: boolean;
  };
}

export interface MyTicket {
  id: string;
  number: string;
  subject: string;
  categoryLabel: string;
  priority: Priority;
  priorityLabel: string;
  state: string;
  stateLabel: string;
  closed: boolean;
  assignee: string | null;
  openedAt: string;
  updatedAt: string;
  needsYou: boolean;
  satisfaction: number | null;
}

export interface QueueItem {
  id: string;
  number: string;
  subject: string;
  categoryLabel: string;
  priority: Priority;
  priorityLabel: string;
  state: string;
  stateLabel: string;
  dueAt: string;
  dueCategory: DueCategory;
  dueCategoryLabel: string;
  requester: string;
  dependencia: string | null;
  assignee: string | null;
  openedAt: string;
}

export interface QueueCounts {
  total: number;
  vencido: number;
  vence_hoy: number;
  por_vencer: number;
  en_termino: number;
  pausado: number;
}

export interface QueuePage {
  items: QueueItem[];
  counts: QueueCounts;
  next: string | null;
}

export interface SlaStats {
  measured: number;
  met: number;
  missed: number;
  pending: number;
  compliancePercent: number | null;
  meanHours: number | null;
  medianHours: number | null;
}

export interface Report {
  desde: string;
  hasta: string;
  generatedAt: string;
  totals: {
    tickets: number;
    open: number;
    resolved: number;
    closed: number;
    cancelled: number;
    reopened: number;
    rated: number;
    satisfactionAverage: number | null;
  };
  firstResponse: SlaStats;
  solution: SlaStats;
  byDependencia: { dependenciaId: string | null; name: string; tickets: number; percent: number }[];
  byCategory: { code: string; label: string; tickets: number; resolved: number; solution: SlaStats }[];
  byTechnician: {
    userId: string | null;
    name: string;
    tickets: number;
    resolved: number;
    solution: SlaStats;
    satisfactionAverage: number | null;
    rated: number;
  }[];
  byPriority: {
    priority: Priority;
    label: string;
    firstResponseHours: number;
    solutionHours: number;
    tickets: number;
    firstResponse: SlaStats;
    solution: SlaStats;
  }[];
}
