import { Link } from 'react-router-dom';
import { Page } from './Page';

const SECTIONS = [
  {
    title: 'Servicios',
    links: [
      { to: '/', label: 'Inicio y catálogo de trámites' },
      { to: '/mis-tramites', label: 'Mis trámites' },
      { to: '/verificar', label: 'Verificar un documento' },
      { to: '/pqrsd', label: 'Peticiones, quejas, reclamos, sugerencias y denuncias (PQRSD)' },
      { to: '/pqrsd/radicar', label: 'Radicar una PQRSD' },
      { to: '/pqrsd/consultar', label: 'Consultar el estado de una PQRSD' },
      { to: '/pqrsd/mias', label: 'Mis PQRSD' },
      { to: '/territorio', label: 'Mapa del municipio: buscar una dirección o un barrio' },
    ],
  },
  {
    title: 'Cuenta',
    links: [
      { to: '/registro', label: 'Crear cuenta' },
      { to: '/ingresar', label: 'Ingresar' },
      { to: '/recuperar-clave', label: 'Recuperar la contraseña' },
      { to: '/cuenta/seguridad', label: 'Seguridad de la cuenta' },
    ],
  },
  {
    title: 'Información',
    links: [{ to: '/politica-de-datos', label: 'Política de tratamiento de datos personales' }],
  },
];

export function SiteMapPage() {
  return (
    <Page title="Mapa del sitio">
      {SECTIONS.map((section) => (
        <section key={section.title}>
          <h2>{section.title}</h2>
          <ul className="link-list">
            {section.links.map((link) => (
              <li key={link.to}>
                <Link to={link.to}>{link.label}</Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Page>
  );
}
