// Workflows as data: states, actions, roles, SLAs and escalations, checked when loaded.
export {
  type ActionRequest,
  availableActions,
  checkTransition,
  loadWorkflowDefinition,
  type WorkflowAction,
  type WorkflowDefinition,
  WorkflowDefinitionError,
  type WorkflowSla,
  type WorkflowState,
} from './workflow-definition.ts';
