import { parse } from 'papaparse';
import { findingsCsv } from './report-export';
import type { FindingsResult } from './findings.service';

const restsOn = {
  totalPoints: 10,
  scoredPoints: 10,
  pendingPoints: 0,
  notScoredPoints: 0,
  comparablePoints: 10,
  questions: 1,
  cohorts: 1,
  students: 50,
  synthetic: true,
  simulated: true,
};

describe('findings export', () => {
  it('says on each row whether a simulated model is behind it, beside the synthetic cohort', () => {
    const f: FindingsResult = {
      round: { id: 'R', name: '2024 秋冬', heldOn: '2024-12-01' },
      previous: null,
      findings: [
        {
          code: 'finding.model_vs_students.above',
          params: { model: 'sim', diff: 0.1 },
          restsOn,
          drill: null,
        },
        {
          code: 'finding.model_vs_students.tie',
          params: { model: 'real', diff: 0 },
          restsOn: { ...restsOn, simulated: false },
          drill: null,
        },
      ],
      cohorts: [],
      scoring: { source: 'teachers', judge: null },
      filters: { narrowed: [], runsIgnored: false },
      method: { replicates: 1000, seed: 1, level: 0.95 },
    };
    const rows = parse<Record<string, string>>(findingsCsv(f), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows.map((r) => [r.model, r.simulated_model, r.cohort])).toEqual([
      [
        'sim',
        'SIMULATED model behind it (answers drawn by a script)',
        'SYNTHETIC (generated, not real students)',
      ],
      ['real', 'no', 'SYNTHETIC (generated, not real students)'],
    ]);
  });
});
