import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsArray,
  IsDefined,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
} from 'class-validator';

export class RegradeDto {
  @ApiPropertyOptional({ description: 'Re-grade the answers of this run' })
  @IsOptional()
  @IsUUID()
  runId?: string;
  @ApiPropertyOptional({ description: 'Re-grade the answers to these questions', type: [String] })
  @IsOptional()
  @IsArray()
  @IsUUID('all', { each: true })
  questionIds?: string[];
}

export class KeyCorrectionDto {
  @ApiProperty() @IsUUID() questionId: string;
  @ApiPropertyOptional({
    description: 'The corrected key, in the paper format (e.g. "B", "ACD", true, [["1/2","0.5"]])',
  })
  @IsOptional()
  @IsDefined()
  key?: unknown;
  @ApiPropertyOptional({
    description:
      'A corrected scoring rule, e.g. {"multipleChoice":{"rule":"subset_fixed","partialPoints":3}}',
  })
  @IsOptional()
  @IsObject()
  policy?: object;
  @ApiProperty({ description: 'Why: the erratum, its source' })
  @IsString()
  @MinLength(3)
  @MaxLength(2000)
  reason: string;
}
