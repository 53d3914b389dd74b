import { Workbook } from 'exceljs';
import { unparse } from 'papaparse';
import type { SourcedFigure } from './report-scoring-source';
import type { FindingsResult } from './findings.service';
import { FullReport } from './reports.service';

type Cell = string | number | null;

/** Text that a spreadsheet would run as a formula is prefixed with a quote (CSV injection). */
const safe = (v: Cell): Cell => (typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);
const round = (x: number | null | undefined, d = 4) =>
  x === null || x === undefined ? null : Math.round(x * 10 ** d) / 10 ** d;

export function cohortLabel(r: FullReport): string {
  if (!r.cohorts.length) return 'none';
  const synthetic = r.cohorts.filter((c) => c.isSynthetic).length;
  return synthetic === r.cohorts.length
    ? 'SYNTHETIC (generated, not real students)'
    : synthetic
      ? 'mixed: some SYNTHETIC'
      : 'real';
}

const FIGURE_COLUMNS = [
  'model',
  'run',
  'dimension',
  'value',
  'questions',
  'left_out_pending',
  'left_out_not_scored',
  'left_out_not_applicable',
  'left_out_no_cohort',
  'basis_points',
  'basis_objective_points',
  'model_rate',
  'cohort_rate',
  'difference',
  'ci_low',
  'ci_high',
  'verdict',
  'percentile',
  'scored_points',
  'pending_points',
  'not_scored_points',
  'not_applicable_points',
  'total_points',
  'agreement_pairs',
  'agreement_exact',
  'agreement_adjacent',
  'qwk',
  'markers_disagree',
  'change',
  'change_ci_low',
  'change_ci_high',
  'change_verdict',
  'cohort',
  // Where the scores came from (the report's scoring source), so a file says what its figures rest on.
  'scoring_source',
  'judge',
  'points_from_rules',
  'points_from_teachers',
  'points_from_judge',
  'points_not_scored_yet',
  // A simulated model's answers were drawn by a script (ai_models.is_simulated): the file says so.
  'model_simulated',
];

/** The report's figures with their points by source (FullReport's figures are an intersection type that filter() narrows away). */
const sourced = (r: FullReport) => r.figures as SourcedFigure[];

function figureRows(r: FullReport, figures: SourcedFigure[]): Cell[][] {
  const entries = new Map(r.entries.map((e) => [e.key, e]));
  const label = cohortLabel(r);
  const judge = r.scoring.judge
    ? `${r.scoring.judge.name} (${r.scoring.judge.templateVersion})`
    : null;
  return figures.map((f) => {
    const e = entries.get(f.entryKey)!;
    const c = f.coverage;
    const p = f.sourcePoints;
    return [
      e.modelName,
      e.runName,
      f.dimension,
      f.value,
      f.questions,
      f.leftOut.pending,
      f.leftOut.notScored,
      f.leftOut.notApplicable,
      f.leftOut.noCohort,
      round(f.basis.points, 2),
      round(f.basis.objectivePoints, 2),
      round(f.modelRate),
      round(f.cohortRate),
      round(f.diff),
      round(f.ci?.[0]),
      round(f.ci?.[1]),
      f.verdict,
      round(f.percentile, 1),
      round(c.scoredPoints, 2),
      round(c.pendingPoints, 2),
      round(c.notScoredPoints, 2),
      round(c.notApplicablePoints, 2),
      round(c.totalPoints, 2),
      f.agreement?.n ?? null,
      round(f.agreement?.exact),
      round(f.agreement?.adjacent),
      round(f.agreement?.qwk),
      f.agreement ? (f.agreement.flagged ? 'yes' : 'no') : null,
      round(f.change?.diff),
      round(f.change?.ci?.[0]),
      round(f.change?.ci?.[1]),
      f.change?.verdict ?? null,
      label,
      r.scoring.source,
      judge,
      round(p.rules, 2),
      round(p.teachers, 2),
      round(p.judge, 2),
      round(p.none, 2),
      e.isSimulated ? 'SIMULATED (answers drawn by a script)' : 'no',
    ].map(safe);
  });
}

/**
 * The headline findings as a table: the code (the client's catalogue words it), the figures with
 * their intervals, and what each rests on. Codes and numbers, no sentences: the reader's language
 * is the UI's business, and a table sorts and filters in a spreadsheet.
 */
const FINDING_FIGURES = ['diff', 'ratio', 'relative', 'gapChange', 'index'] as const;
const FINDING_COLUMNS = [
  'round',
  'previous_round',
  'code',
  'dimension',
  'value',
  'subject',
  'model',
  'field_stat',
  ...FINDING_FIGURES.flatMap((f) => [f, `${f}_ci_low`, `${f}_ci_high`]),
  'models_above',
  'models_holding',
  'models',
  'scored_points',
  'pending_points',
  'not_scored_points',
  'comparable_points',
  'students',
  'cohort',
  'drill_entry',
  'simulated_model',
];

function findingRows(f: FindingsResult): Cell[][] {
  const text = (v: unknown) =>
    v === undefined || v === null ? null : Array.isArray(v) ? v.join('; ') : String(v);
  const num = (v: unknown) => (typeof v === 'number' ? round(v) : null);
  return f.findings.map((x) => {
    const p = x.params;
    return [
      f.round?.name ?? null,
      f.previous?.name ?? null,
      x.code,
      text(p.dimension),
      text(p.value),
      text(p.subject),
      text(p.model),
      text(p.stat),
      ...FINDING_FIGURES.flatMap((k) => [num(p[k]), num(p[`${k}Low`]), num(p[`${k}High`])]),
      text(p.modelsAbove),
      num(p.holds),
      num(p.models),
      round(x.restsOn.scoredPoints, 2),
      round(x.restsOn.pendingPoints, 2),
      round(x.restsOn.notScoredPoints, 2),
      round(x.restsOn.comparablePoints, 2),
      x.restsOn.students,
      x.restsOn.cohorts
        ? x.restsOn.synthetic
          ? 'SYNTHETIC (generated, not real students)'
          : 'real'
        : null,
      x.drill?.entry ?? null,
      x.restsOn.simulated ? 'SIMULATED model behind it (answers drawn by a script)' : 'no',
    ].map(safe);
  });
}

export function findingsCsv(f: FindingsResult): string {
  return unparse({ fields: FINDING_COLUMNS, data: findingRows(f) });
}

export function reportCsv(r: FullReport): string {
  return unparse({ fields: FIGURE_COLUMNS, data: figureRows(r, sourced(r)) });
}

/** Sheets: summary, by subject, by split, by question (the heat map), findings (of a round, when there is one), marks. */
export async function reportXlsx(
  r: FullReport,
  marks: Record<string, unknown>[],
  findings?: FindingsResult,
): Promise<Buffer> {
  const wb = new Workbook();
  wb.creator = 'Yuejuan';
  const sheet = (name: string, columns: string[], rows: Cell[][]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow(columns).font = { bold: true };
    for (const row of rows) ws.addRow(row);
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    return ws;
  };
  const summary = sheet(
    'summary',
    FIGURE_COLUMNS,
    figureRows(
      r,
      sourced(r).filter((f) => f.dimension === 'overall' || f.dimension === 'group'),
    ),
  );
  summary.addRow([]);
  summary.addRow([`Cohorts: ${cohortLabel(r)}`]);
  summary.addRow([
    safe(
      `Scoring source: ${r.scoring.source}${r.scoring.judge ? `, judge ${r.scoring.judge.name} (${r.scoring.judge.templateVersion})` : ''}` +
        (r.scoring.source === 'judge_only'
          ? ' — JUDGE ONLY: every teacher-marked score here comes from the judge, for comparison'
          : ''),
    ),
  ]);
  // The findings follow the report's filters and scoring source (runs aside: a round decides its runs).
  if (findings?.round)
    summary.addRow([
      `Findings (sheet "findings"): round ${findings.round.name}, scoring source ${findings.scoring.source}` +
        (findings.filters.narrowed.length
          ? `, filtered by ${findings.filters.narrowed.join(', ')}`
          : ', whole round') +
        (findings.filters.runsIgnored
          ? ' (the runs filter does not apply: the round decides its runs)'
          : ''),
    ]);
  for (const c of r.cohorts)
    summary.addRow([safe(c.name), c.isSynthetic ? 'SYNTHETIC' : 'real', c.students]);
  summary.addRow([
    `95% bootstrap intervals, ${r.method.replicates} replicates, seed ${r.method.seed}; markers disagree when QWK < ${r.method.minQwk}`,
  ]);
  sheet(
    'by subject',
    FIGURE_COLUMNS,
    figureRows(
      r,
      sourced(r).filter((f) => f.dimension === 'subject'),
    ),
  );
  sheet(
    'by split',
    FIGURE_COLUMNS,
    figureRows(
      r,
      sourced(r).filter((f) => !['overall', 'group', 'subject'].includes(f.dimension)),
    ),
  );
  sheet(
    'by question',
    [
      'paper',
      'subject',
      'question',
      'max_points',
      'cohort_rate',
      ...r.entries.map((e) => `${e.modelName} · ${e.runName}`),
    ].map((x) => safe(x) as string),
    r.heatMap.map((h) =>
      [
        h.paperTitle,
        h.subject,
        h.number,
        h.maxPoints,
        round(h.cohortRate),
        ...h.cells.map((c) => (c.state === 'scored' ? round(c.rate) : c.state)),
      ].map(safe),
    ),
  );
  // A round's headline findings, when the install has rounds (the findings belong to a round).
  if (findings?.round) sheet('findings', FINDING_COLUMNS, findingRows(findings));
  const markColumns = [
    'paper',
    'question',
    'model',
    'sample',
    'marker',
    'kind',
    'points',
    'seconds',
    'at',
  ];
  sheet(
    'marks',
    markColumns,
    marks.map((m) =>
      markColumns.map((k) =>
        safe(m[k] instanceof Date ? (m[k] as Date).toISOString() : (m[k] as Cell)),
      ),
    ),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
