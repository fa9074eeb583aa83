import type { AdminSectionLink } from '../../admin/sections';

/** The PQRSD entries of the back-office menu and dashboard. */
export const REQUESTS_ADMIN_SECTIONS: AdminSectionLink[] = [
  {
    path: '/admin/pqrsd',
    label: 'PQRSD',
    permission: 'requests.pqrsd.work',
    description:
      'Bandeja de peticiones, quejas, reclamos, sugerencias y denuncias: reparta, tramite y responda a tiempo.',
  },
  {
    path: '/admin/pqrsd/ventanilla',
    label: 'PQRSD en ventanilla',
    permission: 'requests.pqrsd.coordinate',
    description:
      'Radique las PQRSD presentadas en persona, con sus documentos escaneados, y los correos recibidos.',
  },
  {
    path: '/admin/pqrsd/informes',
    label: 'Informes de PQRSD',
    permission: 'requests.pqrsd.reports',
    description:
      'Recibidas, respondidas a tiempo y tarde, trasladadas; CSV y serie de datos abiertos (Ley 1712).',
  },
];
