import type { DraftBundle } from '@yuejuan/contracts';
import { BundleFiles } from './bundle-files';
import { PaperDoc, QuestionDoc } from './bundle.types';
import { normalisePath } from './check-paper';

/**
 * The editor's model of a bundle: the paper and rubric documents as paper.json and rubric.json
 * would hold them, and each image path's sha256 (bytes the server already stores). An intake
 * draft is the same shape, so opening one is only a load step. The client's type too.
 */
export type { DraftBundle } from '@yuejuan/contracts';

const encoder = new TextEncoder();

/** The files a draft stands for; paths whose bytes are unknown are left out, so the validator names them. */
export function draftToFiles(draft: DraftBundle, bytes: Map<string, Uint8Array>): BundleFiles {
  const files: BundleFiles = new Map();
  files.set('paper.json', encoder.encode(JSON.stringify(draft.paper, null, 2)));
  if (draft.rubric) files.set('rubric.json', encoder.encode(JSON.stringify(draft.rubric, null, 2)));
  for (const [path, sha] of Object.entries(draft.images)) {
    const data = bytes.get(sha);
    if (data) files.set(normalisePath(path), data);
  }
  return files;
}

/** A question by number: a top-level question, or the composite holding a sub-question of that number. */
export function findTopQuestion(paper: PaperDoc, number: string): QuestionDoc | null {
  for (const s of Array.isArray(paper.sections) ? paper.sections : []) {
    for (const q of Array.isArray(s?.questions) ? s.questions : []) {
      if (q?.number === number || (q?.subQuestions ?? []).some((sub) => sub?.number === number))
        return q;
    }
  }
  return null;
}
