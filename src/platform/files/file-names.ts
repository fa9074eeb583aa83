/** Helpers for the names people give their files: shown back to them, never used as a path. */

const MAX_NAME_LENGTH = 200;

// C0/C1 control characters and the bidirectional overrides that can disguise «cod.exe» as «exe.pdf».
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to remove them.
const UNWANTED_CHARACTERS = /[\u0000-\u001F\u007F-\u009F\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/** Strips any path, control characters and leading dots; keeps the extension when it must shorten. */
export function sanitizeFileName(name: string, fallback = 'archivo'): string {
  const withoutPath = name.normalize('NFC').split(/[/\\]/).pop() ?? '';
  const cleaned = withoutPath
    .replace(/\s+/g, ' ')
    .replace(UNWANTED_CHARACTERS, '')
    .trim()
    .replace(/^\.+/, '')
    .trim();
  if (!cleaned) return fallback;
  const characters = [...cleaned];
  if (characters.length <= MAX_NAME_LENGTH) return cleaned;
  const extension = extensionOf(cleaned);
  const keep = extension && extension.length < 20 ? extension : '';
  return (
    characters
      .slice(0, MAX_NAME_LENGTH - keep.length)
      .join('')
      .trimEnd() + keep
  );
}

/** `.pdf` for `informe.PDF`; empty when the name has no extension. */
export function extensionOf(name: string): string {
  const match = /\.[A-Za-z0-9]{1,10}$/.exec(name);
  return match ? match[0] : '';
}

const EXTENSIONS: Record<string, readonly string[]> = {
  'application/pdf': ['.pdf'],
  'image/png': ['.png'],
  'image/jpeg': ['.jpg', '.jpeg'],
  'text/csv': ['.csv'],
  'text/plain': ['.txt'],
};

/**
 * Makes the name's extension agree with the type found in the content, so a PNG uploaded as «foto.pdf» is
 * downloaded as «foto.png» and opened by the right program.
 */
export function withExtensionFor(name: string, mediaType: string, detectedExtension?: string): string {
  const accepted = EXTENSIONS[mediaType] ?? (detectedExtension ? [`.${detectedExtension}`] : []);
  const preferred = accepted[0];
  if (!preferred) return name;
  const current = extensionOf(name);
  if (accepted.includes(current.toLowerCase())) return name;
  const base = current ? name.slice(0, -current.length) : name;
  return sanitizeFileName(`${base || 'archivo'}${preferred}`);
}

/** `Content-Disposition: attachment` with an ASCII fallback and the exact UTF-8 name (RFC 6266 / 8187). */
export function attachmentDisposition(name: string): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7E]/g, '_')
    .replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
