import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ClientAddress, CurrentUser, Roles, SessionUser } from '../auth/auth.decorators';
import { findingsCsv } from './report-export';
import { FindingsService } from './findings.service';
import { ReportQueryDto } from './reports.dto';
import { RoundCreateDto, RoundUpdateDto } from './rounds.dto';
import { RoundsService } from './rounds.service';

/** Evaluation rounds and their headline findings: researchers and admins, who read the report. */
@ApiTags('reports')
@Controller('reports')
@Roles('admin', 'researcher')
export class RoundsController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly findingsService: FindingsService,
  ) {}

  @Get('rounds')
  @ApiOkResponse({
    description: 'rounds, newest first: id, name, heldOn, notes, runs (id, name, models), papers',
  })
  list() {
    return this.rounds.list();
  }

  @Post('rounds')
  create(
    @Body() body: RoundCreateDto,
    @CurrentUser() me: SessionUser,
    @ClientAddress() address: string,
  ) {
    return this.rounds.create(body, { id: me.id, name: me.username, address });
  }

  @Get('rounds/:id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.rounds.get(id);
  }

  @Patch('rounds/:id')
  update(
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RoundUpdateDto,
    @CurrentUser() me: SessionUser,
    @ClientAddress() address: string,
  ) {
    return this.rounds.update(id, body, { id: me.id, name: me.username, address });
  }

  @Delete('rounds/:id')
  @HttpCode(204)
  async remove(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentUser() me: SessionUser,
    @ClientAddress() address: string,
  ) {
    await this.rounds.remove(id, { id: me.id, name: me.username, address });
  }

  /** The headline findings of a round (default: the latest) as codes and parameters, each with what it rests on and its drill-down. */
  @Get('findings')
  @ApiOkResponse({
    description:
      'round, previous (the latest round held before), findings [{code, params, restsOn {scoredPoints, pendingPoints, synthetic, …}, drill {roundId, entry, dimension, value}}], cohorts, method',
  })
  findings(@Query() q: ReportQueryDto) {
    return this.findingsService.findings(q, q.seed);
  }

  @Get('findings.csv')
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="yuejuan-findings.csv"')
  async findingsCsv(
    @Query() q: ReportQueryDto,
    @CurrentUser() me: SessionUser,
    @ClientAddress() address: string,
  ) {
    const f = await this.findingsService.findings(q, q.seed);
    await this.findingsService.recordExport({ id: me.id, name: me.username, address }, f);
    // A byte-order mark so spreadsheet programs read the Chinese text as UTF-8.
    return '\uFEFF' + findingsCsv(f);
  }
}
