import type { Session } from './types';

export interface FieldProblem {
  field: string;
  message: string;
}

/** RFC 9457 problem document as sent by the server (application/problem+json). */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  code?: string;
  detail?: string;
  field?: string;
  errors?: FieldProblem[];
  requestId?: string;
}

const NETWORK_ERROR_DETAIL =
  'No fue posible conectar con el servidor. Verifique su conexión e intente de nuevo en unos minutos.';

function fallbackDetail(status: number): string {
  if (status === 0) return NETWORK_ERROR_DETAIL;
  if (status === 401) return 'Debe ingresar para continuar.';
  if (status === 403) return 'No tiene permiso para realizar esta acción.';
  if (status === 404) return 'No se encontró el recurso solicitado.';
  if (status === 413) return 'La solicitud supera el tamaño permitido.';
  if (status === 429) return 'Ha realizado demasiados intentos. Espere un momento e intente de nuevo.';
  if (status >= 500) return 'El servicio no está disponible en este momento. Intente de nuevo más tarde.';
  return 'No fue posible completar la solicitud.';
}

/** Turns "body.contact.email" or "/email" into the path of the form field ("contact.email", "email"). */
function normalizeFieldPath(path: string): string {
  const segments = path.split(/[./]/).filter(Boolean);
  if (segments[0] === 'body' || segments[0] === 'query' || segments[0] === 'params') segments.shift();
  return segments.join('.');
}

function collectFieldErrors(problem: Problem): Record<string, string> {
  const fields: Record<string, string> = {};
  const add = (path: string, message: string) => {
    const normalized = normalizeFieldPath(path);
    if (!normalized) return;
    fields[normalized] ??= message;
    // "roles.0" should also mark the "roles" input.
    const root = normalized.split('.')[0];
    if (root) fields[root] ??= message;
  };
  for (const error of problem.errors ?? []) add(error.field, error.message);
  if (problem.field) add(problem.field, problem.detail ?? fallbackDetail(problem.status));
  return fields;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string;
  readonly fieldErrors: Record<string, string>;
  readonly requestId: string | undefined;

  constructor(problem: Problem) {
    const detail = problem.detail || fallbackDetail(problem.status);
    super(detail);
    this.name = 'ApiError';
    this.status = problem.status;
    this.code = problem.code ?? (problem.status === 0 ? 'NETWORK_ERROR' : 'HTTP_ERROR');
    this.detail = detail;
    this.fieldErrors = collectFieldErrors(problem);
    this.requestId = problem.requestId;
  }
}

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError({ status: 0, code: 'NETWORK_ERROR' });
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

function isJson(response: Response): boolean {
  const type = response.headers.get('content-type') ?? '';
  return type.includes('application/json') || type.includes('+json');
}

async function readProblem(response: Response): Promise<ApiError> {
  if (isJson(response)) {
    try {
      const body = (await response.json()) as Partial<Problem>;
      return new ApiError({ ...body, status: response.status });
    } catch {
      // fall through to the generic message
    }
  }
  return new ApiError({ status: response.status });
}

async function readBody<T>(response: Response): Promise<T> {
  if (response.status === 204 || response.headers.get('content-length') === '0') return undefined as T;
  if (!isJson(response)) {
    // e.g. the SPA's index.html when the API is not reachable behind a proxy
    throw new ApiError({ status: 502, detail: 'El servidor respondió en un formato inesperado.' });
  }
  return (await response.json()) as T;
}

// --- session (csrf token + current user), shared with the auth context ---

let csrfToken: string | null = null;
type SessionListener = (session: Session | null) => void;
const sessionListeners = new Set<SessionListener>();

function publishSession(session: Session | null): void {
  csrfToken = session?.csrfToken ?? null;
  for (const listener of sessionListeners) listener(session);
}

export function subscribeSession(listener: SessionListener): () => void {
  sessionListeners.add(listener);
  return () => {
    sessionListeners.delete(listener);
  };
}

export function clearSession(): void {
  publishSession(null);
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  /** Extra headers, e.g. Idempotency-Key on a write a retry could repeat. */
  headers?: Record<string, string>;
  /** Answer the raw Response (a file download) instead of its JSON body. */
  raw?: boolean;
}

export interface WriteOptions {
  headers?: Record<string, string>;
}

async function request<T>(
  method: Method,
  path: string,
  options: RequestOptions,
  retryOnCsrf = true,
): Promise<T> {
  const headers: Record<string, string> = {
    accept: 'application/json, application/problem+json',
    ...options.headers,
  };
  let body: BodyInit | undefined;
  if (method !== 'GET') {
    if (csrfToken) headers['x-csrf-token'] = csrfToken;
    if (options.body instanceof FormData) {
      body = options.body;
    } else {
      headers['content-type'] = 'application/json';
      // Body-less writes still send "{}" so the server always sees a JSON request.
      body = JSON.stringify(options.body ?? {});
    }
  }

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR' });
  }

  if (response.ok) return options.raw ? (response as T) : readBody<T>(response);

  const error = await readProblem(response);
  if (error.code === 'CSRF_INVALID' && retryOnCsrf) {
    // The token rotates with the session (e.g. after logging in elsewhere): refresh it once and retry.
    await fetchSession();
    return request<T>(method, path, options, false);
  }
  if (error.code === 'UNAUTHENTICATED' && csrfToken) publishSession(null);
  throw error;
}

export const api = {
  get: <T>(path: string, signal?: AbortSignal) => request<T>('GET', path, { signal }),
  post: <T>(path: string, body?: unknown, options: WriteOptions = {}) =>
    request<T>('POST', path, { body, headers: options.headers }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path, {}),
};

/** GET /api/v1/auth/me; resolves to null when nobody is signed in. */
export async function fetchSession(): Promise<Session | null> {
  try {
    const session = await request<Session>('GET', '/api/v1/auth/me', {}, false);
    publishSession(session);
    return session;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      publishSession(null);
      return null;
    }
    throw error;
  }
}

/** Builds "path?a=1&b=2", leaving out empty values. */
export function withQuery(path: string, params: Record<string, string | number | undefined | null>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** POST that answers a file (a PDF): saves it in the browser with the server's file name or `fallbackName`. */
export async function postAndDownload(path: string, body: unknown, fallbackName: string): Promise<void> {
  const response = await request<Response>('POST', path, {
    body,
    headers: { accept: 'application/pdf, application/octet-stream, application/problem+json' },
    raw: true,
  });
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
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A fresh key (a UUID v4) per form fill, sent as Idempotency-Key: a double click or a retry writes once. */
export function newIdempotencyKey(): string {
  // getRandomValues also works outside secure contexts (an intranet over plain HTTP); randomUUID does not.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40; // version 4
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // RFC 4122 variant
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
