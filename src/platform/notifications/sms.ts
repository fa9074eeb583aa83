import type { Config } from '../config/config.ts';

/** Sends one text message; the id is the provider's, for tracing. */
export interface SmsSender {
  send(to: string, text: string): Promise<{ id: string }>;
}

export class SmsDeliveryError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'SmsDeliveryError';
  }
}

/**
 * A Colombian mobile number in E.164 (+573001234567), or null when it is not one. Accepts the ways
 * people write it: 300 123 4567, 300-123-4567, (+57) 3001234567, 57 300…, 0057 300….
 */
export function normalizeColombianMobile(input: string): string | null {
  const compact = input.trim().replace(/[\s().-]/g, '');
  let national = compact;
  if (national.startsWith('+57')) national = national.slice(3);
  else if (national.startsWith('0057')) national = national.slice(4);
  else if (national.startsWith('57') && national.length === 12) national = national.slice(2);
  // Colombian mobile numbers have 10 digits and start with 3 (fixed lines start with 60).
  return /^3\d{9}$/.test(national) ? `+57${national}` : null;
}

export interface HttpSmsSenderOptions {
  url: string;
  token?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** POSTs { to, text } as JSON with a bearer token; any 2xx is accepted, the body may carry { id }. */
export function createHttpSmsSender(options: HttpSmsSenderOptions): SmsSender {
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  return {
    async send(to, text) {
      let response: Response;
      try {
        response = await doFetch(options.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            accept: 'application/json',
            ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
          },
          body: JSON.stringify({ to, text }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        const timedOut = (error as Error).name === 'TimeoutError';
        throw new SmsDeliveryError(
          timedOut
            ? `El proveedor de SMS no respondió en ${(timeoutMs / 1000).toLocaleString('es-CO')} s.`
            : `No se pudo conectar con el proveedor de SMS: ${(error as Error).message}`,
        );
      }
      const body = await response.text();
      if (!response.ok) {
        throw new SmsDeliveryError(
          `El proveedor de SMS respondió con el estado ${response.status}: ${body.slice(0, 200)}`,
          response.status,
        );
      }
      return { id: providerId(body) };
    },
  };
}

function providerId(body: string): string {
  try {
    const parsed = JSON.parse(body) as { id?: unknown; messageId?: unknown };
    const id = parsed.id ?? parsed.messageId;
    return typeof id === 'string' || typeof id === 'number' ? String(id) : '';
  } catch {
    return '';
  }
}

/** Used when no SMS provider is configured: every message fails with a clear reason in the outbox. */
export function createDisabledSmsSender(): SmsSender {
  return {
    async send() {
      throw new SmsDeliveryError(
        'El envío de SMS no está configurado: defina SMS_HTTP_URL y SMS_HTTP_TOKEN.',
      );
    },
  };
}

export function createSmsSender(config: Pick<Config, 'SMS_HTTP_URL' | 'SMS_HTTP_TOKEN'>): SmsSender {
  return config.SMS_HTTP_URL
    ? createHttpSmsSender({ url: config.SMS_HTTP_URL, token: config.SMS_HTTP_TOKEN })
    : createDisabledSmsSender();
}
