import { readFileSync } from 'node:fs';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/http/errors.ts';
import {
  extensionForType,
  type IncomingEmail,
  MAX_EMAIL_TEXT_LENGTH,
  parseIncomingEmail,
  SIGNATURE_IMAGE_MAX_BYTES,
} from './parse-email.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

/** Builds a real RFC 5322 message with nodemailer's composer (no network). */
async function compose(message: Mail.Options): Promise<Buffer> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
  const info = await transport.sendMail({
    from: 'Ciudadana <ciudadana@example.com>',
    to: 'pqrsd@bucaramanga.gov.co',
    subject: 'Solicitud',
    text: 'Texto de la solicitud.',
    ...message,
  });
  return info.message as Buffer;
}

/** The error a parse throws, so every test can assert its status, code, field and words. */
async function refusal(source: Buffer, limits?: Parameters<typeof parseIncomingEmail>[1]): Promise<AppError> {
  const error = await parseIncomingEmail(source, limits).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** A PNG header followed by `size - 8` filler bytes: enough for a test of sizes. */
function fakeImage(size: number): Buffer {
  const bytes = Buffer.alloc(size, 0x42);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  return bytes;
}

describe('parseIncomingEmail: what a citizen sends', () => {
  it('reads a multipart/mixed message with a PDF, an unnamed photo and a signature logo', async () => {
    const email = await parseIncomingEmail(fixture('multipart-pdf.eml'));

    expect(email.messageId).toBe('<CAF1234.peticion@mail.example.com>');
    expect(email.from).toEqual({ address: 'maria.gomez@example.com', name: 'María Gómez' });
    expect(email.replyTo).toEqual({ address: 'maria.respuestas@example.com', name: 'María Gómez' });
    expect(email.to).toEqual(['pqrsd@bucaramanga.gov.co', 'archivo@bucaramanga.gov.co']);
    expect(email.subject).toBe('Derecho de petición sobre alumbrado');
    expect(email.sentAt?.toISOString()).toBe('2026-03-10T14:15:00.000Z');
    expect(email.text).toContain('Solicito la reparación del alumbrado público de la Calle 45');
    expect(email.text).toMatch(/^Buenos días:/);
    expect(email.text).toMatch(/C\.C\. 63\.123\.456$/);
    expect(email.textTruncated).toBe(false);
    expect(email.inReplyTo).toBe('<prev@bucaramanga.gov.co>');
    expect(email.references).toEqual(['<first@bucaramanga.gov.co>', '<prev@bucaramanga.gov.co>']);
    expect(email.automatic).toBe(false);
    expect(email.automaticReason).toBeNull();

    // The 1×1 logo referenced by cid: from the HTML signature is not an attachment.
    expect(email.attachments.map((a) => [a.fileName, a.contentType, a.inline])).toEqual([
      ['Petición alumbrado.pdf', 'application/pdf', false],
      ['adjunto-2.jpg', 'image/jpeg', false],
    ]);
    const [pdf, photo] = email.attachments;
    expect(pdf?.content.subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    expect(pdf?.size).toBe(pdf?.content.length);
    expect(photo?.content.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff]));
    expect(photo?.size).toBe(322);
  });

  it('turns an HTML-only message into plain text without tags, styles or scripts', async () => {
    const email = await parseIncomingEmail(fixture('html-only.eml'));

    expect(email.from).toEqual({ address: 'carlos.ruiz@example.org', name: null });
    expect(email.subject).toBe('Queja por ruido');
    expect(email.text).toContain('música a alto volumen');
    expect(email.text).toContain('Carrera 33 # 48-20');
    expect(email.text).toContain('Sábado');
    expect(email.text).not.toMatch(/[<>]|alert\(1\)|color: red/);
    expect(email.attachments).toEqual([]);
  });

  it('decodes an ISO-8859-1 quoted-printable subject, sender and body', async () => {
    const email = await parseIncomingEmail(fixture('latin1-subject.eml'));

    expect(email.subject).toBe('Petición: reparación de vía');
    expect(email.from).toEqual({ address: 'jose.pena@correo.example.co', name: 'José Peña' });
    expect(email.text).toBe(
      'Señores Alcaldía:\n\nLa vía del barrio San Martín tiene un hueco de 2 m. Solicito su reparación.\n\nJosé Peña',
    );
  });

  it('gives an empty subject the placeholder and collapses whitespace in others', async () => {
    const empty = await parseIncomingEmail(await compose({ subject: '   ' }));
    expect(empty.subject).toBe('(sin asunto)');
    const spaced = await parseIncomingEmail(await compose({ subject: '  Queja \t por   basuras ' }));
    expect(spaced.subject).toBe('Queja por basuras');
  });

  it('has null for the headers a message does not carry', async () => {
    const raw = Buffer.from('From: vecino@example.com\r\nSubject: Hola\r\n\r\nCuerpo\r\n');
    const email = await parseIncomingEmail(raw);
    expect(email).toMatchObject({
      messageId: null,
      replyTo: null,
      to: [],
      sentAt: null,
      inReplyTo: null,
      references: [],
      text: 'Cuerpo',
    });
  });

  it('cuts a very long body and says so in Spanish', async () => {
    const body = 'a'.repeat(MAX_EMAIL_TEXT_LENGTH + 5_000);
    const email = await parseIncomingEmail(await compose({ text: body }));

    expect(email.textTruncated).toBe(true);
    expect(email.text.startsWith('a'.repeat(MAX_EMAIL_TEXT_LENGTH))).toBe(true);
    expect(email.text).toContain('[Texto recortado: el correo tiene 25.000 caracteres');
    expect(email.text.length).toBeLessThan(MAX_EMAIL_TEXT_LENGTH + 200);
  });

  it('keeps a large photo pasted in the body but drops a small signature logo', async () => {
    const photo = fakeImage(SIGNATURE_IMAGE_MAX_BYTES + 1);
    const email = await parseIncomingEmail(
      await compose({
        html: '<p>Vea el hueco:</p><img src="cid:foto-hueco"><p>--<br><img src="cid:logo-empresa"></p>',
        attachments: [
          { filename: 'hueco.png', content: photo, cid: 'foto-hueco', contentType: 'image/png' },
          { filename: 'logo.png', content: fakeImage(2_000), cid: 'logo-empresa', contentType: 'image/png' },
          { filename: 'sin-referencia.png', content: fakeImage(500), contentType: 'image/png' },
        ],
      }),
    );

    expect(email.attachments.map((a) => [a.fileName, a.inline, a.size])).toEqual([
      ['hueco.png', true, photo.length],
      ['sin-referencia.png', false, 500],
    ]);
  });

  it('cleans attachment names of paths and control characters', async () => {
    const email = await parseIncomingEmail(
      await compose({
        attachments: [{ filename: '../../etc/pass\u202Ewd.txt', content: 'x', contentType: 'text/plain' }],
      }),
    );
    expect(email.attachments.map((a) => a.fileName)).toEqual(['passwd.txt']);
  });

  it('names unnamed attachments adjunto-N with the extension of their type', () => {
    expect(extensionForType('application/pdf')).toBe('pdf');
    expect(extensionForType('IMAGE/JPEG')).toBe('jpg');
    expect(extensionForType('application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toBe(
      'docx',
    );
    expect(extensionForType('application/x-desconocido')).toBe('bin');
  });
});

describe('parseIncomingEmail: automatic messages (mail loops)', () => {
  const automaticOf = async (headers: Record<string, string>, from = 'Ana <ana@example.net>') => {
    const email = await parseIncomingEmail(await compose({ from, headers }));
    return { automatic: email.automatic, reason: email.automaticReason };
  };

  it('flags an out-of-office reply (fixture) and a delivery-status bounce (fixture)', async () => {
    const reply = await parseIncomingEmail(fixture('auto-reply.eml'));
    expect(reply.automatic).toBe(true);
    expect(reply.automaticReason).toBe('Auto-Submitted: auto-replied');
    expect(reply.subject).toBe('Respuesta automática: Radicado 2026-PQRSD-000123');

    const bounce = await parseIncomingEmail(fixture('bounce-dsn.eml'));
    expect(bounce.automatic).toBe(true);
    expect(bounce.automaticReason).toBe('Content-Type: multipart/report');
    expect(bounce.from.address).toBe('mailer-daemon@mx.example.com');
  });

  it('recognises each header autoresponders use', async () => {
    expect(await automaticOf({ 'Auto-Submitted': 'auto-generated' })).toEqual({
      automatic: true,
      reason: 'Auto-Submitted: auto-generated',
    });
    expect((await automaticOf({ 'X-Autoreply': 'yes' })).automatic).toBe(true);
    expect((await automaticOf({ 'X-Autorespond': 'Vacaciones' })).automatic).toBe(true);
    expect(await automaticOf({ Precedence: 'bulk' })).toEqual({
      automatic: true,
      reason: 'Precedence: bulk',
    });
    expect((await automaticOf({ Precedence: 'auto_reply' })).automatic).toBe(true);
    expect((await automaticOf({ 'X-Failed-Recipients': 'nadie@example.com' })).automatic).toBe(true);
    expect((await automaticOf({ 'Return-Path': '<>' })).reason).toBe('Return-Path: <>');
    expect((await automaticOf({}, 'MAILER-DAEMON@mx.example.org')).reason).toBe(
      'remitente mailer-daemon@mx.example.org',
    );
    expect((await automaticOf({}, 'Postmaster <postmaster@example.org>')).automatic).toBe(true);
  });

  it('does not flag what a person writes', async () => {
    expect(await automaticOf({ 'Auto-Submitted': 'no' })).toEqual({ automatic: false, reason: null });
    expect((await automaticOf({ Precedence: 'list' })).automatic).toBe(false);
    expect((await automaticOf({ 'Return-Path': '<ana@example.net>' })).automatic).toBe(false);
    // Outlook asks others not to auto-reply; the message itself is a person's.
    expect((await automaticOf({ 'X-Auto-Response-Suppress': 'All' })).automatic).toBe(false);
  });

  it('never refuses an automatic message for its attachments: the caller skips it anyway', async () => {
    const attachments = [
      { filename: 'informe.pdf', content: Buffer.alloc(4_000, 65), contentType: 'application/pdf' },
    ];
    const automatic = await compose({ headers: { 'Auto-Submitted': 'auto-replied' }, attachments });
    const email: IncomingEmail = await parseIncomingEmail(automatic, { maxAttachmentBytes: 1_000 });
    expect(email.automatic).toBe(true);
    expect(email.attachments).toHaveLength(1);

    const personal = await compose({ attachments });
    expect((await refusal(personal, { maxAttachmentBytes: 1_000 })).code).toBe('ADJUNTO_DEMASIADO_GRANDE');
  });
});

describe('parseIncomingEmail: what is refused', () => {
  it('refuses a message without From (422 CORREO_INVALIDO on field archivo)', async () => {
    const error = await refusal(fixture('no-from.eml'));
    expect(error).toMatchObject({ status: 422, code: 'CORREO_INVALIDO', field: 'archivo' });
    expect(error.detail).toContain('remitente');
  });

  it('refuses a From without an address', async () => {
    const error = await refusal(Buffer.from('From: Juan Pérez\r\nSubject: x\r\n\r\nhola\r\n'));
    expect(error).toMatchObject({ status: 422, code: 'CORREO_INVALIDO' });
  });

  it('refuses an empty file, blank text, plain prose and binary garbage', async () => {
    const empty = await refusal(Buffer.alloc(0));
    expect(empty).toMatchObject({ status: 422, code: 'CORREO_INVALIDO', field: 'archivo' });
    expect(empty.detail).toContain('vacío');
    expect((await refusal(Buffer.from('  \r\n\r\n  '))).code).toBe('CORREO_INVALIDO');

    const prose = await refusal(Buffer.from('Hola, quiero poner una queja por el ruido.\n'));
    expect(prose.code).toBe('CORREO_INVALIDO');
    expect(prose.detail).toContain('no es un correo electrónico');

    // Deterministic "random" bytes: a PNG-like binary file.
    const garbage = Buffer.alloc(4096);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) % 256;
    expect((await refusal(garbage)).code).toBe('CORREO_INVALIDO');
    const withNul = Buffer.from('From: a@example.com\r\nX: \u0000\u0001\r\n\r\nx');
    expect((await refusal(withNul)).code).toBe('CORREO_INVALIDO');
  });

  it('refuses an attachment over the per-file limit, naming it (413)', async () => {
    const source = fixture('oversized-attachment.eml');
    const error = await refusal(source, { maxAttachmentBytes: 1024 });
    expect(error).toMatchObject({ status: 413, code: 'ADJUNTO_DEMASIADO_GRANDE', field: 'archivo' });
    expect(error.detail).toBe('El adjunto «planos-predio.dwg» pesa 3 KB y el máximo por archivo es 1 KB.');

    // Under the default limits the same message is fine.
    const email = await parseIncomingEmail(source);
    expect(email.attachments.map((a) => [a.fileName, a.size])).toEqual([['planos-predio.dwg', 3072]]);
  });

  it('refuses attachments that together pass the total, naming the largest (413)', async () => {
    const error = await refusal(fixture('multipart-pdf.eml'), { maxTotalBytes: 500 });
    expect(error).toMatchObject({ status: 413, code: 'ADJUNTO_DEMASIADO_GRANDE', field: 'archivo' });
    expect(error.detail).toContain('«adjunto-2.jpg»');
    expect(error.detail).toContain('suman');
  });

  it('refuses more attachments than allowed (413 DEMASIADOS_ADJUNTOS)', async () => {
    const error = await refusal(fixture('multipart-pdf.eml'), { maxAttachments: 1 });
    expect(error).toMatchObject({ status: 413, code: 'DEMASIADOS_ADJUNTOS', field: 'archivo' });
    expect(error.detail).toContain('2 adjuntos');
  });

  it('refuses a raw message far larger than the limits before parsing it (413)', async () => {
    const huge = Buffer.concat([
      Buffer.from('From: a@example.com\r\nSubject: grande\r\n\r\n'),
      Buffer.alloc(6 * 1024 * 1024, 0x61),
    ]);
    const error = await refusal(huge, { maxTotalBytes: 1024 });
    expect(error).toMatchObject({ status: 413, code: 'CORREO_DEMASIADO_GRANDE', field: 'archivo' });
  });
});
