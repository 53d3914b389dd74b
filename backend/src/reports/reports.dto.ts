import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { Figure } from './domain/report.types';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

const DIMENSIONS = ['overall', 'subject', 'group', 'objectivity', 'type', 'tag', 'stage', 'grade'];

/** Lists come as repeated or comma-separated query parameters. */
const list = () =>
  Transform(({ value }) => (value === undefined ? undefined : (Array.isArray(value) ? value : String(value).split(',')).filter(Boolean)));

export class ReportQueryDto {
  @ApiPropertyOptional({ isArray: true })
  @IsOptional()
  @list()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  runIds?: string[];
  @ApiPropertyOptional({ isArray: true })
  @IsOptional()
  @list()
  @IsArray()
  @ArrayMaxSize(200)
  @IsUUID('all', { each: true })
  modelIds?: string[];
  @ApiPropertyOptional({ isArray: true })
  @IsOptional()
  @list()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  paperVersionIds?: string[];
  @ApiPropertyOptional({ isArray: true })
  @IsOptional()
  @list()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(40, { each: true })
  subjects?: string[];
  @ApiPropertyOptional({ isArray: true })
  @IsOptional()
  @list()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  cohortIds?: string[];
  @ApiPropertyOptional({ description: 'bootstrap seed (default fixed, so figures are reproducible)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  seed?: number;
}

export class DrillQueryDto extends ReportQueryDto {
  @ApiPropertyOptional({ description: 'runId:modelId' }) @IsString() @MaxLength(80) entry: string;
  @ApiPropertyOptional({ enum: [...DIMENSIONS, 'question'], description: '"question" drills into one question (value: its id)' })
  @IsIn([...DIMENSIONS, 'question'])
  dimension: Figure['dimension'] | 'question';
  @ApiPropertyOptional() @IsString() @MaxLength(200) value: string;
}
