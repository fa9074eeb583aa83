import { useEffect, useRef } from 'react';
import { Outlet, useLocation } from 'react-router-dom';
import { Alert } from '../platform/Alert';
import { SiteFooter } from '../platform/SiteFooter';
import { SiteHeader } from '../platform/SiteHeader';
import { useAuth } from './auth';
import { useTenant } from './tenant';

function ConnectivityAlert() {
  const tenant = useTenant();
  const auth = useAuth();
  const error = tenant.error ?? auth.error;
  if (!error) return null;
  return (
    <Alert tone="error" title="Servicio no disponible">
      No fue posible comunicarse con el servidor de la sede electrónica. Algunas funciones no están
      disponibles; intente de nuevo en unos minutos.
    </Alert>
  );
}

/** After client-side navigation, move focus to the new page's h1 so screen readers announce it. */
function useFocusHeadingOnNavigation() {
  const { pathname } = useLocation();
  const firstRender = useRef(true);
  // biome-ignore lint/correctness/useExhaustiveDependencies: must run on every route change.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const main = document.getElementById('contenido');
    const heading = main?.querySelector<HTMLElement>('h1');
    (heading ?? main)?.focus();
  }, [pathname]);
}

export function Layout() {
  useFocusHeadingOnNavigation();
  return (
    <>
      <a className="skip-link" href="#contenido">
        Saltar al contenido
      </a>
      <SiteHeader />
      <main id="contenido" className="site-main" tabIndex={-1}>
        <div className="container">
          <ConnectivityAlert />
          <Outlet />
        </div>
      </main>
      <SiteFooter />
    </>
  );
}
