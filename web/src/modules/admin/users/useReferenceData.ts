import type { Dependencia } from '../../../app/types';
import { useApiGet } from '../../../app/useApiGet';
import type { SelectOption } from '../../../platform/fields';
import type { Role } from '../types';

/** Roles and dependencias for the user forms; both lists degrade to empty when not available. */
export function useReferenceData(enabled: boolean) {
  const roles = useApiGet<{ items: Role[] }>(enabled ? '/api/v1/admin/roles' : null);
  const dependencias = useApiGet<{ items: Dependencia[] }>(enabled ? '/api/v1/admin/dependencias' : null);

  const roleItems = roles.data?.items ?? [];
  const roleOptions: SelectOption[] = roleItems.map((role) => ({ value: role.code, label: role.name }));
  const dependenciaOptions: SelectOption[] = (dependencias.data?.items ?? []).map((dependencia) => ({
    value: dependencia.code,
    label: dependencia.name,
  }));
  const roleName = (code: string) => roleItems.find((role) => role.code === code)?.name ?? code;
  const error = roles.error ?? dependencias.error;

  return { roleOptions, dependenciaOptions, roleName, error };
}
