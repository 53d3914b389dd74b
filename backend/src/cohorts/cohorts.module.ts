import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { CohortsController } from './cohorts.controller';
import { CohortsRepository } from './cohorts.repository';
import { CohortsService } from './cohorts.service';
import { StudentAnswersService } from './student-answers.service';

@Module({
  imports: [
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => ({ limits: { fileSize: c.uploadMaxBytes, files: 1 } }),
    }),
  ],
  controllers: [CohortsController],
  providers: [CohortsService, CohortsRepository, StudentAnswersService],
  exports: [CohortsService],
})
export class CohortsModule {}
