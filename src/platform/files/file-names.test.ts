import { describe, expect, it } from 'vitest';
import { attachmentDisposition, sanitizeFileName, withExtensionFor } from './file-names.ts';

describe('sanitizeFileName', () => {
  it('keeps only the last path segment', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('C:\\Users\\ana\\Documentos\\cédula.pdf')).toBe('cédula.pdf');
  });

  it('removes control characters, bidi overrides and leading dots', () => {
    expect(sanitizeFileName('informe\u0000\u0007.pdf')).toBe('informe.pdf');
    expect(sanitizeFileName('factura\u202Efdp.exe')).toBe('facturafdp.exe');
    expect(sanitizeFileName('...oculto.txt')).toBe('oculto.txt');
    expect(sanitizeFileName('  acta   de\tentrega.pdf  ')).toBe('acta de entrega.pdf');
  });

  it('gives a name to what has none', () => {
    expect(sanitizeFileName('')).toBe('archivo');
    expect(sanitizeFileName('///')).toBe('archivo');
    expect(sanitizeFileName('\u0001\u0002')).toBe('archivo');
  });

  it('shortens to 200 characters keeping the extension', () => {
    const name = sanitizeFileName(`${'á'.repeat(300)}.pdf`);
    expect([...name]).toHaveLength(200);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});

describe('withExtensionFor', () => {
  it('makes the extension agree with the content', () => {
    expect(withExtensionFor('foto.pdf', 'image/png')).toBe('foto.png');
    expect(withExtensionFor('foto', 'image/png')).toBe('foto.png');
    expect(withExtensionFor('foto.JPEG', 'image/jpeg')).toBe('foto.JPEG');
    expect(withExtensionFor('datos.csv', 'text/csv')).toBe('datos.csv');
    expect(withExtensionFor('imagen.bin', 'image/webp', 'webp')).toBe('imagen.webp');
  });
});

describe('attachmentDisposition', () => {
  it('offers an ASCII fallback and the exact UTF-8 name', () => {
    expect(attachmentDisposition('Cédula "Ana".pdf')).toBe(
      `attachment; filename="Cedula _Ana_.pdf"; filename*=UTF-8''C%C3%A9dula%20%22Ana%22.pdf`,
    );
    expect(attachmentDisposition("acta (1)'s.pdf")).toContain("filename*=UTF-8''acta%20%281%29%27s.pdf");
  });
});
