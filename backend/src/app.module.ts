import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssetsModule } from './assets/assets.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CohortsModule } from './cohorts/cohorts.module';
import { CollectionModule } from './collection/collection.module';
import { GradingModule } from './grading/grading.module';
import { MarkingModule } from './marking/marking.module';
import { ModelsModule } from './models/models.module';
import { APP_CONFIG, AppConfig } from './config/app-config';
import { dataSourceOptions } from './database/data-source';
import { DATABASE_URL } from './database/database.tokens';
import { HealthController } from './health/health.controller';
import { AboutController } from './about/about.controller';
import { JobsModule } from './jobs/jobs.module';
import { JudgeQualityModule } from './judge-quality/judge-quality.module';
import { JudgingModule } from './judging/judging.module';
import { IntakeModule } from './papers/intake/intake.module';
import { PapersModule } from './papers/papers.module';
import { RenderingModule } from './rendering/rendering.module';
import { PdfModule } from './pdf-intake/pdf.module';
import { ReportsModule } from './reports/reports.module';
import { UsersModule } from './users/users.module';
import { WorkerModule } from './worker/worker.module';

@Module({})
export class AppModule {
  /** Config and the database URL are resolved before Nest starts (the embedded database may start first). */
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions(databaseUrl)),
        JobsModule,
        AuditModule,
        AuthModule,
        UsersModule,
        AssetsModule,
        PapersModule,
        RenderingModule,
        PdfModule,
        IntakeModule,
        ModelsModule,
        CollectionModule,
        JudgingModule,
        GradingModule,
        MarkingModule,
        CohortsModule,
        JudgeQualityModule,
        ReportsModule,
        // Last: the schedules (runner loop, grading sweep, marking sync) and the Pipeline facade.
        WorkerModule,
      ],
      controllers: [HealthController, AboutController],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DATABASE_URL, useValue: databaseUrl },
      ],
      exports: [APP_CONFIG, DATABASE_URL],
    };
  }
}
