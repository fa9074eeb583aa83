/**
 * Permissions are declared per action by each module; roles bundle them. The catalogue is code,
 * the assignment of roles to people is data (user_role). A route names the permission it needs in
 * its `config.permission` and the HTTP layer checks it in one place (see http/authorization.ts).
 */
export interface PermissionDefinition {
  code: string;
  description: string;
}

export interface RoleDefinition {
  code: string;
  name: string;
  description: string;
  permissions: string[];
  /** Only officials may hold it (citizens always have the implicit citizen role). */
  officialOnly: boolean;
}

export const PLATFORM_PERMISSIONS: PermissionDefinition[] = [
  { code: 'users.read', description: 'Ver el listado de usuarios y funcionarios' },
  { code: 'users.read_personal', description: 'Ver los datos personales completos de un usuario' },
  { code: 'users.manage', description: 'Crear funcionarios y cambiar roles, dependencia y estado' },
  { code: 'audit.read', description: 'Consultar y exportar el registro de auditoría' },
  { code: 'jobs.read', description: 'Ver las tareas en segundo plano y su avance' },
  { code: 'notifications.read', description: 'Ver la bandeja de salida de correos y SMS' },
  { code: 'documents.read_any', description: 'Descargar cualquier documento expedido' },
  { code: 'files.read_any', description: 'Descargar cualquier archivo cargado' },
];

export const PLATFORM_ROLES: RoleDefinition[] = [
  {
    code: 'admin',
    name: 'Administrador de la plataforma',
    description: 'Gestiona usuarios, roles y la operación técnica de la sede electrónica.',
    permissions: ['users.read', 'users.read_personal', 'users.manage', 'jobs.read', 'notifications.read'],
    officialOnly: true,
  },
  {
    code: 'auditor',
    name: 'Auditor',
    description: 'Consulta el registro de auditoría (control interno).',
    permissions: ['audit.read', 'users.read', 'jobs.read'],
    officialOnly: true,
  },
  {
    code: 'funcionario',
    name: 'Funcionario',
    description: 'Atiende los trámites de su dependencia.',
    permissions: [],
    officialOnly: true,
  },
  {
    code: 'atencion_ciudadano',
    name: 'Atención al ciudadano',
    description: 'Consulta datos de ciudadanos para orientarlos y expide documentos en ventanilla.',
    permissions: ['users.read', 'users.read_personal', 'documents.read_any', 'files.read_any'],
    officialOnly: true,
  },
];

const moduleRoles: RoleDefinition[] = [];
const modulePermissions: PermissionDefinition[] = [];
/** Permissions modules add to platform roles (every `funcionario` may open a help-desk ticket). */
const grantedToPlatformRoles = new Map<string, Set<string>>();

/** Modules call this once at import time to add their permissions and roles. */
export function registerModuleAuthorization(
  permissions: PermissionDefinition[],
  roles: RoleDefinition[],
): void {
  modulePermissions.push(...permissions);
  moduleRoles.push(...roles);
}

/** A module gives a platform role one of its permissions; the role's own list stays in this file. */
export function grantToPlatformRole(roleCode: string, permissions: string[]): void {
  if (!PLATFORM_ROLES.some((role) => role.code === roleCode)) {
    throw new Error(`El rol de plataforma «${roleCode}» no existe.`);
  }
  const granted = grantedToPlatformRoles.get(roleCode) ?? new Set<string>();
  for (const permission of permissions) granted.add(permission);
  grantedToPlatformRoles.set(roleCode, granted);
}

export function allRoles(): RoleDefinition[] {
  const platform = PLATFORM_ROLES.map((role) => {
    const granted = grantedToPlatformRoles.get(role.code);
    return granted ? { ...role, permissions: [...new Set([...role.permissions, ...granted])] } : role;
  });
  return [...platform, ...moduleRoles];
}

export function allPermissions(): PermissionDefinition[] {
  return [...PLATFORM_PERMISSIONS, ...modulePermissions];
}

export function findRole(code: string): RoleDefinition | undefined {
  return allRoles().find((role) => role.code === code);
}

export function permissionsOfRoles(roleCodes: readonly string[]): string[] {
  const granted = new Set<string>();
  for (const code of roleCodes)
    for (const permission of findRole(code)?.permissions ?? []) granted.add(permission);
  return [...granted].sort();
}
