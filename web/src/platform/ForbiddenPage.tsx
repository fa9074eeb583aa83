import { Link } from 'react-router-dom';
import { Page } from './Page';

export function ForbiddenPage() {
  return (
    <Page title="Acceso restringido" lead="Su cuenta no tiene permiso para ver esta sección.">
      <p>Si cree que debería tener acceso, solicítelo al administrador de la plataforma de su dependencia.</p>
      <p>
        <Link to="/">Volver al inicio</Link>
      </p>
    </Page>
  );
}
