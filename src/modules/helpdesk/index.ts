// What other modules may use of the IT help desk (issue 4).
export { HELPDESK_PERMISSIONS } from './helpdesk.authz.ts';
export { createHelpdeskModule, type HelpdeskModule } from './helpdesk.module.ts';
export { type HelpdeskRules, readHelpdeskRules } from './helpdesk.rules.ts';
export { helpdeskTicket, TICKET_PRIORITIES, type TicketPriority } from './helpdesk.schema.ts';
export type { HelpdeskService } from './helpdesk.service.ts';
