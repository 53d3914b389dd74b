import { APIRequestContext, expect } from '@playwright/test';
import { apiSignIn } from './accounts';

export interface QueuedQuestion {
  questionId: string;
  questionNumber: string;
  paperVersionId: string;
}

/**
 * As the demo researcher: adds answers by `model` to the first subjective question the recorded
 * GPT-4-0314 run answered (so the demo teachers are already assigned to its queue), and returns it.
 */
export async function addAnswersToRecordedQuestion(
  api: APIRequestContext,
  model: string,
  responses: string[],
): Promise<QueuedQuestion> {
  const csrf = await apiSignIn(api, 'researcher');
  const runs = (await (await api.get('/api/runs')).json()) as { id: string; name: string }[];
  const recorded = runs.find((r) => /recorded run/.test(r.name))!;
  const answers = (await (
    await api.get(`/api/runs/${recorded.id}/answers?limit=500`)
  ).json()) as (QueuedQuestion & {
    type: string;
    state: string;
  })[];
  const target = answers.find(
    (a) => a.state === 'answered' && ['short_answer', 'calculation', 'essay'].includes(a.type),
  )!;
  const lines = responses.map((response, sample) =>
    JSON.stringify({
      paper: target.paperVersionId,
      question: target.questionNumber,
      model,
      sample,
      response,
    }),
  );
  const imported = await api.post('/api/runs/import', {
    headers: { 'X-XSRF-TOKEN': csrf },
    multipart: {
      file: {
        name: `${model}.jsonl`,
        mimeType: 'application/jsonl',
        buffer: Buffer.from(lines.join('\n')),
      },
    },
  });
  expect(imported.status()).toBe(201);
  return target;
}
