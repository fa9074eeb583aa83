import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useFormSubmit } from '../../app/useFormSubmit';
import { FormErrorSummary, TextField } from '../../platform/fields';

export function VerifyCodeForm({ initialCode = '' }: { initialCode?: string }) {
  const navigate = useNavigate();
  const [code, setCode] = useState(initialCode);
  const { formRef, errors, rejectIfInvalid } = useFormSubmit();

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const cleaned = code.replace(/\s+/g, '');
    if (rejectIfInvalid(cleaned ? {} : { code: 'Escriba el código que aparece en el documento.' })) return;
    navigate(`/verificar/${encodeURIComponent(cleaned)}`);
  };

  return (
    <form ref={formRef} className="form form--inline" noValidate onSubmit={onSubmit}>
      <FormErrorSummary message={errors.summary} />
      <TextField
        label="Código del documento"
        name="code"
        autoComplete="off"
        spellCheck={false}
        hint="Lo encuentra al pie del documento, junto al código QR."
        value={code}
        onChange={(event) => setCode(event.target.value)}
        error={errors.fields.code}
        required
      />
      <div className="form__actions">
        <button type="submit" className="button">
          Verificar
        </button>
      </div>
    </form>
  );
}
