import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectCadastralForm, readCadastralRoll } from './cadastral-roll.reader.ts';

const testdata = (name: string) =>
  new Uint8Array(readFileSync(new URL(`./testdata/${name}`, import.meta.url)));

describe('detectCadastralForm and readCadastralRoll', () => {
  it('tells each form from its content', () => {
    expect(detectCadastralForm(testdata('r1-sintetico-bucaramanga.txt'))).toBe('r1r2');
    expect(detectCadastralForm(testdata('r2-sintetico-bucaramanga.txt'))).toBe('r1r2');
    expect(detectCadastralForm(testdata('bucaramanga_r1_amb_2021_socrata_raw_cl36_17_37.json.txt'))).toBe(
      'amb-open-data',
    );
    expect(detectCadastralForm(testdata('ejemplo-roll.csv'))).toBe('csv');
    expect(detectCadastralForm('departamento;municipio;numero_del_predio\n68;1;010601100023000')).toBe(
      'amb-open-data',
    );
    expect(detectCadastralForm('hola\nmundo')).toBeNull();
    expect(detectCadastralForm('')).toBeNull();
  });

  it('reads each form through its reader', () => {
    expect(readCadastralRoll(testdata('r1-sintetico-bucaramanga.txt')).records).toHaveLength(3);
    expect(readCadastralRoll(testdata('ejemplo-roll.csv')).records).toHaveLength(3);
    const amb = readCadastralRoll(testdata('bucaramanga_r1_amb_2021_k15b_6_15.json.txt'), {
      r2: testdata('bucaramanga_r2_amb_2021_k15b_6_15.json.txt'),
    });
    expect(amb.formato).toBe('amb-open-data');
    expect(amb.records[0]!.construcciones).toHaveLength(2);
  });

  it('says so in Spanish when it cannot tell the form', () => {
    expect(readCadastralRoll('hola')).toEqual({
      formato: null,
      records: [],
      problems: [expect.objectContaining({ line: 0, code: 'FORM_UNKNOWN', severity: 'error' })],
    });
  });
});
