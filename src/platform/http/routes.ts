import { auditRoutes } from '../audit/audit.routes.ts';
import { calendarRoutes } from '../calendar/calendar.routes.ts';
import { documentsRoutesWith } from '../documents/documents.routes.ts';
import { filesRoutes } from '../files/files.routes.ts';
import { adminUsersRoutes } from '../identity/admin-users.routes.ts';
import { identityRoutes } from '../identity/identity.routes.ts';
import { jobsRoutes } from '../jobs/jobs.routes.ts';
import { notificationsRoutes } from '../notifications/notifications.routes.ts';
import type { Platform } from '../platform.ts';
import { type DemoAccount, tenancyRoutes } from '../tenancy/tenancy.routes.ts';
import type { RoutePlugin } from './types.ts';

/** Every HTTP surface of the program, platform first, then the domain modules' (src/modules/modules.ts). */
export function allRoutes(
  platform: Platform,
  demoAccounts: () => DemoAccount[],
  moduleRoutes: RoutePlugin[],
): RoutePlugin[] {
  const { identity } = platform;
  return [
    tenancyRoutes(demoAccounts),
    identityRoutes(identity),
    adminUsersRoutes(identity),
    auditRoutes,
    calendarRoutes,
    filesRoutes,
    documentsRoutesWith(identity),
    jobsRoutes,
    notificationsRoutes,
    ...moduleRoutes,
  ];
}
