import type { AdminSectionLink } from '../admin/sections';

/**
 * The help desk's entries of the back-office menu and dashboard. «Mesa de ayuda» is for every official:
 * it shows to whoever holds `helpdesk.tickets.open` (see the module's README section: the platform role
 * `funcionario` should grant it); the page itself is open to any official.
 */
export const HELPDESK_ADMIN_SECTIONS: AdminSectionLink[] = [
  {
    path: '/admin/mesa-de-ayuda',
    label: 'Mesa de ayuda',
    permission: 'helpdesk.tickets.open',
    description: 'Pida soporte a la Oficina TIC (equipos, red, sistemas, cuentas) y siga sus tickets.',
  },
  {
    path: '/admin/mesa-de-ayuda/cola',
    label: 'Cola de la mesa de ayuda',
    permission: 'helpdesk.tickets.work',
    description:
      'Tickets de soporte abiertos, el que vence primero arriba: tómelos, atiéndalos y resuélvalos.',
  },
  {
    path: '/admin/mesa-de-ayuda/informes',
    label: 'Informes de la mesa de ayuda',
    permission: 'helpdesk.reports.read',
    description:
      'Solicitudes por dependencia, categoría y técnico; tiempos de respuesta y cumplimiento de los ANS.',
  },
];
