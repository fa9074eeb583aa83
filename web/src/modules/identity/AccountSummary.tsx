import type { Me } from '../../app/types';
import { documentTypeLabel } from '../../platform/documentTypes';

export function AccountSummary({ user }: { user: Me }) {
  return (
    <section className="panel" aria-labelledby="datos-cuenta">
      <h2 id="datos-cuenta">Datos de la cuenta</h2>
      <dl className="data-list">
        <div>
          <dt>Nombre</dt>
          <dd>{user.fullName}</dd>
        </div>
        <div>
          <dt>Correo electrónico</dt>
          <dd>{user.email}</dd>
        </div>
        <div>
          <dt>Documento</dt>
          <dd>
            {documentTypeLabel(user.documentType)} {user.documentNumber}
          </dd>
        </div>
        <div>
          <dt>Tipo de usuario</dt>
          <dd>{user.kind === 'funcionario' ? 'Funcionario' : 'Ciudadano'}</dd>
        </div>
        {user.dependencia && (
          <div>
            <dt>Dependencia</dt>
            <dd>{user.dependencia.name}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
