import { api } from '../../app/api';

export { postAndDownload } from '../../app/api';

/** POST (JSON or multipart) with extra headers, e.g. `Idempotency-Key`; answers the JSON body. */
export function postJson<T>(path: string, body: FormData | unknown, headers: Record<string, string> = {}) {
  return api.post<T>(path, body, { headers });
}
