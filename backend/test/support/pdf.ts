import type { Agent } from '../test-app';

/** Polls an uploaded PDF until its pages are rendered (or rendering failed): 20 s at most. */
export async function waitForPdf(http: Agent, id: string) {
  for (let i = 0; i < 100; i++) {
    const res = await http.get(`/api/pdfs/${id}`);
    if (res.body.status === 'ready' || res.body.status === 'failed') return res.body;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('PDF never finished rendering');
}
