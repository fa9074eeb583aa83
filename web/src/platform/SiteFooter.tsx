import { Link } from 'react-router-dom';
import { useTenant } from '../app/tenant';

function ContactData() {
  const { tenant, entityName } = useTenant();
  const contact = tenant?.contact;
  return (
    <div className="site-footer__block">
      <h2 className="site-footer__title">{entityName}</h2>
      {contact ? (
        <address className="site-footer__address">
          {contact.address && <p>Dirección: {contact.address}</p>}
          {contact.phone && (
            <p>
              Teléfono: <a href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`}>{contact.phone}</a>
            </p>
          )}
          {contact.email && (
            <p>
              Correo electrónico: <a href={`mailto:${contact.email}`}>{contact.email}</a>
            </p>
          )}
          {contact.hours && <p>Horario de atención: {contact.hours}</p>}
        </address>
      ) : (
        <p>Datos de contacto no disponibles en este momento.</p>
      )}
    </div>
  );
}

export function SiteFooter() {
  const { tenant } = useTenant();
  const website = tenant?.contact.website;
  return (
    <footer className="site-footer">
      <div className="container site-footer__grid">
        <ContactData />
        <nav className="site-footer__block" aria-label="Enlaces de interés">
          <h2 className="site-footer__title">Enlaces de interés</h2>
          <ul className="site-footer__links">
            <li>
              <Link to="/politica-de-datos">Política de tratamiento de datos personales</Link>
            </li>
            <li>
              <Link to="/verificar">Verificar un documento</Link>
            </li>
            <li>
              <Link to="/mapa-del-sitio">Mapa del sitio</Link>
            </li>
            {website && (
              <li>
                <a href={website}>Sitio web institucional</a>
              </li>
            )}
          </ul>
        </nav>
      </div>
      <div className="site-footer__govco">
        <div className="container">
          <a className="govco-wordmark" href="https://www.gov.co">
            GOV.CO
          </a>
          <span className="site-footer__govco-text">Portal único del Estado colombiano</span>
        </div>
      </div>
    </footer>
  );
}
