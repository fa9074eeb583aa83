import type { AppContext } from '../../context.ts';

export const WORKFLOW_SWEEP_QUEUE = 'platform.workflow-sweep';

/**
 * Every five minutes on the worker: automatic actions of expired states (desistimiento tácito), due-soon
 * alerts to assignees and overdue escalations to heads of dependencia, for every registered workflow.
 */
export function registerWorkflowSweepJob(ctx: AppContext): void {
  ctx.jobs.register(
    WORKFLOW_SWEEP_QUEUE,
    async () => {
      const outcome = await ctx.workflow.sweep();
      if (outcome.dueSoon + outcome.overdue > 0) await ctx.notifications.requestDelivery();
      return {
        message: `Flujos: ${outcome.automatic} acciones automáticas, ${outcome.dueSoon} avisos, ${outcome.overdue} escalamientos, ${outcome.failed} fallidos.`,
      };
    },
    { tracked: false, cron: '*/5 * * * *', policy: 'singleton', retryLimit: 0 },
  );
}
