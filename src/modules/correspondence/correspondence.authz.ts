import { registerModuleAuthorization } from '../../platform/authz/catalogue.ts';

/**
 * Who may do what with official correspondence:
 * - `register`: radicar entradas, salidas and internas, attach their digitised pages, open, fill and close
 *   expedientes (the ventanilla de correspondencia and the archive).
 * - `read`: consult and search every radicado and expediente of the entity.
 * - `readOwn`: consult and search what is assigned to the official's own dependencia only.
 * A reader holding `read` sees everything; one holding only `readOwn` sees their dependencia's.
 */
export const CORRESPONDENCE_PERMISSIONS = {
  register: 'correspondence.register',
  read: 'correspondence.read',
  readOwn: 'correspondence.read_own',
} as const;

const P = CORRESPONDENCE_PERMISSIONS;

registerModuleAuthorization(
  [
    {
      code: P.register,
      description:
        'Radicar correspondencia de entrada, salida e interna, adjuntar documentos y formar expedientes',
    },
    { code: P.read, description: 'Consultar y buscar toda la correspondencia y los expedientes' },
    {
      code: P.readOwn,
      description: 'Consultar la correspondencia y los expedientes asignados a su propia dependencia',
    },
  ],
  [
    {
      code: 'gestion_documental',
      name: 'Gestión documental',
      description:
        'Ventanilla de correspondencia y archivo: radica, digitaliza, consulta toda la correspondencia y forma los expedientes.',
      permissions: [P.register, P.read, P.readOwn],
      officialOnly: true,
    },
    {
      code: 'correspondencia_dependencia',
      name: 'Correspondencia de la dependencia',
      description:
        'Consulta la correspondencia y los expedientes asignados a su dependencia para tramitarlos.',
      permissions: [P.readOwn],
      officialOnly: true,
    },
  ],
);
