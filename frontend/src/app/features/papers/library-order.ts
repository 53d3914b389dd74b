import { PaperSummary } from './papers.models';

/**
 * The library's order: newest year first, then subject, then grade, keeping the server's title
 * order among papers of one grade. By title alone the CMATH papers ran 一, 三, 二, 五, 六, 四 (the
 * characters' code points), not grade 1 to 6.
 */
export function libraryOrder(papers: readonly PaperSummary[]): PaperSummary[] {
  // Array.prototype.sort is stable: equal keys keep the server's order.
  return [...papers].sort(
    (a, b) =>
      b.year - a.year ||
      (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0) ||
      a.grade - b.grade,
  );
}

/**
 * The subject as a school names it: politics below senior high is 道德与法治 (Morality and Law),
 * the subject that becomes 思想政治 in senior high. It is reported with politics by design
 * (exam-papers/README.md); the library still calls it by its name.
 */
export function subjectLabelKey(p: Pick<PaperSummary, 'subject' | 'stage'>) {
  return p.subject === 'politics' && p.stage && p.stage !== 'senior'
    ? 'library.subject.ethics'
    : `subject.${p.subject}`;
}
