import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { AssetsModule } from '../../assets/assets.module';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { PdfModule } from '../../pdf-intake/pdf.module';
import { IntakeController } from './intake.controller';
import { IntakeService } from './intake.service';

@Module({
  imports: [
    // Upload size is checked while streaming: a huge file is cut off, never buffered whole.
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      // Authors name their files in Chinese; multipart filenames are UTF-8 (busboy assumes latin1).
      useFactory: (c: AppConfig) => ({
        limits: { fileSize: c.uploadMaxBytes, files: 1 },
        defParamCharset: 'utf8',
      }),
    }),
    AssetsModule,
    PdfModule,
  ],
  controllers: [IntakeController],
  providers: [IntakeService],
})
export class IntakeModule {}
