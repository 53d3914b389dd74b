import type { ReportScoring, ScoringSource, SourcePoints } from '@yuejuan/contracts';
import { slices } from './domain/report';
import { Figure, ModelUnit, Report, ReportQuestion } from './domain/report.types';

/**
 * Where a report's scores come from, per scored unit (answer × question):
 * - 'teachers' (the default, the report as it always was): teachers' final scores where a marking
 *   task exists, the automatic grade otherwise (unit_scores);
 * - 'teachers_else_validated_judge': the same, and where teachers have not settled a unit yet, the
 *   judge's score, but only on questions where the judge is validated (acceptance-rule.ts);
 * - 'judge_only': every unit teachers would mark gets the judge's score, validated or not, and
 *   nothing from teachers (for comparison; labelled as such on the page).
 * Objective units scored by the rules stay scored by the rules in every source. Every unit also
 * says where its score came from, so every figure can state its points by source.
 */
export { SCORING_SOURCES } from '@yuejuan/contracts';
export type { ScoringSource } from '@yuejuan/contracts';

export type Scoring = ReportScoring;

export const TEACHERS_ONLY: Scoring = { source: 'teachers', judge: null, validatedQuestionIds: [] };

/** Scored samples of a unit by where the score came from. */
export interface UnitSources {
  rules: number;
  teachers: number;
  judge: number;
}

export type SourcedUnit = ModelUnit & { sources: UnitSources };

/** Points of a figure's questions by where their scores came from; `none` are the points not scored yet (pending). */
export type { SourcePoints } from '@yuejuan/contracts';

/** Points by source over a set of questions, each question's points shared among its samples like the coverage. */
export function sourcePointsOf(
  set: ReportQuestion[],
  units: Map<string, SourcedUnit>,
): SourcePoints {
  const out: SourcePoints = { rules: 0, teachers: 0, judge: 0, none: 0 };
  for (const q of set) {
    const u = units.get(q.id);
    if (!u) continue;
    const samples = u.scored + u.pending + u.notScored + u.notApplicable || 1;
    out.rules += (q.maxPoints * u.sources.rules) / samples;
    out.teachers += (q.maxPoints * u.sources.teachers) / samples;
    out.judge += (q.maxPoints * u.sources.judge) / samples;
    out.none += (q.maxPoints * u.pending) / samples;
  }
  return out;
}

export type SourcedFigure = Figure & { sourcePoints: SourcePoints };

/**
 * Adds to every figure its points by source, over the same slice of questions the figure covers
 * (slices() is the report's own), so the counts and the coverage agree.
 */
export function withSourcePoints<R extends Report>(
  report: R,
  questions: ReportQuestion[],
  units: SourcedUnit[],
  scoring: Scoring,
) {
  const byEntry = new Map<string, Map<string, SourcedUnit>>();
  for (const u of units) {
    if (!byEntry.has(u.entryKey)) byEntry.set(u.entryKey, new Map());
    byEntry.get(u.entryKey)!.set(u.questionId, u);
  }
  const sets = new Map<string, Map<string, ReportQuestion[]>>();
  for (const [entryKey, us] of byEntry) {
    const m = new Map<string, ReportQuestion[]>();
    for (const [dim, value, set] of slices(questions.filter((q) => us.has(q.id))))
      m.set(`${dim}\u0000${value}`, set);
    sets.set(entryKey, m);
  }
  const figures: SourcedFigure[] = report.figures.map((f) => ({
    ...f,
    sourcePoints: sourcePointsOf(
      sets.get(f.entryKey)?.get(`${f.dimension}\u0000${f.value}`) ?? [],
      byEntry.get(f.entryKey) ?? new Map(),
    ),
  }));
  return { ...report, figures, scoring };
}

/** What a report request says about its scoring source (query parameters). */
export interface ScoringQuery {
  scoringSource?: ScoringSource;
  /** The judge model; default: the judge with the most scored judgements on the report's questions. */
  judge?: string;
  judgeTemplate?: string;
}
