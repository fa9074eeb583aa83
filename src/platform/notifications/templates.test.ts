import { describe, expect, it } from 'vitest';
import type { NotificationTemplate } from './index.ts';
import {
  escapeHtml,
  NOTIFICATION_TEMPLATES,
  renderEmail,
  renderSms,
  SMS_MAX_LENGTH,
  TemplateDataError,
  toSmsAlphabet,
} from './templates.ts';

const entityName = 'Alcaldía de Bucaramanga';
const link = 'https://sede.bucaramanga.gov.co/verificar-correo?token=abc_DEF-123';

const SAMPLE_DATA: Record<NotificationTemplate, Record<string, unknown>> = {
  verify_email: { fullName: 'María Fernanda Ortiz', link, entityName },
  reset_password: { fullName: 'María Fernanda Ortiz', link, entityName, expiresInHours: 1 },
  activate_account: { fullName: 'Jorge Peña', link, entityName, dependencia: 'Secretaría de Hacienda' },
  password_changed: { fullName: 'María Fernanda Ortiz', entityName },
  document_issued: {
    fullName: 'María Fernanda Ortiz',
    title: 'Constancia de registro',
    code: 'BGA-2026-000123',
    link: 'https://sede.bucaramanga.gov.co/documentos/1',
    entityName,
  },
  generic: {
    subject: 'Aviso de mantenimiento',
    text: 'La sede estará en mantenimiento el sábado.',
    entityName,
  },
};

describe('e-mail templates', () => {
  it.each(NOTIFICATION_TEMPLATES)(
    '%s renders a Spanish subject, text and HTML with the entity name',
    (template) => {
      const mail = renderEmail(template, SAMPLE_DATA[template]);
      expect(mail.subject.length).toBeGreaterThan(5);
      expect(mail.subject).not.toMatch(/[\r\n]/);
      expect(mail.html).toContain('<html lang="es">');
      expect(mail.html).toContain(escapeHtml(entityName));
      expect(mail.text).toContain(entityName);
      expect(mail.text).toContain('no lo responda');
      // No external images or resources.
      expect(mail.html).not.toMatch(/<img|src=|url\(/i);
    },
  );

  it('puts the link alone on its line in the text and as a button in the HTML', () => {
    const mail = renderEmail('verify_email', SAMPLE_DATA.verify_email);
    expect(mail.subject).toBe('Confirme su correo electrónico — Alcaldía de Bucaramanga');
    expect(mail.text).toContain(`\n${link}\n`);
    expect(mail.text).toMatch(/^Hola, María Fernanda Ortiz:/);
    expect(mail.html).toContain(`href="${link}"`);
  });

  it('says the expiry of a reset link in hours, singular and plural', () => {
    expect(renderEmail('reset_password', SAMPLE_DATA.reset_password).text).toContain('vence en 1 hora ');
    expect(
      renderEmail('reset_password', { ...SAMPLE_DATA.reset_password, expiresInHours: 24 }).text,
    ).toContain('vence en 24 horas');
  });

  it('names the dependencia in the activation e-mail', () => {
    expect(renderEmail('activate_account', SAMPLE_DATA.activate_account).text).toContain(
      'Secretaría de Hacienda',
    );
  });

  it('escapes HTML in every value that comes from data', () => {
    const mail = renderEmail('document_issued', {
      ...SAMPLE_DATA.document_issued,
      fullName: '<script>alert("x")</script>',
      title: 'Paz & salvo <b>',
      entityName: 'Alcaldía "Mayor" <de> Prueba',
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(mail.html).toContain('Paz &amp; salvo &lt;b&gt;');
    expect(mail.html).toContain('Alcaldía &quot;Mayor&quot; &lt;de&gt; Prueba');
    // The plain text keeps the characters as they are.
    expect(mail.text).toContain('Paz & salvo <b>');
  });

  it('keeps a subject to one line even when data carries line breaks', () => {
    const mail = renderEmail('generic', {
      ...SAMPLE_DATA.generic,
      subject: 'Aviso\r\nBcc: otro@correo.test',
    });
    expect(mail.subject).toBe('Aviso Bcc: otro@correo.test');
  });

  it('refuses missing or wrong data with a clear error naming the fields', () => {
    expect(() => renderEmail('verify_email', { fullName: 'Ana', entityName })).toThrow(TemplateDataError);
    expect(() => renderEmail('verify_email', { fullName: 'Ana', entityName })).toThrow(
      'Plantilla «verify_email»: el dato «link» falta o no es válido.',
    );
    expect(() => renderEmail('reset_password', { fullName: 'Ana', link, entityName: '  ' })).toThrow(
      /los datos «entityName», «expiresInHours» faltan o no son válidos/,
    );
    expect(() => renderEmail('generic', {})).toThrow(TemplateDataError);
  });

  it('accepts only web links', () => {
    expect(() =>
      renderEmail('verify_email', { ...SAMPLE_DATA.verify_email, link: 'javascript:alert(1)' }),
    ).toThrow(/«link»/);
  });

  it('ignores extra data fields', () => {
    expect(() =>
      renderEmail('verify_email', { ...SAMPLE_DATA.verify_email, expiresInHours: 48 }),
    ).not.toThrow();
  });

  it('refuses an unknown template', () => {
    expect(() => renderEmail('no_existe' as NotificationTemplate, {})).toThrow(/no existe/);
  });
});

describe('SMS texts', () => {
  it.each(NOTIFICATION_TEMPLATES)('%s fits in one SMS of the GSM alphabet', (template) => {
    const text = renderSms(template, SAMPLE_DATA[template]);
    expect(text.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
    expect(text).not.toMatch(/[áéíóúÁÉÍÓÚ«»—]/);
  });

  it('keeps the link whole and drops optional words when the text is long', () => {
    const longLink = `https://sede.bucaramanga.gov.co/restablecer-clave?token=${'x'.repeat(60)}`;
    const text = renderSms('reset_password', { ...SAMPLE_DATA.reset_password, link: longLink });
    expect(text).toContain(longLink);
    expect(text.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
  });

  it('fails at render time when even the shortest form cannot fit', () => {
    const hugeLink = `https://sede.bucaramanga.gov.co/?token=${'x'.repeat(200)}`;
    expect(() => renderSms('verify_email', { ...SAMPLE_DATA.verify_email, link: hugeLink })).toThrow(
      /160 caracteres/,
    );
  });

  it('shortens free text with an ellipsis', () => {
    const text = renderSms('generic', { ...SAMPLE_DATA.generic, text: 'Aviso importante. '.repeat(20) });
    expect(text.length).toBeLessThanOrEqual(SMS_MAX_LENGTH);
    expect(text.length).toBeGreaterThan(SMS_MAX_LENGTH - 5);
    expect(text.endsWith('...')).toBe(true);
  });

  it('folds accents outside the GSM alphabet but keeps ñ', () => {
    expect(toSmsAlphabet('Peña, Nariño: contraseña — «información» útil')).toBe(
      'Peña, Nariño: contraseña - "informacion" util',
    );
  });
});
