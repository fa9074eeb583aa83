import { ImapFlow } from 'imapflow';
import type { Logger } from 'pino';
import { MailboxError } from './intake.errors.ts';

/** Where the PQRSD mailbox is and how to enter it; parseImapUrl() builds it from PQRSD_IMAP_URL. */
export interface ImapMailboxOptions {
  host: string;
  port: number;
  /** TLS from the first byte (imaps, port 993); false is plain IMAP, upgraded with STARTTLS when offered. */
  secure: boolean;
  user: string;
  password: string;
  /** Folder to read; `INBOX` when absent. */
  mailbox?: string;
  tls?: { rejectUnauthorized?: boolean };
  logger?: Logger;
  /** Milliseconds; defaults suit a job that runs every few minutes. */
  timeouts?: { connection?: number; greeting?: number; socket?: number };
}

export interface MailboxMessage {
  uid: number;
  /** UIDVALIDITY of the folder: (uidValidity, uid) names one message for good, e.g. as an idempotency key. */
  uidValidity: string;
  /** The whole RFC 5322 message, as parseIncomingEmail() takes it. */
  source: Buffer;
}

export interface FetchUnseenResult {
  /** Messages downloaded in this run. */
  fetched: number;
  /** Messages whose handler resolved; they are now marked \Seen. */
  handled: number;
  /** Messages whose handler threw; they stay unseen and come again on the next run. */
  failed: number;
}

export interface ImapMailbox {
  /**
   * Reads the unseen messages, oldest UID first, at most `limit` (DEFAULT_FETCH_LIMIT) per run. Each is
   * marked \Seen only after `handle` resolves. Throws MailboxError when the server cannot be reached, refuses
   * the credentials or lacks the folder; the connection is always closed.
   */
  fetchUnseen(
    handle: (message: MailboxMessage) => Promise<void>,
    options?: { limit?: number },
  ): Promise<FetchUnseenResult>;
}

export const DEFAULT_FETCH_LIMIT = 100;

const DEFAULT_TIMEOUTS = { connection: 15_000, greeting: 10_000, socket: 120_000 };

export function createImapMailbox(options: ImapMailboxOptions): ImapMailbox {
  const folder = options.mailbox?.trim() || 'INBOX';
  const logger = options.logger?.child({ component: 'pqrsd-imap', host: options.host, mailbox: folder });
  const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };

  return {
    async fetchUnseen(handle, fetchOptions = {}) {
      const limit = fetchOptions.limit ?? DEFAULT_FETCH_LIMIT;
      if (!Number.isInteger(limit) || limit < 1) {
        throw new RangeError(`limit must be a positive integer, got ${limit}`);
      }
      const client = new ImapFlow({
        host: options.host,
        port: options.port,
        secure: options.secure,
        auth: { user: options.user, pass: options.password },
        tls: options.tls,
        logger: imapLogger(logger),
        disableAutoIdle: true,
        connectionTimeout: timeouts.connection,
        greetingTimeout: timeouts.greeting,
        socketTimeout: timeouts.socket,
      });
      // ImapFlow emits 'error' for a dropped socket; without a listener the process would crash.
      client.on('error', (error: unknown) => logger?.warn({ err: error }, 'Error en la conexión IMAP'));

      const result: FetchUnseenResult = { fetched: 0, handled: 0, failed: 0 };
      try {
        await client.connect();
        const lock = await client.getMailboxLock(folder);
        try {
          const uidValidity = client.mailbox ? String(client.mailbox.uidValidity) : '';
          const found = await client.search({ seen: false }, { uid: true });
          if (!Array.isArray(found)) {
            throw new MailboxError(
              'BUZON_NO_DISPONIBLE',
              `El servidor de correo ${options.host} rechazó la búsqueda de mensajes no leídos en «${folder}».`,
              { retryable: true },
            );
          }
          const uids = [...found].sort((a, b) => a - b).slice(0, limit);
          for (const uid of uids) {
            const message = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
            const source = message ? message.source : undefined;
            if (!source) {
              logger?.warn({ uid }, 'El mensaje desapareció del buzón antes de descargarlo');
              continue;
            }
            result.fetched++;
            try {
              await handle({ uid, uidValidity, source });
            } catch (error) {
              result.failed++;
              logger?.warn(
                { err: error, uid },
                'No se pudo procesar el correo; queda sin leer para el próximo intento',
              );
              continue;
            }
            result.handled++;
            const marked = await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
            if (!marked) {
              logger?.error(
                { uid },
                'Correo procesado que el servidor no dejó marcar como leído; volverá a llegar',
              );
            }
          }
        } finally {
          lock.release();
        }
      } catch (error) {
        logger?.warn({ ...result }, 'La lectura del buzón se interrumpió');
        throw mailboxFailure(error, options, folder);
      } finally {
        await closeQuietly(client);
      }
      return result;
    },
  };
}

async function closeQuietly(client: ImapFlow): Promise<void> {
  try {
    await client.logout();
  } catch {
    // The connection is already gone; close() below releases what is left.
  }
  client.close();
}

/** Only ImapFlow's warnings and errors reach the platform log: its debug output has every command. */
function imapLogger(logger: Logger | undefined) {
  if (!logger) return false as const;
  const ignore = () => {};
  return {
    debug: ignore,
    info: ignore,
    trace: ignore,
    warn: (entry: object) => logger.warn(entry),
    error: (entry: object) => logger.error(entry),
  };
}

interface ImapFailure {
  authenticationFailed?: boolean;
  serverResponseCode?: string;
  mailboxMissing?: boolean;
  code?: string;
  message?: string;
  responseText?: string;
}

/** Turns what ImapFlow throws into a MailboxError with a sentence an administrator can act on. */
function mailboxFailure(error: unknown, options: ImapMailboxOptions, folder: string): MailboxError {
  if (error instanceof MailboxError) return error;
  const failure = (error ?? {}) as ImapFailure;
  const server = `${options.host}:${options.port}`;
  if (failure.authenticationFailed || failure.serverResponseCode === 'AUTHENTICATIONFAILED') {
    return new MailboxError(
      'BUZON_CREDENCIALES_RECHAZADAS',
      `El servidor de correo ${server} rechazó el usuario «${options.user}» o su contraseña. ` +
        'Revise PQRSD_IMAP_URL.',
      { field: 'PQRSD_IMAP_URL', cause: error },
    );
  }
  if (failure.mailboxMissing) {
    return new MailboxError(
      'BUZON_CARPETA_INEXISTENTE',
      `La carpeta «${folder}» no existe en el buzón «${options.user}» de ${server}. Revise PQRSD_IMAP_URL.`,
      { field: 'PQRSD_IMAP_URL', cause: error },
    );
  }
  return new MailboxError(
    'BUZON_NO_DISPONIBLE',
    `No fue posible leer el buzón de PQRSD en ${server} (${reasonOf(failure)}). Se intentará de nuevo.`,
    { retryable: true, cause: error },
  );
}

function reasonOf(failure: ImapFailure): string {
  switch (failure.code) {
    case 'ECONNREFUSED':
      return 'el servidor rechazó la conexión';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'no se encontró el servidor';
    case 'ETIMEDOUT':
    case 'CONNECT_TIMEOUT':
    case 'GREETING_TIMEOUT':
      return 'el servidor no respondió a tiempo';
    case 'ECONNRESET':
    case 'EConnectionClosed':
    case 'NoConnection':
      return 'la conexión se cerró inesperadamente';
  }
  if (failure.code?.startsWith('ERR_TLS') || failure.code?.includes('CERT')) {
    return `falló la conexión segura (TLS): ${failure.code}`;
  }
  return failure.responseText || failure.message || 'error desconocido';
}

// ---------------------------------------------------------------------------------------------------------
// PQRSD_IMAP_URL

export interface ImapUrlSettings {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  mailbox: string;
  tls?: { rejectUnauthorized?: boolean };
}

const URL_EXAMPLE = 'imaps://usuario:contraseña@imap.ejemplo.gov.co:993/INBOX';

/**
 * Reads `imaps://user:password@host:993/INBOX` (TLS, port 993 by default) or `imap://…` (plain, 143);
 * user, password and folder are URL-decoded (write @ as %40). `?tls_reject_unauthorized=false` accepts a
 * self-signed certificate. Throws MailboxError BUZON_CONFIGURACION_INVALIDA naming PQRSD_IMAP_URL.
 */
export function parseImapUrl(url: string): ImapUrlSettings {
  const result = readImapUrl(url);
  if (typeof result === 'string') {
    throw new MailboxError('BUZON_CONFIGURACION_INVALIDA', `PQRSD_IMAP_URL ${result}.`, {
      field: 'PQRSD_IMAP_URL',
    });
  }
  return result;
}

/** The problem with the URL (a Spanish phrase without the variable name, for the config check), or null. */
export function imapUrlProblem(url: string): string | null {
  const result = readImapUrl(url);
  return typeof result === 'string' ? result : null;
}

function readImapUrl(value: string): ImapUrlSettings | string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return `no es una URL válida; debe tener la forma ${URL_EXAMPLE}`;
  }
  if (url.protocol !== 'imap:' && url.protocol !== 'imaps:') {
    return `debe empezar por imaps:// (o imap:// sin TLS), p. ej. ${URL_EXAMPLE}`;
  }
  const secure = url.protocol === 'imaps:';
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  if (!host) return `no indica el servidor; debe tener la forma ${URL_EXAMPLE}`;
  let user: string;
  let password: string;
  let mailbox: string;
  try {
    user = decodeURIComponent(url.username);
    password = decodeURIComponent(url.password);
    mailbox = decodeURIComponent(url.pathname.replace(/^\//, '')).trim();
  } catch {
    return 'tiene una secuencia %xx inválida en el usuario, la contraseña o la carpeta';
  }
  if (!user) return `no indica el usuario del buzón; debe tener la forma ${URL_EXAMPLE}`;
  if (!password) return `no indica la contraseña del buzón; debe tener la forma ${URL_EXAMPLE}`;
  const port = url.port ? Number(url.port) : secure ? 993 : 143;
  if (port < 1) return 'tiene un puerto inválido; use 993 para imaps:// o 143 para imap://';
  let tls: ImapUrlSettings['tls'];
  for (const [key, parameter] of url.searchParams) {
    if (key !== 'tls_reject_unauthorized' || !['true', 'false'].includes(parameter)) {
      return `tiene el parámetro «${key}=${parameter}» que no se reconoce; solo se admite tls_reject_unauthorized=false`;
    }
    tls = { rejectUnauthorized: parameter === 'true' };
  }
  return {
    host,
    port,
    secure,
    user,
    password,
    mailbox: mailbox || 'INBOX',
    ...(tls ? { tls } : {}),
  };
}
