import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { Config } from '../config/config.ts';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string | null;
}

/** Where e-mail goes: an SMTP server, or (with no SMTP_URL) .eml files the demo can open. */
export interface MailTransport {
  readonly kind: 'smtp' | 'file';
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

export interface SmtpTransportOptions {
  /** smtp://user:pass@host:587 or smtps://…:465; nodemailer options may go in the query (?ignoreTLS=true). */
  url: string;
  from: string;
  /** Short timeouts: a hung server must not hold a delivery claim for minutes. */
  connectionTimeoutMs?: number;
  socketTimeoutMs?: number;
}

export function createSmtpTransport(options: SmtpTransportOptions): MailTransport {
  const transporter = nodemailer.createTransport({
    url: options.url,
    connectionTimeout: options.connectionTimeoutMs ?? 10_000,
    greetingTimeout: options.connectionTimeoutMs ?? 10_000,
    socketTimeout: options.socketTimeoutMs ?? 30_000,
  });
  return {
    kind: 'smtp',
    async send(mail) {
      const info = await transporter.sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
      });
      return { messageId: info.messageId };
    },
    close: () => transporter.close(),
  };
}

export interface FileTransportOptions {
  directory: string;
  from: string;
  logger: Pick<Logger, 'info'>;
}

/** Writes each message as an .eml file (open it with any mail program) and logs one line about it. */
export function createFileTransport(options: FileTransportOptions): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'file',
    async send(mail) {
      const info = await transporter.sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html ? { html: mail.html } : {}),
      });
      await fs.mkdir(options.directory, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const file = path.join(options.directory, `${stamp}-${randomBytes(4).toString('hex')}.eml`);
      await fs.writeFile(file, info.message as Buffer, { mode: 0o600 });
      options.logger.info(
        { to: mail.to, file },
        `Correo para ${mail.to}: ${mail.subject} (guardado en ${file})`,
      );
      return { messageId: info.messageId };
    },
    close: () => transporter.close(),
  };
}

/** SMTP when SMTP_URL is set; otherwise files under <DATA_DIR>/mail/. */
export function createMailTransport(options: {
  config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM' | 'DATA_DIR'>;
  logger: Pick<Logger, 'info'>;
}): MailTransport {
  const { config, logger } = options;
  if (config.SMTP_URL) return createSmtpTransport({ url: config.SMTP_URL, from: config.MAIL_FROM });
  return createFileTransport({
    directory: path.join(config.DATA_DIR, 'mail'),
    from: config.MAIL_FROM,
    logger,
  });
}
