import { ApiError, api, fetchSession, type Problem, subscribeSession, toApiError } from '../../app/api';

/*
 * A POST with an extra header (Idempotency-Key), which web/src/app/api.ts does not offer yet. Same rules as
 * api.ts: the session's CSRF token on writes, one retry after refreshing it, problem+json → ApiError.
 */

let csrfToken: string | null = null;
subscribeSession((session) => {
  csrfToken = session?.csrfToken ?? null;
});

async function problemOf(response: Response): Promise<ApiError> {
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      return new ApiError({ ...((await response.json()) as Partial<Problem>), status: response.status });
    } catch {
      // fall through to the generic message
    }
  }
  return new ApiError({ status: response.status });
}

/** POST a JSON body with extra headers; answers the JSON body. */
export async function postWithHeaders<T>(
  path: string,
  body: unknown,
  headers: Record<string, string>,
  retry = true,
): Promise<T> {
  if (!csrfToken) csrfToken = (await fetchSession())?.csrfToken ?? null;
  const all: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    'content-type': 'application/json',
    ...headers,
  };
  if (csrfToken) all['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: all,
      body: JSON.stringify(body ?? {}),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR' });
  }
  if (response.ok) return (await response.json()) as T;
  const error = await problemOf(response);
  if (error.code === 'CSRF_INVALID' && retry) {
    await fetchSession();
    return postWithHeaders<T>(path, body, headers, false);
  }
  throw error;
}

/** A fresh key per form: a retried submit of the same form opens one ticket. */
export function newIdempotencyKey(): string {
  // getRandomValues also works outside secure contexts (an intranet over plain HTTP), randomUUID does not.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

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
