import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ClientAddress, CurrentUser, Roles, SessionUser } from '../auth/auth.decorators';
import { ModelCreateDto, ModelJudgeDto } from './models.dto';
import { ModelsService } from './models.service';

@ApiTags('models')
@Controller('models')
@Roles('admin', 'researcher')
export class ModelsController {
  constructor(private readonly models: ModelsService) {}

  @Get()
  list() {
    return this.models.list();
  }

  @Get(':id')
  async get(@Param('id', ParseUUIDPipe) id: string) {
    return this.models.map(await this.models.get(id));
  }

  @Post()
  create(
    @Body() body: ModelCreateDto,
    @CurrentUser() me: SessionUser,
    @ClientAddress() address: string,
  ) {
    return this.models.create(body, { id: me.id, name: me.username, address });
  }

  @Put(':id/judge')
  setJudge(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: ModelJudgeDto,
    @CurrentUser() me: SessionUser,
    @ClientAddress() address: string,
  ) {
    return this.models.setJudge(id, body, { id: me.id, name: me.username, address });
  }
}
