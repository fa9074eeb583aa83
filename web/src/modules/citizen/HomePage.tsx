import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { useTenant } from '../../app/tenant';
import { Page } from '../../platform/Page';
import { TramiteCatalogue } from './TramiteCatalogue';

export function HomePage() {
  const { entityName } = useTenant();
  const { user } = useAuth();
  return (
    <Page
      title="Inicio"
      heading="Trámites y servicios en línea"
      lead={`Realice sus trámites ante la ${entityName} desde cualquier lugar, a cualquier hora.`}
    >
      <div className="quick-actions">
        {user ? (
          <Link className="button" to="/mis-tramites">
            Ver mis trámites
          </Link>
        ) : (
          <>
            <Link className="button" to="/registro">
              Crear una cuenta
            </Link>
            <Link className="button button--secondary" to="/ingresar">
              Ingresar a mi cuenta
            </Link>
          </>
        )}
        <Link className="button button--secondary" to="/predial">
          Impuesto predial: consultar y pagar
        </Link>
        {user && (
          <Link className="button button--secondary" to="/predial/mis-predios">
            Mis predios
          </Link>
        )}
        <Link className="button button--secondary" to="/verificar">
          Verificar un documento
        </Link>
        <Link className="button button--secondary" to="/territorio">
          Mapa del municipio
        </Link>
      </div>
      <TramiteCatalogue />
    </Page>
  );
}
