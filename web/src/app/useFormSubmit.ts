import { useCallback, useEffect, useRef, useState } from 'react';
import { toApiError } from './api';

export interface FormErrors {
  summary: string | null;
  fields: Record<string, string>;
}

const NO_ERRORS: FormErrors = { summary: null, fields: {} };

export const CHECK_FIELDS_MESSAGE = 'Revise los campos marcados antes de continuar.';

/**
 * Submit state for one form: pending flag, the server's problem detail and per-field messages.
 * After a failed submit, focus moves to the first invalid field (or the error summary).
 */
export function useFormSubmit() {
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, setPending] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(NO_ERRORS);

  useEffect(() => {
    if (!errors.summary && Object.keys(errors.fields).length === 0) return;
    const form = formRef.current;
    const target =
      form?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form?.querySelector<HTMLElement>('[role="alert"]');
    target?.focus();
  }, [errors]);

  const submit = useCallback(async (action: () => Promise<void>) => {
    setPending(true);
    setErrors(NO_ERRORS);
    try {
      await action();
    } catch (error) {
      const apiError = toApiError(error);
      setErrors({ summary: apiError.detail, fields: apiError.fieldErrors });
    } finally {
      setPending(false);
    }
  }, []);

  /** Reports client-side validation problems; returns true when there were any. */
  const rejectIfInvalid = useCallback((fields: Record<string, string>) => {
    if (Object.keys(fields).length === 0) return false;
    setErrors({ summary: CHECK_FIELDS_MESSAGE, fields });
    return true;
  }, []);

  const clearErrors = useCallback(() => setErrors(NO_ERRORS), []);

  return { formRef, pending, errors, submit, rejectIfInvalid, clearErrors, setErrors };
}

/** Collects "Este campo es obligatorio." for every empty required value. */
export function requireFields(values: Record<string, string>, names: string[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const name of names) {
    if (!values[name]?.trim()) fields[name] = 'Este campo es obligatorio.';
  }
  return fields;
}
