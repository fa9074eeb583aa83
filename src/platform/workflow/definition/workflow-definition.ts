import { z } from 'zod';
import { AppError } from '../../http/errors.ts';

/**
 * A workflow is data (issue 4): states, actions, which roles may take each action and the state it
 * leads to, an SLA per state and overall, states that pause the clock, and what happens automatically
 * when an SLA is exceeded. PQRSD, correspondence, the help desk and later licences each load one; the
 * engine only interprets it.
 */

const CODE = /^[a-z][a-z0-9_]{1,39}$/;
const code = (label: string) =>
  z
    .string({ error: `${label}: debe ser texto.` })
    .regex(CODE, `${label}: use minúsculas, números y _ (2 a 40).`);

const slaSchema = z.discriminatedUnion('unit', [
  z.strictObject({ unit: z.literal('businessDays'), amount: z.number().int().min(1).max(730) }),
  z.strictObject({
    unit: z.literal('businessHours'),
    amount: z.number().int().min(1).max(10_000),
    hours: z.strictObject({
      start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'hours.start: use HH:MM.'),
      end: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'hours.end: use HH:MM.'),
    }),
  }),
]);

const stateSchema = z.strictObject({
  code: code('states[].code'),
  label: z.string().min(2).max(80),
  /** Waiting for the citizen (información adicional): the clock stops while the case is here. */
  pausesClock: z.boolean().default(false),
  /** A closing state: the clock stops and no action but those listed may leave it. */
  final: z.boolean().default(false),
  /** Business days (or hours) a case may stay in this state before its escalation runs. */
  sla: slaSchema.optional(),
  /** The action the engine takes on its own when the state's SLA is exceeded. */
  onSlaExceeded: code('states[].onSlaExceeded').optional(),
});

const actionSchema = z.strictObject({
  code: code('actions[].code'),
  label: z.string().min(2).max(80),
  from: z.array(code('actions[].from[]')).min(1),
  to: code('actions[].to'),
  /** Roles that may take it; 'assignee' means the official the case is assigned to; 'system' the engine. */
  roles: z.array(z.string().min(2).max(40)).min(1),
  requiresComment: z.boolean().default(false),
  requiresAssignee: z.boolean().default(true),
  /** The action names who gets the case (and may move it to another dependencia). */
  assigns: z.boolean().default(false),
});

const workflowSchema = z.strictObject({
  code: code('code'),
  label: z.string().min(2).max(120),
  version: z.number().int().min(1),
  initial: code('initial'),
  /** The overall term, when the case type does not give one (PQRSD types give theirs). */
  sla: slaSchema.optional(),
  states: z.array(stateSchema).min(2),
  actions: z.array(actionSchema).min(1),
});

export type WorkflowSla = z.infer<typeof slaSchema>;
export type WorkflowState = z.infer<typeof stateSchema>;
export type WorkflowAction = z.infer<typeof actionSchema>;
export type WorkflowDefinition = z.infer<typeof workflowSchema>;

export class WorkflowDefinitionError extends AppError {
  constructor(detail: string, field: string) {
    super(422, 'WORKFLOW_DEFINITION_INVALID', detail, field);
    this.name = 'WorkflowDefinitionError';
  }
}

const pathOf = (path: readonly PropertyKey[]) =>
  path
    .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
    .join('')
    .replace(/^\./, '');

/**
 * Reads a workflow definition and checks that it holds together: unique codes, the initial state exists
 * and is not final, every action goes from and to known states, every state can be reached from the
 * initial one, every non-final state can be left, and escalation actions leave the state they guard.
 */
export function loadWorkflowDefinition(json: unknown): WorkflowDefinition {
  const parsed = workflowSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new WorkflowDefinitionError(
      `${pathOf(issue.path) || 'definición'}: ${issue.message}`,
      pathOf(issue.path),
    );
  }
  const definition = parsed.data;
  const states = new Map(definition.states.map((state) => [state.code, state]));
  const fail = (field: string, detail: string): never => {
    throw new WorkflowDefinitionError(detail, field);
  };
  if (states.size !== definition.states.length) fail('states', 'Hay dos estados con el mismo código.');
  const actionCodes = new Set(definition.actions.map((action) => action.code));
  if (actionCodes.size !== definition.actions.length)
    fail('actions', 'Hay dos acciones con el mismo código.');
  const initial = states.get(definition.initial);
  if (!initial) fail('initial', `El estado inicial «${definition.initial}» no existe.`);
  if (initial?.final) fail('initial', 'El estado inicial no puede ser final.');
  definition.actions.forEach((action, index) => {
    for (const from of action.from) {
      if (!states.has(from))
        fail(`actions[${index}].from`, `La acción «${action.code}» sale de «${from}», que no existe.`);
    }
    if (!states.has(action.to))
      fail(`actions[${index}].to`, `La acción «${action.code}» lleva a «${action.to}», que no existe.`);
  });
  definition.states.forEach((state, index) => {
    const leaving = definition.actions.filter((action) => action.from.includes(state.code));
    if (!state.final && leaving.length === 0) {
      fail(
        `states[${index}]`,
        `Del estado «${state.code}» no sale ninguna acción: un caso quedaría atascado.`,
      );
    }
    if (state.onSlaExceeded) {
      const escalation = definition.actions.find((action) => action.code === state.onSlaExceeded);
      if (!escalation)
        fail(`states[${index}].onSlaExceeded`, `La acción «${state.onSlaExceeded}» no existe.`);
      if (escalation && !escalation.from.includes(state.code)) {
        fail(
          `states[${index}].onSlaExceeded`,
          `La acción «${escalation.code}» no sale del estado «${state.code}».`,
        );
      }
      if (escalation && !escalation.roles.includes('system')) {
        fail(
          `states[${index}].onSlaExceeded`,
          `La acción «${escalation.code}» debe permitir el rol «system».`,
        );
      }
      if (!state.sla)
        fail(`states[${index}].sla`, `El estado «${state.code}» escala sin tener un término (sla).`);
    }
  });
  const reached = new Set([definition.initial]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const action of definition.actions) {
      if (action.from.some((from) => reached.has(from)) && !reached.has(action.to)) {
        reached.add(action.to);
        grew = true;
      }
    }
  }
  definition.states.forEach((state, index) => {
    if (!reached.has(state.code))
      fail(`states[${index}]`, `Ningún camino lleva del estado inicial a «${state.code}».`);
  });
  return definition;
}

export interface ActionRequest {
  /** The case's current state. */
  state: string;
  action: string;
  /** The roles of whoever acts, plus 'assignee' when they are the case's assignee, or 'system'. */
  roles: readonly string[];
  assigneeUserId: string | null;
  comment?: string | null;
}

/**
 * Whether an action may be taken now, and where it leads: the state must be one it leaves from, the actor
 * must hold one of its roles, a case must be assigned before anyone acts on it, and some actions need a
 * comment. Refusals are Spanish errors with stable codes (403 for roles, 409 for the state).
 */
export function checkTransition(
  definition: WorkflowDefinition,
  request: ActionRequest,
): { to: WorkflowState; action: WorkflowAction } {
  const action = definition.actions.find((candidate) => candidate.code === request.action);
  if (!action)
    throw new AppError(
      400,
      'WORKFLOW_ACTION_UNKNOWN',
      `La acción «${request.action}» no existe en este flujo.`,
      'action',
    );
  const current = definition.states.find((state) => state.code === request.state);
  if (current?.final && !action.from.includes(current.code)) {
    throw new AppError(
      409,
      'WORKFLOW_CASE_CLOSED',
      `El caso está cerrado (${current.label}): no admite «${action.label}».`,
      'action',
    );
  }
  if (!action.from.includes(request.state)) {
    throw new AppError(
      409,
      'WORKFLOW_ACTION_NOT_ALLOWED_HERE',
      `«${action.label}» no se puede hacer en el estado «${current?.label ?? request.state}».`,
      'action',
    );
  }
  if (!action.roles.some((role) => request.roles.includes(role))) {
    throw new AppError(403, 'WORKFLOW_ROLE_NOT_ALLOWED', `Su rol no le permite «${action.label}».`, 'action');
  }
  if (action.requiresAssignee && !request.assigneeUserId && !request.roles.includes('system')) {
    throw new AppError(
      409,
      'WORKFLOW_UNASSIGNED',
      'Asigne el caso a un funcionario antes de actuar sobre él.',
      'action',
    );
  }
  if (action.requiresComment && !request.comment?.trim()) {
    throw new AppError(400, 'VALIDATION_ERROR', `comment: «${action.label}» exige un comentario.`, 'comment');
  }
  return { to: definition.states.find((state) => state.code === action.to)!, action };
}

/** The actions someone could take on a case now (for the buttons of its page). */
export function availableActions(
  definition: WorkflowDefinition,
  state: string,
  roles: readonly string[],
): WorkflowAction[] {
  return definition.actions.filter(
    (action) => action.from.includes(state) && action.roles.some((role) => roles.includes(role)),
  );
}
