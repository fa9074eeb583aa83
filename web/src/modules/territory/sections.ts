import type { AdminSectionLink } from '../admin/sections';
import { TERRITORY_PERMISSIONS } from './labels';

/** The territory's entries of the back-office menu and dashboard. */
export const TERRITORY_ADMIN_SECTIONS: AdminSectionLink[] = [
  {
    path: '/admin/territorio/geocodificacion',
    label: 'Geocodificación por lotes',
    permission: TERRITORY_PERMISSIONS.geocode,
    description:
      'Cargue un CSV o Excel de direcciones y descárguelo con barrio, comuna, coordenadas y precisión de cada una.',
  },
  {
    path: '/admin/territorio/capas',
    label: 'Capas de referencia',
    permission: TERRITORY_PERMISSIONS.manage,
    description:
      'Cargue las capas del geocodificador (vías, placas, manzanas, barrios, comunas y municipios) y consulte las cargadas.',
  },
];
