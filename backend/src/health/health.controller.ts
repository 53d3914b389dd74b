import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Public } from '../auth/auth.decorators';
import { DomainError } from '../common/domain-errors';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly db: DataSource) {}

  @Get()
  @Public()
  async check() {
    try {
      // Raw SQL kept here, no repository: the probe is that one round trip to the database, and it asks no table.
      const [{ version }] = await this.db.query(
        `SELECT current_setting('server_version') AS version`,
      );
      return { status: 'ok', database: { status: 'up', version } };
    } catch {
      // The generic 'unavailable' code: the catalogue words it, and probes read only the status.
      throw new DomainError('database unreachable', 503, undefined, 'unavailable');
    }
  }
}
