import type { AppContext } from '../../platform/context.ts';
import type { RoutePlugin } from '../../platform/http/types.ts';
import './helpdesk.authz.ts';
import { createHelpdeskReports, type HelpdeskReports } from './helpdesk.reports.ts';
import { helpdeskRoutes } from './helpdesk.routes.ts';
import { type HelpdeskRules, periodAt, readHelpdeskRules } from './helpdesk.rules.ts';
import { createHelpdeskService, type HelpdeskService } from './helpdesk.service.ts';
import { readHelpdeskWorkflow } from './helpdesk.workflow.ts';

export interface HelpdeskModule {
  service: HelpdeskService;
  reports: HelpdeskReports;
  routes: RoutePlugin[];
}

export interface HelpdeskModuleOptions {
  /** Other rules (tests); default config/rules/helpdesk.json, re-read when it changes. */
  rules?: () => HelpdeskRules;
  /** Another workflow file (tests); default config/workflows/helpdesk.json. */
  workflowFile?: string;
}

/**
 * The IT help desk (issue 4): validates its rules and workflow at start (a wrong file stops the program with
 * a Spanish message naming the path), registers the workflow on the platform's case engine with the module's
 * hook, and builds the service, the reports and the routes.
 */
export function createHelpdeskModule(ctx: AppContext, options: HelpdeskModuleOptions = {}): HelpdeskModule {
  const rules = options.rules ?? (() => readHelpdeskRules());
  const today = periodAt(rules(), ctx.now());
  const definition = readHelpdeskWorkflow(today.reopenWindowBusinessDays, options.workflowFile);
  const service = createHelpdeskService({
    db: ctx.db,
    audit: ctx.audit,
    files: ctx.files,
    workflow: ctx.workflow,
    notifications: ctx.notifications,
    tenants: ctx.tenants,
    publicUrl: ctx.config.PUBLIC_URL,
    now: ctx.now,
    rules,
  });
  ctx.workflow.register({
    definition,
    warnBusinessDays: today.warnBusinessDays,
    // Office-hours SLAs: the filing-hours rule of business-day terms does not apply.
    filingClosesAt: null,
    dependenciaScopedRoles: [],
    hooks: { afterTransition: service.afterTransition },
  });
  const reports = createHelpdeskReports({ db: ctx.db, rules, now: ctx.now });
  return { service, reports, routes: [helpdeskRoutes(service, reports)] };
}
