import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMailTransport } from './mail-transport.ts';
import { startTestSmtpServer, type TestSmtpServer } from './smtp-test-server.ts';

const MAIL_FROM = 'Alcaldía de Bucaramanga <no-responder@bucaramanga.gov.co>';

describe('mail transport', () => {
  let smtp: TestSmtpServer | undefined;
  afterEach(async () => {
    await smtp?.close();
    smtp = undefined;
  });

  it('without SMTP_URL writes each message as an .eml file under DATA_DIR/mail and logs one line', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'alcaldia-mail-'));
    const lines: { object: Record<string, unknown>; message: string }[] = [];
    const logger = {
      info: (object: Record<string, unknown>, message: string) => lines.push({ object, message }),
    };
    const transport = createMailTransport({
      config: { SMTP_URL: undefined, MAIL_FROM, DATA_DIR: dataDir },
      logger: logger as never,
    });
    expect(transport.kind).toBe('file');
    await transport.send({
      to: 'ana@correo.test',
      subject: 'Confirme su correo electrónico',
      text: 'Abra https://sede.test/verificar?token=abc',
      html: '<p>Abra</p>',
    });
    const files = fs.readdirSync(path.join(dataDir, 'mail'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/\.eml$/);
    const eml = fs.readFileSync(path.join(dataDir, 'mail', files[0]!), 'utf8');
    expect(eml).toContain('To: ana@correo.test');
    expect(eml).toContain('sede.test/verificar');
    expect(eml).toContain('Content-Type: text/html');
    const file = path.join(dataDir, 'mail', files[0]!);
    expect(lines).toEqual([
      {
        object: { to: 'ana@correo.test', file },
        message: `Correo para ana@correo.test: Confirme su correo electrónico (guardado en ${file})`,
      },
    ]);
  });

  it('with SMTP_URL delivers to the SMTP server', async () => {
    smtp = await startTestSmtpServer();
    const transport = createMailTransport({
      config: { SMTP_URL: smtp.url, MAIL_FROM, DATA_DIR: os.tmpdir() },
      logger: { info: () => {} } as never,
    });
    expect(transport.kind).toBe('smtp');
    await transport.send({
      to: 'ana@correo.test',
      subject: 'Señal de prueba — ñandú',
      text: 'Cuerpo con tildes: áéíóú',
    });
    transport.close();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]).toMatchObject({
      from: 'no-responder@bucaramanga.gov.co',
      to: ['ana@correo.test'],
      subject: 'Señal de prueba — ñandú',
    });
    expect(smtp.received[0]?.text).toContain('Cuerpo con tildes: áéíóú');
  });
});
