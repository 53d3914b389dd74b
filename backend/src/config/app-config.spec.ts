import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('uses the defaults for an empty environment', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBeNull();
    expect(c.seedSamples).toBe(true);
    expect(c.corsOrigins).toEqual([]);
  });

  it('names every bad variable at once', () => {
    expect(() =>
      loadConfig({ PORT: 'eighty', LOG_FORMAT: 'xml', DATABASE_URL: 'mysql://x' }),
    ).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', LOG_FORMAT: 'xml', DATABASE_URL: 'mysql://x' });
    } catch (e) {
      expect((e as Error).message).toMatch(/PORT must be a whole number, got "eighty"/);
      expect((e as Error).message).toMatch(/LOG_FORMAT must be one of json, pretty/);
      expect((e as Error).message).toMatch(/DATABASE_URL must be a postgres:\/\/ URL/);
    }
  });

  it('refuses a port above 65535', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT must be at most 65535/);
  });
});
