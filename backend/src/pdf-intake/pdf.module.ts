import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssetsModule } from '../assets/assets.module';
import { PdfController } from './pdf.controller';
import { PdfDocumentEntity, PdfPageEntity } from './pdf.entities';
import { PdfService } from './pdf.service';

@Module({
  imports: [TypeOrmModule.forFeature([PdfDocumentEntity, PdfPageEntity]), AssetsModule],
  controllers: [PdfController],
  providers: [PdfService],
})
export class PdfModule {}
