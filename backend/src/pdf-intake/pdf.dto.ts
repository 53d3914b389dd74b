import { ApiProperty } from '@nestjs/swagger';
import { IsNumber, Max, Min } from 'class-validator';

/**
 * Pixels of the page render. Only the type and a sane magnitude are checked here; whether the
 * rectangle fits the page (and is big enough) is the service's to say, with a code
 * (pdf-intake/crop-rect.ts), since only it knows the page's size.
 */
export class PdfCropDto {
  @ApiProperty()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-20000)
  @Max(20000)
  x: number;
  @ApiProperty()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-20000)
  @Max(20000)
  y: number;
  @ApiProperty()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-20000)
  @Max(20000)
  width: number;
  @ApiProperty()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-20000)
  @Max(20000)
  height: number;
}
