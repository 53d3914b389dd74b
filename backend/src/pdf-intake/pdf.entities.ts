import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

@Entity('pdf_documents')
export class PdfDocumentEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('text') filename: string;
  @Column('char', { length: 64 }) sha256: string;
  @Column('int', { name: 'byte_size' }) byteSize: number;
  @Column('bytea', { select: false }) data: Buffer;
  @Column('int', { name: 'page_count', nullable: true }) pageCount: number | null;
  @Column('text') status: 'queued' | 'rendering' | 'ready' | 'failed';
  @Column('text', { nullable: true }) error: string | null;
  @Column('uuid', { name: 'created_by', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { name: 'finished_at', nullable: true }) finishedAt: Date | null;
}

export interface PdfTextItem {
  str: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

@Entity('pdf_pages')
export class PdfPageEntity {
  @PrimaryColumn('uuid', { name: 'pdf_id' }) pdfId: string;
  @PrimaryColumn('int', { name: 'page_number' }) pageNumber: number;
  @Column('char', { name: 'asset_sha256', length: 64 }) assetSha256: string;
  @Column('real', { name: 'width_pt' }) widthPt: number;
  @Column('real', { name: 'height_pt' }) heightPt: number;
  @Column('real') scale: number;
  @Column('jsonb', { name: 'text_items' }) textItems: PdfTextItem[];
}
