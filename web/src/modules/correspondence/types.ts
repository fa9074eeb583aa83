/** What the correspondence API returns (src/modules/correspondence/correspondence.routes.ts). */
export type Direction = 'entrada' | 'salida' | 'interna';
export type Medium = 'fisico' | 'correo' | 'web' | 'mensajeria';

export interface DependenciaRef {
  code: string;
  name: string;
}

export interface TrdRef {
  seriesCode: string;
  seriesName: string;
  subseriesCode: string | null;
  subseriesName: string | null;
}

export interface Attachment {
  id: string;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
}

export interface ItemSummary {
  id: string;
  radicado: string;
  direction: Direction;
  radicadoAt: string;
  subject: string;
  senderName: string;
  senderEntity: string | null;
  recipientName: string;
  recipientEntity: string | null;
  dependencia: DependenciaRef;
  medium: Medium;
  folios: number;
  trd: TrdRef | null;
  expediente: { id: string; code: string } | null;
  pqrsdRadicado: string | null;
  attachmentCount: number;
}

export interface ItemDetail extends ItemSummary {
  summary: string | null;
  senderContact: string | null;
  recipientContact: string | null;
  respondsTo: { id: string; radicado: string; subject: string } | null;
  answers: { id: string; radicado: string; radicadoAt: string }[];
  attachments: Attachment[];
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface ExpedienteSummary {
  id: string;
  code: string;
  title: string;
  dependencia: DependenciaRef;
  trd: TrdRef;
  status: 'abierto' | 'cerrado';
  openedAt: string;
  closedAt: string | null;
  itemCount: number;
}

export interface ExpedienteIndexEntry {
  order: number;
  itemId: string;
  radicado: string;
  direction: Direction;
  radicadoAt: string;
  subject: string;
  folios: number;
  folioStart: number | null;
  folioEnd: number | null;
  attachments: Attachment[];
}

export interface ExpedienteDetail extends ExpedienteSummary {
  retention: { gestion: number; central: number } | null;
  disposition: string | null;
  dispositionLabel: string | null;
  procedure: string | null;
  schedule: { transferYear: number; dispositionYear: number } | null;
  index: ExpedienteIndexEntry[];
}

export interface TrdRules {
  retention: { gestion: number; central: number } | null;
  disposition: string | null;
  procedure: string | null;
}

export interface TrdSeries extends TrdRules {
  code: string;
  name: string;
  subseries: (TrdRules & { code: string; name: string })[];
}

export interface TrdCatalogue {
  entity: string;
  version: string;
  dispositions: Record<string, string>;
  dependencias: { code: string; name: string; officeCode: string | null; series: TrdSeries[] }[];
}
