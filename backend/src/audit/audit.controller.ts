import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
import { AuditQueryDto } from './audit.dto';
import { AuditService } from './audit.service';

@ApiTags('admin')
@Controller('admin/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin')
  list(@Query() query: AuditQueryDto) {
    return this.audit.list(query);
  }
}
