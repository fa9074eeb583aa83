import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { ForbiddenPage } from '../platform/ForbiddenPage';
import { Loading } from '../platform/Loading';
import { Page } from '../platform/Page';
import { useAuth } from './auth';
import type { Me } from './types';

/** Shows `children` only to signed-in users; others are sent to /ingresar and brought back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { status, user } = useAuth();
  const location = useLocation();
  if (status === 'loading') {
    return (
      <Page title="Cargando">
        <Loading label="Verificando su sesión…" />
      </Page>
    );
  }
  if (!user) {
    const back = `${location.pathname}${location.search}`;
    return <Navigate to={`/ingresar?volver=${encodeURIComponent(back)}`} replace />;
  }
  return children;
}

interface RequireAccessProps {
  allowed: (user: Me) => boolean;
  children: ReactNode;
}

/** Signed in and allowed; otherwise a Spanish "acceso restringido" page. */
export function RequireAccess({ allowed, children }: RequireAccessProps) {
  const { user } = useAuth();
  return <RequireAuth>{user && allowed(user) ? children : <ForbiddenPage />}</RequireAuth>;
}
