import type { Agent } from '../test-app';

/**
 * Imports one model's answers as a run through the API (question number → raw response, one JSONL
 * line each, sample 0) and returns the run's id; the import must succeed.
 */
export async function importRun(
  http: Agent,
  answers: Record<string, string>,
  name: string,
  { paper = 'test-mini-paper', model = 'alpha' } = {},
): Promise<string> {
  const text = Object.entries(answers)
    .map(([question, response]) => JSON.stringify({ paper, model, question, response }))
    .join('\n');
  const res = await http
    .post(`/api/runs/import?name=${encodeURIComponent(name)}`)
    .attach('file', Buffer.from(text), 'a.jsonl');
  expect(res.status).toBe(201);
  return res.body.runId as string;
}
