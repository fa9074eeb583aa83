import { grantToPlatformRole, registerModuleAuthorization } from '../../platform/authz/catalogue.ts';

/**
 * What the Oficina TIC may do at the help desk. Opening a ticket, following it, confirming, reopening and
 * rating it need no permission: every official may do it for their own tickets (the service checks that the
 * caller is an official and, for a ticket, that they opened it).
 *
 * - `work`: the technicians' queue; take tickets, comment, ask the requester, resolve (workflow role
 *   `tecnico_tic`; once assigned, the workflow's `assignee`).
 * - `assign`: assign and reassign tickets to technicians, change priorities, close or cancel them
 *   (workflow role `mesa_ayuda`).
 * - `reports`: the help desk's figures by dependencia, category and technician, and the SLA compliance.
 * - `open`: a marker the web uses to show the «Mesa de ayuda» section; every official should hold it
 *   (see the module's README section: the platform role `funcionario` should grant it).
 */
export const HELPDESK_PERMISSIONS = {
  open: 'helpdesk.tickets.open',
  work: 'helpdesk.tickets.work',
  assign: 'helpdesk.tickets.assign',
  reports: 'helpdesk.reports.read',
} as const;

const P = HELPDESK_PERMISSIONS;

registerModuleAuthorization(
  [
    { code: P.open, description: 'Abrir tickets de soporte en la mesa de ayuda y seguir los propios' },
    {
      code: P.work,
      description: 'Atender tickets de la mesa de ayuda: tomarlos, comentarlos y resolverlos',
    },
    {
      code: P.assign,
      description: 'Asignar tickets de la mesa de ayuda a los técnicos y cambiar su prioridad',
    },
    { code: P.reports, description: 'Ver los informes de la mesa de ayuda y su cumplimiento de ANS' },
  ],
  [
    {
      code: 'mesa_ayuda',
      name: 'Coordinador de la mesa de ayuda',
      description: 'Oficina TIC: asigna los tickets a los técnicos, ajusta prioridades y ve los informes.',
      permissions: [P.open, P.work, P.assign, P.reports],
      officialOnly: true,
    },
    {
      code: 'tecnico_tic',
      name: 'Técnico de soporte TIC',
      description: 'Oficina TIC: toma, atiende y resuelve los tickets de la mesa de ayuda.',
      permissions: [P.open, P.work],
      officialOnly: true,
    },
  ],
);

// Every official may ask the Oficina TIC for help.
grantToPlatformRole('funcionario', [P.open]);
