import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';

/** A bundle as JSON: the documents are checked by the bundle validator, not by class-validator. */
export class DraftBundleDto {
  @ApiProperty({ description: 'The paper document (paper.json)' }) @IsObject() paper: Record<
    string,
    unknown
  >;
  @ApiPropertyOptional({ description: 'The rubric document (rubric.json), or null' })
  @IsOptional()
  @IsObject()
  rubric?: Record<string, unknown> | null;
  @ApiProperty({ description: 'Image path in the bundle → sha256 of bytes already stored' })
  @IsObject()
  images: Record<string, string>;
}

export class DraftPreviewDto extends DraftBundleDto {
  @ApiProperty({ description: 'The number of the question to render' })
  @IsString()
  @MaxLength(20)
  number: string;
  @ApiPropertyOptional({ enum: ['text', 'vision'] }) @IsOptional() @IsIn(['text', 'vision']) mode?:
    'text' | 'vision';
}
