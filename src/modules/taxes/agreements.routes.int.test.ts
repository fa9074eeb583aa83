import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appUser } from '../../platform/identity/identity.schema.ts';
import { createTestApp, type TestApp, type TestSession } from '../../test/test-app.ts';
import { paymentAgreement, taxDemand } from './billing.schema.ts';
import { liquidatedPredios, npnOf } from './testing/predio-fixtures.ts';

const OWNER = '9999007777';
let t: TestApp;
let predioId: string;

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});
beforeEach(async () => {
  await t.reset();
  [predioId] = (await liquidatedPredios(
    t.platform.ctx.database,
    t.tenantId,
    [
      {
        n: 1,
        avaluos: { 2025: 200_000_000, 2026: 210_000_000 },
        owner: { documentType: 'CC', documentNumber: OWNER, nombre: 'DUEÑO PRUEBA' },
      },
    ],
    [2025, 2026],
  )) as [string];
});

async function owner(): Promise<TestSession> {
  const id = await t.createCitizen({ documentNumber: OWNER });
  const [user] = await t.platform.ctx.db.select().from(appUser).where(eq(appUser.id, id));
  return t.login(user!.email);
}

describe('payment agreements', () => {
  it('request → approval by another official → instalment bills; interest stops while it is kept', async () => {
    const session = await owner();
    const offers = (await session.get(`/api/v1/predial/predios/${predioId}/acuerdos/ofertas`)).json().items;
    const plan = offers.find((offer: { planId: string }) => offer.planId === 'facilidad-cartera-2027');
    expect(plan).toBeDefined();
    expect(plan.instalments.reduce((sum: number, i: { amount: number }) => sum + i.amount, 0)).toBe(
      plan.total,
    );

    const requested = await session.post(`/api/v1/predial/predios/${predioId}/acuerdos`, {
      planId: plan.planId,
      cuotas: 3,
    });
    expect(requested.statusCode).toBe(201);
    const agreement = requested.json();
    expect(agreement).toMatchObject({ state: 'solicitado', total: plan.total });
    expect(agreement.instalments).toHaveLength(3);
    const twice = await session.post(`/api/v1/predial/predios/${predioId}/acuerdos`, { planId: plan.planId });
    expect(twice.statusCode).toBe(409);

    const chief = await t.loginAs(['impuestos_jefe']);
    const pending = (await chief.get('/api/v1/predial/admin/acuerdos?estado=solicitado')).json().items;
    expect(pending.map((item: { id: string }) => item.id)).toEqual([agreement.id]);
    const rejectWithoutNote = await chief.post(`/api/v1/predial/admin/acuerdos/${agreement.id}/decision`, {
      aprobar: false,
    });
    expect(rejectWithoutNote.statusCode).toBe(400);
    expect(rejectWithoutNote.json().field).toBe('nota');
    const approved = await chief.post(`/api/v1/predial/admin/acuerdos/${agreement.id}/decision`, {
      aprobar: true,
    });
    expect(approved.json().state).toBe('vigente');

    const statement = (await session.get(`/api/v1/predial/predios/${predioId}/estado-cuenta`)).json()
      .estadoCuenta;
    const concepts = statement.vigencias.flatMap((v: { concepts: unknown[] }) => v.concepts);
    expect(
      concepts.every((c: { inAgreement: boolean; interest: number }) => c.inAgreement && c.interest === 0),
    ).toBe(true);
    const ordinary = await t.anonymous.post('/api/v1/predial/facturas', { numero: npnOf(1) });
    expect(ordinary.statusCode).toBe(409);
    expect(ordinary.json().code).toBe('DEBT_IN_AGREEMENT');

    const bill = await session.post(`/api/v1/predial/acuerdos/${agreement.id}/cuotas/1/factura`);
    expect(bill.statusCode).toBe(200);
    expect(bill.json().options).toHaveLength(1);
    expect(bill.json().options[0].total).toBe(agreement.instalments[0].amount);

    const cashier = await t.loginAs(['recaudo']);
    const optionLines = bill.json().options[0].lines;
    expect(optionLines.reduce((sum: number, line: { total: number }) => sum + line.total, 0)).toBe(
      agreement.instalments[0].amount,
    );
    // The plan is not interest-free: the interest accrued up to the request travels with the instalments.
    expect(optionLines.some((line: { interest: number }) => line.interest > 0)).toBe(true);
    const paid = await cashier.post('/api/v1/pagos/admin/caja', {
      referencia: bill.json().paymentReference,
      valor: bill.json().options[0].total,
      recibo: 'CAJA-ACU-1',
    });
    expect(paid.json()).toMatchObject({ created: true, unapplied: 0, billState: 'pagada' });
    const after = (await session.get(`/api/v1/predial/predios/${predioId}/acuerdos`)).json().items[0];
    expect(after.instalments[0]).toMatchObject({
      paid: agreement.instalments[0].amount,
      billReference: bill.json().paymentReference,
    });
    const demands = await t.platform.ctx.db.select().from(taxDemand).where(eq(taxDemand.subjectId, predioId));
    expect(demands.reduce((sum, d) => sum + d.settled, 0)).toBeGreaterThan(0);
    expect((await session.post(`/api/v1/predial/acuerdos/${agreement.id}/cuotas/1/factura`)).statusCode).toBe(
      409,
    );
  });

  it('a missed instalment voids the agreement and the balance is billed with interest again', async () => {
    const session = await owner();
    const agreement = (
      await session.post(`/api/v1/predial/predios/${predioId}/acuerdos`, { planId: 'facilidad-cartera-2027' })
    ).json();
    const chief = await t.loginAs(['impuestos_jefe']);
    await chief.post(`/api/v1/predial/admin/acuerdos/${agreement.id}/decision`, { aprobar: true });
    // The first instalment was due long ago (its dates moved to the past).
    const [row] = await t.platform.ctx.db
      .select()
      .from(paymentAgreement)
      .where(eq(paymentAgreement.id, agreement.id));
    const detail = row!.detail as { instalments: { dueDate: string }[] };
    detail.instalments[0]!.dueDate = '2026-01-31';
    await t.platform.ctx.db
      .update(paymentAgreement)
      .set({ detail: detail as never })
      .where(eq(paymentAgreement.id, agreement.id));
    const swept = await t.modules.taxes.agreements.sweep();
    expect(swept).toEqual({ checked: 1, voided: 1 });
    const after = (await session.get(`/api/v1/predial/predios/${predioId}/acuerdos`)).json().items[0];
    expect(after.state).toBe('incumplido');
    const bill = await t.anonymous.post('/api/v1/predial/facturas', { numero: npnOf(1) });
    expect(bill.statusCode).toBe(200);
    const lines = bill.json().options[0].lines;
    expect(lines.some((line: { interest: number }) => line.interest > 0)).toBe(true);
  });

  it('refuses an unknown plan or too many instalments, naming the field', async () => {
    const session = await owner();
    const unknown = await session.post(`/api/v1/predial/predios/${predioId}/acuerdos`, {
      planId: 'no-existe',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().field).toBe('planId');
    const tooMany = await session.post(`/api/v1/predial/predios/${predioId}/acuerdos`, {
      planId: 'facilidad-cartera-2027',
      cuotas: 40,
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().field).toBe('cuotas');
  });
});

describe('amendments and avalúo corrections', () => {
  it('a new avalúo re-liquidates as a pending amendment that another official approves', async () => {
    const official = await t.loginAs(['impuestos']);
    const before = (await official.get(`/api/v1/predial/admin/predios/${predioId}`)).json();
    const impuesto = before.estadoCuenta.vigencias
      .find((v: { vigencia: number }) => v.vigencia === 2026)
      .concepts.find((c: { concept: string }) => c.concept === 'impuesto');
    const corrected = await official.request({
      method: 'PUT',
      url: `/api/v1/predial/admin/predios/${predioId}/avaluos/2026`,
      payload: { avaluo: 120_000_000, motivo: 'Revisión del avalúo por recurso del propietario' },
    });
    expect(corrected.statusCode).toBe(200);
    const [ajuste] = corrected.json().ajustes.filter((a: { concept: string }) => a.concept === 'impuesto');
    expect(ajuste).toMatchObject({
      status: 'pendiente',
      origin: 'reliquidacion',
      previousAmount: impuesto.amount,
    });
    expect(ajuste.newAmount).toBeLessThan(impuesto.amount);

    const self = await official.post(`/api/v1/predial/admin/ajustes/${ajuste.id}/decision`, {
      aprobar: true,
    });
    expect(self.statusCode).toBe(403);
    const chief = await t.loginAs(['impuestos_jefe']);
    const approved = await chief.post(`/api/v1/predial/admin/ajustes/${ajuste.id}/decision`, {
      aprobar: true,
    });
    expect(approved.json().status).toBe('aprobada');
    const [demand] = await t.platform.ctx.db
      .select()
      .from(taxDemand)
      .where(eq(taxDemand.id, ajuste.demandId));
    expect(demand!.amount).toBe(ajuste.newAmount);
  });
});
