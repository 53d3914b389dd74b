import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Matches } from 'class-validator';

/** A judge: its model and its template version (the same model with another template is another judge). */
export class JudgeQueryDto {
  @ApiProperty({ description: 'the judge model (ai_models.id)' })
  @IsUUID('all', { message: 'judge must be the id of a judge model' })
  judge: string;

  @ApiProperty({ description: "the judge template version, e.g. 'judge-v1' or 'gaokao-bench-correction'" })
  @IsString()
  @Matches(/^[A-Za-z0-9._-]{1,80}$/, { message: 'template must be a template version (letters, digits, . _ -; at most 80)' })
  template: string;
}
