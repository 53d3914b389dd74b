import type { AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-errors';
import { JudgedAnswer } from './domain/judge-quality';
import type {
  JudgeKey,
  JudgeQualityRepository,
  JudgeQuestionRow,
} from './judge-quality.repository';
import { JUDGE_QUALITY_SEED, JudgeQualityService } from './judge-quality.service';

/** The decisions of JudgeQualityService against a hand-written repository: what it asks for, refuses, shows whom. */

const judge: JudgeKey = { judgeModelId: 'jm', templateVersion: 'judge@1' };
const thresholds = { minAnswers: 4, minHumanPairs: 4, maxQwkDrop: 0.05, maxSmd: 0.15 };

const question = (id: string): JudgeQuestionRow => ({
  questionId: id,
  maxPoints: 4,
  tolerance: 0,
  itemIds: null,
  number: id.slice(1),
  paperTitle: '测试卷',
  subject: 'math',
});

const answer = (id: string, judged: number, final: number, modelId: string | null = 'm1') =>
  ({
    responseId: id,
    source: modelId ? 'model' : 'student',
    modelId,
    judge: judged,
    judgeStatus: 'scored',
    judgeItems: [],
    final,
    reads: [
      { points: final, items: [] },
      { points: final, items: [] },
    ],
  }) as JudgedAnswer;

/** Reads exactly as the teachers on every score: validated. */
const agreeing = [0, 1, 2, 3, 4].map((s) => answer(`a${s}`, s, s));
/** Always full marks whatever the teachers said: not validated. */
const lenient = [0, 1, 2, 3, 4].map((s) => answer(`b${s}`, 4, s, s % 2 ? 'm2' : null));

class Fakes {
  calls: string[] = [];
  rows = new Map<string, JudgeQuestionRow>([
    ['q1', question('q1')],
    ['q2', question('q2')],
  ]);
  answers = new Map<string, JudgedAnswer[]>([
    ['q1', agreeing],
    ['q2', lenient],
  ]);
  repo = {
    judges: async () => [{ judgeModelId: 'jm' }],
    questions: async (_j: JudgeKey, ids: string[] | null = null) => {
      this.calls.push(`questions ${ids?.join(',') ?? 'all'}`);
      return [...this.rows.values()].filter((q) => !ids || ids.includes(q.questionId));
    },
    answers: async (_j: JudgeKey, ids: string[]) => {
      this.calls.push(`answers ${ids.join(',')}`);
      return new Map(ids.map((id) => [id, this.answers.get(id) ?? []]));
    },
    modelNames: async (ids: string[]) => {
      this.calls.push(`modelNames ${[...ids].sort().join(',')}`);
      return new Map(ids.map((id) => [id, `Model ${id}`]));
    },
    disagreementDetails: async (_j: JudgeKey, _q: string, ids: string[]) =>
      ids.map((responseId) => ({
        responseId,
        text: '<think>先算</think>【答案】x 的答案<eoa>',
        source: 'model',
        modelName: 'Model m2',
        judgeItems: ['i1'],
        judgeAdjustment: 0,
        rationale: '理由',
        reads: [],
      })),
  };
  service() {
    return new JudgeQualityService(
      this.repo as unknown as JudgeQualityRepository,
      {
        judgeValidation: thresholds,
      } as AppConfig,
    );
  }
}

describe('JudgeQualityService.overview', () => {
  it('reads the answers of every question the judge read, once, and gives each its verdict', async () => {
    const f = new Fakes();
    const o = await f.service().overview(judge);
    expect(f.calls).toEqual(['questions all', 'answers q1,q2']);
    expect(o.thresholds).toEqual(thresholds);
    expect(o.questions.map((q) => [q.questionId, q.verdict.validated])).toEqual([
      ['q1', true],
      ['q2', false],
    ]);
    expect(o.questions[0]).toMatchObject({ number: '1', paperTitle: '测试卷', maxPoints: 4 });
    expect(o.questions[0].counts).toMatchObject({ answers: 5, compared: 5, doubleMarked: 5 });
  });
});

describe('JudgeQualityService.question', () => {
  it('refuses a question the judge has no judgement on (404 judge.quality.no_judgements)', async () => {
    const f = new Fakes();
    const err = await f
      .service()
      .question(judge, 'q9', ['teacher'])
      .catch((e) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ status: 404, code: 'judge.quality.no_judgements' });
    expect(f.calls).toEqual(['questions q9']);
  });

  it('to a teacher: no slices, no model names, no source on the disagreements; the excerpt is the blind form', async () => {
    const f = new Fakes();
    const d = await f.service().question(judge, 'q2', ['teacher']);
    expect(f.calls.some((c) => c.startsWith('modelNames'))).toBe(false);
    expect(d.slices).toEqual([]);
    expect(d.method).toEqual({ seed: JUDGE_QUALITY_SEED, replicates: 1000, level: 0.95 });
    expect(d.question).toMatchObject({ id: 'q2', number: '2', tolerance: 0 });
    expect(d.disagreements.length).toBeGreaterThan(0);
    for (const x of d.disagreements) {
      expect(x).not.toHaveProperty('source');
      expect(x).not.toHaveProperty('modelName');
      expect(x).toMatchObject({ judgeItems: ['i1'], rationale: '理由' });
      expect(x.excerpt).toBe('x 的答案');
    }
    // largest disagreement first: the answer the teachers gave 0
    expect(d.disagreements[0]).toMatchObject({ responseId: 'b0', judge: 4, final: 0 });
  });

  it('to a researcher: slices labelled with the model names, and who wrote each disagreement', async () => {
    const f = new Fakes();
    const d = await f.service().question(judge, 'q2', ['researcher']);
    expect(f.calls).toContain('modelNames m2');
    const models = d.slices.filter((s) => s.kind === 'model');
    expect(models.map((s) => [s.value, s.label])).toEqual([['m2', 'Model m2']]);
    expect(d.slices.filter((s) => s.kind === 'source').every((s) => s.label === s.value)).toBe(
      true,
    );
    expect(d.disagreements[0]).toMatchObject({ source: 'model', modelName: 'Model m2' });
  });

  it('treats an admin as a researcher and a senior teacher as a teacher', async () => {
    const f = new Fakes();
    expect((await f.service().question(judge, 'q2', ['admin'])).slices.length).toBeGreaterThan(0);
    expect((await f.service().question(judge, 'q2', ['senior_teacher'])).slices).toEqual([]);
  });
});

describe('JudgeQualityService.validatedQuestions', () => {
  it('is the questions the acceptance rule validates', async () => {
    const f = new Fakes();
    expect([...(await f.service().validatedQuestions(judge))]).toEqual(['q1']);
  });

  it('asks only about the questions given, and reads no answers when the judge read none of them', async () => {
    const f = new Fakes();
    expect((await f.service().validatedQuestions(judge, ['q7'])).size).toBe(0);
    expect(f.calls).toEqual(['questions q7']);
  });
});
