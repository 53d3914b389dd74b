import { Inject, Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { CohortsService } from '../cohorts/cohorts.service';
import { AnswersImportService } from '../collection/answers-import.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { InstallStore } from '../database/install-store';
import { Pipeline } from '../jobs/pipeline';
import { JudgeImportService } from '../judging/judge-import.service';
import { AssignmentsService } from '../marking/assignments.service';
import { SamplesService } from '../papers/samples.service';
import { RoundsService } from '../reports/rounds.service';

const SEEDED = 'demo_seeded';
const DEMO_TEACHERS = ['teacher', 'teacher2', 'senior'];

/**
 * The demo, made once on an empty install: sample papers with a recorded model run and synthetic
 * cohorts, graded, and the demo teachers assigned to every question with answers waiting. Recorded
 * in install_settings, so a later start never redoes it (an admin's removed assignments stay removed).
 * It reaches across the whole pipeline, as main.ts did: the services are looked up, not imported
 * as modules, so the worker module does not pull every feature module into its own.
 */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger('Samples');

  constructor(
    private readonly modules: ModuleRef,
    private readonly db: DataSource,
    private readonly pipeline: Pipeline,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get<T>(type: new (...args: never[]) => T): T {
    return this.modules.get(type, { strict: false });
  }

  /** `hasDemoAccounts`: the demo accounts exist (created by this start, since the install is empty). */
  async seedFreshInstall(hasDemoAccounts: boolean): Promise<void> {
    const store = new InstallStore(this.db);
    await store.exclusively(async () => {
      if (await store.has(SEEDED)) return;
      const samples = this.config.seedSamples ? await this.get(SamplesService).loadIfEmpty() : 0;
      if (samples > 0) {
        const runs = join(this.config.samplesDir, 'recorded-runs');
        const answers = await this.get(AnswersImportService).importRecordedRuns(runs);
        // Graded (and queued for teachers) before the rest, as an import through the API would be.
        await this.pipeline.settle();
        this.logger.log(`loaded ${answers} recorded model answers`);
        // No model's answers to the papers below grade 12 are published: a labelled simulated run
        // (ai_models.is_simulated, backend/scripts/build-simulated-run.mjs) stands in, so the report spans grades 1–12.
        const simulated = await this.get(AnswersImportService).importSimulatedRuns(
          join(runs, 'simulated'),
        );
        await this.pipeline.settle();
        this.logger.log(
          `loaded ${simulated} simulated answers (labelled simulated, not a model's)`,
        );
        // GAOKAO-Bench's own GPT-4-1106-preview grading of those answers: a real judge, offline.
        const judged = await this.get(JudgeImportService).importRecordedJudges(runs);
        this.logger.log(`loaded ${judged} recorded judge reads`);
        // No public dataset has real students: each sample paper gets a synthetic cohort, labelled so.
        const cohorts = await this.get(CohortsService).ensureSyntheticCohorts();
        this.logger.log(`generated ${cohorts} synthetic cohorts (IRT model, labelled synthetic)`);
        // The recorded run is one evaluation: one round. Its date is the model snapshot's (GPT-4-0314);
        // there is no earlier recorded evaluation, so the demo has no change since a previous round.
        await this.get(RoundsService).groupUngrouped({
          name: 'GAOKAO-Bench 2023',
          heldOn: '2023-03-14',
          notes:
            'GPT-4-0314 answers recorded by GAOKAO-Bench (OpenLMLab), graded here; the date is the model snapshot’s. ' +
            'Includes simulated answers (yuejuan-sim-k12) to the papers below grade 12: drawn at published aggregate accuracies, not a model’s.',
        });
      }
      let assigned = 0;
      if (hasDemoAccounts) {
        // Grading and the marking sync first: they create the tasks the teachers are assigned to.
        await this.pipeline.settle();
        const questionIds = await store.questionsWithTasks();
        const teachers = questionIds.length ? await store.userIds(DEMO_TEACHERS) : [];
        for (const id of teachers)
          await this.get(AssignmentsService).add(id, questionIds, { id: null, name: 'system' });
        assigned = teachers.length;
      }
      await store.record(SEEDED, {
        at: new Date().toISOString(),
        samples,
        teachersAssigned: assigned,
      });
    });
  }
}
