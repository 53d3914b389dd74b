import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AssetsModule } from '../assets/assets.module';
import {
  PaperEntity,
  PaperVersionEntity,
  PassageEntity,
  QuestionEntity,
  QuestionImageEntity,
  RubricEntity,
} from './paper.entities';
import { PapersDraftController } from './papers-draft.controller';
import { PapersDraftRepository } from './papers-draft.repository';
import { PapersDraftService } from './papers-draft.service';
import { PapersImportService } from './papers-import.service';
import { PapersUploadService } from './papers-upload.service';
import { PapersController } from './papers.controller';
import { PapersRepository } from './papers.repository';
import { PapersService } from './papers.service';
import { SamplesService } from './samples.service';

@Module({
  imports: [
    // Upload size is checked while streaming: a huge file is cut off, never buffered whole.
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => ({ limits: { fileSize: c.uploadMaxBytes, files: 1 } }),
    }),
    TypeOrmModule.forFeature([
      PaperEntity,
      PaperVersionEntity,
      PassageEntity,
      QuestionEntity,
      QuestionImageEntity,
      RubricEntity,
    ]),
    AssetsModule,
  ],
  controllers: [PapersController, PapersDraftController],
  providers: [
    PapersService,
    PapersImportService,
    PapersUploadService,
    PapersDraftService,
    PapersDraftRepository,
    PapersRepository,
    SamplesService,
  ],
  exports: [PapersService, PapersImportService, PapersDraftService, SamplesService],
})
export class PapersModule {}
