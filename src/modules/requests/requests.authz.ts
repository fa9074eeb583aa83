import { registerModuleAuthorization } from '../../platform/authz/catalogue.ts';

/**
 * Who works PQRSD. Citizens file and follow their own without a permission; the roles also name who may
 * take each workflow action (config/workflows/pqrsd.json): pqrsd_coordinador distributes, the assignee
 * works the request, jefe_dependencia (only on requests of their own dependencia) approves answers.
 */
export const REQUESTS_PERMISSIONS = {
  /** See and distribute every request, register requests at the counter and from e-mail. */
  coordinate: 'requests.pqrsd.coordinate',
  /** Work the requests of one's dependencia or assigned to oneself. */
  work: 'requests.pqrsd.work',
  reports: 'requests.pqrsd.reports',
} as const;

const P = REQUESTS_PERMISSIONS;

registerModuleAuthorization(
  [
    {
      code: P.coordinate,
      description: 'Repartir y consultar todas las PQRSD; radicar en ventanilla y desde el correo',
    },
    { code: P.work, description: 'Tramitar las PQRSD de su dependencia o asignadas a usted' },
    { code: P.reports, description: 'Ver los informes de PQRSD (Ley 1712 de 2014)' },
  ],
  [
    {
      code: 'pqrsd_coordinador',
      name: 'Coordinación de PQRSD',
      description:
        'Atención al ciudadano: radica en ventanilla y desde el correo, reparte, traslada y marca duplicadas.',
      permissions: [P.coordinate, P.work, P.reports],
      officialOnly: true,
    },
    {
      code: 'pqrsd_gestor',
      name: 'Gestor de PQRSD',
      description: 'Tramita y proyecta las respuestas de las PQRSD de su dependencia.',
      permissions: [P.work],
      officialOnly: true,
    },
    {
      code: 'jefe_dependencia',
      name: 'Jefe de dependencia',
      description: 'Reparte dentro de su dependencia y aprueba las respuestas que firma.',
      permissions: [P.work, P.reports],
      officialOnly: true,
    },
  ],
);
