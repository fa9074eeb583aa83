import { CORRESPONDENCE_ADMIN_SECTIONS } from '../correspondence/sections';
import { HELPDESK_ADMIN_SECTIONS } from '../helpdesk/sections';
import { REQUESTS_ADMIN_SECTIONS } from '../requests/admin/sections';
import { TERRITORY_ADMIN_SECTIONS } from '../territory/sections';

export interface AdminSectionLink {
  path: string;
  label: string;
  permission: string;
  description: string;
}

export const ADMIN_SECTIONS: AdminSectionLink[] = [
  {
    path: '/admin/usuarios',
    label: 'Usuarios',
    permission: 'users.read',
    description: 'Consulte ciudadanos y funcionarios, cree funcionarios y asigne roles y dependencias.',
  },
  {
    path: '/admin/auditoria',
    label: 'Auditoría',
    permission: 'audit.read',
    description: 'Revise quién hizo qué y cuándo, y exporte el registro de auditoría en CSV.',
  },
  {
    path: '/admin/tareas',
    label: 'Tareas',
    permission: 'jobs.read',
    description: 'Siga el avance de los procesos en segundo plano, como exportaciones y envíos masivos.',
  },
  {
    path: '/admin/notificaciones',
    label: 'Notificaciones',
    permission: 'notifications.read',
    description: 'Consulte los correos y mensajes de texto enviados, pendientes o fallidos.',
  },
  {
    path: '/admin/predios',
    label: 'Registro de predios',
    permission: 'taxes.predios.read',
    description: 'Busque predios y consulte su ficha: avalúos, propietarios, estado de cuenta y facturas.',
  },
  {
    path: '/admin/catastro',
    label: 'Catastro',
    permission: 'taxes.predios.read',
    description: 'Cargue el archivo del gestor catastral y consulte los archivos aplicados o rechazados.',
  },
  {
    path: '/admin/liquidaciones',
    label: 'Liquidación masiva',
    permission: 'taxes.liquidate',
    description: 'Liquide el impuesto predial de una vigencia para todos los predios y siga su avance.',
  },
  {
    path: '/admin/archivos-bancarios',
    label: 'Archivos bancarios',
    permission: 'taxes.payments.read',
    description: 'Cargue y valide los archivos de recaudo Asobancaria 2001 de los bancos.',
  },
  {
    path: '/admin/caja',
    label: 'Caja',
    permission: 'taxes.payments.record',
    description: 'Lea el código de barras de un recibo y registre el pago recibido en ventanilla.',
  },
  {
    path: '/admin/pagos',
    label: 'Registro de pagos',
    permission: 'taxes.payments.read',
    description:
      'Consulte los pagos por fecha, canal y banco, y exporte el recaudo para el sistema financiero.',
  },
  {
    path: '/admin/informes',
    label: 'Informes',
    permission: 'taxes.reports.read',
    description: 'Recaudo por día, canal y banco, y cartera del predial por vigencia y comuna, con mapa.',
  },
  {
    path: '/admin/ajustes',
    label: 'Ajustes',
    permission: 'taxes.amendments.approve',
    description:
      'Apruebe o rechace los ajustes a lo que deben los predios propuestos por otros funcionarios.',
  },
  {
    path: '/admin/acuerdos',
    label: 'Acuerdos de pago',
    permission: 'taxes.agreements.decide',
    description: 'Estudie las solicitudes de pago por cuotas y apruébelas o recháchelas.',
  },
  ...CORRESPONDENCE_ADMIN_SECTIONS,
  ...REQUESTS_ADMIN_SECTIONS,
  ...HELPDESK_ADMIN_SECTIONS,
  ...TERRITORY_ADMIN_SECTIONS,
];
