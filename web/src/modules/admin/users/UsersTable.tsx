import { formatDateTime } from '../../../platform/format';
import { TableScroll } from '../../../platform/TableScroll';
import { USER_KIND_LABELS, USER_STATUS_LABELS } from '../labels';
import type { UserSummary } from '../types';

interface UsersTableProps {
  users: UserSummary[];
  roleName: (code: string) => string;
  onEdit?: (user: UserSummary) => void;
}

export function UsersTable({ users, roleName, onEdit }: UsersTableProps) {
  return (
    <TableScroll label="Usuarios encontrados">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Nombre</th>
            <th scope="col">Correo electrónico</th>
            <th scope="col">Tipo</th>
            <th scope="col">Dependencia</th>
            <th scope="col">Roles</th>
            <th scope="col">Estado</th>
            <th scope="col">Creado</th>
            {onEdit && <th scope="col">Acciones</th>}
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <th scope="row">{user.fullName}</th>
              <td>{user.email}</td>
              <td>{USER_KIND_LABELS[user.kind] ?? user.kind}</td>
              <td>{user.dependencia?.name ?? '—'}</td>
              <td>{user.roles.length > 0 ? user.roles.map(roleName).join(', ') : '—'}</td>
              <td>
                <span className={`badge badge--${user.status}`}>
                  {USER_STATUS_LABELS[user.status] ?? user.status}
                </span>
              </td>
              <td>{formatDateTime(user.createdAt)}</td>
              {onEdit && (
                <td>
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    onClick={() => onEdit(user)}
                  >
                    Editar<span className="visually-hidden"> a {user.fullName}</span>
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
