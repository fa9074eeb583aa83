import { describe, expect, it } from 'vitest';
import { tileImageSources } from './app.ts';

describe('the base map in the content security policy', () => {
  it('allows only the configured tile server, with its subdomains', () => {
    expect(tileImageSources(undefined)).toEqual([]);
    expect(tileImageSources('https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png')).toEqual([
      'https://*.tile.openstreetmap.org',
    ]);
    expect(tileImageSources('https://mapas.bucaramanga.gov.co/teselas/{z}/{x}/{y}.png')).toEqual([
      'https://mapas.bucaramanga.gov.co',
    ]);
  });
});
