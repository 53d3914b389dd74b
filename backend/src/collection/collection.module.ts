import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ModelsModule } from '../models/models.module';
import { ProviderModule } from '../models/provider';
import { PapersModule } from '../papers/papers.module';
import { RenderingModule } from '../rendering/rendering.module';
import {
  AttemptEntity,
  RunEntity,
  RunModelEntity,
  RunPaperEntity,
  WorkItemEntity,
} from './collection.entities';
import { AnswersImportRepository } from './answers-import.repository';
import { AnswersImportService } from './answers-import.service';
import { ItemPreparer } from './item-preparer';
import { ItemSender } from './item-sender';
import { RunnerService } from './runner.service';
import { RunsController } from './runs.controller';
import { RunsRepository } from './runs.repository';
import { RunsService } from './runs.service';
import { WorkKinds } from './work-kinds';
import { WorkItemsRepository } from './work-items.repository';

@Module({
  imports: [
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => ({ limits: { fileSize: c.uploadMaxBytes, files: 1 } }),
    }),
    TypeOrmModule.forFeature([
      RunEntity,
      RunPaperEntity,
      RunModelEntity,
      WorkItemEntity,
      AttemptEntity,
    ]),
    ModelsModule,
    ProviderModule,
    PapersModule,
    RenderingModule,
  ],
  controllers: [RunsController],
  providers: [
    RunsService,
    RunsRepository,
    RunnerService,
    WorkItemsRepository,
    ItemPreparer,
    ItemSender,
    WorkKinds,
    AnswersImportService,
    AnswersImportRepository,
  ],
  exports: [RunsService, RunnerService, WorkKinds, AnswersImportService],
})
export class CollectionModule {}
