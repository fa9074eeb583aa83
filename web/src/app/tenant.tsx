import { createContext, type ReactNode, useContext, useEffect, useState } from 'react';
import { type ApiError, api, isAbortError, toApiError } from './api';
import type { Tenant } from './types';

const FALLBACK_ENTITY_NAME = 'Alcaldía';

interface TenantContextValue {
  tenant: Tenant | null;
  entityName: string;
  loading: boolean;
  error: ApiError | null;
}

const TenantContext = createContext<TenantContextValue>({
  tenant: null,
  entityName: FALLBACK_ENTITY_NAME,
  loading: true,
  error: null,
});

export function TenantProvider({ children }: { children: ReactNode }) {
  const [value, setValue] = useState<TenantContextValue>({
    tenant: null,
    entityName: FALLBACK_ENTITY_NAME,
    loading: true,
    error: null,
  });

  useEffect(() => {
    const controller = new AbortController();
    api.get<Tenant>('/api/v1/tenant', controller.signal).then(
      (tenant) =>
        setValue({
          tenant,
          entityName: tenant.entityName || FALLBACK_ENTITY_NAME,
          loading: false,
          error: null,
        }),
      (error: unknown) => {
        if (isAbortError(error)) return;
        setValue({
          tenant: null,
          entityName: FALLBACK_ENTITY_NAME,
          loading: false,
          error: toApiError(error),
        });
      },
    );
    return () => controller.abort();
  }, []);

  return <TenantContext.Provider value={value}>{children}</TenantContext.Provider>;
}

export function useTenant(): TenantContextValue {
  return useContext(TenantContext);
}
