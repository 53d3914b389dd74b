import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';

export class RenderQueryDto {
  @ApiPropertyOptional({ enum: ['text', 'vision'] }) @IsOptional() @IsIn(['text', 'vision']) mode?:
    'text' | 'vision';
  @ApiPropertyOptional({ description: 'Image profile such as jpeg-1536-q85' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  profile?: string;
}
