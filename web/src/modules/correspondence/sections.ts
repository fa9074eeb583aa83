/** The entries for web/src/modules/admin/sections.ts (ADMIN_SECTIONS); kept apart from the pages so the menu stays light. */
export const CORRESPONDENCE_ADMIN_SECTIONS = [
  {
    path: '/admin/correspondencia',
    label: 'Correspondencia',
    permission: 'correspondence.read_own',
    description:
      'Radique y busque la correspondencia de entrada, salida e interna, con sus documentos digitalizados.',
  },
  {
    path: '/admin/correspondencia/expedientes',
    label: 'Expedientes',
    permission: 'correspondence.read_own',
    description:
      'Abra, complete y cierre expedientes según la Tabla de Retención Documental y consulte su índice.',
  },
];
