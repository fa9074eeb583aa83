import { type AddressObject, type Attachment, type EmailAddress, simpleParser } from 'mailparser';
import { sanitizeFileName } from '../../../platform/files/index.ts';
import { EmailIntakeError } from './intake.errors.ts';

/** One attachment of an incoming message, decoded. */
export interface IncomingAttachment {
  /** The sender's name for it, cleaned of paths and control characters; `adjunto-N.ext` when it had none. */
  fileName: string;
  /** The declared media type, lower case (`application/pdf`); the files service checks the bytes. */
  contentType: string;
  size: number;
  content: Buffer;
  /** Shown inside the body (Content-Disposition: inline or part of multipart/related) rather than attached. */
  inline: boolean;
}

export interface IncomingAddress {
  /** Lower case. */
  address: string;
  name: string | null;
}

/** A message received in the PQRSD mailbox, ready to become a request. */
export interface IncomingEmail {
  messageId: string | null;
  from: IncomingAddress;
  replyTo: IncomingAddress | null;
  /** Lower-case addresses of the To header. */
  to: string[];
  /** Trimmed; `(sin asunto)` when empty. */
  subject: string;
  /** The Date header; null when absent or unreadable. */
  sentAt: Date | null;
  /** Plain text (from the HTML part when there is no text part), trimmed, at most MAX_EMAIL_TEXT_LENGTH characters plus a note. */
  text: string;
  /** The text was cut to MAX_EMAIL_TEXT_LENGTH characters. */
  textTruncated: boolean;
  attachments: IncomingAttachment[];
  inReplyTo: string | null;
  references: string[];
  /**
   * An auto-reply, a bounce or bulk mail: the caller must not create a request from it nor answer it
   * (mail loops). Such a message is never refused for its attachments.
   */
  automatic: boolean;
  /** Why `automatic` is true, for the logs (e.g. `Auto-Submitted: auto-replied`); null otherwise. */
  automaticReason: string | null;
}

export interface EmailLimits {
  maxAttachments?: number;
  maxAttachmentBytes?: number;
  maxTotalBytes?: number;
}

const MIB = 1024 * 1024;

/** Defaults close to what common mail servers accept (25 MB per message). */
export const DEFAULT_EMAIL_LIMITS: Required<EmailLimits> = {
  maxAttachments: 20,
  maxAttachmentBytes: 10 * MIB,
  maxTotalBytes: 25 * MIB,
};

export const MAX_EMAIL_TEXT_LENGTH = 20_000;

/** Images referenced from the HTML by cid: and at most this big are signature logos, not evidence. */
export const SIGNATURE_IMAGE_MAX_BYTES = 100 * 1024;

export const NO_SUBJECT = '(sin asunto)';

/**
 * Reads one RFC 5322 message (an IMAP source or an uploaded .eml) into what a PQRSD needs.
 * Throws EmailIntakeError: 422 CORREO_INVALIDO for anything that is not an e-mail with a sender, 413
 * ADJUNTO_DEMASIADO_GRANDE / DEMASIADOS_ADJUNTOS / CORREO_DEMASIADO_GRANDE past the limits.
 */
export async function parseIncomingEmail(source: Buffer, limits: EmailLimits = {}): Promise<IncomingEmail> {
  const limit = { ...DEFAULT_EMAIL_LIMITS, ...definedOnly(limits) };
  checkRawSource(source, limit);

  let mail: Awaited<ReturnType<typeof simpleParser>>;
  try {
    mail = await simpleParser(source, { keepCidLinks: true, skipTextToHtml: true, skipTextLinks: true });
  } catch (error) {
    throw new EmailIntakeError(
      'CORREO_INVALIDO',
      'No fue posible leer el correo: su estructura está dañada o no es un mensaje de correo electrónico.',
      { reason: (error as Error).message },
    );
  }

  const from = firstAddress(mail.from);
  if (!from) {
    throw new EmailIntakeError(
      'CORREO_INVALIDO',
      'El correo no indica una dirección de remitente válida (encabezado From); sin ella no es posible ' +
        'radicarlo ni responder al ciudadano.',
    );
  }

  const automaticReason = detectAutomatic(mail.headers, from.address);
  const html = typeof mail.html === 'string' ? mail.html : '';
  const attachments = keptAttachments(mail.attachments, html);
  if (!automaticReason) checkAttachmentLimits(attachments, limit);

  const { text, truncated } = cleanText(mail.text ?? '');
  return {
    messageId: cleanId(mail.messageId),
    from,
    replyTo: firstAddress(mail.replyTo),
    to: allAddresses(mail.to).map((entry) => entry.address),
    subject: cleanSubject(mail.subject),
    sentAt: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null,
    text,
    textTruncated: truncated,
    attachments,
    inReplyTo: cleanId(mail.inReplyTo),
    references: referencesOf(mail.references),
    automatic: automaticReason !== null,
    automaticReason,
  };
}

function definedOnly(limits: EmailLimits): EmailLimits {
  return Object.fromEntries(Object.entries(limits).filter(([, value]) => value !== undefined));
}

// ---------------------------------------------------------------------------------------------------------
// Is it an e-mail at all?

const HEADER_LINE = /^[!-9;-~]+[ \t]*:/;
const MBOX_SEPARATOR = /^From /;

function checkRawSource(source: Buffer, limit: Required<EmailLimits>): void {
  if (source.length === 0 || source.toString('latin1').trim() === '') {
    throw new EmailIntakeError('CORREO_INVALIDO', 'El archivo está vacío: no contiene ningún correo.');
  }
  // Base64 grows content by 4/3 plus line breaks; the body and inline parts need some room too.
  const maxSourceBytes = Math.ceil(limit.maxTotalBytes * 1.4) + 5 * MIB;
  if (source.length > maxSourceBytes) {
    throw new EmailIntakeError(
      'CORREO_DEMASIADO_GRANDE',
      `El correo pesa ${megabytes(source.length)}; con adjuntos de hasta ${megabytes(limit.maxTotalBytes)} ` +
        'en total no puede superar ' +
        `${megabytes(maxSourceBytes)}.`,
      { sizeBytes: source.length, maxBytes: maxSourceBytes },
    );
  }
  const headerEnd = headerSectionEnd(source);
  const header = source.subarray(0, headerEnd);
  const firstLine =
    header
      .toString('latin1')
      .replace(/^\uFEFF|^\xEF\xBB\xBF/, '')
      .split(/\r?\n/, 1)[0] ?? '';
  if (header.includes(0) || !(HEADER_LINE.test(firstLine) || MBOX_SEPARATOR.test(firstLine))) {
    throw new EmailIntakeError(
      'CORREO_INVALIDO',
      'El archivo no es un correo electrónico: no empieza con encabezados de correo (From, To, Subject…). ' +
        'Adjunte el mensaje en formato .eml.',
    );
  }
}

function headerSectionEnd(source: Buffer): number {
  const limit = Math.min(source.length, 256 * 1024);
  const crlf = source.indexOf('\r\n\r\n');
  const lf = source.indexOf('\n\n');
  const ends = [crlf, lf].filter((index) => index >= 0 && index < limit);
  return ends.length ? Math.min(...ends) : limit;
}

// ---------------------------------------------------------------------------------------------------------
// Addresses and headers

const VALID_ADDRESS = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;

function flatten(entries: EmailAddress[]): EmailAddress[] {
  return entries.flatMap((entry) => (entry.group ? flatten(entry.group) : [entry]));
}

function allAddresses(header: AddressObject | AddressObject[] | undefined): IncomingAddress[] {
  if (!header) return [];
  const objects = Array.isArray(header) ? header : [header];
  const result: IncomingAddress[] = [];
  for (const entry of flatten(objects.flatMap((object) => object.value ?? []))) {
    const address = (entry.address ?? '').trim().toLowerCase();
    if (!VALID_ADDRESS.test(address)) continue;
    const name = (entry.name ?? '').replace(/\s+/g, ' ').trim();
    result.push({ address, name: name && name.toLowerCase() !== address ? name : null });
  }
  return result;
}

function firstAddress(header: AddressObject | AddressObject[] | undefined): IncomingAddress | null {
  return allAddresses(header)[0] ?? null;
}

function cleanSubject(subject: string | undefined): string {
  const cleaned = (subject ?? '').replace(/\s+/g, ' ').trim();
  return cleaned || NO_SUBJECT;
}

function cleanId(value: string | undefined): string | null {
  const cleaned = (value ?? '').trim();
  return cleaned || null;
}

function referencesOf(value: string | string[] | undefined): string[] {
  if (!value) return [];
  return (Array.isArray(value) ? value : [value])
    .flatMap((entry) => entry.split(/\s+/))
    .map((entry) => entry.trim())
    .filter(Boolean);
}

type Headers = Map<string, unknown>;

function headerText(headers: Headers, name: string): string | null {
  const value = headers.get(name);
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value)) return value.map(String).join(', ').trim();
  if (typeof value === 'object' && 'value' in value) {
    const inner = (value as { value: unknown }).value;
    if (typeof inner === 'string') return inner.trim();
  }
  return String(value).trim();
}

const AUTOMATIC_PRECEDENCE = new Set(['bulk', 'auto_reply', 'junk']);
const AUTORESPONDER_HEADERS = ['x-autoreply', 'x-autorespond', 'x-autoresponder'];
const DAEMON_LOCAL_PARTS = new Set(['mailer-daemon', 'postmaster']);

/** RFC 3834 and the de-facto headers of autoresponders and bounces; null when a person wrote it. */
export function detectAutomatic(headers: Headers, fromAddress: string): string | null {
  const autoSubmitted = headerText(headers, 'auto-submitted');
  if (autoSubmitted && autoSubmitted.split(';')[0]?.trim().toLowerCase() !== 'no') {
    return `Auto-Submitted: ${autoSubmitted}`;
  }
  for (const name of AUTORESPONDER_HEADERS) {
    const value = headerText(headers, name);
    if (value !== null && value.toLowerCase() !== 'no') return `${name}: ${value}`;
  }
  const precedence = headerText(headers, 'precedence')?.toLowerCase();
  if (precedence && AUTOMATIC_PRECEDENCE.has(precedence)) return `Precedence: ${precedence}`;
  const contentType = headerText(headers, 'content-type')?.toLowerCase();
  if (contentType === 'multipart/report') return 'Content-Type: multipart/report';
  if (headers.has('x-failed-recipients')) return 'X-Failed-Recipients';
  const localPart = fromAddress.split('@')[0] ?? '';
  if (DAEMON_LOCAL_PARTS.has(localPart)) return `remitente ${fromAddress}`;
  const returnPath = headers.get('return-path') as AddressObject | undefined;
  if (returnPath && typeof returnPath === 'object' && Array.isArray(returnPath.value)) {
    if (returnPath.value.every((entry) => !entry.address)) return 'Return-Path: <>';
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Body text

function cleanText(raw: string): { text: string; truncated: boolean } {
  const text = raw
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{4,}/g, '\n\n\n')
    .trim();
  if (text.length <= MAX_EMAIL_TEXT_LENGTH) return { text, truncated: false };
  const kept = text.slice(0, MAX_EMAIL_TEXT_LENGTH).trimEnd();
  const note =
    `[Texto recortado: el correo tiene ${thousands(text.length)} caracteres y aquí se muestran los ` +
    `primeros ${thousands(MAX_EMAIL_TEXT_LENGTH)}.]`;
  return { text: `${kept}\n\n${note}`, truncated: true };
}

// ---------------------------------------------------------------------------------------------------------
// Attachments

const EXTENSION_BY_TYPE: Record<string, string> = {
  'application/pdf': 'pdf',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.ms-powerpoint': 'ppt',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'application/rtf': 'rtf',
  'application/zip': 'zip',
  'application/x-zip-compressed': 'zip',
  'application/json': 'json',
  'application/xml': 'xml',
  'image/jpeg': 'jpg',
  'image/jpg': 'jpg',
  'image/pjpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/heic': 'heic',
  'image/tiff': 'tif',
  'image/bmp': 'bmp',
  'audio/mpeg': 'mp3',
  'audio/ogg': 'ogg',
  'audio/wav': 'wav',
  'video/mp4': 'mp4',
  'text/plain': 'txt',
  'text/csv': 'csv',
  'text/html': 'html',
  'text/calendar': 'ics',
  'message/rfc822': 'eml',
};

/** `pdf` for application/pdf; `bin` when the type is unknown. */
export function extensionForType(contentType: string): string {
  return EXTENSION_BY_TYPE[contentType.toLowerCase()] ?? 'bin';
}

function isSignatureImage(attachment: Attachment, html: string): boolean {
  if (!attachment.contentType.toLowerCase().startsWith('image/')) return false;
  if (attachment.size > SIGNATURE_IMAGE_MAX_BYTES) return false;
  const cid = (attachment.cid ?? attachment.contentId ?? '').replace(/^<|>$/g, '').trim();
  if (!cid || !html) return false;
  return html.toLowerCase().includes(`cid:${cid.toLowerCase()}`);
}

function keptAttachments(attachments: Attachment[], html: string): IncomingAttachment[] {
  const kept: IncomingAttachment[] = [];
  for (const attachment of attachments) {
    if (isSignatureImage(attachment, html)) continue;
    const contentType = (attachment.contentType || 'application/octet-stream').toLowerCase();
    const content = Buffer.isBuffer(attachment.content) ? attachment.content : Buffer.alloc(0);
    const fallback = `adjunto-${kept.length + 1}.${extensionForType(contentType)}`;
    const fileName = attachment.filename ? sanitizeFileName(attachment.filename, fallback) : fallback;
    kept.push({
      fileName,
      contentType,
      size: content.length,
      content,
      inline: attachment.contentDisposition === 'inline' || attachment.related === true,
    });
  }
  return kept;
}

function checkAttachmentLimits(attachments: IncomingAttachment[], limit: Required<EmailLimits>): void {
  if (attachments.length > limit.maxAttachments) {
    throw new EmailIntakeError(
      'DEMASIADOS_ADJUNTOS',
      `El correo trae ${attachments.length} adjuntos y se admiten como máximo ${limit.maxAttachments}. ` +
        'Pida al ciudadano que los agrupe en menos archivos (por ejemplo, un PDF).',
      { count: attachments.length, max: limit.maxAttachments },
    );
  }
  for (const attachment of attachments) {
    if (attachment.size > limit.maxAttachmentBytes) {
      throw new EmailIntakeError(
        'ADJUNTO_DEMASIADO_GRANDE',
        `El adjunto «${attachment.fileName}» pesa ${megabytes(attachment.size)} y el máximo por archivo ` +
          `es ${megabytes(limit.maxAttachmentBytes)}.`,
        { fileName: attachment.fileName, sizeBytes: attachment.size, maxBytes: limit.maxAttachmentBytes },
      );
    }
  }
  const total = attachments.reduce((sum, attachment) => sum + attachment.size, 0);
  if (total > limit.maxTotalBytes) {
    const largest = attachments.reduce((a, b) => (b.size > a.size ? b : a));
    throw new EmailIntakeError(
      'ADJUNTO_DEMASIADO_GRANDE',
      `Los adjuntos del correo suman ${megabytes(total)} y el máximo por correo es ` +
        `${megabytes(limit.maxTotalBytes)}; el más grande es «${largest.fileName}» (${megabytes(largest.size)}).`,
      { fileName: largest.fileName, sizeBytes: total, maxBytes: limit.maxTotalBytes },
    );
  }
}

// ---------------------------------------------------------------------------------------------------------
// Numbers for people

const decimal = new Intl.NumberFormat('es-CO', { maximumFractionDigits: 1 });
const integer = new Intl.NumberFormat('es-CO', { maximumFractionDigits: 0 });

/** `12,4 MB`; small sizes in KB so a 3 KB file is not «0 MB». */
function megabytes(bytes: number): string {
  if (bytes < MIB) return `${decimal.format(Math.max(bytes / 1024, 0.1))} KB`;
  return `${decimal.format(bytes / MIB)} MB`;
}

function thousands(value: number): string {
  return integer.format(value);
}
