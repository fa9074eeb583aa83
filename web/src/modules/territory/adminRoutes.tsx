import type { ReactElement } from 'react';
import { GeocodeBatchPage } from './GeocodeBatchPage';
import { LayersPage } from './LayersPage';
import { TERRITORY_PERMISSIONS } from './labels';

export interface TerritoryAdminRoute {
  /** Relative to /admin. */
  path: string;
  permission: string;
  element: ReactElement;
}

/** The territory's back-office pages; the server checks the same permissions again. */
export const TERRITORY_ADMIN_ROUTES: TerritoryAdminRoute[] = [
  {
    path: 'territorio/geocodificacion',
    permission: TERRITORY_PERMISSIONS.geocode,
    element: <GeocodeBatchPage />,
  },
  { path: 'territorio/capas', permission: TERRITORY_PERMISSIONS.manage, element: <LayersPage /> },
];
