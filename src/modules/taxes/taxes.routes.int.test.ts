import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { auditLog } from '../../platform/audit/audit.schema.ts';
import { appUser } from '../../platform/identity/identity.schema.ts';
import { formData } from '../../test/multipart.ts';
import { createTestApp, type TestApp } from '../../test/test-app.ts';
import { writeAsobancaria2001 } from './asobancaria/index.ts';
import { payment, taxDemand } from './billing.schema.ts';
import { startCallbackReceiver } from './gateway/callback-receiver.testkit.ts';
import { type SandboxGateway, startSandboxGateway } from './gateway/index.ts';
import { liquidatedPredios, npnOf, oldCodeOf } from './testing/predio-fixtures.ts';

const SECRET = 'secreto-pse-rutas';
let sandbox: SandboxGateway;
let receiver: Awaited<ReturnType<typeof startCallbackReceiver>>;
let t: TestApp;
const OWNER_DOCUMENT = '9999004321';
let predioIds: string[];

beforeAll(async () => {
  sandbox = await startSandboxGateway({ secret: SECRET, merchantId: 'alcaldia-rutas' });
  receiver = await startCallbackReceiver();
  t = await createTestApp({
    PAYMENT_GATEWAY_URL: sandbox.url,
    PAYMENT_GATEWAY_MERCHANT_ID: sandbox.merchantId,
    PAYMENT_GATEWAY_API_KEY: sandbox.apiKey,
    PAYMENT_GATEWAY_API_SECRET: SECRET,
    // The sandbox posts its notices here; the test then hands them to the app as the gateway would.
    PUBLIC_URL: new URL(receiver.url).origin,
  });
});
afterAll(async () => {
  await t.close();
  await sandbox.close();
  await receiver.close();
});

beforeEach(async () => {
  await t.reset();
  receiver.received.length = 0;
  const database = t.platform.ctx.database;
  predioIds = await liquidatedPredios(database, t.tenantId, [
    {
      n: 1,
      avaluos: { 2026: 150_000_000 },
      owner: { documentType: 'CC', documentNumber: OWNER_DOCUMENT, nombre: 'PROPIETARIA DE PRUEBA' },
    },
    { n: 2, estrato: 5, avaluos: { 2026: 380_000_000 } },
  ]);
});

const consulta = (numero: string) =>
  t.anonymous.get(`/api/v1/predial/consulta?numero=${encodeURIComponent(numero)}`);

describe('public look-up by número predial', () => {
  it('shows what is owed by either code, without the owners', async () => {
    const byNational = await consulta(npnOf(1));
    expect(byNational.statusCode).toBe(200);
    const body = byNational.json();
    expect(body.predio.numeroPredial).toBe(npnOf(1));
    expect(body.estadoCuenta.balance).toBeGreaterThan(0);
    expect(body.estadoCuenta.vigencias[0].vigencia).toBe(2026);
    expect(byNational.body).not.toContain('PROPIETARIA');
    expect(byNational.body).not.toContain(OWNER_DOCUMENT);
    expect((await consulta(oldCodeOf(1))).json().predio.id).toBe(body.predio.id);
  });

  it('explains a malformed number and answers 404 for an unknown one', async () => {
    const malformed = await consulta('68001-ABC');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().field).toBe('numero');
    const unknown = await consulta(npnOf(999));
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().detail).toMatch(/No existe un predio/);
  });
});

describe('bills and receipts', () => {
  it('issues a bill, verifies it by reference and serves its receipt PDF', async () => {
    const issued = await t.anonymous.post('/api/v1/predial/facturas', { numero: npnOf(1) });
    expect(issued.statusCode).toBe(200);
    const bill = issued.json();
    expect(bill.options.length).toBeGreaterThanOrEqual(1);
    expect(bill.payable).toBe(true);
    const again = await t.anonymous.post('/api/v1/predial/facturas', { numero: npnOf(1) });
    expect(again.json().id).toBe(bill.id);

    const verified = await t.anonymous.get(`/api/v1/predial/facturas/${bill.paymentReference}`);
    expect(verified.json()).toMatchObject({ number: bill.number, state: 'vigente' });
    const pdf = await t.anonymous.get(bill.receiptUrl);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await t.anonymous.get('/api/v1/predial/facturas/12345678901234')).statusCode).toBe(404);
    expect((await t.anonymous.get('/api/v1/predial/facturas/abc')).statusCode).toBe(400);
  });
});

describe('PSE over HTTP with the sandbox gateway', () => {
  it('pays a bill once, whether the notice arrives once or many times; forged notices are refused', async () => {
    const bill = (await t.anonymous.post('/api/v1/predial/facturas', { numero: npnOf(2) })).json();
    const banks = (await t.anonymous.get('/api/v1/pagos/pse/bancos')).json().items;
    const started = await t.anonymous.post('/api/v1/pagos/pse', {
      billId: bill.id,
      optionSeq: bill.options.length,
      bankCode: banks[0].code,
      payer: {
        documentType: 'CC',
        documentNumber: '9999000777',
        name: 'Pagador Prueba',
        email: 'p@correo.test',
      },
    });
    expect(started.statusCode).toBe(200);
    const { attemptId, redirectUrl } = started.json();
    expect(redirectUrl).toContain(sandbox.url);

    const pending = await t.anonymous.get(`/api/v1/pagos/pse/intentos/${attemptId}`);
    expect(pending.json().state).toBe('PENDING');
    const transactionId = [...sandbox.transactions.keys()].at(-1)!;
    sandbox.settle(transactionId, 'OK');
    await receiver.waitFor(1);
    const notice = receiver.received[0]!;
    const { 'content-length': _length, ...headers } = notice.headers as Record<string, string>;
    const deliver = (body: Buffer) =>
      t.app.inject({ method: 'POST', url: '/api/v1/pagos/pse/notificaciones', headers, payload: body });
    const forged = await deliver(Buffer.from(notice.rawBody.toString().replace('"OK"', '"FAILED"')));
    expect(forged.statusCode).toBe(401);
    const results = await Promise.all(Array.from({ length: 10 }, () => deliver(notice.rawBody)));
    expect(results.map((result) => result.statusCode)).toEqual(Array(10).fill(200));
    const state = await t.anonymous.get(`/api/v1/pagos/pse/intentos/${attemptId}`);
    expect(state.json()).toMatchObject({ state: 'OK', billReference: bill.paymentReference });
    const payments = await t.platform.ctx.db.select().from(payment).where(eq(payment.billId, bill.id));
    expect(payments).toHaveLength(1);
    expect((await t.anonymous.get(`/api/v1/predial/facturas/${bill.paymentReference}`)).json().state).toBe(
      'pagada',
    );
  });

  it('refuses to pay a paid bill and validates the payer, naming fields', async () => {
    const bill = (await t.anonymous.post('/api/v1/predial/facturas', { numero: npnOf(2) })).json();
    const bad = await t.anonymous.post('/api/v1/pagos/pse', {
      billId: bill.id,
      optionSeq: 1,
      bankCode: '1007',
      payer: { documentType: 'XX', documentNumber: '1', name: '', email: 'no' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toMatch(/payer/);
  });
});

describe('the taxpayer signed in', () => {
  async function ownerSession() {
    const id = await t.createCitizen({ documentNumber: OWNER_DOCUMENT, fullName: 'Propietaria De Prueba' });
    const [user] = await t.platform.ctx.db.select().from(appUser).where(eq(appUser.id, id));
    return t.login(user!.email);
  }

  it('sees their predios, the statement of their own predio only, and gets a paz y salvo once paid', async () => {
    const session = await ownerSession();
    const mine = (await session.get('/api/v1/predial/mis-predios')).json();
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ id: predioIds[0], saldo: expect.any(Number) });
    expect((await session.get(`/api/v1/predial/predios/${predioIds[0]}/estado-cuenta`)).statusCode).toBe(200);
    expect((await session.get(`/api/v1/predial/predios/${predioIds[1]}/estado-cuenta`)).statusCode).toBe(404);

    const refused = await session.post(`/api/v1/predial/predios/${predioIds[0]}/paz-y-salvo`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/2026/);

    const cashier = await t.loginAs(['recaudo']);
    const bill = (await t.anonymous.post('/api/v1/predial/facturas', { numero: npnOf(1) })).json();
    const paid = await cashier.post('/api/v1/pagos/admin/caja', {
      referencia: bill.paymentReference,
      valor: bill.options[0].total,
      recibo: 'CAJA-0001',
    });
    expect(paid.json()).toMatchObject({ created: true, billState: 'pagada' });
    const certificate = await session.post(`/api/v1/predial/predios/${predioIds[0]}/paz-y-salvo`);
    expect(certificate.statusCode).toBe(201);
    const { code, downloadUrl } = certificate.json();
    expect((await session.get(downloadUrl)).headers['content-type']).toBe('application/pdf');
    expect((await t.anonymous.get(`/api/v1/verificar/${code}`)).json().title).toBe(
      'Paz y salvo del impuesto predial',
    );
  });
});

describe('the back office', () => {
  it('keeps registry search and owner data to the tax office, and audits who read the owners', async () => {
    const citizen = await t.loginAs('citizen');
    expect((await citizen.get('/api/v1/predial/admin/predios?q=68001')).statusCode).toBe(403);
    const official = await t.loginAs(['impuestos']);
    const found = (await official.get(`/api/v1/predial/admin/predios?q=${OWNER_DOCUMENT}`)).json();
    expect(found.items.map((item: { id: string }) => item.id)).toEqual([predioIds[0]]);
    const detail = (await official.get(`/api/v1/predial/admin/predios/${predioIds[0]}`)).json();
    expect(detail.propietarios[0]).toMatchObject({ documentNumber: OWNER_DOCUMENT });
    const audits = await t.platform.ctx.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'taxes.predio.read_owners'));
    expect(audits).toHaveLength(1);
  });

  it('corrects registry fields with a reason, audited field by field, and refuses bad values naming them', async () => {
    const official = await t.loginAs(['impuestos']);
    const edit = (payload: unknown) =>
      official.request({
        method: 'PATCH',
        url: `/api/v1/predial/admin/predios/${predioIds[1]}`,
        payload: payload as never,
      });
    const changed = await edit({
      estrato: 4,
      direccion: 'CL 36 19 45',
      motivo: 'Visita de verificación 2026-11',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ estrato: 4, direccion: 'CL 36 19 45' });
    const [entry] = await t.platform.ctx.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'taxes.predio.edit'));
    expect(entry!.details).toMatchObject({ changes: { estrato: { from: 5, to: 4 } } });
    const bad = await edit({ estrato: 9, motivo: 'Visita de verificación 2026-11' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().detail).toMatch(/estrato/);
    expect((await edit({ estrato: 3 })).statusCode).toBe(400);
  });

  it('mass billing runs as a job its starter can follow without jobs.read; others cannot see it', async () => {
    const official = await t.loginAs(['impuestos']);
    const started = await official.post('/api/v1/predial/admin/facturacion-masiva', { vigencia: 2026 });
    expect(started.statusCode).toBe(202);
    const { jobId } = started.json();
    const mine = await official.get(`/api/v1/me/jobs/${jobId}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({
      id: jobId,
      state: 'en_cola',
      label: 'Facturación masiva del predial 2026',
    });
    const other = await t.loginAs(['impuestos']);
    expect((await other.get(`/api/v1/me/jobs/${jobId}`)).statusCode).toBe(404);
  });

  it('starts a mass liquidation once and reports its progress', async () => {
    const official = await t.loginAs(['impuestos']);
    const first = await official.post('/api/v1/predial/admin/liquidaciones', { vigencia: 2025 });
    expect(first.statusCode).toBe(202);
    const second = await official.post('/api/v1/predial/admin/liquidaciones', { vigencia: 2025 });
    expect(second.statusCode).toBe(200);
    expect(second.json().id).toBe(first.json().id);
    const noRules = await official.post('/api/v1/predial/admin/liquidaciones', { vigencia: 2040 });
    expect(noRules.statusCode).toBe(400);
    expect(noRules.json().field).toBe('vigencia');
  });

  it('applies a bank file whole, rejects the same file twice, and reports and exports the collection', async () => {
    const cashier = await t.loginAs(['recaudo']);
    const bill = (await t.anonymous.post('/api/v1/predial/facturas', { numero: npnOf(2) })).json();
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Bogota' }).format(new Date());
    const option = bill.options.find((candidate: { payBy: string }) => candidate.payBy >= today);
    const content = writeAsobancaria2001({
      billerNit: '8902012220',
      collectionDate: today,
      bankCode: '007',
      account: '123456789',
      lots: [
        {
          serviceCode: '7709998000018',
          payments: [{ reference: bill.paymentReference, amount: option.total }],
        },
      ],
    });
    const upload = (simular: boolean) =>
      cashier.request({
        method: 'POST',
        url: `/api/v1/pagos/admin/archivos-bancarios${simular ? '?simular=true' : ''}`,
        ...formData({ name: 'recaudo.txt', bytes: Buffer.from(content), type: 'text/plain' }),
      });
    expect((await upload(true)).json()).toMatchObject({ valid: true, applied: 0, state: 'simulado' });
    const applied = (await upload(false)).json();
    expect(applied).toMatchObject({
      valid: true,
      applied: 1,
      records: 1,
      total: option.total,
      state: 'aplicado',
    });
    const twice = (await upload(false)).json();
    expect(twice.valid).toBe(false);
    expect(twice.errors[0].code).toBe('DUPLICATE_FILE');

    const decoded = (
      await cashier.get(`/api/v1/pagos/admin/codigo-barras?texto=${encodeURIComponent(option.barcodeText)}`)
    ).json();
    expect(decoded).toMatchObject({
      reference: bill.paymentReference,
      amount: option.total,
      bill: { state: 'pagada' },
    });

    const register = (await cashier.get(`/api/v1/pagos/admin/pagos?desde=${today}&hasta=${today}`)).json();
    expect(register).toMatchObject({ total: 1, amount: option.total });
    const byDay = (
      await cashier.get(`/api/v1/pagos/admin/informes/recaudo?desde=${today}&hasta=${today}`)
    ).json();
    expect(byDay.items).toEqual([
      expect.objectContaining({ channel: 'banco', bankCode: '007', amount: option.total }),
    ]);
    const csv = await cashier.get(`/api/v1/pagos/admin/informes/recaudo.csv?desde=${today}&hasta=${today}`);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toContain('fecha;vigencia;concepto;componente;valor');
    const sum = lines.slice(1).reduce((total, line) => total + Number(line.split(';')[4]), 0);
    expect(sum).toBe(option.total);

    const cartera = (await cashier.get('/api/v1/predial/admin/informes/cartera')).json();
    const demands = await t.platform.ctx.db.select().from(taxDemand);
    const outstanding = demands.reduce((total, demand) => total + demand.amount - demand.settled, 0);
    expect(cartera.items.reduce((total: number, row: { balance: number }) => total + row.balance, 0)).toBe(
      outstanding,
    );
  });
});
