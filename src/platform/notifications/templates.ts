import { z } from 'zod';
import type { NotificationTemplate } from './index.ts';

/** Wrong or missing template data is a programming error; it surfaces when the message is queued. */
export class TemplateDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateDataError';
  }
}

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

export const SMS_MAX_LENGTH = 160;

const requiredText = z.string().trim().min(1);
/** Only web links: a `javascript:` or `data:` URL must never reach a mail client. */
const webLink = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  });

const DATA_SCHEMAS = {
  verify_email: z.object({ fullName: requiredText, link: webLink, entityName: requiredText }),
  reset_password: z.object({
    fullName: requiredText,
    link: webLink,
    entityName: requiredText,
    expiresInHours: z.coerce.number().positive(),
  }),
  activate_account: z.object({
    fullName: requiredText,
    link: webLink,
    entityName: requiredText,
    dependencia: requiredText,
  }),
  password_changed: z.object({ fullName: requiredText, entityName: requiredText }),
  document_issued: z.object({
    fullName: requiredText,
    title: requiredText,
    code: requiredText,
    link: webLink,
    entityName: requiredText,
  }),
  generic: z.object({ subject: requiredText, text: requiredText, entityName: requiredText }),
} satisfies Record<NotificationTemplate, z.ZodType>;

type TemplateData<T extends NotificationTemplate> = z.infer<(typeof DATA_SCHEMAS)[T]>;

export const NOTIFICATION_TEMPLATES = Object.keys(DATA_SCHEMAS) as NotificationTemplate[];

export function isNotificationTemplate(value: string): value is NotificationTemplate {
  return Object.hasOwn(DATA_SCHEMAS, value);
}

function assertTemplate(template: string): asserts template is NotificationTemplate {
  if (!isNotificationTemplate(template)) throw new TemplateDataError(`La plantilla «${template}» no existe.`);
}

/** Checks the data a template needs; extra fields are ignored. */
export function templateData<T extends NotificationTemplate>(
  template: T,
  data: Record<string, unknown>,
): TemplateData<T> {
  assertTemplate(template);
  const parsed = DATA_SCHEMAS[template].safeParse(data ?? {});
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? '?')))];
    throw new TemplateDataError(
      `Plantilla «${template}»: ${fields.length === 1 ? 'el dato' : 'los datos'} ${fields
        .map((field) => `«${field}»`)
        .join(', ')} ${fields.length === 1 ? 'falta o no es válido' : 'faltan o no son válidos'}.`,
    );
  }
  return parsed.data as TemplateData<T>;
}

/** One description of a message, from which both the plain text and the HTML are rendered. */
interface EmailLayout {
  subject: string;
  greeting?: string;
  paragraphs: string[];
  action?: { label: string; link: string };
  afterAction?: string[];
  entityName: string;
}

function hours(value: number): string {
  return value === 1 ? '1 hora' : `${value} horas`;
}

function layoutOf(template: NotificationTemplate, data: Record<string, unknown>): EmailLayout {
  switch (template) {
    case 'verify_email': {
      const d = templateData(template, data);
      return {
        subject: `Confirme su correo electrónico — ${d.entityName}`,
        greeting: `Hola, ${d.fullName}:`,
        paragraphs: [
          `Gracias por registrarse en la sede electrónica de ${d.entityName}.`,
          'Para activar su cuenta, confirme su correo electrónico con el siguiente enlace:',
        ],
        action: { label: 'Confirmar mi correo', link: d.link },
        afterAction: ['Si usted no creó esta cuenta, ignore este mensaje.'],
        entityName: d.entityName,
      };
    }
    case 'reset_password': {
      const d = templateData(template, data);
      return {
        subject: `Restablezca su contraseña — ${d.entityName}`,
        greeting: `Hola, ${d.fullName}:`,
        paragraphs: [
          `Recibimos una solicitud para restablecer la contraseña de su cuenta en la sede electrónica de ${d.entityName}.`,
          `Use el siguiente enlace para definir una nueva contraseña. El enlace vence en ${hours(d.expiresInHours)} y solo se puede usar una vez:`,
        ],
        action: { label: 'Definir una nueva contraseña', link: d.link },
        afterAction: [
          'Si usted no pidió este cambio, ignore este mensaje: su contraseña actual sigue vigente.',
        ],
        entityName: d.entityName,
      };
    }
    case 'activate_account': {
      const d = templateData(template, data);
      return {
        subject: `Active su cuenta de funcionario — ${d.entityName}`,
        greeting: `Hola, ${d.fullName}:`,
        paragraphs: [
          `${d.entityName} creó para usted una cuenta de funcionario en la sede electrónica, en la dependencia ${d.dependencia}.`,
          'Para activarla, defina su contraseña con el siguiente enlace (de un solo uso):',
        ],
        action: { label: 'Activar mi cuenta', link: d.link },
        afterAction: ['Si no esperaba este mensaje, comuníquese con la oficina de tecnología de la entidad.'],
        entityName: d.entityName,
      };
    }
    case 'password_changed': {
      const d = templateData(template, data);
      return {
        subject: `Su contraseña fue cambiada — ${d.entityName}`,
        greeting: `Hola, ${d.fullName}:`,
        paragraphs: [
          `La contraseña de su cuenta en la sede electrónica de ${d.entityName} se cambió correctamente y se cerraron las demás sesiones abiertas.`,
          'Si usted no hizo este cambio, restablezca su contraseña de inmediato y comuníquese con la entidad.',
        ],
        entityName: d.entityName,
      };
    }
    case 'document_issued': {
      const d = templateData(template, data);
      return {
        subject: `Documento expedido: ${d.title} — ${d.entityName}`,
        greeting: `Hola, ${d.fullName}:`,
        paragraphs: [
          `${d.entityName} expidió el documento «${d.title}» con el código de verificación ${d.code}.`,
          'Puede descargarlo con el siguiente enlace:',
        ],
        action: { label: 'Descargar el documento', link: d.link },
        afterAction: [
          `Cualquier persona puede comprobar su autenticidad en la sede electrónica con el código ${d.code}.`,
        ],
        entityName: d.entityName,
      };
    }
    case 'generic': {
      const d = templateData(template, data);
      return { subject: d.subject, paragraphs: d.text.split(/\n{2,}/), entityName: d.entityName };
    }
  }
}

function footerOf(entityName: string): string {
  return `Este es un mensaje automático de la sede electrónica de ${entityName}; por favor no lo responda.`;
}

export function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function renderText(layout: EmailLayout): string {
  const blocks: string[] = [];
  if (layout.greeting) blocks.push(layout.greeting);
  blocks.push(...layout.paragraphs);
  // The link alone on its line: every mail client makes it clickable and nothing sticks to it.
  if (layout.action) blocks.push(layout.action.link);
  blocks.push(...(layout.afterAction ?? []));
  blocks.push(`${layout.entityName}\n${footerOf(layout.entityName)}`);
  return `${blocks.join('\n\n')}\n`;
}

const paragraphStyle = 'margin:0 0 16px 0;font-size:16px;line-height:1.5;';

function renderHtml(layout: EmailLayout): string {
  const paragraph = (text: string) =>
    `<p style="${paragraphStyle}">${escapeHtml(text).replaceAll('\n', '<br>')}</p>`;
  const body: string[] = [];
  if (layout.greeting) body.push(paragraph(layout.greeting));
  body.push(...layout.paragraphs.map(paragraph));
  if (layout.action) {
    const href = escapeHtml(layout.action.link);
    body.push(
      `<p style="margin:24px 0;"><a href="${href}" style="display:inline-block;background:#004884;color:#ffffff;` +
        `text-decoration:none;padding:12px 20px;border-radius:4px;font-size:16px;font-weight:bold;">` +
        `${escapeHtml(layout.action.label)}</a></p>`,
      `<p style="margin:0 0 16px 0;font-size:13px;line-height:1.5;color:#52606d;">Si el botón no funciona, copie esta dirección en su navegador:<br>` +
        `<a href="${href}" style="color:#004884;word-break:break-all;">${href}</a></p>`,
    );
  }
  body.push(...(layout.afterAction ?? []).map(paragraph));
  const entity = escapeHtml(layout.entityName);
  return `<!doctype html>
<html lang="es">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(layout.subject)}</title></head>
<body style="margin:0;padding:0;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1f2933;">
<table role="presentation" width="100%" cellspacing="0" cellpadding="0" style="background:#f4f5f7;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="600" cellspacing="0" cellpadding="0" style="max-width:600px;width:100%;background:#ffffff;border-radius:6px;">
<tr><td style="background:#004884;color:#ffffff;padding:16px 24px;font-size:18px;font-weight:bold;border-radius:6px 6px 0 0;">${entity}</td></tr>
<tr><td style="padding:24px;">
${body.join('\n')}
</td></tr>
<tr><td style="padding:16px 24px;border-top:1px solid #e4e7eb;font-size:12px;line-height:1.5;color:#52606d;">${escapeHtml(footerOf(layout.entityName))}</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;
}

/** Subject, plain text and HTML of an e-mail; throws TemplateDataError when data is missing. */
export function renderEmail(template: NotificationTemplate, data: Record<string, unknown>): EmailContent {
  assertTemplate(template);
  const layout = layoutOf(template, data);
  // A subject is one header line: no line breaks may reach it.
  const subject = layout.subject.replace(/\s+/g, ' ').trim();
  return { subject, text: renderText(layout), html: renderHtml({ ...layout, subject }) };
}

/**
 * SMS in the GSM 7-bit alphabet keep 160 characters per message; á, í, ó, ú are outside it and would
 * cut the limit to 70. ñ, ¿ and ¡ are inside it, so only the other accents are folded.
 */
export function toSmsAlphabet(text: string): string {
  return (
    text
      .normalize('NFD')
      // Drops the combining accents except the tilde of ñ/Ñ (U+0303 after n/N).
      .replace(/([nN])\u0303|[\u0300-\u036f]/g, (_match, letter: string | undefined) =>
        letter ? `${letter}\u0303` : '',
      )
      .normalize('NFC')
      .replace(/[«»“”]/g, '"')
      .replace(/[‘’]/g, "'")
      .replace(/[—–]/g, '-')
      .replaceAll('…', '...')
      .replace(/\s+/g, ' ')
      .trim()
  );
}

/** Candidates from the most to the least complete; the first that fits in one SMS is used. */
function smsCandidates(template: NotificationTemplate, data: Record<string, unknown>): string[] {
  switch (template) {
    case 'verify_email': {
      const d = templateData(template, data);
      return [
        `${d.entityName}: confirme su correo electronico en ${d.link}`,
        `Confirme su correo: ${d.link}`,
      ];
    }
    case 'reset_password': {
      const d = templateData(template, data);
      return [
        `${d.entityName}: para restablecer su contraseña abra ${d.link} (vence en ${hours(d.expiresInHours)}). Si no lo pidio, ignore este mensaje.`,
        `${d.entityName}: restablezca su contraseña en ${d.link}`,
        `Restablezca su contraseña: ${d.link}`,
      ];
    }
    case 'activate_account': {
      const d = templateData(template, data);
      return [
        `${d.entityName}: active su cuenta de funcionario (${d.dependencia}) en ${d.link}`,
        `${d.entityName}: active su cuenta de funcionario en ${d.link}`,
        `Active su cuenta: ${d.link}`,
      ];
    }
    case 'password_changed': {
      const d = templateData(template, data);
      return [
        `${d.entityName}: su contraseña fue cambiada. Si no fue usted, restablezcala y comuniquese con la entidad.`,
        'Su contraseña fue cambiada. Si no fue usted, comuniquese con la entidad.',
      ];
    }
    case 'document_issued': {
      const d = templateData(template, data);
      return [
        `${d.entityName}: se expidio su documento "${d.title}" (codigo ${d.code}). Descarguelo en ${d.link}`,
        `${d.entityName}: documento ${d.code} expedido. Descarguelo en ${d.link}`,
        `Documento ${d.code}: ${d.link}`,
      ];
    }
    case 'generic': {
      const d = templateData(template, data);
      const full = toSmsAlphabet(`${d.entityName}: ${d.text}`);
      // Free text is shortened rather than refused: it has no link that a cut would break.
      return [full.length <= SMS_MAX_LENGTH ? full : `${full.slice(0, SMS_MAX_LENGTH - 3).trimEnd()}...`];
    }
  }
}

/** The text of an SMS (≤ 160 characters, GSM alphabet); throws TemplateDataError when it cannot fit. */
export function renderSms(template: NotificationTemplate, data: Record<string, unknown>): string {
  assertTemplate(template);
  const candidates = smsCandidates(template, data).map(toSmsAlphabet);
  const fitting = candidates.find((candidate) => candidate.length <= SMS_MAX_LENGTH);
  if (!fitting) {
    throw new TemplateDataError(
      `Plantilla «${template}»: el SMS no cabe en ${SMS_MAX_LENGTH} caracteres; use un enlace más corto.`,
    );
  }
  return fitting;
}
