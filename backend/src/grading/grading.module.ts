import { Module } from '@nestjs/common';
import { MarkingModule } from '../marking/marking.module';
import { GradingController } from './grading.controller';
import { GradingService } from './grading.service';
import { KeyCorrectionsService } from './key-corrections.service';
import { LlmExtractor } from './llm-extractor';

@Module({
  imports: [MarkingModule],
  controllers: [GradingController],
  providers: [GradingService, KeyCorrectionsService, LlmExtractor],
  exports: [GradingService],
})
export class GradingModule {}
