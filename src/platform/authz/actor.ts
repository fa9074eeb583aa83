/** Who is acting, as every service call that writes or reads personal data needs to know. */
export interface Actor {
  userId: string | null;
  tenantId: string;
  label: string;
  kind: 'citizen' | 'official' | 'system' | 'anonymous';
  permissions: ReadonlySet<string>;
  /** The roles behind the permissions: workflows name roles (config/workflows/*.json). */
  roles?: ReadonlySet<string>;
  /** An official's dependencia (their office), for inboxes and "head of this dependencia" checks. */
  dependenciaId?: string | null;
  ip?: string;
  userAgent?: string;
  requestId?: string;
}

export function can(actor: Actor, permission: string): boolean {
  return actor.permissions.has(permission);
}

export function systemActor(tenantId: string, label = 'sistema'): Actor {
  return { userId: null, tenantId, label, kind: 'system', permissions: new Set() };
}
