import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

export class RunCreateDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(120) name?: string;
  @ApiProperty({ isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  paperVersionIds: string[];
  @ApiProperty({ isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  modelIds: string[];
}

export class RunAnswersQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsUUID() modelId?: string;
  @ApiPropertyOptional({
    enum: ['pending', 'in_flight', 'answered', 'failed', 'not_applicable', 'cancelled'],
  })
  @IsOptional()
  @IsIn(['pending', 'in_flight', 'answered', 'failed', 'not_applicable', 'cancelled'])
  state?: string;
  @ApiPropertyOptional({
    enum: ['unparsed', 'changed'],
    description: 'Only answers with an unparsed part, or whose grade changed on a re-grade',
  })
  @IsOptional()
  @IsIn(['unparsed', 'changed'])
  grade?: 'unparsed' | 'changed';
  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset?: number;
}

export class AnswersImportQueryDto {
  @ApiPropertyOptional({ enum: ['jsonl', 'gaokao-bench'] })
  @IsOptional()
  @IsIn(['jsonl', 'gaokao-bench'])
  format?: 'jsonl' | 'gaokao-bench';
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(120) name?: string;
  @ApiPropertyOptional({
    description: 'model name for a GAOKAO-Bench file (default: its model_name)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(80)
  model?: string;
}
