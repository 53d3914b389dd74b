/**
 * Validates a cohort table (already read from CSV or XLSX into header + rows of text) against a
 * paper's scored units. Two layouts: per-question statistics (question, count, mean, sd,
 * distribution) or a per-student score matrix (student, then one column per question number).
 * Every problem names its row and column as a spreadsheet would (row 1 is the header).
 */
export interface CohortQuestion {
  id: string;
  number: string;
  maxPoints: number;
}

export interface CellError {
  file: string;
  row: number;
  column?: string;
  code?: string;
  params?: Record<string, string | number | boolean | null>;
  message: string;
}

/**
 * Why a student id cannot be stored or shown, or null. A leading = + - @ makes a spreadsheet run
 * it as a formula when a report is opened (`=cmd|…`); control characters are invisible mistakes.
 */
export function studentIdProblem(id: string): { code: string; message: string } | null {
  if (/^[=+\-@]/.test(id)) {
    return {
      code: 'cohort.student_formula',
      message: `student id "${id}" starts with ${id[0]}, which spreadsheets run as a formula`,
    };
  }
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0000-\u001F\u007F-\u009F]/.test(id)) {
    return {
      code: 'cohort.student_control',
      message: `student id ${JSON.stringify(id)} contains a control character`,
    };
  }
  return null;
}

export interface QuestionStat {
  questionId: string;
  n: number;
  mean: number;
  sd: number | null;
  distribution: Record<string, number> | null;
}

export type ParsedCohort =
  | { kind: 'question_stats'; stats: QuestionStat[] }
  | { kind: 'score_matrix'; students: string[]; questionIds: string[]; scores: Float64Array };

const MAX_ERRORS = 100;
const STUDENT = ['student', 'student_id', 'id', '学号', '考号', '考生号'];
const QUESTION = ['question', '题号', '题目'];
const COUNT = ['count', 'n', '人数'];
const MEAN = ['mean', 'average', '平均分', '均分'];
const SD = ['sd', 'std', 'stddev', '标准差'];
const DISTRIBUTION = ['distribution', '分布'];

/** Spreadsheet column name of a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const norm = (s: string) => s.trim().toLowerCase();
const number = (s: string) => (/^\s*-?\d+(\.\d+)?\s*$/.test(s) ? Number(s) : NaN);

export function parseCohortTable(
  file: string,
  header: string[],
  rows: string[][],
  questions: CohortQuestion[],
) {
  const errors: CellError[] = [];
  const first = norm(header[0] ?? '');
  let cohort: ParsedCohort | undefined;
  if (STUDENT.includes(first)) cohort = matrix(file, header, rows, questions, errors);
  else if (QUESTION.includes(first)) cohort = stats(file, header, rows, questions, errors);
  else
    errors.push({
      file,
      row: 1,
      column: `${header[0] ?? ''} (A)`,
      message: `the first column must be "student" (a score matrix) or "question" (per-question statistics)`,
    });
  return { cohort: errors.length ? undefined : cohort, errors: errors.slice(0, MAX_ERRORS) };
}

function matrix(
  file: string,
  header: string[],
  rows: string[][],
  questions: CohortQuestion[],
  errors: CellError[],
): ParsedCohort {
  const byNumber = new Map(questions.map((q) => [q.number, q]));
  const columns: (CohortQuestion | undefined)[] = [];
  const seen = new Set<string>();
  header.slice(1).forEach((h, k) => {
    const name = h.trim();
    const at = `${name} (${columnLetter(k + 1)})`;
    const q = byNumber.get(name);
    if (!q)
      errors.push({ file, row: 1, column: at, message: `no question "${name}" in this paper` });
    else if (seen.has(name))
      errors.push({ file, row: 1, column: at, message: `question "${name}" appears twice` });
    seen.add(name);
    columns.push(q);
  });
  for (const q of questions)
    if (!seen.has(q.number))
      errors.push({
        file,
        row: 1,
        column: q.number,
        message: `missing column for question "${q.number}"`,
      });
  const students: string[] = [];
  const firstRow = new Map<string, number>();
  const scores = new Float64Array(rows.length * questions.length);
  const index = new Map(questions.map((q, j) => [q.id, j]));
  rows.forEach((cells, i) => {
    const row = i + 2;
    if (errors.length >= MAX_ERRORS) return;
    const id = (cells[0] ?? '').trim();
    const idProblem = studentIdProblem(id);
    if (!id) errors.push({ file, row, column: `${header[0]} (A)`, message: 'empty student id' });
    else if (idProblem)
      errors.push({
        file,
        row,
        column: `${header[0]} (A)`,
        code: idProblem.code,
        params: { file, row, column: 'A', id },
        message: idProblem.message,
      });
    else if (firstRow.has(id))
      errors.push({
        file,
        row,
        column: `${header[0]} (A)`,
        message: `duplicate student "${id}" (first on row ${firstRow.get(id)})`,
      });
    firstRow.set(id, row);
    students.push(id);
    columns.forEach((q, k) => {
      if (!q) return;
      const raw = cells[k + 1] ?? '';
      const at = `${q.number} (${columnLetter(k + 1)})`;
      const x = number(raw);
      if (!raw.trim())
        errors.push({ file, row, column: at, message: 'empty score (write 0 for no credit)' });
      else if (Number.isNaN(x))
        errors.push({ file, row, column: at, message: `"${raw}" is not a number` });
      else if (x < 0 || x > q.maxPoints)
        errors.push({ file, row, column: at, message: `score ${x} is outside 0–${q.maxPoints}` });
      else scores[i * questions.length + index.get(q.id)!] = x;
    });
    if (cells.length > header.length)
      errors.push({
        file,
        row,
        column: columnLetter(header.length),
        message: 'more cells than the header has columns',
      });
  });
  if (!rows.length) errors.push({ file, row: 2, message: 'no students' });
  return { kind: 'score_matrix', students, questionIds: questions.map((q) => q.id), scores };
}

function stats(
  file: string,
  header: string[],
  rows: string[][],
  questions: CohortQuestion[],
  errors: CellError[],
): ParsedCohort {
  const col = (names: string[]) => header.findIndex((h) => names.includes(norm(h)));
  const c = { n: col(COUNT), mean: col(MEAN), sd: col(SD), distribution: col(DISTRIBUTION) };
  if (c.n < 0) errors.push({ file, row: 1, column: 'count', message: 'missing column "count"' });
  if (c.mean < 0) errors.push({ file, row: 1, column: 'mean', message: 'missing column "mean"' });
  const byNumber = new Map(questions.map((q) => [q.number, q]));
  const done = new Map<string, number>();
  const out: QuestionStat[] = [];
  rows.forEach((cells, i) => {
    const row = i + 2;
    const at = (k: number) => `${header[k]} (${columnLetter(k)})`;
    const name = (cells[0] ?? '').trim();
    const q = byNumber.get(name);
    if (!q)
      return void errors.push({
        file,
        row,
        column: at(0),
        message: `no question "${name}" in this paper`,
      });
    if (done.has(name))
      return void errors.push({
        file,
        row,
        column: at(0),
        message: `question "${name}" appears twice (first on row ${done.get(name)})`,
      });
    done.set(name, row);
    if (c.n < 0 || c.mean < 0) return;
    const n = number(cells[c.n] ?? '');
    const mean = number(cells[c.mean] ?? '');
    const sdRaw = c.sd >= 0 ? (cells[c.sd] ?? '').trim() : '';
    const sd = sdRaw ? number(sdRaw) : null;
    if (!Number.isInteger(n) || n < 1)
      errors.push({
        file,
        row,
        column: at(c.n),
        message: 'count must be a whole number of at least 1',
      });
    if (Number.isNaN(mean) || mean < 0 || mean > q.maxPoints)
      errors.push({
        file,
        row,
        column: at(c.mean),
        message: `mean must be a number within 0–${q.maxPoints}`,
      });
    if (sd !== null && (Number.isNaN(sd) || sd < 0))
      errors.push({ file, row, column: at(c.sd), message: 'sd must be a number of at least 0' });
    const distribution =
      c.distribution >= 0 ? parseDistribution(cells[c.distribution] ?? '', q, n) : null;
    if (typeof distribution === 'string')
      errors.push({ file, row, column: at(c.distribution), message: distribution });
    out.push({
      questionId: q.id,
      n,
      mean,
      sd,
      distribution: typeof distribution === 'string' ? null : distribution,
    });
  });
  for (const q of questions)
    if (!done.has(q.number))
      errors.push({
        file,
        row: rows.length + 2,
        column: 'question',
        message: `missing row for question "${q.number}"`,
      });
  return { kind: 'question_stats', stats: out };
}

/** "0:12;2.5:30;5:58" → { "0": 12, "2.5": 30, "5": 58 }, or a message saying what is wrong. */
function parseDistribution(
  raw: string,
  q: CohortQuestion,
  n: number,
): Record<string, number> | string | null {
  if (!raw.trim()) return null;
  const out: Record<string, number> = {};
  let total = 0;
  for (const part of raw.split(/[;；]/).filter((p) => p.trim())) {
    const [s, c] = part.split(/[:：]/).map(number);
    if (Number.isNaN(s) || !Number.isInteger(c) || c < 0)
      return `distribution entry "${part}" must be score:count`;
    if (s < 0 || s > q.maxPoints) return `distribution score ${s} is outside 0–${q.maxPoints}`;
    out[String(s)] = (out[String(s)] ?? 0) + c;
    total += c;
  }
  return total === n ? out : `distribution counts add up to ${total}, not the count ${n}`;
}
