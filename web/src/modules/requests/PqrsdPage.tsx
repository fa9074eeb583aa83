import { Link } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { useApiGet } from '../../app/useApiGet';
import { Alert } from '../../platform/Alert';
import { Loading } from '../../platform/Loading';
import { Page } from '../../platform/Page';
import { TableScroll } from '../../platform/TableScroll';
import { API, businessDays, PUBLIC_BASE, TYPE_EXPLANATIONS, trackingPath } from './labels';
import type { Catalogue } from './types';
import './pqrsd.css';

export function useCatalogue() {
  return useApiGet<Catalogue>(`${API}/catalogo`);
}

/** /pqrsd: what a PQRSD is, the types with their legal term, and the ways in. */
export function PqrsdPage() {
  const { user } = useAuth();
  const catalogue = useCatalogue();
  return (
    <Page
      title="PQRSD: peticiones, quejas, reclamos, sugerencias y denuncias"
      heading="Peticiones, quejas, reclamos, sugerencias y denuncias (PQRSD)"
      lead="Toda persona tiene derecho a presentar peticiones respetuosas a la Alcaldía y a recibir una respuesta de fondo dentro del término de ley (artículo 23 de la Constitución y Ley 1755 de 2015)."
    >
      <div className="quick-actions">
        <Link className="button" to={`${PUBLIC_BASE}/radicar`}>
          Radicar una PQRSD
        </Link>
        <Link className="button button--secondary" to={trackingPath()}>
          Consultar el estado de una PQRSD
        </Link>
        {user?.kind === 'ciudadano' && (
          <Link className="button button--secondary" to={`${PUBLIC_BASE}/mias`}>
            Mis PQRSD
          </Link>
        )}
      </div>

      <section aria-labelledby="tipos">
        <h2 id="tipos">Tipos de solicitud y plazo para responder</h2>
        <p>
          El plazo se cuenta en días hábiles (de lunes a viernes, sin festivos) desde el día siguiente a la
          radicación. Si la Alcaldía no puede responder a tiempo, debe informarle antes del vencimiento el
          motivo y la nueva fecha, que no puede superar el doble del plazo inicial.
        </p>
        {catalogue.loading && !catalogue.data && <Loading label="Cargando los tipos de solicitud…" />}
        {catalogue.error && <Alert tone="error">{catalogue.error.detail}</Alert>}
        {catalogue.data && (
          <>
            <TableScroll label="Tabla de tipos de solicitud">
              <table className="table">
                <caption className="visually-hidden">Tipos de solicitud y plazo para responder</caption>
                <thead>
                  <tr>
                    <th scope="col">Tipo</th>
                    <th scope="col">Para qué sirve</th>
                    <th scope="col">Plazo para responder</th>
                  </tr>
                </thead>
                <tbody>
                  {catalogue.data.types.map((type) => (
                    <tr key={type.code}>
                      <th scope="row">{type.label}</th>
                      <td>{TYPE_EXPLANATIONS[type.code] ?? '—'}</td>
                      <td className="cell--nowrap">{businessDays(type.termDays)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            <p className="muted">Términos vigentes: {catalogue.data.regime.label}.</p>
          </>
        )}
      </section>

      <section aria-labelledby="como">
        <h2 id="como">Cómo presentarla</h2>
        <ol className="steps">
          <li>
            Diligencie el <Link to={`${PUBLIC_BASE}/radicar`}>formulario de radicación</Link>: tipo, tema,
            asunto y descripción. Puede adjuntar documentos.
          </li>
          <li>
            Recibirá de inmediato un <strong>número de radicado</strong> y la fecha máxima de respuesta. Si
            dejó un correo electrónico, también se lo enviamos por correo.
          </li>
          <li>
            Consulte el estado en <Link to={trackingPath()}>Consultar PQRSD</Link> con el radicado y su número
            de documento (o la clave de consulta, si la denuncia fue anónima).
          </li>
        </ol>
        <p>
          Las denuncias pueden presentarse de forma anónima. Las demás solicitudes necesitan sus datos para
          poder enviarle la respuesta; se tratan según la{' '}
          <Link to="/politica-de-datos">política de tratamiento de datos personales</Link>.
        </p>
      </section>
    </Page>
  );
}
