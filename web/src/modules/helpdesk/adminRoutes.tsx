import type { ReactElement } from 'react';
import { HELPDESK_PERMISSIONS } from './labels';
import { MyTicketsPage } from './MyTicketsPage';
import { NewTicketPage } from './NewTicketPage';
import { QueuePage } from './QueuePage';
import { HelpdeskReportsPage } from './ReportsPage';
import { TicketPage } from './TicketPage';

export interface HelpdeskAdminRoute {
  /** Relative to /admin. */
  path: string;
  /**
   * The permission the page needs; null = every official (the back office's own gate already requires an
   * official): opening and following one's own tickets needs no role. The server checks again.
   */
  permission: string | null;
  element: ReactElement;
}

/** The help desk's pages; the permissions are those of src/modules/helpdesk/helpdesk.authz.ts. */
export const HELPDESK_ADMIN_ROUTES: HelpdeskAdminRoute[] = [
  { path: 'mesa-de-ayuda', permission: null, element: <MyTicketsPage /> },
  { path: 'mesa-de-ayuda/nuevo', permission: null, element: <NewTicketPage /> },
  { path: 'mesa-de-ayuda/tickets/:id', permission: null, element: <TicketPage /> },
  { path: 'mesa-de-ayuda/cola', permission: HELPDESK_PERMISSIONS.work, element: <QueuePage /> },
  {
    path: 'mesa-de-ayuda/informes',
    permission: HELPDESK_PERMISSIONS.reports,
    element: <HelpdeskReportsPage />,
  },
];
