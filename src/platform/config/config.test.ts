import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

describe('configuration', () => {
  it('defaults to the embedded database on port 3000 in demo mode', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.databaseKind).toBe('pglite');
    expect(config.DEMO).toBe(true);
    expect(config.PUBLIC_URL).toBe('http://localhost:3000');
    expect(config.DATA_DIR).toMatch(/data$/);
  });

  it('turns demo mode off by default on a PostgreSQL server', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db/alcaldia' });
    expect(config.databaseKind).toBe('postgres');
    expect(config.DEMO).toBe(false);
  });

  it('stops with a message that names the wrong variable', () => {
    expect(() => loadConfig({ PORT: 'tres mil' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: '70000', DATABASE_URL: 'mysql://x' });
    } catch (error) {
      const problems = (error as ConfigError).problems.map((p) => p.variable).sort();
      expect(problems).toEqual(['DATABASE_URL', 'PORT']);
      expect((error as Error).message).toContain('DATABASE_URL: debe empezar por postgres://');
    }
  });

  it('requires the bucket and keys when files go to S3', () => {
    expect(() => loadConfig({ STORAGE_DRIVER: 's3' })).toThrow(/S3_BUCKET: es obligatoria/);
  });

  it('marks cookies Secure behind HTTPS', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://sede.example.gov.co/' }).cookieSecure).toBe(true);
    expect(loadConfig({ PUBLIC_URL: 'https://sede.example.gov.co/' }).PUBLIC_URL).toBe(
      'https://sede.example.gov.co',
    );
  });
});
