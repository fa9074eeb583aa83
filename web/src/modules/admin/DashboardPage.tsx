import { Link } from 'react-router-dom';
import { hasPermission, useAuth } from '../../app/auth';
import { Page } from '../../platform/Page';
import { ADMIN_SECTIONS } from './sections';

export function DashboardPage() {
  const { user } = useAuth();
  const sections = ADMIN_SECTIONS.filter((section) => hasPermission(user, section.permission));
  return (
    <Page
      title="Administración"
      heading="Panel de administración"
      lead={
        user
          ? `Bienvenido(a), ${user.fullName}.${user.dependencia ? ` ${user.dependencia.name}.` : ''}`
          : undefined
      }
    >
      {sections.length === 0 ? (
        <p>Su cuenta todavía no tiene secciones de administración asignadas.</p>
      ) : (
        <ul className="card-grid">
          {sections.map((section) => (
            <li key={section.path} className="card">
              <h2 className="card__title">
                <Link to={section.path}>{section.label}</Link>
              </h2>
              <p>{section.description}</p>
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}
