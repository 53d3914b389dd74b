import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AssetsModule } from '../assets/assets.module';
import { PdfController } from './pdf.controller';
import { PdfDocumentEntity, PdfPageEntity } from './pdf.entities';
import { PdfService } from './pdf.service';

@Module({
  imports: [
    // Upload size is checked while streaming: a huge file is cut off, never buffered whole.
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (c: AppConfig) => ({ limits: { fileSize: c.uploadMaxBytes, files: 1 } }),
    }),
    TypeOrmModule.forFeature([PdfDocumentEntity, PdfPageEntity]),
    AssetsModule,
  ],
  controllers: [PdfController],
  providers: [PdfService],
  exports: [PdfService],
})
export class PdfModule {}
