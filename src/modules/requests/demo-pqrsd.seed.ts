import type { Actor } from '../../platform/authz/actor.ts';
import { demoLogin, SYNTHETIC_CC_BASE } from '../../platform/bootstrap/demo-seed.ts';
import { addBusinessDays, isBusinessDay, toBogotaDate } from '../../platform/calendar/index.ts';
import type { AppContext } from '../../platform/context.ts';
import type { IdentityService } from '../../platform/identity/identity.service.ts';
import { createWorkflowEngine, type WorkflowRegistration } from '../../platform/workflow/engine/index.ts';
import { createPqrsdService } from './pqrsd.service.ts';
import type { PqrsdMunicipalRules } from './pqrsd-config.ts';
import type { PqrsdType } from './terms/index.ts';

const SUBJECTS: Record<string, [PqrsdType, string, string][]> = {
  planeacion: [
    [
      'peticion',
      'Concepto de uso del suelo para una tienda',
      'Solicito el concepto de uso del suelo del predio para abrir una tienda de barrio.',
    ],
    [
      'consulta',
      'Consulta sobre norma de alturas',
      '¿Cuántos pisos se pueden construir en el barrio según el plan de ordenamiento?',
    ],
    [
      'documentos',
      'Copia de la licencia de construcción',
      'Solicito copia de la licencia de construcción expedida para el predio vecino.',
    ],
  ],
  impuestos: [
    [
      'reclamo',
      'Cobro doble del impuesto predial',
      'El recibo del impuesto predial incluye una vigencia que ya pagué en el banco.',
    ],
    [
      'peticion',
      'Revisión del avalúo catastral',
      'Pido revisar el avalúo porque aumentó más que el de los predios vecinos.',
    ],
  ],
  sede_electronica: [
    [
      'queja',
      'La sede electrónica no carga el formulario',
      'Desde el celular el formulario de pago se queda cargando y no deja continuar.',
    ],
    [
      'sugerencia',
      'Agregar pago con código QR',
      'Sugiero permitir el pago del predial escaneando un código QR desde el banco.',
    ],
  ],
  otros: [
    [
      'peticion',
      'Información sobre horarios de atención',
      'Solicito los horarios de atención del Centro Administrativo Municipal en diciembre.',
    ],
    [
      'queja',
      'Demora en la atención en ventanilla',
      'Esperé más de dos horas para ser atendido en la ventanilla del CAME.',
    ],
  ],
  convivencia: [
    [
      'denuncia',
      'Ocupación del andén por un taller',
      'Un taller de motos ocupa todo el andén y obliga a caminar por la calzada.',
    ],
  ],
  salud: [
    [
      'queja',
      'Quema de basuras en lote',
      'En el lote vecino queman basura todas las noches y el humo entra a las casas.',
    ],
  ],
  educacion: [
    [
      'peticion',
      'Cupo escolar para grado sexto',
      'Solicito información sobre cupos disponibles en grado sexto para mi hija.',
    ],
  ],
};

const FIRST = ['Ana', 'Luis', 'María', 'Carlos', 'Diana', 'Jorge', 'Paola', 'Andrés', 'Laura', 'Camilo'];
const LAST = ['Prueba', 'Ejemplo', 'Muestra', 'Ficticio', 'Simulado'];

/** A business-day instant `days` business days after `from`, at hh:mm Bogotá (UTC−5). */
function businessInstant(fromDate: string, days: number, hour: number, minute = 0): Date {
  let date = fromDate;
  while (!isBusinessDay(date)) date = addBusinessDays(date, 1);
  const target = days > 0 ? addBusinessDays(date, days) : date;
  return new Date(`${target}T${String(hour + 5).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00Z`);
}

/**
 * Demo PQRSD over the last months, worked by the demo officials at the dates they would have been: answered
 * on time and late, transferred, waiting for the citizen, still open and overdue — so the inbox, the
 * tracking page and the reports show something real on first start. Times are replayed on a private
 * engine whose clock the seed moves; nothing here runs in production.
 */
export async function seedDemoPqrsd(
  ctx: AppContext,
  deps: {
    identity: IdentityService;
    rules(tenantId: string): Promise<PqrsdMunicipalRules>;
    registration: WorkflowRegistration;
  },
  tenant: { id: string; divipola: string },
  options: { count?: number } = {},
): Promise<number> {
  const count = options.count ?? 48;
  const clock = { now: ctx.now() };
  const realNow = ctx.now();
  const engine = createWorkflowEngine({ db: ctx.db, audit: ctx.audit, now: () => clock.now });
  engine.register(deps.registration);
  const seedCtx: AppContext = { ...ctx, now: () => clock.now, workflow: engine };
  const service = createPqrsdService(seedCtx, { identity: deps.identity, rules: deps.rules });
  const rules = await deps.rules(tenant.id);
  const offices = await deps.identity.listDependencias(tenant.id);

  const actors = new Map<string, Actor | null>();
  async function official(code: string): Promise<Actor | null> {
    if (actors.has(code)) return actors.get(code)!;
    const user = await deps.identity.findUserByLogin(tenant.id, demoLogin(code, tenant.divipola));
    const actor = user ? deps.identity.actorFor(user, {}, (await deps.identity.me(user.id)).roles) : null;
    actors.set(code, actor);
    return actor;
  }
  const coordinator = await official('came');
  const citizenUser = await deps.identity.findUserByLogin(tenant.id, demoLogin('ciudadano', tenant.divipola));
  if (!coordinator) return 0;

  const categories = Object.keys(SUBJECTS).filter((code) =>
    rules.categories.some((category) => category.code === code),
  );
  const today = toBogotaDate(realNow);
  let filed = 0;
  for (let index = 0; index < count; index += 1) {
    const categoryCode = categories[index % categories.length]!;
    const category = rules.categories.find((candidate) => candidate.code === categoryCode)!;
    const options = SUBJECTS[categoryCode]!;
    const [type, subject, description] = options[index % options.length]!;
    const officeCode = offices.find((office) => office.code === category.dependencia)?.code ?? 'came';
    // Spread over ~7 months, oldest first; the last few are from this week.
    const ageBusinessDays = Math.round(((count - index) / count) * 140);
    const startDate = addBusinessDays(today, -ageBusinessDays);
    clock.now = businessInstant(startDate, 0, 8 + (index % 8), (index * 7) % 60);
    if (clock.now.getTime() > realNow.getTime()) clock.now = new Date(realNow.getTime() - 60_000);
    const fromCitizen = citizenUser && index % 12 === 5;
    const actor: Actor = fromCitizen
      ? deps.identity.actorFor(citizenUser, {}, [])
      : { userId: null, tenantId: tenant.id, label: 'visitante', kind: 'anonymous', permissions: new Set() };
    const anonymous = type === 'denuncia';
    const receipt = await service.file(
      actor,
      {
        type,
        category: categoryCode,
        subject,
        description,
        anonymous,
        acceptsPrivacyPolicy: true,
        petitioner: anonymous
          ? undefined
          : {
              name: `${FIRST[index % FIRST.length]} ${LAST[index % LAST.length]} Sintético`,
              documentType: 'CC',
              documentNumber: String(SYNTHETIC_CC_BASE + 800 + index),
              email: `peticionario${index}@demo.${tenant.divipola}.alcaldia.test`,
            },
      },
      { channel: index % 5 === 0 ? 'ventanilla' : 'web' },
    );
    filed += 1;
    const gestor = await official(officeCode);
    const head = await official(`jefe_${officeCode}`);
    const step = async (who: Actor, days: number, input: Parameters<typeof service.act>[2]) => {
      const at = businessInstant(startDate, days, 9 + (index % 6), 30);
      if (at.getTime() >= realNow.getTime()) return false;
      clock.now = at;
      await service.act(who, receipt.id, input);
      return true;
    };
    // The newest few stay as filed, for the coordinator to distribute.
    if (count - index <= 3 || !gestor) continue;
    if (index % 9 === 4) {
      await step(coordinator, 2, {
        action: 'trasladar',
        transferTo: 'Área Metropolitana de Bucaramanga',
        comment: 'El asunto es competencia de la autoridad metropolitana.',
      });
      continue;
    }
    if (!(await step(coordinator, 1, { action: 'asignar', assignTo: { userId: gestor.userId! } }))) continue;
    if (!(await step(gestor, 2, { action: 'tomar' }))) continue;
    if (index % 7 === 3) {
      await step(gestor, 3, {
        action: 'solicitar_informacion',
        comment: 'Indique la dirección completa del predio y adjunte una foto.',
      });
      continue;
    }
    if (!head) continue;
    // Most are answered within the term; every fourth one takes longer than it should.
    const answerDay = index % 4 === 0 ? 18 : 5 + (index % 6);
    const template = type === 'queja' || type === 'reclamo' ? 'queja_reclamo' : 'respuesta_de_fondo';
    const draft = await service.draftFromTemplate(gestor, receipt.id, template);
    const text = draft.text.replace(
      /\[[^\]]*\]/g,
      'Revisada la información, la dependencia atiende lo pedido en los términos de ley.',
    );
    if (!(await step(gestor, answerDay, { action: 'proyectar_respuesta', answer: { template, text } })))
      continue;
    await step(head, answerDay + 1, { action: 'aprobar_respuesta' });
  }
  return filed;
}
