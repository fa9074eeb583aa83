import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../../app/api';
import { hasPermission, useAuth } from '../../../app/auth';
import { useFormSubmit } from '../../../app/useFormSubmit';
import { Alert } from '../../../platform/Alert';
import { FormErrorSummary, SelectField, TextField } from '../../../platform/fields';
import { formatMoney } from '../../../platform/format';
import { TableScroll } from '../../../platform/TableScroll';
import { AMENDMENT_STATUS_LABELS, conceptLabel, DESTINOS_ECONOMICOS, onlyDigits } from '../labels';
import { readably } from '../problems';
import type { AvaluoChange, PredioFicha } from '../types';

const MIN_REASON = 10;
const REASON_MESSAGE = `Explique el motivo (al menos ${MIN_REASON} caracteres), por ejemplo la resolución con su número y fecha.`;
/** The server keeps avalúos of up to 15 digits (below 2^53, see the cadastre README). */
const MAX_AVALUO_DIGITS = 15;

type Predio = PredioFicha['predio'];

/** Focuses an element once, when it first appears (a heading of a form that just opened). */
function useFocusOnMount<T extends HTMLElement>() {
  const ref = useRef<T>(null);
  useEffect(() => ref.current?.focus(), []);
  return ref;
}

/** "12,5" and "12.50" are the same area; spaces are what people paste. */
function normalizeArea(text: string): string {
  return text.replace(/\s/g, '').replace(',', '.');
}

function sameArea(typed: string, stored: string | null): boolean {
  if (typed === '') return stored === null;
  return stored !== null && Number(typed) === Number(stored);
}

const FIELD_LABELS: Record<string, string> = {
  direccion: 'dirección',
  destinoLetra: 'destino económico',
  estrato: 'estrato',
  areaTerrenoM2: 'área de terreno',
  areaConstruidaM2: 'área construida',
};

function CorrectionForm({
  predio,
  onDone,
  onCancel,
}: {
  predio: Predio;
  onDone: (changed: string[]) => void;
  onCancel: () => void;
}) {
  const initialLetter = DESTINOS_ECONOMICOS.find((d) => d.nombre === predio.destino)?.letra ?? '';
  const [direccion, setDireccion] = useState(predio.direccion ?? '');
  const [destino, setDestino] = useState(initialLetter);
  const [estrato, setEstrato] = useState(predio.estrato === null ? '' : String(predio.estrato));
  const [terreno, setTerreno] = useState(predio.areaTerrenoM2 ?? '');
  const [construida, setConstruida] = useState(predio.areaConstruidaM2 ?? '');
  const [motivo, setMotivo] = useState('');
  const { formRef, pending, errors, submit, rejectIfInvalid, setErrors } = useFormSubmit();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const body: Record<string, string | number | null> = {};
    const fields: Record<string, string> = {};
    const address = direccion.trim().replace(/\s+/g, ' ');
    if (address !== (predio.direccion ?? '')) {
      if (address) body.direccion = address;
      else fields.direccion = 'La dirección no puede quedar vacía.';
    }
    if (destino && destino !== initialLetter) body.destinoLetra = destino;
    const stratum = estrato === '' ? null : Number(estrato);
    if (stratum !== predio.estrato) body.estrato = stratum;
    for (const [name, typed, stored] of [
      ['areaTerrenoM2', normalizeArea(terreno), predio.areaTerrenoM2],
      ['areaConstruidaM2', normalizeArea(construida), predio.areaConstruidaM2],
    ] as const) {
      if (sameArea(typed, stored)) continue;
      // The number of decimals is the server's rule; its message lands next to the field.
      if (!/^[\d.]+$/.test(typed)) fields[name] = 'Escriba el área en metros cuadrados, solo con números.';
      else body[name] = typed;
    }
    if (motivo.trim().length < MIN_REASON) fields.motivo = REASON_MESSAGE;
    if (rejectIfInvalid(fields)) return;
    const changed = Object.keys(body);
    if (changed.length === 0) {
      setErrors({ summary: 'No cambió ningún dato del predio.', fields: {} });
      return;
    }
    void submit(async () => {
      await readably(() =>
        api.patch(`/api/v1/predial/admin/predios/${encodeURIComponent(predio.id)}`, {
          ...body,
          motivo: motivo.trim(),
        }),
      );
      onDone(changed.map((name) => FIELD_LABELS[name] ?? name));
    });
  };

  return (
    <section className="panel" aria-labelledby="corregir-datos">
      <h3 id="corregir-datos" ref={headingRef} tabIndex={-1}>
        Corregir datos del predio
      </h3>
      <p>
        Corrija solo lo que esté mal. El cambio queda en la auditoría con su motivo; el próximo archivo
        catastral puede volver a cambiarlo.
      </p>
      <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
        <FormErrorSummary message={errors.summary} />
        <TextField
          label="Dirección"
          name="direccion"
          autoComplete="off"
          value={direccion}
          onChange={(event) => setDireccion(event.target.value)}
          error={errors.fields.direccion}
        />
        <SelectField
          label="Destino económico"
          name="destinoLetra"
          hint="Letras de la Resolución IGAC 70 de 2011."
          value={destino}
          onChange={(event) => setDestino(event.target.value)}
          error={errors.fields.destinoLetra}
          options={[
            ...(initialLetter ? [] : [{ value: '', label: `Sin cambio (${predio.destino})` }]),
            ...DESTINOS_ECONOMICOS.map((d) => ({ value: d.letra, label: `${d.letra}: ${d.nombre}` })),
          ]}
        />
        <SelectField
          label="Estrato"
          name="estrato"
          value={estrato}
          onChange={(event) => setEstrato(event.target.value)}
          error={errors.fields.estrato}
          options={[
            { value: '', label: 'No aplica (sin estrato)' },
            ...[1, 2, 3, 4, 5, 6].map((n) => ({ value: String(n), label: String(n) })),
          ]}
        />
        <TextField
          label="Área de terreno (m²)"
          name="areaTerrenoM2"
          inputMode="decimal"
          hint="Con hasta 2 decimales, por ejemplo 125.50."
          value={terreno}
          onChange={(event) => setTerreno(event.target.value)}
          error={errors.fields.areaTerrenoM2}
        />
        <TextField
          label="Área construida (m²)"
          name="areaConstruidaM2"
          inputMode="decimal"
          value={construida}
          onChange={(event) => setConstruida(event.target.value)}
          error={errors.fields.areaConstruidaM2}
        />
        <TextField
          label="Motivo de la corrección"
          name="motivo"
          hint="Por ejemplo: visita técnica, resolución o certificado con su número y fecha."
          value={motivo}
          onChange={(event) => setMotivo(event.target.value)}
          error={errors.fields.motivo}
          required
        />
        <div className="form__actions">
          <button type="submit" className="button" disabled={pending}>
            Guardar la corrección
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancelar
          </button>
        </div>
      </form>
    </section>
  );
}

/** "Corregir datos del predio": the button, its form and the confirmation (taxes.predios.edit). */
export function PredioCorrection({ predio, onChanged }: { predio: Predio; onChanged: () => void }) {
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState<string[] | null>(null);
  if (open) {
    return (
      <CorrectionForm
        predio={predio}
        onCancel={() => setOpen(false)}
        onDone={(changed) => {
          setOpen(false);
          setSaved(changed);
          onChanged();
        }}
      />
    );
  }
  return (
    <>
      {saved && (
        <Alert tone="success" title="Datos del predio corregidos">
          Se cambió: {saved.join(', ')}.
        </Alert>
      )}
      <p>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setSaved(null);
            setOpen(true);
          }}
        >
          Corregir datos del predio
        </button>
      </p>
    </>
  );
}

function AvaluoForm({
  predioId,
  target,
  onDone,
  onSaved,
  onCancel,
}: {
  predioId: string;
  target: { vigencia: number; avaluo: number };
  onDone: (change: AvaluoChange) => void;
  /** The avalúo may have changed even when the answer is an error (a conflict after saving it). */
  onSaved: () => void;
  onCancel: () => void;
}) {
  const [avaluo, setAvaluo] = useState(String(target.avaluo));
  const [motivo, setMotivo] = useState('');
  const { formRef, pending, errors, submit, rejectIfInvalid } = useFormSubmit();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const digits = onlyDigits(avaluo);
    const fields: Record<string, string> = {};
    if (!digits) fields.avaluo = 'Escriba el nuevo avalúo en pesos, sin centavos.';
    else if (digits.replace(/^0+(?=\d)/, '').length > MAX_AVALUO_DIGITS)
      fields.avaluo = `El avalúo admite como máximo ${MAX_AVALUO_DIGITS} dígitos.`;
    if (motivo.trim().length < MIN_REASON) fields.motivo = REASON_MESSAGE;
    if (rejectIfInvalid(fields)) return;
    void submit(async () => {
      try {
        onDone(
          await readably(() =>
            api.put<AvaluoChange>(
              `/api/v1/predial/admin/predios/${encodeURIComponent(predioId)}/avaluos/${target.vigencia}`,
              { avaluo: Number(digits), motivo: motivo.trim() },
            ),
          ),
        );
      } finally {
        onSaved();
      }
    });
  };

  return (
    <section className="panel" aria-labelledby="actualizar-avaluo">
      <h3 id="actualizar-avaluo" ref={headingRef} tabIndex={-1}>
        Actualizar avalúo de la vigencia {target.vigencia}
      </h3>
      <p>
        Avalúo actual: {formatMoney(target.avaluo)}. Si la vigencia ya está liquidada, se reliquida y las
        diferencias quedan como ajustes que otro funcionario debe aprobar.
      </p>
      <form ref={formRef} className="form" noValidate onSubmit={onSubmit}>
        <FormErrorSummary message={errors.summary} />
        <TextField
          label="Nuevo avalúo (pesos)"
          name="avaluo"
          inputMode="numeric"
          value={avaluo}
          onChange={(event) => setAvaluo(event.target.value)}
          error={errors.fields.avaluo}
          required
        />
        <TextField
          label="Motivo del cambio de avalúo"
          name="motivo"
          hint="Por ejemplo: resolución de revisión del avalúo del gestor catastral, con su número y fecha."
          value={motivo}
          onChange={(event) => setMotivo(event.target.value)}
          error={errors.fields.motivo}
          required
        />
        <div className="form__actions">
          <button type="submit" className="button" disabled={pending}>
            Actualizar avalúo
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancelar
          </button>
        </div>
      </form>
    </section>
  );
}

function AvaluoResult({ vigencia, change }: { vigencia: number; change: AvaluoChange }) {
  const { user } = useAuth();
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section className="panel" aria-labelledby="avaluo-actualizado">
      <h3 id="avaluo-actualizado" ref={headingRef} tabIndex={-1}>
        Avalúo {vigencia} actualizado
      </h3>
      <p>
        {change.previous === null ? 'Sin avalúo anterior' : `De ${formatMoney(change.previous)}`} a{' '}
        {formatMoney(change.avaluo)}.
      </p>
      {change.ajustes.length === 0 ? (
        <p>
          No se propuso ningún ajuste: lo liquidado de la vigencia no cambia, o la vigencia aún no se ha
          liquidado.
        </p>
      ) : (
        <>
          <p>
            La reliquidación propuso{' '}
            {change.ajustes.length === 1 ? 'un ajuste' : `${change.ajustes.length} ajustes`}, pendientes hasta
            que otro funcionario los apruebe:
          </p>
          <TableScroll label={`Ajustes propuestos por el avalúo ${vigencia}`}>
            <table className="table table--numbers">
              <thead>
                <tr>
                  <th scope="col">Concepto</th>
                  <th scope="col">Valor actual</th>
                  <th scope="col">Nuevo valor</th>
                  <th scope="col">Estado</th>
                </tr>
              </thead>
              <tbody>
                {change.ajustes.map((ajuste) => (
                  <tr key={ajuste.id}>
                    <th scope="row">{conceptLabel(ajuste.concept)}</th>
                    <td className="cell--money">{formatMoney(ajuste.previousAmount)}</td>
                    <td className="cell--money">{formatMoney(ajuste.newAmount)}</td>
                    <td>{AMENDMENT_STATUS_LABELS[ajuste.status]}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {hasPermission(user, 'taxes.amendments.approve') ? (
            <p>
              <Link to="/admin/ajustes">Ver los ajustes pendientes de aprobación</Link>
            </p>
          ) : (
            <p>Un funcionario con permiso de aprobación los revisa en la página Ajustes.</p>
          )}
        </>
      )}
    </section>
  );
}

/** The avalúo history, with "Actualizar avalúo" per vigencia for whoever may edit the registry. */
export function AvaluosSection({
  predioId,
  avaluos,
  canEdit,
  onChanged,
}: {
  predioId: string;
  avaluos: PredioFicha['avaluos'];
  canEdit: boolean;
  onChanged: () => void;
}) {
  const [target, setTarget] = useState<{ vigencia: number; avaluo: number } | null>(null);
  const [result, setResult] = useState<{ vigencia: number; change: AvaluoChange } | null>(null);
  return (
    <section aria-labelledby="avaluos">
      <h2 id="avaluos">Avalúos catastrales</h2>
      <TableScroll label="Avalúos por vigencia">
        <table className="table table--numbers">
          <thead>
            <tr>
              <th scope="col">Vigencia</th>
              <th scope="col">Avalúo</th>
              <th scope="col">Origen</th>
              {canEdit && <th scope="col">Corrección</th>}
            </tr>
          </thead>
          <tbody>
            {avaluos.map((avaluo) => (
              <tr key={avaluo.vigencia}>
                <th scope="row">{avaluo.vigencia}</th>
                <td className="cell--money">{formatMoney(avaluo.avaluo)}</td>
                <td>{avaluo.actualizado ? 'Actualización catastral' : 'Incremento anual'}</td>
                {canEdit && (
                  <td>
                    <button
                      type="button"
                      className="button button--secondary button--small"
                      onClick={() => {
                        setResult(null);
                        setTarget({ vigencia: avaluo.vigencia, avaluo: avaluo.avaluo });
                      }}
                    >
                      Actualizar avalúo
                      <span className="visually-hidden"> de la vigencia {avaluo.vigencia}</span>
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {target && (
        <AvaluoForm
          key={target.vigencia}
          predioId={predioId}
          target={target}
          onCancel={() => setTarget(null)}
          onSaved={onChanged}
          onDone={(change) => {
            setTarget(null);
            setResult({ vigencia: target.vigencia, change });
          }}
        />
      )}
      {result && <AvaluoResult vigencia={result.vigencia} change={result.change} />}
    </section>
  );
}
