import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { Figure } from './domain/report.types';
import { SCORING_SOURCES, ScoringSource } from './report-scoring-source';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

const DIMENSIONS = ['overall', 'subject', 'group', 'objectivity', 'type', 'tag', 'stage', 'grade'];

/** An optional list filter: repeated or comma-separated query parameters, each checked. */
const QueryList = (max: number, each: PropertyDecorator, description: string) =>
  applyDecorators(
    ApiPropertyOptional({ isArray: true, type: String, description }),
    IsOptional(),
    Transform(({ value }) =>
      value === undefined
        ? undefined
        : (Array.isArray(value) ? value : String(value).split(',')).filter(Boolean),
    ),
    IsArray(),
    ArrayMaxSize(max),
    each,
  );
const uuids = IsUUID('all', { each: true });

export class ReportQueryDto {
  @QueryList(200, uuids, 'runs (default: every run)') runIds?: string[];
  @QueryList(200, uuids, 'models (default: all)') modelIds?: string[];
  @QueryList(500, uuids, 'paper versions (default: every paper of the runs)')
  paperVersionIds?: string[];
  @QueryList(50, Matches(/^[a-z_]{1,40}$/, { each: true }), 'subjects, e.g. math,physics')
  subjects?: string[];
  @QueryList(
    3,
    IsIn(['primary', 'junior', 'senior'], { each: true }),
    'school stages: primary, junior, senior',
  )
  stages?: string[];
  @ApiPropertyOptional({ isArray: true, type: Number, description: 'grades 1–12' })
  @IsOptional()
  @Transform(({ value }) =>
    value === undefined
      ? undefined
      : (Array.isArray(value) ? value : String(value).split(',')).filter(Boolean).map(Number),
  )
  @IsArray()
  @ArrayMaxSize(12)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(12, { each: true })
  grades?: number[];
  @QueryList(
    500,
    uuids,
    'cohorts: each replaces the default for its own paper (default: the newest cohort of each paper)',
  )
  cohortIds?: string[];
  @ApiPropertyOptional({
    description: 'an evaluation round: only its runs (the findings: default the latest round)',
  })
  @IsOptional()
  @IsUUID()
  roundId?: string;
  @ApiPropertyOptional({
    enum: SCORING_SOURCES,
    description:
      'whose scores count: teachers (default), teachers else a judge validated on the question, or the judge only (comparison)',
  })
  @IsOptional()
  @IsIn(SCORING_SOURCES)
  scoringSource?: ScoringSource;
  @ApiPropertyOptional({
    description:
      'the judge model for the scoring source (default: the judge that read most of these questions)',
  })
  @IsOptional()
  @IsUUID()
  judge?: string;
  @ApiPropertyOptional({ description: "the judge's template version (default: its most used one)" })
  @IsOptional()
  @Matches(/^[A-Za-z0-9._-]{1,80}$/)
  judgeTemplate?: string;
  @ApiPropertyOptional({
    description: 'bootstrap seed (default fixed, so figures are reproducible)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  seed?: number;
}

export class DrillQueryDto extends ReportQueryDto {
  @ApiProperty({ description: 'runId:modelId' })
  @Matches(/^[0-9a-f-]{36}:[0-9a-f-]{36}$/i, { message: 'entry must be runId:modelId (two UUIDs)' })
  entry: string;
  @ApiProperty({
    enum: [...DIMENSIONS, 'question'],
    description: '"question" drills into one question (value: its id)',
  })
  @IsIn([...DIMENSIONS, 'question'])
  dimension: Figure['dimension'] | 'question';
  @ApiProperty() @IsString() @MaxLength(200) value: string;
}
