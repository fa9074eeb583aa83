import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  normalizeDocumentNumber,
  normalizeText,
  parseAreaM2,
  parseParticipacion,
  parsePesos,
  parseVigencia,
  parseVigenciaDdmmaaaa,
  parseZoneCode,
  readPredioCodes,
} from './cadastral-fields.rules.ts';
import { hasAtMostTwoDecimals } from './cadastral-record.ts';

describe('normalisation of names, addresses and documents', () => {
  it('trims, collapses spaces and upper-cases, keeping accents', () => {
    expect(normalizeText('  muñoz   peña\tmaría ')).toBe('MUÑOZ PEÑA MARÍA');
    expect(normalizeText('   ')).toBeNull();
  });

  it('drops separators and zero padding only from numeric documents', () => {
    expect(normalizeDocumentNumber('000063501234')).toBe('63501234');
    expect(normalizeDocumentNumber('1.098.765.432')).toBe('1098765432');
    expect(normalizeDocumentNumber('900123456-1')).toBe('900123456-1');
    expect(normalizeDocumentNumber(' ab 0123 ')).toBe('AB 0123');
    expect(normalizeDocumentNumber('000000000000')).toBeNull();
  });
});

describe('exact amounts and areas', () => {
  it('reads pesos as integers up to 15 digits and refuses anything else', () => {
    expect(parsePesos('000000185000000', 'el avalúo')).toEqual({ ok: true, value: 185_000_000 });
    expect(parsePesos('999999999999999', 'el avalúo')).toEqual({ ok: true, value: 999_999_999_999_999 });
    expect(parsePesos('1000000000000000', 'el avalúo')).toEqual({
      ok: false,
      detail: 'el avalúo pasa de 15 dígitos',
    });
    for (const bad of ['185.000.000', '185000000.00', '-5', '', '1e9']) {
      expect(parsePesos(bad, 'el avalúo').ok, bad).toBe(false);
    }
  });

  it('reads areas from their digits, rounding half-up beyond two decimals', () => {
    expect(parseAreaM2('000000000000055', 'a')).toEqual({ ok: true, value: { value: 55, rounded: false } });
    expect(parseAreaM2('12500,75', 'a')).toEqual({ ok: true, value: { value: 12500.75, rounded: false } });
    expect(parseAreaM2('0.125', 'a')).toEqual({ ok: true, value: { value: 0.13, rounded: true } });
    expect(parseAreaM2('', 'a')).toEqual({ ok: true, value: { value: null, rounded: false } });
    expect(parseAreaM2('55 m2', 'a').ok).toBe(false);
  });

  it('property: every decimal with up to 2 places reads as that exact number', () => {
    fc.assert(
      fc.property(fc.nat(999_999_999), fc.nat(99), (units, cents) => {
        const textual = `${units}.${String(cents).padStart(2, '0')}`;
        const read = parseAreaM2(textual, 'a');
        return read.ok && read.value.value === Number(textual) && hasAtMostTwoDecimals(read.value.value!);
      }),
    );
  });
});

describe('dates and shares', () => {
  it('reads R1 vigencia DDMMAAAA and refuses impossible dates', () => {
    expect(parseVigenciaDdmmaaaa('01012024')).toEqual({
      ok: true,
      value: { vigencia: 2024, fecha: '2024-01-01' },
    });
    expect(parseVigenciaDdmmaaaa('29022024').ok).toBe(true);
    expect(parseVigenciaDdmmaaaa('29022023').ok).toBe(false);
    expect(parseVigenciaDdmmaaaa('20240101').ok).toBe(false);
    expect(parseVigencia('2025')).toEqual({ ok: true, value: { vigencia: 2025, fecha: null } });
    expect(parseVigencia('2025-13-01').ok).toBe(false);
  });

  it('reads shares as fractions in lowest terms', () => {
    expect(parseParticipacion('50')).toEqual({ ok: true, value: { numerador: 1, denominador: 2 } });
    expect(parseParticipacion('33,3333 %')).toEqual({
      ok: true,
      value: { numerador: 333333, denominador: 1000000 },
    });
    expect(parseParticipacion('2/6')).toEqual({ ok: true, value: { numerador: 1, denominador: 3 } });
    expect(parseParticipacion('0.5')).toEqual({ ok: true, value: { numerador: 1, denominador: 200 } });
    expect(parseParticipacion('')).toEqual({ ok: true, value: null });
    for (const bad of ['101', '3/2', '1/0', 'mitad']) expect(parseParticipacion(bad).ok, bad).toBe(false);
  });

  it('writes zone codes with at least two digits', () => {
    expect(parseZoneCode('002', 'z')).toEqual({ ok: true, value: '02' });
    expect(parseZoneCode('20', 'z')).toEqual({ ok: true, value: '20' });
    expect(parseZoneCode('000', 'z')).toEqual({ ok: true, value: '00' });
    expect(parseZoneCode('A1', 'z').ok).toBe(false);
  });
});

describe('readPredioCodes: the number in whatever length a source gives it', () => {
  it('tells the NPN, the old code and their tails apart', () => {
    expect(readPredioCodes('68', '1', '010601100023000')).toEqual({
      ok: true,
      value: {
        municipio: '68001',
        nacional: null,
        anterior: '68001010601100023000',
        carriesNacional: false,
        padded: false,
      },
    });
    expect(readPredioCodes('68', '001', '0101030101030001901020001', '010101030015901')).toEqual({
      ok: true,
      value: {
        municipio: '68001',
        nacional: '680010101030101030001901020001',
        anterior: '68001010101030015901',
        carriesNacional: true,
        padded: false,
      },
    });
    expect(readPredioCodes('68', '001', '68001010601100023000').ok).toBe(true);
  });

  it('refuses a code of another municipality, two old codes that disagree, and odd lengths', () => {
    expect(readPredioCodes('68', '001', '68276010601100023000')).toEqual({
      ok: false,
      detail:
        'el número predial 68276010601100023000 no empieza por el departamento y municipio 68001 de la línea',
    });
    expect(readPredioCodes('68', '001', '010601100023000', '010601100024000').ok).toBe(false);
    expect(readPredioCodes('68', '001', '12345').ok).toBe(false);
    expect(readPredioCodes('6', 'X', '010601100023000').ok).toBe(false);
  });
});
