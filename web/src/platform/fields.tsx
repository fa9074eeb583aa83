import {
  type InputHTMLAttributes,
  type ReactNode,
  type Ref,
  type RefObject,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
} from 'react';

function describedBy(...ids: (string | undefined)[]): string | undefined {
  const present = ids.filter(Boolean);
  return present.length > 0 ? present.join(' ') : undefined;
}

function FieldError({ id, message }: { id: string; message: string }) {
  return (
    <p id={id} className="field__error">
      <span className="visually-hidden">Error: </span>
      {message}
    </p>
  );
}

/** The parts every labelled control shares: its id, and the ids of its hint and error for aria-describedby. */
function useFieldIds(hint: ReactNode, error: string | undefined) {
  const id = useId();
  const hintId = hint ? `${id}-ayuda` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return { id, hintId, errorId, describedBy: describedBy(hintId, errorId) };
}

/** Label above, hint under it, the control, and the error below: one layout for text and select fields. */
function FieldShell(props: {
  ids: ReturnType<typeof useFieldIds>;
  label: string;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
}) {
  const { ids, label, hint, error, children } = props;
  return (
    <div className={error ? 'field field--error' : 'field'}>
      <label className="field__label" htmlFor={ids.id}>
        {label}
      </label>
      {hint && (
        <p id={ids.hintId} className="field__hint">
          {hint}
        </p>
      )}
      {children}
      {error && ids.errorId && <FieldError id={ids.errorId} message={error} />}
    </div>
  );
}

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name'> {
  ref?: Ref<HTMLInputElement>;
  label: string;
  name: string;
  hint?: ReactNode;
  error?: string;
}

export function TextField({ ref, label, name, hint, error, className, ...input }: TextFieldProps) {
  const ids = useFieldIds(hint, error);
  return (
    <FieldShell ids={ids} label={label} hint={hint} error={error}>
      <input
        {...input}
        ref={ref}
        id={ids.id}
        name={name}
        className={className ? `field__input ${className}` : 'field__input'}
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
      />
    </FieldShell>
  );
}

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

interface SelectFieldProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'name'> {
  label: string;
  name: string;
  options: SelectOption[];
  hint?: ReactNode;
  error?: string;
}

export function SelectField({ label, name, options, hint, error, ...select }: SelectFieldProps) {
  const ids = useFieldIds(hint, error);
  return (
    <FieldShell ids={ids} label={label} hint={hint} error={error}>
      <select
        {...select}
        id={ids.id}
        name={name}
        className="field__input field__select"
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value} disabled={option.disabled}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

interface CheckboxFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name' | 'type'> {
  label: ReactNode;
  name: string;
  error?: string;
}

export function CheckboxField({ label, name, error, ...input }: CheckboxFieldProps) {
  const id = useId();
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={error ? 'field field--error' : 'field'}>
      {error && errorId && <FieldError id={errorId} message={error} />}
      <div className="checkbox">
        <input
          {...input}
          type="checkbox"
          id={id}
          name={name}
          className="checkbox__input"
          aria-invalid={error ? true : undefined}
          aria-describedby={errorId}
        />
        <label className="checkbox__label" htmlFor={id}>
          {label}
        </label>
      </div>
    </div>
  );
}

interface CheckboxGroupProps {
  legend: string;
  name: string;
  options: SelectOption[];
  selected: string[];
  onChange: (selected: string[]) => void;
  hint?: ReactNode;
  error?: string;
}

export function CheckboxGroup({
  legend,
  name,
  options,
  selected,
  onChange,
  hint,
  error,
}: CheckboxGroupProps) {
  const id = useId();
  const hintId = hint ? `${id}-ayuda` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const toggle = (value: string, checked: boolean) =>
    onChange(checked ? [...selected, value] : selected.filter((item) => item !== value));

  return (
    <fieldset
      className={error ? 'fieldset field--error' : 'fieldset'}
      aria-describedby={describedBy(hintId, errorId)}
    >
      <legend className="field__label">{legend}</legend>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error && errorId && <FieldError id={errorId} message={error} />}
      {options.map((option) => (
        <div className="checkbox" key={option.value}>
          <input
            type="checkbox"
            id={`${id}-${option.value}`}
            name={name}
            value={option.value}
            className="checkbox__input"
            checked={selected.includes(option.value)}
            aria-invalid={error ? true : undefined}
            onChange={(event) => toggle(option.value, event.target.checked)}
          />
          <label className="checkbox__label" htmlFor={`${id}-${option.value}`}>
            {option.label}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

interface FormErrorSummaryProps {
  message: string | null;
}

export function FormErrorSummary({ message }: FormErrorSummaryProps) {
  if (!message) return null;
  return (
    <div className="alert alert--error" role="alert" tabIndex={-1}>
      <p className="alert__title">No fue posible continuar</p>
      <div className="alert__body">{message}</div>
    </div>
  );
}

interface TextAreaFieldProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'name'> {
  label: string;
  name: string;
  hint?: ReactNode;
  error?: string | undefined;
}

/** A multi-line text field laid out like TextField. */
export function TextAreaField({ label, name, hint, error, ...textarea }: TextAreaFieldProps) {
  const ids = useFieldIds(hint, error);
  return (
    <FieldShell ids={ids} label={label} hint={hint} error={error}>
      <textarea
        {...textarea}
        id={ids.id}
        name={name}
        className="field__input field__textarea"
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
      />
    </FieldShell>
  );
}

/** What uploads accept by default (the server checks again by content, not by name). */
export const DEFAULT_ATTACHMENT_ACCEPT = 'application/pdf,image/jpeg,image/png';

/** A file input for one or several attachments. */
export function FilesField({
  label,
  name,
  hint,
  inputRef,
  error,
  accept = DEFAULT_ATTACHMENT_ACCEPT,
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
  const ids = useFieldIds(hint, error);
  return (
    <FieldShell ids={ids} label={label} hint={hint} error={error}>
      <input
        ref={inputRef}
        id={ids.id}
        name={name}
        type="file"
        multiple={multiple}
        accept={accept}
        className="field__file"
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
      />
    </FieldShell>
  );
}

/** Client-side check of the chosen files (count and size); the server checks them again. */
export function checkFiles(files: File[], maxFiles: number, maxMb: number): string | null {
  if (files.length > maxFiles) return `Puede adjuntar hasta ${maxFiles} archivos; eligió ${files.length}.`;
  const big = files.find((file) => file.size > maxMb * 1024 * 1024);
  if (big) return `El archivo «${big.name}» supera el tamaño máximo de ${maxMb} MB.`;
  return null;
}
