import { ConsoleLogger } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { CohortsService } from './cohorts/cohorts.service';
import { AnswersImportService } from './collection/answers-import.service';
import { AppConfig } from './config/app-config';
import { InstallStore } from './database/install-store';
import { JudgeImportService } from './judging/judge-import.service';
import { GradingService } from './grading/grading.service';
import { SamplesService } from './papers/samples.service';
import { AssignmentsService } from './marking/assignments.service';
import { RoundsService } from './reports/rounds.service';

const SEEDED = 'demo_seeded';
const DEMO_TEACHERS = ['teacher', 'teacher2', 'senior'];

/**
 * The demo, made once on an empty install: sample papers with a recorded model run and synthetic
 * cohorts, graded, and the demo teachers assigned to every question with answers waiting. Recorded
 * in install_settings, so a later start never redoes it (an admin's removed assignments stay removed).
 * `hasDemoAccounts`: the demo accounts exist (created by this start, since the install is empty).
 */
export async function seedFreshInstall(app: NestExpressApplication, config: AppConfig, logger: ConsoleLogger, hasDemoAccounts: boolean) {
  const store = new InstallStore(app.get(DataSource));
  await store.exclusively(async () => {
    if (await store.has(SEEDED)) return;
    const samples = config.seedSamples ? await app.get(SamplesService).loadIfEmpty() : 0;
    if (samples > 0) {
      const answers = await app.get(AnswersImportService).importRecordedRuns(join(config.samplesDir, 'recorded-runs'));
      logger.log(`loaded ${answers} recorded model answers`, 'Samples');
      // No model's answers to the papers below grade 12 are published: a labelled simulated run
      // (ai_models.is_simulated, backend/scripts/build-simulated-run.mjs) stands in, so the report spans grades 1–12.
      const simulated = await app.get(AnswersImportService).importSimulatedRuns(join(config.samplesDir, 'recorded-runs', 'simulated'));
      logger.log(`loaded ${simulated} simulated answers (labelled simulated, not a model's)`, 'Samples');
      // GAOKAO-Bench's own GPT-4-1106-preview grading of those answers: a real judge, offline.
      const judged = await app.get(JudgeImportService).importRecordedJudges(join(config.samplesDir, 'recorded-runs'));
      logger.log(`loaded ${judged} recorded judge reads`, 'Samples');
      // No public dataset has real students: each sample paper gets a synthetic cohort, labelled so.
      const cohorts = await app.get(CohortsService).ensureSyntheticCohorts();
      logger.log(`generated ${cohorts} synthetic cohorts (IRT model, labelled synthetic)`, 'Samples');
      // The recorded run is one evaluation: one round. Its date is the model snapshot's (GPT-4-0314);
      // there is no earlier recorded evaluation, so the demo has no change since a previous round.
      await app.get(RoundsService).groupUngrouped({
        name: 'GAOKAO-Bench 2023',
        heldOn: '2023-03-14',
        notes:
          'GPT-4-0314 answers recorded by GAOKAO-Bench (OpenLMLab), graded here; the date is the model snapshot’s. ' +
          'Includes simulated answers (yuejuan-sim-k12) to the papers below grade 12: drawn at published aggregate accuracies, not a model’s.',
      });
    }
    let assigned = 0;
    if (hasDemoAccounts) {
      // Grading first: it creates the marking tasks the teachers are assigned to.
      await app.get(GradingService).catchUp();
      const questionIds = await store.questionsWithTasks();
      const teachers = questionIds.length ? await store.userIds(DEMO_TEACHERS) : [];
      for (const id of teachers) await app.get(AssignmentsService).add(id, questionIds, { id: null, name: 'system' });
      assigned = teachers.length;
    }
    await store.record(SEEDED, { at: new Date().toISOString(), samples, teachersAssigned: assigned });
  });
}
