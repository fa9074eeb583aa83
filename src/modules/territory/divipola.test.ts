import { describe, expect, it } from 'vitest';
import { divipolaMunicipios, municipioNamedIn, titleCase } from './divipola.ts';

describe('DIVIPOLA', () => {
  it('holds every municipality with a readable name', () => {
    const all = divipolaMunicipios();
    expect(all.size).toBe(1122);
    expect(all.get('68001')).toEqual({ code: '68001', name: 'Bucaramanga', departamento: 'Santander' });
    expect(all.get('54001')?.name).toBe('San José de Cúcuta');
    expect(titleCase('BOGOTÁ. D.C.')).toBe('Bogotá. D.C.');
  });

  it('finds the municipality written after an address, preferring the city’s department', () => {
    expect(municipioNamedIn('MEDELLIN', 'Santander')?.code).toBe('05001');
    expect(municipioNamedIn('AP 502 LEBRIJA SANTANDER', 'Santander')?.code).toBe('68406');
    expect(municipioNamedIn('BUCARAMANGA SANTANDER COLOMBIA', 'Santander')?.code).toBe('68001');
    // Rionegro is in Antioquia and in Santander: the department written, else the city's own.
    expect(municipioNamedIn('RIONEGRO', 'Santander')?.code).toBe('68615');
    expect(municipioNamedIn('RIONEGRO ANTIOQUIA', 'Santander')?.code).toBe('05615');
    expect(municipioNamedIn('BOGOTA', 'Santander')?.code).toBe('11001');
    expect(municipioNamedIn('TO 2 AP 301', 'Santander')).toBeNull();
    expect(municipioNamedIn(null, 'Santander')).toBeNull();
  });
});
