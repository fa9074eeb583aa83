import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseUnixSeconds, signatureMatches, signCallback, signRequest } from './gateway-signatures.ts';

// Vectors computed with openssl, independently of this code (README.md shows the commands).
describe('signatures of the gateway protocol', () => {
  it('signs a callback as HMAC-SHA256 over "timestamp.rawBody"', () => {
    expect(signCallback({ secret: 'secreto', timestamp: 1772463600, rawBody: '{"eventId":"evt_1"}' })).toBe(
      'v1=bf2589c467c44b3c016912f3c36eca20f15e15e05d7ced77f4b242f58ed1390d',
    );
  });

  it('signs the same bytes given as a string or a buffer', () => {
    const body = '{"monto":1265000,"descripción":"Predial año 2026"}';
    expect(signCallback({ secret: 's', timestamp: 1, rawBody: Buffer.from(body, 'utf8') })).toBe(
      signCallback({ secret: 's', timestamp: 1, rawBody: body }),
    );
  });

  it('signs a request over timestamp, method, path and the body hash', () => {
    expect(
      signRequest({
        secret: 'secreto',
        timestamp: 1772463600,
        method: 'get',
        pathAndQuery: '/api/v1/banks',
        body: '',
      }),
    ).toBe('v1=a726eb7b27ccc05dcde5dc9b9f8d86abe0496c9caa1064b2522529b3d4fa02af');
  });

  it('matches one signature among several (secret rotation) and nothing else', () => {
    const good = signCallback({ secret: 'nuevo', timestamp: 5, rawBody: 'x' });
    const old = signCallback({ secret: 'viejo', timestamp: 5, rawBody: 'x' });
    expect(signatureMatches(`${old}, ${good}`, good)).toBe(true);
    expect(signatureMatches(old, good)).toBe(false);
    expect(signatureMatches('', good)).toBe(false);
    expect(signatureMatches(good.slice(0, -1), good)).toBe(false);
    expect(signatureMatches(good.toUpperCase(), good)).toBe(false);
  });

  it('any change of secret, timestamp or body changes the signature', () => {
    fc.assert(
      // HMAC pads short keys with zero bytes, so the extra text never ends in NUL.
      fc.property(
        fc.string(),
        fc.nat(),
        fc.string(),
        fc.stringMatching(/^[a-zñ]{1,5}$/),
        (secret, timestamp, body, extra) => {
          const base = signCallback({ secret, timestamp, rawBody: body });
          expect(signCallback({ secret: secret + extra, timestamp, rawBody: body })).not.toBe(base);
          expect(signCallback({ secret, timestamp: timestamp + 1, rawBody: body })).not.toBe(base);
          expect(signCallback({ secret, timestamp, rawBody: body + extra })).not.toBe(base);
        },
      ),
    );
  });

  it.each([
    ['1772463600', 1772463600],
    ['0', 0],
    ['', null],
    ['-5', null],
    ['1.5', null],
    ['1e9', null],
    [' 17', null],
    ['1234567890123', null],
  ])('reads the timestamp %j as %s', (text, expected) => {
    expect(parseUnixSeconds(text)).toBe(expected);
  });
});
