#!/usr/bin/env node
/**
 * Benchmark: import all sample papers into an empty database, re-import them (no-op), and
 * render whole papers for a vision model, cold (no cached image variants) and warm.
 * Run by hand after `npm run build -w backend`:  node backend/bench/papers.bench.mjs
 * Uses DATABASE_URL if set, else a throwaway embedded PostgreSQL.
 */
import { mkdtempSync, chmodSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const dist = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '../dist');
const { loadConfig } = require(join(dist, 'config/app-config.js'));
const { createApp, createLogger, prepareDatabase } = require(join(dist, 'bootstrap.js'));
const { SamplesService } = require(join(dist, 'papers/samples.service.js'));
const { RenderingService } = require(join(dist, 'rendering/rendering.service.js'));
const { DataSource } = require('typeorm');

const ms = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;
const now = () => process.hrtime.bigint();

const dataDir = mkdtempSync(join(tmpdir(), 'yuejuan-bench-'));
chmodSync(dataDir, 0o755);
const config = {
  ...loadConfig({ SEED_SAMPLES: 'false', LOG_LEVEL: 'error', WEB_DIST: '/none' }),
  dataDir,
  databaseUrl: process.env.DATABASE_URL ?? null,
};
const { url, embedded } = await prepareDatabase(config, createLogger(config));
const app = await createApp(config, url);
const db = app.get(DataSource);
await db.query(
  `TRUNCATE pdf_pages, pdf_documents, rubrics, question_images, questions, passages, paper_versions, papers, asset_variants, assets CASCADE`,
);
const samples = app.get(SamplesService);
const rendering = app.get(RenderingService);
const rows = [];

let t = now();
const imported = await samples.importFolders(samples.sampleDirs(), true);
rows.push([`import all ${imported.length} sample papers (empty database)`, ms(t)]);
const [{ q, i }] = await db.query(
  `SELECT count(*)::int AS q, (SELECT count(*)::int FROM assets) AS i FROM questions`,
);

t = now();
await samples.importFolders(samples.sampleDirs(), true);
rows.push([`re-import all ${imported.length} (identical, no-op)`, ms(t)]);

const mm = await db.query(
  `SELECT v.id, p.slug, v.image_question_count AS n FROM paper_versions v JOIN papers p ON p.id = v.paper_id WHERE p.slug LIKE 'gaokao-mm-%' ORDER BY p.slug`,
);
const one = mm.find((r) => r.slug === 'gaokao-mm-physics-images');
t = now();
await rendering.renderPaper(one.id, 'vision');
rows.push([
  `render ${one.slug} for a vision model, cold (${one.n} image questions, jpeg-1536-q85 encoded)`,
  ms(t),
]);
const warm = [];
for (let k = 0; k < 5; k++) {
  t = now();
  await rendering.renderPaper(one.id, 'vision');
  warm.push(ms(t));
}
warm.sort((a, b) => a - b);
rows.push([`render ${one.slug} for a vision model, cached (median of 5)`, warm[2]]);
await db.query(`TRUNCATE asset_variants`);
t = now();
for (const p of mm) await rendering.renderPaper(p.id, 'vision');
rows.push([
  `render all ${mm.length} image papers for a vision model, cold (every variant encoded)`,
  ms(t),
]);
t = now();
for (const p of mm) await rendering.renderPaper(p.id, 'vision');
rows.push([`render all ${mm.length} image papers for a vision model, cached`, ms(t)]);

await app.close();
await embedded?.stop();
rmSync(dataDir, { recursive: true, force: true });

console.log(
  `\n${q} question rows, ${i} images; PostgreSQL ${embedded ? 'embedded' : 'from DATABASE_URL'}\n`,
);
console.log('| step | ms |\n| --- | ---: |');
for (const [name, v] of rows) console.log(`| ${name} | ${v.toFixed(0)} |`);
