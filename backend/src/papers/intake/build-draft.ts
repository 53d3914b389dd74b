/**
 * Lines of a Word or PDF paper → a draft bundle paper with a confidence for each recognised piece
 * and the text it could not place. Pure: the readers (docx-read.ts, pdf-lines.ts) produce the
 * lines; intake.service.ts stores the images and answers the request.
 */
import type {
  ImageRef,
  OptionDoc,
  QuestionDoc,
  QuestionType,
  SectionDoc,
} from '../bundle/bundle.types';
import { OBJECTIVE_TYPES } from '../bundle/bundle.types';
import type { IntakeConfidence, IntakeDraft, IntakeFlag, IntakeUnrecognised } from './draft.types';
import {
  countBlanks,
  IMAGE_TOKEN,
  INLINE_POINTS,
  IntakeLine,
  readLetters,
  readTrueFalse,
  splitBlankAnswers,
} from './intake-text';
import { guessMeta } from './paper-meta';
import {
  AnswerEntry,
  findAnswerSection,
  readAnswerBody,
  splitAnswers,
  splitSubAnswers,
} from './split-answers';
import { joinLines, RawQuestion, RawSection, splitQuestions } from './split-questions';

export type SplitResult = Pick<
  IntakeDraft,
  'paper' | 'confidence' | 'unrecognised' | 'flags' | 'stats'
>;

interface Ctx {
  confidence: IntakeConfidence[];
  flags: IntakeFlag[];
  unrecognised: IntakeUnrecognised[];
  answers: Map<string, AnswerEntry>;
}

/** Splits a paper's lines into a draft: sections, questions, options, points, keys, passages. */
export function buildDraft(lines: IntakeLine[], filename: string, now = new Date()): SplitResult {
  const answerAt = findAnswerSection(lines);
  const raw = splitQuestions(answerAt >= 0 ? lines.slice(0, answerAt) : lines);
  const answerPart =
    answerAt >= 0 ? splitAnswers(lines.slice(answerAt + 1)) : { entries: [], unrecognised: [] };
  const ctx: Ctx = {
    confidence: [],
    flags: [],
    unrecognised: [...raw.unrecognised],
    answers: new Map(),
  };
  for (const e of answerPart.entries) {
    // A second entry for the same number (a key table, then the worked solutions) adds to the first.
    const seen = ctx.answers.get(e.number);
    if (seen) seen.lines.push(...e.lines);
    else ctx.answers.set(e.number, { ...e, lines: [...e.lines] });
  }
  const guessed = guessMeta(raw.titleLines, filename, now);
  const meta = guessed.meta;
  ctx.confidence.push(...guessed.confidence);
  const sections: SectionDoc[] = raw.sections
    .filter((s) => s.questions.length > 0)
    .map((s, i) => buildSection(s, `sections.${i}`, ctx));
  for (const s of raw.sections.filter((s) => s.questions.length === 0)) {
    ctx.unrecognised.push({
      text: [s.title, ...s.instructions].join('\n'),
      reasonCode: 'orphan_text',
    });
  }
  const used = new Set(
    sections.flatMap((s) =>
      s.questions.flatMap((q) => [q.number, ...(q.subQuestions ?? []).map((x) => x.number)]),
    ),
  );
  for (const e of ctx.answers.values()) {
    if (!used.has(e.number)) {
      ctx.unrecognised.push({
        text: `${e.number}. ${e.lines.join('\n')}`,
        ...e.where,
        reasonCode: 'answer_without_question',
      });
    }
  }
  ctx.unrecognised.push(...answerPart.unrecognised);
  const passages = raw.passages.map((p) => ({
    id: p.id,
    content: joinLines(p.lines.map((l) => takeTokens(l, '', ctx).text)),
  }));
  const paper = {
    format: 'yuejuan/paper@1' as const,
    ...meta,
    ...(passages.length ? { passages } : {}),
    sections,
  };
  // A later reading of the same piece (a composite's key applied after its sub's own) wins.
  const confidence = [...new Map(ctx.confidence.map((c) => [c.path, c])).values()];
  return {
    paper,
    confidence,
    unrecognised: ctx.unrecognised,
    flags: ctx.flags,
    stats: countStats(sections),
  };
}

function buildSection(s: RawSection, path: string, ctx: Ctx): SectionDoc {
  const section: SectionDoc = { title: s.title, questions: [] };
  if (s.instructions.length) section.instructions = joinLines(s.instructions);
  // 本题共N小题，共M分 without 每小题: an even share, if it divides.
  let pointsEach = s.heading.pointsEach;
  if (
    pointsEach === undefined &&
    s.heading.count &&
    s.heading.total &&
    s.heading.count === s.questions.length
  ) {
    const share = s.heading.total / s.heading.count;
    if (Number.isInteger(share * 2)) pointsEach = share;
  }
  s.questions.forEach((q, j) =>
    section.questions.push(buildQuestion(q, `${path}.questions.${j}`, s, pointsEach, ctx)),
  );
  return section;
}

function buildQuestion(
  raw: RawQuestion,
  path: string,
  s: RawSection,
  pointsEach: number | undefined,
  ctx: Ctx,
): QuestionDoc {
  const parts = readParts(raw, path, ctx);
  const subsHavePoints =
    raw.subs.length > 0 && raw.subs.every((x) => INLINE_POINTS.test(x.lines.join(' ')));
  const parentPoints = parts.points ?? pointsEach;
  const subsHaveOptions = raw.subs.some((x) => x.options.length > 0);
  const isComposite =
    raw.subs.length > 0 &&
    (subsHavePoints || subsHaveOptions || parentPoints === undefined) &&
    raw.options.length === 0;
  if (raw.subs.length > 0 && !isComposite) {
    // Sub-questions without their own points (（1）求…（2）证明…) stay in one question's stem.
    const subs = raw.subs.map((x) => readParts(x, path, ctx));
    parts.stem = joinLines(
      [parts.stem, ...subs.map((x, k) => `(${raw.subs[k].number}) ${x.stem}`)].filter(Boolean),
    );
    parts.images.push(...subs.flatMap((x) => x.images));
  }
  const q: QuestionDoc = { number: raw.number, type: 'short_answer' };
  if (isComposite) {
    q.type = 'composite';
    ctx.confidence.push({ path: `${path}.type`, level: 'medium', reasonCode: 'type_composite' });
    if (parts.stem) q.stem = parts.stem;
    if (raw.passage) q.passage = raw.passage;
    if (parts.images.length) q.images = parts.images;
    q.subQuestions = raw.subs.map((x, k) => {
      const sub = readParts(x, `${path}.subQuestions.${k}`, ctx);
      return finishQuestion(
        { ...x, number: `${raw.number}(${x.number})` },
        sub,
        `${path}.subQuestions.${k}`,
        s,
        undefined,
        ctx,
      );
    });
    applyCompositeAnswer(q, path, ctx);
    return q;
  }
  return finishQuestion(raw, parts, path, s, pointsEach, ctx);
}

interface Parts {
  stem: string;
  images: ImageRef[];
  options: OptionDoc[];
  points?: number;
}

/** Stem (with （12分） taken out as points), images and options of a raw (sub-)question. */
function readParts(raw: RawQuestion, path: string, ctx: Ctx): Parts {
  let stem = joinLines(raw.lines);
  const pts = INLINE_POINTS.exec(stem);
  if (pts) stem = stem.replace(pts[0], '').trim();
  const taken = takeTokens(stem, path, ctx);
  const options = raw.options.map((o, k) => {
    const t = takeTokens(o.text, `${path}.options.${k}`, ctx);
    const opt: OptionDoc = { label: o.label, text: t.text };
    if (t.images[0]) opt.image = t.images[0];
    return opt;
  });
  return {
    stem: taken.text,
    images: taken.images,
    options,
    ...(pts ? { points: Number(pts[1]) } : {}),
  };
}

function finishQuestion(
  raw: RawQuestion,
  parts: Parts,
  path: string,
  s: RawSection,
  pointsEach: number | undefined,
  ctx: Ctx,
): QuestionDoc {
  const q: QuestionDoc = { number: raw.number, type: inferType(raw, parts, s, path, ctx) };
  if (parts.points !== undefined) {
    q.points = parts.points;
    ctx.confidence.push({ path: `${path}.points`, level: 'high', reasonCode: 'inline_points' });
  } else if (pointsEach !== undefined) {
    q.points = pointsEach;
    ctx.confidence.push({
      path: `${path}.points`,
      level: s.heading.pointsEach ? 'high' : 'medium',
      reasonCode: 'heading_points',
    });
  } else {
    ctx.confidence.push({ path: `${path}.points`, level: 'low', reasonCode: 'points_missing' });
  }
  if (parts.stem) q.stem = parts.stem;
  if (raw.passage) q.passage = raw.passage;
  if (parts.images.length) q.images = parts.images;
  if (parts.options.length) {
    q.options = parts.options;
    const gap =
      parts.options.some((o, k) => o.label !== String.fromCharCode(65 + k)) ||
      parts.options.length < 2;
    ctx.confidence.push({
      path: `${path}.options`,
      level: gap ? 'low' : 'high',
      reasonCode: gap ? 'options_incomplete' : `options_${raw.optionLayout ?? 'lines'}`,
    });
  }
  if (q.type === 'fill_blank') q.blanks = Math.max(1, countBlanks(parts.stem, true));
  if (q.type === 'multiple_choice' && s.heading.partialPoints !== undefined) {
    q.scoring = {
      multipleChoice: { rule: 'subset_fixed', partialPoints: s.heading.partialPoints },
    };
  }
  const entry = raw.answerLines.length
    ? { number: raw.number, lines: raw.answerLines, where: raw.where }
    : ctx.answers.get(raw.number);
  applyAnswer(q, entry, path, ctx);
  return q;
}

function inferType(
  raw: RawQuestion,
  parts: Parts,
  s: RawSection,
  path: string,
  ctx: Ctx,
): QuestionType {
  const said = (type: QuestionType, level: IntakeConfidence['level'], reasonCode: string) => {
    ctx.confidence.push({ path: `${path}.type`, level, reasonCode });
    return type;
  };
  const heading = s.heading.type;
  const hasOptions = parts.options.length > 0;
  if (hasOptions && s.heading.multipleNumbers.has(raw.number))
    return said('multiple_choice', 'high', 'type_from_heading');
  if (hasOptions && (heading === 'single_choice' || heading === 'multiple_choice'))
    return said(heading, 'high', 'type_from_heading');
  if (hasOptions) return said('single_choice', 'medium', 'type_from_options');
  if (heading === 'true_false' || heading === 'fill_blank')
    return said(heading, 'high', 'type_from_heading');
  if (countBlanks(parts.stem, false) > 0) return said('fill_blank', 'medium', 'type_from_blanks');
  if (heading && heading !== 'single_choice' && heading !== 'multiple_choice')
    return said(heading, 'high', 'type_from_heading');
  return said('short_answer', 'low', 'type_default');
}

/** The key (objective) or reference answer (subjective) from the question's answer entry. */
function applyAnswer(q: QuestionDoc, entry: AnswerEntry | undefined, path: string, ctx: Ctx) {
  const objective = OBJECTIVE_TYPES.includes(q.type);
  const field = objective ? 'answer' : 'referenceAnswer';
  const conf = (level: IntakeConfidence['level'], reasonCode: string) =>
    ctx.confidence.push({ path: `${path}.${field}`, level, reasonCode });
  if (!entry) return conf('low', 'key_not_found');
  const body = readAnswerBody(entry.lines);
  if (body.analysis) q.analysis = takeTokens(body.analysis, path, ctx).text;
  const answer = takeTokens(body.answer, path, ctx).text;
  if (q.type === 'single_choice' || q.type === 'multiple_choice') {
    const letters = readLetters(answer) ?? readLetters(answer.split(/\s/)[0] ?? '');
    if (!letters) return unparsed(q, entry, answer, ctx, conf);
    if (letters.length > 1 && q.type === 'single_choice') {
      q.type = 'multiple_choice';
      ctx.confidence.push({ path: `${path}.type`, level: 'medium', reasonCode: 'type_from_key' });
    }
    q.answer = letters;
    const labels = new Set((q.options ?? []).map((o) => o.label));
    const known = [...letters].every((l) => labels.has(l));
    return conf(known ? 'high' : 'low', known ? 'key_matched' : 'key_not_option');
  }
  if (q.type === 'true_false') {
    const tf = readTrueFalse(answer);
    if (tf === null) return unparsed(q, entry, answer, ctx, conf);
    q.answer = tf;
    return conf('high', 'key_matched');
  }
  if (q.type === 'fill_blank') {
    if (!answer) return unparsed(q, entry, answer, ctx, conf);
    // A key is compared as written, so one whole formula loses its dollars ($\\frac{3}{10}$ → \\frac{3}{10}).
    const values = splitBlankAnswers(answer, q.blanks ?? 1).map((v) =>
      /^\$[^$]+\$$/.test(v) ? v.slice(1, -1).trim() : v,
    );
    q.answer = values;
    return conf(
      values.length === q.blanks ? 'high' : 'low',
      values.length === q.blanks ? 'key_matched' : 'key_blank_count',
    );
  }
  const reference = answer || q.analysis;
  if (!reference) return conf('low', 'key_not_found');
  q.referenceAnswer = reference;
  conf(answer ? 'high' : 'medium', answer ? 'key_matched' : 'key_from_analysis');
}

function unparsed(
  q: QuestionDoc,
  entry: AnswerEntry,
  answer: string,
  ctx: Ctx,
  conf: (l: 'low', r: string) => void,
) {
  ctx.unrecognised.push({
    text: `${q.number}. ${answer}`,
    ...entry.where,
    reasonCode: 'unparsed_answer',
  });
  conf('low', 'unparsed_answer');
}

/** A composite's entry split at （1）（2）… onto its sub-questions; else all of it to the first. */
function applyCompositeAnswer(q: QuestionDoc, path: string, ctx: Ctx) {
  const entry = ctx.answers.get(q.number);
  if (!entry) return;
  const subs = q.subQuestions!;
  const body = readAnswerBody(entry.lines);
  const split = splitSubAnswers(body.answer, subs.length);
  if (body.analysis) q.analysis = takeTokens(body.analysis, path, ctx).text;
  subs.forEach((sub, k) => {
    const text = split
      ? split[k].replace(/^[(（]\s*\d{1,2}\s*[)）]\s*/, '')
      : k === 0
        ? body.answer
        : '';
    if (text)
      applyAnswer(
        sub,
        { number: sub.number, lines: [text], where: entry.where },
        `${path}.subQuestions.${k}`,
        ctx,
      );
  });
}

/**
 * Image tokens out of text into image refs. A MathType preview also leaves a visible marker and a
 * flag; a picture that could not be decoded leaves a marker and a flag, with no image.
 */
function takeTokens(text: string, path: string, ctx: Ctx): { text: string; images: ImageRef[] } {
  const images: ImageRef[] = [];
  const out = text.replace(IMAGE_TOKEN, (_m, kind: string, name: string) => {
    if (kind === 'IMG') {
      images.push({ file: name });
      return '';
    }
    if (kind === 'OLE') {
      images.push({ file: name, alt: 'MathType 公式' });
      ctx.flags.push({ code: 'mathtype_image', path, params: { image: name } });
      return `[公式图片 ${name.replace(/^images\//, '')}，请改写为 LaTeX]`;
    }
    const isOle = kind === 'OLEX';
    ctx.flags.push({
      code: isOle ? 'mathtype_image' : 'image_unreadable',
      path,
      params: { image: '', contentType: name },
    });
    return isOle ? '[公式图片无法读取，请改写为 LaTeX]' : `[图片无法读取（${name}）]`;
  });
  return { text: out.replace(/[ \t]{2,}/g, ' ').trim(), images };
}

function countStats(sections: SectionDoc[]): IntakeDraft['stats'] {
  const units = sections.flatMap((s) =>
    s.questions.flatMap((q) => (q.type === 'composite' ? (q.subQuestions ?? []) : [q])),
  );
  return {
    questions: sections.reduce((n, s) => n + s.questions.length, 0),
    withKey: units.filter((u) => u.answer !== undefined || u.referenceAnswer !== undefined).length,
    withPoints: units.filter((u) => u.points !== undefined).length,
    objective: units.filter((u) => OBJECTIVE_TYPES.includes(u.type)).length,
  };
}
