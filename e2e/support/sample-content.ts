import { APIRequestContext, expect } from '@playwright/test';
import { apiSignIn } from './accounts';

/**
 * Real sample content for the teachers' journeys and the UI tour, added through the API as the
 * demo researcher and admin would: a maths answer full of formulas on the 2022 triangle question,
 * unreadable answers to an image question (four graphs as options), and the demo teachers assigned.
 */

/** A maths answer as models write them: superscripts, fractions, roots, a table, a harness end marker. */
export const MATHS_ANSWER = [
  '解：(1) 由余弦定理 $a^2=b^2+c^2-2bc\\cos A$，代入得 $\\cos A=\\frac{25}{31}$。',
  '',
  '(2) 由 (1) 知 $BC=\\sqrt{6}$，所以周长为 $5+\\sqrt{6}+\\frac{25}{31}$。',
  '',
  '| 小问 | 结果 |',
  '|---|---|',
  '| (1) | $\\frac{25}{31}$ |',
  '| (2) | $\\sqrt{6}$ |',
  '【答案】$\\frac{25}{31}$<eoa>',
].join('\n');

export interface SampleQuestion {
  questionId: string;
  paperVersionId: string;
  number: string;
}

async function paperBySlug(api: APIRequestContext, slug: string) {
  const papers = (await (await api.get('/api/papers')).json()) as { id: string; slug: string }[];
  const paper = papers.find((p) => p.slug === slug)!;
  return (await (await api.get(`/api/papers/${paper.id}`)).json()) as {
    id: string;
    questions: { id: string; number: string; type: string }[];
  };
}

async function importAnswers(
  api: APIRequestContext,
  csrf: string,
  model: string,
  q: SampleQuestion,
  responses: string[],
) {
  const lines = responses.map((response, sample) =>
    JSON.stringify({ paper: q.paperVersionId, question: q.number, model, sample, response }),
  );
  const res = await api.post('/api/runs/import', {
    headers: { 'X-XSRF-TOKEN': csrf },
    multipart: {
      file: {
        name: `${model}.jsonl`,
        mimeType: 'application/jsonl',
        buffer: Buffer.from(lines.join('\n')),
      },
    },
  });
  expect(res.status()).toBe(201);
}

/** Assigns the demo teachers to these questions, as an admin. */
export async function assignDemoTeachers(api: APIRequestContext, questionIds: string[]) {
  const csrf = await apiSignIn(api, 'admin');
  const users = (await (await api.get('/api/admin/users')).json()) as {
    id: string;
    username: string;
  }[];
  for (const u of users.filter((x) => ['teacher', 'teacher2', 'senior'].includes(x.username))) {
    const res = await api.post('/api/admin/assignments', {
      headers: { 'X-XSRF-TOKEN': csrf },
      data: { userId: u.id, questionIds },
    });
    expect(res.status()).toBeLessThan(300);
  }
}

/** The 2022 national B maths paper's question 12 (triangle, cos A = 25/31) with `n` maths answers. */
export async function addMathsAnswers(api: APIRequestContext, model: string, n = 2) {
  const csrf = await apiSignIn(api, 'researcher');
  const paper = await paperBySlug(api, 'gaokao-2022-national-b-math');
  const q = paper.questions.find((x) => x.number === '12')!;
  const target = { questionId: q.id, paperVersionId: paper.id, number: q.number };
  await importAnswers(api, csrf, model, target, Array(n).fill(MATHS_ANSWER));
  return target;
}

/** The 2018 national 1 maths paper's question 11: a rubric of ten step items, the last ones below the fold. */
export async function addLongRubricAnswers(api: APIRequestContext, model: string) {
  const csrf = await apiSignIn(api, 'researcher');
  const paper = await paperBySlug(api, 'gaokao-2018-national-1-math');
  const q = paper.questions.find((x) => x.number === '11')!;
  const target = { questionId: q.id, paperVersionId: paper.id, number: q.number };
  await importAnswers(api, csrf, model, target, [
    '解：(1) $f(p)=C_{20}^{2}p^{2}(1-p)^{18}$，$f^{\\prime}(p)=0$ 得 $p=0.1$，故 $p_0=0.1$。\n\n(2)(i) $EX=40+25\\times 18\\times 0.1=490$；(ii) $490>400$，应检验余下的产品。',
  ]);
  await assignDemoTeachers(api, [q.id]);
  return target;
}

/**
 * The image maths paper's question 7 (its options are four graphs): answers the grader cannot
 * read go to teachers as unparsed; the demo teachers are assigned to it.
 */
export async function addImageQuestionAnswers(api: APIRequestContext, model: string) {
  const csrf = await apiSignIn(api, 'researcher');
  const paper = await paperBySlug(api, 'gaokao-mm-math-images');
  const q = paper.questions.find((x) => x.number === '7')!;
  const target = { questionId: q.id, paperVersionId: paper.id, number: q.number };
  await importAnswers(api, csrf, model, target, [
    '图像关于原点对称，而且 x>0 时函数值为正，所以是那个先降后升的。',
    '我觉得应该是第二个或者第四个图像，很难说。',
  ]);
  await assignDemoTeachers(api, [q.id]);
  return target;
}
