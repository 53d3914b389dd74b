/** Paper metadata guessed from the title lines and the file name. Pure. */
import type { PaperDoc, Stage, Subject } from '../bundle/bundle.types';
import type { IntakeConfidence } from './draft.types';

type Meta = Pick<
  PaperDoc,
  'id' | 'title' | 'subject' | 'grade' | 'stage' | 'year' | 'region' | 'language' | 'source'
>;

const SUBJECT_WORDS: [RegExp, Subject][] = [
  [/语文/, 'chinese'],
  [/数学/, 'math'],
  [/英语/, 'english'],
  [/物理/, 'physics'],
  [/化学/, 'chemistry'],
  [/生物/, 'biology'],
  [/历史/, 'history'],
  [/地理/, 'geography'],
  [/政治|道德与法治|思想政治/, 'politics'],
  [/科学/, 'science'],
];

const GRADE_WORDS: [RegExp, number, Stage][] = [
  [/高考|普通高等学校招生|高三/, 12, 'senior'],
  [/高二/, 11, 'senior'],
  [/高一/, 10, 'senior'],
  [/中考|初三|九年级/, 9, 'junior'],
  [/初二|八年级/, 8, 'junior'],
  [/初一|七年级/, 7, 'junior'],
  [/六年级/, 6, 'primary'],
  [/五年级/, 5, 'primary'],
  [/四年级/, 4, 'primary'],
  [/三年级/, 3, 'primary'],
  [/二年级/, 2, 'primary'],
  [/一年级/, 1, 'primary'],
];

const REGION =
  /[(（]([^()（）]*(?:卷|地区))[)）]|(全国[甲乙丙一二三ⅠⅡⅢ]+卷|新高考[ⅠⅡⅢ一二三I]+卷|[\u4e00-\u9fa5]{2,3}卷)/;

/**
 * Title, subject, grade, stage, year and region read from the title lines; what is not said
 * there gets a default with a low confidence, so the editor asks the author. The licence is
 * never guessed.
 */
export function guessMeta(
  titleLines: string[],
  filename: string,
  now: Date,
): { meta: Meta; confidence: IntakeConfidence[] } {
  const confidence: IntakeConfidence[] = [];
  const said = (path: string, found: boolean) =>
    confidence.push({
      path,
      level: found ? 'medium' : 'low',
      reasonCode: found ? 'meta_from_title' : 'meta_default',
    });
  const title =
    (titleLines.join('') || filename.replace(/\.(docx|pdf)$/i, '')).slice(0, 200) || '未命名试卷';
  const text = `${titleLines.join(' ')} ${filename}`;
  const subject = SUBJECT_WORDS.find(([re]) => re.test(text))?.[1];
  const grade = GRADE_WORDS.find(([re]) => re.test(text));
  const year =
    /(19[5-9]\d|20\d\d)\s*(?:年|学年|届|-|—)/.exec(text) ?? /(19[5-9]\d|20\d\d)/.exec(text);
  const region = REGION.exec(text);
  said('title', titleLines.length > 0);
  said('subject', !!subject);
  said('grade', !!grade);
  said('stage', !!grade);
  said('year', !!year);
  said('region', !!region);
  confidence.push({ path: 'source.licence', level: 'low', reasonCode: 'meta_default' });
  const meta: Meta = {
    id: draftId(year?.[1], subject, filename),
    title,
    subject: subject ?? 'other',
    grade: grade?.[1] ?? 12,
    stage: grade?.[2] ?? 'senior',
    year: Number(year?.[1] ?? now.getUTCFullYear()),
    region: region?.[1] ?? region?.[2] ?? '未注明',
    language: /[\u4e00-\u9fa5]/.test(title) ? 'zh' : 'en',
    source: { name: filename, licence: '' },
  };
  return { meta, confidence };
}

/** A slug the author can keep: intake-<year>-<subject>-<ascii of the file name>. */
function draftId(year: string | undefined, subject: Subject | undefined, filename: string): string {
  const base = filename
    .replace(/\.(docx|pdf)$/i, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return ['intake', year, subject, base].filter(Boolean).join('-').replace(/-+/g, '-').slice(0, 80);
}
