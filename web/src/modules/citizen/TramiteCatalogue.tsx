import { Link } from 'react-router-dom';
import { withQuery } from '../../app/api';
import { useAuth } from '../../app/auth';
import { useApiGet } from '../../app/useApiGet';
import { Alert } from '../../platform/Alert';
import { Loading } from '../../platform/Loading';
import type { Audience, TramiteSummary } from './types';

const AUDIENCES: { audience: Audience; title: string }[] = [
  { audience: 'ciudadano', title: 'Para personas' },
  { audience: 'empresa', title: 'Para empresas' },
  { audience: 'funcionario', title: 'Para servidores públicos' },
];

function TramiteCard({ tramite, signedIn }: { tramite: TramiteSummary; signedIn: boolean }) {
  const target =
    tramite.requiresLogin && !signedIn ? withQuery('/ingresar', { volver: tramite.path }) : tramite.path;
  return (
    <li className="card">
      <h3 className="card__title">
        <Link to={target}>{tramite.name}</Link>
      </h3>
      <p>{tramite.description}</p>
      {tramite.requiresLogin && <p className="card__meta">Requiere ingresar con su cuenta.</p>}
    </li>
  );
}

export function TramiteCatalogue() {
  const { user } = useAuth();
  const { data, error, loading } = useApiGet<{ items: TramiteSummary[] }>('/api/v1/tramites');

  if (loading && !data) return <Loading label="Cargando el catálogo de trámites…" />;
  if (error)
    return (
      <Alert tone="error" title="No fue posible cargar el catálogo de trámites">
        {error.detail}
      </Alert>
    );

  const items = data?.items ?? [];
  if (items.length === 0) return <p>Por ahora no hay trámites publicados en línea.</p>;

  return (
    <>
      {AUDIENCES.map(({ audience, title }) => {
        const group = items.filter((item) => item.audience === audience);
        if (group.length === 0) return null;
        return (
          <section key={audience} aria-labelledby={`tramites-${audience}`}>
            <h2 id={`tramites-${audience}`}>{title}</h2>
            <ul className="card-grid">
              {group.map((tramite) => (
                <TramiteCard key={tramite.slug} tramite={tramite} signedIn={user !== null} />
              ))}
            </ul>
          </section>
        );
      })}
    </>
  );
}
