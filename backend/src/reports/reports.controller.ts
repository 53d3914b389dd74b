import { Controller, Get, Header, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ClientAddress, CurrentUser, Roles, SessionUser } from '../auth/auth.decorators';
import { reportCsv, reportXlsx } from './report-export';
import { DrillQueryDto, ReportQueryDto } from './reports.dto';
import { ReportsService } from './reports.service';
import { FindingsService } from './findings.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('reports')
@Controller('reports')
@Roles('admin', 'researcher')
export class ReportsController {
  constructor(
    private readonly reports: ReportsService,
    private readonly findings: FindingsService,
  ) {}

  /** Models against students: every figure with its interval, coverage, agreement and change. */
  @Get()
  @ApiOkResponse({
    description:
      'entries (run × model), cohorts (isSynthetic), figures (per entry and slice: modelRate, cohortRate, diff, ci [2.5%, 97.5%], ' +
      'verdict above|below|tie, percentile, coverage points scored/pending/notScored/notApplicable, agreement n/exact/adjacent/qwk/flagged, ' +
      'change since the previous run), heatMap (per question: cohortRate and each entry’s rate or state), method (replicates, seed, level, minQwk)',
  })
  report(@Query() q: ReportQueryDto) {
    return this.reports.report(q, q.seed);
  }

  /** The answers and marks behind one figure. */
  @Get('drill')
  @ApiOkResponse({
    description:
      'one row per answer and scored unit: paper, number, maxPoints, sample, state, score, excerpt, marks',
  })
  drill(@Query() q: DrillQueryDto) {
    return this.reports.drill(q, q.entry, q.dimension, q.value);
  }

  @Get('export.csv')
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="yuejuan-report.csv"')
  async csv(
    @Query() q: ReportQueryDto,
    @CurrentUser() me: SessionUser,
    @ClientAddress() address: string,
  ) {
    const report = await this.reports.report(q, q.seed);
    await this.reports.recordExport('csv', q, report, { id: me.id, name: me.username, address });
    // A byte-order mark so spreadsheet programs read the Chinese text as UTF-8.
    return '\uFEFF' + reportCsv(report);
  }

  @Get('export.xlsx')
  @ApiProduces(XLSX)
  async xlsx(
    @Query() q: ReportQueryDto,
    @CurrentUser() me: SessionUser,
    @ClientAddress() address: string,
  ) {
    const report = await this.reports.report(q, q.seed);
    await this.reports.recordExport('xlsx', q, report, { id: me.id, name: me.username, address });
    // The export carries the headline findings of the chosen round (default: the latest), as the page shows them.
    const file = await reportXlsx(
      report,
      await this.reports.marks(report),
      await this.findings.findings(q, q.seed),
    );
    return new StreamableFile(file, {
      type: XLSX,
      disposition: 'attachment; filename="yuejuan-report.xlsx"',
    });
  }
}
