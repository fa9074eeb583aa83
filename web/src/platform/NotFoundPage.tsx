import { Link } from 'react-router-dom';
import { Page } from './Page';

export function NotFoundPage() {
  return (
    <Page title="Página no encontrada" lead="La dirección que buscó no existe o fue cambiada.">
      <p>Puede volver al inicio o consultar el mapa del sitio para encontrar lo que necesita.</p>
      <ul className="link-list">
        <li>
          <Link to="/">Ir al inicio</Link>
        </li>
        <li>
          <Link to="/mapa-del-sitio">Ver el mapa del sitio</Link>
        </li>
      </ul>
    </Page>
  );
}
