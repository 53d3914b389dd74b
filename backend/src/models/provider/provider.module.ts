import { Module } from '@nestjs/common';
import { ProviderClient } from './provider-client';

/** The OpenAI-compatible client every caller of a model uses: collection's runner, grading's extractor, the judge. */
@Module({ providers: [ProviderClient], exports: [ProviderClient] })
export class ProviderModule {}
