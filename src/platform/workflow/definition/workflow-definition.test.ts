import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  availableActions,
  checkTransition,
  loadWorkflowDefinition,
  type WorkflowDefinition,
} from './workflow-definition.ts';

const pqrsdFile = path.resolve(import.meta.dirname, '../../../../config/workflows/pqrsd.json');
const pqrsd = () => JSON.parse(fs.readFileSync(pqrsdFile, 'utf8')) as WorkflowDefinition;

describe('workflow definitions as data', () => {
  it('the PQRSD workflow the project ships is valid', () => {
    const definition = loadWorkflowDefinition(pqrsd());
    expect(definition.initial).toBe('radicada');
    expect(definition.states.find((state) => state.code === 'esperando_informacion')).toMatchObject({
      pausesClock: true,
      onSlaExceeded: 'desistimiento_tacito',
    });
  });

  it('refuses definitions that do not hold together, naming the place', () => {
    const broken = (change: (definition: WorkflowDefinition) => void) => {
      const definition = structuredClone(pqrsd());
      change(definition);
      return () => loadWorkflowDefinition(definition);
    };
    expect(broken((d) => (d.initial = 'no_existe'))).toThrow(/estado inicial «no_existe» no existe/);
    expect(broken((d) => (d.actions[0]!.to = 'fantasma'))).toThrow(/lleva a «fantasma»/);
    expect(
      broken((d) => d.states.push({ code: 'huerfano', label: 'Huérfano', pausesClock: false, final: true })),
    ).toThrow(/Ningún camino lleva .* «huerfano»/);
    expect(
      broken((d) => {
        d.states.push({ code: 'limbo', label: 'Limbo', pausesClock: false, final: false });
        d.actions.push({ ...d.actions[0]!, code: 'al_limbo', to: 'limbo' });
      }),
    ).toThrow(/Del estado «limbo» no sale ninguna acción/);
    expect(broken((d) => (d.states[3]!.onSlaExceeded = 'aprobar_respuesta'))).toThrow(/no sale del estado/);
    expect(broken((d) => d.actions.push({ ...d.actions[0]! }))).toThrow(/dos acciones con el mismo código/);
    expect(() => loadWorkflowDefinition({ ...pqrsd(), states: 'x' })).toThrow(
      expect.objectContaining({ code: 'WORKFLOW_DEFINITION_INVALID', field: 'states' }),
    );
  });
});

describe('transitions', () => {
  const definition = loadWorkflowDefinition(pqrsd());
  const act = (
    state: string,
    action: string,
    roles: string[],
    extra: { assignee?: string | null; comment?: string } = {},
  ) =>
    checkTransition(definition, {
      state,
      action,
      roles,
      assigneeUserId: extra.assignee === undefined ? 'u-1' : extra.assignee,
      comment: extra.comment ?? null,
    });

  it('leads each allowed action to its state', () => {
    expect(act('radicada', 'asignar', ['pqrsd_coordinador'], { assignee: null }).to.code).toBe('asignada');
    expect(
      act('en_tramite', 'solicitar_informacion', ['assignee'], { comment: 'Falta la copia del recibo' }).to,
    ).toMatchObject({ code: 'esperando_informacion', pausesClock: true });
    expect(
      act('esperando_informacion', 'desistimiento_tacito', ['system'], { assignee: null }).to.final,
    ).toBe(true);
  });

  it('refuses the wrong role, the wrong state, a closed case, an unassigned case and a missing comment', () => {
    expect(() => act('respuesta_en_revision', 'aprobar_respuesta', ['assignee'])).toThrow(
      expect.objectContaining({ status: 403, code: 'WORKFLOW_ROLE_NOT_ALLOWED' }),
    );
    expect(() => act('radicada', 'aprobar_respuesta', ['jefe_dependencia'])).toThrow(
      expect.objectContaining({ status: 409, code: 'WORKFLOW_ACTION_NOT_ALLOWED_HERE' }),
    );
    expect(() => act('respondida', 'tomar', ['assignee'])).toThrow(
      expect.objectContaining({ code: 'WORKFLOW_CASE_CLOSED' }),
    );
    expect(() => act('asignada', 'tomar', ['assignee'], { assignee: null })).toThrow(
      expect.objectContaining({ code: 'WORKFLOW_UNASSIGNED' }),
    );
    expect(() => act('en_tramite', 'solicitar_informacion', ['assignee'], { comment: '   ' })).toThrow(
      expect.objectContaining({ field: 'comment' }),
    );
    expect(() => act('en_tramite', 'volar', ['assignee'])).toThrow(
      expect.objectContaining({ code: 'WORKFLOW_ACTION_UNKNOWN' }),
    );
  });

  it('lists the buttons a person sees', () => {
    expect(
      availableActions(definition, 'respuesta_en_revision', ['jefe_dependencia']).map((a) => a.code),
    ).toEqual(['devolver_respuesta', 'aprobar_respuesta']);
    expect(availableActions(definition, 'respondida', ['jefe_dependencia', 'assignee'])).toEqual([]);
  });
});
