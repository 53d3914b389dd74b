import { I18nService } from '../../core/i18n/i18n.service';
import { FILTER_SUBJECTS as SUBJECTS } from '@yuejuan/contracts';
import { Dimension, Figure } from './reports-api.service';

/** Catalogue prefix of each dimension's values; knowledge tags are the paper's own words. */
const VALUE_KEYS: Partial<Record<Dimension, string>> = {
  subject: 'subject.',
  objectivity: 'report.objectivity.',
  group: 'report.group.',
  type: 'type.',
  stage: 'stage.',
};

/**
 * A subject as the report names it. 道德与法治 (primary and junior) is reported under politics
 * by design (exam-papers/README.md), so the report's politics says it includes it.
 */
const REPORT_SUBJECT_KEYS: Record<string, string> = { politics: 'report.subject.politics' };
export const subjectKey = (subject: string) => REPORT_SUBJECT_KEYS[subject] ?? `subject.${subject}`;
export function subjectLabel(i18n: I18nService, subject: string) {
  return i18n.t(subjectKey(subject));
}

/** A slice's value in the reader's language: "数学", "Objective", "Grade 12"; tags as written. */
export function sliceLabel(i18n: I18nService, dimension: Dimension | 'question', value: string) {
  if (dimension === 'overall') return i18n.t('report.allSubjects');
  if (dimension === 'grade') return i18n.t('report.gradeValue', { n: value });
  if (dimension === 'subject') return subjectLabel(i18n, value);
  const prefix = VALUE_KEYS[dimension as Dimension];
  return prefix ? i18n.t(prefix + value) : value;
}

/** Subjects in the catalogue's order, then grades by number; other values rank equal. */
export function sliceRank(dimension: Dimension, value: string): number {
  if (dimension === 'subject') {
    const i = (SUBJECTS as readonly string[]).indexOf(value);
    return i < 0 ? SUBJECTS.length : i;
  }
  return dimension === 'grade' ? Number(value) : 0;
}

/** "on 48% of the points, all objective": the share of the slice's points the rates rest on. */
export function basisText(i18n: I18nService, f: Figure): string {
  const total = f.coverage.totalPoints;
  if (!total || !f.basis.points) return '';
  const share = Math.round((100 * f.basis.points) / total);
  const objective = f.basis.objectivePoints / f.basis.points;
  const kind =
    objective >= 1
      ? i18n.t('report.basis.allObjective')
      : objective <= 0
        ? i18n.t('report.basis.allSubjective')
        : i18n.t('report.basis.objectiveShare', { p: Math.round(objective * 100) });
  return i18n.t('report.basis', { p: share, kind });
}

/** "16 questions left out: 15 pending, 1 without student data", or '' when none is. */
export function leftOutText(i18n: I18nService, f: Figure): string {
  const l = f.leftOut;
  const n = l.pending + l.notScored + l.notApplicable + l.noCohort;
  if (!n) return '';
  const reasons = (['pending', 'notScored', 'notApplicable', 'noCohort'] as const)
    .filter((k) => l[k] > 0)
    .map((k) => i18n.t(`report.leftOut.${k}`, { n: l[k] }))
    .join(i18n.t('report.listSep'));
  return i18n.t('report.leftOut', { n, reasons });
}
