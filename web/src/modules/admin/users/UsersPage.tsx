import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { withQuery } from '../../../app/api';
import { hasPermission, useAuth } from '../../../app/auth';
import type { Paged } from '../../../app/types';
import { useApiGet } from '../../../app/useApiGet';
import { Alert } from '../../../platform/Alert';
import { Loading } from '../../../platform/Loading';
import { Page } from '../../../platform/Page';
import { Pagination } from '../../../platform/Pagination';
import { PAGE_SIZE, pageFrom } from '../labels';
import type { UserSummary } from '../types';
import { CreateOfficialForm } from './CreateOfficialForm';
import { EditUserForm } from './EditUserForm';
import { type UserFilters, UserSearchForm } from './UserSearchForm';
import { UsersTable } from './UsersTable';
import { useReferenceData } from './useReferenceData';

export function UsersPage() {
  const { user } = useAuth();
  const canManage = hasPermission(user, 'users.manage');
  const [searchParams, setSearchParams] = useSearchParams();
  const filters: UserFilters = { q: searchParams.get('q') ?? '', kind: searchParams.get('kind') ?? '' };
  const page = pageFrom(searchParams.get('page'));
  const [editing, setEditing] = useState<UserSummary | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const reference = useReferenceData(true);
  const list = useApiGet<Paged<UserSummary>>(
    withQuery('/api/v1/admin/users', { ...filters, page, pageSize: PAGE_SIZE }),
  );

  const search = (next: UserFilters, nextPage = 1) => {
    const params: Record<string, string> = {};
    if (next.q) params.q = next.q;
    if (next.kind) params.kind = next.kind;
    if (nextPage > 1) params.page = String(nextPage);
    setSearchParams(params);
  };

  const onSaved = (saved: UserSummary) => {
    setEditing(null);
    setNotice(`Los cambios de ${saved.fullName} quedaron guardados.`);
    list.reload();
  };

  return (
    <Page title="Usuarios" lead="Ciudadanos y funcionarios registrados en la sede electrónica.">
      <UserSearchForm initial={filters} onSearch={(next) => search(next)} />
      {notice && <Alert tone="success">{notice}</Alert>}
      {list.error && <Alert tone="error">{list.error.detail}</Alert>}
      {list.loading && !list.data && <Loading label="Cargando usuarios…" />}
      {list.data && list.data.items.length === 0 && <p>No se encontraron usuarios con esos criterios.</p>}
      {list.data && list.data.items.length > 0 && (
        <>
          <UsersTable
            users={list.data.items}
            roleName={reference.roleName}
            onEdit={
              canManage
                ? (selected) => {
                    setNotice(null);
                    setEditing(selected);
                  }
                : undefined
            }
          />
          <Pagination
            page={page}
            pageSize={list.data.pageSize ?? PAGE_SIZE}
            total={list.data.total}
            onPageChange={(next) => search(filters, next)}
          />
        </>
      )}
      {canManage && editing && (
        <EditUserForm
          key={editing.id}
          user={editing}
          roleOptions={reference.roleOptions}
          dependenciaOptions={reference.dependenciaOptions}
          onSaved={onSaved}
          onCancel={() => setEditing(null)}
        />
      )}
      {canManage && (
        <>
          {reference.error && (
            <Alert tone="warning">
              No fue posible cargar los roles y las dependencias: {reference.error.detail}
            </Alert>
          )}
          <CreateOfficialForm
            roleOptions={reference.roleOptions}
            dependenciaOptions={reference.dependenciaOptions}
            onCreated={list.reload}
          />
        </>
      )}
    </Page>
  );
}
