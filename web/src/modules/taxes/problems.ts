import { ApiError, toApiError } from '../../app/api';
import { CHECK_FIELDS_MESSAGE } from '../../app/useFormSubmit';
import { withoutFieldPrefix } from './labels';

/**
 * The same error, readable: field messages without their "payer.email: " prefix, and for a validation
 * error the usual "review the marked fields" summary instead of the server's technical sentence.
 */
export function readableError(error: unknown): ApiError {
  const apiError = toApiError(error);
  const fields = Object.entries(apiError.fieldErrors);
  if (fields.length === 0) return apiError;
  const errors = fields.map(([field, message]) => ({ field, message: withoutFieldPrefix(message) }));
  const detail =
    apiError.code === 'VALIDATION_ERROR'
      ? CHECK_FIELDS_MESSAGE
      : withoutFieldPrefix(apiError.detail.replace(/^Revise el campo «[^»]+»: /, ''));
  return new ApiError({ status: apiError.status, code: apiError.code, detail, errors });
}

/** Runs an API call and rethrows its failure as a readable error (for useFormSubmit's submit). */
export async function readably<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    throw readableError(error);
  }
}
