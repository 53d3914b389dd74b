import { Module } from '@nestjs/common';
import { GradingController } from './grading.controller';
import { GradingRepository } from './grading.repository';
import { GradingService } from './grading.service';
import { KeyCorrectionsService } from './key-corrections.service';
import { LlmExtractor } from './llm-extractor';

// No marking import: grading signals that tasks are due (jobs/queues.ts) and the worker makes them.
@Module({
  controllers: [GradingController],
  providers: [GradingService, GradingRepository, KeyCorrectionsService, LlmExtractor],
  exports: [GradingService],
})
export class GradingModule {}
