import { seedDemoTerritory } from '../../modules/territory/territory.seed.ts';
import { createTerritoryService } from '../../modules/territory/territory.service.ts';
import { systemActor } from '../authz/actor.ts';
import { appUser } from '../identity/identity.schema.ts';
import type { Platform } from '../platform.ts';
import type { DemoAccount } from '../tenancy/tenancy.routes.ts';
import type { Tenant } from '../tenancy/tenancy.service.ts';
import type { TenantFile } from './tenant-config.ts';

/** The one password of every demo account: demo mode only, shown on the login page. */
export const DEMO_PASSWORD = 'Demo-Alcaldia-2026';

/**
 * Synthetic document numbers come from a reserved range that the Registraduría has not issued
 * (cédulas 9 999 000 000 – 9 999 999 999), so they never collide with a real person's.
 */
export const SYNTHETIC_CC_BASE = 9_999_000_000;

const FIRST_NAMES = [
  'Ana',
  'Luis',
  'María',
  'Carlos',
  'Diana',
  'Jorge',
  'Paola',
  'Andrés',
  'Laura',
  'Camilo',
  'Sofía',
  'Julián',
];
const SURNAMES = ['Prueba', 'Ejemplo', 'Muestra', 'Ficticio', 'Demostración', 'Simulado'];

export function demoLogin(code: string, divipola: string): string {
  return `${code.replaceAll('_', '.')}@demo.${divipola}.alcaldia.test`;
}

export function demoAccounts(file: TenantFile): DemoAccount[] {
  const officials = file.dependencias.flatMap((office) => [
    {
      role: `${office.name} (${office.demoRoles.join(', ')})`,
      login: demoLogin(office.code, file.divipola),
      password: DEMO_PASSWORD,
    },
    ...(office.demoHeadRoles
      ? [
          {
            role: `Jefe de ${office.name} (${office.demoHeadRoles.join(', ')})`,
            login: demoLogin(`jefe_${office.code}`, file.divipola),
            password: DEMO_PASSWORD,
          },
        ]
      : []),
  ]);
  return [
    ...officials,
    { role: 'Ciudadano (sintético)', login: demoLogin('ciudadano', file.divipola), password: DEMO_PASSWORD },
  ];
}

/** Seeds an empty demo database: one official per dependencia, synthetic citizens and the territory. */
export async function seedDemo(
  platform: Platform,
  tenant: Tenant,
  file: TenantFile,
  citizens = 40,
): Promise<boolean> {
  const { identity, ctx } = platform;
  const territory = createTerritoryService(ctx.db);
  await seedDemoTerritory(territory, tenant.id);
  if ((await identity.countUsers(tenant.id)) > 0) return false;
  const system = systemActor(tenant.id, 'semilla de demostración');
  let serial = 0;
  for (const office of file.dependencias) {
    serial += 1;
    await identity.createOfficial(system, {
      tenantId: tenant.id,
      documentType: 'CC',
      documentNumber: String(SYNTHETIC_CC_BASE + serial),
      fullName: `Funcionario Demo ${office.name}`,
      email: demoLogin(office.code, file.divipola),
      dependenciaCode: office.code,
      roles: office.demoRoles,
      password: DEMO_PASSWORD,
      synthetic: true,
    });
    if (office.demoHeadRoles) {
      serial += 1;
      await identity.createOfficial(system, {
        tenantId: tenant.id,
        documentType: 'CC',
        documentNumber: String(SYNTHETIC_CC_BASE + 100 + serial),
        fullName: `Jefe Demo ${office.name}`,
        email: demoLogin(`jefe_${office.code}`, file.divipola),
        dependenciaCode: office.code,
        roles: office.demoHeadRoles,
        password: DEMO_PASSWORD,
        synthetic: true,
      });
    }
  }
  const passwordHash = await identity.hashPassword(DEMO_PASSWORD);
  const rows = Array.from({ length: citizens }, (_, index) => {
    const first = FIRST_NAMES[index % FIRST_NAMES.length]!;
    const last = SURNAMES[Math.floor(index / FIRST_NAMES.length) % SURNAMES.length]!;
    const isLoginCitizen = index === 0;
    return {
      tenantId: tenant.id,
      kind: 'citizen' as const,
      documentType: 'CC',
      documentNumber: String(SYNTHETIC_CC_BASE + 500 + index),
      fullName: isLoginCitizen ? 'Ciudadana Demo Sintética' : `${first} ${last} Sintético ${index}`,
      email: isLoginCitizen
        ? demoLogin('ciudadano', file.divipola)
        : `ciudadano${index}@demo.${file.divipola}.alcaldia.test`,
      passwordHash,
      emailVerifiedAt: new Date(),
      privacyAcceptedAt: new Date(),
      synthetic: true,
    };
  });
  await ctx.db.insert(appUser).values(rows);
  return true;
}
