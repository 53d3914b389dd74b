import { DomainError } from '../common/domain-errors';
import type { PapersService } from '../papers/papers.service';
import type { MarkingTasksRepository, QuestionPlacement } from './marking-tasks.repository';
import { MarkingViewService } from './marking-view.service';

/** The decisions of MarkingViewService against hand-written fakes: who sees a question pane, and what it holds. */

interface Node {
  id: string;
  number: string;
  subQuestions: Node[];
}

const teacher = { id: 'alice', roles: ['teacher'] };
const senior = { id: 'sam', roles: ['teacher', 'senior_teacher'] };

class Fakes {
  calls: string[] = [];
  placement: QuestionPlacement | null = {
    versionId: 'v1',
    parentId: null,
    isAssigned: true,
    mode: 'single',
    tolerance: 0,
  };
  questions: Node[] = [
    { id: 'q1', number: '1', subQuestions: [] },
    {
      id: 'q2',
      number: '2',
      subQuestions: [{ id: 'q2a', number: '2(1)', subQuestions: [] }],
    },
  ];

  tasks = {
    placement: async (questionId: string, userId: string) => {
      this.calls.push(`placement ${questionId} ${userId}`);
      return this.placement;
    },
  };
  papers = {
    getTree: async (versionId: string) => {
      this.calls.push(`getTree ${versionId}`);
      return { questions: this.questions };
    },
    // The paper view's form of a node, with what a marker must not see (rubric, provenance) in it.
    mapQuestion: (n: Node) => ({
      id: n.id,
      number: n.number,
      stem: `stem ${n.id}`,
      passage: `passage ${n.id}`,
      images: [`img ${n.id}`],
      options: [],
      rubric: { secret: true },
      provenance: { model: 'm' },
    }),
  };

  service() {
    return new MarkingViewService(
      this.tasks as unknown as MarkingTasksRepository,
      this.papers as unknown as PapersService,
    );
  }
}

async function refusal(p: Promise<unknown>): Promise<{ status: number; code: string }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof DomainError) return { status: e.status, code: e.code };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('MarkingViewService.questionView', () => {
  it('refuses a teacher not assigned to the question, and an unknown question, before loading the paper', async () => {
    const f = new Fakes();
    f.placement = { ...f.placement!, isAssigned: false };
    expect(await refusal(f.service().questionView(teacher, 'q1'))).toEqual({
      status: 404,
      code: 'marking.not_assigned',
    });
    f.placement = null;
    expect(await refusal(f.service().questionView(senior, 'q1'))).toEqual({
      status: 404,
      code: 'marking.not_assigned',
    });
    expect(f.calls).toEqual(['placement q1 alice', 'placement q1 sam']);
  });

  it('shows a senior any question (they arbitrate), assigned or not', async () => {
    const f = new Fakes();
    f.placement = { ...f.placement!, isAssigned: false };
    expect(await f.service().questionView(senior, 'q1')).toMatchObject({
      question: { id: 'q1' },
      parent: null,
    });
  });

  it('gives the question without its rubric or provenance, with the mode and tolerance', async () => {
    const f = new Fakes();
    f.placement = { ...f.placement!, mode: 'double', tolerance: 1.5 };
    const view = await f.service().questionView(teacher, 'q1');
    expect(view).toEqual({
      question: {
        id: 'q1',
        number: '1',
        stem: 'stem q1',
        passage: 'passage q1',
        images: ['img q1'],
        options: [],
      },
      parent: null,
      mode: 'double',
      tolerance: 1.5,
    });
    expect(f.calls).toEqual(['placement q1 alice', 'getTree v1']);
  });

  it('for a sub-question: its parent’s number, stem, passage and figures, nothing more', async () => {
    const f = new Fakes();
    f.placement = { ...f.placement!, parentId: 'q2', mode: 'odd' };
    const view = await f.service().questionView(teacher, 'q2a');
    expect(view.question).toMatchObject({ id: 'q2a', number: '2(1)' });
    expect(view.parent).toEqual({
      number: '2',
      stem: 'stem q2',
      passage: 'passage q2',
      images: ['img q2'],
    });
    // Anything but 'double' is single marking.
    expect(view.mode).toBe('single');
  });

  it('refuses a question the paper tree does not hold', async () => {
    const f = new Fakes();
    expect((await refusal(f.service().questionView(teacher, 'q9'))).status).toBe(404);
    f.placement = { ...f.placement!, parentId: 'q2' };
    expect((await refusal(f.service().questionView(teacher, 'q2z'))).status).toBe(404);
  });
});
