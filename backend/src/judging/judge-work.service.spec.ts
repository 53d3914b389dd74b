import type { ClaimedItem, KindAttempt, PreparedRequest } from '../collection/work-kinds';
import type { WorkKinds } from '../collection/work-kinds';
import type { AiModelEntity } from '../models/model.entity';
import type { RenderingService } from '../rendering/rendering.service';
import { JUDGE_TEMPLATE_VERSION, JudgeRubric } from './domain/judge-request';
import type { Verdict } from './domain/judge-verdict';
import type { JudgeUnitRow, JudgeWorkRepository, VerdictRow } from './judge-work.repository';
import { JudgeWorkService } from './judge-work.service';

/** The decisions of JudgeWorkService against hand-written fakes: what a judge is asked, and what is stored of its verdict. */

const RUBRIC: JudgeRubric = {
  mode: 'score',
  startingPoints: 0,
  floorPoints: 0,
  ceilingPoints: 5,
  items: [],
  graderNotes: null,
  samples: [],
};
const CONTEXT = {
  templateVersion: JUDGE_TEMPLATE_VERSION,
  rubricId: 'b1',
  rubric: RUBRIC,
  maxPoints: 5,
};
const SCORED = '{"applied_items":[],"adjustment":0,"total":3,"rationale":"steps right"}';

const item = (id: string): ClaimedItem => ({
  id,
  runId: 'jr',
  modelId: 'jm',
  questionId: 'q1',
  paperVersionId: 'v1',
  sampleIndex: 0,
  attemptsCount: 0,
  targetResponseId: `resp-${id}`,
});

const unit = (itemId: string, over: Partial<JudgeUnitRow> = {}): JudgeUnitRow => ({
  itemId,
  questionId: 'q1',
  topQuestionId: 'q1',
  isSubQuestion: false,
  number: '3',
  maxPoints: 5,
  paperVersionId: 'v1',
  referenceAnswer: 'x=2',
  rubricId: 'b1',
  rubric: RUBRIC,
  answerText: `answer of ${itemId}<eoa>`,
  ...over,
});

const model = (over: Partial<AiModelEntity> = {}) =>
  ({ modality: 'text', imageProfile: null, judgeOutput: 'json_schema', ...over }) as AiModelEntity;

class Fakes {
  calls: string[] = [];
  registered: unknown = null;
  units: JudgeUnitRow[] = [];
  renderFails = false;
  recorded: { batch: KindAttempt[]; verdicts: Map<KindAttempt, Verdict> }[] = [];
  completed: VerdictRow[][] = [];
  failed: { row: VerdictRow; error: string }[] = [];
  outputs = new Map<string, string>();

  kinds = { register: (w: unknown) => (this.registered = w) };
  repo = {
    units: async (ids: string[]) => {
      this.calls.push(`units ${ids.join(',')}`);
      return this.units;
    },
    record: async (batch: KindAttempt[], verdicts: Map<KindAttempt, Verdict>) => {
      this.recorded.push({ batch, verdicts });
    },
    cachedOutputs: async (ids: string[]) => {
      this.calls.push(`cachedOutputs ${ids.join(',')}`);
      return this.outputs;
    },
    completeFromCache: async (rows: VerdictRow[]) => {
      this.completed.push(rows);
    },
    fail: async (row: VerdictRow, error: string) => {
      this.failed.push({ row, error });
    },
  };
  rendering = {
    renderPaper: async (versionId: string, modality: string) => {
      this.calls.push(`renderPaper ${versionId} ${modality}`);
      if (this.renderFails) throw new Error('render broke');
      return {
        questions: [
          {
            questionId: 'q1',
            messages: [
              { role: 'system', content: 'sys' },
              { role: 'user', content: `QUESTION ONE (${modality})` },
            ],
          },
        ],
      };
    },
  };

  service() {
    return new JudgeWorkService(
      this.kinds as unknown as WorkKinds,
      this.repo as unknown as JudgeWorkRepository,
      this.rendering as unknown as RenderingService,
    );
  }
}

const userText = (p: PreparedRequest | Error | undefined) =>
  JSON.stringify((p as PreparedRequest).messages.at(-1)!.content);

describe('JudgeWorkService', () => {
  it('registers itself as the runner’s reader kind', () => {
    const f = new Fakes();
    const s = f.service();
    s.onModuleInit();
    expect(f.registered).toBe(s);
  });

  it('prepares a judge request from the question as rendered, the rubric and the blind answer', async () => {
    const f = new Fakes();
    f.units = [unit('1')];
    const out = await f.service().prepare([item('1')], model());
    const req = out.get('1') as PreparedRequest;
    expect(req.templateVersion).toBe(JUDGE_TEMPLATE_VERSION);
    expect(req.responseFormat).not.toBeNull();
    expect(req.context).toEqual(CONTEXT);
    const text = userText(req);
    expect(text).toContain('QUESTION ONE (text)');
    expect(text).toContain('answer of 1');
    expect(text).not.toContain('<eoa>');
    // A tagged-output judge gets no structured output format.
    const tagged = await f.service().prepare([item('1')], model({ judgeOutput: 'tagged' }));
    expect((tagged.get('1') as PreparedRequest).responseFormat).toBeNull();
  });

  it('gives an error, not a request, for an item with no answer or a question not rendered', async () => {
    const f = new Fakes();
    f.units = [unit('2', { topQuestionId: 'q9' })];
    const out = await f.service().prepare([item('1'), item('2')], model());
    expect((out.get('1') as Error).message).toBe('judge item 1 has no answer to read');
    expect((out.get('2') as Error).message).toBe('question q9 is not rendered');
  });

  it('renders a paper once per modality for a batch and keeps it; a failed render is an error, then retried', async () => {
    const f = new Fakes();
    f.units = [unit('1'), unit('2')];
    const s = f.service();
    await s.prepare([item('1'), item('2')], model());
    await s.prepare([item('1')], model());
    expect(f.calls.filter((c) => c.startsWith('renderPaper'))).toEqual(['renderPaper v1 text']);
    const vision = await s.prepare([item('1')], model({ modality: 'vision' }));
    expect(userText(vision.get('1'))).toContain('QUESTION ONE (vision)');
    expect(f.calls.filter((c) => c.startsWith('renderPaper'))).toHaveLength(2);

    const g = new Fakes();
    g.units = [unit('1')];
    g.renderFails = true;
    const t = g.service();
    expect(((await t.prepare([item('1')], model())).get('1') as Error).message).toBe(
      'render broke',
    );
    g.renderFails = false;
    expect((await t.prepare([item('1')], model())).get('1')).toHaveProperty('messages');
    expect(g.calls.filter((c) => c.startsWith('renderPaper'))).toHaveLength(2);
  });

  it('records a batch with a verdict for each success only, checked against the item’s rubric', async () => {
    const f = new Fakes();
    const attempt = (text: string | null, isSuccess: boolean): KindAttempt => ({
      item: item('1'),
      attemptNumber: 1,
      hash: 'h',
      context: CONTEXT,
      a: {
        requestHash: 'h',
        templateVersion: 't',
        startedAt: new Date(0),
        isSuccess,
        responseText: text,
      },
    });
    const ok = attempt(SCORED, true);
    const garbled = attempt('I think 3', true);
    const tooHigh = attempt('{"applied_items":[],"total":9}', true);
    const failedCall = attempt(null, false);
    await f.service().record([ok, garbled, tooHigh, failedCall]);
    const [{ batch, verdicts }] = f.recorded;
    expect(batch).toEqual([ok, garbled, tooHigh, failedCall]);
    expect(verdicts.size).toBe(3);
    expect(verdicts.get(ok)).toEqual({
      status: 'scored',
      appliedItems: [],
      adjustment: 0,
      points: 3,
      rationale: 'steps right',
    });
    expect(verdicts.get(garbled)).toMatchObject({ status: 'failed', code: 'judge.unparsable' });
    expect(verdicts.get(tooHigh)).toMatchObject({
      status: 'failed',
      code: 'judge.total_out_of_range',
      params: { total: 9, max: 5 },
    });
    expect(verdicts.has(failedCall)).toBe(false);
  });

  it('completes cached hits from the earlier outputs, each checked again; a missing output is unparsable', async () => {
    const f = new Fakes();
    f.outputs.set('a1', SCORED);
    await f.service().completeFromCache([
      { item: item('1'), attemptId: 'a1', context: CONTEXT },
      { item: item('2'), attemptId: 'a2', context: CONTEXT },
    ]);
    expect(f.calls).toEqual(['cachedOutputs a1,a2']);
    const [rows] = f.completed;
    expect(rows.map((r) => [r.item.id, r.attemptId, r.hash, r.verdict.status])).toEqual([
      ['1', 'a1', null, 'scored'],
      ['2', 'a2', null, 'failed'],
    ]);
    expect(rows[1].verdict).toMatchObject({ code: 'judge.unparsable', params: { length: 0 } });
    expect(rows[0].context).toBe(CONTEXT);
  });

  it('stores a call that failed for good as a failed judgement with the error cut to 200 characters', async () => {
    const f = new Fakes();
    const error = 'x'.repeat(500);
    await f.service().fail(item('1'), CONTEXT, error);
    expect(f.failed).toEqual([
      {
        row: {
          item: item('1'),
          attemptId: null,
          hash: null,
          context: CONTEXT,
          verdict: {
            status: 'failed',
            code: 'judge.call_failed',
            params: { error: 'x'.repeat(200) },
            rationale: null,
          },
        },
        error,
      },
    ]);
  });
});
