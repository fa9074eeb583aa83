import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../../app/api';
import { hasPermission, useAuth } from '../../../app/auth';
import { useApiGet } from '../../../app/useApiGet';
import { useFormSubmit } from '../../../app/useFormSubmit';
import { Alert } from '../../../platform/Alert';
import { FormErrorSummary, TextField } from '../../../platform/fields';
import { formatDateTime, formatMoney } from '../../../platform/format';
import { Loading } from '../../../platform/Loading';
import { Page } from '../../../platform/Page';
import { TableScroll } from '../../../platform/TableScroll';
import { BILL_STATE_BADGES, BILL_STATE_LABELS, billPath, conceptLabel, onlyDigits } from '../labels';
import { readably } from '../problems';
import { StatementTable } from '../StatementTable';
import type { Amendment, PredioFicha, StatementConcept } from '../types';
import { AvaluosSection, PredioCorrection } from './PredioEditing';

interface AmendTarget {
  concept: StatementConcept;
  vigencia: number;
}

function AmendmentForm({
  target,
  onDone,
  onCancel,
}: {
  target: AmendTarget;
  onDone: (a: Amendment) => void;
  onCancel: () => void;
}) {
  const [nuevoValor, setNuevoValor] = useState(String(target.concept.amount));
  const [motivo, setMotivo] = useState('');
  const { formRef, pending, errors, submit, rejectIfInvalid } = useFormSubmit();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const value = onlyDigits(nuevoValor);
    const fields: Record<string, string> = {};
    if (!value) fields.nuevoValor = 'Escriba el nuevo valor en pesos.';
    if (motivo.trim().length < 10) fields.motivo = 'Explique el motivo del ajuste (al menos 10 caracteres).';
    if (rejectIfInvalid(fields)) return;
    void submit(async () => {
      onDone(
        await readably(() =>
          api.post<Amendment>('/api/v1/predial/admin/ajustes', {
            demandId: target.concept.id,
            nuevoValor: Number(value),
            motivo: motivo.trim(),
          }),
        ),
      );
    });
  };

  return (
    <section className="panel" aria-labelledby="proponer-ajuste">
      <h3 id="proponer-ajuste" ref={headingRef} tabIndex={-1}>
        Proponer ajuste: {conceptLabel(target.concept.concept)} {target.vigencia}
      </h3>
      <p>
        Valor liquidado actual: {formatMoney(target.concept.amount)}. Otro funcionario con permiso de
        aprobación debe aprobar el ajuste antes de que cambie lo que se debe.
      </p>
      <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
        <FormErrorSummary message={errors.summary} />
        <TextField
          label="Nuevo valor (pesos)"
          name="nuevoValor"
          inputMode="numeric"
          value={nuevoValor}
          onChange={(event) => setNuevoValor(event.target.value)}
          error={errors.fields.nuevoValor}
          required
        />
        <TextField
          label="Motivo"
          name="motivo"
          hint="Por ejemplo: resolución de revisión del avalúo, con su número y fecha."
          value={motivo}
          onChange={(event) => setMotivo(event.target.value)}
          error={errors.fields.motivo}
          required
        />
        <div className="form__actions">
          <button type="submit" className="button" disabled={pending}>
            Enviar ajuste para aprobación
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancelar
          </button>
        </div>
      </form>
    </section>
  );
}

function FichaContent({ ficha, onChanged }: { ficha: PredioFicha; onChanged: () => void }) {
  const { user } = useAuth();
  const canAmend = hasPermission(user, 'taxes.amendments.request');
  const canEdit = hasPermission(user, 'taxes.predios.edit');
  const [target, setTarget] = useState<AmendTarget | null>(null);
  const [proposed, setProposed] = useState<Amendment | null>(null);
  const { predio } = ficha;

  return (
    <>
      <section className="panel" aria-labelledby="datos">
        <h2 id="datos">Datos del predio</h2>
        <dl className="data-list data-list--compact">
          <div>
            <dt>Número predial</dt>
            <dd className="cell--break">{predio.numeroPredial ?? '—'}</dd>
          </div>
          <div>
            <dt>Número anterior</dt>
            <dd className="cell--break">{predio.numeroPredialAnterior ?? '—'}</dd>
          </div>
          <div>
            <dt>Matrícula inmobiliaria</dt>
            <dd>{predio.matriculaInmobiliaria ?? '—'}</dd>
          </div>
          <div>
            <dt>Dirección</dt>
            <dd>{predio.direccion ?? '—'}</dd>
          </div>
          <div>
            <dt>Destino económico</dt>
            <dd>{predio.destino}</dd>
          </div>
          <div>
            <dt>Estrato</dt>
            <dd>{predio.estrato ?? 'No aplica'}</dd>
          </div>
          <div>
            <dt>Comuna / barrio</dt>
            <dd>
              {predio.comunaCode ?? '—'} / {predio.barrioCode ?? '—'}
            </dd>
          </div>
          <div>
            <dt>Área de terreno</dt>
            <dd>{predio.areaTerrenoM2 ? `${predio.areaTerrenoM2} m²` : '—'}</dd>
          </div>
          <div>
            <dt>Área construida</dt>
            <dd>{predio.areaConstruidaM2 ? `${predio.areaConstruidaM2} m²` : '—'}</dd>
          </div>
          <div>
            <dt>Estado</dt>
            <dd>{predio.estado}</dd>
          </div>
        </dl>
      </section>
      {canEdit && <PredioCorrection predio={predio} onChanged={onChanged} />}

      <AvaluosSection predioId={predio.id} avaluos={ficha.avaluos} canEdit={canEdit} onChanged={onChanged} />

      <section aria-labelledby="propietarios">
        <h2 id="propietarios">Propietarios y poseedores</h2>
        {ficha.propietarios.length === 0 ? (
          <p>El catastro no registra propietarios para este predio.</p>
        ) : (
          <TableScroll label="Propietarios">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Nombre</th>
                  <th scope="col">Documento</th>
                  <th scope="col">Calidad</th>
                  <th scope="col">Participación</th>
                </tr>
              </thead>
              <tbody>
                {ficha.propietarios.map((owner) => (
                  <tr key={`${owner.documentType}-${owner.documentNumber}-${owner.nombre}`}>
                    <th scope="row">{owner.nombre ?? '—'}</th>
                    <td className="cell--nowrap">
                      {owner.documentType ?? ''} {owner.documentNumber ?? '—'}
                    </td>
                    <td>{owner.calidad ?? '—'}</td>
                    <td>{owner.participacion ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>

      <section aria-labelledby="estado-cuenta">
        <h2 id="estado-cuenta">Estado de cuenta</h2>
        {proposed && (
          <Alert tone="success" title="Ajuste enviado para aprobación">
            {conceptLabel(proposed.concept)} {proposed.vigencia}: de {formatMoney(proposed.previousAmount)} a{' '}
            {formatMoney(proposed.newAmount)}.
          </Alert>
        )}
        <StatementTable
          statement={ficha.estadoCuenta}
          showSettled
          action={
            canAmend
              ? {
                  header: 'Ajuste',
                  render: (concept, vigencia) => (
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      onClick={() => {
                        setProposed(null);
                        setTarget({ concept, vigencia: vigencia.vigencia });
                      }}
                    >
                      Proponer ajuste
                      <span className="visually-hidden">
                        {' '}
                        a {conceptLabel(concept.concept)} {vigencia.vigencia}
                      </span>
                    </button>
                  ),
                }
              : undefined
          }
        />
        {target && (
          <AmendmentForm
            key={target.concept.id}
            target={target}
            onCancel={() => setTarget(null)}
            onDone={(amendment) => {
              setTarget(null);
              setProposed(amendment);
            }}
          />
        )}
      </section>

      <section aria-labelledby="facturas">
        <h2 id="facturas">Facturas</h2>
        {ficha.facturas.length === 0 ? (
          <p>No se han expedido facturas para este predio.</p>
        ) : (
          <TableScroll label="Facturas del predio">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Factura</th>
                  <th scope="col">Referencia</th>
                  <th scope="col">Expedida</th>
                  <th scope="col">Estado</th>
                  <th scope="col">Valor</th>
                </tr>
              </thead>
              <tbody>
                {ficha.facturas.map((bill) => (
                  <tr key={bill.id}>
                    <th scope="row">
                      <Link to={billPath(bill.paymentReference)}>{bill.number}</Link>
                    </th>
                    <td>
                      <code>{bill.paymentReference}</code>
                    </td>
                    <td>{formatDateTime(bill.issuedAt)}</td>
                    <td>
                      <span className={`badge ${BILL_STATE_BADGES[bill.state]}`}>
                        {BILL_STATE_LABELS[bill.state]}
                      </span>
                    </td>
                    <td className="cell--money">{formatMoney(bill.options.at(-1)?.total ?? 0)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </>
  );
}

export function PredioFichaPage() {
  const { id = '' } = useParams();
  const { data, error, loading, reload } = useApiGet<PredioFicha>(
    `/api/v1/predial/admin/predios/${encodeURIComponent(id)}`,
  );
  const code = data ? (data.predio.numeroPredial ?? data.predio.numeroPredialAnterior ?? '') : '';
  return (
    <Page
      title={data ? `Ficha del predio ${code}` : 'Ficha del predio'}
      heading="Ficha del predio"
      lead={code || undefined}
    >
      <p>
        <Link to="/admin/predios">Volver a la búsqueda de predios</Link>
      </p>
      {loading && !data && <Loading label="Cargando la ficha…" />}
      {error && <Alert tone="error">{error.detail}</Alert>}
      {data && <FichaContent ficha={data} onChanged={reload} />}
    </Page>
  );
}
