import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useApiGet } from '../../../app/useApiGet';
import { Alert } from '../../../platform/Alert';
import { documentTypeLabel } from '../../../platform/documentTypes';
import { formatDateTime } from '../../../platform/format';
import { Loading } from '../../../platform/Loading';
import { Page } from '../../../platform/Page';
import {
  ADMIN_BASE,
  API,
  bogotaDateOf,
  businessDays,
  CLOCK_LABELS,
  channelLabel,
  DUE_BADGES,
  DUE_LABELS,
  formatDay,
  formatDayWithWeekday,
  formatSize,
  stateLabel,
  stepLabel,
} from '../labels';
import { Timeline } from '../Timeline';
import type { RequestDetail } from '../types';
import { ActionPanel } from './ActionPanel';
import '../pqrsd.css';

function ClockPanel({ detail }: { detail: RequestDetail }) {
  const kase = detail.case;
  const closed = kase.closedAt !== null;
  return (
    <section className="panel panel--wide" aria-labelledby="termino">
      <h2 id="termino">Estado y término</h2>
      <dl className="data-list">
        <div>
          <dt>Estado</dt>
          <dd>
            <strong>{kase.stateLabel}</strong>
          </dd>
        </div>
        {!closed && (
          <div>
            <dt>Vence</dt>
            <dd>
              {formatDayWithWeekday(kase.dueOn)}{' '}
              <span className={DUE_BADGES[kase.category]}>{DUE_LABELS[kase.category]}</span>
            </dd>
          </div>
        )}
        <div>
          <dt>Reloj del término</dt>
          <dd>{CLOCK_LABELS[kase.clockStatus] ?? kase.clockStatus}</dd>
        </div>
        <div>
          <dt>Término legal</dt>
          <dd>
            {businessDays(detail.termDays)} · vencía el {formatDay(detail.legalDueOn)} sin suspensiones
          </dd>
        </div>
        {detail.extendedUntil && (
          <div>
            <dt>Prorrogado hasta</dt>
            <dd>{formatDay(detail.extendedUntil)}</dd>
          </div>
        )}
        {kase.elapsedBusinessDays !== null && (
          <div>
            <dt>Días hábiles transcurridos</dt>
            <dd>{kase.elapsedBusinessDays}</dd>
          </div>
        )}
        {kase.pausedBusinessDays !== null && (
          <div>
            <dt>Días hábiles suspendido</dt>
            <dd>{kase.pausedBusinessDays}</dd>
          </div>
        )}
        <div>
          <dt>Dependencia</dt>
          <dd>{kase.dependencia ?? '—'}</dd>
        </div>
        <div>
          <dt>Responsable</dt>
          <dd>{kase.assignee ?? (kase.assigneeUserId ? 'Otro funcionario' : 'Sin asignar')}</dd>
        </div>
        {closed && (
          <div>
            <dt>Cerrada</dt>
            <dd>{formatDateTime(kase.closedAt)}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}

function RequestSection({ detail }: { detail: RequestDetail }) {
  return (
    <section aria-labelledby="solicitud">
      <h2 id="solicitud">Solicitud</h2>
      <dl className="data-list">
        <div>
          <dt>Tipo</dt>
          <dd>{detail.typeLabel}</dd>
        </div>
        <div>
          <dt>Tema</dt>
          <dd>{detail.categoryLabel}</dd>
        </div>
        <div>
          <dt>Canal</dt>
          <dd>{channelLabel(detail.channel)}</dd>
        </div>
        <div>
          <dt>Recibida</dt>
          <dd>
            {formatDateTime(detail.filedAt)}
            {detail.filedOn !== bogotaDateOf(detail.filedAt) &&
              ` · se entiende radicada el ${formatDay(detail.filedOn)}`}
          </dd>
        </div>
        {detail.transferredTo && (
          <div>
            <dt>Trasladada a</dt>
            <dd>{detail.transferredTo}</dd>
          </div>
        )}
        {detail.duplicateOf && (
          <div>
            <dt>Duplicada de</dt>
            <dd>{detail.duplicateOf}</dd>
          </div>
        )}
      </dl>
      <h3>Descripción</h3>
      <p className="preformatted">{detail.description}</p>
    </section>
  );
}

function PetitionerSection({ detail }: { detail: RequestDetail }) {
  const petitioner = detail.petitioner;
  return (
    <section aria-labelledby="peticionario">
      <h2 id="peticionario">Peticionario</h2>
      {!petitioner ? (
        <p>Denuncia anónima: no hay datos personales. El peticionario consulta con una clave.</p>
      ) : (
        <>
          <p className="muted">Consultar estos datos queda registrado en la auditoría.</p>
          <dl className="data-list">
            <div>
              <dt>Nombre</dt>
              <dd>{petitioner.name ?? '—'}</dd>
            </div>
            <div>
              <dt>Documento</dt>
              <dd>
                {petitioner.documentType && petitioner.documentNumber
                  ? `${documentTypeLabel(petitioner.documentType)} ${petitioner.documentNumber}`
                  : 'Sin documento (llegó por correo electrónico)'}
              </dd>
            </div>
            <div>
              <dt>Correo electrónico</dt>
              <dd>{petitioner.email ?? '—'}</dd>
            </div>
            <div>
              <dt>Teléfono</dt>
              <dd>{petitioner.phone ?? '—'}</dd>
            </div>
            <div>
              <dt>Dirección</dt>
              <dd>{petitioner.address ?? '—'}</dd>
            </div>
          </dl>
        </>
      )}
    </section>
  );
}

function fileUrl(detail: RequestDetail, fileId: string): string {
  return `${API}/solicitudes/${detail.id}/archivos/${fileId}`;
}

function AttachmentsSection({ detail }: { detail: RequestDetail }) {
  return (
    <section aria-labelledby="documentos">
      <h2 id="documentos">Documentos</h2>
      {detail.attachments.length === 0 ? (
        <p>La solicitud no tiene documentos adjuntos.</p>
      ) : (
        <ul className="link-list">
          {detail.attachments.map((file) => (
            <li key={file.id}>
              <a href={fileUrl(detail, file.id)} download={file.name}>
                {file.name}
              </a>{' '}
              <span className="muted">({formatSize(file.size)})</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function AnswerSection({ detail }: { detail: RequestDetail }) {
  if (!detail.answer && !detail.responseDraft) return null;
  const template = detail.templates.find((candidate) => candidate.code === detail.responseTemplate);
  return (
    <section aria-labelledby="respuesta">
      <h2 id="respuesta">Respuesta</h2>
      {detail.answer && (
        <p>
          Respondida el {formatDateTime(detail.answer.answeredAt)}. Código de verificación:{' '}
          <Link to={`/verificar/${encodeURIComponent(detail.answer.verificationCode)}`}>
            {detail.answer.verificationCode}
          </Link>
          .
        </p>
      )}
      {detail.informationDenied && (
        <p>
          <strong>La respuesta niega información por reserva legal</strong> (se cuenta en el informe de la Ley
          1712).
        </p>
      )}
      {detail.responseDraft && !detail.answer && (
        <>
          <p>Proyecto de respuesta{template ? ` (plantilla «${template.label}»)` : ''}:</p>
          <p className="pqrsd-draft">{detail.responseDraft}</p>
        </>
      )}
    </section>
  );
}

/** What a step's data adds for the official: the new due date, the authority, the assignee. */
function stepExtra(detail: RequestDetail, step: RequestDetail['history'][number]): string | null {
  const data = step.data ?? {};
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  switch (step.action) {
    case 'prorrogar':
    case 'cambiar_tipo':
    case 'cambiar_termino':
      return text(data.dueOn) ? `Nueva fecha de vencimiento: ${formatDay(text(data.dueOn))}.` : null;
    case 'trasladar':
      return text(data.transferTo)
        ? `Trasladada a ${text(data.transferTo)}${data.transferredInTime === false ? ' (fuera del plazo legal para trasladar)' : ''}.`
        : null;
    case 'marcar_duplicada':
      return text(data.duplicateOf) ? `Repite la solicitud ${text(data.duplicateOf)}.` : null;
    case 'asignar':
    case 'reasignar': {
      const official = detail.assignableOfficials.find((candidate) => candidate.id === data.assigneeUserId);
      return official ? `Asignada a ${official.fullName}.` : null;
    }
    default:
      return null;
  }
}

function HistorySection({ detail }: { detail: RequestDetail }) {
  const names = new Map(detail.attachments.map((file) => [file.id, file.name]));
  return (
    <section aria-labelledby="historial">
      <h2 id="historial">Historial</h2>
      <Timeline
        label={`Historial de la solicitud ${detail.radicado}`}
        steps={detail.history.map((step) => {
          const changed = step.fromState !== null && step.fromState !== step.toState;
          return {
            key: String(step.seq),
            at: step.at,
            title: stepLabel(step.action),
            meta: (
              <>
                {step.actor}
                {changed ? ` · ${stateLabel(step.fromState)} → ${stateLabel(step.toState)}` : ''}
              </>
            ),
            detail:
              step.comment || step.attachmentFileIds.length > 0 || stepExtra(detail, step) ? (
                <>
                  {stepExtra(detail, step) && <p className="timeline__detail">{stepExtra(detail, step)}</p>}
                  {step.comment && <span className="preformatted">{step.comment}</span>}
                  {step.attachmentFileIds.length > 0 && (
                    <ul className="link-list">
                      {step.attachmentFileIds.map((fileId) => (
                        <li key={fileId}>
                          <a href={fileUrl(detail, fileId)} download={names.get(fileId) ?? true}>
                            {names.get(fileId) ?? 'Documento adjunto'}
                          </a>
                        </li>
                      ))}
                    </ul>
                  )}
                </>
              ) : undefined,
          };
        })}
      />
    </section>
  );
}

/** /admin/pqrsd/:id: the request, its clock, its history and the actions the official may take. */
export function RequestPage() {
  const { id = '' } = useParams();
  const loaded = useApiGet<RequestDetail>(`${API}/solicitudes/${encodeURIComponent(id)}`);
  // After an action the API answers the updated request: show it without another round trip.
  const [updated, setUpdated] = useState<RequestDetail | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const detail = updated && updated.id === id ? updated : loaded.data;

  useEffect(() => {
    if (notice) noticeRef.current?.querySelector<HTMLElement>('[role="status"]')?.focus();
  }, [notice]);

  return (
    <Page
      title={detail ? `Solicitud ${detail.radicado}` : 'Solicitud'}
      lead={detail ? detail.subject : undefined}
    >
      <p>
        <Link to={ADMIN_BASE}>Volver a la bandeja</Link>
      </p>
      {loaded.loading && !detail && <Loading label="Cargando la solicitud…" />}
      {loaded.error && !detail && <Alert tone="error">{loaded.error.detail}</Alert>}
      <div ref={noticeRef}>
        {notice && (
          <Alert tone="success" title="Listo">
            {notice}
          </Alert>
        )}
      </div>
      {detail && (
        <>
          <ClockPanel detail={detail} />
          <RequestSection detail={detail} />
          <PetitionerSection detail={detail} />
          <AttachmentsSection detail={detail} />
          <AnswerSection detail={detail} />
          <ActionPanel
            detail={detail}
            onDone={(next, label) => {
              setUpdated(next);
              setNotice(`Se registró: ${label}. Estado actual: ${next.case.stateLabel}.`);
            }}
          />
          <HistorySection detail={detail} />
        </>
      )}
    </Page>
  );
}
