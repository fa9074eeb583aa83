// The case engine: open, act, comment, change the term, inboxes and the escalation sweep.
export { toClockEvents } from './case-clock.ts';
export {
  type ActInput,
  type ActResult,
  type CaseRow,
  createWorkflowEngine,
  type InboxItem,
  type InboxQuery,
  type OpenCaseInput,
  type TransitionEvent,
  type TransitionRow,
  type WorkflowEngine,
  type WorkflowHooks,
  type WorkflowRegistration,
} from './workflow-engine.ts';
