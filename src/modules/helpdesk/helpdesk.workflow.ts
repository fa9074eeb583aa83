import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  loadWorkflowDefinition,
  type WorkflowDefinition,
  WorkflowDefinitionError,
} from '../../platform/workflow/definition/index.ts';

/**
 * The help desk's workflow (config/workflows/helpdesk.json) as the module needs it: the states and actions
 * the service names must be there, and the «resuelto» state closes itself when the reopen window of the
 * rules runs out (the rules file is the one place that window is set).
 */

export const HELPDESK_WORKFLOW = 'helpdesk';

export const HELPDESK_STATES = {
  open: 'abierto',
  assigned: 'asignado',
  inProgress: 'en_atencion',
  waiting: 'esperando_usuario',
  resolved: 'resuelto',
  closed: 'cerrado',
  cancelled: 'cancelado',
} as const;

export const HELPDESK_ACTIONS = {
  assign: 'asignar',
  take: 'tomar',
  start: 'iniciar',
  waitForUser: 'esperar_usuario',
  resume: 'reanudar',
  resolve: 'resolver',
  confirm: 'confirmar',
  reopen: 'reabrir',
  close: 'cerrar',
  cancel: 'cancelar',
} as const;

/** The requester's relationship role: not a platform role, added by the module to whoever opened the ticket. */
export const REQUESTER_ROLE = 'solicitante';

/** Roles of the platform catalogue the workflow names (src/modules/helpdesk/helpdesk.authz.ts). */
export const COORDINATOR_ROLE = 'mesa_ayuda';
export const TECHNICIAN_ROLE = 'tecnico_tic';

export const HELPDESK_WORKFLOW_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../config/workflows/helpdesk.json',
);

/**
 * Validates the workflow and checks what the module relies on; the «resuelto» state's own term becomes the
 * reopen window (business days). Throws WorkflowDefinitionError naming the path otherwise.
 */
export function loadHelpdeskWorkflow(json: unknown, reopenWindowBusinessDays: number): WorkflowDefinition {
  const definition = loadWorkflowDefinition(json);
  if (definition.code !== HELPDESK_WORKFLOW) {
    throw new WorkflowDefinitionError(
      `code: el flujo de la mesa de ayuda debe tener el código «${HELPDESK_WORKFLOW}».`,
      'code',
    );
  }
  for (const state of Object.values(HELPDESK_STATES)) {
    if (!definition.states.some((candidate) => candidate.code === state)) {
      throw new WorkflowDefinitionError(
        `states: falta el estado «${state}», que usa el módulo de mesa de ayuda.`,
        'states',
      );
    }
  }
  for (const action of Object.values(HELPDESK_ACTIONS)) {
    if (!definition.actions.some((candidate) => candidate.code === action)) {
      throw new WorkflowDefinitionError(
        `actions: falta la acción «${action}», que usa el módulo de mesa de ayuda.`,
        'actions',
      );
    }
  }
  const resolvedIndex = definition.states.findIndex((state) => state.code === HELPDESK_STATES.resolved);
  const resolved = definition.states[resolvedIndex]!;
  if (!resolved.pausesClock) {
    throw new WorkflowDefinitionError(
      `states[${resolvedIndex}].pausesClock: «resuelto» debe detener el reloj mientras el solicitante confirma.`,
      `states[${resolvedIndex}].pausesClock`,
    );
  }
  if (resolved.onSlaExceeded !== HELPDESK_ACTIONS.close) {
    throw new WorkflowDefinitionError(
      `states[${resolvedIndex}].onSlaExceeded: «resuelto» debe cerrarse solo con la acción «${HELPDESK_ACTIONS.close}» cuando vence la ventana para reabrir.`,
      `states[${resolvedIndex}].onSlaExceeded`,
    );
  }
  return {
    ...definition,
    states: definition.states.map((state) =>
      state === resolved
        ? { ...state, sla: { unit: 'businessDays' as const, amount: reopenWindowBusinessDays } }
        : state,
    ),
  };
}

/** Reads config/workflows/helpdesk.json. */
export function readHelpdeskWorkflow(
  reopenWindowBusinessDays: number,
  file = HELPDESK_WORKFLOW_FILE,
): WorkflowDefinition {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new WorkflowDefinitionError(
      `No se pudo leer el flujo de la mesa de ayuda (${path.relative(process.cwd(), file)}): ${(error as Error).message}`,
      'archivo',
    );
  }
  return loadHelpdeskWorkflow(json, reopenWindowBusinessDays);
}
