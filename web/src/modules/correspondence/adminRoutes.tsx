import type { ReactElement } from 'react';
import { CorrespondencePage } from './CorrespondencePage';
import { ExpedientePage } from './ExpedientePage';
import { ExpedientesPage } from './ExpedientesPage';
import { ItemPage } from './ItemPage';
import { RadicarPage } from './RadicarPage';
import { TrdPage } from './TrdPage';

export interface CorrespondenceAdminRoute {
  /** Relative to /admin. */
  path: string;
  permission: string;
  element: ReactElement;
}

/**
 * The ventanilla's and the archive's pages; the permissions are those of
 * src/modules/correspondence/correspondence.authz.ts (read_own: what the official's dependencia may see;
 * the server widens it to everything for holders of correspondence.read).
 */
export const CORRESPONDENCE_ADMIN_ROUTES: CorrespondenceAdminRoute[] = [
  { path: 'correspondencia', permission: 'correspondence.read_own', element: <CorrespondencePage /> },
  { path: 'correspondencia/radicar', permission: 'correspondence.register', element: <RadicarPage /> },
  { path: 'correspondencia/radicados/:id', permission: 'correspondence.read_own', element: <ItemPage /> },
  {
    path: 'correspondencia/expedientes',
    permission: 'correspondence.read_own',
    element: <ExpedientesPage />,
  },
  {
    path: 'correspondencia/expedientes/:id',
    permission: 'correspondence.read_own',
    element: <ExpedientePage />,
  },
  { path: 'correspondencia/trd', permission: 'correspondence.read_own', element: <TrdPage /> },
];
