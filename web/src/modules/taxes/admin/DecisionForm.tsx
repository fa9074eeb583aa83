import { type FormEvent, useId, useState } from 'react';
import { api } from '../../../app/api';
import { useFormSubmit } from '../../../app/useFormSubmit';
import { FormErrorSummary, TextField } from '../../../platform/fields';
import { readably } from '../problems';

interface DecisionFormProps {
  /** POST endpoint taking { aprobar, nota? }. */
  path: string;
  /** What is decided, for the buttons' accessible names ("el ajuste 2026 impuesto"). */
  subject: string;
  onDecided: (approved: boolean) => void;
}

/** Approve or reject; a rejection must say why (the taxpayer or the proposer reads it). */
export function DecisionForm({ path, subject, onDecided }: DecisionFormProps) {
  const [nota, setNota] = useState('');
  const { formRef, pending, errors, submit, rejectIfInvalid } = useFormSubmit();
  const id = useId();

  const decide = (approve: boolean) => (event?: FormEvent) => {
    event?.preventDefault();
    const note = nota.trim();
    if (!approve && rejectIfInvalid(note ? {} : { nota: 'Escriba el motivo del rechazo.' })) return;
    void submit(async () => {
      await readably(() => api.post(path, note ? { aprobar: approve, nota: note } : { aprobar: approve }));
      onDecided(approve);
    });
  };

  return (
    <form
      ref={formRef}
      className="decision"
      noValidate
      onSubmit={decide(true)}
      aria-labelledby={`${id}-titulo`}
    >
      <p id={`${id}-titulo`} className="visually-hidden">
        Decidir {subject}
      </p>
      <FormErrorSummary message={errors.summary} />
      <TextField
        label="Nota"
        name="nota"
        hint="Obligatoria para rechazar."
        value={nota}
        onChange={(event) => setNota(event.target.value)}
        error={errors.fields.nota}
      />
      <div className="form__actions">
        <button type="submit" className="button button--small" disabled={pending}>
          Aprobar<span className="visually-hidden"> {subject}</span>
        </button>
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={pending}
          onClick={() => decide(false)()}
        >
          Rechazar<span className="visually-hidden"> {subject}</span>
        </button>
      </div>
    </form>
  );
}
