import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, Min } from 'class-validator';

/** A judge: its model and its template version (the same model with another template is another judge). */
export class JudgeQueryDto {
  @ApiProperty({ description: 'the judge model (ai_models.id)' })
  @IsUUID('all', { message: 'judge must be the id of a judge model' })
  judge: string;

  @ApiProperty({
    description: "the judge template version, e.g. 'judge-v1' or 'gaokao-bench-correction'",
  })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,80}$/, {
    message: 'template must be a template version (letters, digits, . _ -; at most 80)',
  })
  template: string;
}

export class ValidationSampleDto {
  @ApiProperty({
    description: 'answers to draw from each stratum (each model under test, the students)',
    minimum: 1,
    maximum: 500,
  })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  perStratum: number;

  @ApiPropertyOptional({
    description: 'seed of the draw (default: a random one, recorded with the sample)',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2147483646)
  seed?: number;
}
