import { DomainError } from '../common/domain-errors';
import type { PaperVersionEntity, QuestionEntity } from './paper.entities';
import type { PapersDraftRepository } from './papers-draft.repository';
import type {
  PaperFilters,
  PaperRows,
  PaperSummaryRow,
  PapersRepository,
} from './papers.repository';
import { PapersService } from './papers.service';

/** The decisions of PapersService against a hand-written repository: what it refuses and how it shapes what it read. */

const VID = '11111111-1111-4111-8111-111111111111';

const summary = (over: Partial<PaperSummaryRow> = {}): PaperSummaryRow => ({
  id: VID,
  paper_id: 'p1',
  slug: 'mini',
  version: 2,
  content_hash: 'h2',
  title: '测试卷',
  subject: 'math',
  grade: 12,
  stage: 'senior',
  year: 2022,
  region: '测试',
  language: 'zh',
  total_points: '28.0',
  question_count: 2,
  image_question_count: 0,
  status: 'published',
  source: { name: 'unit' },
  ...over,
});

const question = (id: string, ordinal: number, over: Partial<QuestionEntity> = {}) =>
  ({
    id,
    ordinal,
    number: String(ordinal),
    parentId: null,
    passageId: null,
    knowledgeTags: [],
    ...over,
  }) as QuestionEntity;

class FakePapers {
  calls: string[] = [];
  shown = [summary()];
  version: PaperVersionEntity | null = {
    id: VID,
    paperId: 'p1',
    version: 2,
    contentHash: 'h2',
    totalPoints: 28,
    scoringPolicy: {},
  } as PaperVersionEntity;
  rows: PaperRows = { questions: [], images: [], passages: [], rubrics: [] };
  listShown = async (f: PaperFilters) => {
    this.calls.push(`listShown ${JSON.stringify(f)}`);
    return this.shown;
  };
  findVersion = async (id: string) => {
    this.calls.push(`findVersion ${id}`);
    return this.version;
  };
  rowsOf = async () => this.rows;
  versionsOf = async () => [
    { id: VID, version: 2, contentHash: 'h2', status: 'published', createdAt: new Date(0) },
  ];
  slugOf = async () => 'mini';
  latestVersionsOf = async (refs: string[]) => refs.map((r) => ({ id: VID, slug: r }));
}

const make = (papers = new FakePapers(), drafts = new Map()) => ({
  papers,
  service: new PapersService(
    papers as unknown as PapersRepository,
    { draftsAfter: async () => drafts } as unknown as PapersDraftRepository,
  ),
});

describe('PapersService', () => {
  it('lists with the filters given, numbers as numbers, and the newer draft beside its paper', async () => {
    const draft = { id: 'v3', version: 3, contentHash: 'h3', createdAt: new Date(0) };
    const { papers, service } = make(new FakePapers(), new Map([['p1', draft]]));
    papers.shown = [summary(), summary({ id: 'v9', paper_id: 'p2', slug: 'other' })];
    const list = await service.list({ subject: 'math', q: '测' });
    expect(papers.calls).toEqual([`listShown {"subject":"math","q":"测"}`]);
    expect(list.map((p) => [p.slug, p.totalPoints, p.contentHash, p.draft?.id ?? null])).toEqual([
      ['mini', 28, 'h2', 'v3'],
      ['other', 28, 'h2', null],
    ]);
  });

  it('refuses an id that is not a uuid without a query, and an unknown version, as paper.not_found 404', async () => {
    const { papers, service } = make();
    await expect(service.getVersion('nope')).rejects.toMatchObject({
      status: 404,
      code: 'paper.not_found',
    });
    expect(papers.calls).toEqual([]);
    papers.version = null;
    const e = await service.getVersion(VID).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(DomainError);
    expect(e).toMatchObject({ status: 404, code: 'paper.not_found' });
  });

  it('builds the tree: sub-questions under their parent, the passage text, each question’s newest rubric and its images', async () => {
    const { papers, service } = make();
    papers.rows = {
      questions: [
        question('q1', 1, { passageId: 'pa' }),
        question('q2', 2),
        question('q2a', 3, { parentId: 'q2' }),
      ],
      images: [{ questionId: 'q1', ordinal: 0, assetSha256: 'aa' } as never],
      passages: [{ id: 'pa', content: '阅读材料。' } as never],
      // Newest first, as the repository returns them.
      rubrics: [
        { questionId: 'q2', version: 2 } as never,
        { questionId: 'q2', version: 1 } as never,
      ],
    };
    const tree = await service.getTree(VID);
    expect(tree.questions.map((q) => [q.id, q.subQuestions.map((s) => s.id)])).toEqual([
      ['q1', []],
      ['q2', ['q2a']],
    ]);
    expect(tree.questions[0].passage).toBe('阅读材料。');
    expect(tree.questions[0].images.map((i) => i.assetSha256)).toEqual(['aa']);
    expect(tree.questions[1].rubric?.version).toBe(2);
    expect(tree.questions[1].subQuestions[0].rubric).toBeNull();
  });

  it('details a version with its paper’s slug and every version of the paper', async () => {
    const { service } = make();
    const d = await service.getDetail(VID);
    expect(d).toMatchObject({
      id: VID,
      slug: 'mini',
      totalPoints: 28,
      versions: [{ id: VID, version: 2, contentHash: 'h2' }],
      questions: [],
    });
  });
});
