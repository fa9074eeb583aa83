export interface AdminSectionLink {
  path: string;
  label: string;
  permission: string;
  description: string;
}

export const ADMIN_SECTIONS: AdminSectionLink[] = [
  {
    path: '/admin/usuarios',
    label: 'Usuarios',
    permission: 'users.read',
    description: 'Consulte ciudadanos y funcionarios, cree funcionarios y asigne roles y dependencias.',
  },
  {
    path: '/admin/auditoria',
    label: 'Auditoría',
    permission: 'audit.read',
    description: 'Revise quién hizo qué y cuándo, y exporte el registro de auditoría en CSV.',
  },
  {
    path: '/admin/tareas',
    label: 'Tareas',
    permission: 'jobs.read',
    description: 'Siga el avance de los procesos en segundo plano, como exportaciones y envíos masivos.',
  },
  {
    path: '/admin/notificaciones',
    label: 'Notificaciones',
    permission: 'notifications.read',
    description: 'Consulte los correos y mensajes de texto enviados, pendientes o fallidos.',
  },
];
