import { type ReactNode, type RefObject, type TextareaHTMLAttributes, useId } from 'react';

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
  hint?: ReactNode;
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
        className="field__input pqrsd-textarea"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
      {error && errorId && <ErrorText id={errorId} message={error} />}
    </div>
  );
}

/** What the server accepts as attachments (checked again there by content, not by name). */
export const ATTACHMENT_ACCEPT =
  'application/pdf,image/jpeg,image/png,image/tiff,.docx,.xlsx,application/vnd.openxmlformats-officedocument.wordprocessingml.document,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A file input for several attachments. */
export function FilesField({
  label,
  name,
  hint,
  inputRef,
  error,
  accept = ATTACHMENT_ACCEPT,
  multiple = true,
}: {
  label: string;
  name: string;
  hint: ReactNode;
  inputRef: RefObject<HTMLInputElement | null>;
  error?: string | undefined;
  accept?: string;
  multiple?: boolean;
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
        multiple={multiple}
        accept={accept}
        className="field__file"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-ayuda ${id}-error` : `${id}-ayuda`}
      />
      {error && <ErrorText id={`${id}-error`} message={error} />}
    </div>
  );
}

/** Client-side check of the chosen files (count and size); the server checks them again. */
export function checkFiles(files: File[], maxFiles: number, maxMb: number): string | null {
  if (files.length > maxFiles) return `Puede adjuntar hasta ${maxFiles} archivos; eligió ${files.length}.`;
  const big = files.find((file) => file.size > maxMb * 1024 * 1024);
  if (big) return `El archivo «${big.name}» supera el tamaño máximo de ${maxMb} MB.`;
  return null;
}
