/** Turns one dataset record into a question of the bundle format. Pure: no file access. */
import { cleanLeftovers } from './derive-rubric.mjs';

const TAGS = [
  ['Reading_Comp', '阅读理解'],
  ['English_Cloze_Test', '七选五'],
  ['English_Fill_in_Blanks', '完形填空'],
  ['Cloze_Passage', '语法填空'],
  ['Error_Correction', '短文改错'],
  ['Modern_Lit', '现代文阅读'],
  ['Lang_and_Usage', '语言文字运用'],
  ['Practical_Text', '实用类文本阅读'],
  ['Pratical_Lit', '实用类文本阅读'],
  ['Literary_Text', '文学类文本阅读'],
  ['Classical_Chinese', '文言文阅读'],
  ['Ancient_Poetry', '古代诗歌鉴赏'],
  ['Dictation', '名篇名句默写'],
  ['Language_and_Writing', '语言文字运用'],
  ['Fill-in-the-Blank', '填空题'],
  ['Open-ended', '解答题'],
  ['MCQs', '选择题'],
];

const SUBJECTIVE = { calculation: 'calculation', short_answer: 'short_answer' };

export function nextNumber(counter) {
  counter.n += 1;
  return String(counter.n);
}

/** Strips the original "12. （5分）" prefix: papers are renumbered because they are excerpts. */
function cleanStem(text) {
  return text
    .replace(/^\s*\d+\s*[.．、]\s*/, '')
    .replace(/^\s*[（(]\s*\d+(\.\d+)?\s*分\s*[)）]\s*/, '')
    .trim();
}

function tagsOf(file) {
  const hit = TAGS.find(([k]) => file.includes(k));
  return hit ? [hit[1]] : [];
}

/**
 * Finds options A.. D laid out inline or one per line. Takes the last "A." that is followed by
 * B., C., D. in order, so an "A" inside the stem is not mistaken for the first option.
 */
export function splitOptions(text, labels = ['A', 'B', 'C', 'D']) {
  const marker = (l) => new RegExp(`(^|[\\s（($）)。;；])${l}\\s*[.．、:：]`, 'g');
  const starts = [...text.matchAll(marker(labels[0]))].map((m) => m.index + m[1].length);
  for (const start of starts.reverse()) {
    const pos = [start];
    let ok = true;
    for (const l of labels.slice(1)) {
      const re = marker(l);
      re.lastIndex = pos[pos.length - 1] + 1;
      const m = re.exec(text);
      if (!m) {
        ok = false;
        break;
      }
      pos.push(m.index + m[1].length);
    }
    if (!ok) continue;
    const options = labels.map((label, k) => {
      const body = text.slice(pos[k], k + 1 < pos.length ? pos[k + 1] : undefined);
      return {
        label,
        text: body
          .replace(/^[A-J]\s*[.．、:：]\s*/, '')
          .replace(/\s+/g, ' ')
          .trim(),
      };
    });
    return { stem: text.slice(0, start).trim(), options };
  }
  return null;
}

function choice(item, type, number, provenance, file) {
  // Most items have A–D; a few (Chinese reading) have a fifth option E.
  const hasE =
    item.answer[0].includes('E') || /(^|[\s（($）)。;；])E\s*[.．、]/.test(item.question);
  const labels = hasE ? ['A', 'B', 'C', 'D', 'E'] : ['A', 'B', 'C', 'D'];
  const split = splitOptions(item.question, labels);
  return {
    number,
    type,
    points: item.score * item.answer.length,
    stem: cleanStem(split ? split.stem : item.question),
    options: split ? split.options : labels.map((label) => ({ label })),
    answer: item.answer[0],
    analysis: item.analysis || undefined,
    tags: tagsOf(file),
    provenance,
  };
}

/** Several single-choice sub-questions printed inside one shared passage. */
function group(item, counter, provenance, passages, file, labels) {
  const passageId = `p${passages.length + 1}`;
  passages.push({ id: passageId, content: cleanStem(item.question) });
  const subQuestions = item.answer.map((key, k) => {
    const number = nextNumber(counter);
    return {
      number,
      type: 'single_choice',
      points: item.score,
      stem: `材料中的第 ${k + 1} 小题（本卷第 ${number} 题）。`,
      options: labels.map((label) => ({ label })),
      answer: key,
    };
  });
  const first = subQuestions[0].number;
  const last = subQuestions[subQuestions.length - 1].number;
  return {
    number: first === last ? `${first}组` : `${first}-${last}`,
    type: 'composite',
    passage: passageId,
    analysis: item.analysis || undefined,
    tags: tagsOf(file),
    subQuestions,
    provenance,
  };
}

/** Splits "①.轻拢慢捻 ②.初为" or "41. by 42. the" into one key per blank. */
export function splitBlankKeys(answer) {
  const text = answer.replace(/【答案】/g, '').trim();
  const circled = text
    .split(/[①②③④⑤⑥⑦⑧⑨⑩]\s*[.．、]?/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (circled.length > 1) return circled.map((s) => s.replace(/\s+/g, ''));
  const numbered = text
    .split(/(?:^|\s)\d{1,2}\s*[.．、]\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
  return numbered.length > 1 ? numbered : null;
}

function subjective(item, type, number, provenance, file) {
  return {
    number,
    type,
    points: item.score,
    stem: cleanStem(item.question),
    referenceAnswer: cleanLeftovers(item.answer.trim()),
    analysis: cleanLeftovers(item.analysis?.trim()) || undefined,
    tags: tagsOf(file),
    provenance,
  };
}

/** Returns the question, or null when the record cannot be represented faithfully. */
export function buildQuestion(item, kind, counter, provenance, passages, file) {
  switch (kind) {
    case 'single':
    case 'multiple':
      return choice(
        item,
        kind === 'single' ? 'single_choice' : 'multiple_choice',
        nextNumber(counter),
        provenance,
        file,
      );
    case 'group':
      return group(item, counter, provenance, passages, file, ['A', 'B', 'C', 'D']);
    case 'seven':
      return group(item, counter, provenance, passages, file, ['A', 'B', 'C', 'D', 'E', 'F', 'G']);
    case 'math_blank': {
      const keys = item.answer
        .trim()
        .replace(/^\$|\$$/g, '')
        .split(/\\?#\s*\\?#/)
        .map((s) => s.replace(/^\$|\$$/g, '').trim())
        .filter(Boolean);
      if (!keys.length) return null;
      return {
        ...subjective(item, 'short_answer', nextNumber(counter), provenance, file),
        type: 'fill_blank',
        blanks: 1,
        answer: [keys.length === 1 ? keys[0] : keys],
        referenceAnswer: undefined,
      };
    }
    case 'dictation':
    case 'grammar_blank': {
      const keys = splitBlankKeys(item.answer);
      const number = nextNumber(counter);
      if (!keys) return subjective(item, 'short_answer', number, provenance, file);
      return {
        ...subjective(item, 'short_answer', number, provenance, file),
        type: 'fill_blank',
        blanks: keys.length,
        answer: keys,
        referenceAnswer: undefined,
      };
    }
    default:
      return subjective(item, SUBJECTIVE[kind], nextNumber(counter), provenance, file);
  }
}
