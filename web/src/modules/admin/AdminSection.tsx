import type { ReactNode } from 'react';
import { NavLink, Route, Routes } from 'react-router-dom';
import { canUseBackOffice, hasPermission, useAuth } from '../../app/auth';
import { RequireAccess } from '../../app/guards';
import { ForbiddenPage } from '../../platform/ForbiddenPage';
import { NotFoundPage } from '../../platform/NotFoundPage';
import { CORRESPONDENCE_ADMIN_ROUTES } from '../correspondence/adminRoutes';
import { HELPDESK_ADMIN_ROUTES } from '../helpdesk/adminRoutes';
import { REQUESTS_ADMIN_ROUTES } from '../requests/admin/adminRoutes';
import { TAXES_ADMIN_ROUTES } from '../taxes/admin/adminRoutes';
import { TERRITORY_ADMIN_ROUTES } from '../territory/adminRoutes';
import { AuditPage } from './audit/AuditPage';
import { DashboardPage } from './DashboardPage';
import { JobsPage } from './jobs/JobsPage';
import { OutboxPage } from './outbox/OutboxPage';
import { ADMIN_SECTIONS } from './sections';
import { UsersPage } from './users/UsersPage';

function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const { user } = useAuth();
  return hasPermission(user, permission) ? children : <ForbiddenPage />;
}

function AdminNavigation() {
  const { user } = useAuth();
  const sections = ADMIN_SECTIONS.filter((section) => hasPermission(user, section.permission));
  return (
    <nav className="admin-nav" aria-label="Administración">
      <ul>
        <li>
          <NavLink to="/admin" end>
            Resumen
          </NavLink>
        </li>
        {sections.map((section) => (
          <li key={section.path}>
            <NavLink to={section.path}>{section.label}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function AdminSection() {
  return (
    <RequireAccess allowed={canUseBackOffice}>
      <div className="admin-layout">
        <AdminNavigation />
        <div className="admin-layout__content">
          <Routes>
            <Route index element={<DashboardPage />} />
            <Route
              path="usuarios"
              element={
                <RequirePermission permission="users.read">
                  <UsersPage />
                </RequirePermission>
              }
            />
            <Route
              path="auditoria"
              element={
                <RequirePermission permission="audit.read">
                  <AuditPage />
                </RequirePermission>
              }
            />
            <Route
              path="tareas"
              element={
                <RequirePermission permission="jobs.read">
                  <JobsPage />
                </RequirePermission>
              }
            />
            <Route
              path="notificaciones"
              element={
                <RequirePermission permission="notifications.read">
                  <OutboxPage />
                </RequirePermission>
              }
            />
            {[
              ...TAXES_ADMIN_ROUTES,
              ...CORRESPONDENCE_ADMIN_ROUTES,
              ...REQUESTS_ADMIN_ROUTES,
              ...TERRITORY_ADMIN_ROUTES,
            ].map((route) => (
              <Route
                key={route.path}
                path={route.path}
                element={<RequirePermission permission={route.permission}>{route.element}</RequirePermission>}
              />
            ))}
            {HELPDESK_ADMIN_ROUTES.map((route) => (
              <Route
                key={route.path}
                path={route.path}
                element={
                  route.permission ? (
                    <RequirePermission permission={route.permission}>{route.element}</RequirePermission>
                  ) : (
                    route.element
                  )
                }
              />
            ))}
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </div>
      </div>
    </RequireAccess>
  );
}
