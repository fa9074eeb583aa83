import { type RefObject, type TextareaHTMLAttributes, useId } from 'react';

function ErrorText({ id, message }: { id: string; message: string }) {
  return (
    <p id={id} className="field__error">
      <span className="visually-hidden">Error: </span>
      {message}
    </p>
  );
}

interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'name'> {
  label: string;
  name: string;
  hint?: string;
  error?: string | undefined;
}

/** A multi-line text field laid out like the platform's TextField. */
export function TextAreaField({ label, name, hint, error, ...textarea }: TextAreaFieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-ayuda` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      <textarea
        {...textarea}
        id={id}
        name={name}
        className="field__input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      {error && errorId && <ErrorText id={errorId} message={error} />}
    </div>
  );
}

/** A file input for digitised documents (several at once). */
export function FilesField({
  label,
  name,
  hint,
  inputRef,
  error,
}: {
  label: string;
  name: string;
  hint: string;
  inputRef: RefObject<HTMLInputElement | null>;
  error?: string | undefined;
}) {
  const id = useId();
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <p id={`${id}-ayuda`} className="field__hint">
        {hint}
      </p>
      <input
        ref={inputRef}
        id={id}
        name={name}
        type="file"
        multiple
        accept="application/pdf,image/png,image/jpeg"
        className="field__file"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-ayuda ${id}-error` : `${id}-ayuda`}
      />
      {error && <ErrorText id={`${id}-error`} message={error} />}
    </div>
  );
}
