import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { type ApiError, api, clearSession, fetchSession, subscribeSession, toApiError } from './api';
import type { Me } from './types';

export const BACK_OFFICE_PERMISSIONS = ['users.read', 'audit.read', 'jobs.read', 'notifications.read'];

interface AuthState {
  status: 'loading' | 'ready';
  user: Me | null;
  /** Set when the session could not be checked (server down), not when nobody is signed in. */
  error: ApiError | null;
}

interface AuthContextValue extends AuthState {
  refresh: () => Promise<Me | null>;
  logout: () => Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading', user: null, error: null });

  useEffect(() => {
    const unsubscribe = subscribeSession((session) =>
      setState({ status: 'ready', user: session?.user ?? null, error: null }),
    );
    fetchSession().catch((error: unknown) =>
      setState({ status: 'ready', user: null, error: toApiError(error) }),
    );
    return unsubscribe;
  }, []);

  const refresh = useCallback(async () => (await fetchSession())?.user ?? null, []);

  const logout = useCallback(async () => {
    try {
      await api.post('/api/v1/auth/logout');
    } finally {
      clearSession();
    }
  }, []);

  const value = useMemo(() => ({ ...state, refresh, logout }), [state, refresh, logout]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

export function hasPermission(user: Me | null, permission: string): boolean {
  return user?.permissions.includes(permission) ?? false;
}

export function canUseBackOffice(user: Me | null): boolean {
  if (!user) return false;
  return user.kind === 'funcionario' || BACK_OFFICE_PERMISSIONS.some((p) => user.permissions.includes(p));
}
