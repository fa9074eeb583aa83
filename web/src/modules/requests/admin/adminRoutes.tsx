import type { ReactElement } from 'react';
import { CounterPage } from './CounterPage';
import { InboxPage, PQRSD_PERMISSIONS } from './InboxPage';
import { PqrsdReportsPage } from './PqrsdReportsPage';
import { RequestPage } from './RequestPage';

export interface RequestsAdminRoute {
  /** Relative to /admin. */
  path: string;
  permission: string;
  element: ReactElement;
}

/** The PQRSD back office; the permissions are those of src/modules/requests/requests.authz.ts. */
export const REQUESTS_ADMIN_ROUTES: RequestsAdminRoute[] = [
  { path: 'pqrsd', permission: PQRSD_PERMISSIONS.work, element: <InboxPage /> },
  { path: 'pqrsd/ventanilla', permission: PQRSD_PERMISSIONS.coordinate, element: <CounterPage /> },
  { path: 'pqrsd/informes', permission: PQRSD_PERMISSIONS.reports, element: <PqrsdReportsPage /> },
  { path: 'pqrsd/:id', permission: PQRSD_PERMISSIONS.work, element: <RequestPage /> },
];
