import 'reflect-metadata';
import { join } from 'node:path';
import { AnswersImportService } from './collection/answers-import.service';
import { CohortsService } from './cohorts/cohorts.service';
import { ConfigError, loadConfig } from './config/app-config';
import { createApp, createLogger, prepareDatabase } from './bootstrap';
import { SamplesService } from './papers/samples.service';
import { DataSource } from 'typeorm';
import { GradingService } from './grading/grading.service';
import { AssignmentsService } from './users/assignments.service';
import { DEMO_PASSWORD, UsersService } from './users/users.service';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78);
    }
    throw e;
  }
  const logger = createLogger(config);
  const { url, embedded } = await prepareDatabase(config, logger);
  const app = await createApp(config, url, logger);
  const demo = await app.get(UsersService).ensureInitialAccounts();
  if (config.seedSamples && (await app.get(SamplesService).loadIfEmpty()) > 0) {
    const answers = await app.get(AnswersImportService).importRecordedRuns(join(config.samplesDir, 'recorded-runs'));
    logger.log(`loaded ${answers} recorded model answers`, 'Samples');
    // No public dataset has real students: each sample paper gets a synthetic cohort, labelled so.
    const cohorts = await app.get(CohortsService).ensureSyntheticCohorts();
    logger.log(`generated ${cohorts} synthetic cohorts (IRT model, labelled synthetic)`, 'Samples');
  }
  // Answers stored before this start (or graded by an older grader) are graded now, from storage.
  const caught = await app.get(GradingService).catchUp();
  if (caught.graded || caught.changed) logger.log(`graded ${caught.graded} answers; re-grading changed ${caught.changed}`, 'Grading');
  if (demo.length) await assignDemoTeachers(app.get(DataSource), app.get(AssignmentsService));
  await app.listen(config.port, config.host);

  const shown = config.host === '0.0.0.0' ? 'localhost' : config.host;
  console.log(`\n  Yuejuan is running at http://${shown}:${config.port}/  (API docs: /api/docs)\n`);
  if (demo.length) {
    console.log(`  Demo accounts (password "${DEMO_PASSWORD}"; set SEED_DEMO_ACCOUNTS=false in production):`);
    for (const a of demo) console.log(`    ${a.username.padEnd(12)} ${a.roles.join(', ')}`);
    console.log('');
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: shutting down`, 'Main');
    await app.close();
    if (embedded) await embedded.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

/** A fresh demo: the demo teachers mark every question that has answers waiting, so the queues are live. */
async function assignDemoTeachers(db: DataSource, assignments: AssignmentsService) {
  const questionIds = (await db.query(`SELECT DISTINCT question_id AS id FROM marking_tasks`)).map((r: { id: string }) => r.id);
  if (!questionIds.length) return;
  const teachers = await db.query(`SELECT id FROM users WHERE username IN ('teacher', 'teacher2', 'senior')`);
  for (const t of teachers) await assignments.add(t.id, questionIds, { id: null, name: 'system' });
}
