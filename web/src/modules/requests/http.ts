import { ApiError, fetchSession, type Problem, subscribeSession } from '../../app/api';

/*
 * Two things web/src/app/api.ts does not offer yet: an extra header (Idempotency-Key) and a POST that
 * answers with a file (the answer PDF). Same rules as api.ts: the session's CSRF token on writes, one
 * retry after refreshing it, problem+json turned into ApiError.
 */

let csrfToken: string | null = null;
subscribeSession((session) => {
  csrfToken = session?.csrfToken ?? null;
});

async function problemOf(response: Response): Promise<ApiError> {
  const type = response.headers.get('content-type') ?? '';
  if (type.includes('json')) {
    try {
      const body = (await response.json()) as Partial<Problem>;
      return new ApiError({ ...body, status: response.status });
    } catch {
      // fall through
    }
  }
  return new ApiError({ status: response.status });
}

async function send(
  path: string,
  body: FormData | unknown,
  headers: Record<string, string>,
  accept: string,
  retry = true,
): Promise<Response> {
  const all: Record<string, string> = { accept, ...headers };
  if (csrfToken) all['x-csrf-token'] = csrfToken;
  let payload: BodyInit;
  if (body instanceof FormData) {
    payload = body;
  } else {
    all['content-type'] = 'application/json';
    payload = JSON.stringify(body ?? {});
  }
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', headers: all, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR' });
  }
  if (response.ok) return response;
  const error = await problemOf(response);
  if (error.code === 'CSRF_INVALID' && retry) {
    await fetchSession();
    return send(path, body, headers, accept, false);
  }
  throw error;
}

/** POST (JSON or multipart) with extra headers, e.g. `Idempotency-Key`; answers the JSON body. */
export async function postJson<T>(
  path: string,
  body: FormData | unknown,
  headers: Record<string, string> = {},
) {
  const response = await send(path, body, headers, 'application/json, application/problem+json');
  return (await response.json()) as T;
}

/** POST that answers a file: saves it in the browser with the server's file name (or `fallbackName`). */
export async function postAndDownload(path: string, body: unknown, fallbackName: string): Promise<void> {
  const response = await send(path, body, {}, 'application/pdf, application/problem+json');
  const blob = await response.blob();
  const disposition = response.headers.get('content-disposition') ?? '';
  const name =
    /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] ?? /filename="([^"]+)"/i.exec(disposition)?.[1];
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name ? decodeURIComponent(name) : fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
