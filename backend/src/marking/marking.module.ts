import { Module } from '@nestjs/common';
import { MarkingController } from './marking.controller';
import { MarkingQualityController } from './marking-quality.controller';
import { MarkingRubricService } from './marking-rubric.service';
import { MarkingMonitorService } from './marking-monitor.service';
import { MarkingReviewService } from './marking-review.service';
import { MarkingService } from './marking.service';
import { MarkingViewService } from './marking-view.service';
import { PapersModule } from '../papers/papers.module';

@Module({
  imports: [PapersModule],
  controllers: [MarkingController, MarkingQualityController],
  providers: [MarkingService, MarkingViewService, MarkingReviewService, MarkingMonitorService, MarkingRubricService],
  exports: [MarkingService],
})
export class MarkingModule {}
