import type { DataSource } from 'typeorm';
import { DomainError } from '../common/domain-errors';
import { HealthController } from './health.controller';

/** The probe: up with the server's version, or 503 'unavailable' when the database does not answer. */
describe('HealthController', () => {
  it('answers ok with the database version', async () => {
    const db = { query: async () => [{ version: '16.4' }] } as unknown as DataSource;
    expect(await new HealthController(db).check()).toEqual({
      status: 'ok',
      database: { status: 'up', version: '16.4' },
    });
  });

  it('answers 503 unavailable when the database is unreachable', async () => {
    const db = {
      query: async () => Promise.reject(new Error('ECONNREFUSED')),
    } as unknown as DataSource;
    const e = await new HealthController(db).check().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DomainError);
    expect(e).toMatchObject({ status: 503, code: 'unavailable', message: 'database unreachable' });
  });
});
