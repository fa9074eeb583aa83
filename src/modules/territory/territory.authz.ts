import { grantToPlatformRole, registerModuleAuthorization } from '../../platform/authz/catalogue.ts';

/**
 * - `geocode`: batches of addresses (health, social and establishments officials place their lists).
 * - `manage`: load the reference layers (streets, address points, blocks, barrios, comunas, limits).
 * The map, one address and «where is this point» are public.
 */
export const TERRITORY_PERMISSIONS = {
  geocode: 'territory.geocode',
  manage: 'territory.manage',
} as const;

const P = TERRITORY_PERMISSIONS;

registerModuleAuthorization(
  [
    { code: P.geocode, description: 'Geocodificar archivos de direcciones por lotes' },
    {
      code: P.manage,
      description: 'Cargar las capas de referencia del territorio (vías, direcciones, barrios…)',
    },
  ],
  [
    {
      code: 'sig',
      name: 'Sistemas de información geográfica',
      description: 'Planeación / Oficina TIC: carga y mantiene las capas de referencia del territorio.',
      permissions: [P.geocode, P.manage],
      officialOnly: true,
    },
  ],
);

// Every official may place a list of addresses; the platform administrator also loads layers.
grantToPlatformRole('funcionario', [P.geocode]);
grantToPlatformRole('admin', [P.geocode, P.manage]);
