import { Inject, Injectable, Logger } from '@nestjs/common';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { readBundleDir } from './bundle/bundle-files';
import { ImportResult, PapersImportService, SYSTEM_ACTOR } from './papers-import.service';
import { PapersRepository } from './papers.repository';

/** Loads the repository's sample papers into an empty database, and imports folders for the CLI. */
@Injectable()
export class SamplesService {
  private readonly logger = new Logger(SamplesService.name);

  constructor(
    private readonly papers: PapersRepository,
    private readonly importer: PapersImportService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async loadIfEmpty(): Promise<number> {
    const n = await this.papers.paperCount();
    if (n > 0 || !existsSync(this.config.samplesDir)) return 0;
    const started = Date.now();
    const results = await this.importFolders(this.sampleDirs(), true);
    this.logger.log(`loaded ${results.length} sample papers in ${Date.now() - started} ms`);
    return results.length;
  }

  sampleDirs(): string[] {
    return readdirSync(this.config.samplesDir, { withFileTypes: true })
      .filter(
        (d) => d.isDirectory() && existsSync(join(this.config.samplesDir, d.name, 'paper.yaml')),
      )
      .map((d) => join(this.config.samplesDir, d.name))
      .sort();
  }

  /** Imports bundle folders; a sibling rubric in RUBRICS_DIR/<folder>.rubric.yaml is picked up. */
  async importFolders(dirs: string[], publish: boolean): Promise<ImportResult[]> {
    const results: ImportResult[] = [];
    for (const dir of dirs) {
      const slug = dir.split(/[\\/]/).filter(Boolean).pop()!;
      const rubric = join(this.config.rubricsDir, `${slug}.rubric.yaml`);
      results.push(
        await this.importer.importBundle(
          readBundleDir(dir, existsSync(rubric) ? rubric : undefined),
          SYSTEM_ACTOR,
          publish,
        ),
      );
    }
    return results;
  }
}
