import { loadConfig } from '../src/config/app-config';
import { runsCommand } from '../src/cli/runs.command';
import { ModelsService } from '../src/models/models.service';
import { PapersImportService, SYSTEM_ACTOR } from '../src/papers/papers-import.service';
import { miniBundle } from './fixtures/bundle-fixture';
import { startTestApp, TestApp } from './test-app';

/**
 * `yuejuan runs start` in process: papers named by slug or version id (their latest version) and
 * models by name or id become one run; a name that matches nothing is refused, naming it, and no
 * run is started. This process is no worker, so nothing is sent.
 */
describe('CLI runs start', () => {
  let t: TestApp;
  let versionId: string;
  const cli = { id: null, name: 'cli' };

  beforeAll(async () => {
    t = await startTestApp({ collection: { ...loadConfig({}).collection, isWorker: false } });
    await t.truncateAll();
    await t.reset();
    versionId = (
      await t.app.get(PapersImportService).importBundle(miniBundle(), SYSTEM_ACTOR, true)
    ).versionId;
    await t.app.get(ModelsService).create(
      {
        name: 'cli-model',
        modelId: 'fake-1',
        modality: 'text',
        baseUrl: 'http://127.0.0.1:9',
      } as never,
      cli,
    );
  });
  afterAll(() => t.close());

  const start = (flags: Record<string, string>) =>
    runsCommand(t.app, 'start', [], (f) => (flags[f] === undefined ? [] : [flags[f]]), false);

  it('starts a run of the latest version of a paper named by slug, with a model named by name', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await start({
        '--papers': 'test-mini-paper',
        '--models': 'cli-model',
        '--name': 'from the cli',
      });
    } finally {
      log.mockRestore();
    }
    const [run] = await t.db.query(
      `SELECT r.name, array_agg(DISTINCT rp.paper_version_id::text) AS papers, array_agg(DISTINCT m.name) AS models
       FROM runs r JOIN run_papers rp ON rp.run_id = r.id JOIN run_models rm ON rm.run_id = r.id JOIN ai_models m ON m.id = rm.model_id
       WHERE r.name = 'from the cli' GROUP BY r.name`,
    );
    expect(run).toEqual({ name: 'from the cli', papers: [versionId], models: ['cli-model'] });
  });

  it('takes a version id for a paper too', async () => {
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await start({ '--papers': versionId, '--models': 'cli-model', '--name': 'by id' });
    } finally {
      log.mockRestore();
    }
    expect(await t.db.query(`SELECT 1 FROM runs WHERE name = 'by id'`)).toHaveLength(1);
  });

  it('refuses an unknown paper or model by name, and starts nothing', async () => {
    const before = await t.count('runs');
    await expect(
      start({ '--papers': 'test-mini-paper,nope', '--models': 'cli-model' }),
    ).rejects.toThrow('unknown paper(s): nope');
    await expect(
      start({ '--papers': 'test-mini-paper', '--models': 'cli-model,ghost' }),
    ).rejects.toThrow('unknown model(s): ghost');
    expect(await t.count('runs')).toBe(before);
  });
});
