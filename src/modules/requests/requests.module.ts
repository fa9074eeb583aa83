import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { systemActor } from '../../platform/authz/actor.ts';
import type { AppContext } from '../../platform/context.ts';
import type { RoutePlugin } from '../../platform/http/types.ts';
import type { IdentityService } from '../../platform/identity/identity.service.ts';
import { registerMyTramitesSource, registerTramites } from '../../platform/tenancy/tramites.ts';
import { loadWorkflowDefinition } from '../../platform/workflow/definition/index.ts';
import type { WorkflowRegistration } from '../../platform/workflow/engine/index.ts';
import { seedDemoPqrsd } from './demo-pqrsd.seed.ts';
import { createImapMailbox, EmailIntakeError, parseImapUrl, parseIncomingEmail } from './intake/index.ts';
import { createPqrsdReports, type PqrsdReports } from './pqrsd.reports.ts';
import {
  ANSWER_DOCUMENT_TYPE,
  createPqrsdService,
  PQRSD_WORKFLOW,
  type PqrsdService,
} from './pqrsd.service.ts';
import { type PqrsdMunicipalRules, readPqrsdMunicipalRules } from './pqrsd-config.ts';
import { requestsRoutes } from './requests.routes.ts';
import './requests.authz.ts';

export const PQRSD_MAILBOX_QUEUE = 'requests.pqrsd-mailbox';

const WORKFLOW_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../config/workflows/pqrsd.json',
);

export interface RequestsModule {
  pqrsd: PqrsdService;
  reports: PqrsdReports;
  routes: RoutePlugin[];
  registerJobs(): void;
  /** Demo only: requests of the last months, worked by the demo officials. */
  seedDemo(tenant: { id: string; divipola: string }): Promise<number>;
  /** Reads the PQRSD mailbox once (the job's work); null when no mailbox is configured. */
  fetchMailbox(): Promise<{ fetched: number; handled: number; failed: number } | null>;
}

/** PQRSD (issue 4): the workflow on the engine, the use cases, the reports, the routes and the mailbox job. */
export function createRequestsModule(ctx: AppContext, deps: { identity: IdentityService }): RequestsModule {
  const { definition, warnBusinessDays } = loadDefinition(ctx);
  const registration: WorkflowRegistration = {
    definition,
    warnBusinessDays,
    filingClosesAt: '17:00',
    dependenciaScopedRoles: ['jefe_dependencia'],
    headRole: 'jefe_dependencia',
  };
  ctx.workflow.register(registration);
  ctx.documents.registerType(ANSWER_DOCUMENT_TYPE, 'Respuesta a una PQRSD');
  const cache = new Map<string, PqrsdMunicipalRules>();
  async function rules(tenantId: string): Promise<PqrsdMunicipalRules> {
    const cached = cache.get(tenantId);
    if (cached) return cached;
    const tenant = await ctx.tenants.getById(tenantId);
    const offices = await deps.identity.listDependencias(tenantId);
    const loaded = readPqrsdMunicipalRules(
      tenant.divipola,
      offices.map((office) => office.code),
    );
    cache.set(tenantId, loaded);
    return loaded;
  }
  const pqrsd = createPqrsdService(ctx, { identity: deps.identity, rules });
  const reports = createPqrsdReports(ctx, { identity: deps.identity, rules });
  registerTramites(
    {
      slug: 'pqrsd',
      name: 'Presentar una petición, queja, reclamo, sugerencia o denuncia (PQRSD)',
      description:
        'Con o sin cuenta, con documentos adjuntos; recibe un radicado, la fecha máxima de respuesta y el acuse por correo.',
      audience: 'ciudadano',
      path: '/pqrsd/radicar',
      requiresLogin: false,
    },
    {
      slug: 'consultar-pqrsd',
      name: 'Consultar el estado de una PQRSD',
      description:
        'Con el radicado y su documento (o la clave de consulta): estado, historial y la respuesta en PDF.',
      audience: 'ciudadano',
      path: '/pqrsd/consultar',
      requiresLogin: false,
    },
  );
  registerMyTramitesSource('requests.pqrsd', (tenantId, userId) => pqrsd.myTramites(tenantId, userId));

  async function fetchMailbox() {
    const url = ctx.config.PQRSD_IMAP_URL;
    if (!url) return null;
    const tenant = await ctx.tenants.getByDivipola(ctx.config.TENANT_DIVIPOLA);
    const actor = systemActor(tenant.id, 'buzón de PQRSD');
    const settings = parseImapUrl(url);
    const mailbox = createImapMailbox({ ...settings, logger: ctx.logger });
    const limitBytes = ctx.config.UPLOAD_LIMIT_MB * 1024 * 1024;
    return mailbox.fetchUnseen(async ({ source, uid, uidValidity }) => {
      let email: Awaited<ReturnType<typeof parseIncomingEmail>>;
      try {
        email = await parseIncomingEmail(source, { maxAttachmentBytes: limitBytes });
      } catch (error) {
        // Not an e-mail we can file (garbage, oversized): log it and let it be marked read.
        if (error instanceof EmailIntakeError) {
          ctx.logger.warn({ uid, code: error.code }, `correo de PQRSD no radicado: ${error.detail}`);
          return;
        }
        throw error;
      }
      if (email.automatic || email.from.address === settings.user.toLowerCase()) return;
      if (!email.messageId) email.messageId = `imap:${uidValidity}:${uid}`;
      await pqrsd.fileFromEmail(actor, email);
    });
  }

  return {
    pqrsd,
    reports,
    routes: [requestsRoutes(pqrsd, reports)],
    fetchMailbox,
    seedDemo: (tenant) => seedDemoPqrsd(ctx, { identity: deps.identity, rules, registration }, tenant),
    registerJobs() {
      if (!ctx.config.PQRSD_IMAP_URL) return;
      ctx.jobs.register(
        PQRSD_MAILBOX_QUEUE,
        async () => {
          const outcome = await fetchMailbox();
          return {
            message: `Buzón PQRSD: ${outcome?.handled ?? 0} radicados, ${outcome?.failed ?? 0} con error.`,
          };
        },
        { tracked: false, cron: '*/2 * * * *', policy: 'singleton', retryLimit: 0 },
      );
    },
  };
}

function loadDefinition(ctx: AppContext) {
  const definition = loadWorkflowDefinition(JSON.parse(fs.readFileSync(WORKFLOW_FILE, 'utf8')));
  if (definition.code !== PQRSD_WORKFLOW)
    throw new Error(`${WORKFLOW_FILE}: el flujo debe llamarse «pqrsd».`);
  // The "por vencer" window is the installation's municipal rule (config/rules/<divipola>/pqrsd.json).
  const rulesFile = path.resolve(
    path.dirname(WORKFLOW_FILE),
    `../rules/${ctx.config.TENANT_DIVIPOLA}/pqrsd.json`,
  );
  const warn = fs.existsSync(rulesFile)
    ? (JSON.parse(fs.readFileSync(rulesFile, 'utf8')) as { warnBusinessDays?: unknown }).warnBusinessDays
    : undefined;
  return { definition, warnBusinessDays: typeof warn === 'number' ? warn : 3 };
}
