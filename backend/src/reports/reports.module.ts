import { Module } from '@nestjs/common';
import { JudgeQualityModule } from '../judge-quality/judge-quality.module';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';
import { FindingsService } from './findings.service';
import { RoundsController } from './rounds.controller';
import { RoundsService } from './rounds.service';

@Module({
  imports: [JudgeQualityModule],
  controllers: [ReportsController, RoundsController],
  providers: [ReportsService, RoundsService, FindingsService],
})
export class ReportsModule {}
