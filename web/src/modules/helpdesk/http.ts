import { ApiError, api, toApiError } from '../../app/api';

/** POST a JSON body with extra headers (Idempotency-Key); answers the JSON body. */
export function postWithHeaders<T>(path: string, body: unknown, headers: Record<string, string>): Promise<T> {
  return api.post<T>(path, body, { headers });
}

export { newIdempotencyKey } from '../../app/api';

/**
 * Uploads each chosen file to the platform's file service (POST /api/v1/files, checked there by content:
 * a program renamed .pdf is refused) and answers their ids. A refusal names the file.
 */
export async function uploadAll(files: readonly File[]): Promise<string[]> {
  const ids: string[] = [];
  for (const file of files) {
    const body = new FormData();
    body.append('file', file, file.name);
    try {
      const saved = await api.post<{ id: string }>('/api/v1/files', body);
      ids.push(saved.id);
    } catch (error) {
      const apiError = toApiError(error);
      throw new ApiError({
        status: apiError.status,
        code: apiError.code,
        detail: `«${file.name}»: ${apiError.detail}`,
        errors: [{ field: 'attachments', message: `«${file.name}»: ${apiError.detail}` }],
      });
    }
  }
  return ids;
}
