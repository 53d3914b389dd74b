import { Module } from '@nestjs/common';
import { JudgeQualityController } from './judge-quality.controller';
import { JudgeQualityRepository } from './judge-quality.repository';
import { JudgeQualityService } from './judge-quality.service';
import { ValidationSamplesRepository } from './validation-samples.repository';
import { ValidationSamplesService } from './validation-samples.service';

@Module({
  controllers: [JudgeQualityController],
  providers: [
    JudgeQualityService,
    JudgeQualityRepository,
    ValidationSamplesService,
    ValidationSamplesRepository,
  ],
  exports: [JudgeQualityService],
})
export class JudgeQualityModule {}
