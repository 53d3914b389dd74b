import { Module } from '@nestjs/common';
import { MarkingController } from './marking.controller';
import { MarkingMonitorService } from './marking-monitor.service';
import { MarkingReviewService } from './marking-review.service';
import { MarkingService } from './marking.service';

@Module({
  controllers: [MarkingController],
  providers: [MarkingService, MarkingReviewService, MarkingMonitorService],
  exports: [MarkingService],
})
export class MarkingModule {}
