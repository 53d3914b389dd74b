import { Module } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JudgeQualityModule } from '../judge-quality/judge-quality.module';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';
import { FindingsService } from './findings.service';
import { RoundsController } from './rounds.controller';
import { RoundsService } from './rounds.service';
import { ReportRepository } from './report.repository';
import { ReportScoringRepository } from './report-scoring.repository';
import { RoundsRepository } from './rounds.repository';

@Module({
  imports: [JudgeQualityModule],
  controllers: [ReportsController, RoundsController],
  providers: [
    ReportsService,
    RoundsService,
    FindingsService,
    ReportRepository,
    ReportScoringRepository,
    // It also runs inside a transaction's EntityManager (rounds.service.ts), so it is built, not injected by type.
    {
      provide: RoundsRepository,
      useFactory: (db: DataSource) => new RoundsRepository(db),
      inject: [DataSource],
    },
  ],
})
export class ReportsModule {}
