import { Module } from '@nestjs/common';
import { MarkingController } from './marking.controller';
import { MarkingReviewService } from './marking-review.service';
import { MarkingService } from './marking.service';

@Module({
  controllers: [MarkingController],
  providers: [MarkingService, MarkingReviewService],
  exports: [MarkingService],
})
export class MarkingModule {}
