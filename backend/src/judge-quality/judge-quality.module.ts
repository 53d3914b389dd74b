import { Module } from '@nestjs/common';
import { JudgeQualityController } from './judge-quality.controller';
import { JudgeQualityService } from './judge-quality.service';
import { ValidationSamplesService } from './validation-samples.service';

@Module({
  controllers: [JudgeQualityController],
  providers: [JudgeQualityService, ValidationSamplesService],
  exports: [JudgeQualityService],
})
export class JudgeQualityModule {}
