import type { ChatMessage, ContentPart, ModelPrompt, Subject } from '@yuejuan/contracts';

/**
 * The one renderer of a question for a model. Pure: images arrive as ready data URLs.
 * The template version is recorded with every prompt so answers stay reproducible.
 */
export const TEMPLATE_VERSION = 'zh-exam@1';

export interface RenderImage {
  sha256: string;
  alt: string | null;
  optionLabel: string | null;
}

export interface RenderableQuestion {
  number: string;
  type: string;
  points: number;
  stem: string;
  options: { label: string; text?: string }[] | null;
  blanks: number | null;
  images: RenderImage[];
  passage: string | null;
  subQuestions: RenderableQuestion[];
}

export interface PaperContext {
  title: string;
  subject: string;
  language: string;
  /** Below senior high, politics is the school's 道德与法治 (exam-papers/README.md). */
  stage?: string;
}

// The prompt's shape is the paper page's too (it previews it): defined once in @yuejuan/contracts.
export type { ChatMessage, ContentPart, ModelPrompt } from '@yuejuan/contracts';

// Typed by the contracts' subject list, so a subject added there without its name here fails to compile.
const SUBJECT_ZH: Record<Subject, string> & Record<string, string> = {
  chinese: '语文',
  math: '数学',
  english: '英语',
  physics: '物理',
  chemistry: '化学',
  biology: '生物',
  history: '历史',
  geography: '地理',
  politics: '思想政治',
  science: '科学',
  other: '综合',
};

/** The answer contract: a tag per answer so extraction never has to guess. */
export function answerContract(q: RenderableQuestion): string {
  switch (q.type) {
    case 'single_choice':
      return '本题只有一个正确选项。最后单独一行写出答案，格式为：【答案】B';
    case 'multiple_choice':
      return '本题可能有一个或多个正确选项。最后单独一行写出你选择的全部选项字母，格式为：【答案】ACD';
    case 'true_false':
      return '最后单独一行写出判断，格式为：【答案】正确 或 【答案】错误';
    case 'fill_blank':
      return `本题共 ${q.blanks} 空。最后每空单独一行，格式为：${Array.from({ length: q.blanks ?? 1 }, (_, k) => `【第${k + 1}空】…`).join(' ')}`;
    case 'composite':
      return `本题含 ${q.subQuestions.length} 个小题。先逐题分析，最后每小题单独一行写出答案，格式为：${q.subQuestions
        .slice(0, 2)
        .map((s) => `【答案${s.number}】…`)
        .join(' ')}${q.subQuestions.length > 2 ? ' …' : ''}`;
    default:
      return '请写出完整的解答过程（含必要的文字说明、公式和演算步骤），最后以“【答案】”开头写出结论。';
  }
}

export function systemPrompt(paper: PaperContext): string {
  const subject =
    paper.subject === 'politics' && paper.stage && paper.stage !== 'senior'
      ? '道德与法治'
      : (SUBJECT_ZH[paper.subject] ?? paper.subject);
  return [
    `你是一名正在参加考试的考生，试卷为《${paper.title}》，科目：${subject}。`,
    '请像考生一样独立作答：认真审题，逐步推理，答案写在规定的格式里。',
    '数学公式用 LaTeX 书写并放在 $…$ 中。',
  ].join('\n');
}

function questionText(q: RenderableQuestion, isSub: boolean): string {
  const lines = [`${isSub ? '小题' : '第'}${q.number}${isSub ? '' : '题'}（${q.points} 分）`];
  if (q.stem) lines.push(q.stem);
  for (const o of q.options ?? []) if (o.text) lines.push(`${o.label}. ${o.text}`);
  if (q.options?.length && q.options.every((o) => !o.text))
    lines.push(`（选项：${q.options.map((o) => o.label).join('、')}，见材料）`);
  return lines.join('\n');
}

/**
 * Renders one top-level question (with its sub-questions) as chat messages.
 * `dataUrls` maps image hashes to data URLs in the model's image profile (vision mode only).
 */
export function renderForModel(
  paper: PaperContext,
  q: RenderableQuestion,
  mode: 'text' | 'vision',
  dataUrls: Map<string, string> = new Map(),
): ModelPrompt {
  const parts: ContentPart[] = [];
  const flags: string[] = [];
  let text = '';
  let imageCount = 0;
  const flush = () => {
    if (text.trim()) parts.push({ type: 'text', text: text.trim() });
    text = '';
  };
  const addImages = (images: RenderImage[]) => {
    for (const img of images) {
      imageCount += 1;
      const label = img.optionLabel ? `选项 ${img.optionLabel} 的图` : `图 ${imageCount}`;
      if (mode === 'vision') {
        const url = dataUrls.get(img.sha256);
        if (!url) throw new Error(`image ${img.sha256} has no rendering`);
        text += `\n${label}：`;
        flush();
        parts.push({ type: 'image_url', image_url: { url } });
      } else {
        // Never silently stripped: the model is told, and the prompt is flagged.
        text += `\n[${label}：此处有图片，纯文本模式下未提供]`;
      }
    }
  };

  if (q.passage) text += `阅读下面的材料，完成后面的题目。\n${q.passage}\n\n`;
  text += questionText(q, false);
  addImages(q.images);
  for (const sub of q.subQuestions) {
    text += `\n\n${questionText(sub, true)}`;
    addImages(sub.images);
  }
  text += `\n\n${answerContract(q)}`;
  flush();

  if (mode === 'text' && imageCount > 0) flags.push('image_question_in_text_mode');
  const user: ChatMessage =
    mode === 'vision' && imageCount > 0
      ? { role: 'user', content: parts }
      : { role: 'user', content: parts.map((p) => (p as { text: string }).text).join('\n') };
  return {
    templateVersion: TEMPLATE_VERSION,
    mode,
    messages: [{ role: 'system', content: systemPrompt(paper) }, user],
    flags,
    imageCount,
  };
}
