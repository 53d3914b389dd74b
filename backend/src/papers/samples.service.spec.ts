import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MINI_PAPER, MINI_RUBRIC, TINY_PNG } from '../../test/fixtures/bundle-fixture';
import type { AuditActor } from '../audit/audit.service';
import type { AppConfig } from '../config/app-config';
import type { BundleFiles } from './bundle/bundle-files';
import { SYSTEM_ACTOR } from './papers-import.service';
import type { PapersImportService } from './papers-import.service';
import type { PapersRepository } from './papers.repository';
import { SamplesService } from './samples.service';

/** The decisions of SamplesService against a fake repository and importer, over sample folders in a temporary directory. */

let root: string;
let samplesDir: string;
let rubricsDir: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'samples-spec-'));
  samplesDir = join(root, 'samples');
  rubricsDir = join(root, 'rubrics');
  for (const name of ['b-paper', 'a-paper']) {
    mkdirSync(join(samplesDir, name, 'images'), { recursive: true });
    writeFileSync(join(samplesDir, name, 'paper.yaml'), MINI_PAPER);
    writeFileSync(join(samplesDir, name, 'images', 'fig1.png'), TINY_PNG);
  }
  // a folder without paper.yaml is not a sample, nor is a file
  mkdirSync(join(samplesDir, 'notes'));
  writeFileSync(join(samplesDir, 'README.md'), '# samples');
  mkdirSync(rubricsDir);
  writeFileSync(join(rubricsDir, 'a-paper.rubric.yaml'), MINI_RUBRIC);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

class Fakes {
  count = 0;
  imported: { files: string[]; actor: AuditActor; publish: boolean }[] = [];
  papers = { paperCount: async () => this.count };
  importer = {
    importBundle: async (files: BundleFiles, actor: AuditActor, publish: boolean) => {
      this.imported.push({ files: [...files.keys()].sort(), actor, publish });
      return { status: 'created', versionId: `v${this.imported.length}` };
    },
  };
  constructor(private readonly dir = samplesDir) {}
  service() {
    return new SamplesService(
      this.papers as unknown as PapersRepository,
      this.importer as unknown as PapersImportService,
      { samplesDir: this.dir, rubricsDir } as AppConfig,
    );
  }
}

describe('SamplesService', () => {
  it('lists the sample folders holding a paper.yaml, in name order', () => {
    expect(new Fakes().service().sampleDirs()).toEqual([
      join(samplesDir, 'a-paper'),
      join(samplesDir, 'b-paper'),
    ]);
  });

  it('loads every sample, published, as the system, into an empty database', async () => {
    const f = new Fakes();
    expect(await f.service().loadIfEmpty()).toBe(2);
    expect(f.imported.map((i) => [i.actor, i.publish])).toEqual([
      [SYSTEM_ACTOR, true],
      [SYSTEM_ACTOR, true],
    ]);
  });

  it('picks up the sibling rubric of a folder, and imports a folder without one as it is', async () => {
    const f = new Fakes();
    await f
      .service()
      .importFolders([join(samplesDir, 'a-paper'), join(samplesDir, 'b-paper/')], false);
    expect(f.imported.map((i) => i.files)).toEqual([
      ['images/fig1.png', 'paper.yaml', 'rubric.yaml'],
      ['images/fig1.png', 'paper.yaml'],
    ]);
    expect(f.imported.every((i) => i.publish === false)).toBe(true);
  });

  it('loads nothing when the database already holds a paper', async () => {
    const f = new Fakes();
    f.count = 1;
    expect(await f.service().loadIfEmpty()).toBe(0);
    expect(f.imported).toEqual([]);
  });

  it('loads nothing when there is no samples directory', async () => {
    const f = new Fakes(join(root, 'missing'));
    expect(await f.service().loadIfEmpty()).toBe(0);
    expect(f.imported).toEqual([]);
  });
});
