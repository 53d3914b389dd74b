import { I18nService } from '../../../core/i18n/i18n.service';
import { Problem } from './editor.models';

export interface WordedProblem {
  where: string;
  field: string;
  message: string;
}

/**
 * A validator problem in the reader's language: which question (第5题), which field (答案,
 * 选项 第2项 · 文字), and what is wrong, from the code and its params; the server's English
 * message only when a code is unknown to the catalogue.
 */
export function wordProblem(i18n: I18nService, p: Problem): WordedProblem {
  return { where: whereOf(i18n, p), field: fieldOf(i18n, p), message: messageOf(i18n, p) };
}

function whereOf(i18n: I18nService, p: Problem): string {
  const l = p.location;
  if (!l) return p.file;
  switch (l.scope) {
    case 'question':
      return l.question
        ? i18n.t('editor.where.question', { n: l.question })
        : i18n.t('editor.where.questionAt', { s: l.section ?? '?', n: l.ordinal ?? '?' });
    case 'rubric':
      return l.question
        ? i18n.t('editor.where.rubric', { n: l.question })
        : i18n.t(l.ordinal ? 'editor.where.rubricAt' : 'editor.field.items', {
            n: l.ordinal ?? '',
          });
    case 'section':
      return i18n.t('editor.where.section', { n: l.section ?? '?' });
    case 'passage':
      return i18n.t('editor.where.passage', { id: l.passage ?? l.index ?? '' });
    case 'paper':
      return i18n.t('editor.where.paper');
    default:
      return String(p.params?.['file'] ?? p.file ?? i18n.t('editor.where.bundle'));
  }
}

function fieldOf(i18n: I18nService, p: Problem): string {
  const l = p.location;
  if (!l?.field) return '';
  // A paper's `id` is its slug; elsewhere (passages, rubric items) an id is an entry's short name.
  const parts = [label(i18n, l.scope === 'paper' && l.field === 'id' ? 'paperId' : l.field)];
  if (l.index) parts[0] += ' ' + i18n.t('editor.where.entry', { n: l.index });
  if (l.subfield) parts.push(...l.subfield.split('.').map((f) => label(i18n, f)));
  return parts.join(' · ');
}

function label(i18n: I18nService, field: string): string {
  const key = `editor.field.${field}`;
  const text = i18n.t(key);
  return text === key ? field : text;
}

function messageOf(i18n: I18nService, p: Problem): string {
  if (!p.code) return p.message;
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(p.params ?? {})) if (v !== null) params[k] = String(v);
  // Patterns say more when the field is known (a paper id, an option letter).
  const specific =
    p.code === 'bundle.schema.pattern'
      ? `problem.${p.code}.${p.location?.subfield ?? p.location?.field}`
      : '';
  for (const key of [specific, `problem.${p.code}`]) {
    if (!key) continue;
    const text = i18n.t(key, params);
    if (text !== key) return text;
  }
  return p.message;
}

/** The data-field key an input carries, for focusing it from a problem. */
export function fieldKey(p: Problem): string {
  const l = p.location;
  if (!l) return '';
  const base = l.scope === 'rubric' ? `rubric.${l.field ?? ''}` : (l.field ?? '');
  return [base, l.index, l.subfield].filter((x) => x !== undefined && x !== '').join('.');
}
