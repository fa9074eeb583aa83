import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newTrackingKey, normalizeTrackingSecret, trackingHash } from './pqrsd.views.ts';
import { fillTemplate, loadPqrsdMunicipalRules } from './pqrsd-config.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const tenantFile = JSON.parse(fs.readFileSync(path.join(ROOT, 'config/tenants/68001.json'), 'utf8'));
const codes: string[] = tenantFile.dependencias.map((office: { code: string }) => office.code);
const rulesJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'config/rules/68001/pqrsd.json'), 'utf8'));

describe("the municipality's PQRSD rules", () => {
  it("loads Bucaramanga's file: every category goes to one of its dependencias", () => {
    const rules = loadPqrsdMunicipalRules(rulesJson, codes);
    expect(rules.categories.length).toBeGreaterThan(5);
    expect(rules.answerTemplates.some((template) => template.deniesInformation)).toBe(true);
  });

  it('refuses a category routed to a dependencia the municipality does not have, naming where', () => {
    const broken = structuredClone(rulesJson);
    broken.categories[2].dependencia = 'secretaria_inexistente';
    expect(() => loadPqrsdMunicipalRules(broken, codes)).toThrow(/categories\[2\]\.dependencia/);
  });

  it('refuses repeated category codes and malformed fields', () => {
    const repeated = structuredClone(rulesJson);
    repeated.categories.push({ ...repeated.categories[0] });
    expect(() => loadPqrsdMunicipalRules(repeated, codes)).toThrow(/repetidos/);
    expect(() => loadPqrsdMunicipalRules({ ...rulesJson, warnBusinessDays: -1 }, codes)).toThrow(
      /warnBusinessDays/,
    );
  });

  it('fills the placeholders it knows and leaves the others visible', () => {
    expect(
      fillTemplate('Señor(a) {{peticionario}}, radicado {{radicado}} {{otro}}', {
        peticionario: 'Ana',
        radicado: 'R-1',
      }),
    ).toBe('Señor(a) Ana, radicado R-1 {{otro}}');
  });
});

describe('tracking secrets', () => {
  it('matches a document number however it is typed', () => {
    const tenant = '00000000-0000-4000-8000-000000000001';
    expect(trackingHash(tenant, '2026-PQRSD-000001', '1.098.765.432')).toBe(
      trackingHash(tenant, '2026-pqrsd-000001', '1098765432'),
    );
    expect(trackingHash(tenant, '2026-PQRSD-000001', '1098765432')).not.toBe(
      trackingHash(tenant, '2026-PQRSD-000002', '1098765432'),
    );
  });

  it('makes keys without look-alike letters that survive normalisation', () => {
    fc.assert(
      fc.property(fc.constant(null), () => {
        const key = newTrackingKey();
        expect(key).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/);
        expect(normalizeTrackingSecret(key.toLowerCase())).toBe(key.replace('-', ''));
      }),
      { numRuns: 200 },
    );
  });
});
