import { Module } from '@nestjs/common';
import { JudgeQualityController } from './judge-quality.controller';
import { JudgeQualityService } from './judge-quality.service';

@Module({ controllers: [JudgeQualityController], providers: [JudgeQualityService], exports: [JudgeQualityService] })
export class JudgeQualityModule {}
