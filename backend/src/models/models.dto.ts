import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

export class GenerationParamsDto {
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(2) temperature?: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber() @Min(0) @Max(1) top_p?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(200_000) max_tokens?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() seed?: number;
}

export class ImageProfileDto {
  @ApiProperty() @IsInt() @Min(64) @Max(4096) longSide: number;
  @ApiProperty({ enum: ['jpeg', 'png', 'webp'] }) @IsIn(['jpeg', 'png', 'webp']) format:
    'jpeg' | 'png' | 'webp';
  @ApiProperty() @IsInt() @Min(1) @Max(100) quality: number;
}

export class ModelCreateDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(80) name: string;
  @ApiPropertyOptional({ description: 'OpenAI-compatible base URL, e.g. http://localhost:8000/v1' })
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  baseUrl?: string;
  @ApiProperty({ description: 'the provider model id, e.g. qwen2.5-72b-instruct' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  modelId: string;
  @ApiPropertyOptional({
    description:
      'NAME of the environment variable holding the API key; the key itself is never sent or stored',
  })
  @IsOptional()
  @Matches(/^[A-Z_][A-Z0-9_]{0,63}$/, {
    message: 'apiKeyEnv must be an environment variable NAME such as OPENAI_API_KEY, not a key',
  })
  apiKeyEnv?: string;
  @ApiProperty({ enum: ['text', 'vision'] }) @IsIn(['text', 'vision']) modality: 'text' | 'vision';
  @ApiPropertyOptional()
  @IsOptional()
  @ValidateNested()
  @Type(() => ImageProfileDto)
  imageProfile?: ImageProfileDto;
  @ApiPropertyOptional()
  @IsOptional()
  @ValidateNested()
  @Type(() => GenerationParamsDto)
  params?: GenerationParamsDto;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(20) samplesPerQuestion?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) @Max(512) concurrency?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) rpmLimit?: number;
  @ApiPropertyOptional() @IsOptional() @IsInt() @Min(1) tpmLimit?: number;
  @ApiPropertyOptional({ description: 'price per million input tokens' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  priceInputPerMtok?: number;
  @ApiPropertyOptional({ description: 'price per million output tokens' })
  @IsOptional()
  @IsNumber()
  @Min(0)
  priceOutputPerMtok?: number;
  @ApiPropertyOptional({
    description: 'a judge: reads answers against rubrics instead of answering papers',
  })
  @IsOptional()
  @IsBoolean()
  isJudge?: boolean;
  @ApiPropertyOptional({
    enum: ['json_schema', 'tagged'],
    description: "a judge's output contract: structured output, or tagged text",
  })
  @IsOptional()
  @IsIn(['json_schema', 'tagged'])
  judgeOutput?: 'json_schema' | 'tagged';
}

export class ModelJudgeDto {
  @ApiProperty() @IsBoolean() isJudge: boolean;
  @ApiPropertyOptional({ enum: ['json_schema', 'tagged'] })
  @IsOptional()
  @IsIn(['json_schema', 'tagged'])
  judgeOutput?: 'json_schema' | 'tagged';
}
