import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { GradingModule } from '../grading/grading.module';
import { ModelsModule } from '../models/models.module';
import { PapersModule } from '../papers/papers.module';
import { RenderingModule } from '../rendering/rendering.module';
import { AttemptEntity, RunEntity, RunModelEntity, RunPaperEntity, WorkItemEntity } from './collection.entities';
import { AnswersImportService } from './answers-import.service';
import { RunnerService } from './runner.service';
import { RunsController } from './runs.controller';
import { RunsService } from './runs.service';
import { WorkKinds } from './work-kinds';
import { WorkStore } from './work-store';

@Module({
  imports: [
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => ({ limits: { fileSize: c.uploadMaxBytes, files: 1 } }),
    }),
    TypeOrmModule.forFeature([RunEntity, RunPaperEntity, RunModelEntity, WorkItemEntity, AttemptEntity]),
    ModelsModule,
    PapersModule,
    RenderingModule,
    GradingModule,
  ],
  controllers: [RunsController],
  providers: [RunsService, RunnerService, WorkStore, WorkKinds, AnswersImportService],
  exports: [RunsService, RunnerService, WorkKinds, AnswersImportService],
})
export class CollectionModule {}
