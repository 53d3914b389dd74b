import { parse } from 'yaml';
import { MINI_PAPER } from '../../test/fixtures/bundle-fixture';
import type { AssetsService } from '../assets/assets.service';
import { DEFAULT_VISION_PROFILE, profileKey } from '../assets/image-normalize';
import { DomainError } from '../common/domain-errors';
import type { PaperDoc } from '../papers/bundle/bundle.types';
import type { PapersDraftService } from '../papers/papers-draft.service';
import type { PapersService, PaperTree } from '../papers/papers.service';
import { RenderingService } from './rendering.service';

/** The decisions of RenderingService against hand-written papers, drafts and assets. */

type Node = PaperTree['questions'][number];

const node = (over: Partial<Node>): Node =>
  ({
    id: 'q1',
    number: '1',
    type: 'single_choice',
    points: 5,
    stem: '已知 $x^2=4$',
    options: [{ label: 'A', text: '2' }],
    blanks: null,
    images: [],
    passage: null,
    rubric: null,
    subQuestions: [],
    ...over,
  }) as Node;

const tree = (): PaperTree =>
  ({
    version: { title: '测试卷', subject: 'math', language: 'zh', stage: 'senior' },
    questions: [
      node({ images: [{ assetSha256: 'aa', alt: null, optionLabel: null }] as Node['images'] }),
      node({
        id: 'q2',
        number: '2',
        type: 'composite',
        subQuestions: [
          node({
            id: 'q2a',
            number: '(1)',
            // the same image twice: encoded once
            images: [
              { assetSha256: 'bb', alt: null, optionLabel: null },
              { assetSha256: 'aa', alt: null, optionLabel: null },
            ] as Node['images'],
          }),
        ],
      }),
    ],
  }) as unknown as PaperTree;

class Fakes {
  variants: string[] = [];
  imageAssetsCalls = 0;
  papers = { getTree: async () => tree() };
  drafts = {
    imageAssets: async () => {
      this.imageAssetsCalls += 1;
      return (file: string) => (file === 'images/fig1.png' ? 'cc' : null);
    },
  };
  assets = {
    getVariant: async (sha: string, profile: unknown) => {
      this.variants.push(`${sha} ${profileKey(profile as typeof DEFAULT_VISION_PROFILE)}`);
      return { mime: 'image/png', data: Buffer.from(sha) };
    },
  };
  service() {
    return new RenderingService(
      this.papers as unknown as PapersService,
      this.drafts as unknown as PapersDraftService,
      this.assets as unknown as AssetsService,
    );
  }
}

const userText = (q: { messages: { content: unknown }[] }) => JSON.stringify(q.messages[1].content);

describe('RenderingService.renderPaper', () => {
  it('renders every top-level question in text mode without fetching an image', async () => {
    const f = new Fakes();
    const r = await f.service().renderPaper('v1', 'text');
    expect(r).toMatchObject({ paperVersionId: 'v1', mode: 'text' });
    expect(r.questions.map((q) => [q.questionId, q.number, q.imageProfile])).toEqual([
      ['q1', '1', null],
      ['q2', '2', null],
    ]);
    expect(r.questions[0].flags).toEqual(['image_question_in_text_mode']);
    expect(f.variants).toEqual([]);
  });

  it('in vision mode fetches each distinct image of the questions and sub-questions once, for the profile', async () => {
    const f = new Fakes();
    const r = await f.service().renderPaper('v1', 'vision');
    const key = profileKey(DEFAULT_VISION_PROFILE);
    expect([...f.variants].sort()).toEqual([`aa ${key}`, `bb ${key}`]);
    expect(r.questions.every((q) => q.imageProfile === key)).toBe(true);
    expect(userText(r.questions[0])).toContain(
      `data:image/png;base64,${Buffer.from('aa').toString('base64')}`,
    );
    expect(r.questions[1].imageCount).toBe(2);
  });

  it('renders only the question asked for, fetching only its images', async () => {
    const f = new Fakes();
    const r = await f.service().renderPaper('v1', 'vision', DEFAULT_VISION_PROFILE, 'q1');
    expect(r.questions.map((q) => q.questionId)).toEqual(['q1']);
    expect(f.variants.map((v) => v.split(' ')[0])).toEqual(['aa']);
  });

  it('refuses a question that is not a top-level question of the paper (404 render.question_not_found)', async () => {
    const f = new Fakes();
    const err = await f
      .service()
      .renderPaper('v1', 'text', DEFAULT_VISION_PROFILE, 'q2a')
      .catch((e) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ status: 404, code: 'render.question_not_found' });
    expect(f.variants).toEqual([]);
  });
});

describe('RenderingService.renderDraft', () => {
  const draft = () => ({
    paper: parse(MINI_PAPER) as PaperDoc,
    rubric: null,
    images: { 'images/fig1.png': 'x'.repeat(64) },
  });

  it('returns no question for a number the draft does not have, without resolving images', async () => {
    const f = new Fakes();
    expect(await f.service().renderDraft(draft(), '99', 'vision')).toEqual({
      mode: 'vision',
      questions: [],
    });
    expect(f.imageAssetsCalls).toBe(0);
  });

  it('renders a draft question with its images resolved to the stored assets they show as', async () => {
    const f = new Fakes();
    const r = await f.service().renderDraft(draft(), '1', 'vision');
    expect(f.variants).toEqual([`cc ${profileKey(DEFAULT_VISION_PROFILE)}`]);
    expect(r.questions).toHaveLength(1);
    expect(r.questions[0]).toMatchObject({
      questionId: 'draft:1',
      number: '1',
      imageProfile: profileKey(DEFAULT_VISION_PROFILE),
      imageCount: 1,
    });
    expect(userText(r.questions[0])).toContain(Buffer.from('cc').toString('base64'));
  });

  it('in text mode flags the image and fetches no variant', async () => {
    const f = new Fakes();
    const r = await f.service().renderDraft(draft(), '1', 'text');
    expect(f.variants).toEqual([]);
    expect(r.questions[0]).toMatchObject({
      imageProfile: null,
      flags: ['image_question_in_text_mode'],
    });
  });
});
