import { parse } from 'yaml';
import { BundleFiles } from '../src/papers/bundle/bundle-files';
import { miniBundle, zipOf } from './fixtures/bundle-fixture';
import { CD, patchCentralEntry, rawZip } from './fixtures/hostile-zip';
import { Agent, startTestApp, TestApp } from './test-app';

const TABLES = [
  'papers',
  'paper_versions',
  'questions',
  'passages',
  'question_images',
  'rubrics',
  'assets',
  'audit_events',
];

/** Six levels of nine aliases each: 9⁶ nodes from a few hundred bytes ("billion laughs"). */
const ALIAS_BOMB = ['a0: &a0 [x, x, x, x, x, x, x, x, x]']
  .concat(
    [1, 2, 3, 4, 5, 6].map(
      (n) =>
        `a${n}: &a${n} [${Array(9)
          .fill(`*a${n - 1}`)
          .join(', ')}]`,
    ),
  )
  .join('\n');

const flat = (files: BundleFiles) =>
  Object.fromEntries([...files].map(([k, v]) => [`bundle/${k}`, new Uint8Array(v)]));

describe('hostile paper bundles', () => {
  let t: TestApp;
  let http: Agent;

  beforeAll(async () => {
    t = await startTestApp();
  });
  beforeEach(async () => {
    await t.reset();
    http = await t.as('author');
    // A paper already stored, which a refused bundle must leave as it is.
    expect(
      (await http.post('/api/papers/import').attach('file', zipOf(miniBundle()), 'first.zip'))
        .status,
    ).toBe(200);
  });
  afterAll(() => t.close());

  const counts = async () => Promise.all(TABLES.map((n) => t.count(n)));
  const refuses = async (zip: Buffer, status: number, want: object, message: RegExp) => {
    const before = await counts();
    const res = await http.post('/api/papers/import').attach('file', zip, 'upload.zip');
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject(want);
    expect(JSON.stringify(res.body)).toMatch(message);
    expect(await counts()).toEqual(before);
    return res.body;
  };
  const edited = (edit: Parameters<typeof miniBundle>[0]) => zipOf(miniBundle(edit));

  it('refuses a YAML alias bomb with a 422 naming the file', async () => {
    await refuses(
      edited({ paper: (s) => `${s}\n${ALIAS_BOMB}\n` }),
      422,
      {
        code: 'bundle.rejected',
        errors: [expect.objectContaining({ file: 'paper.yaml', code: 'bundle.alias_limit' })],
      },
      /YAML aliases/,
    );
  });

  it('refuses a deeply nested paper.json without exhausting the stack', async () => {
    const deep = `{"format": "yuejuan/paper@1", "x": ${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`;
    const files = miniBundle({
      files: (f) => (f.delete('paper.yaml'), f.set('paper.json', Buffer.from(deep))),
    });
    await refuses(
      zipOf(files),
      422,
      {
        errors: [expect.objectContaining({ file: 'paper.json', line: 1, code: 'bundle.too_deep' })],
      },
      /nests deeper than 64 levels/,
    );
  });

  it.each([
    ['full-width "１"', '"１"', /duplicate question number \\"１\\" \(the same as \\"1\\"/],
    ['"1" and a zero-width space', '"1\u200b"', /duplicate question number \\"1\u200b\\"/],
  ])('refuses two questions numbered "1" and %s', async (_n, number, message) => {
    const zip = edited({ paper: (s) => s.replace('number: "2"', `number: ${number}`) });
    await refuses(
      zip,
      422,
      {
        errors: [
          expect.objectContaining({
            file: 'paper.yaml',
            field: 'number',
            code: 'bundle.duplicate_number',
            line: expect.any(Number),
          }),
        ],
      },
      message,
    );
  });

  it('refuses a bundle holding both paper.yaml and paper.json', async () => {
    const zip = edited({
      files: (f) =>
        f.set('paper.json', Buffer.from(JSON.stringify(parse(f.get('paper.yaml')!.toString())))),
    });
    await refuses(
      zip,
      422,
      {
        errors: [
          expect.objectContaining({
            code: 'bundle.ambiguous_files',
            params: { files: 'paper.yaml, paper.json' },
          }),
        ],
      },
      /holds both paper.yaml and paper.json/,
    );
  });

  it('refuses a zip whose header understates an entry size', async () => {
    const zip = patchCentralEntry(zipOf(miniBundle()), 'bundle/paper.yaml', (r) =>
      r.writeUInt32LE(100, CD.uncompressedSize),
    );
    await refuses(
      zip,
      422,
      { code: 'zip.corrupt_entry', params: { file: 'upload.zip', entry: 'bundle/paper.yaml' } },
      /upload.zip: the zip is corrupt: \\"bundle\/paper.yaml\\"/,
    );
  });

  it('refuses a zip whose header overstates an entry size', async () => {
    const zip = patchCentralEntry(zipOf(miniBundle()), 'bundle/paper.yaml', (r) =>
      r.writeUInt32LE(r.readUInt32LE(CD.uncompressedSize) + 10, CD.uncompressedSize),
    );
    await refuses(zip, 422, { code: 'zip.corrupt_entry' }, /does not match|declared size/);
  });

  it('refuses a zip whose content does not match its CRC-32', async () => {
    const zip = patchCentralEntry(zipOf(miniBundle()), 'bundle/rubric.yaml', (r) =>
      r.writeUInt32LE((r.readUInt32LE(CD.crc32) ^ 1) >>> 0, CD.crc32),
    );
    await refuses(
      zip,
      422,
      { code: 'zip.corrupt_entry', params: { entry: 'bundle/rubric.yaml' } },
      /does not match its checksum \(CRC-32\)/,
    );
  });

  it('says a password-protected zip is encrypted', async () => {
    const zip = patchCentralEntry(zipOf(miniBundle()), 'bundle/paper.yaml', (r) =>
      r.writeUInt16LE(r.readUInt16LE(CD.flags) | 1, CD.flags),
    );
    await refuses(
      zip,
      422,
      { code: 'zip.encrypted', params: { entry: 'bundle/paper.yaml' } },
      /the zip is encrypted/,
    );
  });

  it.each([
    ['a hidden file', 'bundle/.env', 'zip.hidden_entry', /hidden entry \\"bundle\/.env\\"/],
    [
      'a hidden folder',
      'bundle/.git/config',
      'zip.hidden_entry',
      /hidden entry \\"bundle\/.git\/config\\"/,
    ],
    [
      'a path out of the bundle',
      '../evil.yaml',
      'zip.unsafe_path',
      /unsafe path \\"..\/evil.yaml\\"/,
    ],
    ['an absolute path', '/etc/evil.yaml', 'zip.unsafe_path', /unsafe path \\"\/etc\/evil.yaml\\"/],
  ])('refuses a zip with %s, naming it', async (_n, name, code, message) => {
    const zip = rawZip({ ...flat(miniBundle()), [name]: 'x' });
    await refuses(zip, 422, { code, params: { entry: name } }, message);
  });

  it('still skips macOS resource forks and folder entries', async () => {
    const zip = rawZip({
      ...flat(miniBundle({ paper: (s) => s.replace('title: ', 'title: X') })),
      '__MACOSX/bundle/._paper.yaml': 'fork',
    });
    expect((await http.post('/api/papers/import').attach('file', zip, 'mac.zip')).status).toBe(200);
  });
});
